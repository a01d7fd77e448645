// SPDX-License-Identifier: MIT
#pragma once

// How figures are written for people, in one place: the window, the reports and the
// CLI's text output all go through these.

#include <cstdint>
#include <string>

namespace coldscope {

// "873 µs", "4.94 ms", "1109.6 ms": µs below a millisecond, then ms with two decimals,
// one from 100 ms. Negative values keep their sign (deltas).
std::string formatUs(double us);
// "12.50 ms" (`decimals` after the point); "–" for NaN (a figure the log does not have).
std::string formatMs(double ms, int decimals = 2);

} // namespace coldscope
