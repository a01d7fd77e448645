// SPDX-License-Identifier: MIT
// CloudWatch through the AWS CLI (models/cloud, `query --log-group`, `fetch`), without a
// network: tests/aws-standin/aws stands in for `aws` first on PATH, replays the answers
// of tests/aws-standin/responses (shapes from the AWS CLI reference, see its README) and
// writes down every call, so the tests check the exact arguments coldscope passes.
#include "cloudjobs.h"
#include "cloudwatch.h"
#include "loader.h"
#include "queryformat.h"
#include "testutil.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <thread>
#include <zlib.h>

namespace cloud = coldscope::cloud;
namespace query = coldscope::query;
using nlohmann::json;

namespace {

const QString kStandinDir = QStringLiteral(COLDSCOPE_AWS_STANDIN);
const std::string kDocQueryId = "82765b94-d048-4ef8-87c1-fd19a76a9d8e";

QString responses(const QString &scenario)
{
    return kStandinDir + QStringLiteral("/responses/") + scenario;
}

std::vector<std::string> strings(std::initializer_list<const char *> l)
{
    return std::vector<std::string>(l.begin(), l.end());
}

// The calls the stand-in recorded, one argument list each.
std::vector<std::vector<std::string>> calls(const QString &log)
{
    std::vector<std::vector<std::string>> out;
    QFile f(log);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.isEmpty())
            out.push_back(json::parse(line.toStdString()).get<std::vector<std::string>>());
    return out;
}

std::string gunzip(const QString &path)
{
    gzFile gz = gzopen(path.toLocal8Bit().constData(), "rb");
    if (!gz)
        return {};
    std::string out;
    char buf[65536];
    int n = 0;
    while ((n = gzread(gz, buf, sizeof buf)) > 0)
        out.append(buf, std::size_t(n));
    gzclose(gz);
    return out;
}

void writeFile(const QString &path, const std::string &text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(text.data(), qint64(text.size()));
}

// coldscope with the stand-in first on PATH (or no `aws` at all with pathDir empty).
class Cli
{
public:
    Cli(const QString &scenario, const QString &logFile, bool withAws = true)
    {
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.remove(QStringLiteral("DISPLAY"));
        m_env.insert(QStringLiteral("AWS_STANDIN_DIR"), scenario);
        m_env.insert(QStringLiteral("AWS_STANDIN_LOG"), logFile);
        m_env.insert(QStringLiteral("COLDSCOPE_AWS_POLL_MS"), QStringLiteral("10"));
        // Only the stand-in and the basic tools it uses: a real `aws` never answers here.
        m_env.insert(QStringLiteral("PATH"),
            withAws ? kStandinDir + QStringLiteral(":/usr/bin:/bin") : QStringLiteral("/nonexistent-dir"));
    }
    testutil::CliRun run(const QStringList &args)
    {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.start(QStringLiteral(COLDSCOPE_BIN), args);
        if (!p.waitForFinished(60000))
            qFatal("coldscope did not finish");
        return { p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError() };
    }
    // Starts coldscope, sends SIGINT once stderr contains `when`, returns the run.
    testutil::CliRun interrupt(const QStringList &args, const QByteArray &when)
    {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.start(QStringLiteral(COLDSCOPE_BIN), args);
        QByteArray err;
        QElapsedTimer t;
        t.start();
        while (!err.contains(when) && t.elapsed() < 30000) {
            p.waitForReadyRead(100);
            err += p.readAllStandardError();
        }
        ::kill(pid_t(p.processId()), SIGINT);
        if (!p.waitForFinished(30000))
            qFatal("coldscope did not stop on SIGINT");
        return { p.exitCode(), p.readAllStandardOutput(), err + p.readAllStandardError() };
    }

private:
    QProcessEnvironment m_env;
};

// CloudWatch's answer to a query, computed from the local engine's result on the same
// events: every value a string (as GetQueryResults gives them), fields that are null left
// out of the row, and a @ptr on rows that are events (not stats).
std::string replayedResults(const query::Result &r)
{
    json rows = json::array();
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        json row = json::array();
        for (std::size_t c = 0; c < r.columns.size(); ++c)
            if (!r.rows[i][c].isNull())
                row.push_back({ { "field", r.columns[c] }, { "value", r.rows[i][c].toString() } });
        if (!r.stats)
            row.push_back(
                { { "field", "@ptr" }, { "value", "CmAKJwojMTIzNDU2Nzg5MDEyOi9hd3MvbGFtYmRh" + std::to_string(i) } });
        rows.push_back(row);
    }
    return json({ { "results", rows },
                    { "statistics",
                        { { "recordsMatched", double(r.recordsMatched) },
                            { "recordsScanned", double(r.recordsScanned) }, { "bytesScanned", 80373.0 } } },
                    { "status", "Complete" } })
        .dump(4);
}

} // namespace

