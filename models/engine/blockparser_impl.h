// SPDX-License-Identifier: MIT
#pragma once

// BlockParser's per-message work (private to the engine): classify one message into an
// event of the block's store, with the continuation state of plain lines. Shared by
// the line parser (blockparser.cpp) and the JSON-container parser (blockevents.cpp).

#include "blockparser.h"
#include "flatjson.h"
#include "formatdetect.h"
#include "jsonshapes.h"
#include "sourcetext.h"
#include "textparse.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace coldscope {

namespace blockdetail {

using flatjson::flatStrings;

constexpr std::size_t kPadding = simdjson::SIMDJSON_PADDING;

inline bool isBlank(std::string_view s)
{
    return trim(s).empty();
}

inline bool startsIndented(std::string_view s)
{
    return !s.empty() && (s[0] == ' ' || s[0] == '\t');
}

// A message that means to be a JSON object: '{' then a key's quote, '}' or nothing.
// A Python dict printed with print() ("{'key': 'value'}") is ordinary text.
inline bool looksLikeJsonObject(std::string_view s)
{
    if (s.empty() || s[0] != '{')
        return false;
    std::size_t i = 1;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        ++i;
    return i == s.size() || s[i] == '"' || s[i] == '}';
}

// Lambda writes a platform record's type second, after its time:
// {"time":"2024-06-01T00:00:00.000Z","type":"platform.start",... A guess, used only
// to choose which reader tries a record first: whether "platform. follows a quote
// within the first 64 bytes.
inline bool platformTypeNearStart(std::string_view js)
{
    constexpr std::string_view word = "platform.";
    const char *const begin = js.data();
    const std::size_t n = std::min<std::size_t>(js.size(), 64);
#ifdef __SSE2__
    if (n == 64) {
        // Each 'p' just after a '"' in the 64 bytes, as bits (4 loads, no call), then
        // the rest of the word at each.
        std::uint64_t quotes = 0, ps = 0;
        for (int k = 0; k < 4; ++k) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(begin + 16 * k));
            quotes |= std::uint64_t(std::uint16_t(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')))))
                << (16 * k);
            ps |= std::uint64_t(std::uint16_t(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('p'))))) << (16 * k);
        }
        for (std::uint64_t m = ps & (quotes << 1); m != 0; m &= m - 1) {
            const auto q = std::size_t(__builtin_ctzll(m));
            if (q + word.size() <= n && std::memcmp(begin + q, word.data(), word.size()) == 0)
                return true;
        }
        return false;
    }
#endif
    // Each 'p' (memchr), then the quote before it and the rest.
    const char *const end = begin + n;
    for (const char *q = begin + 1; q < end; ++q) {
        q = static_cast<const char *>(std::memchr(q, 'p', std::size_t(end - q)));
        if (!q)
            return false;
        if (q[-1] == '"' && std::size_t(end - q) >= word.size() && std::memcmp(q, word.data(), word.size()) == 0)
            return true;
    }
    return false;
}

