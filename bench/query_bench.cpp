// SPDX-License-Identifier: MIT
// Logs Insights queries on a loaded log: load once, run each query several times,
// print the median. Usage: query_bench FILE [RUNS]
#include "loader.h"
#include "queryengine.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace coldscope;

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: query_bench FILE [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    const auto t0 = std::chrono::steady_clock::now();
    LoadResult r = loadFile(argv[1]);
    if (!r.data) {
        std::fprintf(stderr, "%s\n", r.error.c_str());
        return 2;
    }
    const double loadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("loaded %zu events in %.0f ms\n", r.data->events.size(), loadMs);
    const std::vector<query::Source> sources { { r.data, "bench" } };
    const char *queries[] = {
        "filter @type = \"REPORT\" | stats count(*), avg(@duration), pct(@duration, 99), max(@initDuration) by bin(5m)",
        "filter @message like /Task timed out/",
        "filter @type = \"REPORT\" and @maxMemoryUsed / @memorySize > 0.4 | stats count(*) by @logStream",
        "fields @timestamp, @message | filter level = \"WARNING\" | stats count(*) by bin(1h)",
    };
    for (const char *text : queries) {
        std::vector<double> ms;
        std::size_t rows = 0;
        std::uint64_t matched = 0;
        for (int i = 0; i < runs; ++i) {
            const auto t = std::chrono::steady_clock::now();
            const query::Result res = query::run(text, sources);
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
            rows = res.rows.size();
            matched = res.recordsMatched;
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%8.1f ms  %7llu matched  %5zu rows  %s\n", ms[ms.size() / 2],
            static_cast<unsigned long long>(matched), rows, text);
    }
    return 0;
}
