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
    // A copy of the CloudWatch console's log events: a line holding only the event's
    // time, then its message line(s); an expanded event repeats its message (tabs turned
    // into spaces, sometimes after "Copy"). Collapsed rows are "<time><TAB><message>".
    ConsoleCopy,
    // The console's table pasted as Markdown (GitHub turns a copied HTML table into
    // one): "  | 2022-10-04T12:23:01.595-04:00 | <message>" under a "Timestamp | Message"
    // header and a "-- | --" rule; the time may also be epoch milliseconds.
    ConsoleTable,
};

struct DetectedFormat {
    Container container = Container::Lines;
    LinePrefix prefix = LinePrefix::None;
    std::string reason; // for NotALog
    // LogEventsJson: the key of the array that holds the events when it is not the AWS
    // CLI's "events" / "logEvents" ("payload", "results", ...); "[]" for a top-level array.
    std::string eventsKey;
};

// The key of the first array in a JSON document whose objects are log events (each has
// "timestamp" and "message"): "events", "payload", ..., "[]" for a top-level array, or
// empty when there is none in `head`.
std::string findLogEventsKey(std::string_view head);

// Decide from the first bytes of the (decompressed) input; never from the file name.
DetectedFormat detectFormat(std::string_view head);

struct PrefixedLine {
    bool ok = false;
    TimeMs time = kNoTime;
    std::string_view stream;
    std::string_view message;
};
PrefixedLine splitPrefix(LinePrefix style, std::string_view line);

// Text of the CloudWatch console page that a selection takes along ("Timestamp",
// "No older events at this moment.", "Retry", ...); never a log event.
bool isConsolePageText(std::string_view line);
// A line that holds only a timestamp with its zone (the console copy's event header).
bool isBareTimestamp(std::string_view line);
// The header row ("Timestamp | Message") or rule ("-- | --", "|---|---|") of a console table.
bool isConsoleTableChrome(std::string_view line);
// The console's "<message> Copy <message>" (an expanded row with its copy button's text):
// the message once; otherwise the text unchanged.
std::string_view dropConsoleCopyRepeat(std::string_view message);
// Equal but for white space (the console repeats a message with tabs and newlines as spaces).
bool sameButWhitespace(std::string_view a, std::string_view b);

std::string_view containerName(Container c);
std::string_view prefixName(LinePrefix p);

} // namespace coldscope
