// SPDX-License-Identifier: MIT
// Every input format: detection by content, the generated Lambda logs against the
// generator's ground truth, containers, gzip, and bad input.
#include "logfingerprint.h"
#include "testutil.h"

#include "loader.h"
#include "summary.h"

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <set>

using namespace coldscope;

namespace {

LoadResult load(const QString &path)
{
    return loadFile(path.toStdString());
}

void gzipTo(const QString &path, const QByteArray &data, int members = 1)
{
    gzFile gz = gzopen(path.toLocal8Bit().constData(), "wb");
    QVERIFY(gz);
    const qsizetype step = (data.size() + members - 1) / members;
    for (int m = 0; m < members; ++m) {
        const QByteArray part = data.mid(m * step, step);
        if (m > 0) { // a new gzip member, as `cat a.gz b.gz` makes
            gzclose(gz);
            gz = gzopen(path.toLocal8Bit().constData(), "ab");
        }
        gzwrite(gz, part.constData(), unsigned(part.size()));
    }
    gzclose(gz);
}

std::size_t distinctStreams(const LogData &d)
{
    std::set<std::uint32_t> s;
    for (const Invocation &inv : d.invocations)
        s.insert(inv.stream);
    for (const InitPhase &p : d.initPhases)
        s.insert(p.stream);
    return s.size();
}

// Failed invocations by the README's rule, read straight from the file: the REPORT /
// platform.report status when it has one (error, failure), else the runtime's own
// unhandled-error record ("[ERROR] <Type>: ..." without a time) inside the request.
// The generator's truth counts its logger.exception() records as errors; those are
// handled errors the log does not call failures (issue #9).
std::size_t referenceErrors(const QString &path)
{
    QStringList messages;
    const QByteArray raw = testutil::readAll(path);
    if (raw.trimmed().startsWith('{') && raw.contains("\"events\"")) {
        const nlohmann::json doc = nlohmann::json::parse(raw.toStdString());
        for (const auto &e : doc["events"])
            messages << QString::fromStdString(e["message"].get<std::string>());
    } else {
        for (const QByteArray &l : raw.split('\n'))
            messages << QString::fromUtf8(l);
    }
    static const QRegularExpression start(QStringLiteral("^START RequestId: (\\S+)"));
    static const QRegularExpression report(QStringLiteral("^REPORT RequestId: (\\S+).*\\bStatus: (error|failure)"));
    static const QRegularExpression runtimeRecord(QStringLiteral("^\\[ERROR\\] [A-Za-z_.]+: "));
    std::set<QString> failed;
    QString current;
    for (const QString &m : messages) {
        if (auto s = start.match(m); s.hasMatch())
            current = s.captured(1);
        else if (auto r = report.match(m); r.hasMatch())
            failed.insert(r.captured(1));
        else if (runtimeRecord.match(m).hasMatch() && !current.isEmpty())
            failed.insert(current);
        else if (m.startsWith(QLatin1Char('{')) && m.contains(QLatin1String("\"platform.report\""))) {
            const auto j = nlohmann::json::parse(m.toStdString());
            const std::string st = j["record"].value("status", "");
            if (st == "error" || st == "failure")
                failed.insert(QString::fromStdString(j["record"]["requestId"].get<std::string>()));
        }
    }
    return failed.size();
}

} // namespace

