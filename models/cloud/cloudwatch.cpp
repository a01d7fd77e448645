// SPDX-License-Identifier: MIT
#include "cloudwatch.h"

#include "queryformat.h"
#include "textparse.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>

namespace coldscope::cloud {

namespace {

void addTarget(std::vector<std::string> &args, const AwsTarget &t)
{
    args.insert(args.end(), { "--output", "json" });
    if (!t.profile.empty())
        args.insert(args.end(), { "--profile", t.profile });
    if (!t.region.empty())
        args.insert(args.end(), { "--region", t.region });
}

nlohmann::json parseJson(const std::string &text, const char *what)
{
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &) {
        throw ResponseError(std::string("the AWS CLI's answer to ") + what + " is not JSON");
    }
}

std::string trim(std::string s)
{
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

bool contains(const std::string &s, const char *needle)
{
    return s.find(needle) != std::string::npos;
}

} // namespace

TimeMs nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::optional<TimeMs> parseTime(const std::string &text, TimeMs now)
{
    if (text == "now")
        return now;
    if (text.size() >= 3 && text[0] == '-' && std::isdigit(static_cast<unsigned char>(text[1]))) {
        const char unit = text.back();
        const auto n = parseInt(std::string_view(text).substr(1, text.size() - 2));
        if (!n || *n < 0 || *n > 100L * 365 * 24 * 3600)
            return std::nullopt;
        std::int64_t ms = 0;
        switch (unit) {
        case 's':
            ms = 1000;
            break;
        case 'm':
            ms = 60'000;
            break;
        case 'h':
            ms = 3'600'000;
            break;
        case 'd':
            ms = 86'400'000;
            break;
        case 'w':
            ms = 7 * 86'400'000LL;
            break;
        default:
            return std::nullopt;
        }
        return now - *n * ms;
    }
    if (!text.empty() && text[0] == '-')
        return std::nullopt; // not a relative time, and no date before 1970
    return query::parseTimeArgument(text);
}

std::int64_t startSeconds(TimeMs ms)
{
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

std::int64_t endSeconds(TimeMs ms)
{
    return -startSeconds(-ms);
}

std::vector<std::string> startQueryArgs(const AwsTarget &target, const std::vector<std::string> &logGroups,
    TimeMs start, TimeMs end, const std::string &queryString)
{
    std::vector<std::string> a { "logs", "start-query" };
    if (!logGroups.empty()) {
        a.push_back("--log-group-names");
        a.insert(a.end(), logGroups.begin(), logGroups.end());
    }
    a.insert(a.end(),
        { "--start-time", std::to_string(startSeconds(start)), "--end-time", std::to_string(endSeconds(end)),
            "--query-string", queryString });
    addTarget(a, target);
    return a;
}

std::vector<std::string> getQueryResultsArgs(
    const AwsTarget &target, const std::string &queryId, const std::string &nextToken)
{
    std::vector<std::string> a { "logs", "get-query-results", "--query-id", queryId };
    if (!nextToken.empty())
        a.insert(a.end(), { "--next-token", nextToken });
    addTarget(a, target);
    return a;
}

std::vector<std::string> stopQueryArgs(const AwsTarget &target, const std::string &queryId)
{
    std::vector<std::string> a { "logs", "stop-query", "--query-id", queryId };
    addTarget(a, target);
    return a;
}

std::vector<std::string> describeLogGroupsArgs(const AwsTarget &target, const std::string &namePrefix)
{
    std::vector<std::string> a { "logs", "describe-log-groups" };
    if (!namePrefix.empty())
        a.insert(a.end(), { "--log-group-name-prefix", namePrefix });
    addTarget(a, target);
    return a;
}

std::vector<std::string> filterLogEventsArgs(const FetchRequest &r, const std::string &nextToken)
{
    std::vector<std::string> a { "logs", "filter-log-events", "--log-group-name", r.logGroup };
    if (r.start != kNoTime)
        a.insert(a.end(), { "--start-time", std::to_string(r.start) });
    if (r.end != kNoTime)
        a.insert(a.end(), { "--end-time", std::to_string(r.end) });
    if (!r.filterPattern.empty())
        a.insert(a.end(), { "--filter-pattern", r.filterPattern });
    if (!r.logStreamPrefix.empty())
        a.insert(a.end(), { "--log-stream-name-prefix", r.logStreamPrefix });
    a.push_back("--no-paginate");
    if (!nextToken.empty())
        a.insert(a.end(), { "--next-token", nextToken });
    addTarget(a, r.target);
    return a;
}

std::string parseQueryId(const std::string &json)
{
    const auto j = parseJson(json, "start-query");
    if (!j.is_object() || !j.contains("queryId") || !j["queryId"].is_string()
        || j["queryId"].get<std::string>().empty())
        throw ResponseError("start-query answered without a queryId");
    return j["queryId"].get<std::string>();
}

bool isFinalStatus(const std::string &status)
{
    return status == "Complete" || status == "Failed" || status == "Cancelled" || status == "Timeout"
        || status == "Unknown";
}

QueryResultsPage parseQueryResults(const std::string &json)
{
    const auto j = parseJson(json, "get-query-results");
    if (!j.is_object() || !j.contains("status") || !j["status"].is_string())
        throw ResponseError("get-query-results answered without a status");
    QueryResultsPage p;
    p.status = j["status"].get<std::string>();
    if (j.contains("statistics") && j["statistics"].is_object()) {
        const auto &s = j["statistics"];
        const auto num = [&](const char *k) { return s.contains(k) && s[k].is_number() ? s[k].get<double>() : 0.0; };
        p.statistics = { num("recordsMatched"), num("recordsScanned"), num("bytesScanned") };
    }
    if (j.contains("nextToken") && j["nextToken"].is_string())
        p.nextToken = j["nextToken"].get<std::string>();
    if (j.contains("results") && j["results"].is_array()) {
        for (const auto &row : j["results"]) {
            if (!row.is_array())
                throw ResponseError("get-query-results: a result row is not a list of {field, value}");
            ResultRow r;
            for (const auto &cell : row) {
                if (!cell.is_object() || !cell.contains("field") || !cell["field"].is_string())
                    continue;
                const auto &v = cell.contains("value") ? cell["value"] : nlohmann::json();
                r.emplace_back(cell["field"].get<std::string>(), v.is_string() ? v.get<std::string>() : v.dump());
            }
            p.rows.push_back(std::move(r));
        }
    }
    return p;
}

namespace {

bool stringField(const std::string &f)
{
    static const char *const names[]
        = { "@message", "@logStream", "@log", "@requestId", "@type", "@xrayTraceId", "@xraySegmentId", "@entity" };
    return std::any_of(std::begin(names), std::end(names), [&](const char *n) { return f == n; });
}

query::Value typedValue(const std::string &field, const std::string &v)
{
    if (stringField(field))
        return query::Value::string(v);
    // Exactly the form Logs Insights prints times in: "YYYY-MM-DD HH:MM:SS.mmm".
    if (v.size() == 23 && v[10] == ' ' && v[19] == '.')
        if (auto t = parseTimestamp(v); t && t->length == v.size())
            return query::Value::time(double(t->ms));
    if (auto d = parseDouble(v))
        return query::Value::number(*d);
    return query::Value::string(v);
}

} // namespace

query::Result toResult(const std::vector<ResultRow> &rows, const query::Result *shape)
{
    query::Result r;
    if (shape) {
        r.columns = shape->columns;
        r.stats = shape->stats;
        r.binColumn = shape->binColumn;
    }
    for (const auto &row : rows)
        for (const auto &[field, value] : row)
            if (field != "@ptr" && std::find(r.columns.begin(), r.columns.end(), field) == r.columns.end())
                r.columns.push_back(field);
    for (const auto &row : rows) {
        std::vector<query::Value> out(r.columns.size());
        for (const auto &[field, value] : row) {
            const auto it = std::find(r.columns.begin(), r.columns.end(), field);
            if (it != r.columns.end())
                out[std::size_t(it - r.columns.begin())] = typedValue(field, value);
        }
        r.rows.push_back(std::move(out));
        r.origins.push_back({});
    }
    if (!shape)
        for (std::size_t c = 0; c < r.columns.size(); ++c)
            if (r.columns[c].rfind("bin(", 0) == 0)
                r.binColumn = int(c);
    r.recordsScanned = 0;
    return r;
}

void fillHistogram(query::Result &r)
{
    r.histogram.clear();
    const auto col = std::find(r.columns.begin(), r.columns.end(), "@timestamp");
    if (r.stats || col == r.columns.end())
        return;
    const std::size_t c = std::size_t(col - r.columns.begin());
    std::vector<double> times;
    for (const auto &row : r.rows)
        if (c < row.size() && row[c].type == query::Value::Type::Time)
            times.push_back(row[c].num);
    if (times.empty())
        return;
    const auto [lo, hi] = std::minmax_element(times.begin(), times.end());
    static const double periods[] = { 1, 10, 100, 1000, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
        10800000, 21600000, 43200000, 86400000, 604800000 };
    const double span = *hi - *lo;
    double bin = periods[0];
    for (double p : periods) {
        bin = p;
        if (span / p <= 60)
            break;
    }
    while (span / bin > 120)
        bin *= 2;
    r.histogramBinMs = bin;
    r.histogramStart = TimeMs(std::floor(*lo / bin) * bin);
    r.histogram.assign(std::size_t((*hi - double(r.histogramStart)) / bin) + 1, 0);
    for (double t : times)
        ++r.histogram[std::min(r.histogram.size() - 1, std::size_t((t - double(r.histogramStart)) / bin))];
}

std::optional<query::Result> localShape(const std::string &queryString)
{
    try {
        return query::run(queryString, {});
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

EventsPage parseFilterLogEvents(const std::string &json)
{
    const auto j = parseJson(json, "filter-log-events");
    if (!j.is_object() || !j.contains("events") || !j["events"].is_array())
        throw ResponseError("filter-log-events answered without an \"events\" array");
    EventsPage p;
    for (const auto &e : j["events"]) {
        if (!e.is_object() || !e.contains("timestamp") || !e.contains("message") || !e["message"].is_string())
            throw ResponseError("filter-log-events: an event without timestamp and message");
        nlohmann::ordered_json o;
        for (const char *k : { "logStreamName", "timestamp", "message", "ingestionTime", "eventId" })
            if (e.contains(k))
                o[k] = e[k];
        p.messageBytes += e["message"].get_ref<const std::string &>().size();
        p.events.push_back(std::move(o));
    }
    if (j.contains("nextToken") && j["nextToken"].is_string())
        p.nextToken = j["nextToken"].get<std::string>();
    return p;
}

std::vector<std::string> parseLogGroupNames(const std::string &json)
{
    const auto j = parseJson(json, "describe-log-groups");
    if (!j.is_object() || !j.contains("logGroups") || !j["logGroups"].is_array())
        throw ResponseError("describe-log-groups answered without \"logGroups\"");
    std::vector<std::string> names;
    for (const auto &g : j["logGroups"])
        if (g.is_object() && g.contains("logGroupName") && g["logGroupName"].is_string())
            names.push_back(g["logGroupName"].get<std::string>());
    return names;
}

std::string CloudError::message() const
{
    return advice.empty() ? awsWords : awsWords + "\n" + advice;
}

CloudError cliMissingError()
{
    return { ErrorKind::CliMissing, "aws: command not found (the AWS CLI is not installed or not on PATH)",
        "Install the AWS CLI: apt-get install awscli (then aws configure)." };
}

CloudError classifyAwsError(const std::string &stderrText, const std::string &action)
{
    CloudError e;
    e.awsWords = trim(stderrText);
    if (e.awsWords.empty())
        e.awsWords = "the AWS CLI failed without a message";
    const std::string &s = e.awsWords;
    if (contains(s, "Unable to locate credentials") || contains(s, "ExpiredToken")
        || contains(s, "UnrecognizedClientException") || contains(s, "Error loading SSO Token")
        || contains(s, "Token has expired") || contains(s, "InvalidSignatureException")) {
        e.kind = ErrorKind::NoCredentials;
        e.advice = "No valid AWS credentials: run `aws configure` (access keys) or `aws sso login --profile NAME` "
                   "(IAM Identity Center), or pass --profile. coldscope never stores credentials; the AWS CLI "
                   "reads them from your configuration.";
    } else if (contains(s, "You must specify a region")) {
        e.kind = ErrorKind::NoRegion;
        e.advice = "Pass --region (e.g. --region us-east-1) or set a region for the profile with `aws configure`.";
    } else if (contains(s, "could not be found") && contains(s, "profile")) {
        e.kind = ErrorKind::ProfileNotFound;
        e.advice = "The profile is not in ~/.aws/config or ~/.aws/credentials: check the name (aws configure "
                   "list-profiles) or create it with `aws configure --profile NAME`.";
    } else if (contains(s, "AccessDeniedException") || contains(s, "not authorized to perform")) {
        e.kind = ErrorKind::AccessDenied;
        e.advice = "Your IAM identity needs the permission " + action
            + " on the log group (coldscope uses logs:StartQuery, logs:GetQueryResults, logs:StopQuery, "
              "logs:FilterLogEvents and logs:DescribeLogGroups).";
    } else if (contains(s, "ResourceNotFoundException")) {
        e.kind = ErrorKind::LogGroupNotFound;
        e.advice = "Log group not found: check its exact name (coldscope completes names from "
                   "`aws logs describe-log-groups`) and that --region / --profile point to the account and "
                   "Region that hold it.";
    } else if (contains(s, "LimitExceededException")) {
        e.kind = ErrorKind::LimitExceeded;
        e.advice = "CloudWatch Logs Insights limits concurrent queries per account and Region (up to 30 "
                   "interactive queries, dashboards included, says the StartQuery reference): wait for "
                   "running queries to finish or stop them, then run again.";
    } else if (contains(s, "MalformedQueryException")) {
        e.kind = ErrorKind::MalformedQuery;
        e.advice = "CloudWatch rejected the query (its message above names the problem); fix the query and run "
                   "again.";
    } else if (contains(s, "ThrottlingException") || contains(s, "Rate exceeded")) {
        e.kind = ErrorKind::Throttled;
        e.advice = "CloudWatch throttled the calls (StartQuery and GetQueryResults allow about 10 per second "
                   "per account): wait a moment and run again.";
    } else if (contains(s, "InvalidParameterException")) {
        e.kind = ErrorKind::InvalidParameter;
        e.advice = "CloudWatch rejected a parameter (see its words above): check the time range (start before "
                   "end, within the log group's retention), the log group names and the filter pattern.";
    } else if (contains(s, "Could not connect to the endpoint URL") || contains(s, "Connect timeout")
        || contains(s, "Read timeout")) {
        e.kind = ErrorKind::Timeout;
        e.advice = "The AWS CLI could not reach CloudWatch: check the network, the proxy and the Region name.";
    }
    return e;
}

} // namespace coldscope::cloud
