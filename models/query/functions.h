// SPDX-License-Identifier: MIT
#pragma once

// The query language's functions, in one table: the parser resolves a call's name to
// its entry once, the engine runs the entry's evaluator on every row, and the
// editor's completion lists the names from it.

#include "queryast.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

namespace coldscope::query {

// What a scalar function sees of the row it runs on. Arguments are evaluated on
// demand because functions skip some (coalesce stops at the first value, substr of
// null never reads its start), and an argument that is never evaluated raises no error.
class CallScope
{
public:
    virtual Value arg(std::size_t k) = 0; // null past the last argument
    virtual Value timestamp() = 0; // the row's @timestamp; null on a row that is no event
    virtual double nowSeconds() const = 0; // when the query started, the same for every row

protected:
    ~CallScope() = default;
};

struct AggState; // aggregates.h

// An aggregate folds the non-null values of a group, then gives the group's result.
struct Aggregator {
    void (*add)(AggState &st, const Value &v, double rowTime);
    Value (*result)(AggState &st, const Expr &call);
    void (*check)(const Expr &call); // the call's shape, before any row; may be null
    bool byTime; // add reads rowTime (earliest, latest); others get 0, unread
};

struct Function {
    enum class Kind : std::uint8_t { Scalar, Aggregate };
    static constexpr std::size_t kAnyCount = std::numeric_limits<std::size_t>::max();

    std::string_view name; // as documented (jsonParse); a call may spell it in any case
    std::size_t minArgs = 0;
    std::size_t maxArgs = 0; // kAnyCount: no upper bound
    Kind kind = Kind::Scalar;
    Value (*scalar)(const Expr &call, CallScope &scope) = nullptr; // Scalar
    const Aggregator *aggregate = nullptr; // Aggregate

    bool isAggregate() const { return kind == Kind::Aggregate; }
};

// Every function, in the order completion lists them.
std::span<const Function> functions();
// The entry whose name matches in any case; null when the language has none.
const Function *findFunction(std::string_view name);

// A scalar call's argument count, checked where it is evaluated (a row that never
// reaches the call never fails it); the message names the call as written, lower-cased.
void throwArityError(const Function &f, const Expr &call);
inline void checkArity(const Function &f, const Expr &call)
{
    if (call.args.size() < f.minArgs || call.args.size() > f.maxArgs)
        throwArityError(f, call);
}

// An aggregate call's arguments, checked when its stats command starts.
void checkAggregateCall(const Function &f, const Expr &call);

} // namespace coldscope::query
