// SPDX-License-Identifier: MIT
// Hostile inputs: each ends with a clear message or a correct result, within a time and
// memory ceiling (the coldscope binary is run and its peak RSS read from the kernel).
// The ceilings catch a hang or a runaway allocation; speed is measured in bench/.
#include "testutil.h"

#include "loader.h"
#include "queryengine.h"
#include "session.h"
#include "textparse.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace coldscope;

namespace {

struct Measured {
    int code = -1; // exit status, or -signal
    QByteArray out, err;
    long maxRssKb = 0;
    bool timedOut = false;
    double seconds = 0;
};

// Runs coldscope with `args`, killing it after `seconds`; the peak RSS comes from wait4.
Measured runMeasured(const QStringList &args, int seconds = 60)
{
    Measured m;
    QTemporaryDir dir;
    const QByteArray outPath = dir.filePath(QStringLiteral("out")).toLocal8Bit();
    const QByteArray errPath = dir.filePath(QStringLiteral("err")).toLocal8Bit();
    std::vector<QByteArray> argv8 { QByteArray(COLDSCOPE_BIN) };
    for (const QString &a : args)
        argv8.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (auto &a : argv8)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    QElapsedTimer clock;
    clock.start();
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int o = ::open(outPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int e = ::open(errPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(o, 1);
        ::dup2(e, 2);
        ::unsetenv("XDG_RUNTIME_DIR");
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    int status = 0;
    struct rusage usage {
    };
    for (int waited = 0;; waited += 50) {
        const pid_t r = ::wait4(pid, &status, WNOHANG, &usage);
        if (r == pid)
            break;
        if (waited > seconds * 1000 && !m.timedOut) {
            ::kill(pid, SIGKILL);
            m.timedOut = true;
        }
        ::usleep(50000);
    }
    m.code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    m.maxRssKb = usage.ru_maxrss;
    m.seconds = double(clock.elapsed()) / 1000;
    // The figures, for the record (not asserted on time: speed is measured in bench/).
    qInfo("coldscope %s %s: exit %d in %.2f s, peak RSS %ld MB", qPrintable(args.value(0)),
        qPrintable(QFileInfo(args.value(1)).fileName()), m.code, m.seconds, m.maxRssKb / 1024);
    m.out = testutil::readAll(QString::fromLocal8Bit(outPath));
    m.err = testutil::readAll(QString::fromLocal8Bit(errPath));
    return m;
}

// Under the sanitizers memory and time are a multiple of the plain build's.
#if defined(__SANITIZE_ADDRESS__)
#define COLDSCOPE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define COLDSCOPE_ASAN 1
#endif
#endif

long rssCeilingKb(long plainMb)
{
#ifdef COLDSCOPE_ASAN
    return plainMb * 1024 * 4;
#else
    return plainMb * 1024;
#endif
}

void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

const QByteArray kStart = "START RequestId: 5f0f0a5e-7b1c-4c43-9c2a-0e0c0b5a2f11 Version: $LATEST\n";

} // namespace

class TstHostile : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

private slots:
    void fiftyMegabyteLine()
    {
        write(path("line.log"), kStart + QByteArray(50'000'000, 'x') + "\n");
        const Measured m = runMeasured({ QStringLiteral("summary"), path("line.log"), QStringLiteral("--json") });
        QCOMPARE(m.code, 0);
        QVERIFY(!m.timedOut);
        QCOMPARE(nlohmann::json::parse(m.out.toStdString())["events"].get<int>(), 2);
        QVERIFY2(m.maxRssKb < rssCeilingKb(400), qPrintable(QString::number(m.maxRssKb)));
    }

    void threeMillionNestedBrackets()
    {
        write(path("nested.log"), kStart + "{\"a\":" + QByteArray(3'000'000, '[') + QByteArray(3'000'000, ']') + "}\n");
        const Measured m = runMeasured({ QStringLiteral("summary"), path("nested.log"), QStringLiteral("--json") });
        QCOMPARE(m.code, 0);
        const auto j = nlohmann::json::parse(m.out.toStdString());
        QCOMPARE(j["skipped_lines"].get<int>(), 1); // too deep to be a record: kept as text, said so
        QVERIFY(m.err.contains("too deep"));
        QVERIFY2(m.maxRssKb < rssCeilingKb(400), qPrintable(QString::number(m.maxRssKb)));
        // The query language's jsonParse() of it gives null, not a stack overflow.
        const Measured q = runMeasured({ QStringLiteral("query"), path("nested.log"),
            QStringLiteral("fields jsonParse(@message) as j"), QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(q.code, 0);
        QVERIFY(q.out.contains("\"j\": null"));
    }

    void tenMillionEmptyLines()
    {
        write(path("empty.log"), QByteArray(10'000'000, '\n') + "import time:       100 |        100 | json\n");
        const Measured m = runMeasured({ QStringLiteral("tree"), path("empty.log"), QStringLiteral("--json") });
        QCOMPARE(m.code, 0);
        const auto j = nlohmann::json::parse(m.out.toStdString());
        QCOMPARE(j["runs"][0]["imports"].get<int>(), 1); // the line after them is found
        QVERIFY2(m.maxRssKb < rssCeilingKb(300), qPrintable(QString::number(m.maxRssKb)));
    }

    void nulBytes()
    {
        write(path("nul.log"), QByteArray(1'000'000, '\0'));
        const Measured m = runMeasured({ QStringLiteral("summary"), path("nul.log") });
        QCOMPARE(m.code, 2);
        QVERIFY(m.err.contains("binary data"));
    }

    void gzipBomb()
    {
        // 1 GB of zeros in about 1 MB: stopped at the documented expansion limit.
        gzFile gz = gzopen(path("bomb.gz").toLocal8Bit().constData(), "wb9");
        const QByteArray zeros(1 << 20, '\0');
        for (int i = 0; i < 1024; ++i)
            gzwrite(gz, zeros.constData(), unsigned(zeros.size()));
        gzclose(gz);
        const Measured m = runMeasured({ QStringLiteral("summary"), path("bomb.gz") });
        QCOMPARE(m.code, 2);
        QVERIFY(m.err.contains("expands more than 100 times"));
        QVERIFY(m.err.contains("stopped after"));
        QVERIFY2(m.maxRssKb < rssCeilingKb(300), qPrintable(QString::number(m.maxRssKb)));
    }

    void importTableTenThousandLevelsDeep()
    {
        QByteArray text = "import time: self [us] | cumulative | imported package\n";
        const int n = 10000;
        for (int i = n - 1; i >= 0; --i)
            text += "import time:         1 | " + QByteArray::number(n - i).rightJustified(10) + " | "
                + QByteArray(2 * i, ' ') + "m" + QByteArray::number(i) + "\n";
        write(path("deep.log"), text);
        const Measured m = runMeasured({ QStringLiteral("tree"), path("deep.log"), QStringLiteral("--json") });
        QCOMPARE(m.code, 0);
        const auto j = nlohmann::json::parse(m.out.toStdString());
        QCOMPARE(j["runs"][0]["imports"].get<int>(), n);
        QCOMPARE(j["runs"][0]["total_self_us"].get<int>(), n);
        QVERIFY2(m.maxRssKb < rssCeilingKb(1500), qPrintable(QString::number(m.maxRssKb)));
    }

    void importTimesNearInt64Max()
    {
        write(path("int64.log"),
            "import time: self [us] | cumulative | imported package\n"
            "import time:       100 |        100 |   a\n"
            "import time: 9223372036854775800 | 9223372036854775807 | b\n"
            "import time:       200 |        300 | c\n");
        const Measured m = runMeasured({ QStringLiteral("tree"), path("int64.log"), QStringLiteral("--json") });
        QCOMPARE(m.code, 0);
        QVERIFY(m.err.contains("int64.log:3: import time out of range"));
        const auto j = nlohmann::json::parse(m.out.toStdString());
        QCOMPARE(j["runs"][0]["total_self_us"].get<int>(), 300); // never negative, never wrapped
        LoadResult r = loadFile(path("int64.log").toStdString());
        QCOMPARE(r.data->skippedLines, std::uint64_t(1));
    }

    void figuresOutOfRange()
    {
        write(path("figures.log"),
            kStart
                + "REPORT RequestId: 5f0f0a5e-7b1c-4c43-9c2a-0e0c0b5a2f11\tDuration: 12.50 ms\tBilled Duration: 1e300 "
                  "ms\tMemory Size: 1e30 MB\tMax Memory Used: 64 MB\tInit Duration: -5 ms\t\n");
        LoadResult r = loadFile(path("figures.log").toStdString());
        QVERIFY(r.data);
        QCOMPARE(r.data->invocations.size(), std::size_t(1));
        const Invocation &inv = r.data->invocations[0];
        const Metrics &report = r.data->reportOf(inv);
        QCOMPARE(report.durationMs, 12.5);
        QVERIFY(std::isnan(report.billedDurationMs)); // 1e300 ms: missing, not converted out of range
        QCOMPARE(report.memorySizeMB, -1); // 1e30 MB: missing
        QVERIFY(std::isnan(report.initDurationMs));
        QVERIFY(!inv.cold);
    }

    void timesOutOfRange()
    {
        write(path("times.json"),
            R"({"events":[{"timestamp":-9223372036854775807,"message":"a"},{"timestamp":1717200000000,"message":"b"},)"
            R"({"timestamp":9000000000000000000,"message":"c"}]})");
        LoadResult r = loadFile(path("times.json").toStdString());
        QVERIFY(r.data);
        QCOMPARE(r.data->events.size(), std::size_t(3));
        QCOMPARE(r.data->skippedLines, std::uint64_t(2));
        for (std::size_t e = 0; e < 3; ++e)
            QVERIFY(r.data->events.time[e] == kNoTime || validTime(r.data->events.time[e]));
        QCOMPARE(formatTimestamp(std::numeric_limits<TimeMs>::min() + 1), std::string("(time out of range)"));
        // The query histogram over events 9e18 ms apart stays small.
        const Measured m
            = runMeasured({ QStringLiteral("query"), path("times.json"), QStringLiteral("stats count(*) as n") });
        QCOMPARE(m.code, 0);
        QVERIFY2(m.maxRssKb < rssCeilingKb(300), qPrintable(QString::number(m.maxRssKb)));
    }

    void deeplyNestedQuery()
    {
        const QString deep = QStringLiteral("filter ") + QString(10000, QLatin1Char('(')) + QStringLiteral("1")
            + QString(10000, QLatin1Char(')'));
        const Measured m = runMeasured(
            { QStringLiteral("query"), testutil::fixture(QStringLiteral("importtime/pydantic.log")), deep });
        QCOMPARE(m.code, 2);
        QVERIFY(m.err.contains("nested too deeply"));
        // 100 levels still run.
        const QString ok = QStringLiteral("filter ") + QString(99, QLatin1Char('(')) + QStringLiteral("1 = 1")
            + QString(99, QLatin1Char(')')) + QStringLiteral(" | stats count(*) as n");
        const Measured good
            = runMeasured({ QStringLiteral("query"), testutil::fixture(QStringLiteral("importtime/pydantic.log")), ok,
                QStringLiteral("--format"), QStringLiteral("csv") });
        QCOMPARE(good.code, 0);
        QCOMPARE(good.out, QByteArray("n\n135\n"));
    }

    void catastrophicRegex()
    {
        write(path("aaa.log"), kStart + QByteArray(100000, 'a') + "b\n");
        for (const QString &q : { QStringLiteral("filter @message like /(a+)+$/"),
                 QStringLiteral("filter @message like /(a|aa)+$/"), QStringLiteral("filter @message like /(a*)*c/") }) {
            const Measured m = runMeasured(
                { QStringLiteral("query"), path("aaa.log"), q, QStringLiteral("--format"), QStringLiteral("json") },
                30);
            QVERIFY2(!m.timedOut, qPrintable(q));
            // Either the right answer (the long line of a's never matches) or the match limit's error.
            QVERIFY2((m.code == 0 && m.out.startsWith('[') && !m.out.contains("aaaaaaaa"))
                    || (m.code == 2 && m.err.contains("limit")),
                qPrintable(q + QLatin1Char(' ') + QString::fromUtf8(m.err)));
        }
    }

    void statsByOneMillisecondOverADay()
    {
        // 20,000 events at distinct milliseconds of one day: one group each, and the
        // output is capped as Logs Insights caps it (10,000 rows by default).
        QByteArray text;
        for (int i = 0; i < 20000; ++i)
            text += QByteArray::fromStdString(formatIsoTimestamp(1717200000000 + TimeMs(i) * 4319)) + " x" + "\n";
        write(path("day.log"), kStart + text);
        const Measured m = runMeasured({ QStringLiteral("query"), path("day.log"),
            QStringLiteral("stats count(*) as n by bin(1ms)"), QStringLiteral("--format"), QStringLiteral("csv") });
        QCOMPARE(m.code, 0);
        QCOMPARE(m.out.count('\n'), 10001); // header + the cap
    }

    void unterminatedCsvQuote()
    {
        write(path("export.csv"),
            "@timestamp,@message\n2024-06-01 00:00:00.000,\"ok\"\n2024-06-01 00:00:01.000,\"open quote\n"
            "2024-06-01 00:00:02.000,lost\n");
        LoadResult r = loadFile(path("export.csv").toStdString());
        QVERIFY(r.data);
        QCOMPARE(r.data->skippedLines, std::uint64_t(1));
        QVERIFY(QString::fromStdString(r.data->diagnostics[0].message).contains(QLatin1String("never closes")));
        QCOMPARE(r.data->queryResults.rows.size(), std::size_t(2));
        QVERIFY(r.data->queryResults.rows[1][1].find("lost") != std::string::npos); // nothing lost
    }

    void damagedSessions()
    {
        for (const char *text :
            { R"({"format": 3, "version": "x"})", R"({"format": "coldscope-session", "version": "1"})",
                R"({"format": ["coldscope-session"]})", R"({"format": "coldscope-session", "version": 1e30})",
                R"({"format": null})", R"([1,2,3])", R"({"format": "coldscope-session", "version": -1})" }) {
            const SessionLoad l = sessionFromJson(text);
            QVERIFY2(!l.ok(), text);
            QVERIFY2(l.error.find("session") != std::string::npos, text);
        }
        const SessionLoad l = sessionFromJson(R"({"format": "coldscope-session", "version": 1, "run": 1e20,
            "time_range": {"from": 1e30, "to": 5}, "files": [{"path": "a.log", "size": 1e300}], "query": "q"})");
        QVERIFY(l.ok());
        QCOMPARE(l.session.query, std::string("q"));
        QCOMPARE(l.session.run, 0);
        QCOMPARE(l.session.rangeFrom, kNoTime);
        QVERIFY(l.session.files.empty());
        QCOMPARE(l.warnings.size(), std::size_t(3)); // run, time range, files
        QVERIFY(!sessionFromJson(
            "{\"format\":\"coldscope-session\",\"q\":" + std::string(100000, '[') + std::string(100000, ']') + "}")
                     .ok());
        // A session (or a file in one) that is a FIFO is refused at once, not read forever.
        const QString fifo = path("fifo.coldscope");
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        const SessionLoad f = loadSession(fifo);
        QVERIFY(!f.ok());
        QVERIFY(f.error.find("not a regular file") != std::string::npos);
        QCOMPARE(fileFingerprint(fifo), std::string());
    }
};

QTEST_GUILESS_MAIN(TstHostile)
#include "tst_hostile.moc"
