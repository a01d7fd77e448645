// SPDX-License-Identifier: MIT
#include "formatdetect.h"

#include "textparse.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <optional>

namespace coldscope {

namespace {

std::string_view skipBomAndSpace(std::string_view s)
{
    if (startsWith(s, "\xEF\xBB\xBF"))
        s.remove_prefix(3);
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        ++i;
    return s.substr(i);
}

// First key of the first top-level JSON object, without a full parse.
std::string_view firstJsonKey(std::string_view s)
{
    if (s.empty() || s[0] != '{')
        return {};
    std::size_t i = 1;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        ++i;
    if (i >= s.size() || s[i] != '"')
        return {};
    const std::size_t end = s.find('"', i + 1);
    if (end == std::string_view::npos)
        return {};
    return s.substr(i + 1, end - i - 1);
}

bool isTimestampWithOffset(std::string_view line, std::size_t length)
{
    // "+00:00" or "-05:00" right before the end of the parsed timestamp.
    return length >= 6 && (line[length - 6] == '+' || line[length - 6] == '-') && line[length - 3] == ':';
}

bool looksLikeCsvHeader(std::string_view line)
{
    if (line.find(',') == std::string_view::npos && line.find('@') == std::string_view::npos)
        return false;
    bool hasAt = false;
    std::size_t start = 0;
    while (start <= line.size()) {
        std::size_t comma = line.find(',', start);
        if (comma == std::string_view::npos)
            comma = line.size();
        std::string_view cell = trim(line.substr(start, comma - start));
        if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
            cell = cell.substr(1, cell.size() - 2);
        if (cell.empty() || cell.size() > 120)
            return false;
        if (cell[0] == '@' || startsWith(cell, "bin("))
            hasAt = true;
        for (char c : cell)
            if (c == '\t' || c == '|')
                return false;
        start = comma + 1;
    }
    return hasAt;
}

// The end of the JSON string starting at s[i] == '"' (index of the closing quote).
std::size_t stringEnd(std::string_view s, std::size_t i)
{
    for (std::size_t j = i + 1; j < s.size(); ++j) {
        if (s[j] == '\\')
            ++j;
        else if (s[j] == '"')
            return j;
    }
    return std::string_view::npos;
}

std::size_t skipSpace(std::string_view s, std::size_t i)
{
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        ++i;
    return i;
}

// Does the object starting at s[i] == '{' have both keys "timestamp" and "message"
// (at its own level)? Unknown (false) when it does not end within `s`.
bool isLogEventObject(std::string_view s, std::size_t i)
{
    int depth = 0;
    bool timestamp = false, message = false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '"') {
            const std::size_t e = stringEnd(s, i);
            if (e == std::string_view::npos)
                return false;
            if (depth == 1 && skipSpace(s, e + 1) < s.size() && s[skipSpace(s, e + 1)] == ':') {
                const std::string_view key = s.substr(i + 1, e - i - 1);
                timestamp |= key == "timestamp";
                message |= key == "message";
            }
            i = e;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return timestamp && message;
        }
    }
    return false;
}

