// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"
#include "queryast.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace coldscope::query {

struct Source {
    std::shared_ptr<const LogData> data;
    std::string logName; // @log (the file name: offline there is no account:log-group)
};

struct Options {
    TimeMs start = kNoTime; // inclusive, on @timestamp
    TimeMs end = kNoTime; // inclusive
    const std::atomic<bool> *cancel = nullptr;
};

struct Result {
    std::vector<std::string> columns;
    std::vector<std::vector<Value>> rows;
    struct Origin {
        int source = -1;
        std::int64_t event = -1;
    };
    std::vector<Origin> origins; // per row: the event it came from (-1 for stats rows)
    bool stats = false;
    int binColumn = -1; // index of a bin() group column, if any
    std::uint64_t recordsScanned = 0; // events read
    std::uint64_t recordsMatched = 0; // events that passed the filters
    // Matching events over time (before stats and limit), for the histogram.
    TimeMs histogramStart = kNoTime;
    double histogramBinMs = 0;
    std::vector<std::uint64_t> histogram;
    double elapsedMs = 0;
};

// Runs a parsed query over the events of the sources; throws QueryError for
// semantic errors (with the column) and when cancelled.
Result run(const Query &q, const std::vector<Source> &sources, const Options &options = {});

// Parse + run in one call.
Result run(const std::string &text, const std::vector<Source> &sources, const Options &options = {});

// The fields the data offers (for completion): system fields, then JSON paths seen
// in a sample of events.
std::vector<std::string> discoverFields(const std::vector<Source> &sources, std::size_t sample = 2000);

// Field values of one event, the way a query sees them (system fields and the
// first JSON fragment's fields), for "expand row".
std::vector<std::pair<std::string, Value>> eventFields(const LogData &d, std::size_t event, const std::string &logName);

} // namespace coldscope::query
