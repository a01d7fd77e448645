// SPDX-License-Identifier: MIT
#include "formatdetect.h"

#include "textparse.h"

#include <array>
#include <cstring>

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

} // namespace

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
    if (key == "results" || key == "statistics"
        || (key == "status" && s.find("\"results\"") != std::string_view::npos)) {
        d.container = Container::QueryResultsJson;
        return d;
    }
    const std::string_view first = trimRight(firstLine(s));
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
    if (startsWith(first, "**CloudWatch Logs Insights**")) {
        d.container = Container::InsightsMarkdown;
        return d;
    }
    if (first.size() > 1 && first[0] == '|') {
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
    std::string_view rest = s;
    while (!rest.empty() && sampled < 400) {
        const std::size_t nl = rest.find('\n');
        std::string_view line = trimRight(rest.substr(0, nl));
        rest = nl == std::string_view::npos ? std::string_view {} : rest.substr(nl + 1);
        // Continuation lines (tracebacks, pretty-printed JSON) carry no prefix of their own.
        if (line.empty() || line[0] == ' ' || line[0] == '\t' || line[0] == '}' || line[0] == ']' || line[0] == '"')
            continue;
        ++sampled;
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
    }
    return "";
}

} // namespace coldscope
