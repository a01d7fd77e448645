// SPDX-License-Identifier: MIT
// The scalar functions' evaluators and the one table of every function. Each
// evaluator runs after the engine has checked the call's argument count.
#include "functions.h"

#include "aggregates.h"
#include "jsontext.h"
#include "textparse.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

namespace coldscope::query {

namespace {

// ---- helpers ----------------------------------------------------------------

double periodOf(const Expr &e)
{
    if (e.kind == Expr::Kind::TimePeriod)
        return e.periodMs;
    throw QueryError(e.column, "expected a time period such as 5m or 1h, found '" + e.text + "'");
}

// Calendar-aware floor for months, quarters and years; fixed periods otherwise.
double floorTime(double ms, const Expr &period)
{
    const std::string &u = period.periodUnit;
    if (u == "mo" || u == "q" || u == "y") {
        int year, hour, minute, second, milli;
        unsigned month, day;
        civilFromMs(TimeMs(ms), year, month, day, hour, minute, second, milli);
        const int stepMonths = int(period.periodCount) * (u == "mo" ? 1 : u == "q" ? 3 : 12);
        const int index = ((year * 12 + int(month) - 1) / std::max(1, stepMonths)) * std::max(1, stepMonths);
        return double(daysFromCivil(index / 12, unsigned(index % 12 + 1), 1) * 86400000);
    }
    const double p = period.periodMs;
    return std::floor(ms / p) * p;
}

bool parseIp(const std::string &s, int &family, unsigned char out[16])
{
    if (inet_pton(AF_INET, s.c_str(), out) == 1) {
        family = 4;
        return true;
    }
    if (inet_pton(AF_INET6, s.c_str(), out) == 1) {
        family = 6;
        return true;
    }
    return false;
}

bool inSubnet(const std::string &ip, const std::string &cidr, int wantFamily)
{
    const std::size_t slash = cidr.find('/');
    unsigned char a[16], b[16];
    int fa = 0, fb = 0;
    if (!parseIp(ip, fa, a) || !parseIp(cidr.substr(0, slash), fb, b) || fa != fb || (wantFamily && fa != wantFamily))
        return false;
    const int bits = fa == 4 ? 32 : 128;
    int prefix = bits;
    if (slash != std::string::npos) {
        auto p = parseInt(cidr.substr(slash + 1));
        if (!p || *p < 0 || *p > bits)
            return false;
        prefix = int(*p);
    }
    for (int k = 0; k < prefix; ++k) {
        const int byte = k / 8, bit = 7 - k % 8;
        if (((a[byte] >> bit) & 1) != ((b[byte] >> bit) & 1))
            return false;
    }
    return true;
}

std::string utf8Substr(const std::string &s, std::int64_t start, std::int64_t len)
{
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
            starts.push_back(i);
    const auto n = std::int64_t(starts.size());
    if (start < 0)
        start = 0;
    if (start >= n)
        return {};
    const std::int64_t end = len < 0 ? n : std::min(n, start + len);
    const std::size_t b = starts[std::size_t(start)];
    const std::size_t e = end >= n ? s.size() : starts[std::size_t(end)];
    return s.substr(b, e - b);
}

std::string trimChars(const std::string &s, const std::string &chars, bool left, bool right)
{
    std::size_t b = 0, e = s.size();
    auto strip = [&](char c) {
        return chars.empty() ? std::isspace(static_cast<unsigned char>(c)) != 0 : chars.find(c) != std::string::npos;
    };
    if (left)
        while (b < e && strip(s[b]))
            ++b;
    if (right)
        while (e > b && strip(s[e - 1]))
            --e;
    return s.substr(b, e - b);
}

// ---- numeric ----------------------------------------------------------------

template <double (*Fn)(double)> Value numeric(const Expr &, CallScope &scope)
{
    const Value v = scope.arg(0);
    const double x = v.toNumber();
    return std::isnan(x) ? Value {} : Value::number(Fn(x));
}
double absOf(double x)
{
    return std::fabs(x);
}
double ceilOf(double x)
{
    return std::ceil(x);
}
double floorOf(double x)
{
    return std::floor(x);
}
double logOf(double x)
{
    return std::log(x);
}
double sqrtOf(double x)
{
    return std::sqrt(x);
}

template <bool Greatest> Value extreme(const Expr &call, CallScope &scope)
{
    Value best;
    for (std::size_t k = 0; k < call.args.size(); ++k) {
        Value v = scope.arg(k);
        if (v.isNull())
            continue;
        if (best.isNull() || (Greatest ? compareValues(v, best) > 0 : compareValues(v, best) < 0))
            best = std::move(v);
    }
    return best;
}

// ---- general ----------------------------------------------------------------

Value isPresent(const Expr &, CallScope &scope)
{
    return Value::number(scope.arg(0).isNull() ? 0 : 1);
}

Value coalesce(const Expr &call, CallScope &scope)
{
    for (std::size_t k = 0; k < call.args.size(); ++k) {
        Value v = scope.arg(k);
        if (!v.isNull())
            return v;
    }
    return {};
}

// ---- string -----------------------------------------------------------------

template <bool Blank> Value isEmpty(const Expr &, CallScope &scope)
{
    const Value v = scope.arg(0);
    if (v.isNull())
        return Value::number(1);
    const std::string s = v.toString();
    return Value::number(!Blank ? s.empty() : trimChars(s, {}, true, true).empty());
}

Value concat(const Expr &call, CallScope &scope)
{
    std::string out;
    for (std::size_t k = 0; k < call.args.size(); ++k)
        out += scope.arg(k).toString();
    return Value::string(out);
}

template <bool Left, bool Right> Value trim(const Expr &call, CallScope &scope)
{
    const Value v = scope.arg(0);
    if (v.isNull())
        return {};
    return Value::string(
        trimChars(v.toString(), call.args.size() > 1 ? scope.arg(1).toString() : std::string(), Left, Right));
}

Value strLength(const Expr &, CallScope &scope)
{
    const Value v = scope.arg(0);
    return v.isNull() ? Value {} : Value::number(double(utf8Length(v.toString())));
}

template <bool Upper> Value changeCase(const Expr &, CallScope &scope)
{
    const Value v = scope.arg(0);
    if (v.isNull())
        return {};
    std::string s = v.toString();
    for (auto &c : s)
        c = char(Upper ? std::toupper(static_cast<unsigned char>(c)) : std::tolower(static_cast<unsigned char>(c)));
    return Value::string(s);
}

Value substr(const Expr &call, CallScope &scope)
{
    const Value v = scope.arg(0);
    if (v.isNull())
        return {};
    const double start = scope.arg(1).toNumber();
    const double len = call.args.size() > 2 ? scope.arg(2).toNumber() : -1;
    if (std::isnan(start))
        return {};
    return Value::string(utf8Substr(v.toString(), std::int64_t(start), std::isnan(len) ? -1 : std::int64_t(len)));
}

Value replace(const Expr &, CallScope &scope)
{
    const Value v = scope.arg(0);
    if (v.isNull())
        return {};
    std::string s = v.toString();
    const std::string from = scope.arg(1).toString(), to = scope.arg(2).toString();
    if (from.empty())
        return Value::string(s);
    std::string out;
    std::size_t pos = 0;
    for (std::size_t at; (at = s.find(from, pos)) != std::string::npos; pos = at + from.size())
        out += s.substr(pos, at - pos) + to;
    out += s.substr(pos);
    return Value::string(out);
}

Value strContains(const Expr &, CallScope &scope)
{
    const Value v = scope.arg(0);
    if (v.isNull())
        return Value::number(0);
    return Value::number(v.toString().find(scope.arg(1).toString()) != std::string::npos ? 1 : 0);
}

// ---- JSON -------------------------------------------------------------------

Value jsonParse(const Expr &, CallScope &scope)
{
    const Value v = scope.arg(0);
    if (v.type == Value::Type::Json)
        return v;
    if (v.isNull())
        return {};
    const std::string text = v.toString();
    if (!jsonDepthWithin(text, kMaxJsonDepth))
        return {}; // too deep to be a log record: not parsed, as malformed JSON is not
    auto j = nlohmann::json::parse(text, nullptr, false);
    return j.is_discarded() ? Value {} : Value::fromJson(j);
}

Value jsonStringify(const Expr &, CallScope &scope)
{
    const Value v = scope.arg(0);
    if (v.type == Value::Type::Json)
        return Value::string(jsonText(*v.json));
    if (v.isNull())
        return Value::string("null");
    if (v.type == Value::Type::Number)
        return Value::string(formatNumber(v.num));
    return Value::string(jsonText(nlohmann::json(v.toString())));
}

// ---- datetime ---------------------------------------------------------------

Value bin(const Expr &call, CallScope &scope)
{
    const Value t = scope.timestamp();
    if (t.isNull())
        return {};
    periodOf(*call.args[0]);
    return Value::time(floorTime(t.num, *call.args[0]));
}

template <bool Ceil> Value dateRound(const Expr &call, CallScope &scope)
{
    const Value t = scope.arg(0);
    const double ms = t.toNumber();
    if (std::isnan(ms))
        return {};
    const Expr &period = *call.args[1];
    periodOf(period);
    double fl = floorTime(ms, period);
    if (Ceil && fl < ms)
        fl = floorTime(fl + period.periodMs * 1.5, period); // next boundary (calendar units too)
    return Value::time(fl);
}

Value fromMillis(const Expr &, CallScope &scope)
{
    const double v = scope.arg(0).toNumber();
    return std::isnan(v) ? Value {} : Value::time(v);
}

Value toMillis(const Expr &, CallScope &scope)
{
    const Value v = scope.arg(0);
    if (v.type == Value::Type::String) {
        auto t = parseTimestamp(v.str);
        return t ? Value::number(double(t->ms)) : Value {};
    }
    const double ms = v.toNumber();
    return std::isnan(ms) ? Value {} : Value::number(ms);
}

Value now(const Expr &, CallScope &scope)
{
    return Value::number(scope.nowSeconds());
}

// ---- IP ---------------------------------------------------------------------

// Family 0: either.
template <int Family> Value isValidIp(const Expr &, CallScope &scope)
{
    const Value v = scope.arg(0);
    unsigned char buf[16];
    int fam = 0;
    const bool ok = !v.isNull() && parseIp(v.toString(), fam, buf);
    return Value::number(ok && (Family == 0 || fam == Family) ? 1 : 0);
}

template <int Family> Value isIpInSubnet(const Expr &, CallScope &scope)
{
    const Value v = scope.arg(0);
    if (v.isNull())
        return Value::number(0);
    return Value::number(inSubnet(v.toString(), scope.arg(1).toString(), Family) ? 1 : 0);
}

// ---- the table --------------------------------------------------------------

constexpr std::size_t kAny = Function::kAnyCount;

constexpr Function scalar(
    std::string_view name, std::size_t lo, std::size_t hi, Value (*eval)(const Expr &, CallScope &))
{
    return { name, lo, hi, Function::Kind::Scalar, eval, nullptr };
}
constexpr Function aggregate(std::string_view name, std::size_t lo, std::size_t hi, const Aggregator &a)
{
    return { name, lo, hi, Function::Kind::Aggregate, nullptr, &a };
}

// constexpr: filled before any static initializer could look a name up.
constexpr Function kFunctions[] = {
    // numeric
    scalar("abs", 1, 1, numeric<absOf>),
    scalar("ceil", 1, 1, numeric<ceilOf>),
    scalar("floor", 1, 1, numeric<floorOf>),
    scalar("greatest", 1, kAny, extreme<true>),
    scalar("least", 1, kAny, extreme<false>),
    scalar("log", 1, 1, numeric<logOf>),
    scalar("sqrt", 1, 1, numeric<sqrtOf>),
    // general
    scalar("ispresent", 1, 1, isPresent),
    scalar("coalesce", 0, kAny, coalesce),
    // string
    scalar("isempty", 1, 1, isEmpty<false>),
    scalar("isblank", 1, 1, isEmpty<true>),
    scalar("concat", 0, kAny, concat),
    scalar("ltrim", 1, 2, trim<true, false>),
    scalar("rtrim", 1, 2, trim<false, true>),
    scalar("trim", 1, 2, trim<true, true>),
    scalar("strlen", 1, 1, strLength),
    scalar("toupper", 1, 1, changeCase<true>),
    scalar("tolower", 1, 1, changeCase<false>),
    scalar("substr", 2, 3, substr),
    scalar("replace", 3, 3, replace),
    scalar("strcontains", 2, 2, strContains),
    // JSON
    scalar("jsonParse", 1, 1, jsonParse),
    scalar("jsonStringify", 1, 1, jsonStringify),
    // datetime
    scalar("bin", 1, 1, bin),
    scalar("datefloor", 2, 2, dateRound<false>),
    scalar("dateceil", 2, 2, dateRound<true>),
    scalar("fromMillis", 1, 1, fromMillis),
    scalar("toMillis", 1, 1, toMillis),
    scalar("now", 0, 0, now),
    // IP
    scalar("isValidIp", 1, 1, isValidIp<0>),
    scalar("isValidIpV4", 1, 1, isValidIp<4>),
    scalar("isValidIpV6", 1, 1, isValidIp<6>),
    scalar("isIpInSubnet", 2, 2, isIpInSubnet<0>),
    scalar("isIpv4InSubnet", 2, 2, isIpInSubnet<4>),
    scalar("isIpv6InSubnet", 2, 2, isIpInSubnet<6>),
    // aggregation
    aggregate("avg", 1, kAny, aggregators::avg),
    aggregate("count", 0, kAny, aggregators::count),
    aggregate("count_distinct", 1, kAny, aggregators::countDistinct),
    aggregate("max", 1, kAny, aggregators::max),
    aggregate("min", 1, kAny, aggregators::min),
    aggregate("pct", 2, 2, aggregators::pct),
    aggregate("percentile", 2, 2, aggregators::pct),
    aggregate("stddev", 1, kAny, aggregators::stddev),
    aggregate("sum", 1, kAny, aggregators::sum),
    // non-aggregation stats: a value of one event of the group
    aggregate("earliest", 1, kAny, aggregators::earliest),
    aggregate("latest", 1, kAny, aggregators::latest),
    aggregate("sortsFirst", 1, kAny, aggregators::sortsFirst),
    aggregate("sortsLast", 1, kAny, aggregators::sortsLast),
};

bool sameIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

} // namespace

std::span<const Function> functions()
{
    return kFunctions;
}

const Function *findFunction(std::string_view name)
{
    for (const Function &f : kFunctions)
        if (sameIgnoringCase(f.name, name))
            return &f;
    return nullptr;
}

const std::vector<std::string> &functionNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const Function &f : kFunctions)
            out.emplace_back(f.name);
        return out;
    }();
    return names;
}

void throwArityError(const Function &f, const Expr &call)
{
    const std::size_t lo = f.minArgs, hi = f.maxArgs;
    if (hi == Function::kAnyCount)
        throw QueryError(call.column,
            call.name + "() needs at least "
                + (lo == 1 ? std::string("one argument") : std::to_string(lo) + " arguments"));
    throw QueryError(call.column,
        call.name + "() takes " + (lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi))
            + " argument(s), found " + std::to_string(call.args.size()));
}

void checkAggregateCall(const Function &f, const Expr &call)
{
    if (call.args.empty() && f.minArgs > 0)
        throw QueryError(call.column, call.name + "() needs a field");
    if (f.aggregate->check)
        f.aggregate->check(call);
}

} // namespace coldscope::query
