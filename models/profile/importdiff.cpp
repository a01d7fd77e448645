// SPDX-License-Identifier: MIT
#include "importdiff.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace coldscope {

namespace {

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

void buildSide(DiffSide &side)
{
    for (std::size_t d = 0; d < side.data.size(); ++d) {
        side.files.push_back(side.data[d]->path);
        for (std::size_t r = 0; r < side.data[d]->runs.size(); ++r)
            side.runs.push_back({ d, r });
        for (const Invocation &inv : side.data[d]->invocations) {
            if (!inv.hasReport())
                continue;
            const Metrics &r = side.data[d]->reportOf(inv);
            side.durations.push_back(r.durationMs);
            if (inv.cold)
                side.initDurations.push_back(r.initDurationMs);
        }
    }
    if (side.runs.empty())
        return;
    // The median run by total self time (the lower middle one for an even count).
    std::vector<std::size_t> order(side.runs.size());
    std::vector<std::int64_t> runTotals;
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
        const auto &ref = side.runs[i];
        runTotals.push_back(side.data[ref.data]->runs[ref.run].totalSelfUs);
    }
    std::stable_sort(
        order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return runTotals[x] < runTotals[y]; });
    side.medianRun = int(order[(order.size() - 1) / 2]);
    side.totalUs = runTotals[std::size_t(side.medianRun)];

    // Per module: self and cumulative in every run (a name seen twice in one run adds up).
    std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> samples;
    std::map<std::string, int> invoked; // runs in which the module was imported after START
    for (const auto &ref : side.runs) {
        const LogData &d = *side.data[ref.data];
        const ImportRun &run = d.runs[ref.run];
        // Lines after the START of the invocation the run served were printed by the
        // handler, not by INIT (a log without START says nothing: all INIT).
        std::int64_t start = -1;
        if (run.invocation >= 0 && std::size_t(run.invocation) < d.invocations.size())
            start = d.invocations[std::size_t(run.invocation)].startEvent;
        std::map<std::string, std::pair<double, double>> inRun;
        std::set<std::string> afterStart;
        for (const ImportNode &n : run.nodes) {
            if (n.placeholder || n.cached)
                continue;
            std::string module(d.moduleName(n));
            if (start >= 0 && std::int64_t(n.event) > start)
                afterStart.insert(module);
            auto &slot = inRun[std::move(module)];
            slot.first += double(n.selfUs);
            slot.second += double(n.cumulativeUs);
        }
        for (const auto &[module, t] : inRun) {
            samples[module].first.push_back(t.first);
            samples[module].second.push_back(t.second);
        }
        for (const auto &module : afterStart)
            ++invoked[module];
    }
    const std::size_t need = (side.runs.size() + 1) / 2; // at least half the runs
    for (auto &[module, s] : samples) {
        if (s.first.size() < need)
            continue;
        ModuleStats m;
        m.runs = int(s.first.size());
        if (auto it = invoked.find(module); it != invoked.end())
            m.invokeRuns = it->second;
        m.selfUs = median(s.first);
        m.cumulativeUs = median(s.second);
        m.cumMin = *std::min_element(s.second.begin(), s.second.end());
        m.cumMax = *std::max_element(s.second.begin(), s.second.end());
        side.modules.emplace(module, m);
    }
    // Structure from the median run; a module printed twice (an import retried after
    // an ImportError) keeps its first place.
    const LogData &md = *side.medianData();
    const ImportRun &mr = *side.median();
    std::set<std::string> placed;
    for (const ImportNode &n : mr.nodes) {
        if (n.placeholder || n.cached)
            continue;
        auto it = side.modules.find(std::string(md.moduleName(n)));
        if (it == side.modules.end() || !placed.insert(it->first).second)
            continue;
        it->second.depth = n.depth;
        if (n.parent >= 0 && !mr.nodes[std::size_t(n.parent)].placeholder)
            it->second.parent = std::string(md.moduleName(mr.nodes[std::size_t(n.parent)]));
    }
}

} // namespace

std::string_view diffStatusName(DiffStatus s)
{
    switch (s) {
    case DiffStatus::Unchanged:
        return "unchanged";
    case DiffStatus::Changed:
        return "changed";
    case DiffStatus::Added:
        return "added";
    case DiffStatus::Removed:
        return "removed";
    }
    return "";
}