// "2022-10-04T12:23:01.595-04:00" or a 13-digit epoch-milliseconds time in a table cell.
std::optional<TimeMs> cellTime(std::string_view cell)
{
    cell = trim(cell);
    if (auto t = parseTimestamp(cell); t && t->length == cell.size())
        return t->ms;
    if (cell.size() == 13 && std::all_of(cell.begin(), cell.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return parseInt(cell);
    return std::nullopt;
}

bool isWhite(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

} // namespace

bool isBareTimestamp(std::string_view line)
{
    // The console always shows the zone: "...Z" or "...-06:00".
    line = trim(line);
    auto t = parseTimestamp(line);
    return t && t->length == line.size() && line.size() >= 20 && line[10] == 'T'
        && (line.back() == 'Z' || line[line.size() - 3] == ':');
}

// Text of the console page a selection can take along (headers, buttons, the end of
// the list). Never a log event.
bool isConsolePageText(std::string_view line)
{
    line = trim(line);
    static constexpr std::string_view kExact[] = { "Timestamp", "Message", "Retry", "Copy", "Back to top", "Log events",
        "Actions", "Start tailing", "Create metric filter", "Clear", "Local timezone", "UTC timezone", "Display",
        "Resume", "Load more", "1m", "30m", "1h", "12h", "Custom" };
    for (auto w : kExact)
        if (line == w)
            return true;
    return startsWith(line, "No older events at this moment") || startsWith(line, "No newer events at this moment")
        || startsWith(line, "You can use the filter bar");
}

bool isConsoleTableChrome(std::string_view line)
{
    line = trim(line);
    if (line.empty())
        return false;
    if (line.find_first_not_of("|-: ") == std::string_view::npos)
        return line.find("--") != std::string_view::npos; // the rule
    // The header: cells "Timestamp" and "Message" (any case), an empty cell allowed.
    bool time = false, message = false;
    std::size_t start = 0;
    while (start <= line.size()) {
        std::size_t bar = line.find('|', start);
        if (bar == std::string_view::npos)
            bar = line.size();
        std::string cell(trim(line.substr(start, bar - start)));
        for (auto &c : cell)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        if (cell == "timestamp")
            time = true;
        else if (cell == "message")
            message = true;
        else if (!cell.empty())
            return false;
        start = bar + 1;
    }
    return time && message;
}

bool sameButWhitespace(std::string_view a, std::string_view b)
{
    // U+00A0 (the Python runtime indents tracebacks with it) counts as white space too.
    auto next = [](std::string_view s, std::size_t &i) -> int {
        for (;;) {
            if (i >= s.size())
                return -1;
            const auto c = static_cast<unsigned char>(s[i]);
            if (isWhite(c)) {
                ++i;
            } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
                i += 2;
            } else {
                ++i;
                return c;
            }
        }
    };
    std::size_t i = 0, j = 0;
    for (;;) {
        const int x = next(a, i), y = next(b, j);
        if (x != y)
            return false;
        if (x < 0)
            return true;
    }
}

std::string_view dropConsoleCopyRepeat(std::string_view message)
{
    for (std::size_t at = message.find("Copy"); at != std::string_view::npos; at = message.find("Copy", at + 1)) {
        if (at == 0 || !isWhite(static_cast<unsigned char>(message[at - 1])) || at + 4 >= message.size()
            || !isWhite(static_cast<unsigned char>(message[at + 4])))
            continue;
        const std::string_view before = trimRight(message.substr(0, at));
        if (!before.empty() && sameButWhitespace(before, message.substr(at + 4)))
            return before;
    }
    return message;
}

std::string findLogEventsKey(std::string_view s)
{
    std::size_t i = skipSpace(s, 0);
    if (i < s.size() && s[i] == '[') { // a top-level array: aws logs ... --query events
        const std::size_t j = skipSpace(s, i + 1);
        return j < s.size() && s[j] == '{' && isLogEventObject(s, j) ? "[]" : "";
    }
    int depth = 0;
    std::string_view lastKey;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '"') {
            const std::size_t e = stringEnd(s, i);
            if (e == std::string_view::npos)
                return {};
            if (depth == 1)
                lastKey = s.substr(i + 1, e - i - 1);
            i = e;
        } else if (c == '{' || c == '[') {
            if (c == '[' && depth == 1) {
                const std::size_t j = skipSpace(s, i + 1);
                if (j < s.size() && s[j] == '{' && isLogEventObject(s, j))
                    return std::string(lastKey);
            }
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return {};
}

PrefixedLine splitPrefix(LinePrefix style, std::string_view line)
{
    PrefixedLine p;
    switch (style) {
    case LinePrefix::None:
        p.ok = true;
        p.message = line;
        return p;
    case LinePrefix::TailDetailed: {
        auto t = parseTimestamp(line);
        if (!t || !isTimestampWithOffset(line, t->length) || t->length >= line.size() || line[t->length] != ' ')
            return p;
        std::string_view rest = line.substr(t->length + 1);
        const std::size_t sp = rest.find(' ');
        p.stream = rest.substr(0, sp);
        p.message = sp == std::string_view::npos ? std::string_view {} : rest.substr(sp + 1);
        p.time = t->ms;
        p.ok = !p.stream.empty();
        return p;
    }
    case LinePrefix::Timestamp: {
        auto t = parseTimestamp(line);
        if (!t || (t->length < line.size() && line[t->length] != ' '))
            return p;
        p.time = t->ms;
        p.message = t->length < line.size() ? line.substr(t->length + 1) : std::string_view {};
        p.ok = true;
        return p;
    }
    case LinePrefix::ConsoleCopy: {
        // "<time>" alone (the message follows on the next lines) or "<time><TAB><message>".
        auto t = parseTimestamp(line);
        if (!t || t->length < 20 || line[10] != 'T')
            return p;
        const std::string_view rest = line.substr(t->length);
        if (!trim(rest).empty() && rest[0] != '\t')
            return p;
        if (!trim(rest).empty()) {
            // Not a console row but a Node.js record: "<time>\t<request id>\t<LEVEL>\t...".
            const std::string_view msg = rest.substr(1);
            const std::string_view id = msg.substr(0, msg.find_first_of(" \t"));
            if (looksLikeRequestId(id) || id == "undefined")
                return p;
        }
        p.time = t->ms;
        p.message = trim(rest).empty() ? std::string_view {} : rest.substr(1);
        p.ok = true;
        return p;
    }
    case LinePrefix::ConsoleTable: {
        // [spaces] [| [empty cell |]] <time> | <message> [|]
        std::string_view rest = trim(line);
        if (!rest.empty() && rest[0] == '|')
            rest = trim(rest.substr(1));
        if (!rest.empty() && rest[0] == '|') // the empty first cell (the expand-arrow column)
            rest = trim(rest.substr(1));
        const std::size_t bar = rest.find('|');
        if (bar == std::string_view::npos)
            return p;
        const auto t = cellTime(rest.substr(0, bar));
        if (!t)
            return p;
        p.time = *t;
        p.message = trim(rest.substr(bar + 1));
        p.ok = true;
        return p;
    }
    case LinePrefix::SamLogs: {
        const std::size_t sp = line.find(' ');
        if (sp == std::string_view::npos || !parseStreamName(line.substr(0, sp)).isLambda)
            return p;
        std::string_view rest = line.substr(sp + 1);
        auto t = parseTimestamp(rest);
        if (!t || (t->length < rest.size() && rest[t->length] != ' '))
            return p;
        p.stream = line.substr(0, sp);
        p.time = t->ms;
        p.message = t->length < rest.size() ? rest.substr(t->length + 1) : std::string_view {};
        p.ok = true;
        return p;
    }
    }
    return p;
}

DetectedFormat detectFormat(std::string_view head)
{
    DetectedFormat d;
    if (std::memchr(head.data(), '\0', head.size()) != nullptr) {
        d.container = Container::NotALog;
        d.reason = "binary data (NUL bytes), not a text log";
        return d;
    }
    const std::string_view s = skipBomAndSpace(head);
    if (s.empty()) {
        d.container = Container::NotALog;
        d.reason = "only white space";
        return d;
    }
    const std::string_view key = firstJsonKey(s);
    if (key == "events" || key == "nextForwardToken" || key == "nextBackwardToken" || key == "searchedLogStreams"
        || key == "messageType" || key == "logEvents") {
        d.container = Container::LogEventsJson;
        return d;
    }
    const std::string_view first = trimRight(firstLine(s));
    // Any other JSON document (or top-level array) that holds log events: an array of
    // objects with "timestamp" and "message" under some key. Not one JSON log line.
    const bool oneDocument
        = s[0] == '[' || (s[0] == '{' && (first.back() != '}' || trim(s.substr(first.size())).empty()));
    if (oneDocument) {
        std::string eventsKey = findLogEventsKey(s);
        if (!eventsKey.empty()) {
            d.container = Container::LogEventsJson;
            if (eventsKey != "events" && eventsKey != "logEvents")
                d.eventsKey = std::move(eventsKey);
            return d;
        }
    }
    if (key == "results" || key == "statistics"
        || (key == "status" && s.find("\"results\"") != std::string_view::npos)) {
        d.container = Container::QueryResultsJson;
        return d;
    }
    // Pretty-printed JSON whose "events" array is not the first key, or comes after
    // another document (an `aws lambda invoke` response pasted before the log events).
    if (s[0] == '{' && first.back() != '}') {
        for (std::size_t at = s.find("vents\""); at != std::string_view::npos; at = s.find("vents\"", at + 1)) {
            if (at < 2 || !(s.substr(at - 2, 2) == "\"e" || (at >= 5 && s.substr(at - 5, 5) == "\"logE")))
                continue; // "events" or "logEvents"
            std::size_t i = at + 6;
            auto skip = [&] {
                while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
                    ++i;
            };
            skip();
            if (i >= s.size() || s[i++] != ':')
                continue;
            skip();
            if (i >= s.size() || s[i++] != '[')
                continue;
            skip();
            if (i < s.size() && s[i] == '{' && s.find("\"message\"", i) != std::string_view::npos) {
                d.container = Container::LogEventsJson;
                return d;
            }
        }
    }
    {
        // The console's Markdown export, possibly after a title or a sentence.
        std::string_view rest = s;
        for (int n = 0; n < 40 && !rest.empty(); ++n) {
            const std::size_t nl = rest.find('\n');
            if (startsWith(trim(rest.substr(0, nl)), "**CloudWatch Logs Insights**")) {
                d.container = Container::InsightsMarkdown;
                return d;
            }
            rest = nl == std::string_view::npos ? std::string_view {} : rest.substr(nl + 1);
        }
    }
    if (first.size() > 1 && first[0] == '|' && !isConsoleTableChrome(first)) {
        std::string_view rest = s.substr(std::min(s.size(), s.find('\n') + 1));
        const std::string_view second = trim(firstLine(rest));
        if (startsWith(second, "| ---") || startsWith(second, "|---") || startsWith(second, "| :--")) {
            d.container = Container::InsightsMarkdown;
            return d;
        }
    }
    if (looksLikeCsvHeader(first)) {
        d.container = Container::InsightsCsv;
        return d;
    }

    // Lines: which prefix, if any, do most lines carry?
    std::array<int, 4> votes {};
    int sampled = 0;
    int bareTimes = 0, tabTimes = 0, tableRows = 0, tableChrome = 0, pageText = 0;
    std::string_view rest = s;
    while (!rest.empty() && sampled < 400) {
        const std::size_t nl = rest.find('\n');
        std::string_view line = trimRight(rest.substr(0, nl));
        rest = nl == std::string_view::npos ? std::string_view {} : rest.substr(nl + 1);
        // Console copies: their rows may be indented ("  | <time> | ..."); the page's
        // own text is a sign of a copy, not a line of the log.
        if (isConsoleTableChrome(line)) {
            ++tableChrome;
            continue;
        }
        if (isConsolePageText(line)) {
            ++pageText;
            continue;
        }
        if (splitPrefix(LinePrefix::ConsoleTable, line).ok) {
            ++tableRows;
            ++sampled;
            continue;
        }
        // Continuation lines (tracebacks, pretty-printed JSON) carry no prefix of their own.
        if (line.empty() || line[0] == ' ' || line[0] == '\t' || line[0] == '}' || line[0] == ']' || line[0] == '"')
            continue;
        ++sampled;
        if (isBareTimestamp(line)) {
            ++bareTimes;
            continue;
        }
        if (splitPrefix(LinePrefix::ConsoleCopy, line).ok) // "<time><TAB><message>"
            ++tabTimes;
        for (LinePrefix p : { LinePrefix::TailDetailed, LinePrefix::Timestamp, LinePrefix::SamLogs }) {
            const PrefixedLine pl = splitPrefix(p, line);
            if (!pl.ok)
                continue;
            // A Lambda "<ts> <request id> Task timed out" line is not a downloader prefix.
            if (p == LinePrefix::Timestamp && looksLikeRequestId(firstLine(pl.message).substr(0, 36)))
                continue;
            ++votes[std::size_t(p)];
        }
    }
    d.prefix = LinePrefix::None;
    if ((tableRows > 0 && tableChrome > 0 && tableRows * 2 >= sampled)
        || (tableRows >= 2 && tableRows * 2 >= sampled)) {
        d.prefix = LinePrefix::ConsoleTable;
        return d;
    }
    // A line holding only a zoned time is the console's; an event takes the time line,
    // the message and often its repeat, a pretty JSON record many more lines.
    if ((bareTimes >= 2 && (bareTimes + tabTimes) * 10 >= sampled) || (bareTimes == 1 && sampled <= 4)
        || (tabTimes > 0 && (tabTimes * 2 >= sampled || (pageText > 0 && tabTimes * 4 >= sampled)))) {
        d.prefix = LinePrefix::ConsoleCopy;
        return d;
    }
    int best = 0;
    for (LinePrefix p : { LinePrefix::TailDetailed, LinePrefix::SamLogs, LinePrefix::Timestamp }) {
        if (votes[std::size_t(p)] > best) {
            best = votes[std::size_t(p)];
            d.prefix = p;
        }
    }
    if (best * 2 < sampled)
        d.prefix = LinePrefix::None;
    return d;
}

std::string_view containerName(Container c)
{
    switch (c) {
    case Container::Lines:
        return "lines";
    case Container::LogEventsJson:
        return "filter-log-events";
    case Container::QueryResultsJson:
        return "get-query-results";
    case Container::InsightsCsv:
        return "insights-csv";
    case Container::InsightsMarkdown:
        return "insights-markdown";
    case Container::NotALog:
        return "not-a-log";
    }
    return "?";
}

std::string_view prefixName(LinePrefix p)
{
    switch (p) {
    case LinePrefix::None:
        return "";
    case LinePrefix::TailDetailed:
        return "aws-logs-tail";
    case LinePrefix::Timestamp:
        return "timestamped";
    case LinePrefix::SamLogs:
        return "sam-logs";
    case LinePrefix::ConsoleCopy:
        return "cloudwatch-console-copy";
    case LinePrefix::ConsoleTable:
        return "cloudwatch-console-table";
    }
    return "";
}

} // namespace coldscope
