// SPDX-License-Identifier: MIT
#pragma once

#include "command.h"

#include <memory>
#include <string>

namespace coldscope {
struct LogData;
}

// The handlers of the headless commands (the table in cli.cpp names them). Each returns
// the exit code: 0 ok, 1 a check failed, 2 unreadable input or bad usage.
namespace coldscope::cli {

int summaryCommand(const Args &a);
int treeCommand(const Args &a);
int eventsCommand(const Args &a);
int queryCommand(const Args &a);
int diffCommand(const Args &a);
int exportCommand(const Args &a);
int adviseCommand(const Args &a); // advise.cpp

// Loads a file for a command: its warnings and skipped lines on stderr; null, with the
// message on stderr and exitCode 2, when it cannot be read.
// `summarize`: the file's summary is worked out during the load (see LoadOptions).
std::shared_ptr<LogData> load(const std::string &path, int &exitCode, bool summarize = false);

} // namespace coldscope::cli