// "KeyError: 'x'", "botocore.exceptions.ClientError: ...", "SystemExit" - the last
// line of a Python traceback.
inline std::string_view exceptionName(std::string_view line)
{
    std::size_t i = 0;
    while (i < line.size()) {
        const char c = line[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.')
            ++i;
        else
            break;
    }
    if (i == 0 || (i < line.size() && line[i] != ':'))
        return {};
    const std::string_view name = line.substr(0, i);
    const char first = name[0];
    if (!(first >= 'A' && first <= 'Z') && name.find('.') == std::string_view::npos)
        return {};
    return name;
}

// One event of a console copy: the time line and the message lines under it.
struct ConsoleEvent {
    bool active = false;
    TimeMs time = kNoTime;
    std::uint32_t line = 0;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> lines; // [begin, end) of each line, blank ones too
};

inline EventKind platformKind(std::string_view type)
{
    if (type == "platform.initStart")
        return EventKind::PlatformInitStart;
    if (type == "platform.initRuntimeDone")
        return EventKind::PlatformInitRuntimeDone;
    if (type == "platform.initReport")
        return EventKind::PlatformInitReport;
    if (type == "platform.start")
        return EventKind::PlatformStart;
    if (type == "platform.runtimeDone")
        return EventKind::PlatformRuntimeDone;
    if (type == "platform.report")
        return EventKind::PlatformReport;
    if (type == "platform.restoreStart")
        return EventKind::PlatformRestoreStart;
    if (type == "platform.restoreRuntimeDone")
        return EventKind::PlatformRestoreRuntimeDone;
    if (type == "platform.restoreReport")
        return EventKind::PlatformRestoreReport;
    return EventKind::PlatformOther;
}

inline std::string_view str(const simdjson::dom::object &o, std::string_view key)
{
    std::string_view v;
    if (o[key].get_string().get(v) != simdjson::SUCCESS)
        return {};
    return v;
}

inline double num(const simdjson::dom::object &o, std::string_view key)
{
    double v = 0;
    simdjson::dom::element e;
    if (o[key].get(e) != simdjson::SUCCESS)
        return kNaN;
    if (e.get_double().get(v) == simdjson::SUCCESS)
        return v;
    std::string_view s;
    if (e.get_string().get(s) == simdjson::SUCCESS) {
        auto d = parseDouble(s);
        return d ? *d : kNaN;
    }
    return kNaN;
}

// The string values of `keys` in `o`, in one pass over its fields (a lookup by key is a
// pass each). Same answers as str(o, key): the first field of that name counts, and a
// value that is not a string reads as empty.
template <std::size_t N>
inline void strings(const simdjson::dom::object &o, const std::string_view (&keys)[N], std::string_view (&out)[N])
{
    bool seen[N] = {};
    std::size_t left = N;
    for (simdjson::dom::key_value_pair field : o) {
        for (std::size_t k = 0; k < N; ++k) {
            if (seen[k] || field.key != keys[k])
                continue;
            seen[k] = true;
            if (field.value.get_string().get(out[k]) != simdjson::SUCCESS)
                out[k] = {};
            --left;
            break;
        }
        if (left == 0)
            break;
    }
}

// Every top-level field of a JSON record that the parser reads, in one pass.
inline constexpr std::string_view kRecordFields[] = { "type", "time", "level", "log_level", "timestamp", "requestId",
    "function_request_id", "aws_request_id", "errorType", "function_name" };
enum RecordField {
    Type,
    Time,
    LevelKey,
    LogLevel,
    Timestamp,
    RequestId,
    FunctionRequestId,
    AwsRequestId,
    ErrorType,
    FunctionName
};
using RecordStrings = std::string_view[std::size(kRecordFields)];

// A platform.* record's fields, read from the DOM or by flatjson::nestedFields().
inline constexpr std::string_view kPlatformRecordKeys[]
    = { "requestId", "status", "errorType", "phase", "runtimeVersion", "functionName", "functionArn", "instanceId" };
enum PlatformRecordKey {
    RecRequestId,
    RecStatus,
    RecErrorType,
    RecPhase,
    RecRuntimeVersion,
    RecFunctionName,
    RecFunctionArn,
    RecInstanceId
};
inline constexpr std::string_view kMetricKeys[]
    = { "durationMs", "billedDurationMs", "initDurationMs", "restoreDurationMs", "memorySizeMB", "maxMemoryUsedMB" };
enum MetricKey { MetDuration, MetBilled, MetInit, MetRestore, MetMemorySize, MetMaxMemory };
using NestedRecord = flatjson::Nested<std::size(kRecordFields), std::size(kPlatformRecordKeys), std::size(kMetricKeys)>;
// The readers' names with their tables by length, made at compile time.
inline constexpr flatjson::KeySet kRecordFieldSet { kRecordFields };
inline constexpr flatjson::KeySet kPlatformRecordKeySet { kPlatformRecordKeys };
inline constexpr flatjson::KeySet kMetricKeySet { kMetricKeys };

// A metric nestedFields() read, as num() reads it from the DOM: a number, a string's
// number (parseDouble), NaN for anything else.
inline double metricOf(const NestedRecord &n, std::size_t i)
{
    const std::string_view text = n.metrics[i];
    if (n.metricIsString[i]) {
        const auto d = parseDouble(text);
        return d ? *d : kNaN;
    }
    if (text.empty())
        return kNaN;
    // Up to 15 digits (a metric's usual "138.55" or "1606"): the integer of all its digits
    // over the power of ten of its fraction. Both are exact in a double, so the division's
    // one rounding gives the correctly rounded value, as from_chars and simdjson do.
    static constexpr double kPow10[]
        = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
    std::uint64_t mantissa = 0;
    int digits = 0, fraction = -1;
    for (const char c : text) {
        if (c == '.') {
            fraction = 0;
            continue;
        }
        if (c < '0' || c > '9' || ++digits > 15) {
            digits = 16; // anything else: from_chars
            break;
        }
        mantissa = mantissa * 10 + std::uint64_t(c - '0');
        fraction += fraction >= 0;
    }
    if (digits <= 15)
        return double(mantissa) / kPow10[std::max(fraction, 0)];
    double v = kNaN;
    if (std::from_chars(text.data(), text.data() + text.size(), v).ec != std::errc())
        return kNaN;
    return v;
}

} // namespace blockdetail

