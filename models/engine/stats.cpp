// SPDX-License-Identifier: MIT
#include "stats.h"

#include <algorithm>
#include <cmath>
#include <future>
#include <numeric>

namespace coldscope {

std::size_t nearestRankIndex(std::size_t n, double p)
{
    return std::clamp<std::size_t>(std::size_t(std::ceil(p / 100.0 * double(n) - 1e-9)), 1, n);
}

double nearestRank(const std::vector<double> &sorted, double p)
{
    return sorted.empty() ? kNaN : sorted[nearestRankIndex(sorted.size(), p) - 1];
}

Distribution distribution(std::vector<double> values)
{
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
    Distribution d;
    d.count = values.size();
    if (values.empty())
        return d;
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    d.min = *lo;
    d.max = *hi;
    d.avg = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
    // Nearest rank without a full sort: select each rank in turn (O(n) each). Ranks
    // ascend, and a selection leaves only values >= the selected one after it, so each
    // next rank is selected among those.
    std::size_t from = 0;
    auto rankValue = [&](double p) {
        const std::size_t at = nearestRankIndex(values.size(), p) - 1;
        if (at >= from) { // else the rank selected last (few values): already in place
            std::nth_element(values.begin() + std::ptrdiff_t(from), values.begin() + std::ptrdiff_t(at), values.end());
            from = at + 1;
        }
        return values[at];
    };
    d.p50 = rankValue(50);
    d.p90 = rankValue(90);
    d.p99 = rankValue(99);
    return d;
}

namespace {

Summary compute(const LogData &d, const std::function<bool(const Invocation &)> &keep)
{
    Summary s;
    std::size_t reports = 0, inits = 0;
    // With a filter, the REPORT rows of the invocations it keeps, listed in this one pass
    // (keep is asked once an invocation, not again for each figure).
    std::vector<std::int32_t> keptReports;
    for (const Invocation &inv : d.invocations) {
        if (keep && !keep(inv))
            continue;
        ++s.invocations;
        s.coldStarts += inv.cold;
        s.timeouts += inv.status == Status::Timeout;
        s.errors += inv.status == Status::Error || inv.status == Status::Failure;
        if (inv.hasReport()) {
            ++reports;
            inits += !std::isnan(d.reportOf(inv).initDurationMs);
            if (keep)
                keptReports.push_back(inv.report);
        }
    }
    for (const InitPhase &p : d.initPhases) {
        if (keep) {
            Invocation probe;
            probe.function = p.function;
            probe.stream = p.stream;
            if (!keep(probe))
                continue;
        }
        ++s.initPhases;
        s.initTimeouts += p.status == Status::Timeout;
        s.initErrors += p.status == Status::Error || p.status == Status::Failure;
    }
    // One REPORT figure's distribution: its values gathered (sized exactly, NaN left out,
    // as distribution() would drop it), then ranked. Each is gathered just before it is
    // ranked, so at most two columns of values exist at once, one a thread (all four
    // gathered first had been the summary's peak).
    auto figure = [&](std::size_t count, auto value) {
        std::vector<double> v;
        v.reserve(count);
        if (keep) {
            for (const std::int32_t r : keptReports)
                if (const double x = value(d.events.metrics[std::size_t(r)]); !std::isnan(x))
                    v.push_back(x);
        } else {
            for (const Invocation &inv : d.invocations)
                if (inv.hasReport())
                    if (const double x = value(d.reportOf(inv)); !std::isnan(x))
                        v.push_back(x);
        }
        return distribution(std::move(v));
    };
    auto initAndDuration = [&] {
        s.initDuration = figure(inits, [](const Metrics &r) { return r.initDurationMs; });
        s.duration = figure(reports, [](const Metrics &r) { return r.durationMs; });
    };
    std::future<void> other;
    if (reports >= 65536)
        other = std::async(std::launch::async, initAndDuration);
    else
        initAndDuration();
    s.billedDuration = figure(reports, [](const Metrics &r) { return r.billedDurationMs; });
    s.maxMemoryUsed
        = figure(reports, [](const Metrics &r) { return r.maxMemoryUsedMB >= 0 ? double(r.maxMemoryUsedMB) : kNaN; });
    if (other.valid())
        other.get();
    return s;
}

} // namespace

Summary summarize(const LogData &d, const std::function<bool(const Invocation &)> &keep)
{
    if (keep || !d.summaryCache)
        return compute(d, keep);
    SummaryCache &cache = *d.summaryCache;
    std::call_once(cache.once, [&] { cache.value = std::make_shared<const Summary>(compute(d, {})); });
    return *cache.value;
}

std::vector<std::uint32_t> topBySelf(const ImportRun &run, std::size_t n)
{
    std::vector<std::uint32_t> ids;
    for (std::uint32_t i = 0; i < run.nodes.size(); ++i)
        if (!run.nodes[i].placeholder && !run.nodes[i].cached)
            ids.push_back(i);
    // Pre-order index = import order, so a stable sort keeps ties in import order.
    std::stable_sort(ids.begin(), ids.end(),
        [&](std::uint32_t a, std::uint32_t b) { return run.nodes[a].selfUs > run.nodes[b].selfUs; });
    if (ids.size() > n)
        ids.resize(n);
    return ids;
}

} // namespace coldscope
