// SPDX-License-Identifier: MIT
#pragma once

#include "command.h"

// The handlers of the headless commands (the table in cli.cpp names them). Each returns
// the exit code: 0 ok, 1 a check failed, 2 unreadable input or bad usage.
namespace coldscope::cli {

int summaryCommand(const Args &a);
int treeCommand(const Args &a);
int eventsCommand(const Args &a);
int queryCommand(const Args &a);
int diffCommand(const Args &a);
int exportCommand(const Args &a);

} // namespace coldscope::cli
