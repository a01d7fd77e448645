// SPDX-License-Identifier: MIT
#include "cloudjobs.h"

#include "jsontext.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <zlib.h>

namespace coldscope::cloud {

namespace {

// Sleeps `d` in short steps; false when cancelled meanwhile.
bool waitFor(std::chrono::milliseconds d, const std::atomic<bool> *cancel)
{
    const auto until = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < until) {
        if (cancel && cancel->load())
            return false;
        std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(std::chrono::milliseconds(20),
            std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now())
                + std::chrono::milliseconds(1)));
    }
    return !(cancel && cancel->load());
}

CloudError failure(const AwsOutput &o, const std::string &action)
{
    if (o.notFound)
        return cliMissingError();
    if (o.timedOut)
        return { ErrorKind::Timeout, "the AWS CLI did not answer in time (" + action + ")",
            "Check the network and the Region, then run again." };
    return classifyAwsError(o.err, action);
}

CloudError badResponse(const std::exception &e)
{
    return { ErrorKind::BadResponse, e.what(), "Run the same aws logs command by hand to see what it prints." };
}

// The gzip JSON document, written under a temporary name next to the destination.
class EventsFile
{
public:
    bool open(const std::string &outPath, std::string &error)
    {
        m_out = outPath;
        m_tmp = outPath + ".partial-XXXXXX";
        const int fd = ::mkstemp(m_tmp.data());
        if (fd < 0) {
            error = "cannot write " + outPath + ": " + std::strerror(errno);
            return false;
        }
        const mode_t mask = ::umask(0);
        ::umask(mask);
        ::fchmod(fd, 0666 & ~mask);
        m_gz = ::gzdopen(fd, "wb6");
        if (!m_gz) {
            ::close(fd);
            ::unlink(m_tmp.c_str());
            error = "cannot write " + outPath;
            return false;
        }
        return write("{\"events\":[");
    }
    bool add(const nlohmann::ordered_json &event) { return write((m_count++ ? ",\n" : "\n") + jsonText(event)); }
    // Closes the document and puts it in place.
    bool finish(std::string &error)
    {
        const bool ok = write("\n],\"searchedLogStreams\":[]}\n");
        const int rc = ::gzclose(m_gz);
        m_gz = nullptr;
        if (!ok || rc != Z_OK) {
            error = "cannot write " + m_out;
            ::unlink(m_tmp.c_str());
            return false;
        }
        std::error_code ec;
        std::filesystem::rename(m_tmp, m_out, ec);
        if (ec) {
            error = "cannot write " + m_out + ": " + ec.message();
            ::unlink(m_tmp.c_str());
            return false;
        }
        return true;
    }
    void discard()
    {
        if (m_gz)
            ::gzclose(m_gz);
        m_gz = nullptr;
        ::unlink(m_tmp.c_str());
    }
    ~EventsFile()
    {
        if (m_gz)
            discard();
    }

private:
    bool write(const std::string &s)
    {
        return s.empty() || ::gzwrite(m_gz, s.data(), unsigned(s.size())) == int(s.size());
    }
    std::string m_out, m_tmp;
    gzFile m_gz = nullptr;
    std::size_t m_count = 0;
};

} // namespace

