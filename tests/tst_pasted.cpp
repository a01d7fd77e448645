// SPDX-License-Identifier: MIT
// Shapes users really paste (tests/fixtures/pasted, written to the public descriptions
// listed in its README): console copies and tables, Insights Markdown exports with
// multi-line queries, Node.js INIT errors, UTF-16 from PowerShell, Python reprs,
// interleaved importtime tables, log events under any key, and who failed.
#include "testutil.h"

#include "formatdetect.h"
#include "loader.h"
#include "summary.h"
#include "textparse.h"

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <map>

using namespace coldscope;

namespace {

QString pasted(const char *name)
{
    return testutil::fixture(QStringLiteral("pasted/") + QLatin1String(name));
}

std::shared_ptr<LogData> loadOk(const QString &path)
{
    LoadResult r = loadFile(path.toStdString());
    if (!r.data)
        qWarning("%s", r.error.c_str());
    return r.data;
}

// A run as (module, parent module, self, cumulative) in import order: two runs are the
// same tree when these lists are equal.
using Shape = std::vector<std::tuple<std::string, std::string, std::int64_t, std::int64_t>>;
Shape shape(const LogData &d, const ImportRun &run)
{
    Shape out;
    for (const ImportNode &n : run.nodes)
        out.emplace_back(std::string(d.moduleName(n)),
            n.parent < 0 ? std::string() : std::string(d.moduleName(run.nodes[std::size_t(n.parent)])), n.selfUs,
            n.cumulativeUs);
    return out;
}

Shape referenceShape(const char *importtimeFixture)
{
    auto d = loadOk(testutil::fixture(QStringLiteral("importtime/") + QLatin1String(importtimeFixture)));
    return d && d->runs.size() == 1 ? shape(*d, d->runs[0]) : Shape {};
}

const char *kRequest1 = "5f0f0a5e-7b1c-4c43-9c2a-0e0c0b5a2f11";

std::vector<Status> statuses(const LogData &d)
{
    std::vector<Status> out;
    for (const Invocation &inv : d.invocations)
        out.push_back(inv.status);
    return out;
}

QByteArray utf16(const QByteArray &utf8, bool bigEndian, bool bom)
{
    const QString text = QString::fromUtf8(utf8);
    QByteArray out;
    if (bom)
        out += bigEndian ? QByteArray("\xFE\xFF", 2) : QByteArray("\xFF\xFE", 2);
    for (QChar c : text) {
        const char hi = char(c.unicode() >> 8), lo = char(c.unicode() & 0xFF);
        out += bigEndian ? hi : lo;
        out += bigEndian ? lo : hi;
    }
    return out;
}

} // namespace

class TstPasted : public QObject
{
    Q_OBJECT
private slots:
    // 1. Logs Insights Markdown export with a multi-line query, after a title.
    void insightsExportWithMultiLineQuery()
    {
        const QString path = pasted("insights-export-multiline-query.md");
        auto d = loadOk(path);
        QVERIFY(d);
        QCOMPARE(d->format, std::string("insights-markdown"));
        const auto &t = d->queryResults;
        QCOMPARE(t.columns, (std::vector<std::string> { "bin(1h)", "@log", "invocations", "coldStarts", "p99" }));
        QCOMPARE(t.rows.size(), std::size_t(3)); // the query's "| stats" lines are not rows
        QCOMPARE(t.rows[0][1], std::string("123456789012:/aws/lambda/orders-api")); // &#x2f; decoded
        QCOMPARE(t.rows[2][4], std::string("1032.77"));
        QCOMPARE(t.query,
            std::string("filter @type = \"REPORT\"\n| stats\n  # cold starts only count once\n  count(*) as "
                        "invocations,\n\n  sum(strcontains(@message, \"Init Duration\")) as coldStarts,\n  "
                        "pct(@duration, 99) as p99\n  by bin(1h), @log"));
        QCOMPARE(t.region, std::string("eu-west-1"));
        QCOMPARE(t.logGroups, std::string("/aws/lambda/orders-api"));
        QCOMPARE(d->skippedLines, std::uint64_t(0));
        QCOMPARE(d->events.size(), std::size_t(3));
    }

    void insightsExportWithoutQuery()
    {
        auto d = loadOk(pasted("insights-export-no-query.md"));
        QVERIFY(d);
        QCOMPARE(d->format, std::string("insights-markdown"));
        QVERIFY(d->queryResults.query.empty());
        QCOMPARE(d->queryResults.rows.size(), std::size_t(2));
        // @timestamp/@message rows are log events again: one invocation with its REPORT.
        QCOMPARE(d->invocations.size(), std::size_t(1));
        QCOMPARE(d->reportOf(d->invocations[0]).durationMs, 12.5);
    }