class TstFormats : public QObject
{
    Q_OBJECT
private slots:
    void generatedLogsMatchTruth_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        const QString dir = QStringLiteral("lambda/generated/");
        QTest::newRow("text-200") << testutil::fixture(dir + "text-200-seed1.log") << "lambda-text";
        QTest::newRow("json-200") << testutil::fixture(dir + "json-200-seed1.log") << "lambda-json";
        QTest::newRow("mixed-400") << testutil::fixture(dir + "mixed-400-seed1.log") << "lambda-mixed";
        QTest::newRow("filter-log-events-200")
            << testutil::fixture(dir + "filter-log-events-200-seed1.json") << "filter-log-events";
        QTest::newRow("text-importtime-6000")
            << testutil::fixture(dir + "text-importtime-6000-seed2.log") << "lambda-text";
        QTest::newRow("json-importtime-6000")
            << testutil::fixture(dir + "json-importtime-6000-seed2.log") << "lambda-json";
    }
    void generatedLogsMatchTruth()
    {
        QFETCH(QString, path);
        QFETCH(QString, format);
        QString truthPath = path;
        truthPath.replace(QRegularExpression(QStringLiteral("\\.(log|json)$")), QStringLiteral(".truth.json"));
        const auto truth = nlohmann::json::parse(testutil::readAll(truthPath).toStdString());
        LoadResult r = load(path);
        QVERIFY2(r.data, r.error.c_str());
        const LogData &d = *r.data;
        QCOMPARE(QString::fromStdString(d.format), format);
        QCOMPARE(d.skippedLines, std::uint64_t(0));
        QCOMPARE(d.events.size(), truth["events"].get<std::size_t>());
        // Lines as an editor numbers them (a final newline ends the last line), pretty-printed JSON included.
        const QList<QByteArray> fileLines = testutil::readAll(path).split('\n');
        QCOMPARE(d.lines, std::uint64_t(fileLines.size() - (fileLines.last().isEmpty() ? 1 : 0)));
        const Summary s = summarize(d);
        QCOMPARE(s.invocations, truth["invocations"].get<std::size_t>());
        QCOMPARE(s.coldStarts, truth["cold_starts_with_invocation"].get<std::size_t>());
        QCOMPARE(s.timeouts, truth["timeouts"].get<std::size_t>());
        QCOMPARE(s.errors, referenceErrors(path));
        if (format == QLatin1String("lambda-json")) // JSON logs say it in platform.report, as the generator meant
            QCOMPARE(s.errors, truth["errors"].get<std::size_t>());
        QCOMPARE(s.initPhases, truth["init_phases_total"].get<std::size_t>());
        QCOMPARE(s.initTimeouts, truth["init_timeouts"].get<std::size_t>());
        QCOMPARE(distinctStreams(d), truth["log_streams"].get<std::size_t>());
        QCOMPARE(s.initDuration.count, truth["init_duration_ms"]["count"].get<std::size_t>());
        QVERIFY(std::abs(s.initDuration.avg - truth["init_duration_ms"]["avg"].get<double>()) < 0.001);
        QCOMPARE(s.initDuration.max, truth["init_duration_ms"]["max"].get<double>());
        const auto &nr = truth["duration_ms"]["nearest_rank"];
        QCOMPARE(s.duration.p50, nr["p50"].get<double>());
        QCOMPARE(s.duration.p90, nr["p90"].get<double>());
        QCOMPARE(s.duration.p99, nr["p99"].get<double>());
        QCOMPARE(s.duration.max, truth["duration_ms"]["max"].get<double>());
        // Every invocation has a time once loaded (plain text lines borrow it from neighbours).
        for (const Invocation &inv : d.invocations)
            QVERIFY(inv.start != kNoTime);
        // Import tables in the log: one run per successful cold start, linked to it.
        if (!truth["args"]["importtime"].is_null()) {
            QVERIFY(!d.runs.empty());
            std::size_t linked = 0;
            for (const ImportRun &run : d.runs)
                linked += run.invocation >= 0 && d.invocations[std::size_t(run.invocation)].cold;
            QCOMPARE(linked, truth["cold_starts_with_invocation"].get<std::size_t>());
        }
    }

    void variantsHoldTheSameRun_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("original");
        QTest::addColumn<QString>("format");
        for (const char *base : { "boto3-json-numpy-requests", "lambda-python3.12-sam-local" }) {
            const QString orig = testutil::fixture(QStringLiteral("importtime/%1.log").arg(QLatin1String(base)));
            QTest::newRow(qPrintable(QStringLiteral("%1 tail-detailed").arg(QLatin1String(base)))) << testutil::fixture(
                QStringLiteral("variants/%1.tail-detailed.log").arg(QLatin1String(base))) << orig << "aws-logs-tail";
            QTest::newRow(qPrintable(QStringLiteral("%1 tail-short").arg(QLatin1String(base)))) << testutil::fixture(
                QStringLiteral("variants/%1.tail-short.log").arg(QLatin1String(base))) << orig << "timestamped";
            QTest::newRow(qPrintable(QStringLiteral("%1 filter-log-events").arg(QLatin1String(base))))
                << testutil::fixture(QStringLiteral("variants/%1.filter-log-events.json").arg(QLatin1String(base)))
                << orig << "filter-log-events";
            QTest::newRow(qPrintable(QStringLiteral("%1 interleaved").arg(QLatin1String(base))))
                << testutil::fixture(QStringLiteral("variants/%1.interleaved-print.log").arg(QLatin1String(base)))
                << orig << "importtime";
        }
    }
    void variantsHoldTheSameRun()
    {
        QFETCH(QString, variant);
        QFETCH(QString, original);
        QFETCH(QString, format);
        const auto ref = testutil::referenceImportLines(testutil::readAll(original));
        LoadResult r = load(variant);
        QVERIFY2(r.data, r.error.c_str());
        QCOMPARE(QString::fromStdString(r.data->format), format);
        QCOMPARE(r.data->skippedLines, std::uint64_t(0));
        QCOMPARE(r.data->runs.size(), std::size_t(1));
        const ImportRun &run = r.data->runs.front();
        qint64 sum = 0;
        for (const auto &l : ref)
            sum += l.self;
        QCOMPARE(run.imports, qint64(ref.size()));
        QCOMPARE(run.totalSelfUs, sum);
        if (format == "aws-logs-tail" || format == "filter-log-events") {
            QCOMPARE(QString::fromUtf8(
                         r.data->streamName(run.stream).data(), qsizetype(r.data->streamName(run.stream).size())),
                QStringLiteral("2024/06/01/[$LATEST]5f1c0ffee0ddba11cafe0123456789ab"));
            QVERIFY(run.time != kNoTime);
        }
        if (format == "filter-log-events") { // INIT_START ... REPORT with Init Duration: the run is that cold start
            QVERIFY(run.request != 0);
            QCOMPARE(r.data->invocations.size(), std::size_t(1));
            QVERIFY(r.data->invocations.front().cold);
            QCOMPARE(r.data->invocations.front().importRun, 0);
        }
    }

    void realInterleavedOutput()
    {
        const QString path = testutil::fixture(QStringLiteral("variants/real-interleaved-stdout-stderr.log"));
        const auto ref = testutil::referenceImportLines(testutil::readAll(path));
        LoadResult r = load(path);
        QVERIFY(r.data);
        QCOMPARE(r.data->runs.size(), std::size_t(1));
        QCOMPARE(r.data->runs.front().imports, qint64(ref.size()));
        QCOMPARE(r.data->skippedLines, std::uint64_t(0));
    }

    void everyFixtureOpens()
    {
        QStringList all;
        for (const QString &dir : { QStringLiteral("importtime"), QStringLiteral("compare"), QStringLiteral("variants"),
                 QStringLiteral("lambda/generated") })
            all += testutil::fixtures(dir, { QStringLiteral("*.log"), QStringLiteral("*.json") });
        QVERIFY(all.size() >= 40);
        for (const QString &f : all) {
            if (f.endsWith(QLatin1String(".truth.json")))
                continue;
            LoadResult r = load(f);
            QVERIFY2(r.data, qPrintable(f + ": " + QString::fromStdString(r.error)));
            // The number of events, counted from the file by its own rule: the "events"
            // array of a JSON response, the generator's truth for generated logs, one
            // event a non-blank line for captured stderr and its variants.
            const QByteArray raw = testutil::readAll(f);
            QString truthPath = f;
            truthPath.replace(QRegularExpression(QStringLiteral("\\.(log|json)$")), QStringLiteral(".truth.json"));
            std::size_t expected = 0;
            if (QFile::exists(truthPath)) {
                expected
                    = nlohmann::json::parse(testutil::readAll(truthPath).toStdString())["events"].get<std::size_t>();
            } else if (f.endsWith(QLatin1String(".json"))) {
                expected = nlohmann::json::parse(raw.toStdString())["events"].size();
            } else {
                for (const QByteArray &line : raw.split('\n'))
                    expected += !line.trimmed().isEmpty();
            }
            QCOMPARE(r.data->events.size(), expected);
        }
    }

    // The documentation's verbatim examples: many are not logs (JSON policies,
    // shell), but none may crash or hang, and the log-shaped ones must parse.
    void documentationSamples()
    {
        const QStringList docs
            = testutil::fixtures(QStringLiteral("lambda/docs/archived-devguide-2023-10"), { QStringLiteral("*.txt") });
        QVERIFY(docs.size() >= 40);
        int reports = 0;
        for (const QString &f : docs) {
            LoadResult r = load(f);
            if (r.data)
                for (const Invocation &inv : r.data->invocations)
                    reports += inv.hasReport();
        }
        QVERIFY2(reports >= 3, qPrintable(QString::number(reports)));
        LoadResult timeout
            = load(testutil::fixture(QStringLiteral("lambda/docs/blog-kakakakakku-init-report-timeout.txt")));
        QVERIFY(timeout.data);
        QCOMPARE(timeout.data->initPhases.size(), std::size_t(1));
        QCOMPARE(timeout.data->initPhases.front().status, Status::Timeout);
        QVERIFY(timeout.data->initPhases.front().durationMs > 10000);
    }

    void gzip()
    {
        QTemporaryDir tmp;
        const QString src = testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log"));
        const QByteArray raw = testutil::readAll(src);
        const QString gz = tmp.filePath(QStringLiteral("000000.gz"));
        gzipTo(gz, raw);
        LoadResult a = load(src), b = load(gz);
        QVERIFY(a.data && b.data);
        QCOMPARE(QString::fromStdString(b.data->format), QStringLiteral("lambda-json+gzip"));
        QCOMPARE(b.data->events.size(), a.data->events.size());
        QCOMPARE(summarize(*b.data).duration.p90, summarize(*a.data).duration.p90);
        // Several gzip members, as concatenated S3 export parts.
        const QString multi = tmp.filePath(QStringLiteral("multi.gz"));
        gzipTo(multi, raw, 3);
        LoadResult c = load(multi);
        QVERIFY(c.data);
        QCOMPARE(c.data->events.size(), a.data->events.size());
        // A download cut short: what was read loads, with a warning.
        QFile full(gz);
        QVERIFY(full.open(QIODevice::ReadOnly));
        const QByteArray bytes = full.readAll();
        const QString cut = tmp.filePath(QStringLiteral("cut.gz"));
        QFile out(cut);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes.left(bytes.size() / 2));
        out.close();
        LoadResult dmg = load(cut);
        QVERIFY(dmg.data);
        QVERIFY(!dmg.data->warnings.empty());
        QVERIFY(dmg.data->events.size() > 0);
        QVERIFY(dmg.data->events.size() < a.data->events.size());
        QVERIFY(QFileInfo(src).isFile()); // input untouched
    }

    void notALog()
    {
        QTemporaryDir tmp;
        auto write = [&](const QString &name, const QByteArray &data) {
            QFile f(tmp.filePath(name));
            f.open(QIODevice::WriteOnly);
            f.write(data);
            return f.fileName();
        };
        LoadResult r = load(write(QStringLiteral("bin.log"),
            QByteArray("\x7f"
                       "ELF\x02\x01\x01\0\0\0",
                10)));
        QVERIFY(!r.data);
        QVERIFY(QString::fromStdString(r.error).contains(QLatin1String("not a log file")));
        r = load(write(QStringLiteral("empty.log"), QByteArray()));
        QVERIFY(!r.data);
        QVERIFY(QString::fromStdString(r.error).contains(QLatin1String("empty")));
        r = load(write(QStringLiteral("prose.txt"), "Hello.\nThis is a letter, not a log.\n"));
        QVERIFY(!r.data);
        QVERIFY(QString::fromStdString(r.error).contains(QLatin1String("not a Lambda or importtime log")));
        r = load(tmp.filePath(QStringLiteral("missing.log")));
        QVERIFY(!r.data);
        QVERIFY(QString::fromStdString(r.error).contains(QLatin1String("missing.log")));
        r = load(tmp.path());
        QVERIFY(!r.data);
        QVERIFY(QString::fromStdString(r.error).contains(QLatin1String("directory")));
    }

    void badLinesAreReportedAndTheRestLoads()
    {
        QByteArray text = testutil::readAll(testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        QList<QByteArray> lines = text.split('\n');
        lines[9]
            = "{\"time\":\"2024-06-01T00:00:01.036Z\",\"type\":\"platform.report\",\"record\":{\"requestId\""; // cut
                                                                                                               // JSON
        lines[20] = "import time:      12x4 |        144 |   broken";
        lines[30] = "REPORT RequestId: nope";
        LoadResult r = loadBytes(lines.join('\n').toStdString(), "bad.log");
        QVERIFY(r.data);
        QCOMPARE(r.data->skippedLines, std::uint64_t(3));
        QCOMPARE(r.data->diagnostics.size(), std::size_t(3));
        QCOMPARE(r.data->diagnostics[0].line, std::uint32_t(10));
        QVERIFY(QString::fromStdString(r.data->diagnostics[0].message).contains(QLatin1String("JSON")));
        QCOMPARE(r.data->diagnostics[1].line, std::uint32_t(21));
        QCOMPARE(r.data->diagnostics[2].line, std::uint32_t(31));
        // Nothing lost: the damaged lines stay as text events.
        QCOMPARE(r.data->events.size(), std::size_t(lines.size() - (lines.last().isEmpty() ? 1 : 0)));
    }

    void garbageNeverCrashes()
    {
        // Deterministic pseudo-random junk mixed with real line starts.
        std::string junk;
        std::uint32_t x = 12345;
        const char *starts[] = { "import time: ", "REPORT RequestId: ", "{\"type\":\"platform.", "[ERROR]\t",
            "INIT_REPORT ", "START RequestId: ", "\t", "Traceback (most recent call last):", "{", "{\"events\":[" };
        for (int i = 0; i < 20000; ++i) {
            x = x * 1103515245u + 12345u;
            junk += starts[(x >> 16) % 10];
            const int n = int((x >> 8) % 60);
            for (int k = 0; k < n; ++k) {
                x = x * 1103515245u + 12345u;
                const char c = char(32 + (x >> 16) % 95);
                junk += c;
            }
            junk += (x & 1) ? "\n" : "\r\n";
        }
        LoadResult r = loadBytes(junk, "junk");
        QVERIFY(r.data || !r.error.empty());
        LoadResult j = loadBytes("{\"events\":[{\"message\":\"x\"},{\"logStreamName\":1},", "cut-container");
        QVERIFY(j.data || !j.error.empty());
    }

    void queryResultsAndExports()
    {
        // aws logs get-query-results, as documented (values are strings; memory in bytes).
        const std::string json = R"({"results":[[{"field":"@timestamp","value":"2024-05-19 06:10:35.743"},
            {"field":"@message","value":"REPORT RequestId: 4ce9340a-b765-490f-ad8a-02ab3415e2bf\tDuration: 26.73 ms\tBilled Duration: 27 ms\tMemory Size: 128 MB\tMax Memory Used: 75 MB\t\n"},
            {"field":"@ptr","value":"Cm4KNQ"}],
            [{"field":"@timestamp","value":"2024-05-19 06:11:00.000"},{"field":"@type","value":"REPORT"},
            {"field":"@duration","value":"14.97"},{"field":"@requestId","value":"5ce9340a-b765-490f-ad8a-02ab3415e2bf"},
            {"field":"@maxMemoryUsed","value":"6.7E7"},{"field":"@memorySize","value":"1.28E8"}]],
            "statistics":{"recordsMatched":2.0,"recordsScanned":3.0,"bytesScanned":141.0},"status":"Complete"})";
        LoadResult r = loadBytes(json, "results.json");
        QVERIFY2(r.data, r.error.c_str());
        QCOMPARE(QString::fromStdString(r.data->format), QStringLiteral("get-query-results"));
        QCOMPARE(r.data->queryResults.rows.size(), std::size_t(2));
        QCOMPARE(r.data->invocations.size(), std::size_t(2));
        QCOMPARE(r.data->reportOf(r.data->invocations[0]).durationMs, 26.73);
        QCOMPARE(r.data->reportOf(r.data->invocations[1]).maxMemoryUsedMB, 67);
        QCOMPARE(r.data->reportOf(r.data->invocations[1]).memorySizeMB, 128);
        QCOMPARE(r.data->events.time[0], TimeMs(1716099035743));

        const std::string csv = "@timestamp,@message\n"
                                "2024-05-19 06:10:35.743,\"REPORT RequestId: "
                                "4ce9340a-b765-490f-ad8a-02ab3415e2bf\tDuration: 26.73 ms\tBilled Duration: 27 ms\"\n"
                                "2024-05-19 06:10:36.000,\"a \"\"quoted\"\", multi\nline message\"\n";
        r = loadBytes(csv, "results.csv");
        QVERIFY2(r.data, r.error.c_str());
        QCOMPARE(QString::fromStdString(r.data->format), QStringLiteral("insights-csv"));
        QCOMPARE(r.data->queryResults.rows.size(), std::size_t(2));
        QCOMPARE(r.data->queryResults.rows[1][1], std::string("a \"quoted\", multi\nline message"));
        QCOMPARE(r.data->invocations.size(), std::size_t(1));

        // The console's Markdown export (FORMATS.md, lines end in 4 spaces).
        const std::string md
            = "**CloudWatch Logs Insights**    \nregion: eu-west-1    \nlog-group-names: /aws/lambda/fn    \n"
              "start-time: -1800s    \nend-time: 0s    \nquery-string:\n  ```\n  filter @type = \"REPORT\" | stats "
              "avg(@duration) as Average by bin(30m)\n  ```\n---\n| bin(30m) | Average |\n| --- | --- |\n"
              "| 2024-04-28 16:00:00.000 | 4.7965 |\n| 2024-04-28 16:30:00.000 | 5.1 |\n---\n";
        r = loadBytes(md, "results.md");
        QVERIFY2(r.data, r.error.c_str());
        QCOMPARE(QString::fromStdString(r.data->format), QStringLiteral("insights-markdown"));
        QCOMPARE(r.data->queryResults.columns, (std::vector<std::string> { "bin(30m)", "Average" }));
        QCOMPARE(r.data->queryResults.rows.size(), std::size_t(2));
        QCOMPARE(r.data->queryResults.rows[0][1], std::string("4.7965"));
    }

    void sharedLogGroupKeepsFunctionsApart()
    {
        // A custom log group shared by two functions: streams carry the function name.
        nlohmann::json events = nlohmann::json::array();
        long long t = 1717200000000;
        int n = 0;
        for (const char *fn : { "orders-api", "billing-worker", "orders-api" }) {
            const std::string stream
                = std::string("2024/06/01/") + fn + "[$LATEST]" + std::string(31, 'a') + char('0' + n);
            const std::string id = "00000000-0000-0000-0000-00000000000" + std::to_string(n++);
            events.push_back({ { "logStreamName", stream }, { "timestamp", t },
                { "message", "INIT_START Runtime Version: python:3.12.v36\n" } });
            events.push_back({ { "logStreamName", stream }, { "timestamp", t + 300 },
                { "message", "START RequestId: " + id + " Version: $LATEST\n" } });
            events.push_back({ { "logStreamName", stream }, { "timestamp", t + 400 },
                { "message",
                    "REPORT RequestId: " + id
                        + "\tDuration: 10.00 ms\tBilled Duration: 311 ms\tMemory Size: 128 MB\tMax Memory Used: 60 "
                          "MB\tInit Duration: 300.00 ms\t\n" } });
            t += 1000;
        }
        LoadResult r = loadBytes(
            nlohmann::json { { "events", events }, { "searchedLogStreams", nlohmann::json::array() } }.dump(4),
            "shared.json");
        QVERIFY2(r.data, r.error.c_str());
        std::map<std::string, int> perFunction;
        for (const Invocation &inv : r.data->invocations)
            ++perFunction[std::string(r.data->events.functions.view(inv.function))];
        QCOMPARE(perFunction["orders-api"], 2);
        QCOMPARE(perFunction["billing-worker"], 1);
        const std::uint32_t billing = r.data->events.functions.find("billing-worker");
        const Summary s = summarize(*r.data, [&](const Invocation &inv) { return inv.function == billing; });
        QCOMPARE(s.invocations, std::size_t(1));
        QCOMPARE(s.coldStarts, std::size_t(1));
    }

    void jsonPlatformFunctionFromInitStart()
    {
        // Real CloudWatch JSON sequence (FORMATS.md 1b): instanceId names the stream.
        const std::string log
            = R"({"time":"2026-10-08T07:30:27.768Z","type":"platform.initStart","record":{"initializationType":"on-demand","phase":"init","runtimeVersion":"nodejs:22.mainline.v122","functionName":"tenner-notifier","functionVersion":"$LATEST","instanceId":"2026/10/08/tenner-notifier[$LATEST]22be53a8cfde4e68b844f8ec293b2543","instanceMaxMemory":268435456}})"
              "\n"
              R"({"time":"2026-10-08T07:30:28.235Z","type":"platform.start","record":{"requestId":"79b5e81f-9cdd-4145-b1f6-7c50ef8a2a36","functionArn":"arn:aws:lambda:eu-central-1:825765399535:function:tenner-notifier","version":"$LATEST"}})"
              "\n"
              R"({"timestamp":"2026-10-08T07:30:29.443Z","level":"ERROR","requestId":"79b5e81f-9cdd-4145-b1f6-7c50ef8a2a36","message":"Widget update failed"})"
              "\n"
              R"({"time":"2026-10-08T07:30:29.470Z","type":"platform.report","record":{"requestId":"79b5e81f-9cdd-4145-b1f6-7c50ef8a2a36","metrics":{"durationMs":1233.96,"billedDurationMs":1698,"memorySizeMB":256,"maxMemoryUsedMB":123,"initDurationMs":463.512},"status":"success"}})"
              "\n";
        LoadResult r = loadBytes(log, "real.json");
        QVERIFY2(r.data, r.error.c_str());
        QCOMPARE(r.data->invocations.size(), std::size_t(1));
        const Invocation &inv = r.data->invocations.front();
        QCOMPARE(std::string(r.data->events.functions.view(inv.function)), std::string("tenner-notifier"));
        QCOMPARE(std::string(r.data->streamName(inv.stream)),
            std::string("2026/10/08/tenner-notifier[$LATEST]22be53a8cfde4e68b844f8ec293b2543"));
        QVERIFY(!r.data->isSynthetic(inv.stream));
        QVERIFY(inv.cold);
        QCOMPARE(r.data->reportOf(inv).initDurationMs, 463.512);
        QCOMPARE(inv.status, Status::Success); // an ERROR log line is not a failed invocation
        QCOMPARE(r.data->events.level[2], Level::Error);
    }

    void jsonRecordsReadAlikeWhateverTheirShape()
    {
        // A record is read by the flat reader, the nested reader or simdjson's DOM; which
        // one tries first is a guess from its first bytes ("platform. near the start).
        // Records that mislead the guess read as the DOM would read them.
        const std::string log = std::string("{\"message\":\"\\\"platform.start\\\" seen\",\"level\":\"WARN\",")
            + "\"timestamp\":\"2024-06-01T00:00:01.000Z\",\"requestId\":\"r-1\"}\n" // app record, guessed platform
            + "{\"ctx\":{\"type\":\"platform.report\"},\"level\":\"ERROR\",\"requestId\":\"r-2\"}\n" // nested, app
            + "{\"record\":{\"requestId\":\"r-3\",\"status\":\"timeout\",\"metrics\":{\"durationMs\":5.5,"
              "\"billedDurationMs\":6,\"memorySizeMB\":128,\"maxMemoryUsedMB\":64}},"
              "\"time\":\"2024-06-01T00:00:03.000Z\",\"type\":\"platform.report\"}\n" // type last: not guessed
            + "{\"time\":\"2024-06-01T00:00:04.000Z\",\"type\":\"platform.st\\u0061rt\",\"record\":{"
              "\"requestId\":\"r-4\"}}\n" // an escape: the DOM decodes the type
            + "{\"time\":\"2024-06-01T00:00:05.000Z\",\"type\":\"platform.logsDropped\",\"record\":\"x\"}\n"
            + "{\"time\":\"2024-06-01T00:00:06.000Z\",\"type\":\"platform.start\",\"record\":{\"requestId\":"
              "\"r-\\u0035\"}}\n"; // an escaped request id: left to the DOM
        LoadResult r = loadBytes(log, "guess.json");
        QVERIFY2(r.data, r.error.c_str());
        const EventStore &s = r.data->events;
        QCOMPARE(s.size(), std::size_t(6));
        QCOMPARE(s.kind[0], EventKind::AppJson);
        QCOMPARE(s.level[0], Level::Warn);
        QCOMPARE(std::string(s.requests.view(s.request[0])), std::string("r-1"));
        QCOMPARE(s.time[0], TimeMs(1717200001000));
        QCOMPARE(s.kind[1], EventKind::AppJson);
        QCOMPARE(s.level[1], Level::Error);
        QCOMPARE(std::string(s.requests.view(s.request[1])), std::string("r-2"));
        QCOMPARE(s.kind[2], EventKind::PlatformReport);
        QCOMPARE(std::string(s.requests.view(s.request[2])), std::string("r-3"));
        QVERIFY(s.metricsOf(2));
        QCOMPARE(s.metricsOf(2)->durationMs, 5.5);
        QCOMPARE(s.metricsOf(2)->maxMemoryUsedMB, 64);
        QCOMPARE(s.metricsOf(2)->status, Status::Timeout);
        QCOMPARE(s.level[2], Level::Error);
        QCOMPARE(s.kind[3], EventKind::PlatformStart);
        QCOMPARE(std::string(s.requests.view(s.request[3])), std::string("r-4"));
        QCOMPARE(s.kind[4], EventKind::PlatformOther);
        QCOMPARE(s.time[4], TimeMs(1717200005000));
        QCOMPARE(s.kind[5], EventKind::PlatformStart);
        QCOMPARE(std::string(s.requests.view(s.request[5])), std::string("r-5"));
        for (std::size_t i = 0; i < s.size(); ++i)
            QVERIFY(!(s.flags[i] & EventFlag::Damaged));
        QCOMPARE(r.data->skippedLines, std::uint64_t(0));
    }

    void prettyPrintedJsonAndByteOrderMark()
    {
        // JSON records pretty-printed over several lines (console copies, sam logs) are one event each.
        const std::string pretty
            = "\xEF\xBB\xBF{\n"
              "    \"time\": \"2024-05-20T16:29:44.100Z\",\n"
              "    \"type\": \"platform.start\",\n"
              "    \"record\": {\"requestId\": \"4b142fc3-0000-0000-0000-000000000000\", \"version\": \"$LATEST\"}\n"
              "}\n"
              "{\n"
              "    \"time\": \"2024-05-20T16:29:45.100Z\",\n"
              "    \"type\": \"platform.report\",\n"
              "    \"record\": {\n"
              "        \"requestId\": \"4b142fc3-0000-0000-0000-000000000000\",\n"
              "        \"status\": \"success\",\n"
              "        \"metrics\": {\"durationMs\": 11.642, \"billedDurationMs\": 12, \"memorySizeMB\": 128,\n"
              "                    \"maxMemoryUsedMB\": 67, \"initDurationMs\": 174.055}\n"
              "    }\n"
              "}\n"
              "{\"time\":\"2024-05-20T16:29:46.000Z\",\"type\":\"platform.start\",\"record\":{\"requestId\":\"5b142fc3-"
              "0000-0000-0000-000000000000\"}}\n";
        LoadResult r = loadBytes(pretty, "pretty.json");
        QVERIFY2(r.data, r.error.c_str());
        QCOMPARE(r.data->skippedLines, std::uint64_t(0));
        QCOMPARE(r.data->events.size(), std::size_t(3));
        QCOMPARE(r.data->events.line[1], std::uint32_t(6));
        QCOMPARE(r.data->events.line[2], std::uint32_t(16));
        QCOMPARE(r.data->invocations.size(), std::size_t(2));
        QVERIFY(r.data->invocations[0].cold);
        QCOMPARE(r.data->reportOf(r.data->invocations[0]).initDurationMs, 174.055);
        // sam logs prints JSON messages pretty, after its prefix.
        const std::string sam = "2023/07/05/[$LATEST]374cd7798d2a4e36a494a23d658b9741 2023-07-05T10:16:34.686000 START "
                                "RequestId: 6bc28136-0000-0000-0000-000000000000 Version: $LATEST\n"
                                "2023/07/05/[$LATEST]374cd7798d2a4e36a494a23d658b9741 2023-07-05T10:16:34.700000 {\n"
                                "  \"level\": \"ERROR\",\n"
                                "  \"message\": \"boom\",\n"
                                "  \"requestId\": \"6bc28136-0000-0000-0000-000000000000\"\n"
                                "}\n"
                                "2023/07/05/[$LATEST]374cd7798d2a4e36a494a23d658b9741 2023-07-05T10:16:34.800000 END "
                                "RequestId: 6bc28136-0000-0000-0000-000000000000\n";
        r = loadBytes(sam, "sam.log");
        QVERIFY2(r.data, r.error.c_str());
        QCOMPARE(QString::fromStdString(r.data->format), QStringLiteral("sam-logs"));
        QCOMPARE(r.data->events.size(), std::size_t(3));
        QCOMPARE(r.data->events.kind[1], EventKind::AppJson);
        QCOMPARE(r.data->events.level[1], Level::Error);
        QCOMPARE(std::string(r.data->streamName(r.data->events.stream[1])),
            std::string("2023/07/05/[$LATEST]374cd7798d2a4e36a494a23d658b9741"));
        // A brace that never closes stays one damaged line, and the rest loads.
        r = loadBytes(
            "{\n\"a\": 1,\nSTART RequestId: 6bc28136-0000-0000-0000-000000000000 Version: $LATEST\n", "open.log");
        QVERIFY(r.data);
        QCOMPARE(r.data->skippedLines, std::uint64_t(1));
        QCOMPARE(r.data->events.kind.back(), EventKind::Start);
    }

    void samLocalInvokeOutput()
    {
        // sam local invoke: SAM's own lines, importtime before START (no INIT_START), the
        // emulator's REPORT with Init Duration first, then the function's response.
        std::string text = "Invoking app.lambda_handler (python3.12)\nLocal image is up-to-date\n";
        text += testutil::readAll(testutil::fixture(QStringLiteral("importtime/lambda-python3.12-sam-local.log")))
                    .toStdString();
        text += "START RequestId: 3624be1f-1111-2222-3333-444455556666 Version: $LATEST\n"
                "END RequestId: 3624be1f-1111-2222-3333-444455556666\n"
                "REPORT RequestId: 3624be1f-1111-2222-3333-444455556666\tInit Duration: 1.53 ms\tDuration: 902.44 ms\t"
                "Billed Duration: 903 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\t\n"
                "{\"statusCode\":200,\"body\":\"{\\\"message\\\":\\\"hello world\\\"}\"}\n";
        LoadResult r = loadBytes(text, "sam-local.log");
        QVERIFY2(r.data, r.error.c_str());
        QCOMPARE(r.data->skippedLines, std::uint64_t(0));
        QCOMPARE(r.data->runs.size(), std::size_t(1));
        QCOMPARE(r.data->invocations.size(), std::size_t(1));
        const Invocation &inv = r.data->invocations.front();
        QVERIFY(inv.cold);
        QCOMPARE(r.data->reportOf(inv).durationMs, 902.44);
        // The table belongs to that cold start.
        QCOMPARE(std::string(r.data->events.requests.view(r.data->runs.front().request)),
            std::string("3624be1f-1111-2222-3333-444455556666"));
        QCOMPARE(inv.importRun, 0);
    }

    void subscriptionPayloadsAndPastedResponses()
    {
        // A CloudWatch Logs subscription payload (what Firehose writes to S3, gzipped and
        // concatenated): events in "logEvents", the stream named once per document.
        const QByteArray doc = testutil::readAll(
            testutil::fixture(QStringLiteral("lambda/docs/archived-devguide-2023-10/services-cloudwatchlogs__1.txt")));
        LoadResult r = loadBytes(doc.toStdString(), "payload.json");
        QVERIFY2(r.data, r.error.c_str());
        QCOMPARE(QString::fromStdString(r.data->format), QStringLiteral("cloudwatch-subscription"));
        QCOMPARE(r.data->invocations.size(), std::size_t(1));
        QCOMPARE(std::string(r.data->streamName(r.data->invocations[0].stream)),
            std::string("2019/03/13/[$LATEST]94fa867e5374431291a7fc14e2f56ae7"));
        QTemporaryDir tmp;
        const QString gz = tmp.filePath(QStringLiteral("firehose.gz"));
        QByteArray second = doc;
        second.replace("6234bffe-149a-b642-81ff-2e8e376d8aff", "7234bffe-149a-b642-81ff-2e8e376d8aff");
        second.replace("94fa867e5374431291a7fc14e2f56ae7", "aaaa867e5374431291a7fc14e2f56ae7");
        gzipTo(gz, doc + second);
        r = loadFile(gz.toStdString());
        QVERIFY2(r.data, r.error.c_str());
        QCOMPARE(r.data->invocations.size(), std::size_t(2));
        QVERIFY(r.data->invocations[0].stream != r.data->invocations[1].stream);
        // get-log-events output pasted after an `aws lambda invoke` response.
        r = load(testutil::fixture(QStringLiteral("lambda/docs/archived-devguide-2023-10/python-logging__3.txt")));
        QVERIFY2(r.data, r.error.c_str());
        QCOMPARE(QString::fromStdString(r.data->format), QStringLiteral("get-log-events"));
        QCOMPARE(r.data->invocations.size(), std::size_t(1));
        QCOMPARE(r.data->reportOf(r.data->invocations[0]).durationMs, 26.73);
    }

    void cancel()
    {
        std::atomic<bool> stop { true };
        LoadOptions o;
        o.cancel = &stop;
        LoadResult r = loadFile(
            testutil::fixture(QStringLiteral("lambda/generated/json-importtime-6000-seed2.log")).toStdString(), o);
        QVERIFY(!r.data);
        QVERIFY(r.cancelled);
    }

    void recordJsonOnNextLineSurvivesABlockCut()
    {
        // Found by fuzz_blocks: a runtime record followed by "{" alone on the next line
        // takes the object in (Node.js's "Uncaught Exception" form). A block cut just
        // before the "{" made it a separate event with small blocks only.
        std::string text;
        while (text.size() < 200)
            text += "plain line\n";
        text += "2019-06-07T19:11:20.563Z\tc793869b-ee49-115b-a5b6-4fd21e8dedac\tERROR\tInvoke Error "
                "padding padding\n";
        QVERIFY(text.size() > 256); // the "{" line is the first one after the 256 B mark
        text += "{\n  \"errorType\": \"Error\",\n  \"errorMessage\": \"boom\"\n}\nafter\n";
        std::vector<std::string> prints;
        for (std::uint64_t block : { std::uint64_t(4) << 20, std::uint64_t(256) }) {
            LoadOptions o;
            o.blockBytes = block;
            LoadResult r = loadBytes(text, "cut.log", o);
            QVERIFY(r.data);
            prints.push_back(testutil::fingerprint(*r.data));
            const EventStore &s = r.data->events;
            bool joined = false;
            for (std::size_t e = 0; e < s.size(); ++e)
                joined = joined
                    || (r.data->message(e).find("Invoke Error") != std::string_view::npos
                        && r.data->message(e).find("boom") != std::string_view::npos);
            QVERIFY2(joined, qPrintable(QStringLiteral("blocks of %1 bytes").arg(block)));
        }
        QCOMPARE(QString::fromStdString(prints[1]), QString::fromStdString(prints[0]));
    }

    void jsonFoldsOnlyOverLinesThatCannotStartABlock()
    {
        // Found by fuzz_blocks: '{"k"' then ':"v"}' on the next line is one valid JSON
        // object, but ':"v"}' is a line where a block may start, so 256 B blocks split
        // it and 4 MB blocks did not. Lines fold into one JSON event only when none of
        // them could start a block (pretty-printed JSON: indented, '}' , ']' or '"').
        const auto check = [](const std::string &tail, std::size_t wantEvents) {
            std::string text = "START RequestId: 8f5e0c2a Version: $LATEST\n";
            while (text.size() < 250)
                text += "plain line\n";
            text += tail;
            std::vector<std::string> prints;
            for (std::uint64_t block : { std::uint64_t(4) << 20, std::uint64_t(4096), std::uint64_t(256) }) {
                LoadOptions o;
                o.blockBytes = block;
                LoadResult r = loadBytes(text, "fold.log", o);
                QVERIFY(r.data);
                prints.push_back(testutil::fingerprint(*r.data));
                QCOMPARE(r.data->events.size(), wantEvents);
            }
            QCOMPARE(QString::fromStdString(prints[2]), QString::fromStdString(prints[0]));
        };
        check("{\"status\"\n:\"success\"}\n", 1 + 19 + 2); // two lines, two events
        check("{\n  \"status\": \"success\",\n  \"n\": [\n    1\n  ]\n}\n", 1 + 19 + 1); // pretty: one event
    }

    void blockBoundariesDoNotChangeResults()
    {
        // Every fixture and fuzz input loads the same with 256 B, 4 KB and 4 MB blocks: tiny blocks
        // force splits inside tracebacks, pretty JSON and console copies.
        QStringList all;
        for (const QString &dir : { QStringLiteral("importtime"), QStringLiteral("compare"), QStringLiteral("variants"),
                 QStringLiteral("lambda/generated"), QStringLiteral("lambda/docs/archived-devguide-2023-10"),
                 QStringLiteral("pasted") })
            all += testutil::fixtures(dir,
                { QStringLiteral("*.log"), QStringLiteral("*.json"), QStringLiteral("*.md"), QStringLiteral("*.txt") });
        QVERIFY(all.size() >= 80);
        // And every input of the fuzzers' ingest corpus (seeds, what campaigns found, and
        // the regression inputs of bugs they found).
        const QStringList fuzzed = testutil::fixtures(QStringLiteral("../fuzz/corpus/ingest"), { QStringLiteral("*") });
        QVERIFY(fuzzed.size() >= 90);
        all += fuzzed;
        int compared = 0;
        for (const QString &f : all) {
            std::string reference;
            for (std::uint64_t block : { std::uint64_t(4) << 20, std::uint64_t(4096), std::uint64_t(256) }) {
                LoadOptions o;
                o.blockBytes = block;
                o.threads = 2;
                LoadResult r = loadFile(f.toStdString(), o);
                const std::string print = r.data ? testutil::fingerprint(*r.data) : "error " + r.error;
                if (reference.empty())
                    reference = print;
                else
                    QVERIFY2(print == reference, qPrintable(f + QStringLiteral(" with blocks of %1 bytes").arg(block)));
            }
            ++compared;
        }
        QCOMPARE(compared, int(all.size()));
    }
};

QTEST_GUILESS_MAIN(TstFormats)
#include "tst_formats.moc"