QueryOutcome runCloudQuery(const QueryRequest &req, AwsRunner &runner, const std::atomic<bool> *cancel,
    const std::function<void(const QueryProgress &)> &progress)
{
    QueryOutcome out;
    const AwsOutput started
        = runner.run(startQueryArgs(req.target, req.logGroups, req.start, req.end, req.queryString), cancel);
    if (started.cancelled || (cancel && cancel->load())) {
        out.cancelled = true;
        return out;
    }
    if (!started.ok()) {
        out.error = failure(started, "logs:StartQuery");
        return out;
    }
    try {
        out.queryId = parseQueryId(started.out);
    } catch (const std::exception &e) {
        out.error = badResponse(e);
        return out;
    }
    QueryProgress p;
    p.queryId = out.queryId;
    std::vector<ResultRow> rows;
    std::string nextToken;
    const auto stop = [&] {
        // Without the cancel flag: the stop must go through.
        runner.run(stopQueryArgs(req.target, out.queryId), nullptr);
        out.cancelled = true;
        out.status = "Cancelled";
    };
    for (;;) {
        const AwsOutput polled = runner.run(getQueryResultsArgs(req.target, out.queryId, nextToken), cancel);
        if (polled.cancelled || (cancel && cancel->load())) {
            stop();
            return out;
        }
        if (!polled.ok()) {
            out.error = failure(polled, "logs:GetQueryResults");
            return out;
        }
        QueryResultsPage page;
        try {
            page = parseQueryResults(polled.out);
        } catch (const std::exception &e) {
            out.error = badResponse(e);
            return out;
        }
        out.status = page.status;
        out.statistics = page.statistics;
        // While Running, each answer holds the partial results so far; the next
        // token pages a completed result past 10,000 rows.
        if (nextToken.empty())
            rows = std::move(page.rows);
        else
            rows.insert(rows.end(), page.rows.begin(), page.rows.end());
        p.status = page.status;
        p.statistics = page.statistics;
        p.rows = rows.size();
        if (progress)
            progress(p);
        if (page.status == "Complete" && !page.nextToken.empty() && page.nextToken != nextToken) {
            nextToken = page.nextToken;
            continue;
        }
        if (isFinalStatus(page.status))
            break;
        if (!waitFor(req.pollInterval, cancel)) {
            stop();
            return out;
        }
    }
    if (out.status != "Complete") {
        out.error.kind = out.status == "Timeout" ? ErrorKind::Timeout : ErrorKind::QueryFailed;
        out.error.awsWords = "CloudWatch ended query " + out.queryId + " with status " + out.status;
        out.error.advice = out.status == "Timeout"
            ? "Queries time out after 60 minutes: query a shorter time range, or split it into several queries."
            : out.status == "Cancelled" ? "Someone stopped the query (stop-query or the console)."
                                        : "Run it again; if it fails again, try it in the CloudWatch console.";
        return out;
    }
    const auto shape = localShape(req.queryString);
    out.result = toResult(rows, shape ? &*shape : nullptr);
    out.result.recordsMatched = std::uint64_t(out.statistics.recordsMatched);
    out.result.recordsScanned = std::uint64_t(out.statistics.recordsScanned);
    fillHistogram(out.result);
    out.ok = true;
    return out;
}

FetchOutcome fetchLogEvents(const FetchRequest &req, const std::string &outPath, AwsRunner &runner,
    const std::atomic<bool> *cancel, const std::function<void(const FetchProgress &)> &progress)
{
    FetchOutcome out;
    EventsFile file;
    std::string ioError;
    if (!file.open(outPath, ioError)) {
        out.error = { ErrorKind::Other, ioError, "Choose a directory you can write to." };
        return out;
    }
    std::string token;
    for (;;) {
        if (cancel && cancel->load()) {
            out.cancelled = true;
            break;
        }
        const AwsOutput o = runner.run(filterLogEventsArgs(req, token), cancel);
        if (o.cancelled || (cancel && cancel->load())) {
            out.cancelled = true;
            break;
        }
        if (!o.ok()) {
            out.error = failure(o, "logs:FilterLogEvents");
            break;
        }
        EventsPage page;
        try {
            page = parseFilterLogEvents(o.out);
        } catch (const std::exception &e) {
            out.error = badResponse(e);
            break;
        }
        for (const auto &e : page.events)
            if (!file.add(e)) {
                out.error = { ErrorKind::Other, "cannot write " + outPath, "Check the free space." };
                break;
            }
        if (!out.error.awsWords.empty())
            break;
        ++out.totals.pages;
        out.totals.events += page.events.size();
        out.totals.bytes += page.messageBytes;
        if (progress)
            progress(out.totals);
        // The last page has no nextToken (an unchanged token would loop forever).
        if (page.nextToken.empty() || page.nextToken == token) {
            out.ok = true;
            break;
        }
        token = page.nextToken;
    }
    // Done, cancelled, or failed after some pages: what was fetched is kept, whole.
    // A failure before the first page leaves no file.
    if (out.ok || out.cancelled || out.totals.pages > 0) {
        if (!file.finish(ioError)) {
            out.ok = false;
            out.error = { ErrorKind::Other, ioError, "Check the free space." };
            return out;
        }
        out.written = true;
    } else {
        file.discard();
    }
    return out;
}

std::vector<std::string> listLogGroups(
    const AwsTarget &target, const std::string &prefix, AwsRunner &runner, CloudError &error)
{
    const AwsOutput o = runner.run(describeLogGroupsArgs(target, prefix), nullptr);
    if (!o.ok()) {
        error = failure(o, "logs:DescribeLogGroups");
        return {};
    }
    try {
        return parseLogGroupNames(o.out);
    } catch (const std::exception &e) {
        error = badResponse(e);
        return {};
    }
}

} // namespace coldscope::cloud
