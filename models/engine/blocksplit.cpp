// SPDX-License-Identifier: MIT
// Where the input is cut into units of parallel work: safe block boundaries of line
// input, and the spans of log-event objects inside JSON documents.
#include "blockparser.h"

#include "textparse.h"

#include <cstring>

namespace coldscope {

namespace {

bool startsIndented(std::string_view s)
{
    return !s.empty() && (s[0] == ' ' || s[0] == '\t');
}

} // namespace

namespace {

// Whether a block may start at `line` (right-trimmed), given whether the line before
// it was indented or blank. The parser's multi-line folds never contain such a line
// (see hasSafeCut()), so a cut there cannot split an event.
bool safeLine(std::string_view line, bool prevIndented, LinePrefix prefix)
{
    if (prefix != LinePrefix::None)
        return splitPrefix(prefix, line).ok;
    return !line.empty() && !startsIndented(line) && !prevIndented
        && !startsWith(line, "Traceback (most recent call last):") && !startsWith(line, "During handling")
        && !startsWith(line, "The above exception") && !startsWith(line, "XRAY TraceId:") && line[0] != '}'
        && line[0] != ']' && line[0] != '"'
        && line != "{"; // may open the JSON of the record on the line before (Node.js errors)
}

} // namespace

std::uint64_t safeSplit(std::string_view text, std::uint64_t pos, std::uint64_t end, LinePrefix prefix)
{
    // Start of the line after pos.
    auto nextLine = [&](std::uint64_t p) -> std::uint64_t {
        const void *nl = std::memchr(text.data() + p, '\n', end - p);
        return nl ? std::uint64_t(static_cast<const char *>(nl) - text.data()) + 1 : end;
    };
    std::uint64_t p = pos == 0 ? 0 : nextLine(pos - 1);
    bool prevIndented = true; // unknown: be conservative
    if (p > 0) {
        std::uint64_t prevStart = p - 1;
        while (prevStart > 0 && text[prevStart - 1] != '\n')
            --prevStart;
        prevIndented = prevStart < p - 1 && (text[prevStart] == ' ' || text[prevStart] == '\t');
    }
    for (int guard = 0; p < end && guard < 100000; ++guard) {
        const std::uint64_t next = nextLine(p);
        const std::string_view line = trimRight(text.substr(p, next - p));
        if (safeLine(line, prevIndented, prefix))
            return p;
        prevIndented = line.empty() || startsIndented(line);
        p = next;
    }
    return end;
}

bool hasSafeCut(std::string_view text, std::uint64_t from, std::uint64_t to, LinePrefix prefix)
{
    std::uint64_t p = from;
    while (p > 0 && text[p - 1] != '\n')
        --p;
    const std::uint64_t firstEnd = std::min<std::uint64_t>(text.find('\n', p), text.size());
    std::string_view line = trimRight(text.substr(p, firstEnd - p));
    bool prevIndented = line.empty() || startsIndented(line);
    for (p = firstEnd + 1; p < to && p < text.size();) {
        const std::uint64_t next = std::min<std::uint64_t>(text.find('\n', p), text.size());
        line = trimRight(text.substr(p, next - p));
        if (safeLine(line, prevIndented, prefix))
            return true;
        prevIndented = line.empty() || startsIndented(line);
        p = next + 1;
    }
    return false;
}

std::vector<BlockParser::Span> scanLogEventSpans(
    std::string_view text, const std::atomic<bool> *cancel, std::uint64_t &lines, std::string_view eventsKey)
{
    const bool topLevelArray = eventsKey == "[]";
    // Depth inside the events array, where its objects start: 2 in {"events": [{...}]},
    // 1 in a top-level array [{...}].
    const int elemDepth = topLevelArray ? 1 : 2;
    std::vector<BlockParser::Span> spans;
    const char *p = text.data();
    const std::size_t n = text.size();
    std::size_t i = 0;
    std::uint32_t line = 1;
    int depth = 0;
    std::string_view lastString;
    std::string_view lastKey;
    bool inEvents = false;
    std::size_t elemStart = std::string_view::npos;
    std::uint32_t elemLine = 0;
    std::size_t tick = 0;
    std::string_view docStream;
    std::vector<std::size_t> pendingStream;
    while (i < n) {
        const char c = p[i];
        switch (c) {
        case '\n':
            ++line;
            ++i;
            break;
        case '"': {
            std::size_t j = i + 1;
            for (;;) {
                const void *q = std::memchr(p + j, '"', n - j);
                if (!q) {
                    j = n;
                    break;
                }
                const std::size_t k = std::size_t(static_cast<const char *>(q) - p);
                std::size_t b = k;
                while (b > j && p[b - 1] == '\\')
                    --b;
                if (((k - b) & 1) == 0) {
                    j = k;
                    break;
                }
                j = k + 1;
            }
            if (depth == 1)
                lastString = text.substr(i + 1, j - i - 1);
            i = j + 1;
            break;
        }
        case ':':
            if (depth == 1) {
                lastKey = lastString;
                // "logStream": "<name>" names the stream of a subscription payload's events.
                std::size_t v = i + 1;
                while (v < n && (p[v] == ' ' || p[v] == '\t' || p[v] == '\r' || p[v] == '\n'))
                    ++v;
                if (lastKey == "logStream" && v < n && p[v] == '"') {
                    const std::size_t close = text.find('"', v + 1);
                    if (close != std::string_view::npos)
                        docStream = text.substr(v + 1, close - v - 1);
                }
            }
            ++i;
            break;
        case '{':
        case '[':
            if (c == '[' && depth == 1 && !topLevelArray
                && (lastKey == "events" || lastKey == "logEvents" || (!eventsKey.empty() && lastKey == eventsKey)))
                inEvents = true;
            else if (c == '[' && depth == 0 && topLevelArray)
                inEvents = true;
            else if (c == '{' && inEvents && depth == elemDepth && elemStart == std::string_view::npos) {
                elemStart = i;
                elemLine = line;
            }
            ++depth;
            ++i;
            break;
        case '}':
        case ']':
            if (depth > 0)
                --depth;
            if (c == '}' && inEvents && depth == elemDepth && elemStart != std::string_view::npos) {
                spans.push_back({ elemStart, i + 1, elemLine, {} });
                pendingStream.push_back(spans.size() - 1);
                elemStart = std::string_view::npos;
            }
            if (c == ']' && inEvents && depth == elemDepth - 1)
                inEvents = false;
            if (depth == 0) {
                // End of a document: its "logStream" (before or after the array) applies.
                for (auto k : pendingStream)
                    spans[k].stream = docStream;
                pendingStream.clear();
                docStream = {};
                lastKey = {};
            }
            ++i;
            break;
        default:
            ++i;
            break;
        }
        if (++tick == (1u << 20)) {
            tick = 0;
            if (cancel && cancel->load(std::memory_order_relaxed))
                break;
        }
    }
    for (auto k : pendingStream) // a document cut before its end
        spans[k].stream = docStream;
    lines = lineCount(text, line - 1);
    return spans;
}

} // namespace coldscope
