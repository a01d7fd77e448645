// SPDX-License-Identifier: MIT
#pragma once

#include "command.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace coldscope::cli {

// The command table: every command, the headless ones and those that need a
// QGuiApplication, in the order --help and the man page list them.
const std::vector<Command> &commands();
const Command *findCommand(const std::string &name);

// What the executable adds to this Qt-free library: the handlers of the table's needsGui
// commands (render, report) by name, and the window for `coldscope [FILE]` / `coldscope A B`
// (called with files that exist; no files: the bundled sample).
struct GuiHandlers {
    std::map<std::string, Handler> commands;
    std::function<int(const std::vector<std::string> &files)> window;
};

// Runs the command argv names (without argv[0]), or the window on its files; returns the
// process exit code (0 ok, 1 check failed, 2 unreadable input or bad usage, with the message
// on stderr). Without GuiHandlers (the headless build) render, report and the window fail.
int run(const std::vector<std::string> &args, const GuiHandlers &gui = {});

std::string usage();
std::string manPage();

} // namespace coldscope::cli
