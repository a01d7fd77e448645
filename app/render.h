// SPDX-License-Identifier: MIT
#pragma once

#include "command.h"

namespace coldscope {

// The handlers of the table's render and report commands (app/cli/cli.cpp holds their
// synopses and options; main.cpp hands these to cli::run). Both draw with no display
// (offscreen platform) exactly as the window shows it; `argc/argv` go to QApplication.
int renderCommand(int argc, char **argv, const cli::Args &args);
int reportCommand(int argc, char **argv, const cli::Args &args);

} // namespace coldscope
