// SPDX-License-Identifier: MIT
#pragma once

// The aggregates of stats: a running state per group, and how each function folds
// values into it and reads its result out. The function table points here.

#include "functions.h"

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

namespace coldscope::query {

// One aggregate call's state in one group; each aggregate uses the members it needs.
struct AggState {
    double sum = 0, sumsq = 0, min = 0, max = 0;
    std::uint64_t count = 0;
    std::vector<double> values; // pct and stddev: every value
    std::unordered_set<std::string> distinct;
    Value best; // earliest, latest, sortsFirst, sortsLast
    double bestTime = 0;
    bool has = false;
    bool time = false; // min and max of times are times
};

namespace aggregators {
extern const Aggregator avg, count, countDistinct, max, min, pct, stddev, sum;
extern const Aggregator earliest, latest, sortsFirst, sortsLast;
} // namespace aggregators

} // namespace coldscope::query