using namespace blockdetail;

struct BlockParser::Impl {
    simdjson::dom::parser outer;
    simdjson::dom::parser inner;
    Block *out = nullptr;

    // Continuation state for plain lines (see isContinuation()).
    bool havePrev = false;
    bool prevMultiline = false;
    bool inTraceback = false;
    bool lastIndented = false;
    EventKind prevKind = EventKind::Text;

    void begin(Block &b)
    {
        out = &b;
        havePrev = false;
        prevMultiline = false;
        inTraceback = false;
        lastIndented = false;
    }

    void diagnose(std::uint32_t line, std::string message)
    {
        ++out->skipped;
        if (out->diagnostics.size() < LogData::kMaxDiagnostics)
            out->diagnostics.push_back({ line, std::move(message) });
    }

    std::int32_t metricsFor(std::size_t event)
    {
        BlockStore &s = out->store;
        if (s.aux[event] < 0)
            s.aux.set(event, s.addMetrics(Metrics {}));
        return s.aux[event];
    }

    bool isContinuation(std::string_view line) const
    {
        if (!havePrev)
            return false;
        if ((prevKind == EventKind::Report) && startsWith(line, "XRAY TraceId:"))
            return true;
        if (!prevMultiline)
            return false;
        if (startsIndented(line))
            return true;
        if (startsWith(line, "Traceback (most recent call last):")
            || startsWith(line, "During handling of the above exception")
            || startsWith(line, "The above exception was the direct cause"))
            return true;
        return inTraceback && lastIndented && !exceptionName(line).empty();
    }

    // Fold a continuation line into the last event (it directly follows in the input).
    void extendLast(std::string_view line, std::uint64_t lineEndOffset)
    {
        BlockStore &s = out->store;
        const std::size_t last = s.size() - 1;
        s.msgLength.set(last, std::uint32_t(std::min<std::uint64_t>(lineEndOffset - s.msgOffset[last], UINT32_MAX)));
        s.flags[last] |= EventFlag::MultiLine;
        if (startsWith(line, "Traceback (most recent call last):"))
            inTraceback = true;
        if (inTraceback && !startsIndented(line) && s.level[last] >= Level::Error) {
            // The exception of an ERROR record's traceback (logger.exception): shown as
            // the record's error type. Only the runtime's own records fail an invocation.
            const std::string_view name = exceptionName(line);
            if (!name.empty())
                s.metrics[std::size_t(metricsFor(last))].errorType = s.strings.intern(name);
        }
        lastIndented = startsIndented(line);
    }

    struct PlatformFields {
        bool keysOnly = true;
        bool hasRecord = false;
        std::string_view record[std::size(kPlatformRecordKeys)];
        double metrics[std::size(kMetricKeys)] = { kNaN, kNaN, kNaN, kNaN, kNaN, kNaN }; // as num() reads them
    };
    using NestedRecord
        = flatjson::Nested<std::size(kRecordFields), std::size(kPlatformRecordKeys), std::size(kMetricKeys)>;
    // Scratch for addMessage(), reused: the readers reset what they fill.
    RecordStrings flat;
    NestedRecord nested;
    // The layouts of the records met so far (read by matching them), and what the
    // nested reader recorded of the last record to learn one from.
    flatjson::Shapes<std::size(kRecordFields), std::size(kPlatformRecordKeys), std::size(kMetricKeys)> shapes;
    flatjson::Recording recording;
    // How well the layouts serve each class of record (application, platform.*): in
    // each stretch of 256 records of a class, when fewer than half the records tried
    // matched a layout, only one record in 8 of the next stretch tries (and learns). A
    // log whose application records add keys as they please then reads them with
    // flatStrings() as before, while its platform records still match their layouts.
    struct LayoutUse {
        std::uint32_t records = 0, tried = 0, matched = 0;
        bool sparse = false;
        bool tryNext()
        {
            if (++records % 256 == 0) {
                sparse = tried > 0 && matched * 2 < tried;
                tried = matched = 0;
            }
            const bool now = !sparse || records % 8 == 0;
            tried += now;
            return now;
        }
    };
    LayoutUse layoutUse[2];

