// SPDX-License-Identifier: MIT
#include "blockparser.h"

#include "sourcetext.h"
#include "textparse.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

namespace coldscope {

namespace {

constexpr std::size_t kPadding = simdjson::SIMDJSON_PADDING;

bool isBlank(std::string_view s)
{
    return trim(s).empty();
}

bool startsIndented(std::string_view s)
{
    return !s.empty() && (s[0] == ' ' || s[0] == '\t');
}

// A message that means to be a JSON object: '{' then a key's quote, '}' or nothing.
// A Python dict printed with print() ("{'key': 'value'}") is ordinary text.
bool looksLikeJsonObject(std::string_view s)
{
    if (s.empty() || s[0] != '{')
        return false;
    std::size_t i = 1;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        ++i;
    return i == s.size() || s[i] == '"' || s[i] == '}';
}

// "KeyError: 'x'", "botocore.exceptions.ClientError: ...", "SystemExit" - the last
// line of a Python traceback.
std::string_view exceptionName(std::string_view line)
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

EventKind platformKind(std::string_view type)
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

std::string_view str(const simdjson::dom::object &o, std::string_view key)
{
    std::string_view v;
    if (o[key].get_string().get(v) != simdjson::SUCCESS)
        return {};
    return v;
}

double num(const simdjson::dom::object &o, std::string_view key)
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

} // namespace

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
        EventStore &s = out->store;
        if (s.aux[event] < 0)
            s.aux[event] = s.addMetrics(Metrics {});
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
        EventStore &s = out->store;
        const std::size_t last = s.size() - 1;
        s.msgLength[last] = std::uint32_t(std::min<std::uint64_t>(lineEndOffset - s.msgOffset[last], UINT32_MAX));
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

