// SPDX-License-Identifier: MIT
#include "format.h"

#include <cmath>
#include <cstdio>

namespace coldscope {

// One rule for every duration shown (window, reports, CLI text): µs below 1 ms, ms below
// 10 s, s from there.
std::string formatUs(double us)
{
    if (std::isnan(us))
        return "–";
    char b[48];
    const double a = std::abs(us);
    if (a < 999.5)
        std::snprintf(b, sizeof b, "%.0f µs", us);
    else if (a < 9'999'995)
        std::snprintf(b, sizeof b, "%.*f ms", a < 99'995 ? 2 : 1, us / 1000.0);
    else
        std::snprintf(b, sizeof b, "%.2f s", us / 1e6);
    return b;
}

std::string formatMs(double ms, int decimals)
{
    if (std::isnan(ms))
        return "–";
    char b[48];
    const double a = std::abs(ms);
    if (a != 0 && a < 1)
        std::snprintf(b, sizeof b, "%.0f µs", ms * 1000.0);
    else if (a < 10'000)
        std::snprintf(b, sizeof b, "%.*f ms", decimals, ms);
    else
        std::snprintf(b, sizeof b, "%.2f s", ms / 1000.0);
    return b;
}

} // namespace coldscope