    void addJson(const simdjson::dom::object &o, std::size_t ev)
    {
        RecordStrings f;
        strings(o, kRecordFields, f);
        if (!startsWith(f[Type], "platform.")) {
            addAppJson(f, ev);
            return;
        }
        PlatformFields pf;
        for (auto field : o)
            if (field.key != "time" && field.key != "type" && field.key != "record") {
                pf.keysOnly = false;
                break;
            }
        simdjson::dom::object rec;
        if (o["record"].get_object().get(rec) == simdjson::SUCCESS) {
            pf.hasRecord = true;
            strings(rec, kPlatformRecordKeys, pf.record);
            simdjson::dom::object metrics;
            if (rec["metrics"].get_object().get(metrics) == simdjson::SUCCESS)
                for (std::size_t i = 0; i < std::size(kMetricKeys); ++i)
                    pf.metrics[i] = num(metrics, kMetricKeys[i]);
        }
        addPlatform(f, pf, ev);
    }

    // The same record read without a DOM: a metric's text as num() would read it.
    void addNested(const NestedRecord &n, std::size_t ev)
    {
        if (!startsWith(n.top[Type], "platform.")) {
            addAppJson(n.top, ev);
            return;
        }
        PlatformFields pf;
        pf.keysOnly = n.keysOnly;
        pf.hasRecord = n.hasRecord;
        std::copy(std::begin(n.record), std::end(n.record), std::begin(pf.record));
        for (std::size_t i = 0; n.hasMetrics && i < std::size(kMetricKeys); ++i)
            pf.metrics[i] = metricOf(n, i);
        addPlatform(n.top, pf, ev);
    }

    void addPlatform(const RecordStrings &f, const PlatformFields &pf, std::size_t ev)
    {
        BlockStore &s = out->store;
        const std::string_view type = f[Type];
        const EventKind k = platformKind(type);
        s.kind[ev] = k;
        if (pf.keysOnly)
            s.flags[ev] |= EventFlag::PlatformKeysOnly;
        if (auto t = parseTimestamp(f[Time]); t && s.time[ev] == kNoTime)
            s.time.set(ev, t->ms);
        if (!pf.hasRecord)
            return;
        Metrics m;
        Origin origin;
        const auto &r = pf.record;
        s.request.set(ev, s.requests.intern(r[RecRequestId]));
        m.status = parseStatus(r[RecStatus]);
        m.errorType = s.strings.intern(r[RecErrorType]);
        m.phase = s.strings.intern(r[RecPhase]);
        m.runtimeVersion = s.strings.intern(r[RecRuntimeVersion]);
        origin.function = s.functions.intern(r[RecFunctionName]);
        if (origin.function == 0 && !r[RecFunctionArn].empty())
            origin.function = s.functions.intern(functionFromArn(r[RecFunctionArn]));
        origin.instance = s.streams.intern(r[RecInstanceId]);
        const double duration = saneFigure(pf.metrics[MetDuration], kMaxDurationMs);
        switch (k) {
        case EventKind::PlatformInitReport:
            m.initDurationMs = duration;
            break;
        case EventKind::PlatformRestoreReport:
            m.restoreDurationMs = duration;
            break;
        case EventKind::PlatformRuntimeDone:
            break;
        default:
            m.durationMs = duration;
            m.billedDurationMs = saneFigure(pf.metrics[MetBilled], kMaxDurationMs);
            m.initDurationMs = saneFigure(pf.metrics[MetInit], kMaxDurationMs);
            m.restoreDurationMs = saneFigure(pf.metrics[MetRestore], kMaxDurationMs);
            if (const double v = saneFigure(pf.metrics[MetMemorySize], kMaxMemoryMB); !std::isnan(v))
                m.memorySizeMB = std::int32_t(v);
            if (const double v = saneFigure(pf.metrics[MetMaxMemory], kMaxMemoryMB); !std::isnan(v))
                m.maxMemoryUsedMB = std::int32_t(v);
            break;
        }
        if (isFailed(m.status))
            s.level[ev] = Level::Error;
        // Most platform records (start, a successful runtimeDone) carry nothing the
        // store keeps: give them no metrics row.
        const bool useful = k != EventKind::PlatformStart && k != EventKind::PlatformRuntimeDone
            ? true
            : (origin.function != 0 || (m.status != Status::Unknown && m.status != Status::Success));
        if (useful)
            s.aux.set(ev, s.addMetrics(m, origin));
    }

