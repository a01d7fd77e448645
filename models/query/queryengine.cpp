// SPDX-License-Identifier: MIT
// Executes Logs Insights queries over loaded logs. Events stay in the column
// store; a row is (source, event) plus the fields commands computed for it.
#include "queryengine.h"

#include "aggregates.h"
#include "functions.h"
#include "queryregex.h"
#include "textparse.h"

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace coldscope::query {

namespace {

using Clock = std::chrono::steady_clock;

enum Sys : int {
    SysNone = -1,
    SysTimestamp,
    SysMessage,
    SysLogStream,
    SysLog,
    SysIngestionTime,
    SysRequestId,
    SysType,
    SysDuration,
    SysBilledDuration,
    SysInitDuration,
    SysMemorySize,
    SysMaxMemoryUsed,
    SysXrayTraceId,
    SysXraySegmentId,
    SysCount_
};

const char *kSysNames[SysCount_]
    = { "@timestamp", "@message", "@logStream", "@log", "@ingestionTime", "@requestId", "@type", "@duration",
          "@billedDuration", "@initDuration", "@memorySize", "@maxMemoryUsed", "@xrayTraceId", "@xraySegmentId" };

int sysField(const std::string &name)
{
    for (int i = 0; i < SysCount_; ++i)
        if (name == kSysNames[i])
            return i;
    return SysNone;
}

// Lambda's record type in the names Logs Insights uses for text logs; JSON-format
// platform records map to the same names, so one query serves both formats.
// The JSON a message carries: from its first '{' (a logging prefix may come
// before), trailing whitespace cut; empty when there is no '{'.
std::string_view jsonFragment(std::string_view msg)
{
    const std::size_t brace = msg.find('{');
    return brace == std::string_view::npos ? std::string_view {} : trimRight(msg.substr(brace));
}

std::string_view typeOf(EventKind k)
{
    switch (k) {
    case EventKind::Start:
    case EventKind::PlatformStart:
        return "START";
    case EventKind::End:
    case EventKind::PlatformRuntimeDone:
        return "END";
    case EventKind::Report:
    case EventKind::PlatformReport:
        return "REPORT";
    case EventKind::InitStart:
    case EventKind::PlatformInitStart:
        return "INIT_START";
    case EventKind::InitReport:
    case EventKind::PlatformInitReport:
        return "INIT_REPORT";
    case EventKind::RestoreStart:
    case EventKind::PlatformRestoreStart:
        return "RESTORE_START";
    case EventKind::RestoreReport:
    case EventKind::PlatformRestoreReport:
        return "RESTORE_REPORT";
    default:
        return {};
    }
}

struct Row {
    std::int32_t source = -1;
    std::int64_t event = -1;
    std::int32_t overlay = -1;
};

using Overlay = std::vector<std::pair<std::string, Value>>;

class Engine;

// Per-row evaluation state: the row, and the lazily parsed JSON of its message.
struct RowCtx {
    const Row *row = nullptr;
    bool jsonTried = false;
    bool jsonOk = false;
    simdjson::dom::element json;
    const Overlay *aggregates = nullptr; // stats: evaluated slot values by name
    const std::vector<Value> *slots = nullptr;
};

// Field references built once per command, so each keeps its resolved system
// field (Expr::sys) across the rows.
std::vector<Expr> fieldRefs(const std::vector<std::string> &names)
{
    std::vector<Expr> refs(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        refs[i].kind = Expr::Kind::Field;
        refs[i].name = names[i];
    }
    return refs;
}

class Engine
{
public:
    Engine(const std::vector<Source> &sources, const Options &opt)
        : m_sources(sources)
        , m_opt(opt)
    {
    }

    Result execute(const Query &q);

private:
    // ---- fields -------------------------------------------------------------
    Value field(const Expr &e, RowCtx &ctx)
    {
        const Row &row = *ctx.row;
        if (row.overlay >= 0) {
            const Overlay &ov = m_overlays[std::size_t(row.overlay)];
            for (auto it = ov.rbegin(); it != ov.rend(); ++it)
                if (it->first == e.name)
                    return it->second;
        }
        if (row.event < 0)
            return {};
        if (e.sys == -2)
            e.sys = sysField(e.name);
        const LogData &d = *m_sources[std::size_t(row.source)].data;
        const auto i = std::size_t(row.event);
        if (e.sys >= 0)
            return systemField(d, i, e.sys, row.source);
        if (e.name.empty() || (e.name[0] == '@' && e.name.rfind("@@", 0) != 0))
            return {};
        return jsonField(d, i, e.name[0] == '@' ? e.name.substr(1) : e.name, ctx);
    }

    Value systemField(const LogData &d, std::size_t i, int sys, int source)
    {
        const EventStore &s = d.events;
        const Metrics *m = s.metricsOf(i);
        auto ms = [&](double v) { return std::isnan(v) ? Value {} : Value::number(v); };
        // Logs Insights reports memory in bytes, MB x 10^6 (128 MB -> 1.28E8).
        auto bytes = [&](std::int32_t mb) { return mb < 0 ? Value {} : Value::number(double(mb) * 1e6); };
        const bool report = isReportKind(s.kind[i]) || s.kind[i] == EventKind::QueryRow;
        switch (sys) {
        case SysTimestamp:
            return s.time[i] == kNoTime ? Value {} : Value::time(double(s.time[i]));
        case SysMessage:
            return Value::string(std::string(d.message(i)));
        case SysLogStream:
            return s.stream[i] ? Value::string(std::string(d.streamName(s.stream[i]))) : Value {};
        case SysLog:
            return Value::string(m_sources[std::size_t(source)].logName);
        case SysIngestionTime:
            return i < s.ingestion.size() && s.ingestion[i] != kNoTime ? Value::time(double(s.ingestion[i])) : Value {};
        case SysRequestId:
            return s.request[i] ? Value::string(std::string(s.requests.view(s.request[i]))) : Value {};
        case SysType: {
            const auto t = typeOf(s.kind[i]);
            return t.empty() ? Value {} : Value::string(std::string(t));
        }
        case SysDuration:
            return report && m ? ms(m->durationMs) : Value {};
        case SysBilledDuration:
            return report && m ? ms(m->billedDurationMs) : Value {};
        case SysInitDuration:
            return report && m ? ms(m->initDurationMs) : Value {};
        case SysMemorySize:
            return report && m ? bytes(m->memorySizeMB) : Value {};
        case SysMaxMemoryUsed:
            return report && m ? bytes(m->maxMemoryUsedMB) : Value {};
        case SysXrayTraceId:
        case SysXraySegmentId: {
            if (s.kind[i] != EventKind::Report)
                return {};
            const TextFields f = classifyText(d.message(i));
            const std::string_view v = sys == SysXrayTraceId ? f.xrayTraceId : f.xraySegmentId;
            return v.empty() ? Value {} : Value::string(std::string(v));
        }
        }
        return {};
    }

    static Value fromDom(simdjson::dom::element el)
    {
        switch (el.type()) {
        case simdjson::dom::element_type::STRING:
            return Value::string(std::string(std::string_view(el.get_string())));
        case simdjson::dom::element_type::INT64:
            return Value::number(double(std::int64_t(el.get_int64())));
        case simdjson::dom::element_type::UINT64:
            return Value::number(double(std::uint64_t(el.get_uint64())));
        case simdjson::dom::element_type::DOUBLE:
            return Value::number(double(el.get_double()));
        case simdjson::dom::element_type::BOOL:
            return Value::number(bool(el.get_bool()) ? 1 : 0);
        case simdjson::dom::element_type::NULL_VALUE:
            return {};
        default:
            return Value::fromJson(nlohmann::json::parse(simdjson::minify(el), nullptr, false));
        }
    }

    // The first JSON fragment of the message, by dotted path with array indexes.
    Value jsonField(const LogData &d, std::size_t i, const std::string &path, RowCtx &ctx)
    {
        if (!ctx.jsonTried) {
            ctx.jsonTried = true;
            if (const std::string_view js = jsonFragment(d.message(i)); !js.empty())
                ctx.jsonOk = m_json.parse(js.data(), js.size(), true).get(ctx.json) == simdjson::SUCCESS;
        }
        if (!ctx.jsonOk)
            return {};
        simdjson::dom::element cur = ctx.json;
        std::size_t start = 0;
        while (start <= path.size()) {
            std::size_t dot = path.find('.', start);
            if (dot == std::string::npos)
                dot = path.size();
            const std::string_view part(path.data() + start, dot - start);
            simdjson::dom::element next;
            if (cur.is_object()) {
                if (simdjson::dom::object(cur).at_key(part).get(next) != simdjson::SUCCESS)
                    return {};
            } else if (cur.is_array()) {
                auto idx = parseInt(part);
                if (!idx || *idx < 0 || simdjson::dom::array(cur).at(std::size_t(*idx)).get(next) != simdjson::SUCCESS)
                    return {};
            } else {
                return {};
            }
            cur = next;
            start = dot + 1;
            if (dot == path.size())
                break;
        }
        return fromDom(cur);
    }

    Value timestamp(const Row *row) // null for a row that is no event
    {
        if (!row || row->event < 0)
            return {};
        return systemField(
            *m_sources[std::size_t(row->source)].data, std::size_t(row->event), SysTimestamp, row->source);
    }

    // ---- expressions --------------------------------------------------------
    class Scope;
    Value eval(const Expr &e, RowCtx &ctx);
    Value call(const Expr &e, RowCtx &ctx);
    bool test(const Expr &e, RowCtx &ctx) { return eval(e, ctx).truthy(); }
    bool fastFilter(const Expr &e, const Row &row, int &verdict);

    // ---- commands -----------------------------------------------------------
    void applyFilter(const Command &c);
    void applyFields(const Command &c);
    void applyParse(const Command &c);
    void applyStats(const Command &c, Result &r, bool first);
    void applySort(const std::vector<SortKey> &keys);
    void sortByTimeDesc();
    void applyDedup(const Command &c);
    void applyUnnest(const Command &c);
    void addColumn(const std::string &name)
    {
        if (std::find(m_columns.begin(), m_columns.end(), name) == m_columns.end())
            m_columns.push_back(name);
    }
    Overlay &overlayOf(Row &row)
    {
        if (row.overlay < 0) {
            row.overlay = std::int32_t(m_overlays.size());
            m_overlays.emplace_back();
        }
        return m_overlays[std::size_t(row.overlay)];
    }
    void setField(Row &row, const std::string &name, Value v)
    {
        Overlay &ov = overlayOf(row);
        for (auto &kv : ov)
            if (kv.first == name) {
                kv.second = std::move(v);
                return;
            }
        ov.emplace_back(name, std::move(v));
    }
    void tick(std::size_t i)
    {
        if ((i & 0xFFFF) == 0 && m_opt.cancel && m_opt.cancel->load(std::memory_order_relaxed))
            throw QueryError(0, "query cancelled");
    }
    void histogram(Result &r);

public:
    // Every field of one event: the system fields, then the first JSON fragment's.
    std::vector<std::pair<std::string, Value>> fieldsOf(std::size_t event)
    {
        std::vector<std::pair<std::string, Value>> out;
        const LogData &d = *m_sources[0].data;
        for (int f = 0; f < SysCount_; ++f) {
            Value v = systemField(d, event, f, 0);
            if (!v.isNull())
                out.emplace_back(kSysNames[f], std::move(v));
        }
        const std::string_view js = jsonFragment(d.message(event));
        if (js.empty())
            return out;
        const auto j = nlohmann::json::parse(js, nullptr, false);
        if (j.is_discarded() || !j.is_object())
            return out;
        std::vector<std::pair<std::string, const nlohmann::json *>> todo { { "", &j } };
        std::vector<std::pair<std::string, Value>> json;
        while (!todo.empty()) {
            auto [prefix, node] = todo.back();
            todo.pop_back();
            if (node->is_object() || node->is_array()) {
                std::size_t k = 0;
                for (auto it = node->begin(); it != node->end(); ++it, ++k) {
                    std::string key = node->is_object() ? it.key() : std::to_string(k);
                    if (prefix.empty() && !key.empty() && key[0] == '@')
                        key = "@" + key;
                    todo.emplace_back(prefix.empty() ? key : prefix + "." + key, &*it);
                }
            } else {
                json.emplace_back(prefix, Value::fromJson(*node));
            }
        }
        std::sort(json.begin(), json.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        out.insert(out.end(), json.begin(), json.end());
        return out;
    }

private:
    const std::vector<Source> &m_sources;
    Options m_opt;
    simdjson::dom::parser m_json;
    // now(): the time the query started, the same for every row.
    const double m_nowSeconds = double(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    std::vector<Row> m_rows;
    std::vector<Overlay> m_overlays;
    std::vector<std::string> m_columns;
    bool m_statsDone = false;
    bool m_sorted = false;
};

// A call's view of its row: arguments on demand, the row's time, the query's start.
class Engine::Scope final : public CallScope
{
public:
    Scope(Engine &engine, const Expr &call, RowCtx &ctx)
        : m_engine(engine)
        , m_call(call)
        , m_ctx(ctx)
    {
    }
    Value arg(std::size_t k) override
    {
        return k < m_call.args.size() ? m_engine.eval(*m_call.args[k], m_ctx) : Value {};
    }
    Value timestamp() override { return m_engine.timestamp(m_ctx.row); }
    double nowSeconds() const override { return m_engine.m_nowSeconds; }

private:
    Engine &m_engine;
    const Expr &m_call;
    RowCtx &m_ctx;
};

Value Engine::call(const Expr &e, RowCtx &ctx)
{
    if (e.aggSlot >= 0) {
        if (!ctx.slots)
            throw QueryError(e.column, e.name + "() is an aggregate function: use it in stats");
        return (*ctx.slots)[std::size_t(e.aggSlot)];
    }
    // An aggregate outside stats has no slot, and no scalar evaluator.
    if (!e.function || !e.function->scalar)
        throw QueryError(e.column, "unknown function '" + e.name + "'");
    checkArity(*e.function, e);
    Scope scope(*this, e, ctx);
    return e.function->scalar(e, scope);
}

Value Engine::eval(const Expr &e, RowCtx &ctx)
{
    switch (e.kind) {
    case Expr::Kind::Literal:
        return e.literal;
    case Expr::Kind::Field: {
        if (ctx.aggregates) // after stats: names of output columns
            for (const auto &kv : *ctx.aggregates)
                if (kv.first == e.name)
                    return kv.second;
        return field(e, ctx);
    }
    case Expr::Kind::Star:
        return Value::number(1);
    case Expr::Kind::TimePeriod:
        return Value::number(e.periodMs);
    case Expr::Kind::List: {
        nlohmann::json list = nlohmann::json::array();
        for (const auto &x : e.args) {
            const Value v = eval(*x, ctx);
            if (v.type == Value::Type::Number)
                list.push_back(v.num);
            else if (v.isNull())
                list.push_back(nullptr);
            else
                list.push_back(v.toString());
        }
        return Value::fromJson(list);
    }
    case Expr::Kind::Unary: {
        const Value v = eval(*e.args[0], ctx);
        if (e.name == "not")
            return Value::number(v.truthy() ? 0 : 1);
        const double x = v.toNumber();
        return std::isnan(x) ? Value {} : Value::number(-x);
    }
    case Expr::Kind::Binary: {
        const std::string &op = e.name;
        if (op == "and")
            return Value::number(test(*e.args[0], ctx) && test(*e.args[1], ctx) ? 1 : 0);
        if (op == "or")
            return Value::number(test(*e.args[0], ctx) || test(*e.args[1], ctx) ? 1 : 0);
        const Value l = eval(*e.args[0], ctx);
        const Value r = eval(*e.args[1], ctx);
        if (op == "=")
            return Value::number(valuesEqual(l, r) ? 1 : 0);
        if (op == "!=")
            return Value::number(!l.isNull() && !r.isNull() && !valuesEqual(l, r) ? 1 : 0);
        if (op == "<" || op == "<=" || op == ">" || op == ">=") {
            if (l.isNull() || r.isNull())
                return Value::number(0);
            const int c = compareValues(l, r);
            const bool ok = op == "<" ? c < 0 : op == "<=" ? c <= 0 : op == ">" ? c > 0 : c >= 0;
            return Value::number(ok ? 1 : 0);
        }
        const double x = l.toNumber(), y = r.toNumber();
        if (std::isnan(x) || std::isnan(y))
            return {};
        if (op == "+")
            return l.type == Value::Type::Time ? Value::time(x + y) : Value::number(x + y);
        if (op == "-")
            return Value::number(x - y);
        if (op == "*")
            return Value::number(x * y);
        if (op == "/")
            return y == 0 ? Value {} : Value::number(x / y);
        if (op == "%")
            return y == 0 ? Value {} : Value::number(std::fmod(x, y));
        if (op == "^")
            return Value::number(std::pow(x, y));
        throw QueryError(e.column, "unknown operator " + op);
    }
    case Expr::Kind::In: {
        const Value v = eval(*e.args[0], ctx);
        bool found = false;
        if (!v.isNull())
            for (std::size_t k = 1; k < e.args.size() && !found; ++k)
                found = valuesEqual(v, eval(*e.args[k], ctx));
        if (v.isNull())
            return Value::number(0);
        return Value::number(found != e.negate ? 1 : 0);
    }
    case Expr::Kind::Like: {
        const Value v = eval(*e.args[0], ctx);
        if (v.isNull())
            return Value::number(0);
        const bool hit = v.toString().find(e.pattern) != std::string::npos;
        return Value::number(hit != e.negate ? 1 : 0);
    }
    case Expr::Kind::Regex: {
        if (e.args.empty()) // a bare /regex/ (e.g. an argument): its source
            return Value::string(e.pattern);
        const Value v = eval(*e.args[0], ctx);
        if (v.isNull())
            return Value::number(0);
        const bool hit = e.regex->search(v.toString());
        return Value::number(hit != e.negate ? 1 : 0);
    }
    case Expr::Kind::Call:
        return call(e, ctx);
    }
    return {};
}

// Fast paths for the filters people run most, straight on the columns:
// @type = "REPORT", @message like /literal/ (and/or of them). verdict: 1 keep, 0 drop.
bool Engine::fastFilter(const Expr &e, const Row &row, int &verdict)
{
    if (row.event < 0 || row.overlay >= 0)
        return false;
    const LogData &d = *m_sources[std::size_t(row.source)].data;
    const auto i = std::size_t(row.event);
    if (e.kind == Expr::Kind::Binary && (e.name == "and" || e.name == "or")) {
        int a = 0, b = 0;
        if (!fastFilter(*e.args[0], row, a))
            return false;
        if (e.name == "and" && !a) {
            verdict = 0;
            return true;
        }
        if (e.name == "or" && a) {
            verdict = 1;
            return true;
        }
        if (!fastFilter(*e.args[1], row, b))
            return false;
        verdict = b;
        return true;
    }
    if (e.kind == Expr::Kind::Binary && e.name == "=" && e.args[0]->kind == Expr::Kind::Field
        && e.args[1]->kind == Expr::Kind::Literal && e.args[0]->name == "@type"
        && e.args[1]->literal.type == Value::Type::String) {
        verdict = typeOf(d.events.kind[i]) == e.args[1]->literal.str ? 1 : 0;
        return true;
    }
    if (e.kind == Expr::Kind::Like && !e.args.empty() && e.args[0]->kind == Expr::Kind::Field
        && e.args[0]->name == "@message") {
        const bool hit = d.message(i).find(e.pattern) != std::string_view::npos;
        verdict = hit != e.negate ? 1 : 0;
        return true;
    }
    if (e.kind == Expr::Kind::Regex && !e.args.empty() && e.args[0]->kind == Expr::Kind::Field
        && e.args[0]->name == "@message") {
        verdict = e.regex->search(d.message(i)) != e.negate ? 1 : 0;
        return true;
    }
    return false;
}

void Engine::applyFilter(const Command &c)
{
    std::vector<Row> kept;
    kept.reserve(m_rows.size() / 4);
    RowCtx ctx;
    for (std::size_t k = 0; k < m_rows.size(); ++k) {
        tick(k);
        const Row &row = m_rows[k];
        int verdict = 0;
        if (!fastFilter(*c.expr, row, verdict)) {
            ctx = RowCtx {};
            ctx.row = &row;
            verdict = test(*c.expr, ctx);
        }
        if (verdict)
            kept.push_back(row);
    }
    m_rows = std::move(kept);
}

void Engine::applyFields(const Command &c)
{
    for (const auto &p : c.items)
        addColumn(p.columnName());
    // Plain field references need no computing; computed ones go into the overlay.
    // Row by row, so a row's message is parsed as JSON once for all the items; each
    // item still sees the ones before it.
    std::vector<std::pair<const Expr *, std::string>> computed;
    for (const auto &p : c.items)
        if (p.expr->kind != Expr::Kind::Field || !p.alias.empty())
            computed.emplace_back(p.expr.get(), p.columnName());
    if (computed.empty())
        return;
    RowCtx ctx;
    for (std::size_t k = 0; k < m_rows.size(); ++k) {
        tick(k);
        ctx = RowCtx {};
        ctx.row = &m_rows[k];
        for (const auto &[expr, name] : computed)
            setField(m_rows[k], name, eval(*expr, ctx));
    }
}

void Engine::applyParse(const Command &c)
{
    std::vector<std::string> names = c.aliases;
    std::shared_ptr<Regex> re = c.regex;
    if (!c.glob.empty()) {
        // Glob: literal text around '*'; every '*' but the last is lazy, the last greedy.
        std::string pattern;
        const std::size_t stars = std::size_t(std::count(c.glob.begin(), c.glob.end(), '*'));
        std::size_t seen = 0;
        for (char ch : c.glob) {
            if (ch == '*') {
                pattern += ++seen == stars ? "(.*)" : "(.*?)";
            } else {
                if (std::strchr("\\^$.|?+()[]{}/", ch))
                    pattern += '\\';
                pattern += ch;
            }
        }
        re = Regex::compile(pattern, c.column);
    } else if (names.empty()) {
        for (std::size_t g = 1; g < re->groupNames().size(); ++g)
            names.push_back(re->groupNames()[g]);
    }
    for (const auto &n : names)
        if (!n.empty())
            addColumn(n);
    std::vector<Row> out;
    std::vector<std::pair<std::size_t, std::size_t>> groups;
    RowCtx ctx;
    for (std::size_t k = 0; k < m_rows.size(); ++k) {
        tick(k);
        ctx = RowCtx {};
        ctx.row = &m_rows[k];
        const Value src = eval(*c.expr, ctx);
        const std::string s = src.isNull() ? std::string() : src.toString();
        std::size_t from = 0;
        bool any = false;
        while (!src.isNull() && from <= s.size() && re->find(s, from, groups)) {
            Row row = m_rows[k];
            if (c.multi) {
                row.overlay = -1;
                if (m_rows[k].overlay >= 0) { // copy the fields computed so far
                    m_overlays.push_back(m_overlays[std::size_t(m_rows[k].overlay)]);
                    row.overlay = std::int32_t(m_overlays.size() - 1);
                }
            }
            for (std::size_t g = 1; g < groups.size() && g - 1 < names.size(); ++g) {
                const std::string &name = names[g - 1];
                if (name.empty())
                    continue;
                if (groups[g].first == std::string::npos)
                    setField(row, name, {});
                else
                    setField(row, name, Value::string(s.substr(groups[g].first, groups[g].second - groups[g].first)));
            }
            any = true;
            if (!c.multi) {
                m_rows[k] = row;
                break;
            }
            out.push_back(row);
            from = groups[0].second > groups[0].first ? groups[0].second : groups[0].first + 1;
        }
        // Events that do not match keep their row, without the fields.
        if (c.multi && !any)
            out.push_back(m_rows[k]);
    }
    if (c.multi)
        m_rows = std::move(out);
}

// ---- stats ------------------------------------------------------------------

void collectAggregates(const Expr &e, std::vector<const Expr *> &out)
{
    if (e.aggSlot >= 0) {
        if (out.size() <= std::size_t(e.aggSlot))
            out.resize(std::size_t(e.aggSlot) + 1);
        out[std::size_t(e.aggSlot)] = &e;
        return;
    }
    for (const auto &a : e.args)
        collectAggregates(*a, out);
}

// The parser resolved each call to its entry; bin() is found by name once.
bool isBinCall(const Expr &e)
{
    static const Function *const bin = findFunction("bin");
    return e.kind == Expr::Kind::Call && e.function == bin;
}

void checkBin(const Expr &e)
{
    if (isBinCall(e)) {
        if (e.args.size() != 1 || e.args[0]->kind != Expr::Kind::TimePeriod)
            throw QueryError(e.column, "bin() takes one time period such as bin(5m)");
        const Expr &p = *e.args[0];
        const std::string &u = p.periodUnit;
        const double cap = binLimit(u);
        if (p.periodCount > cap)
            throw QueryError(p.column,
                "bin(" + p.text + ") is out of range: at most " + formatNumber(cap) + u
                    + " (use a larger unit, e.g. bin(5m) instead of bin(300s))");
    }
    for (const auto &a : e.args)
        checkBin(*a);
}

void Engine::applyStats(const Command &c, Result &r, bool first)
{
    for (const auto &p : c.items)
        checkBin(*p.expr);
    for (const auto &p : c.by)
        checkBin(*p.expr);
    std::vector<const Expr *> aggs;
    for (const auto &p : c.items)
        collectAggregates(*p.expr, aggs);
    // Per slot, worked out once: which aggregate, and whether it is count(*).
    std::vector<const Aggregator *> fns(aggs.size());
    std::vector<std::uint8_t> countStar(aggs.size());
    for (std::size_t s = 0; s < aggs.size(); ++s) {
        const Expr &a = *aggs[s];
        fns[s] = a.function->aggregate;
        countStar[s] = fns[s] == &aggregators::count && (a.args.empty() || a.args[0]->kind == Expr::Kind::Star);
        checkAggregateCall(*a.function, a);
    }
    if (first)
        histogram(r);
    struct Group {
        std::vector<Value> keys;
        std::vector<AggState> aggs;
    };
    std::vector<Group> groups;
    std::unordered_map<std::string, std::size_t> index;
    RowCtx ctx;
    std::string key;
    for (std::size_t k = 0; k < m_rows.size(); ++k) {
        tick(k);
        const Row &row = m_rows[k];
        ctx = RowCtx {};
        ctx.row = &row;
        std::vector<Value> keys;
        key.clear();
        for (const auto &b : c.by) {
            keys.push_back(eval(*b.expr, ctx));
            key += keys.back().toString();
            key += keys.back().isNull() ? '\1' : '\2';
        }
        auto it = index.find(key);
        if (it == index.end()) {
            it = index.emplace(key, groups.size()).first;
            Group g;
            g.keys = std::move(keys);
            g.aggs.resize(aggs.size());
            groups.push_back(std::move(g));
        }
        Group &g = groups[it->second];
        for (std::size_t s = 0; s < aggs.size(); ++s) {
            const Expr &a = *aggs[s];
            AggState &st = g.aggs[s];
            const Aggregator &fn = *fns[s];
            if (countStar[s]) {
                ++st.count;
                continue;
            }
            const Value v = eval(*a.args[0], ctx);
            if (v.isNull())
                continue;
            double rowTime = 0;
            if (fn.byTime) { // events without a time keep their place in the rows
                const Value t = timestamp(&row);
                rowTime = t.isNull() ? double(k) : t.num;
            }
            fn.add(st, v, rowTime);
        }
    }
    // A stats without "by" over no rows still answers: count() = 0.
    if (groups.empty() && c.by.empty()) {
        Group g;
        g.aggs.resize(aggs.size());
        groups.push_back(std::move(g));
    }
    // Output: the "by" columns, then the stats items.
    m_columns.clear();
    for (const auto &b : c.by)
        addColumn(b.columnName());
    for (const auto &p : c.items)
        addColumn(p.columnName());
    r.binColumn = -1;
    for (std::size_t b = 0; b < c.by.size(); ++b)
        if (isBinCall(*c.by[b].expr))
            r.binColumn = int(b);
    std::vector<Row> out;
    std::vector<Overlay> overlays;
    for (Group &g : groups) {
        std::vector<Value> slots(aggs.size());
        for (std::size_t s = 0; s < aggs.size(); ++s)
            slots[s] = fns[s]->result(g.aggs[s], *aggs[s]);
        Overlay row;
        for (std::size_t b = 0; b < c.by.size(); ++b)
            row.emplace_back(c.by[b].columnName(), g.keys[b]);
        for (const auto &p : c.items) {
            RowCtx ctx2;
            Row none;
            ctx2.row = &none;
            ctx2.aggregates = &row;
            ctx2.slots = &slots;
            row.emplace_back(p.columnName(), eval(*p.expr, ctx2));
        }
        overlays.push_back(std::move(row));
        Row outRow;
        outRow.overlay = std::int32_t(overlays.size() - 1);
        out.push_back(outRow);
    }
    m_overlays = std::move(overlays);
    m_rows = std::move(out);
    // bin() series newest first, like @timestamp; other groupings in order of appearance.
    if (r.binColumn >= 0) {
        const std::string name = c.by[std::size_t(r.binColumn)].columnName();
        std::stable_sort(m_rows.begin(), m_rows.end(), [&](const Row &x, const Row &y) {
            const Value &a = m_overlays[std::size_t(x.overlay)][std::size_t(r.binColumn)].second;
            const Value &b = m_overlays[std::size_t(y.overlay)][std::size_t(r.binColumn)].second;
            return compareValues(a, b) > 0 && !a.isNull();
        });
    }
    m_statsDone = true;
    m_sorted = true;
}

void Engine::applySort(const std::vector<SortKey> &keys)
{
    // Evaluate the keys once per row, then sort indices.
    std::vector<std::vector<Value>> vals(m_rows.size());
    RowCtx ctx;
    for (std::size_t k = 0; k < m_rows.size(); ++k) {
        tick(k);
        ctx = RowCtx {};
        ctx.row = &m_rows[k];
        for (const auto &key : keys)
            vals[k].push_back(eval(*key.expr, ctx));
    }
    std::vector<std::size_t> idx(m_rows.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
        for (std::size_t k = 0; k < keys.size(); ++k) {
            const Value &x = vals[a][k], &y = vals[b][k];
            if (x.isNull() != y.isNull())
                return !x.isNull(); // missing values last, either direction
            const int c = compareValues(x, y);
            if (c != 0)
                return keys[k].ascending ? c < 0 : c > 0;
        }
        return false;
    });
    std::vector<Row> sorted(m_rows.size());
    for (std::size_t k = 0; k < idx.size(); ++k)
        sorted[k] = m_rows[idx[k]];
    m_rows = std::move(sorted);
    m_sorted = true;
}

void Engine::sortByTimeDesc()
{
    // Rows of events: newest first, file order for ties.
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](const Row &a, const Row &b) {
        const TimeMs ta
            = a.event >= 0 ? m_sources[std::size_t(a.source)].data->events.time[std::size_t(a.event)] : kNoTime;
        const TimeMs tb
            = b.event >= 0 ? m_sources[std::size_t(b.source)].data->events.time[std::size_t(b.event)] : kNoTime;
        return ta > tb;
    });
    m_sorted = true;
}

void Engine::applyDedup(const Command &c)
{
    if (!m_sorted && !m_statsDone)
        sortByTimeDesc();
    std::set<std::string> seen;
    std::vector<Row> out;
    const std::vector<Expr> refs = fieldRefs(c.dedupFields);
    RowCtx ctx;
    for (std::size_t k = 0; k < m_rows.size(); ++k) {
        ctx = RowCtx {};
        ctx.row = &m_rows[k];
        std::string key;
        bool hasNull = false;
        for (const Expr &e : refs) {
            const Value v = eval(e, ctx);
            hasNull = hasNull || v.isNull();
            key += v.toString();
            key += '\1';
        }
        if (hasNull || seen.insert(key).second) // null values are not deduplicated
            out.push_back(m_rows[k]);
    }
    m_rows = std::move(out);
}

void Engine::applyUnnest(const Command &c)
{
    addColumn(c.into);
    std::vector<Row> out;
    RowCtx ctx;
    for (std::size_t k = 0; k < m_rows.size(); ++k) {
        ctx = RowCtx {};
        ctx.row = &m_rows[k];
        const Value v = eval(*c.expr, ctx);
        if (v.type != Value::Type::Json || !v.json->is_array())
            continue; // only lists unnest
        for (const auto &item : *v.json) {
            Row row = m_rows[k];
            row.overlay = -1;
            if (m_rows[k].overlay >= 0) {
                m_overlays.push_back(m_overlays[std::size_t(m_rows[k].overlay)]);
                row.overlay = std::int32_t(m_overlays.size() - 1);
            }
            setField(row, c.into, Value::fromJson(item));
            out.push_back(row);
        }
    }
    m_rows = std::move(out);
}

void Engine::histogram(Result &r)
{
    TimeMs lo = kNoTime, hi = kNoTime;
    auto timeOf = [&](const Row &row) -> TimeMs {
        return row.event >= 0 ? m_sources[std::size_t(row.source)].data->events.time[std::size_t(row.event)] : kNoTime;
    };
    for (const Row &row : m_rows) {
        const TimeMs t = timeOf(row);
        if (t == kNoTime)
            continue;
        lo = lo == kNoTime ? t : std::min(lo, t);
        hi = hi == kNoTime ? t : std::max(hi, t);
    }
    r.recordsMatched = m_rows.size();
    if (lo == kNoTime)
        return;
    // About 60 bars on a round period, as the console's histogram.
    static const double periods[] = { 1, 10, 100, 1000, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
        10800000, 21600000, 43200000, 86400000, 604800000 };
    double bin = periods[0];
    for (double p : periods) {
        bin = p;
        if (double(hi - lo) / p <= 60)
            break;
    }
    r.histogramBinMs = bin;
    r.histogramStart = TimeMs(std::floor(double(lo) / bin) * bin);
    r.histogram.assign(std::size_t(double(hi - r.histogramStart) / bin) + 1, 0);
    for (const Row &row : m_rows) {
        const TimeMs t = timeOf(row);
        if (t != kNoTime)
            ++r.histogram[std::min(r.histogram.size() - 1, std::size_t(double(t - r.histogramStart) / bin))];
    }
}

Result Engine::execute(const Query &q)
{
    const auto t0 = Clock::now();
    Result r;
    // Source rows: every event of every file within the time range.
    std::size_t total = 0;
    for (const auto &s : m_sources)
        total += s.data ? s.data->events.size() : 0;
    m_rows.reserve(total);
    for (std::size_t src = 0; src < m_sources.size(); ++src) {
        if (!m_sources[src].data)
            continue;
        const EventStore &ev = m_sources[src].data->events;
        for (std::size_t i = 0; i < ev.size(); ++i) {
            if (m_opt.start != kNoTime && (ev.time[i] == kNoTime || ev.time[i] < m_opt.start))
                continue;
            if (m_opt.end != kNoTime && (ev.time[i] == kNoTime || ev.time[i] > m_opt.end))
                continue;
            m_rows.push_back({ std::int32_t(src), std::int64_t(i), -1 });
        }
    }
    r.recordsScanned = m_rows.size();
    std::int64_t limit = 10000; // Logs Insights' default
    const Command *display = nullptr;
    bool stats = false;
    for (const Command &c : q.commands) {
        switch (c.kind) {
        case Command::Kind::Filter:
            applyFilter(c);
            break;
        case Command::Kind::Fields:
            applyFields(c);
            break;
        case Command::Kind::Display:
            display = &c;
            break;
        case Command::Kind::Parse:
            applyParse(c);
            break;
        case Command::Kind::Stats:
            applyStats(c, r, !stats);
            stats = true;
            display = nullptr;
            break;
        case Command::Kind::Sort:
            applySort(c.sort);
            break;
        case Command::Kind::Limit:
            if (!m_sorted && !stats)
                sortByTimeDesc();
            if (std::int64_t(m_rows.size()) > c.limit)
                m_rows.resize(std::size_t(c.limit));
            limit = std::max<std::int64_t>(c.limit, 0);
            break;
        case Command::Kind::Dedup:
            applyDedup(c);
            break;
        case Command::Kind::Unnest:
            applyUnnest(c);
            break;
        }
    }
    if (!stats)
        histogram(r);
    if (!m_sorted && !stats)
        sortByTimeDesc();
    if (std::int64_t(m_rows.size()) > limit)
        m_rows.resize(std::size_t(limit));
    // Columns: display wins; otherwise fields/parse columns; otherwise @timestamp, @message.
    std::vector<std::string> columns = m_columns;
    if (display) {
        // display may compute expressions too, like fields; only its columns are shown.
        applyFields(*display);
        columns.clear();
        for (const auto &p : display->items)
            columns.push_back(p.columnName());
    }
    if (columns.empty())
        columns = { "@timestamp", "@message" };
    r.columns = columns;
    r.stats = stats;
    r.rows.reserve(m_rows.size());
    const std::vector<Expr> refs = fieldRefs(columns);
    RowCtx ctx;
    for (const Row &row : m_rows) {
        ctx = RowCtx {};
        ctx.row = &row;
        std::vector<Value> out;
        out.reserve(columns.size());
        for (const Expr &e : refs)
            out.push_back(field(e, ctx));
        r.rows.push_back(std::move(out));
        r.origins.push_back({ row.event >= 0 ? row.source : -1, row.event });
    }
    r.elapsedMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    return r;
}

} // namespace

