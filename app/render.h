// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace coldscope {

// coldscope render FILE --view window|tree|icicle|timeline|events|search|compare --out OUT.png|svg|pdf [--width W]
// [--height H] [--query Q]   (compare: FILE_A FILE_B) Draws a view with no display (offscreen platform) exactly as the
// window shows it. `argc/argv` are passed to QApplication.
int renderCommand(int argc, char **argv, const std::vector<std::string> &args);

// coldscope report FILE [FILE_B] --out report.html|report.md [--query Q]...
int reportCommand(int argc, char **argv, const std::vector<std::string> &args);

} // namespace coldscope