    void addJson(const simdjson::dom::object &o, std::size_t ev)
    {
        EventStore &s = out->store;
        const std::string_view type = str(o, "type");
        if (startsWith(type, "platform.")) {
            const EventKind k = platformKind(type);
            s.kind[ev] = k;
            if (auto t = parseTimestamp(str(o, "time")); t && s.time[ev] == kNoTime)
                s.time[ev] = t->ms;
            simdjson::dom::object rec;
            if (o["record"].get_object().get(rec) != simdjson::SUCCESS)
                return;
            Metrics m;
            Origin origin;
            s.request[ev] = s.requests.intern(str(rec, "requestId"));
            m.status = parseStatus(str(rec, "status"));
            m.errorType = s.strings.intern(str(rec, "errorType"));
            m.phase = s.strings.intern(str(rec, "phase"));
            m.runtimeVersion = s.strings.intern(str(rec, "runtimeVersion"));
            origin.function = s.functions.intern(str(rec, "functionName"));
            if (origin.function == 0)
                origin.function = s.functions.intern(functionFromArn(str(rec, "functionArn")));
            origin.instance = s.streams.intern(str(rec, "instanceId"));
            simdjson::dom::object metrics;
            if (rec["metrics"].get_object().get(metrics) == simdjson::SUCCESS) {
                const double duration = num(metrics, "durationMs");
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
                    m.billedDurationMs = num(metrics, "billedDurationMs");
                    m.initDurationMs = num(metrics, "initDurationMs");
                    m.restoreDurationMs = num(metrics, "restoreDurationMs");
                    if (const double v = num(metrics, "memorySizeMB"); !std::isnan(v))
                        m.memorySizeMB = std::int32_t(v);
                    if (const double v = num(metrics, "maxMemoryUsedMB"); !std::isnan(v))
                        m.maxMemoryUsedMB = std::int32_t(v);
                    break;
                }
            }
            if (isFailed(m.status))
                s.level[ev] = Level::Error;
            // Most platform records (start, a successful runtimeDone) carry nothing the
            // store keeps: give them no metrics row.
            const bool useful = k != EventKind::PlatformStart && k != EventKind::PlatformRuntimeDone
                ? true
                : (origin.function != 0 || (m.status != Status::Unknown && m.status != Status::Success));
            if (useful)
                s.aux[ev] = s.addMetrics(m, origin);
            return;
        }
        // Application JSON: the runtime's JsonFormatter, Powertools, or any JSON print().
        // The Python runtime writes an unhandled exception as a record keyed "log_level"
        // (not "level") with its errorType; a handled logger.exception() record carries
        // errorType too, under "level", and fails nothing.
        std::string_view lvl = str(o, "level");
        const bool runtimeRecord = lvl.empty() && !(lvl = str(o, "log_level")).empty();
        s.level[ev] = parseLevel(lvl);
        s.kind[ev] = s.level[ev] != Level::None ? EventKind::AppJson : EventKind::Text;
        if (auto t = parseTimestamp(str(o, "timestamp")); t && s.time[ev] == kNoTime)
            s.time[ev] = t->ms;
        std::string_view req = str(o, "requestId");
        if (req.empty())
            req = str(o, "function_request_id");
        if (req.empty())
            req = str(o, "aws_request_id");
        s.request[ev] = s.requests.intern(req);
        const std::string_view errorType = str(o, "errorType");
        const std::string_view fn = str(o, "function_name");
        if (!errorType.empty() || !fn.empty()) {
            Metrics m;
            Origin origin;
            m.errorType = s.strings.intern(errorType);
            origin.function = s.functions.intern(fn);
            s.aux[ev] = s.addMetrics(m, origin);
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
        EventStore &s = out->store;
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
            s.time[ev] = f.time;
        s.request[ev] = s.requests.intern(f.requestId);
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
            s.aux[ev] = std::int32_t(s.imports.size() - 1);
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
            s.aux[ev] = s.addMetrics(m);
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
    EventStore &s = out.store;
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

void BlockParser::parseLogEvents(std::string_view text, const Span *spans, std::size_t count, Block &out)
{
    d->begin(out);
    EventStore &s = out.store;
    s.reserve(count);
    s.ingestion.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const Span &sp = spans[i];
        simdjson::dom::element root;
        const bool padded = sp.end + kPadding <= text.size();
        const auto err = d->outer.parse(text.data() + sp.begin, sp.end - sp.begin, !padded).get(root);
        simdjson::dom::object o;
        if (err != simdjson::SUCCESS || root.get_object().get(o) != simdjson::SUCCESS) {
            d->diagnose(
                sp.line, std::string("log event is not a valid JSON object (") + simdjson::error_message(err) + ")");
            continue;
        }
        std::string_view message;
        if (o["message"].get_string().get(message) != simdjson::SUCCESS) {
            d->diagnose(sp.line, "log event without a \"message\" string");
            continue;
        }
        while (!message.empty() && (message.back() == '\n' || message.back() == '\r'))
            message.remove_suffix(1);
        TimeMs t = kNoTime;
        std::int64_t ts = 0;
        simdjson::dom::element tsElem;
        if (o["timestamp"].get(tsElem) == simdjson::SUCCESS) {
            double tsDouble = 0;
            std::string_view tsText;
            if (tsElem.get_int64().get(ts) == simdjson::SUCCESS)
                t = ts; // epoch milliseconds, as the AWS CLI prints them
            else if (tsElem.get_double().get(tsDouble) == simdjson::SUCCESS && std::isfinite(tsDouble)
                && std::fabs(tsDouble) < 9e15)
                t = TimeMs(std::llround(tsDouble));
            else if (tsElem.get_string().get(tsText) == simdjson::SUCCESS) {
                if (auto iso = parseTimestamp(tsText))
                    t = iso->ms;
                else if (auto ms = parseInt(tsText))
                    t = *ms;
            }
        }
        TimeMs ingestion = kNoTime;
        if (o["ingestionTime"].get_int64().get(ts) == simdjson::SUCCESS) {
            ingestion = ts;
            out.hasIngestion = true;
        }
        std::string_view streamName = str(o, "logStreamName");
        if (streamName.empty())
            streamName = sp.stream;
        const std::uint32_t stream = s.streams.intern(streamName);
        const std::size_t at = out.arena.size();
        out.arena.append(message);
        d->havePrev = false;
        d->addMessage(
            std::string_view(out.arena).substr(at, message.size()), kArenaOffset | at, sp.line, t, stream, false);
        s.flags.back() |= EventFlag::Arena;
        s.ingestion.push_back(ingestion);
    }
    out.lines = count ? spans[count - 1].line : 0;
}

void BlockParser::addResultRow(
    const std::vector<std::string> &columns, const std::vector<std::string> &values, std::uint32_t lineNo, Block &out)
{
    d->out = &out;
    EventStore &s = out.store;
    auto field = [&](std::string_view name) -> std::string_view {
        for (std::size_t c = 0; c < columns.size() && c < values.size(); ++c)
            if (columns[c] == name)
                return values[c];
        return {};
    };
    TimeMs t = kNoTime;
    if (auto p = parseTimestamp(field("@timestamp")))
        t = p->ms;
    const std::uint32_t stream = s.streams.intern(field("@logStream"));
    const std::string_view message = field("@message");
    const std::size_t at = out.arena.size();
    if (!message.empty()) {
        out.arena.append(message);
        d->havePrev = false;
        d->addMessage(
            std::string_view(out.arena).substr(at, message.size()), kArenaOffset | at, lineNo, t, stream, false);
    } else {
        for (std::size_t c = 0; c < columns.size() && c < values.size(); ++c) {
            if (c)
                out.arena += '\t';
            out.arena += columns[c];
            out.arena += '=';
            out.arena += values[c];
        }
        const std::size_t ev = s.add(t, kArenaOffset | at, std::uint32_t(out.arena.size() - at), lineNo, stream, 0,
            EventKind::QueryRow, Level::None, 0);
        const std::string_view type = field("@type");
        const double duration = parseDouble(field("@duration")).value_or(kNaN);
        if (type == "REPORT" || !std::isnan(duration)) {
            Metrics m;
            m.durationMs = duration;
            m.billedDurationMs = parseDouble(field("@billedDuration")).value_or(kNaN);
            m.initDurationMs = parseDouble(field("@initDuration")).value_or(kNaN);
            // Logs Insights reports memory in bytes (1.28E8 for 128 MB).
            if (auto v = parseDouble(field("@memorySize")))
                m.memorySizeMB = std::int32_t(std::llround(*v / 1e6));
            if (auto v = parseDouble(field("@maxMemoryUsed")))
                m.maxMemoryUsedMB = std::int32_t(std::llround(*v / 1e6));
            s.aux[ev] = s.addMetrics(m);
            if (type == "REPORT")
                s.kind[ev] = EventKind::Report;
        }
    }
    s.flags.back() |= EventFlag::Arena;
    if (s.request.back() == 0)
        s.request.back() = s.requests.intern(field("@requestId"));
}

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
        std::string_view line = text.substr(p, next - p);
        line = trimRight(line);
        bool safe;
        if (prefix != LinePrefix::None) {
            safe = splitPrefix(prefix, line).ok;
        } else {
            safe = !line.empty() && !startsIndented(line) && !prevIndented
                && !startsWith(line, "Traceback (most recent call last):") && !startsWith(line, "During handling")
                && !startsWith(line, "The above exception") && !startsWith(line, "XRAY TraceId:") && line[0] != '}'
                && line[0] != ']' && line[0] != '"';
        }
        if (safe)
            return p;
        prevIndented = line.empty() || startsIndented(line);
        p = next;
    }
    return end;
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
