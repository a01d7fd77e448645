// SPDX-License-Identifier: MIT
#pragma once

#include "types.h"

#include <string>
#include <string_view>

namespace coldscope {

// How the events of an input are laid out.
enum class Container : std::uint8_t {
    Lines, // one event per line (plain stderr, Lambda text/JSON log lines, tail/S3/sam prefixes)
    LogEventsJson, // aws logs filter-log-events / get-log-events response(s)
    QueryResultsJson, // aws logs get-query-results response
    InsightsCsv, // Logs Insights console "Download table (CSV)"
    InsightsMarkdown, // Logs Insights console Markdown export
    NotALog,
};

// The per-line prefix a downloader put before each message.
enum class LinePrefix : std::uint8_t {
    None,
    TailDetailed, // aws logs tail --format detailed: "<iso µs +00:00> <stream> <message>"
    Timestamp, // aws logs tail --format short, S3 export parts: "<iso> <message>"
    SamLogs, // sam logs: "<stream> <iso> <message>"
};

struct DetectedFormat {
    Container container = Container::Lines;
    LinePrefix prefix = LinePrefix::None;
    std::string reason; // for NotALog
};

// Decide from the first bytes of the (decompressed) input; never from the file name.
DetectedFormat detectFormat(std::string_view head);

struct PrefixedLine {
    bool ok = false;
    TimeMs time = kNoTime;
    std::string_view stream;
    std::string_view message;
};
PrefixedLine splitPrefix(LinePrefix style, std::string_view line);

std::string_view containerName(Container c);
std::string_view prefixName(LinePrefix p);

} // namespace coldscope
