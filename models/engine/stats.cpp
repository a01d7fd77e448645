// SPDX-License-Identifier: MIT
#include "stats.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <future>
#include <limits>
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

namespace {

// A double's bits as an unsigned key in the doubles' order (-inf < negatives < -0 < +0 <
// positives < +inf): the sign bit flipped for non-negatives, every bit for negatives.
std::uint64_t orderKey(double v)
{
    const auto bits = std::bit_cast<std::uint64_t>(v);
    return (bits >> 63) ? ~bits : bits | (std::uint64_t(1) << 63);
}

// Selects the values at the ascending 0-based `ranks` among values[0, n) (each rank's
// value, as a sort would place it): nth_element in turn, each next rank among the values
// a selection left after it.
template <std::size_t K>
void selectRanks(std::vector<double> &values, std::size_t n, const std::size_t (&ranks)[K], double (&out)[K])
{
    std::size_t from = 0;
    for (std::size_t t = 0; t < K; ++t) {
        const std::size_t at = ranks[t];
        if (at >= from) { // else the rank selected last (few values): already in place
            std::nth_element(values.begin() + std::ptrdiff_t(from), values.begin() + std::ptrdiff_t(at),
                values.begin() + std::ptrdiff_t(n));
            from = at + 1;
        }
        out[t] = values[at];
    }
}

} // namespace

Distribution distribution(std::vector<double> values)
{
    // One pass: NaNs dropped (in place), min, max, and the sum in the values' order
    // (the order std::accumulate adds them in, so the average is the same to the bit).
    std::size_t n = 0;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo, sum = 0;
    for (const double v : values) {
        if (std::isnan(v))
            continue;
        values[n++] = v;
        lo = v < lo ? v : lo; // the first of equal minima, the last of equal maxima,
        hi = v < hi ? hi : v; // as std::minmax_element picks them (-0 and +0)
        sum += v;
    }
    Distribution d;
    d.count = n;
    if (n == 0)
        return d;
    d.min = lo;
    d.max = hi;
    d.avg = sum / double(n);
    const std::size_t ranks[]
        = { nearestRankIndex(n, 50) - 1, nearestRankIndex(n, 90) - 1, nearestRankIndex(n, 99) - 1 };
    double at[3];
    if (n < 16384) {
        selectRanks(values, n, ranks, at);
    } else {
        // Many values (a summary's REPORT figure): nth_element over all of them cost about
        // 10 ms a million a figure. Instead, count the values in up to 65,536 bins of the
        // order keys between min and max, find the bin of each rank, move the values of
        // those bins (at most three) to the front, and select among them: the ranks
        // shifted by the values of the other bins below.
        const std::uint64_t base = orderKey(lo), range = orderKey(hi) - base;
        const int shift = std::max(0, int(std::bit_width(range)) - 16);
        std::vector<std::uint32_t> bins(std::size_t(range >> shift) + 1);
        for (std::size_t i = 0; i < n; ++i)
            ++bins[std::size_t((orderKey(values[i]) - base) >> shift)];
        std::size_t bin[3], below[3]; // each rank's bin, and the values in the bins before it
        for (std::size_t b = 0, seen = 0, t = 0; t < 3; seen += bins[b++])
            while (t < 3 && ranks[t] < seen + bins[b]) {
                bin[t] = b;
                below[t] = seen;
                ++t;
            }
        std::size_t kept = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto b = std::size_t((orderKey(values[i]) - base) >> shift);
            if (b == bin[0] || b == bin[1] || b == bin[2])
                values[kept++] = values[i];
        }
        // Among the kept values, a rank counts those of the kept bins below its own.
        std::size_t inKept[3];
        for (std::size_t t = 0; t < 3; ++t) {
            std::size_t lower = 0;
            for (std::size_t u = 0; u < t; ++u)
                if (bin[u] < bin[t] && (u == 0 || bin[u] != bin[u - 1]))
                    lower += bins[bin[u]];
            inKept[t] = lower + (ranks[t] - below[t]);
        }
        selectRanks(values, kept, inKept, at);
    }
    d.p50 = at[0];
    d.p90 = at[1];
    d.p99 = at[2];
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
