// SPDX-License-Identifier: MIT
#pragma once

// A text that changes whenever what a log loaded as changes: every event (kind, line,
// time, level, request id, stream, message), the skipped lines and their messages, the
// invocations and the import runs. Two loads are the same when their fingerprints are
// equal (the block size must not matter; tests and the ingest fuzzer check it).

#include "logdata.h"

#include <string>

namespace testutil {

inline std::string fingerprint(const coldscope::LogData &d)
{
    using namespace coldscope;
    std::string out = d.format + "\n";
    const EventStore &s = d.events;
    for (std::size_t i = 0; i < s.size(); ++i) {
        out += std::to_string(int(s.kind[i])) + ' ' + std::to_string(s.line[i]) + ' ' + std::to_string(s.time[i]) + ' '
            + std::to_string(int(s.level[i])) + ' ' + std::string(s.requests.view(s.request[i])) + ' '
            + std::string(d.streamName(s.stream[i])) + ' ';
        out += d.message(i);
        out += '\n';
    }
    out += "skipped " + std::to_string(d.skippedLines) + " lines " + std::to_string(d.lines) + "\n";
    for (const auto &diag : d.diagnostics)
        out += std::to_string(diag.line) + ": " + diag.message + "\n";
    for (const auto &inv : d.invocations)
        out += "inv " + std::string(s.requests.view(inv.request)) + ' ' + std::to_string(int(inv.status)) + ' '
            + std::to_string(inv.cold) + ' ' + std::to_string(d.reportOf(inv).durationMs) + "\n";
    for (const auto &run : d.runs) {
        out += "run " + std::to_string(run.imports) + ' ' + std::to_string(run.totalSelfUs) + ':';
        for (const auto &n : run.nodes)
            out += ' ' + std::to_string(n.parent);
        out += '\n';
    }
    return out;
}

} // namespace testutil
