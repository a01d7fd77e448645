// SPDX-License-Identifier: MIT
#include "cloud.h"

#include "cloudjobs.h"
#include "queryformat.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace coldscope::cli {

namespace {

std::atomic<bool> g_interrupted { false };

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

// Ctrl+C cancels the CloudWatch work (stop-query, or a fetch keeps what it has) instead
// of killing coldscope mid-write.
struct InterruptGuard {
    struct sigaction previous {
    };
    InterruptGuard()
    {
        struct sigaction sa {
        };
        sa.sa_handler = onInterrupt;
        sigemptyset(&sa.sa_mask);
        ::sigaction(SIGINT, &sa, &previous);
    }
    ~InterruptGuard() { ::sigaction(SIGINT, &previous, nullptr); }
};

std::chrono::milliseconds pollInterval()
{
    // Tests replay CloudWatch's answers and need not wait a second between polls.
    if (const char *ms = std::getenv("COLDSCOPE_AWS_POLL_MS"))
        return std::chrono::milliseconds(std::strtol(ms, nullptr, 10));
    return std::chrono::milliseconds(1000);
}

// --start (required) and --end (default: now), ISO 8601 or relative to now (-3h).
bool timeRange(const Args &a, TimeMs &start, TimeMs &end)
{
    const TimeMs now = cloud::nowMs();
    if (!a.has("--start")) {
        a.usageError("--start is required with CloudWatch (ISO 8601, or relative to now: -30m, -3h, -2d, -1w)");
        return false;
    }
    for (const char *opt : { "--start", "--end" }) {
        const std::string text = a.has(opt) ? a.value(opt) : std::string("now");
        const auto t = cloud::parseTime(text, now);
        if (!t) {
            a.usageError(std::string(opt) + " '" + text
                + "' is not a time (ISO 8601, 'YYYY-MM-DD HH:MM:SS', epoch seconds/ms, or relative to now: -30m, "
                  "-3h, -2d, -1w)");
            return false;
        }
        (std::string(opt) == "--start" ? start : end) = *t;
    }
    if (start > end) {
        a.usageError("--start is after --end");
        return false;
    }
    return true;
}

cloud::AwsTarget target(const Args &a)
{
    return { a.value("--profile"), a.value("--region") };
}

std::string megabytes(double bytes)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
    return buf;
}

int failed(const char *command, const cloud::CloudError &e)
{
    std::cerr << "coldscope " << command << ": " << e.message() << '\n';
    return 2;
}

} // namespace

int cloudQueryCommand(const Args &a)
{
    if (a.positionals.size() != 1)
        return a.usageError("with --log-group the input is CloudWatch: give the QUERY alone, no FILE");
    const auto fmt = query::parseOutputFormat(a.value("--format"));
    if (!fmt)
        return a.usageError("--format must be table, json, csv or md");
    const std::vector<std::string> &groups = a.values("--log-group");
    if (groups.size() > 50)
        return a.usageError("CloudWatch Logs Insights queries at most 50 log groups at once");
    for (const auto &g : groups)
        if (g.empty())
            return a.usageError("--log-group needs a log group name");
    cloud::QueryRequest req;
    if (!timeRange(a, req.start, req.end))
        return 2;
    req.target = target(a);
    req.logGroups = groups;
    req.queryString = a.positionals[0];
    req.pollInterval = pollInterval();

    InterruptGuard guard;
    cloud::ProcessAwsRunner runner;
    const cloud::QueryOutcome o = cloud::runCloudQuery(req, runner, &g_interrupted, [&](const cloud::QueryProgress &p) {
        std::cerr << "CloudWatch query " << p.queryId << ": " << p.status << ", "
                  << std::uint64_t(p.statistics.recordsMatched) << " of " << std::uint64_t(p.statistics.recordsScanned)
                  << " records matched, " << megabytes(p.statistics.bytesScanned) << " scanned\n";
    });
    if (o.cancelled) {
        std::cerr << "coldscope query: cancelled"
                  << (o.queryId.empty() ? std::string() : "; stop-query sent for " + o.queryId) << '\n';
        return 130;
    }
    if (!o.ok)
        return failed("query", o.error);
    query::ExportContext ctx;
    ctx.region = req.target.region;
    if (ctx.region.empty())
        for (const char *env : { "AWS_REGION", "AWS_DEFAULT_REGION" })
            if (const char *r = std::getenv(env); r && *r && ctx.region.empty())
                ctx.region = r;
    if (ctx.region.empty())
        ctx.region = "-";
    for (const auto &g : groups)
        ctx.logGroups += (ctx.logGroups.empty() ? "" : ", ") + g;
    ctx.start = a.value("--start");
    ctx.end = a.has("--end") ? a.value("--end") : "now";
    ctx.query = req.queryString;
    std::cout << query::format(o.result, *fmt, ctx);
    if (*fmt == query::OutputFormat::Table)
        std::cerr << o.result.rows.size() << " rows, " << o.result.recordsMatched << " of " << o.result.recordsScanned
                  << " records matched, " << megabytes(o.statistics.bytesScanned) << " scanned in CloudWatch\n";
    return 0;
}

int fetchCommand(const Args &a)
{
    if (!a.has("--log-group"))
        return a.usageError("missing --log-group");
    if (!a.has("--out"))
        return a.usageError("missing --out");
    if (a.value("--log-group").empty())
        return a.usageError("--log-group needs a log group name");
    if (a.flag("--cold-starts-only") && a.has("--filter-pattern"))
        return a.usageError("--cold-starts-only is a filter pattern of its own: give one or the other");
    cloud::FetchRequest req;
    if (!timeRange(a, req.start, req.end))
        return 2;
    req.target = target(a);
    req.logGroup = a.value("--log-group");
    req.filterPattern = a.flag("--cold-starts-only") ? cloud::kColdStartsPattern : a.value("--filter-pattern");
    req.logStreamPrefix = a.value("--log-stream-prefix");
    const std::string &out = a.value("--out");

    InterruptGuard guard;
    cloud::ProcessAwsRunner runner;
    const cloud::FetchOutcome o
        = cloud::fetchLogEvents(req, out, runner, &g_interrupted, [&](const cloud::FetchProgress &p) {
              std::cerr << "page " << p.pages << ": " << p.events << " events, " << p.bytes << " bytes\n";
          });
    const std::string fetched = std::to_string(o.totals.events) + " events (" + std::to_string(o.totals.bytes)
        + " bytes of messages, " + std::to_string(o.totals.pages) + " pages)";
    if (o.cancelled) {
        std::cerr << "coldscope fetch: cancelled; " << out << " holds the " << fetched << " fetched before\n";
        return 130;
    }
    if (!o.ok) {
        failed("fetch", o.error);
        if (o.written)
            std::cerr << "coldscope fetch: " << out << " holds the " << fetched << " fetched before the error\n";
        return 2;
    }
    std::cerr << "fetched " << fetched << " from " << req.logGroup << " into " << out << "\n";
    return 0;
}

} // namespace coldscope::cli
