// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sys/resource.h>

namespace coldscope {

// With COLDSCOPE_TRACE set, a load prints each stage as it ends, to stderr: the wall
// time since the load's first stage, the process's CPU time (every thread's) and its
// page faults so far. A stage that leaves a core idle shows as one whose CPU time grew
// by less than twice its wall time on two cores. For bench/ and profiling; without the
// variable, one test of a flag a stage.
inline void traceStage(const char *stage)
{
    static const bool on = std::getenv("COLDSCOPE_TRACE") != nullptr;
    if (!on)
        return;
    static const auto start = std::chrono::steady_clock::now();
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    const double cpuMs
        = double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
    const double wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "coldscope trace: %9.1f ms wall %9.1f ms cpu %8ld page faults  %s\n", wallMs, cpuMs,
        u.ru_minflt, stage);
}

} // namespace coldscope
