// SPDX-License-Identifier: MIT
#pragma once

#include "eventstore.h"
#include "sourcetext.h"

#include <cmath>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace coldscope {

struct Summary; // stats.h

// The whole file's summarize(), worked out once, on first use, by whichever thread asks
// first (the window's load job asks on its worker, so the views get it ready-made).
struct SummaryCache {
    std::once_flag once;
    std::shared_ptr<const Summary> value;
};

// One node of a rebuilt import tree.
struct ImportNode {
    std::uint32_t module = 0; // id in EventStore::modules
    std::int64_t selfUs = 0;
    std::int64_t cumulativeUs = 0;
    std::int32_t parent = -1;
    std::int32_t depth = 0;
    std::uint32_t event = 0; // event index of its importtime line (placeholders: of the run's last line)
    std::vector<std::uint32_t> children; // in import order
    bool cached = false; // 3.14 "cached" line: already imported elsewhere
    bool placeholder = false; // stands for an import whose line never came (log cut mid-import)
    std::int64_t startUs = 0; // offset from the run start, in import order (for icicles and waterfalls)
};

// One interpreter's importtime table.
struct ImportRun {
    std::uint32_t stream = 0;
    std::uint32_t request = 0; // the invocation it served (cold start), 0 if the log does not say
    std::int32_t invocation = -1;
    std::int32_t initPhase = -1;
    TimeMs time = kNoTime;
    std::uint32_t firstLine = 0;
    std::vector<ImportNode> nodes; // nodes[i] for i in import (pre-)order of the rebuilt tree
    std::vector<std::uint32_t> roots;
    std::int64_t imports = 0; // importtime lines (cached lines and placeholders not counted)
    std::int64_t cachedLines = 0;
    std::int64_t totalSelfUs = 0; // sum of self over every import line
    std::int64_t totalUs = 0; // sum of the roots' cumulative (>= totalSelfUs - rounding)
    int maxDepth = 0;
    bool truncated = false; // ended inside an import (placeholders were added)
    bool depthFromTimes = false; // indentation was lost; nesting rebuilt from self/cumulative times
};

struct InitPhase {
    std::uint32_t stream = 0;
    std::uint32_t function = 0;
    TimeMs start = kNoTime;
    double durationMs = kNaN;
    Status status = Status::Unknown;
    std::uint32_t errorType = 0;
    std::uint32_t phase = 0; // "init" / "invoke" (suppressed init)
    std::uint32_t runtimeVersion = 0;
    bool restore = false; // SnapStart restore rather than init
    std::int32_t invocation = -1;
    std::int32_t importRun = -1;
    std::uint32_t startEvent = 0;
};

// One per request id (a million in a 1 GB log). The REPORT's figures are not copied:
// `report` points at them in EventStore::metrics (LogData::reportOf). The members are
// ordered so that no padding is needed.
struct Invocation {
    std::uint32_t request = 0;
    std::uint32_t stream = 0;
    std::uint32_t function = 0;
    std::int32_t report = -1; // index in EventStore::metrics of its REPORT, -1 = none seen
    TimeMs start = kNoTime;
    std::uint32_t errorType = 0;
    std::int32_t initPhase = -1;
    std::int32_t importRun = -1;
    std::int32_t startEvent = -1;
    Status status = Status::Unknown;
    bool cold = false;

    bool hasReport() const { return report >= 0; }
};
static_assert(sizeof(Invocation) == 48, "Invocation: keep its members free of padding");

struct Diagnostic {
    std::uint32_t line = 0; // 1-based, 0 = the whole file
    std::string message;
};

// Everything coldscope knows about one input file. Immutable once loaded; views
// share it through shared_ptr<const LogData>.
struct LogData {
    std::string path;
    std::string format; // "lambda-text", "filter-log-events", ... (+"+gzip")
    std::unique_ptr<SourceText> text;
    EventStore events;
    std::vector<std::uint8_t> streamSynthetic; // by stream id: 1 = environment inferred, not named by the log
    std::vector<std::uint32_t> streamFunction; // by stream id
    std::vector<Invocation> invocations;
    std::vector<InitPhase> initPhases;
    std::vector<ImportRun> runs;
    std::vector<Diagnostic> diagnostics; // at most kMaxDiagnostics kept; skippedLines counts them all
    std::uint64_t skippedLines = 0;
    std::uint64_t lines = 0;
    // Filled by summarize() without a filter; a LogData is not changed after its load.
    std::unique_ptr<SummaryCache> summaryCache = std::make_unique<SummaryCache>();
    std::vector<std::string> warnings;
    std::vector<std::string> notes; // how the input was read, when it is not plain (decoding, container key)

    // A Logs Insights result table (get-query-results JSON, console CSV/Markdown export).
    struct Table {
        std::vector<std::string> columns;
        std::vector<std::vector<std::string>> rows;
        // From a console Markdown export's header block, when it has one.
        std::string query, region, logGroups, start, end;
    } queryResults;

    static constexpr std::size_t kMaxDiagnostics = 1000;

    // A skipped line: counted always, its message kept while under the cap.
    void skipLine(std::uint32_t line, std::string message)
    {
        ++skippedLines;
        if (diagnostics.size() < kMaxDiagnostics)
            diagnostics.push_back({ line, std::move(message) });
    }

    // The figures of an invocation's REPORT: durations NaN and memory -1 when it has none.
    const Metrics &reportOf(const Invocation &inv) const
    {
        static const Metrics none;
        return inv.report >= 0 ? events.metrics[std::size_t(inv.report)] : none;
    }

    std::string_view message(std::size_t event) const
    {
        return text ? text->at(events.msgOffset[event], events.msgLength[event]) : std::string_view {};
    }
    std::string_view streamName(std::uint32_t stream) const { return events.streams.view(stream); }
    bool isSynthetic(std::uint32_t stream) const { return stream < streamSynthetic.size() && streamSynthetic[stream]; }
    std::string_view functionOfStream(std::uint32_t stream) const
    {
        return stream < streamFunction.size() ? events.functions.view(streamFunction[stream]) : std::string_view {};
    }
    std::string_view moduleName(const ImportNode &n) const { return events.modules.view(n.module); }
    // The first node of `run` that imports `module` (placeholders never match), or -1.
    int findModule(const ImportRun &run, std::string_view module) const
    {
        for (std::size_t i = 0; i < run.nodes.size(); ++i)
            if (!run.nodes[i].placeholder && moduleName(run.nodes[i]) == module)
                return int(i);
        return -1;
    }
};

} // namespace coldscope
