// SPDX-License-Identifier: MIT
#pragma once

// The figures of a loaded log: distributions by nearest rank, the invocation and
// INIT counts, the top imports of a run. Used by the CLI, the reports, the window and
// the query language's pct().

#include "logdata.h"

#include <functional>
#include <vector>

namespace coldscope {

struct Distribution {
    std::size_t count = 0;
    double min = kNaN, avg = kNaN, p50 = kNaN, p90 = kNaN, p99 = kNaN, max = kNaN;
};

// Percentile by nearest rank: the value at 1-based rank ceil(p/100 * n) of the
// ascending values (the definition CloudWatch's pct() documents, and the one the
// fixtures' truth files call "nearest_rank").
double nearestRank(const std::vector<double> &sorted, double p);
// That rank, ceil(p/100 * n) clamped to [1, n], for n > 0 values.
std::size_t nearestRankIndex(std::size_t n, double p);
Distribution distribution(std::vector<double> values);

struct Summary {
    std::size_t invocations = 0, coldStarts = 0, timeouts = 0, errors = 0;
    std::size_t initPhases = 0, initTimeouts = 0, initErrors = 0;
    Distribution initDuration, duration, billedDuration, maxMemoryUsed;
};

// `keep` selects invocations (function filter); null keeps all.
Summary summarize(const LogData &d, const std::function<bool(const Invocation &)> &keep = {});

// Top imports of a run by self time, ties in import order.
std::vector<std::uint32_t> topBySelf(const ImportRun &run, std::size_t n);

} // namespace coldscope