std::string diffStatusLabel(const DiffEntry &e)
{
    if (e.deferred)
        return "deferred";
    return std::string(diffStatusName(e.status)) + (e.moved ? ", moved" : "");
}

const DiffEntry *ImportDiff::find(const std::string &module) const
{
    auto it = std::lower_bound(
        entries.begin(), entries.end(), module, [](const DiffEntry &e, const std::string &m) { return e.module < m; });
    return it != entries.end() && it->module == module ? &*it : nullptr;
}

namespace {

// The n significant entries that moved most in the direction of `sign` (+1 slower,
// -1 faster), biggest first.
std::vector<std::size_t> topMoves(const std::vector<DiffEntry> &entries, std::size_t n, int sign)
{
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (entries[i].significant && !entries[i].deferred && entries[i].deltaUs * sign > 0)
            idx.push_back(i);
    std::stable_sort(idx.begin(), idx.end(),
        [&](std::size_t x, std::size_t y) { return entries[x].deltaUs * sign > entries[y].deltaUs * sign; });
    if (idx.size() > n)
        idx.resize(n);
    return idx;
}

} // namespace

std::vector<std::size_t> ImportDiff::topRegressions(std::size_t n) const
{
    return topMoves(entries, n, +1);
}

std::vector<std::size_t> ImportDiff::topImprovements(std::size_t n) const
{
    return topMoves(entries, n, -1);
}

std::vector<std::size_t> ImportDiff::deferred() const
{
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (entries[i].deferred)
            idx.push_back(i);
    std::stable_sort(idx.begin(), idx.end(),
        [&](std::size_t x, std::size_t y) { return entries[x].a->cumulativeUs > entries[y].a->cumulativeUs; });
    return idx;
}

ImportDiff diffImports(std::vector<std::shared_ptr<const LogData>> a, std::vector<std::shared_ptr<const LogData>> b)
{
    ImportDiff d;
    d.a.data = std::move(a);
    d.b.data = std::move(b);
    buildSide(d.a);
    buildSide(d.b);
    d.deltaUs = d.b.totalUs - d.a.totalUs;
    d.deltaPct = d.a.totalUs > 0 ? 100.0 * double(d.deltaUs) / double(d.a.totalUs) : 0.0;
    const bool measured = d.a.runs.size() >= 3 && d.b.runs.size() >= 3;
    d.noiseRule = measured
        ? "three runs or more a side: a change is beyond the noise when it exceeds the spread (max - min) of "
          "the module's cumulative time over either side's runs, and is at least 100 us and 10 % of A's"
        : "fewer than three runs a side, so the spread is unknown: a change is beyond the noise when it is at "
          "least 5 ms and at least 25 % of A's cumulative time (calibrated on rerun pairs of one build)";
    auto ia = d.a.modules.begin(), ib = d.b.modules.begin();
    while (ia != d.a.modules.end() || ib != d.b.modules.end()) {
        DiffEntry e;
        if (ib == d.b.modules.end() || (ia != d.a.modules.end() && ia->first < ib->first)) {
            e.module = ia->first;
            e.a = &ia->second;
            e.status = DiffStatus::Removed;
            e.deltaUs = -ia->second.cumulativeUs;
            e.deltaSelfUs = -ia->second.selfUs;
            ++ia;
        } else if (ia == d.a.modules.end() || ib->first < ia->first) {
            e.module = ib->first;
            e.b = &ib->second;
            e.status = DiffStatus::Added;
            e.deltaUs = ib->second.cumulativeUs;
            e.deltaSelfUs = ib->second.selfUs;
            ++ib;
        } else {
            e.module = ia->first;
            e.a = &ia->second;
            e.b = &ib->second;
            e.deltaUs = ib->second.cumulativeUs - ia->second.cumulativeUs;
            e.deltaSelfUs = ib->second.selfUs - ia->second.selfUs;
            e.status = (e.deltaUs != 0 || e.deltaSelfUs != 0) ? DiffStatus::Changed : DiffStatus::Unchanged;
            e.moved = ia->second.parent != ib->second.parent;
            // Deferred: during INIT in most of A's runs, in the invocation in most of B's.
            e.deferred = 2 * ia->second.invokeRuns < ia->second.runs && 2 * ib->second.invokeRuns > ib->second.runs;
            ++ia;
            ++ib;
        }
        // Beyond the noise (README, "Noise"): with three runs or more a side, outside both
        // sides' measured spread (and at least 100 µs and 10 % of A); with fewer, the spread
        // is unknown and the threshold is the one calibrated on real rerun pairs.
        if (e.status == DiffStatus::Added || e.status == DiffStatus::Removed) {
            e.significant = true;
        } else if (e.status == DiffStatus::Changed) {
            const double spread = std::max(e.a->cumMax - e.a->cumMin, e.b->cumMax - e.b->cumMin);
            const double floor = measured ? std::max(100.0, 0.10 * e.a->cumulativeUs)
                                          : std::max(kRerunNoiseUs, kRerunNoiseShare * e.a->cumulativeUs);
            e.significant = std::abs(e.deltaUs) >= std::max(floor, spread);
        }
        d.entries.push_back(std::move(e));
    }
    for (std::size_t i = 0; i < d.entries.size(); ++i) {
        switch (d.entries[i].status) {
        case DiffStatus::Added:
            d.added.push_back(i);
            break;
        case DiffStatus::Removed:
            d.removed.push_back(i);
            break;
        case DiffStatus::Changed:
            d.changed.push_back(i);
            break;
        case DiffStatus::Unchanged:
            break;
        }
    }
    std::stable_sort(d.changed.begin(), d.changed.end(),
        [&](std::size_t x, std::size_t y) { return std::abs(d.entries[x].deltaUs) > std::abs(d.entries[y].deltaUs); });
    return d;
}

