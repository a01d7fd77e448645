// SPDX-License-Identifier: MIT
#pragma once

// How figures are written for people, in one place: the window, the reports and the
// CLI's text output all go through these.

#include <cstdint>
#include <string>

namespace coldscope {

// One unit rule everywhere: µs below 1 ms, ms below 10 s, s from 10 s.
// "873 µs", "4.94 ms", "1109.6 ms", "10.02 s": ms with two decimals, one from 100 ms.
// Negative values keep their sign (deltas); "–" for NaN (a figure the log does not have).
std::string formatUs(double us);
// "12.50 ms" (`decimals` after the point), "640 µs" below 1 ms, "10.02 s" from 10 s.
std::string formatMs(double ms, int decimals = 2);

} // namespace coldscope
