// SPDX-License-Identifier: MIT
#pragma once

// The two things coldscope does in CloudWatch, each a blocking call for a worker
// thread (or the CLI), with progress callbacks and a cancel flag:
//  - runCloudQuery: start-query, poll get-query-results until the query ends, stop-query
//    on cancel; the rows come back as the local query's result table.
//  - fetchLogEvents: filter-log-events page after page (nextToken) into a gzip file in
//    the filter-log-events shape coldscope reads; the file is written under a temporary
//    name in the same directory and renamed when done or cancelled, so it is always a
//    whole JSON document.
#include "awsrunner.h"
#include "cloudwatch.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace coldscope::cloud {

struct QueryRequest {
    AwsTarget target;
    std::vector<std::string> logGroups;
    TimeMs start = kNoTime;
    TimeMs end = kNoTime;
    std::string queryString;
    std::chrono::milliseconds pollInterval { 1000 };
};

struct QueryProgress {
    std::string queryId;
    std::string status; // Scheduled, Running, Complete, ...
    QueryStatistics statistics;
    std::size_t rows = 0;
};

struct QueryOutcome {
    bool ok = false;
    bool cancelled = false; // stop-query was called (when the query had started)
    std::string queryId;
    std::string status;
    QueryStatistics statistics;
    query::Result result;
    CloudError error; // when !ok and !cancelled
};

QueryOutcome runCloudQuery(const QueryRequest &request, AwsRunner &runner, const std::atomic<bool> *cancel = nullptr,
    const std::function<void(const QueryProgress &)> &progress = {});

struct FetchProgress {
    std::size_t pages = 0;
    std::size_t events = 0;
    std::size_t bytes = 0; // message bytes fetched
};

struct FetchOutcome {
    bool ok = false;
    bool cancelled = false;
    bool written = false; // outPath holds the events fetched (all of them when ok)
    FetchProgress totals;
    CloudError error; // when !ok and !cancelled
};

FetchOutcome fetchLogEvents(const FetchRequest &request, const std::string &outPath, AwsRunner &runner,
    const std::atomic<bool> *cancel = nullptr, const std::function<void(const FetchProgress &)> &progress = {});

// Log group names for completion (describe-log-groups, the AWS CLI following its pages).
std::vector<std::string> listLogGroups(
    const AwsTarget &target, const std::string &prefix, AwsRunner &runner, CloudError &error);

} // namespace coldscope::cloud
