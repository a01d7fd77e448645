// SPDX-License-Identifier: MIT
#include "summary.h"

#include <cmath>

namespace coldscope {

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
