// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

namespace coldscope {

// Milliseconds since the Unix epoch, UTC. CloudWatch stores event times in ms.
using TimeMs = std::int64_t;
inline constexpr TimeMs kNoTime = std::numeric_limits<TimeMs>::min();

// What one log event is. The text kinds map to Logs Insights' @type values
// (START, END, REPORT, ...); the Platform* kinds are Lambda's JSON log format.
enum class EventKind : std::uint8_t {
    Text, // anything else: print() output, stderr, unknown JSON
    AppLog, // runtime logging record: "[INFO]\t<ts>\t<id>\t..." or Node's "<ts>\t<id>\tINFO\t..."
    AppJson, // JSON application record ({"level":..,"message":..})
    ImportHeader, // "import time: self [us] | cumulative | imported package"
    ImportLine, // "import time:   123 |   456 |   module"
    Start,
    End,
    Report,
    InitStart,
    InitReport,
    RestoreStart,
    RestoreReport,
    TimedOut, // "Task timed out after N seconds"
    PlatformInitStart,
    PlatformInitRuntimeDone,
    PlatformInitReport,
    PlatformStart,
    PlatformRuntimeDone,
    PlatformReport,
    PlatformRestoreStart,
    PlatformRestoreRuntimeDone,
    PlatformRestoreReport,
    PlatformOther, // platform.extension, platform.logsDropped, web-function events, ...
    QueryRow, // one row of a Logs Insights result export with no @message
    Count_
};

enum class Level : std::uint8_t { None, Trace, Debug, Info, Warn, Error, Fatal };

// Invocation / init outcome as Lambda reports it (platform.* "status").
enum class Status : std::uint8_t { Unknown, Success, Error, Failure, Timeout };

std::string_view kindName(EventKind k); // "REPORT", "platform.report", "importtime", ...
std::string_view levelName(Level l); // "INFO", ...
std::string_view statusName(Status s); // "success", ...
Level parseLevel(std::string_view s); // case-insensitive; WARNING -> Warn, CRITICAL -> Fatal
Status parseStatus(std::string_view s);

inline bool isPlatformKind(EventKind k)
{
    return k >= EventKind::PlatformInitStart && k <= EventKind::PlatformOther;
}
inline bool isReportKind(EventKind k)
{
    return k == EventKind::Report || k == EventKind::PlatformReport;
}
// The run did not end well: an error, a failure or a timeout.
inline bool isFailed(Status s)
{
    return s == Status::Error || s == Status::Failure || s == Status::Timeout;
}
inline bool isStartKind(EventKind k)
{
    return k == EventKind::Start || k == EventKind::PlatformStart;
}
inline bool isInitStartKind(EventKind k)
{
    return k == EventKind::InitStart || k == EventKind::PlatformInitStart || k == EventKind::RestoreStart
        || k == EventKind::PlatformRestoreStart;
}

} // namespace coldscope
