// SPDX-License-Identifier: MIT
#include "timelinedata.h"

#include <algorithm>
#include <cmath>

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
    auto keep = [&](std::uint32_t fn) { return !function || fn == *function; };
    auto keepInvocation = [&](const Invocation &inv) { return keep(inv.function) && inv.start != kNoTime; };
    auto keepInit = [&](const InitPhase &ip) { return ip.invocation < 0 && keep(ip.function) && ip.start != kNoTime; };
    // Lanes by stream id (ids are dense), in order of first sight, each sized exactly from
    // a counting pass: grown by doubling, a million bars had held up to twice their
    // memory, and a std::map lookup per bar cost more than both passes.
    std::vector<std::int32_t> laneOf(d.events.streams.size(), -1);
    std::vector<std::size_t> counts;
    auto count = [&](std::uint32_t stream) {
        if (stream >= laneOf.size())
            laneOf.resize(std::size_t(stream) + 1, -1);
        if (laneOf[stream] < 0) {
            laneOf[stream] = std::int32_t(t.lanes.size());
            t.lanes.push_back({ stream, {} });
            counts.push_back(0);
        }
        ++counts[std::size_t(laneOf[stream])];
    };
    for (const Invocation &inv : d.invocations)
        if (keepInvocation(inv))
            count(inv.stream);
    for (const InitPhase &ip : d.initPhases)
        if (keepInit(ip))
            count(ip.stream);
    for (std::size_t l = 0; l < t.lanes.size(); ++l)
        t.lanes[l].bars.reserve(counts[l]);
    auto lane = [&](std::uint32_t stream) -> TimelineLane & { return t.lanes[std::size_t(laneOf[stream])]; };
    for (std::size_t v = 0; v < d.invocations.size(); ++v) {
        const Invocation &inv = d.invocations[v];
        if (!keepInvocation(inv))
            continue;
        TimelineBar b;
        b.invocation = std::int32_t(v);
        b.start = inv.start;
        const Metrics &r = d.reportOf(inv);
        b.durationMs = r.durationMs;
        b.status = inv.status;
        b.cold = inv.cold;
        if (inv.cold && !std::isnan(r.initDurationMs)) {
            b.initMs = r.initDurationMs;
            b.initPhase = inv.initPhase;
            // INIT ran right before the handler.
            b.initStart = inv.start - TimeMs(std::llround(r.initDurationMs));
            if (inv.initPhase >= 0)
                b.initStatus = d.initPhases[std::size_t(inv.initPhase)].status;
        }
        lane(inv.stream).bars.push_back(b);
    }
    for (std::size_t p = 0; p < d.initPhases.size(); ++p) {
        const InitPhase &ip = d.initPhases[p];
        if (!keepInit(ip))
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
