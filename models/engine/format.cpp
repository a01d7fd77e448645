// SPDX-License-Identifier: MIT
#include "format.h"

#include <cmath>
#include <cstdio>

namespace coldscope {

std::string formatUs(double us)
{
    char b[48];
    if (std::abs(us) < 1000)
        std::snprintf(b, sizeof b, "%.0f µs", us);
    else
        std::snprintf(b, sizeof b, "%.*f ms", std::abs(us) < 100000 ? 2 : 1, us / 1000.0);
    return b;
}

std::string formatMs(double ms, int decimals)
{
    if (std::isnan(ms))
        return "–";
    char b[48];
    std::snprintf(b, sizeof b, "%.*f ms", decimals, ms);
    return b;
}

} // namespace coldscope
