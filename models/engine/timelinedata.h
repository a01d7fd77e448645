// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"

#include <optional>
#include <vector>

namespace coldscope {

// What the cold-start timeline draws: one lane per log stream (execution
// environment), one bar per invocation (INIT part + duration part) and one per
// INIT phase that never served a request (init timeouts and failures).
struct TimelineBar {
    TimeMs initStart = kNoTime; // kNoTime: no INIT part
    double initMs = kNaN;
    TimeMs start = kNoTime; // invocation start; kNoTime for INIT-only bars
    double durationMs = kNaN;
    Status status = Status::Unknown;
    Status initStatus = Status::Unknown;
    std::int32_t invocation = -1;
    std::int32_t initPhase = -1;
    bool cold = false; // the invocation was a cold start (as the summary counts them)

    TimeMs begin() const { return initStart != kNoTime ? initStart : start; }
    TimeMs finish() const;
};

struct TimelineLane {
    std::uint32_t stream = 0;
    std::vector<TimelineBar> bars; // by begin()
};

struct TimelineData {
    std::vector<TimelineLane> lanes; // by first activity
    TimeMs first = kNoTime, last = kNoTime;
    std::size_t barCount() const;
};

// `function`: only that function's streams.
TimelineData buildTimeline(const LogData &d, std::optional<std::uint32_t> function = std::nullopt);

// Equal-width histogram of values (NaN skipped): `bins` counts from lo to hi.
struct Histogram {
    double lo = 0, hi = 0, width = 0;
    std::vector<std::size_t> counts;
};
Histogram histogram(const std::vector<double> &values, int bins);

} // namespace coldscope
