// SPDX-License-Identifier: MIT
#pragma once

#include "queryengine.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace coldscope::query {

enum class OutputFormat { Table, Json, Csv, Markdown };
std::optional<OutputFormat> parseOutputFormat(const std::string &name);

// What the console's Markdown export puts above the table.
struct ExportContext {
    std::string region = "local";
    std::string logGroups; // file names offline
    std::string start; // as given, or "-" when open
    std::string end;
    std::string query;
};

std::string formatTable(const Result &r);
nlohmann::ordered_json toJson(const Result &r); // [{"column": value, ...}, ...]
std::string formatCsv(const Result &r);
std::string formatMarkdown(const Result &r, const ExportContext &ctx);
std::string format(const Result &r, OutputFormat f, const ExportContext &ctx);
nlohmann::ordered_json cellJson(const Value &v);

// A time for --start/--end: ISO 8601 ("2024-06-01T00:00:00Z"), the Logs Insights
// form ("2024-06-01 00:00:00.000"), or epoch seconds / milliseconds.
std::optional<TimeMs> parseTimeArgument(const std::string &s);

// The CloudWatch console deep link that opens Logs Insights with this query on a
// log group (absolute range when start/end are given, else the last hour).
std::string cloudWatchConsoleUrl(const std::string &region, const std::string &logGroup, const std::string &query,
    TimeMs start = kNoTime, TimeMs end = kNoTime);
// The query text back from such a link (round trip), or empty.
std::string queryFromConsoleUrl(const std::string &url);

} // namespace coldscope::query
