// SPDX-License-Identifier: MIT
#pragma once

// Findings: what to fix first, what it costs, and the evidence (issue #14). Pure
// functions over loaded logs; the CLI's `advise`, the window's Findings pane, the
// reports and presentation mode all read the same Advice.

#include "importdiff.h"
#include "logdata.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace coldscope {

// The thresholds of the findings' rules (README, "Findings"). The window keeps them
// in its settings; the CLI uses these defaults.
struct AdviceSettings {
    double pricePerGbS = 0.0000166667; // x86, first tier; an input, not a fact of the log
    double initLimitMs = 10000; // Lambda's INIT limit
    double headroomP99Ms = 5000; // init-headroom: INIT p99 at or above this
    double importShare = 0.5; // imports-dominate-init: median import share of INIT
    double heavyImportShare = 0.10; // heavy-import: median cumulative / median INIT
    double memoryLow = 0.4; // memory-overprovisioned: utilisation at or below (and size > 128 MB)
    double memoryHigh = 0.9; // memory-pressure: utilisation at or above
    double coldStartRatio = 0.05; // cold-start-ratio
    double regressionPct = 10; // regression: total import change beyond the noise
    double regressionCriticalPct = 25;
};

enum class Severity { Critical, Warning, Info };
std::string_view severityName(Severity s);

// Where the window can jump to show what a finding rests on.
struct Evidence {
    std::vector<std::string> modules; // select in the import tree and icicle
    std::vector<std::int32_t> invocations; // indices into LogData::invocations, worst first
    std::vector<std::int32_t> initPhases; // indices into LogData::initPhases (INITs with no invocation)
    std::string query; // a Logs Insights query that shows it
    nlohmann::ordered_json json; // the CLI's "evidence" object
};

struct Finding {
    std::string id;
    Severity severity = Severity::Info;
    std::string title;
    std::string detail;
    Evidence evidence;
    double savingMs = 0; // estimated ms saved per cold start (the sort key after severity)
};

struct TopImport {
    std::string module;
    double medianCumulativeMs = 0;
    std::optional<double> shareOfInit;
    int runs = 0;
};

// One function of the log (several functions may share a log group).
struct FunctionAdvice {
    std::string function; // "" when the log does not name it
    bool hasInvocations = false;
    std::size_t invocations = 0, coldStarts = 0;
    // INIT: every INIT phase once (INIT_REPORT / platform.initReport, else the REPORT's Init Duration).
    bool hasInit = false;
    std::size_t initCount = 0, initTimeouts = 0, initErrors = 0;
    double initP50 = kNaN, initP90 = kNaN, initP99 = kNaN, initMax = kNaN;
    // Imports.
    std::size_t importRuns = 0;
    double medianImportTotalMs = kNaN;
    std::optional<double> medianImportShare; // of INIT, over cold starts with both
    std::vector<TopImport> topImports;
    // Memory.
    bool hasMemory = false;
    int memorySizeMB = -1;
    double maxUsedP99MB = kNaN;
    double utilisation = kNaN;
    // Cost.
    bool hasCost = false;
    double billedGbS = 0, initGbS = 0;
    double initShare = kNaN;
    double usd = 0;
    std::vector<Finding> findings; // worst first
};

struct Advice {
    std::string file;
    AdviceSettings settings;
    std::vector<FunctionAdvice> functions;
    // The findings of every function, worst first (for a file with one function: its own).
    std::vector<const Finding *> all() const;
    // The worst severity of any finding, or nullopt when there is none.
    std::optional<Severity> worst() const;
};

// The findings of one log. With `diff` (the previous build as side A, this log as side B),
// a `regression` finding compares the two import profiles; the function with the most
// import runs gets it.
Advice advise(const LogData &data, const AdviceSettings &settings = {}, const ImportDiff *diff = nullptr);

// The `coldscope advise --json` contract (issue #14), keys in the documented order.
nlohmann::ordered_json adviceJson(const Advice &advice);

// Human-readable: the findings and the figures they rest on.
std::string adviceText(const Advice &advice);

} // namespace coldscope
