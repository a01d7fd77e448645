// SPDX-License-Identifier: MIT
#pragma once

// The Logs Insights query language: values, expressions and commands.

#include "textparse.h"
#include "types.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace coldscope::query {

// A syntax or evaluation error; `column` is 1-based in the query text (0: none).
struct QueryError : std::runtime_error {
    QueryError(int col, const std::string &msg)
        : std::runtime_error(msg)
        , column(col)
    {
    }
    int column;
};

// A field value. Logs Insights is loosely typed: numbers, strings, timestamps,
// null for missing fields, and (after jsonParse) maps and lists.
struct Value {
    enum class Type : std::uint8_t { Null, Number, String, Time, Json };
    Type type = Type::Null;
    double num = 0; // Number; Time = ms since epoch
    std::string str; // String
    std::shared_ptr<const nlohmann::json> json; // Json (object or array)

    static Value null() { return {}; }
    static Value number(double v)
    {
        Value x;
        x.type = Type::Number;
        x.num = v;
        return x;
    }
    static Value string(std::string s)
    {
        Value x;
        x.type = Type::String;
        x.str = std::move(s);
        return x;
    }
    static Value time(double ms)
    {
        Value x;
        x.type = Type::Time;
        x.num = ms;
        return x;
    }
    static Value fromJson(const nlohmann::json &j); // scalars become Number/String/Null

    bool isNull() const { return type == Type::Null; }
    bool isNumeric() const; // a number, a time, or a string that is a number
    double toNumber() const; // NaN when not numeric
    std::string toString() const; // display form: times as "YYYY-MM-DD HH:MM:SS.mmm"
    bool truthy() const;
};

int compareValues(const Value &a, const Value &b); // natural order; null last
bool valuesEqual(const Value &a, const Value &b);
std::string formatNumber(double v); // shortest form that reads back the same
using coldscope::utf8Length; // characters, not bytes (strlen, table widths)

struct Regex; // PCRE2, compiled once per query
struct Function; // functions.h

// The operator of a Unary or Binary expression, resolved from its name by the parser:
// the evaluator switches on it for every row instead of comparing strings.
enum class Op : std::uint8_t { None, And, Or, Not, Neg, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Mul, Div, Mod, Pow };
Op opFromName(std::string_view name, bool unary); // Op::None: not an operator

struct Expr {
    enum class Kind : std::uint8_t { Literal, Field, Unary, Binary, Call, In, Like, Regex, TimePeriod, Star, List };
    Kind kind = Kind::Literal;
    Op op = Op::None; // Unary, Binary
    int column = 0; // 1-based start in the query
    std::string text; // source text (column names for unaliased expressions)
    Value literal; // Literal
    std::string name; // Field name (without back-quotes), Call function name (lower case), operator
    const Function *function = nullptr; // Call: its entry in the function table, resolved by the parser
    std::vector<std::unique_ptr<Expr>> args; // operands / call arguments / In list
    bool negate = false; // not like, not in
    std::shared_ptr<Regex> regex; // Regex literal or like /re/
    std::string pattern; // Like "substring" / regex source
    double periodMs = 0; // TimePeriod (5m)
    std::string periodUnit; // "m", "mo", ...
    double periodCount = 0;
    int aggSlot = -1; // stats: slot of this aggregate call
    mutable int sys = -2; // Field: resolved system field (engine cache)
};
using ExprPtr = std::unique_ptr<Expr>;

struct Projection {
    ExprPtr expr;
    std::string alias; // empty: the expression's text is the column name
    std::string columnName() const { return alias.empty() ? expr->text : alias; }
};

struct SortKey {
    ExprPtr expr;
    bool ascending = false;
};

struct Command {
    enum class Kind : std::uint8_t { Fields, Display, Filter, Stats, Sort, Limit, Parse, Dedup, Unnest };
    Kind kind = Kind::Fields;
    int column = 0;
    std::vector<Projection> items; // fields, display, stats aggregates
    std::vector<Projection> by; // stats ... by
    ExprPtr expr; // filter condition; parse/unnest source field
    std::vector<SortKey> sort;
    std::int64_t limit = 0;
    // parse
    std::string glob; // glob pattern (with *) or empty
    std::shared_ptr<Regex> regex; // regex pattern
    std::vector<std::string> aliases;
    bool multi = false;
    std::string into; // unnest ... into
    std::vector<std::string> dedupFields;
};

struct Query {
    std::string text;
    std::vector<Command> commands;
};

// Parses a query; throws QueryError naming the column and what was expected.
Query parse(const std::string &text);

// Commands and functions the language knows (completion, highlighting).
const std::vector<std::string> &commandNames();
const std::vector<std::string> &functionNames(); // the names of the function table, in its order
const std::vector<std::string> &cloudOnlyNames();
bool isCloudOnly(const std::string &lowerName); // a command or function only CloudWatch runs
double binLimit(const std::string &unit); // largest count bin() takes in this time unit

} // namespace coldscope::query
