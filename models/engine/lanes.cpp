// SPDX-License-Identifier: MIT
#include "lanes.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <queue>

namespace coldscope {

LaneRows packLanes(const TimelineData &t)
{
    LaneRows r;
    const std::size_t n = t.lanes.size();
    r.rowOf.assign(n, 0);
    r.begin.assign(n, kNoTime);
    r.end.assign(n, kNoTime);
    for (std::size_t l = 0; l < n; ++l) {
        for (const auto &b : t.lanes[l].bars) {
            if (r.begin[l] == kNoTime || b.begin() < r.begin[l])
                r.begin[l] = b.begin();
            if (r.end[l] == kNoTime || b.finish() > r.end[l])
                r.end[l] = b.finish();
        }
    }
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return r.begin[a] < r.begin[b]; });
    // Interval partitioning: a lane goes to the row that became free first, if it is
    // free by the lane's begin; otherwise it opens a row. Rows = peak overlap.
    using Free = std::pair<TimeMs, std::uint32_t>; // row end, row
    std::priority_queue<Free, std::vector<Free>, std::greater<>> free;
    for (std::uint32_t l : order) {
        std::uint32_t row;
        if (!free.empty() && free.top().first <= r.begin[l]) {
            row = free.top().second;
            free.pop();
        } else {
            row = std::uint32_t(r.rows.size());
            r.rows.emplace_back();
        }
        r.rows[row].push_back(l);
        r.rowOf[l] = row;
        free.push({ std::max(r.end[l], r.begin[l]), row });
    }
    return r;
}

bool barHas(const TimelineBar &b, BarMark m)
{
    switch (m) {
    case BarMark::ColdStart:
        return b.cold; // an invocation that was a cold start; INITs that served none are not

    case BarMark::Timeout:
        return b.status == Status::Timeout || (b.invocation < 0 && b.initStatus == Status::Timeout);
    case BarMark::Error:
        return b.status == Status::Error || b.status == Status::Failure
            || (b.invocation < 0 && (b.initStatus == Status::Error || b.initStatus == Status::Failure));
    }
    return false;
}

int TimelineOverview::binOf(TimeMs t) const
{
    if (binMs <= 0 || alive.empty())
        return -1;
    return std::clamp(int(double(t - from) / binMs), 0, int(alive.size()) - 1);
}

namespace {
// Adds the time [a, b) covers of each bin, in bins, to `acc` (O(bins covered)).
void addSpan(const TimelineOverview &o, std::vector<double> &acc, TimeMs a, TimeMs b)
{
    if (a == kNoTime || b <= a)
        return;
    const double x0 = double(a - o.from) / o.binMs, x1 = double(b - o.from) / o.binMs;
    const int n = int(acc.size());
    const int b0 = std::clamp(int(x0), 0, n - 1), b1 = std::clamp(int(x1), 0, n - 1);
    if (b0 == b1) {
        acc[std::size_t(b0)] += x1 - x0;
        return;
    }
    acc[std::size_t(b0)] += double(b0 + 1) - x0;
    for (int k = b0 + 1; k < b1; ++k)
        acc[std::size_t(k)] += 1.0;
    acc[std::size_t(b1)] += x1 - double(b1);
}
} // namespace

TimelineOverview overview(const TimelineData &t, const LaneRows &rows, int bins)
{
    TimelineOverview o;
    if (t.first == kNoTime || bins <= 0)
        return o;
    o.from = t.first;
    o.to = std::max(t.last, t.first + 1);
    o.binMs = double(o.to - o.from) / bins;
    const auto nb = std::size_t(bins);
    o.alive.assign(nb, 0);
    o.busy.assign(nb, 0);
    o.init.assign(nb, 0);
    o.coldStarts.assign(nb, 0);
    o.timeouts.assign(nb, 0);
    o.errors.assign(nb, 0);
    // Lifetimes can span every bin: a difference array keeps this O(lanes + bins).
    std::vector<double> full(nb + 1, 0.0);
    for (std::size_t l = 0; l < t.lanes.size(); ++l) {
        const TimeMs a = rows.begin[l], b = rows.end[l];
        if (a == kNoTime || b <= a)
            continue;
        const double x0 = double(a - o.from) / o.binMs, x1 = double(b - o.from) / o.binMs;
        const int b0 = std::clamp(int(x0), 0, bins - 1), b1 = std::clamp(int(x1), 0, bins - 1);
        if (b0 == b1) {
            o.alive[std::size_t(b0)] += x1 - x0;
            continue;
        }
        o.alive[std::size_t(b0)] += double(b0 + 1) - x0;
        o.alive[std::size_t(b1)] += x1 - double(b1);
        full[std::size_t(b0 + 1)] += 1.0;
        full[std::size_t(b1)] -= 1.0;
    }
    double running = 0;
    for (std::size_t k = 0; k < nb; ++k) {
        running += full[k];
        o.alive[k] += running;
    }
    for (const auto &lane : t.lanes) {
        for (const auto &b : lane.bars) {
            if (b.initStart != kNoTime && !std::isnan(b.initMs))
                addSpan(o, o.init, b.initStart, b.initStart + TimeMs(std::llround(b.initMs)));
            if (b.start != kNoTime)
                addSpan(o, o.busy, b.start, b.finish());
            const auto k = std::size_t(o.binOf(b.begin()));
            o.coldStarts[k] += barHas(b, BarMark::ColdStart) ? 1 : 0;
            o.timeouts[k] += barHas(b, BarMark::Timeout) ? 1 : 0;
            o.errors[k] += barHas(b, BarMark::Error) ? 1 : 0;
        }
    }
    return o;
}

std::vector<BarRef> barsByTime(const TimelineData &t)
{
    std::vector<BarRef> order;
    order.reserve(t.barCount());
    for (std::size_t l = 0; l < t.lanes.size(); ++l)
        for (std::size_t b = 0; b < t.lanes[l].bars.size(); ++b)
            order.push_back({ std::uint32_t(l), std::uint32_t(b) });
    auto at = [&](const BarRef &r) { return t.lanes[r.lane].bars[r.bar].begin(); };
    std::stable_sort(order.begin(), order.end(), [&](const BarRef &a, const BarRef &b) { return at(a) < at(b); });
    return order;
}

int stepTo(const TimelineData &t, const std::vector<BarRef> &order, int from, BarMark mark, int dir)
{
    const int n = int(order.size());
    if (n == 0)
        return -1;
    int i = from < 0 || from >= n ? (dir > 0 ? -1 : n) : from;
    for (i += dir > 0 ? 1 : -1; i >= 0 && i<n; i += dir> 0 ? 1 : -1) {
        const BarRef &r = order[std::size_t(i)];
        if (barHas(t.lanes[r.lane].bars[r.bar], mark))
            return i;
    }
    return -1;
}

} // namespace coldscope
