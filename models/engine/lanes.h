// SPDX-License-Identifier: MIT
#pragma once

#include "timelinedata.h"

#include <cstdint>
#include <vector>

namespace coldscope {

// Packed rows of the timeline: environments (lanes) whose lifetimes never overlap
// share a row, so the number of rows is the peak number of environments alive at
// once. A lane's lifetime is [first bar's begin, last bar's finish).
struct LaneRows {
    std::vector<std::vector<std::uint32_t>> rows; // lane indexes, by begin (and so by end)
    std::vector<std::uint32_t> rowOf; // by lane
    std::vector<TimeMs> begin, end; // lifetime, by lane
};
LaneRows packLanes(const TimelineData &t);

// What a bar is, for the overview counts and the next / previous keys. Cold starts,
// timeouts and errors of invocations are counted as the summary counts them; an INIT
// that served no request (INIT timeout or failure) counts as a timeout or an error.
enum class BarMark { ColdStart, Timeout, Error };
bool barHas(const TimelineBar &b, BarMark m);

// The whole file in `bins` equal bins, for the overview strip. alive / busy / init:
// the mean number of environments alive, running an invocation and in INIT over the
// bin (alive includes busy and init). coldStarts / timeouts / errors: bars whose
// begin falls in the bin (a timeout or error of an INIT that served no request
// counts too).
struct TimelineOverview {
    TimeMs from = kNoTime, to = kNoTime;
    double binMs = 0;
    std::vector<double> alive, busy, init;
    std::vector<std::uint32_t> coldStarts, timeouts, errors;
    int binOf(TimeMs t) const;
};
TimelineOverview overview(const TimelineData &t, const LaneRows &rows, int bins);

// Every bar in time order (by begin, then lane), for stepping through them.
struct BarRef {
    std::uint32_t lane = 0, bar = 0;
    bool operator==(const BarRef &) const = default;
};
std::vector<BarRef> barsByTime(const TimelineData &t);
// Position in `order` of the next (dir > 0) or previous (dir < 0) bar with `mark`
// after / before position `from` (-1: from outside the ends); -1 when there is none.
int stepTo(const TimelineData &t, const std::vector<BarRef> &order, int from, BarMark mark, int dir);

} // namespace coldscope
