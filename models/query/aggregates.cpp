// SPDX-License-Identifier: MIT
#include "aggregates.h"

#include "stats.h"

#include <algorithm>
#include <cmath>

namespace coldscope::query {

namespace {

void addCount(AggState &st, const Value &, double)
{
    ++st.count;
}
Value countResult(AggState &st, const Expr &)
{
    return Value::number(double(st.count));
}

void addDistinct(AggState &st, const Value &v, double)
{
    st.distinct.insert(v.toString());
}
Value distinctResult(AggState &st, const Expr &)
{
    return Value::number(double(st.distinct.size()));
}

// ---- numeric: values that are no number are left out ------------------------

bool foldNumber(AggState &st, const Value &v, double &x)
{
    x = v.toNumber();
    if (std::isnan(x))
        return false;
    st.time = st.time || v.type == Value::Type::Time;
    if (!st.has) {
        st.min = st.max = x;
        st.has = true;
    }
    st.min = std::min(st.min, x);
    st.max = std::max(st.max, x);
    st.sum += x;
    st.sumsq += x * x;
    ++st.count;
    return true;
}
void addNumber(AggState &st, const Value &v, double)
{
    double x;
    foldNumber(st, v, x);
}
// pct and stddev need every value, not only the running sums.
void addNumberKept(AggState &st, const Value &v, double)
{
    double x;
    if (foldNumber(st, v, x))
        st.values.push_back(x);
}

Value sumResult(AggState &st, const Expr &)
{
    return st.has ? Value::number(st.sum) : Value {};
}
Value avgResult(AggState &st, const Expr &)
{
    return st.has ? Value::number(st.sum / double(st.count)) : Value {};
}
Value minResult(AggState &st, const Expr &)
{
    if (!st.has)
        return {};
    return st.time ? Value::time(st.min) : Value::number(st.min);
}
Value maxResult(AggState &st, const Expr &)
{
    if (!st.has)
        return {};
    return st.time ? Value::time(st.max) : Value::number(st.max);
}

Value stddevResult(AggState &st, const Expr &)
{
    if (!st.has)
        return {};
    // Sample standard deviation (n - 1), as SQL's stddev.
    if (st.count < 2)
        return Value::number(0);
    const double mean = st.sum / double(st.count);
    double acc = 0;
    for (double x : st.values)
        acc += (x - mean) * (x - mean);
    return Value::number(std::sqrt(acc / double(st.count - 1)));
}

void checkPct(const Expr &call)
{
    if (call.args.size() != 2 || call.args[1]->kind != Expr::Kind::Literal)
        throw QueryError(call.column, call.name + "() takes a field and a percentile, e.g. pct(@duration, 99)");
}
// A group without values is null whatever the percentile: it is checked only where it is used.
Value pctResult(AggState &st, const Expr &call)
{
    if (!st.has)
        return {};
    const double p = call.args[1]->literal.toNumber();
    if (std::isnan(p) || p < 0 || p > 100)
        throw QueryError(call.args[1]->column, "the percentile must be between 0 and 100");
    // Nearest rank: the value at 1-based rank ceil(p/100 * n).
    const std::size_t rank = nearestRankIndex(st.values.size(), p);
    std::nth_element(st.values.begin(), st.values.begin() + std::ptrdiff_t(rank - 1), st.values.end());
    return Value::number(st.values[rank - 1]);
}

// ---- one value of the group -------------------------------------------------

// rowTime: the event's @timestamp, or the row's position when it has none.
template <bool Earliest> void addByTime(AggState &st, const Value &v, double rowTime)
{
    if (!st.has || (Earliest ? rowTime < st.bestTime : rowTime >= st.bestTime)) {
        st.best = v;
        st.bestTime = rowTime;
        st.has = true;
    }
}
template <bool First> void addBySort(AggState &st, const Value &v, double)
{
    if (!st.has || (First ? compareValues(v, st.best) < 0 : compareValues(v, st.best) > 0)) {
        st.best = v;
        st.has = true;
    }
}
Value bestResult(AggState &st, const Expr &)
{
    return st.best;
}

} // namespace

namespace aggregators {
const Aggregator avg { addNumber, avgResult, nullptr, false };
const Aggregator count { addCount, countResult, nullptr, false };
const Aggregator countDistinct { addDistinct, distinctResult, nullptr, false };
const Aggregator max { addNumber, maxResult, nullptr, false };
const Aggregator min { addNumber, minResult, nullptr, false };
const Aggregator pct { addNumberKept, pctResult, checkPct, false };
const Aggregator stddev { addNumberKept, stddevResult, nullptr, false };
const Aggregator sum { addNumber, sumResult, nullptr, false };
const Aggregator earliest { addByTime<true>, bestResult, nullptr, true };
const Aggregator latest { addByTime<false>, bestResult, nullptr, true };
const Aggregator sortsFirst { addBySort<true>, bestResult, nullptr, false };
const Aggregator sortsLast { addBySort<false>, bestResult, nullptr, false };
} // namespace aggregators

} // namespace coldscope::query
