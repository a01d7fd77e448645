// SPDX-License-Identifier: MIT
#include "timelinedata.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace coldscope {

TimeMs TimelineBar::finish() const
{
    if (start != kNoTime)
        return start + TimeMs(std::llround(std::isnan(durationMs) ? 0.0 : durationMs));
    if (initStart != kNoTime)
        return initStart + TimeMs(std::llround(std::isnan(initMs) ? 0.0 : initMs));
    return kNoTime;
}

std::size_t TimelineData::barCount() const
{
    std::size_t n = 0;
    for (const auto &l : lanes)
        n += l.bars.size();
    return n;
}

TimelineData buildTimeline(const LogData &d, std::optional<std::uint32_t> function)
{
    TimelineData t;
    std::map<std::uint32_t, std::size_t> laneOf;
    auto lane = [&](std::uint32_t stream) -> TimelineLane & {
        auto it = laneOf.find(stream);
        if (it == laneOf.end()) {
            it = laneOf.emplace(stream, t.lanes.size()).first;
            t.lanes.push_back({ stream, {} });
        }
        return t.lanes[it->second];
    };
    auto keep = [&](std::uint32_t fn) { return !function || fn == *function; };
    for (std::size_t v = 0; v < d.invocations.size(); ++v) {
        const Invocation &inv = d.invocations[v];
        if (!keep(inv.function) || inv.start == kNoTime)
            continue;
        TimelineBar b;
        b.invocation = std::int32_t(v);
        b.start = inv.start;
        b.durationMs = inv.durationMs;
        b.status = inv.status;
        b.cold = inv.cold;
        if (inv.cold && !std::isnan(inv.initDurationMs)) {
            b.initMs = inv.initDurationMs;
            b.initPhase = inv.initPhase;
            // INIT ran right before the handler.
            b.initStart = inv.start - TimeMs(std::llround(inv.initDurationMs));
            if (inv.initPhase >= 0)
                b.initStatus = d.initPhases[std::size_t(inv.initPhase)].status;
        }
        lane(inv.stream).bars.push_back(b);
    }
    for (std::size_t p = 0; p < d.initPhases.size(); ++p) {
        const InitPhase &ip = d.initPhases[p];
        if (ip.invocation >= 0 || !keep(ip.function) || ip.start == kNoTime)
            continue;
        TimelineBar b;
        b.initPhase = std::int32_t(p);
        b.initStart = ip.start;
        b.initMs = ip.durationMs;
        b.initStatus = ip.status;
        lane(ip.stream).bars.push_back(b);
    }
    for (auto &l : t.lanes) {
        std::sort(l.bars.begin(), l.bars.end(),
            [](const TimelineBar &a, const TimelineBar &b) { return a.begin() < b.begin(); });
        for (const auto &b : l.bars) {
            if (t.first == kNoTime || b.begin() < t.first)
                t.first = b.begin();
            if (t.last == kNoTime || b.finish() > t.last)
                t.last = b.finish();
        }
    }
    std::stable_sort(t.lanes.begin(), t.lanes.end(),
        [](const TimelineLane &a, const TimelineLane &b) { return a.bars.front().begin() < b.bars.front().begin(); });
    return t;
}

Histogram histogram(const std::vector<double> &values, int bins)
{
    Histogram h;
    bool any = false;
    for (double v : values) {
        if (std::isnan(v))
            continue;
        if (!any) {
            h.lo = h.hi = v;
            any = true;
        }
        h.lo = std::min(h.lo, v);
        h.hi = std::max(h.hi, v);
    }
    if (!any || bins <= 0)
        return h;
    if (h.hi <= h.lo)
        h.hi = h.lo + 1;
    h.width = (h.hi - h.lo) / bins;
    h.counts.assign(std::size_t(bins), 0);
    for (double v : values) {
        if (std::isnan(v))
            continue;
        auto b = std::size_t((v - h.lo) / h.width);
        ++h.counts[std::min(b, h.counts.size() - 1)];
    }
    return h;
}

} // namespace coldscope
