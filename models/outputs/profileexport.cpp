// SPDX-License-Identifier: MIT
#include "profileexport.h"

#include <algorithm>
#include <map>

namespace coldscope {

namespace {

std::string nameOf(const LogData &d, const ImportNode &n)
{
    return n.placeholder ? std::string("(unfinished import)") : std::string(d.moduleName(n));
}

// Start and end of every node, clamped into its parent: importtime rounds each line
// separately, so children can add up to a few µs more than their parent.
void spans(const ImportRun &run, std::vector<std::int64_t> &start, std::vector<std::int64_t> &end)
{
    start.assign(run.nodes.size(), 0);
    end.assign(run.nodes.size(), 0);
    for (std::size_t i = 0; i < run.nodes.size(); ++i) { // pre-order: parents first
        const ImportNode &n = run.nodes[i];
        std::int64_t s = n.startUs, e = n.startUs + n.cumulativeUs;
        if (n.parent >= 0) {
            const auto p = std::size_t(n.parent);
            s = std::clamp(s, start[p], end[p]);
            e = std::clamp(e, s, end[p]);
        }
        start[i] = s;
        end[i] = e;
    }
}

} // namespace

nlohmann::ordered_json speedscopeJson(const LogData &d, const ImportRun &run, const std::string &name)
{
    nlohmann::ordered_json frames = nlohmann::ordered_json::array();
    std::map<std::string, std::size_t> frameOf;
    std::vector<std::size_t> frame(run.nodes.size());
    for (std::size_t i = 0; i < run.nodes.size(); ++i) {
        const std::string n = nameOf(d, run.nodes[i]);
        auto it = frameOf.find(n);
        if (it == frameOf.end()) {
            it = frameOf.emplace(n, frames.size()).first;
            frames.push_back({ { "name", n } });
        }
        frame[i] = it->second;
    }
    std::vector<std::int64_t> start, end;
    spans(run, start, end);
    nlohmann::ordered_json events = nlohmann::ordered_json::array();
    // Depth-first: open, children, close. An explicit stack keeps deep runs safe.
    struct Item {
        std::uint32_t node;
        bool close;
    };
    std::vector<Item> todo;
    for (auto it = run.roots.rbegin(); it != run.roots.rend(); ++it)
        todo.push_back({ *it, false });
    while (!todo.empty()) {
        const Item item = todo.back();
        todo.pop_back();
        const ImportNode &n = run.nodes[item.node];
        if (item.close) {
            events.push_back({ { "type", "C" }, { "frame", frame[item.node] }, { "at", end[item.node] } });
            continue;
        }
        events.push_back({ { "type", "O" }, { "frame", frame[item.node] }, { "at", start[item.node] } });
        todo.push_back({ item.node, true });
        for (auto c = n.children.rbegin(); c != n.children.rend(); ++c)
            todo.push_back({ *c, false });
    }
    std::int64_t last = 0;
    for (std::size_t i = 0; i < run.nodes.size(); ++i)
        last = std::max(last, end[i]);
    nlohmann::ordered_json profile;
    profile["type"] = "evented";
    profile["name"] = name;
    profile["unit"] = "microseconds";
    profile["startValue"] = 0;
    profile["endValue"] = last;
    profile["events"] = std::move(events);
    nlohmann::ordered_json j;
    j["$schema"] = "https://www.speedscope.app/file-format-schema.json";
    j["shared"] = { { "frames", std::move(frames) } };
    j["profiles"] = nlohmann::ordered_json::array({ std::move(profile) });
    j["name"] = name;
    j["activeProfileIndex"] = 0;
    j["exporter"] = "coldscope " COLDSCOPE_MODELS_VERSION;
    return j;
}

nlohmann::ordered_json chromeTraceJson(const LogData &d, const ImportRun &run, const std::string &name)
{
    std::vector<std::int64_t> start, end;
    spans(run, start, end);
    nlohmann::ordered_json events = nlohmann::ordered_json::array();
    // Metadata events carry every field of the format's common set (name, cat, ph, ts,
    // pid, tid, args): trace-model libraries split "cat" on every event and fail without it.
    events.push_back({ { "name", "process_name" }, { "cat", "__metadata" }, { "ph", "M" }, { "ts", 0 }, { "pid", 1 },
        { "tid", 1 }, { "args", { { "name", name } } } });
    events.push_back({ { "name", "thread_name" }, { "cat", "__metadata" }, { "ph", "M" }, { "ts", 0 }, { "pid", 1 },
        { "tid", 1 }, { "args", { { "name", "imports" } } } });
    for (std::size_t i = 0; i < run.nodes.size(); ++i) {
        const ImportNode &n = run.nodes[i];
        nlohmann::ordered_json e;
        e["name"] = nameOf(d, n);
        e["cat"] = n.placeholder ? "unfinished" : (n.cached ? "cached" : "import");
        e["ph"] = "X";
        e["ts"] = start[i];
        e["dur"] = end[i] - start[i];
        e["pid"] = 1;
        e["tid"] = 1;
        e["args"] = { { "self_us", n.selfUs }, { "cumulative_us", n.cumulativeUs }, { "depth", n.depth } };
        events.push_back(std::move(e));
    }
    nlohmann::ordered_json j;
    j["traceEvents"] = std::move(events);
    j["displayTimeUnit"] = "ms";
    j["otherData"] = { { "source", d.path }, { "exporter", "coldscope " COLDSCOPE_MODELS_VERSION } };
    return j;
}

} // namespace coldscope
