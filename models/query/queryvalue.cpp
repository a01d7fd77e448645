// SPDX-License-Identifier: MIT
#include "jsontext.h"
#include "queryast.h"

#include "textparse.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string_view>

namespace coldscope::query {

Value Value::fromJson(const nlohmann::json &j)
{
    if (j.is_null())
        return null();
    if (j.is_number())
        return number(j.get<double>());
    if (j.is_boolean())
        return number(j.get<bool>() ? 1 : 0);
    if (j.is_string())
        return string(j.get<std::string>());
    Value v;
    v.type = Type::Json;
    v.json = std::make_shared<const nlohmann::json>(j);
    return v;
}

bool Value::isNumeric() const
{
    if (type == Type::Number || type == Type::Time)
        return true;
    return type == Type::String && parseDouble(str).has_value();
}

double Value::toNumber() const
{
    switch (type) {
    case Type::Number:
    case Type::Time:
        return num;
    case Type::String:
        return parseDouble(str).value_or(std::numeric_limits<double>::quiet_NaN());
    default:
        return std::numeric_limits<double>::quiet_NaN();
    }
}

std::string formatNumber(double v)
{
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "Infinity" : "-Infinity";
    if (v == std::floor(v) && std::fabs(v) < 1e15) {
        char buf[32];
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
        return std::string(buf, p);
    }
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, p);
}

std::string Value::toString() const
{
    switch (type) {
    case Type::Null:
        return {};
    case Type::Number:
        return formatNumber(num);
    case Type::String:
        return str;
    case Type::Time:
        return formatTimestamp(TimeMs(std::llround(num)));
    case Type::Json:
        return json ? jsonText(*json) : std::string();
    }
    return {};
}

bool Value::truthy() const
{
    switch (type) {
    case Type::Null:
        return false;
    case Type::Number:
    case Type::Time:
        return num != 0 && !std::isnan(num);
    case Type::String:
        return !str.empty() && str != "false" && str != "0";
    case Type::Json:
        return json && !json->empty();
    }
    return false;
}

namespace {
// Natural order for strings: digit runs compare as numbers.
int naturalCompare(std::string_view a, std::string_view b)
{
    // The walk below passes a common prefix in lockstep: start after it, backed up to
    // the start of a digit run that reaches into it (sorting messages compares long
    // shared prefixes: timestamps, "import time:").
    const std::size_t n = std::min(a.size(), b.size());
    std::size_t k = std::size_t(std::mismatch(a.begin(), a.begin() + std::ptrdiff_t(n), b.begin()).first - a.begin());
    while (k > 0 && std::isdigit(static_cast<unsigned char>(a[k - 1])))
        --k;
    std::size_t i = k, j = k;
    while (i < a.size() && j < b.size()) {
        const bool da = std::isdigit(static_cast<unsigned char>(a[i])),
                   db = std::isdigit(static_cast<unsigned char>(b[j]));
        if (da && db) {
            std::size_t ie = i, je = j;
            while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie])))
                ++ie;
            while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je])))
                ++je;
            // Compare by value: strip leading zeros, then length, then digits.
            std::size_t ia = i, jb = j;
            while (ia + 1 < ie && a[ia] == '0')
                ++ia;
            while (jb + 1 < je && b[jb] == '0')
                ++jb;
            if (ie - ia != je - jb)
                return ie - ia < je - jb ? -1 : 1;
            const int c = a.compare(ia, ie - ia, b, jb, je - jb);
            if (c != 0)
                return c < 0 ? -1 : 1;
            i = ie;
            j = je;
            continue;
        }
        if (a[i] != b[j])
            return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
        ++i;
        ++j;
    }
    if (i == a.size() && j == b.size())
        return 0;
    return i == a.size() ? -1 : 1;
}
} // namespace

namespace {
// A timestamp compared with a string: read the string as a time
// (filter @timestamp > "2024-06-01 00:10:00").
bool asTimes(const Value &a, const Value &b, double &x, double &y)
{
    const Value *t = a.type == Value::Type::Time ? &a : (b.type == Value::Type::Time ? &b : nullptr);
    const Value *str = a.type == Value::Type::String ? &a : (b.type == Value::Type::String ? &b : nullptr);
    if (!t || !str)
        return false;
    auto p = parseTimestamp(str->str);
    if (!p)
        return false;
    x = a.type == Value::Type::Time ? a.num : double(p->ms);
    y = b.type == Value::Type::Time ? b.num : double(p->ms);
    return true;
}
} // namespace

int compareValues(const Value &a, const Value &b)
{
    if (a.isNull() || b.isNull())
        return a.isNull() == b.isNull() ? 0 : (a.isNull() ? 1 : -1);
    if (double x, y; asTimes(a, b, x, y))
        return x < y ? -1 : (x > y ? 1 : 0);
    const bool na = a.type == Value::Type::Number || a.type == Value::Type::Time;
    const bool nb = b.type == Value::Type::Number || b.type == Value::Type::Time;
    if (na && nb)
        return a.num < b.num ? -1 : (a.num > b.num ? 1 : 0);
    if (na != nb) {
        // A string holding a number compares as one; other strings sort before numbers.
        const double x = na ? a.num : a.toNumber(), y = nb ? b.num : b.toNumber();
        if (!std::isnan(x) && !std::isnan(y))
            return x < y ? -1 : (x > y ? 1 : 0);
        return na ? 1 : -1;
    }
    if (a.type == Value::Type::String && b.type == Value::Type::String)
        return naturalCompare(a.str, b.str); // in place, not copies
    return naturalCompare(a.toString(), b.toString());
}

bool valuesEqual(const Value &a, const Value &b)
{
    if (a.isNull() || b.isNull())
        return false;
    if (a.type == Value::Type::String && b.type == Value::Type::String)
        return a.str == b.str; // what the lines below conclude for two strings, without copies
    if (double x, y; asTimes(a, b, x, y))
        return x == y;
    if (a.isNumeric() && b.isNumeric() && (a.type != Value::Type::String || b.type != Value::Type::String))
        return a.toNumber() == b.toNumber();
    return a.toString() == b.toString();
}

} // namespace coldscope::query
