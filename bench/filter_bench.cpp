// SPDX-License-Identifier: MIT
// The events table's filters on a loaded log (what the Events tab runs off the GUI
// thread when the text box or a combo changes): load once, run each filter several
// times, print the median. Usage: filter_bench FILE [RUNS]
#include "eventtablemodel.h"
#include "loader.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace coldscope;

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: filter_bench FILE [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const LoadResult r = loadFile(argv[1]);
    if (!r.data) {
        std::fprintf(stderr, "%s\n", r.error.c_str());
        return 2;
    }
    std::printf("events: %zu\n", r.data->events.size());
    struct Case {
        const char *name;
        EventFilter filter;
    };
    std::vector<Case> cases;
    cases.push_back({ "text \"timed out\"", {} });
    cases.back().filter.text = "timed out";
    cases.push_back({ "text \"DynamoDB\"", {} });
    cases.back().filter.text = "DynamoDB";
    cases.push_back({ "text \"e\" (most rows match)", {} });
    cases.back().filter.text = "e";
    cases.push_back({ "level >= ERROR", {} });
    cases.back().filter.minLevel = Level::Error;
    for (const Case &c : cases) {
        std::vector<double> ms;
        std::size_t rows = 0;
        for (int i = 0; i < runs; ++i) {
            const auto t = std::chrono::steady_clock::now();
            rows = filterEvents(*r.data, c.filter).size();
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%8.1f ms  %8zu rows  %s\n", ms[ms.size() / 2], rows, c.name);
    }
    return 0;
}
