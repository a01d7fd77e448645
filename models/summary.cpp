// SPDX-License-Identifier: MIT
#include "summary.h"

#include <algorithm>
#include <cmath>
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
    // Nearest rank without a full sort: select each rank in turn (O(n) each).
    auto rankValue = [&](double p) {
        const std::size_t rank = nearestRankIndex(values.size(), p);
        std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(rank - 1), values.end());
        return values[rank - 1];
    };
    d.p50 = rankValue(50);
    d.p90 = rankValue(90);
    d.p99 = rankValue(99);
    return d;
}

Summary summarize(const LogData &d, const std::function<bool(const Invocation &)> &keep)
{
    Summary s;
    std::vector<double> init, dur, billed, mem;
    for (const Invocation &inv : d.invocations) {
        if (keep && !keep(inv))
            continue;
        ++s.invocations;
        s.coldStarts += inv.cold;
        s.timeouts += inv.status == Status::Timeout;
        s.errors += inv.status == Status::Error || inv.status == Status::Failure;
        if (!inv.hasReport)
            continue;
        init.push_back(inv.initDurationMs);
        dur.push_back(inv.durationMs);
        billed.push_back(inv.billedDurationMs);
        if (inv.maxMemoryUsedMB >= 0)
            mem.push_back(double(inv.maxMemoryUsedMB));
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
    s.initDuration = distribution(std::move(init));
    s.duration = distribution(std::move(dur));
    s.billedDuration = distribution(std::move(billed));
    s.maxMemoryUsed = distribution(std::move(mem));
    return s;
}

namespace {
nlohmann::ordered_json number(double v, bool round3 = false)
{
    if (std::isnan(v))
        return nullptr;
    if (round3)
        v = std::round(v * 1000.0) / 1000.0;
    if (v == std::floor(v) && std::fabs(v) < 9e15)
        return std::int64_t(v);
    return v;
}
} // namespace

nlohmann::ordered_json distributionJson(const Distribution &dist)
{
    nlohmann::ordered_json j;
    j["count"] = dist.count;
    j["min"] = number(dist.min);
    j["avg"] = number(dist.avg, true);
    j["p50"] = number(dist.p50);
    j["p90"] = number(dist.p90);
    j["p99"] = number(dist.p99);
    j["max"] = number(dist.max);
    return j;
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

nlohmann::ordered_json summaryJson(const LogData &d, const std::function<bool(const Invocation &)> &keep)
{
    const Summary s = summarize(d, keep);
    nlohmann::ordered_json j;
    j["file"] = d.path;
    j["format"] = d.format;
    j["events"] = d.events.size();
    j["skipped_lines"] = d.skippedLines;
    j["invocations"] = s.invocations;
    j["cold_starts"] = s.coldStarts;
    j["timeouts"] = s.timeouts;
    j["errors"] = s.errors;
    j["init_timeouts"] = s.initTimeouts;
    j["init_errors"] = s.initErrors;
    j["init_duration_ms"] = distributionJson(s.initDuration);
    j["duration_ms"] = distributionJson(s.duration);
    j["billed_duration_ms"] = distributionJson(s.billedDuration);
    j["max_memory_used_mb"] = distributionJson(s.maxMemoryUsed);
    nlohmann::ordered_json imports;
    imports["runs"] = d.runs.size();
    const ImportRun *first = d.runs.empty() ? nullptr : &d.runs.front();
    imports["count"] = first ? first->imports : 0;
    imports["total_self_us"] = first ? first->totalSelfUs : 0;
    nlohmann::ordered_json top = nlohmann::ordered_json::array();
    if (first) {
        for (auto id : topBySelf(*first, 10)) {
            const ImportNode &n = first->nodes[id];
            nlohmann::ordered_json t;
            t["module"] = std::string(d.moduleName(n));
            t["self_us"] = n.selfUs;
            t["cumulative_us"] = n.cumulativeUs;
            top.push_back(std::move(t));
        }
    }
    imports["top"] = std::move(top);
    j["imports"] = std::move(imports);
    return j;
}

nlohmann::ordered_json runJson(const LogData &d, const ImportRun &run)
{
    // Children have larger pre-order indices than their parent: build bottom-up,
    // without recursion.
    std::vector<nlohmann::ordered_json> built(run.nodes.size());
    for (std::size_t i = run.nodes.size(); i-- > 0;) {
        const ImportNode &n = run.nodes[i];
        nlohmann::ordered_json node;
        node["module"] = n.placeholder ? std::string("(unfinished import)") : std::string(d.moduleName(n));
        node["self_us"] = n.selfUs;
        node["cumulative_us"] = n.cumulativeUs;
        nlohmann::ordered_json children = nlohmann::ordered_json::array();
        for (auto c : n.children)
            children.push_back(std::move(built[c]));
        node["children"] = std::move(children);
        built[i] = std::move(node);
    }
    nlohmann::ordered_json j;
    j["source"] = d.path;
    if (run.stream != 0 && !d.isSynthetic(run.stream))
        j["log_stream"] = std::string(d.streamName(run.stream));
    else
        j["log_stream"] = nullptr;
    if (run.request != 0)
        j["request_id"] = std::string(d.events.requests.view(run.request));
    else
        j["request_id"] = nullptr;
    j["imports"] = run.imports;
    j["total_self_us"] = run.totalSelfUs;
    j["max_depth"] = run.maxDepth;
    nlohmann::ordered_json roots = nlohmann::ordered_json::array();
    for (auto r : run.roots)
        roots.push_back(std::move(built[r]));
    j["roots"] = std::move(roots);
    return j;
}

nlohmann::ordered_json treeJson(const LogData &d)
{
    nlohmann::ordered_json runs = nlohmann::ordered_json::array();
    for (const ImportRun &run : d.runs)
        runs.push_back(runJson(d, run));
    nlohmann::ordered_json j;
    j["runs"] = std::move(runs);
    return j;
}

} // namespace coldscope