Result run(const Query &q, const std::vector<Source> &sources, const Options &options)
{
    Engine e(sources, options);
    return e.execute(q);
}

Result run(const std::string &text, const std::vector<Source> &sources, const Options &options)
{
    return run(parse(text), sources, options);
}

std::vector<std::pair<std::string, Value>> eventFields(const LogData &d, std::size_t event, const std::string &logName)
{
    auto shared = std::shared_ptr<const LogData>(&d, [](const LogData *) {});
    const std::vector<Source> sources { { shared, logName } };
    Engine e(sources, {});
    return e.fieldsOf(event);
}

std::vector<std::string> discoverFields(const std::vector<Source> &sources, std::size_t sample)
{
    std::vector<std::string> out;
    for (const char *f : kSysNames)
        out.emplace_back(f);
    std::set<std::string> seen;
    simdjson::dom::parser parser;
    for (const auto &s : sources) {
        if (!s.data)
            continue;
        const std::size_t n = std::min(sample, s.data->events.size());
        const std::size_t step = std::max<std::size_t>(1, s.data->events.size() / std::max<std::size_t>(1, n));
        for (std::size_t i = 0; i < s.data->events.size(); i += step) {
            const std::string_view js = jsonFragment(s.data->message(i));
            if (js.empty())
                continue;
            simdjson::dom::element root;
            if (parser.parse(js.data(), js.size(), true).get(root) != simdjson::SUCCESS)
                continue;
            // Walk objects (not arrays beyond index 0) for dotted paths.
            std::vector<std::pair<std::string, simdjson::dom::element>> todo { { "", root } };
            while (!todo.empty() && seen.size() < 1000) {
                auto [prefix, el] = todo.back();
                todo.pop_back();
                if (el.is_object()) {
                    for (auto [key, value] : simdjson::dom::object(el)) {
                        std::string name = prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
                        if (!name.empty() && name[0] == '@')
                            name = "@" + name;
                        todo.emplace_back(name, value);
                    }
                } else if (!prefix.empty()) {
                    seen.insert(prefix);
                }
            }
        }
    }
    out.insert(out.end(), seen.begin(), seen.end());
    return out;
}

} // namespace coldscope::query
