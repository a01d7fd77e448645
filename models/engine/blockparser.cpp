// SPDX-License-Identifier: MIT
#include "blockparser.h"
#include "blockparser_impl.h"

#include "sourcetext.h"
#include "textparse.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

namespace coldscope {

BlockParser::BlockParser()
    : d(std::make_unique<Impl>())
{
}

BlockParser::~BlockParser() = default;

namespace {

// A JSON object pretty-printed over several lines (a console copy, `sam logs`):
// the offset one past its closing brace, or 0 when it does not close within `limit`.
std::uint64_t balancedJsonEnd(std::string_view text, std::uint64_t start, std::uint64_t end)
{
    constexpr std::uint64_t kLimit = 1 << 20;
    int depth = 0;
    bool inString = false;
    for (std::uint64_t i = start; i < end && i - start < kLimit; ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '{' || c == '[')
            ++depth;
        else if ((c == '}' || c == ']') && --depth == 0)
            return i + 1;
    }
    return 0;
}

bool opensJsonOnly(std::string_view message)
{
    const std::string_view t = trim(message);
    return looksLikeJsonObject(t) && t.back() != '}';
}

} // namespace

void BlockParser::parseLines(
    std::string_view text, std::uint64_t begin, std::uint64_t end, LinePrefix prefix, Block &out)
{
    d->begin(out);
    BlockStore &s = out.store;
    s.reserve(std::size_t((end - begin) / 96));
    const char *base = text.data();
    std::uint64_t pos = begin;
    if (pos == 0 && text.substr(0, 3) == "\xEF\xBB\xBF")
        pos = 3; // UTF-8 byte order mark
    std::uint32_t lineNo = 0;
    // A message that opens a JSON object it does not close on its line: take the lines
    // up to the closing brace as one event. Returns false when it never closes.
    auto multiLineJson = [&](std::string_view message, std::uint32_t atLine, TimeMs time, std::uint32_t stream) {
        const std::uint64_t start = std::uint64_t(message.data() - base) + message.find('{');
        const std::uint64_t close = balancedJsonEnd(text, start, end);
        if (close == 0)
            return false;
        std::uint64_t lineEnd = close;
        while (lineEnd < end && base[lineEnd] != '\n')
            ++lineEnd;
        if (!trim(text.substr(close, lineEnd - close)).empty())
            return false; // something follows the object on its last line
        if (hasSafeCut(text, start, close, prefix))
            return false; // not a pretty-printed object (its inner lines would start events)
        {
            // Fold the lines only into a real JSON object: a '{' that some later '}'
            // happens to balance must not swallow the lines between them.
            const std::string_view span = text.substr(start, close - start);
            simdjson::dom::element probe;
            if (d->inner.parse(span.data(), span.size(), true).get(probe) != simdjson::SUCCESS)
                return false;
        }
        for (std::uint64_t i = std::uint64_t(message.data() - base); i < close; ++i)
            lineNo += base[i] == '\n';
        d->addMessage(text.substr(std::uint64_t(message.data() - base), close - std::uint64_t(message.data() - base)),
            std::uint64_t(message.data() - base), atLine, time, stream, close + kPadding <= text.size());
        s.flags.back() |= EventFlag::MultiLine;
        pos = lineEnd < end ? lineEnd + 1 : end;
        return true;
    };
    // A runtime record whose JSON continues on the next lines: the Node.js runtime's
    // "<time>\tundefined\tERROR\tUncaught Exception \t{" with the error pretty-printed
    // below, or with "{" alone on the next line. Returns the end of the line that closes
    // the object (0: not such a record). Only a valid JSON object is taken in.
    auto recordWithJson = [&](std::string_view line, std::uint64_t nextLine) -> std::uint64_t {
        if (line.empty() || line[0] < '0' || line[0] > '9')
            return 0;
        const std::string_view t = trimRight(line);
        std::uint64_t open = 0;
        if (!t.empty() && t.back() == '{')
            open = std::uint64_t(t.data() - base) + t.size() - 1;
        else if (nextLine < end && base[nextLine] == '{'
            && (nextLine + 1 >= end || base[nextLine + 1] == '\n' || base[nextLine + 1] == '\r'))
            open = nextLine;
        else
            return 0;
        const std::uint64_t close = balancedJsonEnd(text, open, end);
        if (close == 0)
            return 0;
        std::uint64_t closeLineEnd = close;
        while (closeLineEnd < end && base[closeLineEnd] != '\n')
            ++closeLineEnd;
        if (!trim(text.substr(close, closeLineEnd - close)).empty())
            return 0;
        if (hasSafeCut(text, std::uint64_t(line.data() - base), close, prefix))
            return 0;
        simdjson::dom::element probe;
        if (d->inner.parse(base + open, close - open, true).get(probe) != simdjson::SUCCESS)
            return 0;
        return close;
    };
    auto addRecordWithJson = [&](std::string_view line, std::uint64_t close, std::uint32_t atLine, TimeMs time,
                                 std::uint32_t stream) {
        const std::uint64_t from = std::uint64_t(line.data() - base);
        for (std::uint64_t i = from + line.size(); i < close; ++i)
            lineNo += base[i] == '\n';
        d->addMessage(text.substr(from, close - from), from, atLine, time, stream, close + kPadding <= text.size());
        s.flags.back() |= EventFlag::MultiLine;
        std::uint64_t lineEnd = close;
        while (lineEnd < end && base[lineEnd] != '\n')
            ++lineEnd;
        pos = lineEnd < end ? lineEnd + 1 : end;
    };
    // The console copy: lines gather under the last "<time>" line until the next one.
    ConsoleEvent console;
    const bool lastBlock = end >= text.size();
    auto flushConsole = [&](bool atEnd) {
        if (!console.active)
            return;
        d->addConsoleEvent(text, console, atEnd);
        console = ConsoleEvent {};
    };
    // Prefixed lines: a line holding only a time gives it to the next line, never an
    // empty event of its own, and never swallows that line.
    TimeMs pendingTime = kNoTime;
    std::uint32_t pendingLine = 0;
    while (pos < end) {
        const void *nl = std::memchr(base + pos, '\n', end - pos);
        const std::uint64_t lineEnd = nl ? std::uint64_t(static_cast<const char *>(nl) - base) : end;
        const std::uint64_t next = nl ? lineEnd + 1 : end;
        ++lineNo;
        std::uint64_t contentEnd = lineEnd;
        if (contentEnd > pos && base[contentEnd - 1] == '\r')
            --contentEnd;
        const std::string_view line(base + pos, contentEnd - pos);
        pos = next;
        if (prefix == LinePrefix::ConsoleCopy) {
            const PrefixedLine pl = splitPrefix(prefix, line);
            if (pl.ok) {
                flushConsole(false);
                console.active = true;
                console.time = pl.time;
                console.line = lineNo;
                if (!trim(pl.message).empty())
                    console.lines.push_back({ std::uint64_t(pl.message.data() - base), contentEnd });
            } else if (console.active) {
                console.lines.push_back({ std::uint64_t(line.data() - base), contentEnd });
            } else if (!isBlank(line) && !isConsolePageText(line)) {
                d->addMessage(line, std::uint64_t(line.data() - base), lineNo, kNoTime, 0,
                    contentEnd + kPadding <= text.size()); // text before the first event: kept
            }
            continue;
        }
        if (prefix == LinePrefix::ConsoleTable) {
            const PrefixedLine pl = splitPrefix(prefix, line);
            if (!pl.ok) {
                if (isBlank(line) || isConsoleTableChrome(line))
                    continue;
                if (d->havePrev)
                    d->extendLast(line, contentEnd); // a message cell that spilled onto the next line
                else
                    d->addMessage(line, std::uint64_t(line.data() - base), lineNo, kNoTime, 0,
                        contentEnd + kPadding <= text.size());
                continue;
            }
            d->addTableRow(line, pl, std::uint64_t(line.data() - base), lineNo, contentEnd + kPadding <= text.size());
            continue;
        }
        if (prefix != LinePrefix::None) {
            const PrefixedLine pl = splitPrefix(prefix, line);
            if (!pl.ok) {
                if (pendingTime != kNoTime && !isBlank(line)) {
                    d->addMessage(line, std::uint64_t(line.data() - base), pendingLine, pendingTime, 0,
                        contentEnd + kPadding <= text.size());
                    pendingTime = kNoTime;
                } else if (d->havePrev) {
                    d->extendLast(line, contentEnd);
                } else if (!isBlank(line)) {
                    d->addMessage(line, std::uint64_t(line.data() - base), lineNo, kNoTime, 0,
                        contentEnd + kPadding <= text.size());
                }
                continue;
            }
            if (pendingTime != kNoTime)
                d->diagnose(pendingLine, "a time without a message; skipped");
            pendingTime = kNoTime;
            if (trim(pl.message).empty() && pl.stream.empty()) {
                pendingTime = pl.time;
                pendingLine = lineNo;
                d->havePrev = false;
                continue;
            }
            const std::uint32_t stream = s.streams.intern(pl.stream);
            if (opensJsonOnly(pl.message) && multiLineJson(pl.message, lineNo, pl.time, stream))
                continue;
            if (const std::uint64_t close = recordWithJson(pl.message, pos)) {
                addRecordWithJson(pl.message, close, lineNo, pl.time, stream);
                continue;
            }
            d->addMessage(pl.message, std::uint64_t(pl.message.data() - base), lineNo, pl.time, stream,
                contentEnd + kPadding <= text.size());
            continue;
        }
        if (isBlank(line)) {
            if (d->havePrev && d->prevMultiline && d->inTraceback)
                d->extendLast(line, contentEnd);
            continue;
        }
        if (d->isContinuation(line)) {
            d->extendLast(line, contentEnd);
            continue;
        }
        if (opensJsonOnly(line) && multiLineJson(line, lineNo, kNoTime, 0))
            continue;
        if (const std::uint64_t close = recordWithJson(line, pos)) {
            addRecordWithJson(line, close, lineNo, kNoTime, 0);
            continue;
        }
        d->addMessage(
            line, std::uint64_t(line.data() - base), lineNo, kNoTime, 0, contentEnd + kPadding <= text.size());
    }
    flushConsole(lastBlock);
    if (pendingTime != kNoTime)
        d->diagnose(pendingLine, "a time without a message; skipped");
    out.lines = lineNo;
}

} // namespace coldscope
