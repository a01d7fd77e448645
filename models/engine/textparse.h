// SPDX-License-Identifier: MIT
#pragma once

// Stateless parsers for the text shapes of Lambda and CPython logs: timestamps,
// importtime lines, START/END/REPORT/INIT_* lines, runtime logging prefixes.
// Everything here works on string_views and allocates nothing.

#include "types.h"

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace coldscope {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// What a time can be: years 1 to 9999 (what ISO 8601 writes), in ms since the epoch.
// Times from a log outside it are dropped with a diagnostic, never computed with.
inline constexpr TimeMs kMinTime = -62135596800000;
inline constexpr TimeMs kMaxTime = 253402300799999;
inline bool validTime(TimeMs t)
{
    return t >= kMinTime && t <= kMaxTime;
}
// What a duration in ms (a year) or a memory size in MB (a petabyte) can be; a figure
// outside [0, max] is the log's mistake, read as missing.
inline constexpr double kMaxDurationMs = 365.0 * 24 * 3600 * 1000;
inline constexpr double kMaxMemoryMB = 1e9;
inline double saneFigure(double v, double max)
{
    return std::isfinite(v) && v >= 0 && v <= max ? v : kNaN;
}
// The largest importtime value read (a day in µs); beyond it a line is out of range.
inline constexpr std::int64_t kMaxImportUs = 86400LL * 1000 * 1000;

// Metrics carried by REPORT / INIT_REPORT / platform.report / platform.initReport.
struct Metrics {
    double durationMs = kNaN;
    double billedDurationMs = kNaN;
    double initDurationMs = kNaN;
    double restoreDurationMs = kNaN;
    std::int32_t memorySizeMB = -1;
    std::int32_t maxMemoryUsedMB = -1;
    Status status = Status::Unknown;
    std::uint32_t errorType = 0; // id in EventStore::strings, 0 = none
    std::uint32_t phase = 0; // "init" / "invoke", id in strings
    std::uint32_t runtimeVersion = 0; // id in strings
};

struct ImportLine {
    std::int64_t selfUs = 0;
    std::int64_t cumulativeUs = 0;
    int level = 0; // nesting depth from the indentation (0 = top level)
    int pad = 0; // spaces after the last '|' (1 + 2*level in a well-formed line)
    bool cached = false; // Python 3.14 -X importtime=2 "cached" line
    std::string_view module;
};

// Fields a text message yields; views point into the message.
struct TextFields {
    EventKind kind = EventKind::Text;
    Level level = Level::None;
    TimeMs time = kNoTime; // a timestamp inside the message (logging prefix)
    std::string_view requestId;
    std::string_view errorType;
    std::string_view phase;
    std::string_view runtimeVersion;
    std::string_view xrayTraceId;
    std::string_view xraySegmentId;
    double durationMs = kNaN, billedDurationMs = kNaN, initDurationMs = kNaN, restoreDurationMs = kNaN;
    std::int32_t memorySizeMB = -1, maxMemoryUsedMB = -1;
    Status status = Status::Unknown;
    ImportLine import;
    std::string_view body; // a log record's text after its prefix (level, time, request id); first line only
    std::string_view problem; // non-empty: the line claims a shape but does not parse (reason)
};

// ISO-8601 / RFC 3339 ("2024-06-01T00:00:00.653Z", "...+00:00", with µs) and the
// Logs Insights form "2024-06-01 00:00:00.653". Returns ms since epoch (UTC) and the
// number of characters consumed, or nullopt.
struct ParsedTime {
    TimeMs ms;
    std::size_t length;
};
std::optional<ParsedTime> parseTimestamp(std::string_view s);
// "2024-06-01T00:00:00" style prefixes without zone are read as UTC.

TimeMs daysFromCivil(int y, unsigned m, unsigned d);
// UTC calendar fields of a time (the inverse of daysFromCivil plus the time of day).
void civilFromMs(TimeMs ms, int &Y, unsigned &M, unsigned &D, int &h, int &m, int &s, int &milli);
std::string formatTimestamp(TimeMs ms); // "YYYY-MM-DD HH:MM:SS.mmm" (Logs Insights)
std::string formatIsoTimestamp(TimeMs ms); // "YYYY-MM-DDTHH:MM:SS.mmmZ"

// Classify one text event message (prefixes such as "aws logs tail" already removed).
// Multi-line messages are allowed: only the first line decides the kind.
TextFields classifyText(std::string_view message);

bool parseImportLine(std::string_view line, ImportLine &out, std::string_view &problem);
bool isImportHeader(std::string_view line);

// Looks like a Lambda request id (UUID-like: 8-4-4-4-12 of [0-9a-z]).
bool looksLikeRequestId(std::string_view s);

// Function name and version from a Lambda log stream name "YYYY/MM/DD/<fn>[<ver>]<hex>".
// Standard streams have an empty function part.
struct StreamName {
    std::string_view function;
    std::string_view version;
    bool isLambda = false;
};
StreamName parseStreamName(std::string_view stream);

// "arn:aws:lambda:region:acct:function:name[:qualifier]" -> name
std::string_view functionFromArn(std::string_view arn);

// White space as isspace() knows it in the C locale. Inline: every message is trimmed.
[[gnu::always_inline]] inline bool isAsciiSpace(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}
[[gnu::always_inline]] inline std::string_view trimRight(std::string_view s)
{
    while (!s.empty() && isAsciiSpace(s.back()))
        s.remove_suffix(1);
    return s;
}
[[gnu::always_inline]] inline std::string_view trim(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size() && isAsciiSpace(s[i]))
        ++i;
    return trimRight(s.substr(i));
}
std::string_view firstLine(std::string_view s);
bool startsWith(std::string_view s, std::string_view p);

// Appends the UTF-8 bytes of one code point.
void appendUtf8(std::uint32_t codePoint, std::string &out);
// Characters, not bytes (UTF-8 continuation bytes are not counted).
std::size_t utf8Length(std::string_view s);

// Number parsing without locale; returns nullopt on junk.
std::optional<double> parseDouble(std::string_view s);
std::optional<std::int64_t> parseInt(std::string_view s);

} // namespace coldscope