class TstCloud : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_logs = 0;
    QString newLog() { return m_dir.filePath(QStringLiteral("calls-%1.jsonl").arg(++m_logs)); }

    // The generated filter-log-events fixture cut into two pages chained by a nextToken.
    QString twoPageScenario(std::size_t &firstPage, const QString &extraFile = {}, const std::string &extra = {})
    {
        const QString dir = m_dir.filePath(QStringLiteral("pages-%1").arg(++m_logs));
        QDir().mkpath(dir);
        const auto all = json::parse(
            testutil::readAll(testutil::fixture(QStringLiteral("lambda/generated/filter-log-events-200-seed1.json")))
                .toStdString());
        const auto &events = all["events"];
        firstPage = events.size() / 2;
        json p1 = { { "events", json::array() }, { "searchedLogStreams", json::array() },
            { "nextToken", "Bxkq6kVGFtq2y_MoigeqscPOdhXVbhiVtLoAmXb5jCrI7fXDrEA4+jeRqdbJ2w/QBNQ==" } };
        json p2 = { { "events", json::array() }, { "searchedLogStreams", json::array() } };
        for (std::size_t i = 0; i < events.size(); ++i)
            (i < firstPage ? p1 : p2)["events"].push_back(events[i]);
        writeFile(dir + QStringLiteral("/filter-log-events.1.json"), p1.dump(4));
        // Answered only to the token of page 1 (the stand-in maps its characters to _).
        writeFile(dir
                + QStringLiteral("/filter-log-events.token-Bxkq6kVGFtq2y_MoigeqscPOdhXVbhiVtLoAmXb5jCrI7fXDrEA4_"
                                 "jeRqdbJ2w_QBNQ__.json"),
            p2.dump(4));
        if (!extraFile.isEmpty())
            writeFile(dir + QLatin1Char('/') + extraFile, extra);
        return dir;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void timeArguments()
    {
        const coldscope::TimeMs now = 1717207200000; // 2024-06-01T02:00:00Z
        QCOMPARE(cloud::parseTime("-3h", now).value(), now - 3 * 3600 * 1000);
        QCOMPARE(cloud::parseTime("-30m", now).value(), now - 30 * 60 * 1000);
        QCOMPARE(cloud::parseTime("-2d", now).value(), now - 2 * 86400 * 1000LL);
        QCOMPARE(cloud::parseTime("-1w", now).value(), now - 7 * 86400 * 1000LL);
        QCOMPARE(cloud::parseTime("-45s", now).value(), now - 45 * 1000);
        QCOMPARE(cloud::parseTime("now", now).value(), now);
        QCOMPARE(cloud::parseTime("2024-06-01T00:00:00Z", now).value(), coldscope::TimeMs(1717200000000));
        QCOMPARE(cloud::parseTime("2024-06-01 00:00:00.250", now).value(), coldscope::TimeMs(1717200000250));
        QCOMPARE(cloud::parseTime("1717200000", now).value(), coldscope::TimeMs(1717200000000));
        for (const char *bad : { "-3", "-h", "-3x", "-3.5h", "yesterday", "" })
            QVERIFY2(!cloud::parseTime(bad, now), bad);
        // start-query takes seconds: the range is widened to whole seconds, never narrowed.
        QCOMPARE(cloud::startSeconds(1717200000999), std::int64_t(1717200000));
        QCOMPARE(cloud::endSeconds(1717200000001), std::int64_t(1717200001));
        QCOMPARE(cloud::endSeconds(1717200000000), std::int64_t(1717200000));
    }

    void argumentLists()
    {
        const cloud::AwsTarget t { "dev", "eu-west-1" };
        QCOMPARE(cloud::startQueryArgs(t, { "/aws/lambda/a", "/aws/lambda/b" }, 1717200000000, 1717203600500,
                     "fields @timestamp | limit 5"),
            strings({ "logs", "start-query", "--log-group-names", "/aws/lambda/a", "/aws/lambda/b", "--start-time",
                "1717200000", "--end-time", "1717203601", "--query-string", "fields @timestamp | limit 5", "--output",
                "json", "--profile", "dev", "--region", "eu-west-1" }));
        QCOMPARE(cloud::getQueryResultsArgs({}, "q-1"),
            strings({ "logs", "get-query-results", "--query-id", "q-1", "--output", "json" }));
        QCOMPARE(cloud::stopQueryArgs({ "", "us-east-1" }, "q-1"),
            strings({ "logs", "stop-query", "--query-id", "q-1", "--output", "json", "--region", "us-east-1" }));
        cloud::FetchRequest r;
        r.target = { "prod", "" };
        r.logGroup = "/aws/lambda/orders-api";
        r.start = 1717200000000;
        r.end = 1717203600000;
        r.filterPattern = cloud::kColdStartsPattern;
        r.logStreamPrefix = "2024/06/01/";
        QCOMPARE(cloud::filterLogEventsArgs(r, "tok/1=="),
            strings({ "logs", "filter-log-events", "--log-group-name", "/aws/lambda/orders-api", "--start-time",
                "1717200000000", "--end-time", "1717203600000", "--filter-pattern", cloud::kColdStartsPattern,
                "--log-stream-name-prefix", "2024/06/01/", "--no-paginate", "--next-token", "tok/1==", "--output",
                "json", "--profile", "prod" }));
        QCOMPARE(cloud::describeLogGroupsArgs({}, "/aws/lambda/"),
            strings({ "logs", "describe-log-groups", "--log-group-name-prefix", "/aws/lambda/", "--output", "json" }));
    }

    // The documented get-query-results example, as the local result table.
    void resultsAsLocalTable()
    {
        const auto page = cloud::parseQueryResults(
            testutil::readAll(responses(QStringLiteral("query-doc/get-query-results.3.json"))).toStdString());
        QCOMPARE(page.status, std::string("Complete"));
        QCOMPARE(page.statistics.recordsMatched, 3.0);
        QCOMPARE(page.statistics.recordsScanned, 3.0);
        QCOMPARE(page.statistics.bytesScanned, 141.0);
        QCOMPARE(page.rows.size(), std::size_t(3));
        const auto shape = cloud::localShape("fields @timestamp, @message, @logStream");
        QVERIFY(shape);
        const query::Result r = cloud::toResult(page.rows, &*shape);
        QCOMPARE(r.columns, strings({ "@timestamp", "@message", "@logStream" })); // @ptr dropped
        QCOMPARE(r.rows[0][0].type, query::Value::Type::Time);
        QCOMPARE(r.rows[0][0].toString(), std::string("2024-05-19 06:10:35.743"));
        QCOMPARE(r.rows[2][1].toString(), std::string("Test BENCHMARK 1"));
        QVERIFY(!r.stats);
        query::Result h = r;
        cloud::fillHistogram(h);
        QCOMPARE(h.histogramBinMs, 1000.0); // 19 s of rows: 1 s bars, as the local engine picks
        QCOMPARE(h.histogramStart, coldscope::TimeMs(1716099016000)); // 2024-05-19 06:10:16
        QCOMPARE(h.histogram.size(), std::size_t(20));
        QCOMPARE(h.histogram.front() + h.histogram[11] + h.histogram.back(), std::uint64_t(3));
        // A column null in every row stays, in the query's order; numbers are numbers.
        const auto stats = cloud::localShape("stats count(*) as n, avg(@duration) as d by bin(5m)");
        QVERIFY(stats && stats->stats);
        const query::Result s = cloud::toResult(
            { { { "bin(5m)", "2024-06-01 00:05:00.000" }, { "n", "12" } }, { { "n", "3" }, { "d", "1.5" } } }, &*stats);
        QCOMPARE(s.columns, strings({ "bin(5m)", "n", "d" }));
        QCOMPARE(s.binColumn, 0);
        QCOMPARE(s.rows[0][1].type, query::Value::Type::Number);
        QVERIFY(s.rows[0][2].isNull());
        QCOMPARE(s.rows[1][2].num, 1.5);
        QCOMPARE(query::formatCsv(s), std::string("bin(5m),n,d\n2024-06-01 00:05:00.000,12,\n,3,1.5\n"));
        // A string field stays a string even when it reads as a number.
        const query::Result m = cloud::toResult({ { { "@message", "42" } } });
        QCOMPARE(m.rows[0][0].type, query::Value::Type::String);
        QVERIFY_THROWS_EXCEPTION(cloud::ResponseError, cloud::parseQueryResults("{\"results\": []}"));
        QVERIFY_THROWS_EXCEPTION(cloud::ResponseError, cloud::parseQueryResults("not json"));
    }

    void cloudOnlyCommandsOnlyInCloudWatch()
    {
        for (const char *q : { "pattern @message", "fields @message | diff", "filterIndex x = 1",
                 "SOURCE logGroups(namePrefix: ['/aws/lambda/x']) | fields @message" }) {
            try {
                query::parse(q);
                QFAIL(q);
            } catch (const query::QueryError &e) {
                QVERIFY2(std::string(e.what()).find("runs only in CloudWatch") != std::string::npos, e.what());
            }
            QVERIFY(!cloud::localShape(q));
        }
        // Locally: exit 2 and the message; in CloudWatch: passed through untouched.
        const testutil::CliRun local = testutil::cli({ QStringLiteral("query"),
            testutil::fixture(QStringLiteral("importtime/pydantic.log")), QStringLiteral("pattern @message") });
        QCOMPARE(local.code, 2);
        QVERIFY2(local.err.contains("runs only in CloudWatch"), local.err.constData());
        const QString log = newLog();
        const QString q = QStringLiteral("filter @type = \"REPORT\"\n| pattern @message");
        const testutil::CliRun r
            = Cli(responses(QStringLiteral("query-doc")), log)
                  .run({ QStringLiteral("query"), QStringLiteral("--log-group"),
                      QStringLiteral("/aws/lambda/orders-api"), QStringLiteral("--start"), QStringLiteral("-1h"), q });
        QCOMPARE(r.code, 0);
        const auto c = calls(log);
        QVERIFY(!c.empty());
        const auto qs = std::find(c[0].begin(), c[0].end(), "--query-string");
        QVERIFY(qs != c[0].end() && qs + 1 != c[0].end());
        QCOMPARE(*(qs + 1), q.toStdString());
        // Relative times: one hour back from about now, in seconds.
        const auto st = std::find(c[0].begin(), c[0].end(), "--start-time");
        const auto en = std::find(c[0].begin(), c[0].end(), "--end-time");
        const long long now = QDateTime::currentSecsSinceEpoch();
        QVERIFY(std::abs(std::stoll(*(en + 1)) - now) < 30);
        QVERIFY(std::abs(std::stoll(*(en + 1)) - std::stoll(*(st + 1)) - 3600) <= 1);
    }

    // query --log-group on the documented answers: the exact calls, the status on stderr,
    // the rows in every output format.
    void queryInCloudWatch()
    {
        const QString log = newLog();
        Cli cli(responses(QStringLiteral("query-doc")), log);
        const QStringList args { QStringLiteral("query"), QStringLiteral("--log-group"),
            QStringLiteral("/aws/lambda/orders-api"), QStringLiteral("--log-group"),
            QStringLiteral("/aws/lambda/orders-worker"), QStringLiteral("--profile"), QStringLiteral("dev"),
            QStringLiteral("--region"), QStringLiteral("eu-west-1"), QStringLiteral("--start"),
            QStringLiteral("2024-05-19T06:00:00Z"), QStringLiteral("--end"), QStringLiteral("2024-05-19T07:00:00.500Z"),
            QStringLiteral("fields @timestamp, @message, @logStream") };
        const testutil::CliRun r = cli.run(args);
        QCOMPARE(r.code, 0);
        const auto c = calls(log);
        QCOMPARE(c.size(), std::size_t(4));
        QCOMPARE(c[0],
            strings({ "logs", "start-query", "--log-group-names", "/aws/lambda/orders-api", "/aws/lambda/orders-worker",
                "--start-time", "1716098400", "--end-time", "1716102001", "--query-string",
                "fields @timestamp, @message, @logStream", "--output", "json", "--profile", "dev", "--region",
                "eu-west-1" }));
        for (std::size_t i = 1; i < 4; ++i)
            QCOMPARE(c[i],
                strings({ "logs", "get-query-results", "--query-id", kDocQueryId.c_str(), "--output", "json",
                    "--profile", "dev", "--region", "eu-west-1" }));
        const QString err = QString::fromUtf8(r.err);
        const auto at = [&](const char *s) { return err.indexOf(QLatin1String(s)); };
        QVERIFY2(at(": Scheduled, 0 of 0 records matched") >= 0, r.err.constData());
        QVERIFY2(at(": Running, 1 of 1 records matched") > at(": Scheduled"), r.err.constData());
        QVERIFY2(at(": Complete, 3 of 3 records matched, 0.0 MB scanned") > at(": Running"), r.err.constData());
        QVERIFY(err.contains(QString::fromStdString(kDocQueryId)));
        QCOMPARE(QString::fromUtf8(r.out),
            QStringLiteral("@timestamp               @message          @logStream\n"
                           "-----------------------  ----------------  ----------\n"
                           "2024-05-19 06:10:35.743  Test BENCHMARK 3  TestStream\n"
                           "2024-05-19 06:10:27.559  Test BENCHMARK 2  TestStream\n"
                           "2024-05-19 06:10:16.682  Test BENCHMARK 1  TestStream\n"));
        const testutil::CliRun j = Cli(responses(QStringLiteral("query-doc")), newLog())
                                       .run(args + QStringList { QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(j.code, 0);
        QVERIFY(json::parse(j.out.toStdString())
            == json::parse(R"([{"@timestamp": "2024-05-19 06:10:35.743", "@message": "Test BENCHMARK 3",
                "@logStream": "TestStream"}, {"@timestamp": "2024-05-19 06:10:27.559", "@message": "Test BENCHMARK 2",
                "@logStream": "TestStream"}, {"@timestamp": "2024-05-19 06:10:16.682", "@message": "Test BENCHMARK 1",
                "@logStream": "TestStream"}])"));
        const testutil::CliRun md = Cli(responses(QStringLiteral("query-doc")), newLog())
                                        .run(args + QStringList { QStringLiteral("--format"), QStringLiteral("md") });
        QCOMPARE(md.code, 0);
        QVERIFY2(md.out.startsWith("**CloudWatch Logs Insights**    \nregion: eu-west-1    \n"
                                   "log-group-names: /aws/lambda/orders-api, /aws/lambda/orders-worker    \n"),
            md.out.constData());
        QVERIFY(md.out.contains("| 2024-05-19 06:10:35.743 | Test BENCHMARK 3 | TestStream |\n"));
    }

    void cancelStopsTheQuery()
    {
        const QString log = newLog();
        const testutil::CliRun r
            = Cli(responses(QStringLiteral("query-running")), log)
                  .interrupt({ QStringLiteral("query"), QStringLiteral("--log-group"),
                                 QStringLiteral("/aws/lambda/orders-api"), QStringLiteral("--start"),
                                 QStringLiteral("-1d"), QStringLiteral("stats count(*) by bin(1h)") },
                      ": Running, 0 of 52311 records matched, 9.9 MB scanned");
        QCOMPARE(r.code, 130);
        QVERIFY2(
            r.err.contains("cancelled; stop-query sent for " + QByteArray(kDocQueryId.c_str())), r.err.constData());
        const auto c = calls(log);
        QVERIFY(c.size() >= 3);
        QCOMPARE(c.back(), strings({ "logs", "stop-query", "--query-id", kDocQueryId.c_str(), "--output", "json" }));
        QVERIFY(r.out.isEmpty());
    }

    void errorsSayWhatToDo_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("awsWords");
        QTest::addColumn<QString>("advice");
        QTest::newRow("no credentials") << "error-no-credentials"
                                        << "query"
                                        << "Unable to locate credentials. You can configure credentials by running "
                                           "\"aws configure\"."
                                        << "aws sso login";
        QTest::newRow("no credentials, fetch") << "error-no-credentials"
                                               << "fetch"
                                               << "Unable to locate credentials."
                                               << "never stores credentials";
        QTest::newRow("no region") << "error-no-region"
                                   << "query"
                                   << "You must specify a region."
                                   << "Pass --region";
        QTest::newRow("unknown profile") << "error-profile"
                                         << "query"
                                         << "The config profile (staging) could not be found"
                                         << "aws configure --profile NAME";
        QTest::newRow("access denied") << "error-access-denied"
                                       << "query"
                                       << "An error occurred (AccessDeniedException) when calling the StartQuery "
                                          "operation: User: arn:aws:iam::123456789012:user/dev is not authorized"
                                       << "needs the permission logs:StartQuery";
        QTest::newRow("access denied, fetch") << "error-access-denied"
                                              << "fetch"
                                              << "when calling the FilterLogEvents operation"
                                              << "needs the permission logs:FilterLogEvents";
        QTest::newRow("log group not found")
            << "error-not-found"
            << "query"
            << "Log group '/aws/lambda/orders-apii' does not exist for account ID '123456789012'"
            << "Log group not found: check its exact name";
        QTest::newRow("log group not found, fetch") << "error-not-found"
                                                    << "fetch"
                                                    << "The specified log group does not exist."
                                                    << "--region / --profile";
        QTest::newRow("query limit") << "error-limit"
                                     << "query"
                                     << "Account maximum query concurrency limit of [30] reached."
                                     << "up to 30 interactive queries";
        QTest::newRow("malformed query") << "error-malformed"
                                         << "query"
                                         << "unexpected symbol found ( at line 1 and position 115"
                                         << "CloudWatch rejected the query";
        QTest::newRow("AWS CLI missing") << ""
                                         << "query"
                                         << "aws: command not found"
                                         << "apt-get install awscli";
        QTest::newRow("AWS CLI missing, fetch") << ""
                                                << "fetch"
                                                << "aws: command not found"
                                                << "apt-get install awscli";
    }

    void errorsSayWhatToDo()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, command);
        QFETCH(QString, awsWords);
        QFETCH(QString, advice);
        const QString out = m_dir.filePath(QStringLiteral("error-%1.json.gz").arg(++m_logs));
        const QStringList args = command == QLatin1String("query")
            ? QStringList { QStringLiteral("query"), QStringLiteral("--log-group"),
                  QStringLiteral("/aws/lambda/orders-apii"), QStringLiteral("--start"), QStringLiteral("-1h"),
                  QStringLiteral("stats count(*)") }
            : QStringList { QStringLiteral("fetch"), QStringLiteral("--log-group"),
                  QStringLiteral("/aws/lambda/orders-api"), QStringLiteral("--start"), QStringLiteral("-1h"),
                  QStringLiteral("--out"), out };
        const testutil::CliRun r = Cli(responses(scenario), newLog(), !scenario.isEmpty()).run(args);
        QCOMPARE(r.code, 2);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.startsWith(QStringLiteral("coldscope ") + command + QStringLiteral(": ")), r.err.constData());
        QVERIFY2(err.contains(awsWords), r.err.constData());
        QVERIFY2(err.contains(advice), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QVERIFY2(!QFile::exists(out), "a fetch that failed on its first page leaves no file");
        QCOMPARE(QDir(m_dir.path()).entryList({ QStringLiteral("*.partial-*") }).size(), 0);
    }

    void usage()
    {
        const QString file = testutil::fixture(QStringLiteral("importtime/pydantic.log"));
        Cli cli(responses(QStringLiteral("query-doc")), newLog());
        const auto expect = [&](const QStringList &args, const char *problem) {
            const testutil::CliRun r = cli.run(args);
            QVERIFY2(r.code == 2 && r.err.contains(problem), r.err.constData());
        };
        expect({ QStringLiteral("query"), file, QStringLiteral("--log-group"), QStringLiteral("g"),
                   QStringLiteral("--start"), QStringLiteral("-1h"), QStringLiteral("stats count(*)") },
            "give the QUERY alone, no FILE");
        expect({ QStringLiteral("query"), file, QStringLiteral("stats count(*)"), QStringLiteral("--region"),
                   QStringLiteral("us-east-1") },
            "--profile and --region go with --log-group");
        expect({ QStringLiteral("query"), QStringLiteral("--log-group"), QStringLiteral("g"),
                   QStringLiteral("stats count(*)") },
            "--start is required");
        expect({ QStringLiteral("query"), QStringLiteral("--log-group"), QStringLiteral("g"), QStringLiteral("--start"),
                   QStringLiteral("-3x"), QStringLiteral("stats count(*)") },
            "--start '-3x' is not a time");
        expect({ QStringLiteral("query"), QStringLiteral("--log-group"), QStringLiteral("g"), QStringLiteral("--start"),
                   QStringLiteral("-1h"), QStringLiteral("--end"), QStringLiteral("-2h"),
                   QStringLiteral("stats count(*)") },
            "--start is after --end");
        expect({ QStringLiteral("query"), QStringLiteral("stats count(*)") }, "too few arguments (expected FILE...");
        expect({ QStringLiteral("fetch"), QStringLiteral("--start"), QStringLiteral("-1h"), QStringLiteral("--out"),
                   QStringLiteral("x.gz") },
            "missing --log-group");
        expect({ QStringLiteral("fetch"), QStringLiteral("--log-group"), QStringLiteral("g"), QStringLiteral("--start"),
                   QStringLiteral("-1h") },
            "missing --out");
        expect({ QStringLiteral("fetch"), QStringLiteral("--log-group"), QStringLiteral("g"), QStringLiteral("--start"),
                   QStringLiteral("-1h"), QStringLiteral("--out"), QStringLiteral("x.gz"),
                   QStringLiteral("--cold-starts-only"), QStringLiteral("--filter-pattern"), QStringLiteral("ERROR") },
            "give one or the other");
        QVERIFY(calls(m_dir.filePath(QStringLiteral("calls-%1.jsonl").arg(m_logs))).empty()); // aws never called
    }

    // Done means: a fetch of two pages gives a file `summary` reads with the right counts.
    void fetchTwoPages()
    {
        std::size_t firstPage = 0;
        const QString scenario = twoPageScenario(firstPage);
        const QString log = newLog();
        const QString out = m_dir.filePath(QStringLiteral("orders-api.json.gz"));
        const testutil::CliRun r = Cli(scenario, log)
                                       .run({ QStringLiteral("fetch"), QStringLiteral("--log-group"),
                                           QStringLiteral("/aws/lambda/orders-api"), QStringLiteral("--start"),
                                           QStringLiteral("2024-06-01T00:00:00Z"), QStringLiteral("--end"),
                                           QStringLiteral("2024-06-01T01:00:00Z"), QStringLiteral("--region"),
                                           QStringLiteral("us-east-1"), QStringLiteral("--out"), out });
        QVERIFY2(r.code == 0, r.err.constData());
        const auto c = calls(log);
        QCOMPARE(c.size(), std::size_t(2));
        const auto expected = [](const char *token) {
            auto a = strings({ "logs", "filter-log-events", "--log-group-name", "/aws/lambda/orders-api",
                "--start-time", "1717200000000", "--end-time", "1717203600000", "--no-paginate" });
            if (token)
                a.insert(a.end(), { "--next-token", token });
            a.insert(a.end(), { "--output", "json", "--region", "us-east-1" });
            return a;
        };
        QCOMPARE(c[0], expected(nullptr));
        QCOMPARE(c[1], expected("Bxkq6kVGFtq2y_MoigeqscPOdhXVbhiVtLoAmXb5jCrI7fXDrEA4+jeRqdbJ2w/QBNQ=="));
        QVERIFY2(r.err.contains("page 1: " + QByteArray::number(qulonglong(firstPage)) + " events"), r.err.constData());
        QVERIFY2(r.err.contains("page 2: 202 events"), r.err.constData());
        QVERIFY2(r.err.contains("fetched 202 events"), r.err.constData());
        // gzip JSON in the filter-log-events shape, the events as the AWS CLI gave them.
        const auto doc = json::parse(gunzip(out));
        const auto original = json::parse(
            testutil::readAll(testutil::fixture(QStringLiteral("lambda/generated/filter-log-events-200-seed1.json")))
                .toStdString());
        QVERIFY(doc["events"] == original["events"]);
        QVERIFY(doc["searchedLogStreams"] == json::array());
        QCOMPARE(QDir(m_dir.path()).entryList({ QStringLiteral("*.partial-*") }).size(), 0);
        // summary --json on it: the counts of the generator's truth file.
        const testutil::CliRun s = testutil::cli({ QStringLiteral("summary"), out, QStringLiteral("--json") });
        QCOMPARE(s.code, 0);
        const auto sum = json::parse(s.out.toStdString());
        const auto truth = json::parse(testutil::readAll(
            testutil::fixture(QStringLiteral("lambda/generated/filter-log-events-200-seed1.truth.json")))
                                           .toStdString());
        QCOMPARE(sum["events"].get<int>(), truth["events"].get<int>());
        QCOMPARE(sum["invocations"].get<int>(), truth["invocations"].get<int>());
        QCOMPARE(sum["cold_starts"].get<int>(), truth["cold_starts_with_invocation"].get<int>());
        QCOMPARE(sum["timeouts"].get<int>(), truth["timeouts"].get<int>());
        QCOMPARE(sum["init_duration_ms"]["max"].get<double>(), truth["init_duration_ms"]["max"].get<double>());
        QCOMPARE(sum["duration_ms"]["p99"].get<double>(), truth["duration_ms"]["nearest_rank"]["p99"].get<double>());
        // And every figure as for the file the pages were cut from (the generator counts
        // application ERROR lines as errors, coldscope only what the runtime says: compared
        // with coldscope's own reading of the original instead).
        const testutil::CliRun o = testutil::cli({ QStringLiteral("summary"),
            testutil::fixture(QStringLiteral("lambda/generated/filter-log-events-200-seed1.json")),
            QStringLiteral("--json") });
        auto originalSum = json::parse(o.out.toStdString());
        auto fetchedSum = sum;
        QCOMPARE(fetchedSum["format"].get<std::string>(), originalSum["format"].get<std::string>() + "+gzip");
        for (const char *k : { "file", "format" }) {
            originalSum.erase(k);
            fetchedSum.erase(k);
        }
        QVERIFY2(fetchedSum == originalSum, (fetchedSum.dump() + "\n" + originalSum.dump()).c_str());
    }

    // Done means: the same query gives the same table locally on the fetched file and
    // through CloudWatch on the answers CloudWatch gives for those events.
    void sameTableLocallyAndInCloudWatch_data()
    {
        QTest::addColumn<QString>("queryText");
        QTest::newRow("events") << "fields @timestamp, @requestId, @duration, @logStream\n"
                                   "| filter @type = \"REPORT\" | sort @duration desc | limit 8";
        QTest::newRow("stats by bin") << "filter @type = \"REPORT\"\n"
                                         "| stats count(*) as n, avg(@duration) as avg_ms, pct(@duration, 90), "
                                         "max(@initDuration) by bin(5m)";
        QTest::newRow("stats by stream") << "stats count(*) as events, count(@initDuration) as cold by @logStream";
        QTest::newRow("default columns") << "filter @message like /Task timed out/";
        QTest::newRow("memory in bytes") << "filter @type = \"REPORT\" | fields @maxMemoryUsed / @memorySize as "
                                            "share, @memorySize | sort share desc | limit 3";
    }

    void sameTableLocallyAndInCloudWatch()
    {
        QFETCH(QString, queryText);
        std::size_t firstPage = 0;
        const QString out = m_dir.filePath(QStringLiteral("fetched-%1.json.gz").arg(++m_logs));
        QCOMPARE(
            Cli(twoPageScenario(firstPage), newLog())
                .run({ QStringLiteral("fetch"), QStringLiteral("--log-group"), QStringLiteral("/aws/lambda/orders-api"),
                    QStringLiteral("--start"), QStringLiteral("2024-06-01T00:00:00Z"), QStringLiteral("--out"), out })
                .code,
            0);
        // What CloudWatch answers for these events: computed from the fetched file.
        const auto loaded = coldscope::loadFile(out.toStdString());
        QVERIFY(loaded.data);
        const query::Result local = query::run(queryText.toStdString(), { { loaded.data, "orders-api.json.gz" } });
        QVERIFY(!local.rows.empty());
        const QString scenario = m_dir.filePath(QStringLiteral("replay-%1").arg(++m_logs));
        QDir().mkpath(scenario);
        QFile::copy(
            responses(QStringLiteral("query-doc/start-query.json")), scenario + QStringLiteral("/start-query.json"));
        writeFile(scenario + QStringLiteral("/get-query-results.json"), replayedResults(local));
        for (const char *format : { "table", "json", "csv" }) {
            const testutil::CliRun here = testutil::cli(
                { QStringLiteral("query"), out, queryText, QStringLiteral("--format"), QLatin1String(format) });
            QCOMPARE(here.code, 0);
            const QString log = newLog();
            const testutil::CliRun there = Cli(scenario, log)
                                               .run({ QStringLiteral("query"), QStringLiteral("--log-group"),
                                                   QStringLiteral("/aws/lambda/orders-api"), QStringLiteral("--start"),
                                                   QStringLiteral("2024-06-01T00:00:00Z"), QStringLiteral("--end"),
                                                   QStringLiteral("2024-06-01T01:00:00Z"), queryText,
                                                   QStringLiteral("--format"), QLatin1String(format) });
            QVERIFY2(there.code == 0, there.err.constData());
            QCOMPARE(QString::fromUtf8(there.out), QString::fromUtf8(here.out));
            QCOMPARE(calls(log)[0][9], queryText.toStdString()); // --query-string as typed
        }
    }

    void cancelledFetchLeavesAValidFile()
    {
        std::size_t firstPage = 0;
        const QString scenario
            = twoPageScenario(firstPage, QStringLiteral("filter-log-events.2.sleep"), std::string("30\n"));
        const QString log = newLog();
        const QString out = m_dir.filePath(QStringLiteral("cancelled.json.gz"));
        QElapsedTimer t;
        t.start();
        const testutil::CliRun r
            = Cli(scenario, log)
                  .interrupt(
                      { QStringLiteral("fetch"), QStringLiteral("--log-group"),
                          QStringLiteral("/aws/lambda/orders-api"), QStringLiteral("--start"), QStringLiteral("-1w"),
                          QStringLiteral("--cold-starts-only"), QStringLiteral("--out"), out },
                      "page 1:");
        QCOMPARE(r.code, 130);
        QVERIFY2(t.elapsed() < 20000, "the cancel ended the sleeping aws call"); // it sleeps 30 s
        QVERIFY2(r.err.contains("cancelled; " + out.toUtf8() + " holds the " + QByteArray::number(qulonglong(firstPage))
                     + " events"),
            r.err.constData());
        const auto doc = json::parse(gunzip(out)); // whole, valid JSON
        QCOMPARE(doc["events"].size(), firstPage);
        QCOMPARE(QDir(m_dir.path()).entryList({ QStringLiteral("*.partial-*") }).size(), 0);
        // The interrupt comes once page 1 is reported: the call for page 2 may or may not
        // have started by then (a race the test cannot fix without slowing the fetch).
        const auto c = calls(log);
        QVERIFY(c.size() == 1 || c.size() == 2);
        if (c.size() == 2)
            QVERIFY(std::find(c[1].begin(), c[1].end(), "--next-token") != c[1].end());
        const auto fp = std::find(c[0].begin(), c[0].end(), "--filter-pattern");
        QVERIFY(fp != c[0].end());
        QCOMPARE(*(fp + 1), std::string(cloud::kColdStartsPattern));
        QCOMPARE(*(fp + 1),
            std::string("?INIT_START ?INIT_REPORT ?REPORT ?\"import time:\" ?\"platform.initStart\" "
                        "?\"platform.initReport\" ?\"platform.report\""));
        const testutil::CliRun s = testutil::cli({ QStringLiteral("summary"), out, QStringLiteral("--json") });
        QCOMPARE(s.code, 0);
        QCOMPARE(json::parse(s.out.toStdString())["events"].get<std::size_t>(), firstPage);
    }

    void failureAfterAPageKeepsWhatWasFetched()
    {
        std::size_t firstPage = 0;
        const QString scenario = twoPageScenario(firstPage, QStringLiteral("filter-log-events.2.stderr"),
            "\nAn error occurred (ThrottlingException) when calling the FilterLogEvents operation (reached max "
            "retries: 4): Rate exceeded\n");
        const QString out = m_dir.filePath(QStringLiteral("partial.json.gz"));
        const testutil::CliRun r = Cli(scenario, newLog())
                                       .run({ QStringLiteral("fetch"), QStringLiteral("--log-group"),
                                           QStringLiteral("/aws/lambda/orders-api"), QStringLiteral("--start"),
                                           QStringLiteral("-1d"), QStringLiteral("--out"), out });
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("Rate exceeded") && r.err.contains("throttled"), r.err.constData());
        QVERIFY2(r.err.contains(out.toUtf8() + " holds the " + QByteArray::number(qulonglong(firstPage)) + " events"),
            r.err.constData());
        QCOMPARE(json::parse(gunzip(out))["events"].size(), firstPage);
    }

    // The engine on its own: describe-log-groups for completion, and the runner's timeout.
    void engineThroughTheRunner()
    {
        const QString log = newLog();
        qputenv("AWS_STANDIN_DIR", responses(QStringLiteral("log-groups")).toLocal8Bit());
        qputenv("AWS_PAGER", "less"); // the user's pager never runs: the stand-in refuses a non-empty one
        qputenv("AWS_STANDIN_LOG", log.toLocal8Bit());
        cloud::ProcessAwsRunner runner((kStandinDir + QStringLiteral("/aws")).toStdString());
        cloud::CloudError error;
        QCOMPARE(cloud::listLogGroups({ "dev", "" }, "/aws/lambda/orders", runner, error),
            strings({ "/aws/lambda/orders-api", "/aws/lambda/orders-worker" }));
        QCOMPARE(calls(log).back(),
            strings({ "logs", "describe-log-groups", "--log-group-name-prefix", "/aws/lambda/orders", "--output",
                "json", "--profile", "dev" }));
        // A call that does not answer in time is ended, with everything it started.
        const QString slow = m_dir.filePath(QStringLiteral("slow"));
        QDir().mkpath(slow);
        writeFile(slow + QStringLiteral("/get-query-results.sleep"), "30\n");
        qputenv("AWS_STANDIN_DIR", slow.toLocal8Bit());
        cloud::ProcessAwsRunner impatient(
            (kStandinDir + QStringLiteral("/aws")).toStdString(), std::chrono::milliseconds(300));
        QElapsedTimer t;
        t.start();
        const cloud::AwsOutput o = impatient.run(cloud::getQueryResultsArgs({}, "q"), nullptr);
        QVERIFY(o.timedOut && !o.ok());
        QVERIFY2(t.elapsed() < 5000, "the sleeping child was ended");
        // A cancel flag set while polling: stop-query goes out, nothing else.
        writeFile(slow + QStringLiteral("/start-query.json"), "{\"queryId\": \"q-9\"}");
        writeFile(slow + QStringLiteral("/stop-query.json"), "{\"success\": true}");
        const QString log2 = newLog();
        qputenv("AWS_STANDIN_LOG", log2.toLocal8Bit());
        std::atomic<bool> cancel { false };
        cloud::QueryRequest req;
        req.logGroups = { "g" };
        req.start = 0;
        req.end = 1000;
        req.queryString = "stats count(*)";
        cloud::ProcessAwsRunner patient((kStandinDir + QStringLiteral("/aws")).toStdString());
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            cancel = true;
        });
        const cloud::QueryOutcome q = cloud::runCloudQuery(req, patient, &cancel);
        canceller.join();
        QVERIFY(q.cancelled && !q.ok);
        QCOMPARE(calls(log2).back(), strings({ "logs", "stop-query", "--query-id", "q-9", "--output", "json" }));
        qunsetenv("AWS_STANDIN_DIR");
        qunsetenv("AWS_STANDIN_LOG");
        qunsetenv("AWS_PAGER");
    }
};

QTEST_GUILESS_MAIN(TstCloud)
#include "tst_cloud.moc"
