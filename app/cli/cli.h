// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace coldscope::cli {

// True when argv names a headless command (summary, tree, events, help, --version...).
bool isCommand(const std::vector<std::string> &args);

// Runs a headless command; returns the process exit code (0 ok, 1 check failed,
// 2 unreadable input or bad usage, with the message on stderr).
int run(const std::vector<std::string> &args);

std::string usage();

} // namespace coldscope::cli