    // A record that is not a platform.* one, from its top-level fields.
    void addAppJson(const RecordStrings &f, std::size_t ev)
    {
        BlockStore &s = out->store;
        // Application JSON: the runtime's JsonFormatter, Powertools, or any JSON print().
        // The Python runtime writes an unhandled exception as a record keyed "log_level"
        // (not "level") with its errorType; a handled logger.exception() record carries
        // errorType too, under "level", and fails nothing.
        std::string_view lvl = f[LevelKey];
        const bool runtimeRecord = lvl.empty() && !(lvl = f[LogLevel]).empty();
        s.level[ev] = parseLevel(lvl);
        s.kind[ev] = s.level[ev] != Level::None ? EventKind::AppJson : EventKind::Text;
        if (auto t = parseTimestamp(f[Timestamp]); t && s.time[ev] == kNoTime)
            s.time.set(ev, t->ms);
        std::string_view req = f[RequestId];
        if (req.empty())
            req = f[FunctionRequestId];
        if (req.empty())
            req = f[AwsRequestId];
        s.request.set(ev, s.requests.intern(req));
        const std::string_view errorType = f[ErrorType];
        const std::string_view fn = f[FunctionName];
        if (!errorType.empty() || !fn.empty()) {
            Metrics m;
            Origin origin;
            m.errorType = s.strings.intern(errorType);
            origin.function = s.functions.intern(fn);
            s.aux.set(ev, s.addMetrics(m, origin));
            if (runtimeRecord && !errorType.empty() && s.level[ev] >= Level::Error)
                s.flags[ev] |= EventFlag::ErrorRecord;
        }
    }

    // A console-copy event: the message once, though the console shows an expanded
    // event twice (raw, then with white space collapsed, sometimes after "Copy"), and a
    // JSON event as pretty JSON then the compact record.
    void addConsoleEvent(std::string_view text, ConsoleEvent &e, bool atEnd)
    {
        auto view = [&](std::size_t k) { return text.substr(e.lines[k].first, e.lines[k].second - e.lines[k].first); };
        auto lastContent = [&](std::size_t upTo) -> std::ptrdiff_t { // last non-blank line index < upTo
            for (std::size_t k = upTo; k-- > 0;)
                if (!isBlank(view(k)))
                    return std::ptrdiff_t(k);
            return -1;
        };
        std::size_t n = e.lines.size();
        if (atEnd) // the page's own text after the last event ("No newer events at this moment")
            while (n > 0 && (isBlank(view(n - 1)) || isConsolePageText(view(n - 1))))
                --n;
        std::ptrdiff_t last = lastContent(n);
        std::ptrdiff_t first = 0;
        while (first <= last && isBlank(view(std::size_t(first))))
            ++first;
        if (last < 0) {
            diagnose(e.line, "a time without a message (console copy); skipped");
            return;
        }
        std::ptrdiff_t from = first, to = last; // the lines that make the message
        if (last > first) {
            // Is the last line the console's repeat of the lines before it?
            std::ptrdiff_t before = lastContent(std::size_t(last));
            if (before >= first && trim(view(std::size_t(before))) == "Copy")
                before = lastContent(std::size_t(before));
            if (before >= first) {
                const std::uint64_t a = e.lines[std::size_t(first)].first, b = e.lines[std::size_t(before)].second;
                if (sameButWhitespace(text.substr(a, b - a), view(std::size_t(last)))) {
                    // Keep the raw form; for JSON the compact line is the record itself.
                    const bool prettyJson = trim(view(std::size_t(first))) == "{";
                    if (prettyJson)
                        from = last;
                    else
                        to = before;
                }
            }
        }
        const std::uint64_t a = e.lines[std::size_t(from)].first, b = e.lines[std::size_t(to)].second;
        const std::string_view msg = dropConsoleCopyRepeat(text.substr(a, b - a));
        addMessage(msg, a, e.line, e.time, 0, a + msg.size() + kPadding <= text.size());
        if (to > from)
            out->store.flags.back() |= EventFlag::MultiLine;
    }