    void markdownQueryOutputReadsBack()
    {
        const QString log = testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log"));
        const QString query = QStringLiteral("filter @type = \"REPORT\"\n| stats count(*) as n,\n  max(@duration) as "
                                             "maxMs\n  by bin(30m)\n| sort n desc");
        const auto md
            = testutil::cli({ QStringLiteral("query"), log, query, QStringLiteral("--format"), QStringLiteral("md") });
        QCOMPARE(md.code, 0);
        const auto json = testutil::cli(
            { QStringLiteral("query"), log, query, QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(json.code, 0);
        LoadResult back = loadBytes(md.out.toStdString(), "export.md");
        QVERIFY2(back.data, back.error.c_str());
        const auto rows = nlohmann::ordered_json::parse(json.out.toStdString());
        const auto &t = back.data->queryResults;
        QCOMPARE(t.query, query.toStdString());
        QCOMPARE(t.columns, (std::vector<std::string> { "bin(30m)", "n", "maxMs" }));
        QCOMPARE(t.rows.size(), rows.size());
        QVERIFY(rows.size() > 3);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            QCOMPARE(t.rows[r][0], rows[r]["bin(30m)"].get<std::string>());
            QCOMPARE(std::stoll(t.rows[r][1]), rows[r]["n"].get<long long>());
            QCOMPARE(std::stod(t.rows[r][2]), rows[r]["maxMs"].get<double>());
        }
    }

    // 2 and 3. Console copies: the old table pasted as Markdown, the 2024 and 2025 copies.
    void consoleCopies_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("expectedEvents"); // counted from the file by the rule of its shape
        const QByteArray copy2025 = testutil::readAll(pasted("console-copy-2025.log"));
        const QByteArray copy2024 = testutil::readAll(pasted("console-copy-2024.log"));
        const QByteArray table = testutil::readAll(pasted("console-table-2022.md"));
        const QRegularExpression bareTime(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(Z|[+-]\\d\\d:\\d\\d)$"));
        const QRegularExpression tabTime(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(Z|[+-]\\d\\d:\\d\\d)\\t"));
        const QRegularExpression row(QStringLiteral("^ *\\| \\d{4}-\\d\\d-\\d\\dT[0-9:.]+[+-]\\d\\d:\\d\\d \\| "));
        auto count = [](const QByteArray &text, const QRegularExpression &re) {
            int n = 0;
            for (const QByteArray &l : text.split('\n'))
                n += re.match(QString::fromUtf8(l)).hasMatch();
            return n;
        };
        QTest::newRow("2025: time line, raw, collapsed repeat")
            << pasted("console-copy-2025.log") << "cloudwatch-console-copy" << count(copy2025, bareTime);
        QTest::newRow("2024: time<TAB>message rows, expanded with Copy")
            << pasted("console-copy-2024.log") << "cloudwatch-console-copy"
            << count(copy2024, bareTime) + count(copy2024, tabTime);
        QTest::newRow("old console table pasted as Markdown")
            << pasted("console-table-2022.md") << "cloudwatch-console-table" << count(table, row);
    }
    void consoleCopies()
    {
        QFETCH(QString, path);
        QFETCH(QString, format);
        QFETCH(int, expectedEvents);
        QCOMPARE(expectedEvents, 165); // the generator's event count: each event once
        auto d = loadOk(path);
        QVERIFY(d);
        QCOMPARE(QString::fromStdString(d->format), format);
        QCOMPARE(d->events.size(), std::size_t(expectedEvents));
        QCOMPARE(d->skippedLines, std::uint64_t(0));
        for (std::size_t e = 0; e < d->events.size(); ++e) {
            QVERIFY2(!trim(d->message(e)).empty(), "an empty event");
            QVERIFY(d->events.time[e] != kNoTime);
            QVERIFY(!(d->events.flags[e] & EventFlag::TimeEstimated)); // every event carries its own time
        }
        // The column after the pipe / the time line is the event's time, with its UTC offset.
        QCOMPARE(d->events.time[0], parseTimestamp("2022-10-04T16:23:01.595Z")->ms);
        QCOMPARE(d->events.kind[0], EventKind::InitStart);
        const Summary s = summarize(*d);
        QCOMPARE(s.invocations, std::size_t(3));
        QCOMPARE(s.coldStarts, std::size_t(1));
        QCOMPARE(s.timeouts, std::size_t(1));
        QCOMPARE(s.errors, std::size_t(1)); // the runtime's "[ERROR] KeyError" record
        QCOMPARE(s.initDuration.max, 161.68);
        // The importtime lines (one event each) make the same tree as the real capture,
        // linked to the cold start.
        QCOMPARE(d->runs.size(), std::size_t(1));
        QCOMPARE(shape(*d, d->runs[0]), referenceShape("yaml-jinja2.log"));
        QCOMPARE(std::string(d->events.requests.view(d->runs[0].request)), std::string(kRequest1));
        // summary, events and query count the same events.
        const auto sum = testutil::cli({ QStringLiteral("summary"), path, QStringLiteral("--json") });
        const auto events = testutil::cli({ QStringLiteral("events"), path, QStringLiteral("--json") });
        const auto query = testutil::cli(
            { QStringLiteral("query"), path, QStringLiteral("stats count(*) as n, count(@requestId) as withRequest"),
                QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(sum.code, 0);
        QCOMPARE(events.code, 0);
        QCOMPARE(query.code, 0);
        QCOMPARE(nlohmann::json::parse(sum.out.toStdString())["events"].get<int>(), expectedEvents);
        QCOMPARE(int(events.out.count('\n')), expectedEvents);
        QCOMPARE(nlohmann::json::parse(query.out.toStdString())[0]["n"].get<int>(), expectedEvents);
    }

    void consoleCopyDetectedUnderPageText()
    {
        // A selection from the top of the page (2025): the page's own text outweighs the
        // two events, which are still found, and none of it becomes an event.
        const std::string rid = kRequest1;
        std::string text
            = "Back to top\nLog events  \n\nActions\nStart tailing\nCreate metric filter\nYou can use the "
              "filter bar below to search for and match terms, phrases, or values in your log events. Learn "
              "more about filter patterns \n\n1m\n1h\n\nClear\n\nLocal timezone\nDisplay\n\nTimestamp\n\t\n"
              "Message\n\nTimestamp\n\t\nMessage\n\nNo older events at this moment. \nRetry\n";
        text += "2025-05-30T21:58:40.335-06:00\nSTART RequestId: " + rid + " Version: $LATEST\nSTART RequestId: " + rid
            + " Version: $LATEST\n2025-05-30T21:58:41.514-06:00\nREPORT RequestId: " + rid
            + "\tDuration: 1177.96 ms\tBilled Duration: 1178 ms\tMemory Size: 128 MB\tMax Memory Used: 91 MB\tInit "
              "Duration: 539.31 ms\t\nREPORT RequestId: "
            + rid
            + " Duration: 1177.96 ms Billed Duration: 1178 ms Memory Size: 128 MB Max Memory Used: 91 MB Init "
              "Duration: "
              "539.31 ms\n";
        LoadResult r = loadBytes(text, "copy.txt");
        QVERIFY(r.data);
        QCOMPARE(r.data->format, std::string("cloudwatch-console-copy"));
        QCOMPARE(r.data->events.size(), std::size_t(2));
        QCOMPARE(r.data->invocations.size(), std::size_t(1));
        QCOMPARE(r.data->reportOf(r.data->invocations[0]).initDurationMs, 539.31);
        QCOMPARE(r.data->events.time[1], parseTimestamp("2025-05-31T03:58:41.514Z")->ms);
    }

    void consoleTableWithEpochMilliseconds()
    {
        // Rows "| <epoch ms> | <message> |", also without a header row; the same time on
        // several rows (a multi-line print split by the runtime) stays several events.
        const std::string rid = kRequest1;
        const std::string text = "| 1701787103739 | INIT_START Runtime Version: provided:al2.v27 Runtime Version ARN: "
                                 "arn:aws:lambda:eu-central-1::runtime:2314d913   |\n"
                                 "| 1701787103873 | General(logLevel: info))   |\n"
                                 "| 1701787103873 | Lifecycle(id: 92791806392, maxTimes: 0, stopSignal: TERM)   |\n"
                                 "| 1701787104050 | REPORT RequestId: "
            + rid
            + " Duration: 134.84 ms Billed Duration: 310 ms Memory Size: 128 MB Max Memory Used: 38 MB Init "
              "Duration: 174.16 ms   |\n";
        LoadResult r = loadBytes(text, "table.md");
        QVERIFY(r.data);
        QCOMPARE(r.data->format, std::string("cloudwatch-console-table"));
        QCOMPARE(r.data->events.size(), std::size_t(4));
        QCOMPARE(r.data->events.time[1], TimeMs(1701787103873));
        QCOMPARE(std::string(r.data->message(1)), std::string("General(logLevel: info))"));
        QCOMPARE(r.data->invocations.size(), std::size_t(1));
        QCOMPARE(r.data->reportOf(r.data->invocations[0]).initDurationMs, 174.16);
    }

    void consoleCopyOfJsonFormat()
    {
        // Pretty JSON, a blank line, the compact record: one event, the record itself.
        auto d = loadOk(pasted("console-copy-json.log"));
        QVERIFY(d);
        QCOMPARE(d->events.size(), std::size_t(4));
        QCOMPARE(d->events.kind[0], EventKind::PlatformInitStart);
        QCOMPARE(d->events.kind[3], EventKind::PlatformReport);
        QVERIFY(d->message(3).find('\n') == std::string_view::npos);
        const Summary s = summarize(*d);
        QCOMPARE(s.coldStarts, std::size_t(1));
        QCOMPARE(s.initDuration.max, 888.37);
        QCOMPARE(std::string(d->functionOfStream(d->invocations[0].stream)), std::string("orders"));
    }

    void timeLineNeverSwallowsTheNextLine()
    {
        // In a timestamped file (S3 export, tail --format short) a line holding only a
        // time gives it to the next line, which stays an event of its own.
        const std::string text = "2024-06-01T00:00:00.000Z START RequestId: " + std::string(kRequest1)
            + " Version: $LATEST\n2024-06-01T00:00:00.100Z\nimport time:       100 |        100 | json\n"
              "2024-06-01T00:00:00.200Z END RequestId: "
            + kRequest1 + "\n2024-06-01T00:00:00.300Z REPORT RequestId: " + kRequest1
            + "\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB\n";
        LoadResult r = loadBytes(text, "short.log");
        QVERIFY(r.data);
        QCOMPARE(r.data->events.size(), std::size_t(4));
        QCOMPARE(r.data->events.kind[1], EventKind::ImportLine);
        QCOMPARE(r.data->events.time[1], parseTimestamp("2024-06-01T00:00:00.100Z")->ms);
        QCOMPARE(r.data->runs.size(), std::size_t(1));
    }

    // 4. Node.js INIT errors: request id "undefined", the error as multi-line JSON.
    void nodeInitUncaughtException()
    {
        auto d = loadOk(pasted("node-init-uncaught-exception.log"));
        QVERIFY(d);
        QCOMPARE(d->events.size(), std::size_t(10)); // the pretty JSON stays inside its record
        QCOMPARE(d->skippedLines, std::uint64_t(0));
        QCOMPARE(d->events.kind[1], EventKind::AppLog);
        QCOMPARE(d->events.level[1], Level::Error);
        QCOMPARE(d->events.request[1], 0u);
        QCOMPARE(d->events.time[1], parseTimestamp("2023-08-15T18:18:53.309Z")->ms);
        QVERIFY(!(d->events.flags[1] & EventFlag::TimeEstimated));
        QVERIFY(d->message(1).substr(d->message(1).size() - 1) == "}");
        QCOMPARE(d->events.kind[4], EventKind::AppLog); // the compact form too
        const Summary s = summarize(*d);
        QCOMPARE(s.initPhases, std::size_t(2));
        QCOMPARE(s.initErrors, std::size_t(2));
        QCOMPARE(s.invocations, std::size_t(1));
        QCOMPARE(s.errors, std::size_t(1));
        QCOMPARE(
            std::string(d->events.strings.view(d->invocations[0].errorType)), std::string("Runtime.ImportModuleError"));
        const auto j = testutil::cli(
            { QStringLiteral("summary"), pasted("node-init-uncaught-exception.log"), QStringLiteral("--json") });
        const auto sj = nlohmann::json::parse(j.out.toStdString());
        QCOMPARE(sj["init_errors"].get<int>(), 2);
        QCOMPARE(sj["init_timeouts"].get<int>(), 0);
    }

    // 5. UTF-16: PowerShell 5.1's "2>" (BOM, CRLF, error-record wrapper, cut lines), and
    // UTF-16 without a BOM or big-endian.
    void utf16FromPowerShell()
    {
        auto d = loadOk(pasted("powershell-utf16le.log"));
        QVERIFY(d);
        QCOMPARE(d->format, std::string("importtime+utf16"));
        QCOMPARE(d->skippedLines, std::uint64_t(0));
        QCOMPARE(d->runs.size(), std::size_t(1));
        QCOMPARE(shape(*d, d->runs[0]), referenceShape("sqlalchemy-orm.log"));
        QVERIFY(std::any_of(d->notes.begin(), d->notes.end(),
            [](const std::string &n) { return n.find("re-joined 19 importtime lines") != std::string::npos; }));
        for (std::size_t e = 0; e < d->events.size(); ++e)
            QVERIFY2(d->events.kind[e] == EventKind::ImportLine || d->events.kind[e] == EventKind::ImportHeader,
                std::string(d->message(e)).c_str()); // nothing of PowerShell's wrapper is left
    }

    void utf16Variants_data()
    {
        QTest::addColumn<bool>("bigEndian");
        QTest::addColumn<bool>("bom");
        QTest::newRow("LE with BOM") << false << true;
        QTest::newRow("LE without BOM") << false << false;
        QTest::newRow("BE with BOM") << true << true;
        QTest::newRow("BE without BOM") << true << false;
    }
    void utf16Variants()
    {
        QFETCH(bool, bigEndian);
        QFETCH(bool, bom);
        const QByteArray utf8 = testutil::readAll(testutil::fixture(QStringLiteral("importtime/pandas.log")));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("imports.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(utf16(utf8, bigEndian, bom));
        f.close();
        auto d = loadOk(path);
        QVERIFY(d);
        QCOMPARE(shape(*d, d->runs[0]), referenceShape("pandas.log"));
        // In memory (loadBytes) the same.
        LoadResult mem = loadBytes(utf16(utf8, bigEndian, bom).toStdString(), "imports.txt");
        QVERIFY(mem.data);
        QCOMPARE(shape(*mem.data, mem.data->runs[0]), referenceShape("pandas.log"));
    }

    void binaryIsStillBinary()
    {
        QByteArray junk;
        for (int i = 0; i < 4096; ++i)
            junk += char((i * 7919 + 13) % 256);
        LoadResult r = loadBytes(junk.toStdString(), "junk.bin");
        QVERIFY(!r.data);
        QVERIFY2(r.error.find("binary data") != std::string::npos, r.error.c_str());
    }

    // 6. print(event) of a dict is text; only what looks like a JSON record and fails counts.
    void pythonReprLinesAreText()
    {
        auto d = loadOk(pasted("python-repr-lines.log"));
        QVERIFY(d);
        QCOMPARE(d->events.size(), std::size_t(7));
        QCOMPARE(d->skippedLines, std::uint64_t(1));
        QCOMPARE(d->diagnostics.size(), std::size_t(1));
        QCOMPARE(d->diagnostics[0].line, 5u); // the cut JSON record
        for (std::size_t e : { 1, 2, 3 }) {
            QCOMPARE(d->events.kind[e], EventKind::Text);
            QVERIFY(!(d->events.flags[e] & EventFlag::Damaged));
        }
    }

    // 7. Interleaved importtime tables: the parent is the nearest following line exactly
    // one level less indented (tuna's test_importprofile_multiprocessing).
    void interleavedImporttimeLikeTuna()
    {
        auto d = loadOk(pasted("multiprocessing-interleaved.log"));
        QVERIFY(d);
        QCOMPARE(d->runs.size(), std::size_t(1));
        const ImportRun &run = d->runs[0];
        std::map<std::string, std::string> parent;
        for (const ImportNode &n : run.nodes)
            parent[std::string(d->moduleName(n))]
                = n.parent < 0 ? "" : std::string(d->moduleName(run.nodes[std::size_t(n.parent)]));
        QCOMPARE(parent["a"], std::string());
        QCOMPARE(parent["b"], std::string("a"));
        QCOMPARE(parent["c"], std::string("b"));
        QCOMPARE(parent["d"], std::string("a"));
        QCOMPARE(parent["e"], std::string("c")); // two levels deeper than "d" after it
        QCOMPARE(run.maxDepth, 3);
        QCOMPARE(run.imports, std::int64_t(5));
    }

    // 8. Log events under any key, or a top-level array; the key is named.
    void logEventsUnderAnyKey_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("note");
        QTest::newRow("payload") << pasted("events-payload-key.json") << "the \"payload\" array";
        QTest::newRow("results") << pasted("events-results-key.json") << "the \"results\" array";
        QTest::newRow("top-level array") << pasted("events-top-level-array.json") << "a top-level JSON array";
    }
    void logEventsUnderAnyKey()
    {
        QFETCH(QString, path);
        QFETCH(QString, note);
        auto d = loadOk(path);
        QVERIFY(d);
        QCOMPARE(d->format, std::string("log-events-json"));
        QCOMPARE(d->events.size(), std::size_t(3));
        QCOMPARE(d->events.time[0], parseTimestamp("2022-10-04T16:23:01.595Z")->ms); // ISO or epoch ms
        QCOMPARE(d->invocations.size(), std::size_t(1));
        QVERIFY(d->invocations[0].cold);
        QCOMPARE(d->notes.size(), std::size_t(1));
        QVERIFY2(d->notes[0].find(note.toStdString()) != std::string::npos, d->notes[0].c_str());
        const auto text = testutil::cli({ QStringLiteral("summary"), path });
        QVERIFY(text.out.contains(note.toUtf8()));
    }

    void queryResultsStillQueryResults()
    {
        // "results" as lists of {field, value} is get-query-results, not log events.
        LoadResult r = loadBytes(
            R"({"results":[[{"field":"@timestamp","value":"2024-06-01 00:00:00.000"},{"field":"n","value":"3"}]],"status":"Complete"})",
            "q.json");
        QVERIFY(r.data);
        QCOMPARE(r.data->format, std::string("get-query-results"));
    }

    // 9. Errors only where the log says so.
    void errorsInTextLogs()
    {
        // REPORT without a status: a handled logger.exception() traceback fails nothing;
        // the runtime's "[ERROR] KeyError: ..." record does; "Status: error" does.
        auto d = loadOk(pasted("errors-text.log"));
        QVERIFY(d);
        QCOMPARE(statuses(*d), (std::vector<Status> { Status::Success, Status::Error, Status::Error }));
        QCOMPARE(std::string(d->events.strings.view(d->invocations[1].errorType)), std::string("KeyError"));
        QCOMPARE(std::string(d->events.strings.view(d->invocations[2].errorType)), std::string("Runtime.ExitError"));
        QCOMPARE(summarize(*d).errors, std::size_t(2));
    }

    void errorsInJsonLogs()
    {
        // platform.report's status decides: a "log_level" key alone, or a handled
        // logger.exception() record with errorType, leave a successful invocation alone.
        auto d = loadOk(pasted("errors-json.log"));
        QVERIFY(d);
        QCOMPARE(statuses(*d), (std::vector<Status> { Status::Success, Status::Success, Status::Error }));
        QCOMPARE(summarize(*d).errors, std::size_t(1));
    }

    void runtimeRecordWithoutStatusFails()
    {
        // Text logs older than REPORT's Status field: the runtime's record alone marks it.
        const std::string rid = kRequest1;
        const std::string text = "START RequestId: " + rid
            + " Version: $LATEST\n[ERROR] Runtime.ImportModuleError: "
              "Unable to import module 'app': No module named 'yaml'\nTraceback (most recent call last):\nEND "
              "RequestId: "
            + rid + "\nREPORT RequestId: " + rid
            + "\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\t"
              "Max Memory Used: 50 MB\t\n";
        LoadResult r = loadBytes(text, "old.log");
        QVERIFY(r.data);
        QCOMPARE(statuses(*r.data), (std::vector<Status> { Status::Error }));
    }

    void initFailuresInSummaryJson()
    {
        // "init_timeouts" and "init_errors" follow "errors" (platform.initReport status here).
        const QString path = testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log"));
        const auto r = testutil::cli({ QStringLiteral("summary"), path, QStringLiteral("--json") });
        QCOMPARE(r.code, 0);
        const auto j = nlohmann::json::parse(r.out.toStdString());
        const auto truth = nlohmann::json::parse(
            testutil::readAll(testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.truth.json")))
                .toStdString());
        QCOMPARE(j["init_timeouts"].get<std::size_t>(), truth["init_timeouts"].get<std::size_t>());
        QVERIFY(truth["init_timeouts"].get<std::size_t>() > 0);
        QCOMPARE(j["init_errors"].get<std::size_t>(), std::size_t(0));
        const auto text = testutil::cli({ QStringLiteral("summary"), path });
        QVERIFY(text.out.contains(QStringLiteral("init timeouts: %1").arg(truth["init_timeouts"].get<int>()).toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TstPasted)
#include "tst_pasted.moc"
