// SPDX-License-Identifier: MIT
// BlockParser over JSON containers: the objects of a filter-log-events style "events"
// array, and the rows of a Logs Insights result table.
#include "blockparser.h"
#include "blockparser_impl.h"

namespace coldscope {

void BlockParser::parseLogEvents(std::string_view text, const Span *spans, std::size_t count, Block &out)
{
    d->begin(out);
    BlockStore &s = out.store;
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
        if (t != kNoTime && !validTime(t)) {
            d->diagnose(sp.line, "log event with a timestamp outside the years 1 to 9999; read without a time");
            t = kNoTime;
        }
        TimeMs ingestion = kNoTime;
        if (o["ingestionTime"].get_int64().get(ts) == simdjson::SUCCESS && validTime(ts)) {
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
    BlockStore &s = out.store;
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
        const double duration = saneFigure(parseDouble(field("@duration")).value_or(kNaN), kMaxDurationMs);
        if (type == "REPORT" || !std::isnan(duration)) {
            Metrics m;
            m.durationMs = duration;
            m.billedDurationMs = saneFigure(parseDouble(field("@billedDuration")).value_or(kNaN), kMaxDurationMs);
            m.initDurationMs = saneFigure(parseDouble(field("@initDuration")).value_or(kNaN), kMaxDurationMs);
            // Logs Insights reports memory in bytes (1.28E8 for 128 MB).
            if (const double v = saneFigure(parseDouble(field("@memorySize")).value_or(kNaN) / 1e6, kMaxMemoryMB);
                !std::isnan(v))
                m.memorySizeMB = std::int32_t(std::llround(v));
            if (const double v = saneFigure(parseDouble(field("@maxMemoryUsed")).value_or(kNaN) / 1e6, kMaxMemoryMB);
                !std::isnan(v))
                m.maxMemoryUsedMB = std::int32_t(std::llround(v));
            s.aux.set(ev, s.addMetrics(m));
            if (type == "REPORT")
                s.kind[ev] = EventKind::Report;
        }
    }
    s.flags.back() |= EventFlag::Arena;
    if (s.request.back() == 0)
        s.request.set(s.size() - 1, s.requests.intern(field("@requestId")));
}

} // namespace coldscope