std::string DiffSide::fileList() const
{
    std::string f;
    for (const auto &x : files)
        f += (f.empty() ? "" : ",") + x;
    return f;
}

nlohmann::ordered_json diffJson(const ImportDiff &d)
{
    auto us = [](double v) -> nlohmann::ordered_json {
        if (v == std::floor(v))
            return static_cast<long long>(v);
        return v; // a median of an even number of runs can be a half
    };
    nlohmann::ordered_json j;
    j["a"] = { { "file", d.a.fileList() }, { "total_us", d.a.totalUs } };
    j["b"] = { { "file", d.b.fileList() }, { "total_us", d.b.totalUs } };
    j["delta_us"] = d.deltaUs;
    j["delta_pct"] = d.deltaPct;
    nlohmann::ordered_json added = nlohmann::ordered_json::array(), removed = nlohmann::ordered_json::array(),
                           changed = nlohmann::ordered_json::array();
    // Added and removed by cumulative time, largest first (then by name).
    auto byCum = [&](std::vector<std::size_t> idx, bool sideB) {
        std::stable_sort(idx.begin(), idx.end(), [&](std::size_t x, std::size_t y) {
            const double cx = sideB ? d.entries[x].b->cumulativeUs : d.entries[x].a->cumulativeUs;
            const double cy = sideB ? d.entries[y].b->cumulativeUs : d.entries[y].a->cumulativeUs;
            return cx > cy;
        });
        return idx;
    };
    for (auto i : byCum(d.added, true)) {
        nlohmann::ordered_json o;
        o["module"] = d.entries[i].module;
        o["cumulative_us"] = us(d.entries[i].b->cumulativeUs);
        added.push_back(std::move(o));
    }
    for (auto i : byCum(d.removed, false)) {
        nlohmann::ordered_json o;
        o["module"] = d.entries[i].module;
        o["cumulative_us"] = us(d.entries[i].a->cumulativeUs);
        removed.push_back(std::move(o));
    }
    for (auto i : d.changed) {
        const DiffEntry &e = d.entries[i];
        nlohmann::ordered_json o;
        o["module"] = e.module;
        o["a_self_us"] = us(e.a->selfUs);
        o["b_self_us"] = us(e.b->selfUs);
        o["a_cumulative_us"] = us(e.a->cumulativeUs);
        o["b_cumulative_us"] = us(e.b->cumulativeUs);
        o["delta_us"] = us(e.deltaUs);
        o["beyond_noise"] = e.significant;
        changed.push_back(std::move(o));
    }
    j["added"] = std::move(added);
    j["removed"] = std::move(removed);
    j["changed"] = std::move(changed);
    j["noise"] = { { "runs_a", d.a.runs.size() }, { "runs_b", d.b.runs.size() }, { "rule", d.noiseRule } };
    return j;
}

} // namespace coldscope
