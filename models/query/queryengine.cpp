// SPDX-License-Identifier: MIT
// Executes Logs Insights queries over loaded logs: the pipeline of commands. Events
// stay in the column store; a row is (source, event) plus the fields commands
// computed for it. Expressions are evaluated by queryeval.cpp, functions by the
// table of functions.cpp.
#include "queryengine.h"

#include "aggregates.h"
#include "functions.h"
#include "queryeval.h"
#include "queryregex.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <exception>
#include <functional>
#include <numeric>
#include <set>
#include <thread>
#include <unordered_map>

namespace coldscope::query {

namespace {

using Clock = std::chrono::steady_clock;

// Below this many rows a filter runs on the calling thread (starting threads costs more).
constexpr std::size_t kParallelRows = 1u << 17;

class Engine
{
public:
    Engine(const std::vector<Source> &sources, const Options &opt)
        : m_sources(sources)
        , m_opt(opt)
        , m_eval(sources, m_overlays)
    {
    }

    Result execute(const Query &q);

private:
    // ---- commands -----------------------------------------------------------
    void applyFilter(const Command &c);
    void applyFields(const Command &c);
    void applyParse(const Command &c);
    // The regex of a parse command and the columns it names (a glob made a regex).
    struct ParsePlan {
        std::shared_ptr<Regex> re;
        std::vector<std::string> names;
    };
    ParsePlan planParse(const Command &c);
    // One row through a parse that keeps one row per event (not multi).
    void parseRow(
        const Command &c, const ParsePlan &plan, Row &row, std::vector<std::pair<std::size_t, std::size_t>> &groups);
    // The named groups of a match in `s` as the row's fields (a group that took no part: null).
    void setCaptures(Row &row, const std::vector<std::string> &names, const std::string &s,
        const std::vector<std::pair<std::size_t, std::size_t>> &groups);
    void applyStats(const Command &c, Result &r, bool first);
    // Sorts the rows; with `keep` below their count, only the first `keep` are kept.
    // `prepare(k)`, when set, is called on row k just before its keys are read (a parse
    // deferred into the sort), and `drop(k)` when row k is sure not to be kept.
    void applySort(const std::vector<SortKey> &keys, std::size_t keep = SIZE_MAX,
        const std::function<void(std::size_t)> &prepare = {}, const std::function<void(std::size_t)> &drop = {});
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
            if (!m_freeOverlays.empty()) {
                row.overlay = m_freeOverlays.back();
                m_freeOverlays.pop_back();
            } else {
                row.overlay = std::int32_t(m_overlays.size());
                m_overlays.emplace_back();
            }
        }
        return m_overlays[std::size_t(row.overlay)];
    }
    // Gives a row's overlay back for another row to use (the row is being dropped).
    void freeOverlay(Row &row)
    {
        if (row.overlay < 0)
            return;
        Overlay().swap(m_overlays[std::size_t(row.overlay)]);
        m_freeOverlays.push_back(row.overlay);
        row.overlay = -1;
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
    // Called with the index in m_rows of every row a pass visits.
    void tick(std::size_t i)
    {
        if ((i & 0xFFFF) != 0)
            return;
        checkCancel();
        releaseBehind(i);
    }
    void checkCancel() const
    {
        if (m_opt.cancel && m_opt.cancel->load(std::memory_order_relaxed))
            throw QueryError(0, "query cancelled");
    }
    // Does `row` pass filter `e`? Through the column shortcut when `e` is one.
    static bool passes(Evaluator &ev, const Expr &e, const Row &row)
    {
        int verdict = 0;
        if (ev.fastFilter(e, row, verdict))
            return verdict != 0;
        RowCtx ctx;
        ctx.row = &row;
        return ev.test(e, ctx);
    }
    // A pass over the rows in file order reads every message once: the mapped pages it
    // has left behind go back to the page cache rather than count in this process's
    // resident set (a later read faults them in again, as it would after eviction).
    void releaseBehind(std::size_t i)
    {
        if (i >= m_rows.size() || m_rows[i].event < 0)
            return;
        const auto src = std::size_t(m_rows[i].source);
        const LogData &d = *m_sources[src].data;
        if (!d.text)
            return;
        constexpr std::uint64_t kBehind = 4u << 20, kStep = 16u << 20;
        const std::uint64_t at = d.events.msgOffset[std::size_t(m_rows[i].event)];
        if (at >= d.text->bytes().size() || at < kBehind)
            return;
        m_released.resize(m_sources.size(), 0);
        if (at - kBehind < m_released[src] + kStep)
            return;
        d.text->releasePages(m_released[src], at - kBehind);
        m_released[src] = at - kBehind;
    }
    void histogram(Result &r);

    const std::vector<Source> &m_sources;
    Options m_opt;
    std::vector<Row> m_rows;
    std::vector<Overlay> m_overlays;
    std::vector<std::int32_t> m_freeOverlays; // slots of m_overlays no row uses
    Evaluator m_eval; // reads m_overlays, declared before it
    std::vector<std::string> m_columns;
    bool m_statsDone = false;
    bool m_sorted = false;
    std::vector<std::uint64_t> m_released; // by source: mapped bytes released up to here
};

void Engine::applyFilter(const Command &c)
{
    // Millions of rows whose test reads each message's JSON: on every core, each thread
    // with its own evaluator over a contiguous slice; the rows kept stay in order.
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    if (cores > 1 && m_rows.size() >= kParallelRows && Evaluator::parallelSafe(*c.expr)) {
        Evaluator::resolveFields(*c.expr);
        const std::size_t n = m_rows.size(), slices = std::min<std::size_t>(cores, 8);
        std::vector<std::uint8_t> keep(n, 0);
        std::vector<std::exception_ptr> errors(slices);
        auto work = [&](std::size_t t) {
            try {
                Evaluator ev(m_eval);
                for (std::size_t k = n * t / slices, end = n * (t + 1) / slices; k < end; ++k) {
                    if ((k & 0xFFFF) == 0)
                        checkCancel(); // no page release here: m_released is the calling thread's
                    keep[k] = passes(ev, *c.expr, m_rows[k]) ? 1 : 0;
                }
            } catch (...) {
                errors[t] = std::current_exception();
            }
        };
        std::vector<std::thread> pool;
        for (std::size_t t = 1; t < slices; ++t)
            pool.emplace_back(work, t);
        work(0);
        for (auto &th : pool)
            th.join();
        for (const auto &e : errors)
            if (e)
                std::rethrow_exception(e);
        std::size_t w = 0;
        for (std::size_t k = 0; k < n; ++k)
            if (keep[k])
                m_rows[w++] = m_rows[k];
        m_rows.resize(w);
        // Every message was read: the mapped pages go back to the page cache (as the
        // sequential passes release them behind them).
        for (const auto &src : m_sources)
            if (src.data && src.data->text)
                src.data->text->releasePages(0, src.data->text->bytes().size());
        return;
    }
    std::vector<Row> kept;
    kept.reserve(m_rows.size() / 4);
    for (std::size_t k = 0; k < m_rows.size(); ++k) {
        tick(k);
        if (passes(m_eval, *c.expr, m_rows[k]))
            kept.push_back(m_rows[k]);
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
            setField(m_rows[k], name, m_eval.eval(*expr, ctx));
    }
}

Engine::ParsePlan Engine::planParse(const Command &c)
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
    return { std::move(re), std::move(names) };
}