    // A row of a console table pasted as Markdown.
    void addTableRow(
        std::string_view line, const PrefixedLine &pl, std::uint64_t lineOffset, std::uint32_t lineNo, bool padded)
    {
        std::string_view msg = pl.message;
        // A bordered table ("| time | message |") closes each row with a pipe.
        if (!line.empty() && line.front() == '|' && !msg.empty() && msg.back() == '|')
            msg = trimRight(msg.substr(0, msg.size() - 1));
        msg = dropConsoleCopyRepeat(msg);
        if (msg.find("\\|") == std::string_view::npos) {
            addMessage(msg, lineOffset + std::uint64_t(msg.data() - line.data()), lineNo, pl.time, 0, padded);
            return;
        }
        // Markdown escapes the message's own pipes: store the unescaped text.
        const std::size_t at = out->arena.size();
        for (std::size_t i = 0; i < msg.size(); ++i) {
            if (msg[i] == '\\' && i + 1 < msg.size() && msg[i + 1] == '|')
                continue;
            out->arena += msg[i];
        }
        havePrev = false;
        addMessage(std::string_view(out->arena).substr(at), kArenaOffset | at, lineNo, pl.time, 0, false);
        out->store.flags.back() |= EventFlag::Arena;
    }

    // One event from one message; `padded` = 64 readable bytes follow the message.
    void addMessage(std::string_view msg, std::uint64_t offset, std::uint32_t lineNo, TimeMs prefixTime,
        std::uint32_t stream, bool padded)
    {
        BlockStore &s = out->store;
        const std::size_t ev = s.add(prefixTime, offset, std::uint32_t(std::min<std::size_t>(msg.size(), UINT32_MAX)),
            lineNo, stream, 0, EventKind::Text, Level::None, 0);
        havePrev = true;
        prevMultiline = false;
        inTraceback = false;
        lastIndented = false;
        std::size_t first = 0;
        while (first < msg.size() && (msg[first] == ' ' || msg[first] == '\t'))
            ++first;
        if (looksLikeJsonObject(msg.substr(first))) {
            const std::string_view js = trimRight(msg.substr(first));
            // A platform.* record, by a guess: Lambda writes its type second, near the start.
            // Only the order of the readers below depends on the guess.
            const bool platform = platformTypeNearStart(js);
            LayoutUse &use = layoutUse[platform];
            // A record of a layout met before: its values read by matching the layout.
            const bool tryShapes = use.tryNext();
            if (tryShapes && shapes.read(js, nested)) {
                ++use.matched;
                addNested(nested, ev);
                prevKind = s.kind[ev];
                return;
            }
            // Most application records are flat objects of strings: read without a DOM.
            // A platform.* record never is one (its record is an object, and a flat one
            // would go on to nestedFields() anyway). A record that tried the layouts is
            // read by the nested reader instead, to learn its layout.
            if (!tryShapes && !platform && flatStrings(js, kRecordFieldSet, flat)
                && !startsWith(flat[Type], "platform.")) {
                addAppJson(flat, ev);
                prevKind = s.kind[ev];
                return;
            }
            // A platform.* record (or any record with nested values), still without a DOM
            // when it is plain enough; the DOM reads the rest.
            if (flatjson::nestedFields(js, kRecordFieldSet, kPlatformRecordKeySet, kMetricKeySet, nested,
                    tryShapes ? &recording : nullptr)) {
                if (tryShapes)
                    shapes.learn(js, nested, recording);
                addNested(nested, ev);
                prevKind = s.kind[ev];
                return;
            }
            simdjson::dom::element root;
            const auto err = inner.parse(js.data(), js.size(), !padded).get(root);
            simdjson::dom::object obj;
            if (err == simdjson::SUCCESS && root.get_object().get(obj) == simdjson::SUCCESS) {
                addJson(obj, ev);
            } else if (err != simdjson::SUCCESS) {
                s.flags[ev] |= EventFlag::Damaged;
                diagnose(lineNo,
                    std::string("line starts with '{' but is not valid JSON (") + simdjson::error_message(err)
                        + "); kept as text");
            }
            prevKind = s.kind[ev];
            return;
        }
        const TextFields f = classifyText(msg);
        s.kind[ev] = f.problem.empty() ? f.kind : EventKind::Text;
        s.level[ev] = f.level;
        if (s.time[ev] == kNoTime)
            s.time.set(ev, f.time);
        s.request.set(ev, s.requests.intern(f.requestId));
        if (!f.problem.empty()) {
            s.flags[ev] |= EventFlag::Damaged;
            diagnose(lineNo, std::string(f.problem));
        }
        switch (s.kind[ev]) {
        case EventKind::ImportLine: {
            ImportRec r;
            r.selfUs = f.import.selfUs;
            r.cumulativeUs = f.import.cumulativeUs;
            r.level = std::int16_t(std::min(f.import.level, 32000));
            r.pad = std::int16_t(std::min(f.import.pad, 32000));
            r.cached = f.import.cached;
            r.module = s.modules.intern(f.import.module);
            s.imports.push_back(r);
            s.aux.set(ev, std::int32_t(s.imports.size() - 1));
            break;
        }
        case EventKind::AppLog: {
            prevMultiline = true;
            if (f.level >= Level::Error) {
                // A whole record in one event (container formats): the traceback is inside.
                const std::size_t tb = msg.find("\nTraceback (most recent call last):");
                if (tb != std::string_view::npos) {
                    std::string_view tail = trimRight(msg);
                    const std::size_t lastNl = tail.find_last_of('\n');
                    const std::string_view name
                        = exceptionName(lastNl == std::string_view::npos ? tail : tail.substr(lastNl + 1));
                    if (!name.empty())
                        s.metrics[std::size_t(metricsFor(ev))].errorType = s.strings.intern(name);
                }
            }
            if (f.level >= Level::Error
                && (startsWith(f.body, "Invoke Error") || startsWith(f.body, "Uncaught Exception"))) {
                // The Node.js runtime's own records of an unhandled error, with the error as
                // JSON: "<ts>\t<id>\tERROR\tInvoke Error \t{"errorType":"Error",...}".
                s.flags[ev] |= EventFlag::ErrorRecord;
                const std::size_t key = msg.find("\"errorType\"");
                if (key != std::string_view::npos) {
                    std::string_view v = trim(msg.substr(key + 11));
                    if (!v.empty() && v[0] == ':')
                        v = trim(v.substr(1));
                    if (!v.empty() && v[0] == '"' && v.find('"', 1) != std::string_view::npos)
                        s.metrics[std::size_t(metricsFor(ev))].errorType
                            = s.strings.intern(v.substr(1, v.find('"', 1) - 1));
                }
            } else if (f.level >= Level::Error && f.time == kNoTime) {
                // "[ERROR] Runtime.ImportModuleError: ..." - the runtime's own unhandled-error record.
                std::string_view rest = msg.substr(std::min(msg.size(), msg.find(']') + 1));
                rest = trim(firstLine(rest));
                const std::string_view name = exceptionName(rest);
                if (!name.empty()) {
                    s.flags[ev] |= EventFlag::ErrorRecord;
                    s.metrics[std::size_t(metricsFor(ev))].errorType = s.strings.intern(name);
                }
            }
            break;
        }
        case EventKind::Report:
        case EventKind::InitStart:
        case EventKind::InitReport:
        case EventKind::RestoreStart:
        case EventKind::RestoreReport:
        case EventKind::TimedOut: {
            Metrics m;
            m.durationMs = f.durationMs;
            m.billedDurationMs = f.billedDurationMs;
            m.initDurationMs = f.initDurationMs;
            m.restoreDurationMs = f.restoreDurationMs;
            m.memorySizeMB = f.memorySizeMB;
            m.maxMemoryUsedMB = f.maxMemoryUsedMB;
            m.status = f.status;
            m.errorType = s.strings.intern(f.errorType);
            m.phase = s.strings.intern(f.phase);
            m.runtimeVersion = s.strings.intern(f.runtimeVersion);
            s.aux.set(ev, s.addMetrics(m));
            if (isFailed(m.status))
                s.level[ev] = Level::Error;
            break;
        }
        default:
            break;
        }
        prevKind = s.kind[ev];
    }
};

} // namespace coldscope
