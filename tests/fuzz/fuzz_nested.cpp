// SPDX-License-Identifier: MIT
// The nested-record reader's oracle: each line of the input that flatjson::nestedFields()
// reads must be valid JSON to simdjson's DOM, with the same fields as the ingest reads
// from the DOM (top-level strings, keys-only, the record's strings, its metrics as num()
// gives them). And each line a layout cache (flatjson::Shapes, learning the layouts of
// the lines before it) reads must read as nestedFields() reads it. Aborts with the line
// when they differ.
#include "blockparser_impl.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace coldscope;

namespace {

void fail(std::string_view line, const char *what)
{
    std::fprintf(stderr, "nestedFields() and the DOM differ (%s) on:\n%.*s\n", what, int(line.size()), line.data());
    std::abort();
}

bool same(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || (a == b && std::signbit(a) == std::signbit(b));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static simdjson::dom::parser dom;
    const std::string_view all(reinterpret_cast<const char *>(data), size);
    flatjson::Shapes<std::size(kRecordFields), std::size(kPlatformRecordKeys), std::size(kMetricKeys)> shapes;
    NestedRecord reused;
    std::size_t from = 0;
    while (from <= all.size()) {
        std::size_t end = all.find('\n', from);
        if (end == std::string_view::npos)
            end = all.size();
        const std::string line(all.substr(from, end - from));
        from = end + 1;
        NestedRecord n;
        flatjson::Recording recording;
        const bool hit = shapes.read(line, reused);
        if (!flatjson::nestedFields(line, kRecordFields, kPlatformRecordKeys, kMetricKeys, n, &recording)) {
            if (hit)
                fail(line, "the layout cache reads what nestedFields() does not");
            continue;
        }
        if (hit && !(reused == n))
            fail(line, "the layout cache reads it differently");
        if (!hit)
            shapes.learn(line, n, recording);
        simdjson::dom::object o;
        if (dom.parse(line).get_object().get(o) != simdjson::SUCCESS)
            fail(line, "the DOM refuses it");
        RecordStrings top;
        strings(o, kRecordFields, top);
        for (std::size_t k = 0; k < std::size(kRecordFields); ++k)
            if (n.top[k] != top[k])
                fail(line, "a top-level string");
        bool keysOnly = true;
        for (auto field : o)
            keysOnly = keysOnly && (field.key == "time" || field.key == "type" || field.key == "record");
        if (n.keysOnly != keysOnly)
            fail(line, "keys only");
        simdjson::dom::object rec;
        const bool hasRecord = o["record"].get_object().get(rec) == simdjson::SUCCESS;
        if (n.hasRecord != hasRecord)
            fail(line, "the record");
        if (!hasRecord)
            continue;
        std::string_view r[std::size(kPlatformRecordKeys)];
        strings(rec, kPlatformRecordKeys, r);
        for (std::size_t k = 0; k < std::size(kPlatformRecordKeys); ++k)
            if (n.record[k] != r[k])
                fail(line, "a record string");
        simdjson::dom::object metrics;
        const bool hasMetrics = rec["metrics"].get_object().get(metrics) == simdjson::SUCCESS;
        if (n.hasMetrics != hasMetrics)
            fail(line, "the metrics");
        for (std::size_t k = 0; hasMetrics && k < std::size(kMetricKeys); ++k)
            if (!same(metricOf(n, k), num(metrics, kMetricKeys[k])))
                fail(line, "a metric");
    }
    return 0;
}
