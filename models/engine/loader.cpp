// SPDX-License-Identifier: MIT
#include "loader.h"
#include "trace.h"

#include "stats.h"

#include "blockparser.h"
#include "derive.h"
#include "formatdetect.h"

#include <simdjson.h>

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace coldscope {

namespace {

bool cancelled(const LoadOptions &o)
{
    return o.cancel && o.cancel->load(std::memory_order_relaxed);
}

void report(const LoadOptions &o, double f, const char *stage)
{
    if (o.progress)
        o.progress(std::clamp(f, 0.0, 1.0), stage);
}

// Appends a parsed block to the file's store, re-interning its strings.
class Merger
{
public:
    explicit Merger(LogData &d)
        : m_d(d)
    {
    }

    void append(Block &b, bool linesRelative)
    {
        EventStore &dst = m_d.events;
        BlockStore &src = b.store;
        const auto streams = remap(src.streams, dst.streams);
        const auto requests = remap(src.requests, dst.requests);
        const auto functions = remap(src.functions, dst.functions);
        const auto modules = remap(src.modules, dst.modules);
        const auto strings = remap(src.strings, dst.strings);
        std::uint64_t arenaBase = 0;
        if (!b.arena.empty())
            arenaBase = m_d.text->appendArena(std::move(b.arena));
        const std::uint32_t lineBase = linesRelative ? std::uint32_t(m_lines) : 0;
        const auto metricsBase = std::int32_t(dst.metrics.size());
        const auto importsBase = std::int32_t(dst.imports.size());
        if (m_firstBlock && m_expectedEvents > 0 && src.size() > 0) {
            // Size the file's columns once from the first block's proportions.
            const double scale = double(m_expectedEvents) / double(src.size());
            dst.reserve(m_expectedEvents);
            dst.metrics.reserve(std::size_t(double(src.metrics.size()) * scale * 1.05) + 16);
            dst.origins.reserve(dst.metrics.capacity());
            dst.imports.reserve(std::size_t(double(src.imports.size()) * scale * 1.05) + 16);
            dst.requests.reserve(std::size_t(double(src.requests.size()) * scale * 1.05) + 16);
        }
        m_firstBlock = false;
        const std::size_t n = src.size();
        if (b.hasIngestion || !dst.ingestion.empty()) {
            dst.ingestion.resize(dst.size(), kNoTime);
            if (b.hasIngestion)
                dst.ingestion.insert(dst.ingestion.end(), src.ingestion.begin(), src.ingestion.end());
            else
                dst.ingestion.resize(dst.size() + n, kNoTime);
        }
        // Column by column, from the block's plain columns into the file's packed ones:
        // copies and tight remapping loops, not one add() per event.
        dst.time.append(n, [&](std::size_t i) { return src.time[i]; });
        dst.msgLength.append(n, [&](std::size_t i) { return src.msgLength[i]; });
        dst.kind.insert(dst.kind.end(), src.kind.begin(), src.kind.end());
        dst.level.insert(dst.level.end(), src.level.begin(), src.level.end());
        dst.flags.insert(dst.flags.end(), src.flags.begin(), src.flags.end());
        dst.msgOffset.append(n, [&](std::size_t i) {
            const std::uint64_t off = src.msgOffset[i];
            return (off & kArenaOffset) ? arenaBase + (off & ~kArenaOffset) : off;
        });
        for (std::size_t i = 0; i < n; ++i)
            dst.line.push_back(src.line[i] + lineBase);
        dst.stream.append(n, [&](std::size_t i) { return streams[src.stream[i]]; });
        dst.request.append(n, [&](std::size_t i) { return requests[src.request[i]]; });
        dst.aux.append(n, [&](std::size_t i) {
            const std::int32_t aux = src.aux[i];
            return aux < 0 ? aux : aux + (src.kind[i] == EventKind::ImportLine ? importsBase : metricsBase);
        });
        for (std::size_t k = 0; k < src.metrics.size(); ++k) {
            Metrics m = src.metrics[k];
            m.errorType = strings[m.errorType];
            m.phase = strings[m.phase];
            m.runtimeVersion = strings[m.runtimeVersion];
            Origin o = src.origins[k];
            o.function = functions[o.function];
            o.instance = streams[o.instance];
            dst.addMetrics(m, o);
        }
        for (ImportRec r : src.imports) {
            r.module = modules[r.module];
            dst.imports.push_back(r);
        }
        for (auto &diag : b.diagnostics) {
            if (m_d.diagnostics.size() >= LogData::kMaxDiagnostics)
                break;
            m_d.diagnostics.push_back({ diag.line + lineBase, std::move(diag.message) });
        }
        m_d.skippedLines += b.skipped;
        m_lines += b.lines;
        b.clear();
    }

    void expectEvents(std::size_t n) { m_expectedEvents = n; }
    std::uint64_t lines() const { return m_lines; }

private:
    template <typename Pool> static std::vector<std::uint32_t> remap(const Pool &from, Pool &to)
    {
        return to.internAll(from);
    }

    LogData &m_d;
    std::uint64_t m_lines = 0;
    std::size_t m_expectedEvents = 0;
    bool m_firstBlock = true;
};

// Runs work(parser, index, block) on worker threads and merge(index, block) on the
// calling thread in index order. Workers stay at most a few blocks ahead of the merge
// so memory stays bounded.
template <typename Work, typename Merge>
bool runOrdered(std::size_t count, const LoadOptions &opts, Work work, Merge merge)
{
    unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = std::max(1u, std::min<unsigned>(threads, unsigned(std::max<std::size_t>(1, count))));
    if (threads == 1) { // one block or one thread: on the calling thread, no pool to start
        BlockParser parser;
        Block block;
        for (std::size_t b = 0; b < count; ++b) {
            if (cancelled(opts))
                return false;
            work(parser, b, block);
            merge(b, block);
            block.clear();
        }
        return !cancelled(opts);
    }
    std::vector<std::unique_ptr<Block>> results(count);
    std::vector<std::unique_ptr<Block>> spare; // merged blocks, emptied, for the workers to refill
    std::mutex mutex;
    std::condition_variable cv;
    std::size_t next = 0;
    std::size_t merged = 0;
    bool stop = false;
    const std::size_t window = 4 * threads;
    auto worker = [&] {
        BlockParser parser;
        for (;;) {
            std::size_t b;
            {
                std::unique_lock lock(mutex);
                cv.wait(lock, [&] { return stop || next >= count || next < merged + window; });
                if (stop || next >= count)
                    return;
                b = next++;
            }
            std::unique_ptr<Block> block;
            {
                std::lock_guard lock(mutex);
                if (!spare.empty()) {
                    block = std::move(spare.back());
                    spare.pop_back();
                }
            }
            if (!block)
                block = std::make_unique<Block>();
            if (!cancelled(opts))
                work(parser, b, *block);
            {
                std::lock_guard lock(mutex);
                results[b] = std::move(block);
            }
            cv.notify_all();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back(worker);
    bool ok = true;
    for (std::size_t b = 0; b < count; ++b) {
        std::unique_ptr<Block> block;
        {
            std::unique_lock lock(mutex);
            cv.wait(lock, [&] { return results[b] != nullptr; });
            block = std::move(results[b]);
        }
        if (cancelled(opts)) {
            ok = false;
            break;
        }
        merge(b, *block);
        block->clear();
        {
            std::lock_guard lock(mutex);
            merged = b + 1;
            spare.push_back(std::move(block));
        }
        cv.notify_all();
    }
    {
        std::lock_guard lock(mutex);
        stop = true;
    }
    cv.notify_all();
    for (auto &t : pool)
        t.join();
    return ok && !cancelled(opts);
}

bool parseLineContainer(LogData &d, LinePrefix prefix, const LoadOptions &opts)
{
    const std::string_view text = d.text->bytes();
    const std::uint64_t size = text.size();
    std::vector<std::uint64_t> cuts { 0 };
    for (std::uint64_t pos = opts.blockBytes; pos < size; pos += opts.blockBytes) {
        const std::uint64_t from = std::max(pos, cuts.back() + 1);
        const std::uint64_t at = safeSplit(text, from, size, prefix);
        // The probe mapped a page-cache folio of up to 2 MiB: a 1 GB log's 250 probes had
        // left about half of it resident before the parse began.
        d.text->releaseAround(from, at);
        if (at >= size)
            break;
        if (at > cuts.back())
            cuts.push_back(at);
        pos = std::max(pos, at);
    }
    cuts.push_back(size);
    traceStage("blocks cut");
    Merger merger(d);
    const std::size_t blocks = cuts.size() - 1;
    const bool ok = runOrdered(
        blocks, opts,
        [&](BlockParser &parser, std::size_t b, Block &out) {
            parser.parseLines(text, cuts[b], cuts[b + 1], prefix, out);
        },
        [&](std::size_t b, Block &block) {
            if (b == 0 && block.store.size() > 0 && cuts[1] > 0)
                merger.expectEvents(std::size_t(double(block.store.size()) * double(size) / double(cuts[1]) * 1.02));
            merger.append(block, true);
            d.text->releasePages(cuts[b], cuts[b + 1]);
            report(opts, 0.05 + 0.85 * double(cuts[b + 1]) / double(size), "parsing");
        });
    d.lines = merger.lines();
    traceStage("blocks parsed and merged");
    return ok;
}

bool parseLogEventsContainer(LogData &d, const std::string &eventsKey, const LoadOptions &opts)
{
    const std::string_view text = d.text->bytes();
    report(opts, 0.02, "indexing");
    const auto spans = scanLogEventSpans(text, opts.cancel, d.lines, eventsKey);
    if (cancelled(opts))
        return false;
    constexpr std::size_t kPerBlock = 16384;
    const std::size_t blocks = (spans.size() + kPerBlock - 1) / kPerBlock;
    Merger merger(d);
    merger.expectEvents(spans.size());
    const bool ok = runOrdered(
        blocks, opts,
        [&](BlockParser &parser, std::size_t b, Block &out) {
            const std::size_t from = b * kPerBlock;
            parser.parseLogEvents(text, spans.data() + from, std::min(kPerBlock, spans.size() - from), out);
        },
        [&](std::size_t b, Block &block) {
            merger.append(block, false);
            const std::size_t last = std::min(spans.size(), (b + 1) * kPerBlock) - 1;
            d.text->releasePages(b * kPerBlock < spans.size() ? spans[b * kPerBlock].begin : 0, spans[last].end);
            report(opts, 0.1 + 0.8 * double(last + 1) / double(spans.size()), "parsing");
        });
    if (ok && spans.empty())
        d.diagnostics.push_back({ 0, "no \"events\" array with log events found" });
    return ok;
}

// Result tables: get-query-results JSON, console CSV and Markdown exports.
void addTable(LogData &d, const std::vector<std::uint32_t> &rowLines)
{
    BlockParser parser;
    Block block;
    const auto &t = d.queryResults;
    for (std::size_t r = 0; r < t.rows.size(); ++r)
        parser.addResultRow(t.columns, t.rows[r], r < rowLines.size() ? rowLines[r] : std::uint32_t(r + 1), block);
    Merger merger(d);
    merger.append(block, false);
}

bool parseQueryResultsJson(LogData &d, std::string &error)
{
    simdjson::dom::parser parser;
    const simdjson::padded_string doc(d.text->bytes());
    simdjson::dom::element root;
    if (auto err = parser.parse(doc).get(root); err != simdjson::SUCCESS) {
        error = std::string("not valid JSON (") + simdjson::error_message(err) + ")";
        return false;
    }
    simdjson::dom::array rows;
    if (root["results"].get_array().get(rows) != simdjson::SUCCESS) {
        error = "no \"results\" array (expected the output of aws logs get-query-results)";
        return false;
    }
    auto &t = d.queryResults;
    std::size_t r = 0;
    for (simdjson::dom::element row : rows) {
        ++r;
        simdjson::dom::array cells;
        if (row.get_array().get(cells) != simdjson::SUCCESS) {
            d.skipLine(0, "result row " + std::to_string(r) + " is not a list of {field, value}");
            continue;
        }
        std::vector<std::string> values(t.columns.size());
        for (simdjson::dom::element cell : cells) {
            std::string_view field, value;
            if (cell["field"].get_string().get(field) != simdjson::SUCCESS)
                continue;
            if (cell["value"].get_string().get(value) != simdjson::SUCCESS)
                value = {}; // the API's values are strings; anything else is left empty
            if (field == "@ptr")
                continue;
            auto it = std::find(t.columns.begin(), t.columns.end(), field);
            std::size_t c = std::size_t(it - t.columns.begin());
            if (it == t.columns.end()) {
                t.columns.emplace_back(field);
                values.resize(t.columns.size()); // earlier rows are padded once, below
            }
            values[c] = std::string(value);
        }
        t.rows.push_back(std::move(values));
    }
    for (auto &row : t.rows)
        row.resize(t.columns.size());
    addTable(d, {});
    d.lines
        = lineCount(d.text->bytes(), std::uint64_t(std::count(d.text->bytes().begin(), d.text->bytes().end(), '\n')));
    return true;
}

void parseCsv(LogData &d)
{
    const std::string_view s = d.text->bytes();
    std::vector<std::vector<std::string>> records;
    std::vector<std::uint32_t> lines;
    std::vector<std::string> rec;
    std::string cell;
    bool quoted = false, inQuotes = false;
    std::uint32_t line = 1, recLine = 1, quoteLine = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        const char c = i < s.size() ? s[i] : '\n';
        if (inQuotes) {
            if (c == '"') {
                if (i + 1 < s.size() && s[i + 1] == '"') {
                    cell += '"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == '\n')
                    ++line;
                cell += c;
            }
            continue;
        }
        if (c == '"' && cell.empty() && !quoted) {
            inQuotes = quoted = true;
            quoteLine = line;
        } else if (c == ',') {
            rec.push_back(std::move(cell));
            cell.clear();
            quoted = false;
        } else if (c == '\n' || (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) {
            if (c == '\r')
                ++i;
            rec.push_back(std::move(cell));
            cell.clear();
            quoted = false;
            if (!(rec.size() == 1 && rec[0].empty())) {
                records.push_back(std::move(rec));
                lines.push_back(recLine);
            }
            rec.clear();
            ++line;
            recLine = line;
        } else {
            cell += c;
        }
    }
    if (inQuotes) { // the file ended inside a quoted field: say so, and keep its text in that field
        d.skipLine(quoteLine,
            "a quoted field opened on line " + std::to_string(quoteLine)
                + " never closes; the rest of the file was read into it");
        cell.pop_back(); // the newline the loop adds at the end
        rec.push_back(std::move(cell));
        records.push_back(std::move(rec));
        lines.push_back(recLine);
    }
    if (records.empty())
        return;
    auto &t = d.queryResults;
    t.columns = std::move(records.front());
    for (std::size_t r = 1; r < records.size(); ++r) {
        if (records[r].size() != t.columns.size()) {
            d.skipLine(lines[r],
                "expected " + std::to_string(t.columns.size()) + " CSV fields, found "
                    + std::to_string(records[r].size()));
            records[r].resize(t.columns.size());
        }
        t.rows.push_back(std::move(records[r]));
    }
    lines.erase(lines.begin());
    d.lines = line - 1;
    addTable(d, lines);
}

// The console's Markdown export: an optional header block
//   **CloudWatch Logs Insights**
//   region: ... / log-group-names: ... / start-time: ... / end-time: ...
//   query-string:
//     ```
//     fields @timestamp
//     | stats ...            <- the query's own pipes, not table rows
//     ```
//   ---
// then the table and a closing "---". Text before the header block is allowed
// (a title, a sentence pasted with it); a bare table is read the same way.
// The console escapes some characters of a cell as HTML entities ("/" as "&#x2f;").
std::string decodeEntities(std::string cell)
{
    if (cell.find('&') == std::string::npos)
        return cell;
    std::string out;
    for (std::size_t i = 0; i < cell.size(); ++i) {
        const std::size_t semi = cell[i] == '&' ? cell.find(';', i) : std::string::npos;
        if (semi == std::string::npos || semi - i > 10) {
            out += cell[i];
            continue;
        }
        const std::string_view name = std::string_view(cell).substr(i + 1, semi - i - 1);
        long code = -1;
        if (name == "amp")
            code = '&';
        else if (name == "lt")
            code = '<';
        else if (name == "gt")
            code = '>';
        else if (name == "quot")
            code = '"';
        else if (name == "apos")
            code = '\'';
        else if (name.size() > 1 && name[0] == '#') {
            const bool hex = name[1] == 'x' || name[1] == 'X';
            const std::string digits(name.substr(hex ? 2 : 1));
            char *endp = nullptr;
            code = digits.empty() ? -1 : std::strtol(digits.c_str(), &endp, hex ? 16 : 10);
            if (!endp || *endp != '\0' || code <= 0 || code > 0x10FFFF)
                code = -1;
        }
        if (code < 0) {
            out += cell[i];
            continue;
        }
        appendUtf8(static_cast<std::uint32_t>(code), out);
        i = semi;
    }
    return out;
}

void parseMarkdown(LogData &d)
{
    const std::string_view s = d.text->bytes();
    auto cells = [](std::string_view line) {
        std::vector<std::string> out;
        line = trim(line);
        if (!line.empty() && line.front() == '|')
            line.remove_prefix(1);
        if (!line.empty() && line.back() == '|' && (line.size() < 2 || line[line.size() - 2] != '\\'))
            line.remove_suffix(1);
        std::string cell;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
                cell += '|';
                ++i;
            } else if (line[i] == '|') {
                out.emplace_back(decodeEntities(std::string(trim(cell))));
                cell.clear();
            } else {
                cell += line[i];
            }
        }
        out.emplace_back(decodeEntities(std::string(trim(cell))));
        return out;
    };
    auto &t = d.queryResults;
    std::vector<std::uint32_t> lines;
    std::uint32_t lineNo = 0;
    enum class State { Before, Header, Query, Table } state = State::Before;
    bool headerRow = false, separator = false, fenced = false;
    std::size_t fenceIndent = 0, queryLines = 0;
    std::string query;
    std::size_t pos = 0;
    while (pos <= s.size()) {
        std::size_t nl = s.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = s.size();
        const std::string_view raw = s.substr(pos, nl - pos);
        const std::string_view line = trim(raw);
        pos = nl + 1;
        ++lineNo;
        const bool last = nl == s.size();
        switch (state) {
        case State::Before:
            if (startsWith(line, "**CloudWatch Logs Insights**")) {
                state = State::Header;
            } else if (!line.empty() && line.front() == '|') {
                state = State::Table; // a bare table: this is its header row
                t.columns = cells(line);
                headerRow = true;
            }
            break;
        case State::Header:
            if (line == "---") {
                state = State::Table;
            } else if (startsWith(line, "query-string:")) {
                const std::string_view inline_ = trim(line.substr(13));
                if (!inline_.empty())
                    query = std::string(inline_);
                else
                    state = State::Query;
            } else if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
                const std::string_view key = line.substr(0, colon);
                const std::string value(trim(line.substr(colon + 1)));
                if (key == "region")
                    t.region = value;
                else if (key == "log-group-names")
                    t.logGroups = value;
                else if (key == "start-time")
                    t.start = value;
                else if (key == "end-time")
                    t.end = value;
            }
            break;
        case State::Query:
            if (startsWith(line, "```")) {
                if (fenced) {
                    state = State::Header;
                    fenced = false;
                } else {
                    fenced = true;
                    fenceIndent = raw.find('`');
                }
            } else if (line == "---" && !fenced) {
                state = State::Table;
            } else if (fenced) {
                // The console indents the fence and the query's first line by two spaces;
                // later lines are as the user typed them.
                std::string_view q = trimRight(raw);
                if (queryLines == 0 && fenceIndent > 0)
                    q.remove_prefix(std::min<std::size_t>(q.find_first_not_of(' '), std::min(fenceIndent, q.size())));
                if (queryLines++ > 0)
                    query += '\n';
                query += q;
            } else if (!line.empty()) {
                // No fence (the user removed it): the query runs up to the "---".
                if (queryLines++ > 0)
                    query += '\n';
                query += trimRight(raw);
            }
            break;
        case State::Table:
            if (line.empty() || line.front() != '|') {
                if (headerRow && line == "---")
                    pos = s.size() + 1; // the export's closing rule: done
                break;
            }
            if (!headerRow) {
                t.columns = cells(line);
                headerRow = true;
            } else if (!separator) {
                separator = true;
            } else {
                auto row = cells(line);
                if (row.size() != t.columns.size()) {
                    d.skipLine(lineNo,
                        "expected " + std::to_string(t.columns.size()) + " table cells, found "
                            + std::to_string(row.size()));
                    row.resize(t.columns.size());
                }
                t.rows.push_back(std::move(row));
                lines.push_back(lineNo);
            }
            break;
        }
        if (last)
            break;
    }
    t.query = std::move(query);
    d.lines = lineCount(s, std::uint64_t(std::count(s.begin(), s.end(), '\n')));
    addTable(d, lines);
}

std::string formatName(const LogData &d, const DetectedFormat &det)
{
    const Container c = det.container;
    const LinePrefix prefix = det.prefix;
    std::string name;
    if (c == Container::Lines) {
        // Which kinds occur: marked without branches a stretch of events at a time, and
        // the stretches stop once every shape is seen (at the top of most logs).
        bool imports = false, text = false, json = false;
        const std::vector<EventKind> &kinds = d.events.kind;
        for (std::size_t from = 0; from < kinds.size() && !(imports && text && json); from += 4096) {
            bool seen[std::size_t(EventKind::Count_)] = {};
            const std::size_t to = std::min(kinds.size(), from + 4096);
            for (std::size_t i = from; i < to; ++i)
                seen[std::size_t(kinds[i])] = true;
            for (std::size_t k = 0; k < std::size_t(EventKind::Count_); ++k) {
                if (!seen[k])
                    continue;
                const auto kind = EventKind(k);
                if (kind == EventKind::ImportLine || kind == EventKind::ImportHeader)
                    imports = true;
                else if (isPlatformKind(kind))
                    json = true;
                else if ((kind >= EventKind::Start && kind <= EventKind::TimedOut) || kind == EventKind::AppLog)
                    text = true;
            }
        }
        if (prefix != LinePrefix::None)
            name = prefixName(prefix);
        else if (json && text)
            name = "lambda-mixed";
        else if (json)
            name = "lambda-json";
        else if (text)
            name = "lambda-text";
        else if (imports)
            name = "importtime";
        else
            name = "text";
    } else if (c == Container::LogEventsJson) {
        bool named = false;
        for (std::size_t i = 0; i < d.events.size() && !named; ++i)
            named = d.events.stream[i] != 0 && !d.isSynthetic(d.events.stream[i]);
        const std::string_view head = d.text->bytes().substr(0, 4096);
        if (head.find("\"messageType\"") != std::string_view::npos
            || head.find("\"logEvents\"") != std::string_view::npos)
            name = "cloudwatch-subscription"; // Firehose / subscription filter payloads
        else if (!det.eventsKey.empty())
            name = "log-events-json"; // some other document holding log events
        else
            name = named ? "filter-log-events" : "get-log-events";
    } else {
        name = containerName(c);
    }
    if (!d.text->utf16().empty())
        name += "+utf16";
    if (d.text->wasGzip())
        name += "+gzip";
    return name;
}

LoadResult loadSource(
    std::unique_ptr<SourceText> text, const std::string &name, std::string warning, const LoadOptions &opts)
{
    LoadResult r;
    auto d = std::make_shared<LogData>();
    d->path = name;
    d->text = std::move(text);
    if (!warning.empty())
        d->warnings.push_back(std::move(warning));
    const std::string_view bytes = d->text->bytes();
    // Detect on the first 256 KB after any leading blank lines (a file may start with
    // millions of them and still hold a log).
    std::size_t first = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (first < bytes.size()
        && (bytes[first] == '\n' || bytes[first] == '\r' || bytes[first] == ' ' || bytes[first] == '\t'))
        ++first;
    const DetectedFormat det = detectFormat(bytes.substr(first, 256 * 1024));
    if (det.container == Container::NotALog) {
        r.error = name + ": not a log file: " + det.reason;
        for (const auto &w : d->warnings)
            r.error += " (" + w + ")";
        return r;
    }
    bool ok = true;
    std::string error;
    switch (det.container) {
    case Container::Lines:
        ok = parseLineContainer(*d, det.prefix, opts);
        break;
    case Container::LogEventsJson:
        ok = parseLogEventsContainer(*d, det.eventsKey, opts);
        break;
    case Container::QueryResultsJson:
        ok = parseQueryResultsJson(*d, error);
        break;
    case Container::InsightsCsv:
        parseCsv(*d);
        break;
    case Container::InsightsMarkdown:
        parseMarkdown(*d);
        break;
    case Container::NotALog:
        break;
    }
    if (!error.empty()) {
        r.error = name + ": " + error;
        return r;
    }
    if (!ok || cancelled(opts)) {
        r.cancelled = true;
        r.error = name + ": loading cancelled";
        return r;
    }
    if (det.container == Container::Lines) {
        const bool recognised = std::any_of(d->events.kind.begin(), d->events.kind.end(), [](EventKind k) {
            return k != EventKind::Text;
        }) || det.prefix != LinePrefix::None;
        if (!recognised) {
            r.error = name
                + ": not a Lambda or importtime log: no 'import time:' table, START/END/REPORT/INIT_* line, "
                  "runtime log record or JSON log record found";
            return r;
        }
    }
    report(opts, 0.92, "linking invocations");
    d->events.requests.releaseIndex(); // every id is in: the views read ids, none looks one up
    LogData &data = *d;
    deriveAll(data, opts.summarize ? std::function<void()>([&data] { summarize(data); }) : std::function<void()>());
    d->format = formatName(*d, det);
    for (const auto &note : d->text->notes())
        d->notes.push_back(note);
    if (det.eventsKey == "[]")
        d->notes.push_back("log events read from a top-level JSON array");
    else if (!det.eventsKey.empty())
        d->notes.push_back("log events read from the \"" + det.eventsKey + "\" array");
    traceStage("loaded");
    report(opts, 1.0, "done");
    r.data = std::move(d);
    return r;
}

} // namespace

LoadResult loadFile(const std::string &path, const LoadOptions &opts)
{
    traceStage("start");
    report(opts, 0.0, "opening");
    auto opened = SourceText::open(path, opts.cancel, [&](std::uint64_t done, std::uint64_t total) {
        report(opts, total ? 0.05 * double(done) / double(total) : 0.0, "decompressing");
    });
    if (!opened.text) {
        LoadResult r;
        r.error = opened.error;
        r.cancelled = cancelled(opts);
        return r;
    }
    return loadSource(std::move(opened.text), path, std::move(opened.warning), opts);
}

LoadResult loadBytes(std::string bytes, const std::string &name, const LoadOptions &opts)
{
    if (bytes.empty()) {
        LoadResult r;
        r.error = name + ": the file is empty";
        return r;
    }
    return loadSource(SourceText::fromString(std::move(bytes)), name, {}, opts);
}

} // namespace coldscope
