// SPDX-License-Identifier: MIT
#pragma once

// CloudWatch through the user's own AWS CLI: the argument lists coldscope passes to
// `aws logs ...`, the JSON it reads back, and what an AWS CLI error means. Pure C++:
// no process is started here (awsrunner.h does that) and no credential is ever seen:
// the AWS CLI finds them in the user's configuration, coldscope passes only a profile
// name and a region.
#include "queryengine.h"
#include "types.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace coldscope::cloud {

// --profile / --region, passed through when given (else the AWS CLI's defaults).
struct AwsTarget {
    std::string profile;
    std::string region;
};

// A time argument: what query --start/--end accept (ISO 8601, 'YYYY-MM-DD HH:MM:SS.mmm',
// epoch seconds/ms), "now", or relative to now: -45s, -30m, -3h, -2d, -1w.
std::optional<TimeMs> parseTime(const std::string &text, TimeMs nowMs);
TimeMs nowMs();
// start-query takes epoch seconds: the start is rounded down and the end up, so the
// range covers at least the milliseconds asked for (both ends are inclusive).
std::int64_t startSeconds(TimeMs ms);
std::int64_t endSeconds(TimeMs ms);

// The argument lists, without the executable ("logs", "start-query", ...). Each ends with
// --output json and the target's --profile/--region when set.
std::vector<std::string> startQueryArgs(const AwsTarget &target, const std::vector<std::string> &logGroups,
    TimeMs start, TimeMs end, const std::string &queryString);
std::vector<std::string> getQueryResultsArgs(
    const AwsTarget &target, const std::string &queryId, const std::string &nextToken = {});
std::vector<std::string> stopQueryArgs(const AwsTarget &target, const std::string &queryId);
std::vector<std::string> describeLogGroupsArgs(const AwsTarget &target, const std::string &namePrefix = {});

struct FetchRequest {
    AwsTarget target;
    std::string logGroup;
    TimeMs start = kNoTime; // epoch milliseconds, as filter-log-events takes them
    TimeMs end = kNoTime;
    std::string filterPattern; // empty: every event
    std::string logStreamPrefix;
};
// One page: the AWS CLI's own pagination is switched off (--no-paginate) so that every
// page is one call, with --next-token from the page before.
std::vector<std::string> filterLogEventsArgs(const FetchRequest &request, const std::string &nextToken = {});

// "Fetch the cold starts only": INIT and REPORT lines and importtime lines, as filter
// patterns (any of the terms; quoted terms match exactly, case-sensitive).
// Text-format logs (INIT_REPORT too: an INIT that timed out has no REPORT):
inline constexpr const char *kColdStartsTextPattern = "?INIT_START ?INIT_REPORT ?REPORT ?\"import time:\"";
// JSON-format logs (LoggingConfig LogFormat: JSON): the platform records by their type;
// importtime lines stay plain stderr text there.
inline constexpr const char *kColdStartsJsonPattern
    = "?\"platform.initStart\" ?\"platform.initReport\" ?\"platform.report\" ?\"import time:\"";
// The preset: both, so that it serves a log group whatever its format.
inline constexpr const char *kColdStartsPattern = "?INIT_START ?INIT_REPORT ?REPORT ?\"import time:\" "
                                                  "?\"platform.initStart\" ?\"platform.initReport\" "
                                                  "?\"platform.report\"";

// A response that is not what the AWS CLI prints for the operation.
struct ResponseError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string parseQueryId(const std::string &json); // start-query

struct QueryStatistics {
    double recordsMatched = 0;
    double recordsScanned = 0;
    double bytesScanned = 0;
};

using ResultRow = std::vector<std::pair<std::string, std::string>>; // field, value (as the API gives it)

struct QueryResultsPage {
    std::string status; // Scheduled, Running, Complete, Failed, Cancelled, Timeout, Unknown
    QueryStatistics statistics;
    std::vector<ResultRow> rows;
    std::string nextToken; // newer API versions page results past 10,000 rows
};
QueryResultsPage parseQueryResults(const std::string &json);
bool isFinalStatus(const std::string &status);

// The rows as the local query's result table, so that the table/json/csv/md formatters
// print the same shapes. `shape` (the local engine's empty result for the query, when the
// query also parses offline) fixes the column order, keeps columns that are null in every
// row and says whether it is a stats query; fields the rows carry beyond it are appended.
// @ptr is dropped. Values are typed as the local engine types them: the string fields
// (@message, @logStream, @log, @requestId, @type, @xray*) as strings, values in the Logs
// Insights time form ("2024-06-01 00:00:00.000") as times, values that read wholly as a
// number as numbers, the rest as strings; a field missing from a row is null.
query::Result toResult(const std::vector<ResultRow> &rows, const query::Result *shape = nullptr);
// The histogram of the returned event rows over time (their @timestamp), on the local
// engine's round periods; CloudWatch's own histogram of all matching events is not in
// the API's answer, so stats queries and rows without @timestamp get none.
void fillHistogram(query::Result &r);
// The local engine's result for the query over no events: its columns, stats flag and
// bin() column; nullopt when the query does not parse offline (a cloud-only command,
// or syntax only CloudWatch knows).
std::optional<query::Result> localShape(const std::string &queryString);

struct EventsPage {
    std::vector<nlohmann::ordered_json> events; // {logStreamName, timestamp, message, ingestionTime, eventId}
    std::string nextToken;
    std::size_t messageBytes = 0;
};
EventsPage parseFilterLogEvents(const std::string &json);
std::vector<std::string> parseLogGroupNames(const std::string &json); // describe-log-groups

// What went wrong, in the AWS CLI's own words plus what to do about it.
enum class ErrorKind {
    CliMissing,
    NoCredentials,
    NoRegion,
    ProfileNotFound,
    AccessDenied,
    LogGroupNotFound,
    LimitExceeded,
    MalformedQuery,
    InvalidParameter,
    Throttled,
    Timeout,
    QueryFailed,
    BadResponse,
    Other,
};

struct CloudError {
    ErrorKind kind = ErrorKind::Other;
    std::string awsWords; // the AWS CLI's stderr (trimmed), or ours when it said nothing
    std::string advice; // what to do
    std::string message() const; // awsWords, then advice on its own line
};

// `action` names the IAM action of the call that failed (logs:StartQuery, ...), for
// the access-denied advice.
CloudError classifyAwsError(const std::string &stderrText, const std::string &action);
CloudError cliMissingError();

} // namespace coldscope::cloud
