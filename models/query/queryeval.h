// SPDX-License-Identifier: MIT
#pragma once

// The engine's rows and the evaluation of expressions on them. Internal to the
// query library: the engine's stages evaluate through an Evaluator.

#include "queryengine.h"

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace coldscope::query {

// A row is an event of a source plus the fields commands computed for it (overlay).
struct Row {
    std::int32_t source = -1;
    std::int64_t event = -1;
    std::int32_t overlay = -1;
};

using Overlay = std::vector<std::pair<std::string, Value>>;

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
std::vector<Expr> fieldRefs(const std::vector<std::string> &names);

class Evaluator
{
public:
    // overlays: the engine's, read as they are when a row is evaluated.
    Evaluator(const std::vector<Source> &sources, const std::vector<Overlay> &overlays);
    // Another evaluator over the same rows for another thread: the same now().
    Evaluator(const Evaluator &other);
    Evaluator &operator=(const Evaluator &) = delete;

    // True when `e` can be evaluated on several threads at once, each with its own
    // Evaluator: no regex (a compiled pattern has one match block), and every field
    // reference resolved beforehand (resolving writes Expr::sys).
    static bool parallelSafe(const Expr &e);
    static void resolveFields(const Expr &e);

    Value eval(const Expr &e, RowCtx &ctx);
    bool test(const Expr &e, RowCtx &ctx) { return eval(e, ctx).truthy(); }
    // The filters people run most, straight on the columns; false when e is not one.
    bool fastFilter(const Expr &e, const Row &row, int &verdict);
    Value field(const Expr &e, RowCtx &ctx);
    Value timestamp(const Row *row); // null for a row that is no event
    // Every field of one event of the first source, for "expand row".
    std::vector<std::pair<std::string, Value>> fieldsOf(std::size_t event);

private:
    class Scope;

    Value call(const Expr &e, RowCtx &ctx);
    Value systemField(const LogData &d, std::size_t i, int sys, int source);
    static Value fromDom(simdjson::dom::element el);
    Value jsonField(const LogData &d, std::size_t i, std::string_view path, RowCtx &ctx);

    const std::vector<Source> &m_sources;
    const std::vector<Overlay> &m_overlays;
    simdjson::dom::parser m_json;
    const double m_nowSeconds; // now(): the time the query started, the same for every row
};

} // namespace coldscope::query
