// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>

namespace coldscope {

struct LoadOptions {
    const std::atomic<bool> *cancel = nullptr;
    // fraction in [0,1] and a stage name; called from the loading thread.
    std::function<void(double, const char *)> progress;
    unsigned threads = 0; // 0 = one per core
    std::uint64_t blockBytes = 4u << 20; // unit of parallel work
    // Also work out the file's summary (summarize(), cached in the data), alongside the
    // last pass after parsing: for callers that show it first (the window, `summary`).
    bool summarize = false;
};

struct LoadResult {
    std::shared_ptr<LogData> data; // null on error
    std::string error; // "<file>: <what went wrong>"
    bool cancelled = false;
};

// Reads, detects and parses one input file (plain or gzip). Never writes to it.
LoadResult loadFile(const std::string &path, const LoadOptions &options = {});

// Same, for bytes already in memory (embedded sample, tests). `name` is used in messages.
LoadResult loadBytes(std::string bytes, const std::string &name, const LoadOptions &options = {});

} // namespace coldscope
