// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace coldscope {

// One module on one side of a comparison, over that side's runs: medians of its
// self and cumulative time, and the spread of the cumulative time.
struct ModuleStats {
    double selfUs = 0;
    double cumulativeUs = 0;
    double cumMin = 0, cumMax = 0;
    int runs = 0; // runs the module appears in
    int invokeRuns = 0; // of those, runs where it was imported after the invocation's START (not during INIT)
    std::string parent; // its importer in the side's median run ("" for top level)
    int depth = 0;
};

struct DiffSide {
    std::vector<std::string> files;
    std::string fileList() const; // the files, comma-separated
    std::vector<std::shared_ptr<const LogData>> data;
    struct RunRef {
        std::size_t data;
        std::size_t run;
    };
    std::vector<RunRef> runs;
    int medianRun = -1; // index into runs: the run with the median total
    std::int64_t totalUs = 0; // sum of self over every import of the median run
    std::map<std::string, ModuleStats> modules;
    std::vector<double> initDurations, durations; // from REPORT / platform.report, when the logs carry them

    const ImportRun *median() const
    {
        return medianRun < 0 ? nullptr
                             : &data[runs[std::size_t(medianRun)].data]->runs[runs[std::size_t(medianRun)].run];
    }
    const LogData *medianData() const
    {
        return medianRun < 0 ? nullptr : data[runs[std::size_t(medianRun)].data].get();
    }
};

// With fewer than three runs a side the spread is unknown: a change is beyond the noise
// when it is at least this many µs and this share of A's cumulative time. Calibrated on
// the rerun pair in tests/fixtures/compare (one build imported twice): its largest change
// is 3.8 ms (numpy, +10 %), its largest relative one +46 % of 0.97 ms (README, "Noise").
inline constexpr double kRerunNoiseUs = 5000;
inline constexpr double kRerunNoiseShare = 0.25;

enum class DiffStatus { Unchanged, Changed, Added, Removed };

struct DiffEntry {
    std::string module;
    DiffStatus status = DiffStatus::Unchanged;
    bool moved = false; // present on both sides under a different importer
    // Imported during INIT in A but during the first invocation in B (an import moved
    // into the handler): its INIT time went to the invocation, it is not faster.
    bool deferred = false;
    const ModuleStats *a = nullptr;
    const ModuleStats *b = nullptr;
    double deltaUs = 0; // cumulative B - A (added: +B, removed: -A)
    double deltaSelfUs = 0;
    bool significant = false; // beyond the noise (see README)
};

struct ImportDiff {
    DiffSide a, b;
    std::int64_t deltaUs = 0;
    double deltaPct = 0;
    std::vector<DiffEntry> entries; // every module of either side, by module name
    std::vector<std::size_t> added, removed, changed; // indices into entries; changed by |delta| desc
    std::string noiseRule; // the sentence naming the rule `significant` used

    const DiffEntry *find(const std::string &module) const;
    std::vector<std::size_t> topRegressions(std::size_t n) const;
    std::vector<std::size_t> topImprovements(std::size_t n) const; // deferred imports are not improvements
    std::vector<std::size_t> deferred() const; // indices of the deferred entries, largest A cumulative first
};

// Compares the import runs of two sides; each side is one or more loaded files.
// Modules are matched by their full dotted name. A module is on a side when it
// appears in at least half of that side's runs.
ImportDiff diffImports(std::vector<std::shared_ptr<const LogData>> a, std::vector<std::shared_ptr<const LogData>> b);

// The `coldscope diff --json` contract (issue #5), keys in the documented order.
nlohmann::ordered_json diffJson(const ImportDiff &d);

std::string_view diffStatusName(DiffStatus s);
// What a reader is told: "deferred" for a deferred import, else the status (+ ", moved").
std::string diffStatusLabel(const DiffEntry &e);

} // namespace coldscope