void Engine::parseRow(
    const Command &c, const ParsePlan &plan, Row &row, std::vector<std::pair<std::size_t, std::size_t>> &groups)
{
    RowCtx ctx;
    ctx.row = &row;
    const Value src = m_eval.eval(*c.expr, ctx);
    if (src.isNull())
        return;
    std::string shown; // a number or a time as text; a string is read where it is
    if (src.type != Value::Type::String)
        shown = src.toString();
    const std::string &s = src.type == Value::Type::String ? src.str : shown;
    if (!plan.re->find(s, 0, groups))
        return; // an event that does not match keeps its row, without the fields
    setCaptures(row, plan.names, s, groups);
}

void Engine::setCaptures(Row &row, const std::vector<std::string> &names, const std::string &s,
    const std::vector<std::pair<std::size_t, std::size_t>> &groups)
{
    for (std::size_t g = 1; g < groups.size() && g - 1 < names.size(); ++g) {
        const std::string &name = names[g - 1];
        if (name.empty())
            continue;
        if (groups[g].first == std::string::npos)
            setField(row, name, {});
        else
            setField(row, name, Value::string(s.substr(groups[g].first, groups[g].second - groups[g].first)));
    }
}

void Engine::applyParse(const Command &c)
{
    const ParsePlan plan = planParse(c);
    const auto &re = plan.re;
    const auto &names = plan.names;
    std::vector<std::pair<std::size_t, std::size_t>> groups;
    if (!c.multi) {
        for (std::size_t k = 0; k < m_rows.size(); ++k) {
            tick(k);
            parseRow(c, plan, m_rows[k], groups);
        }
        return;
    }
    std::vector<Row> out;
    RowCtx ctx;
    for (std::size_t k = 0; k < m_rows.size(); ++k) {
        tick(k);
        ctx = RowCtx {};
        ctx.row = &m_rows[k];
        const Value src = m_eval.eval(*c.expr, ctx);
        const std::string s = src.isNull() ? std::string() : src.toString();
        std::size_t from = 0;
        bool any = false;
        while (!src.isNull() && from <= s.size() && re->find(s, from, groups)) {
            // One row per match, each with its own copy of the fields computed so far.
            Row row = m_rows[k];
            row.overlay = -1;
            if (m_rows[k].overlay >= 0) {
                m_overlays.push_back(m_overlays[std::size_t(m_rows[k].overlay)]);
                row.overlay = std::int32_t(m_overlays.size() - 1);
            }
            setCaptures(row, names, s, groups);
            any = true;
            out.push_back(row);
            from = groups[0].second > groups[0].first ? groups[0].second : groups[0].first + 1;
        }
        // Events that do not match keep their row, without the fields.
        if (!any)
            out.push_back(m_rows[k]);
    }
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
    // A group's key is its values' display text. A time's is formatted once per run of
    // rows with that time (bin() gives the same one to thousands of rows in a row).
    std::vector<std::pair<double, std::string>> lastTime(c.by.size(), { kNaN, std::string() });
    for (std::size_t k = 0; k < m_rows.size(); ++k) {
        tick(k);
        const Row &row = m_rows[k];
        ctx = RowCtx {};
        ctx.row = &row;
        std::vector<Value> keys;
        key.clear();
        for (std::size_t b = 0; b < c.by.size(); ++b) {
            keys.push_back(m_eval.eval(*c.by[b].expr, ctx));
            const Value &v = keys.back();
            if (v.type == Value::Type::Time) {
                if (!(lastTime[b].first == v.num))
                    lastTime[b] = { v.num, v.toString() };
                key += lastTime[b].second;
            } else {
                key += v.toString();
            }
            key += v.isNull() ? '\1' : '\2';
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
            const Value v = m_eval.eval(*a.args[0], ctx);
            if (v.isNull())
                continue;
            double rowTime = 0;
            if (fn.byTime) { // events without a time keep their place in the rows
                const Value t = m_eval.timestamp(&row);
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
            row.emplace_back(p.columnName(), m_eval.eval(*p.expr, ctx2));
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

void Engine::applySort(const std::vector<SortKey> &keys, std::size_t keep,
    const std::function<void(std::size_t)> &prepare, const std::function<void(std::size_t)> &drop)
{
    // Missing values last in either direction; rows with equal keys keep their order.
    auto before = [&](const std::vector<Value> &x, std::size_t a, const std::vector<Value> &y, std::size_t b) {
        for (std::size_t k = 0; k < keys.size(); ++k) {
            if (x[k].isNull() != y[k].isNull())
                return !x[k].isNull();
            const int c = compareValues(x[k], y[k]);
            if (c != 0)
                return keys[k].ascending ? c < 0 : c > 0;
        }
        return a < b;
    };
    auto keysOf = [&](std::size_t k) {
        RowCtx ctx;
        ctx.row = &m_rows[k];
        std::vector<Value> v;
        v.reserve(keys.size());
        for (const auto &key : keys)
            v.push_back(m_eval.eval(*key.expr, ctx));
        return v;
    };
    if (keep < m_rows.size()) {
        // Only the first `keep` rows survive (a limit, or the default one, with nothing
        // in between that reads the others): keep the best of them rather than every
        // row's keys, the same rows in the same order as a full stable sort.
        struct Cand {
            std::vector<Value> key;
            std::size_t row;
        };
        auto worse = [&](const Cand &a, const Cand &b) { return before(a.key, a.row, b.key, b.row); };
        // A buffer of up to twice `keep` candidates. When it is full, nth_element() keeps
        // the best `keep` of them, and the keep-th best is the bar a later row must pass.
        // `before` is a strict total order (ties go to the earlier row), so the rows kept
        // are the same as a heap's, at about two comparisons a row when each new row is
        // among the best (a file in time order sorted newest first), not 2 log2(keep).
        std::vector<Cand> buf;
        const std::size_t cap = keep > m_rows.size() / 2 ? m_rows.size() : 2 * keep;
        buf.reserve(cap);
        bool haveBar = false;
        auto shrink = [&] {
            std::nth_element(buf.begin(), buf.begin() + std::ptrdiff_t(keep - 1), buf.end(), worse);
            if (drop)
                for (std::size_t j = keep; j < buf.size(); ++j)
                    drop(buf[j].row);
            buf.erase(buf.begin() + std::ptrdiff_t(keep), buf.end());
            haveBar = true;
        };
        for (std::size_t k = 0; k < m_rows.size() && keep > 0; ++k) {
            tick(k);
            if (prepare)
                prepare(k);
            Cand c { keysOf(k), k };
            if (haveBar && !worse(c, buf[keep - 1])) {
                if (drop)
                    drop(k);
                continue;
            }
            buf.push_back(std::move(c));
            if (buf.size() >= cap && buf.size() > keep)
                shrink();
        }
        if (buf.size() > keep)
            shrink();
        std::sort(buf.begin(), buf.end(), worse);
        std::vector<Row> sorted;
        sorted.reserve(buf.size());
        for (const Cand &c : buf)
            sorted.push_back(m_rows[c.row]);
        m_rows = std::move(sorted);
        m_sorted = true;
        return;
    }
    // Evaluate the keys once per row, then sort indices.
    std::vector<std::vector<Value>> vals(m_rows.size());
    for (std::size_t k = 0; k < m_rows.size(); ++k) {
        tick(k);
        if (prepare)
            prepare(k);
        vals[k] = keysOf(k);
    }
    std::vector<std::size_t> idx(m_rows.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return before(vals[a], a, vals[b], b); });
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
            const Value v = m_eval.eval(e, ctx);
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
        const Value v = m_eval.eval(*c.expr, ctx);
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
    const double span = double(hi) - double(lo); // in double: two extreme times may not subtract in 64 bits
    double bin = periods[0];
    for (double p : periods) {
        bin = p;
        if (span / p <= 60)
            break;
    }
    while (span / bin > 120) // longer than the periods cover (years of logs, or absurd times): wider bars
        bin *= 2;
    r.histogramBinMs = bin;
    r.histogramStart = TimeMs(std::floor(double(lo) / bin) * bin);
    r.histogram.assign(std::size_t((double(hi) - double(r.histogramStart)) / bin) + 1, 0);
    for (const Row &row : m_rows) {
        const TimeMs t = timeOf(row);
        if (t != kNoTime)
            ++r.histogram[std::min(r.histogram.size() - 1, std::size_t((double(t) - double(r.histogramStart)) / bin))];
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
    bool histogramDone = false;
    // For a sort at commands[ci]: how many rows survive it when only limit and display
    // follow (then rows past that are never read again), or -1.
    const auto sortKeeps = [&](std::size_t ci, std::int64_t limitSoFar, bool &explicitLimit) -> std::int64_t {
        bool tail = true;
        explicitLimit = false;
        std::int64_t keep = limitSoFar;
        for (std::size_t n = ci + 1; n < q.commands.size() && tail; ++n) {
            const Command &next = q.commands[n];
            if (next.kind == Command::Kind::Limit) {
                keep = explicitLimit ? std::min(keep, next.limit) : next.limit;
                explicitLimit = true;
            } else if (next.kind != Command::Kind::Display) {
                tail = false;
            }
        }
        return tail ? keep : -1;
    };
    for (std::size_t ci = 0; ci < q.commands.size(); ++ci) {
        const Command &c = q.commands[ci];
        // A parse (one row per event) right before a sort that keeps only its best rows:
        // parse each row as the sort reads it, and drop the fields of rows that fall out,
        // instead of holding the parsed fields of every event (a whole file's messages).
        if (c.kind == Command::Kind::Parse && !c.multi && !stats && ci + 1 < q.commands.size()
            && q.commands[ci + 1].kind == Command::Kind::Sort) {
            bool explicitLimit = false;
            const std::int64_t keep = sortKeeps(ci + 1, limit, explicitLimit);
            if (keep >= 0 && std::int64_t(m_rows.size()) > keep) {
                if (!explicitLimit) {
                    histogram(r); // parse keeps the rows and their times: the same counts
                    histogramDone = true;
                }
                const ParsePlan plan = planParse(c);
                std::vector<std::pair<std::size_t, std::size_t>> groups;
                std::vector<std::uint8_t> hadOverlay(m_rows.size());
                for (std::size_t k = 0; k < m_rows.size(); ++k)
                    hadOverlay[k] = m_rows[k].overlay >= 0;
                applySort(
                    q.commands[ci + 1].sort, std::size_t(std::max<std::int64_t>(keep, 0)),
                    [&](std::size_t k) { parseRow(c, plan, m_rows[k], groups); },
                    [&](std::size_t k) {
                        if (!hadOverlay[k]) // fields of this parse only: give them back
                            freeOverlay(m_rows[k]);
                    });
                ++ci; // the sort is done
                continue;
            }
        }
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
        case Command::Kind::Sort: {
            // When only display and limit follow, the rows past the final limit are never
            // read again: sort just the ones kept (the histogram still counts every match).
            bool explicitLimit = false;
            const std::int64_t tailKeep = sortKeeps(ci, limit, explicitLimit);
            const bool tail = tailKeep >= 0;
            const std::int64_t keep = tail ? tailKeep : limit;
            if (tail && !stats && !explicitLimit && std::int64_t(m_rows.size()) > keep) {
                histogram(r);
                histogramDone = true;
            }
            const bool topOnly = tail && !stats && (explicitLimit || histogramDone);
            applySort(c.sort, topOnly ? std::size_t(std::max<std::int64_t>(keep, 0)) : SIZE_MAX);
            break;
        }
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
    if (!stats && !histogramDone)
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
            out.push_back(m_eval.field(e, ctx));
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
} // namespace coldscope::query
