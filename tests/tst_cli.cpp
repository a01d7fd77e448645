// SPDX-License-Identifier: MIT
// The headless CLI: exit codes, the JSON shapes issue #2 makes a contract, and the command
// table (app/cli) that parses every command and writes every usage text.
#include "cli.h"
#include "testutil.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

namespace {

const auto run = testutil::cli;
namespace cli = coldscope::cli;

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

// As a desktop session would run it, with a display (offscreen): a window that opens by
// mistake never returns, so a run that does not end in time opened one.
testutil::CliRun runWithDisplay(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(COLDSCOPE_BIN), args);
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished();
        return { -1, {}, "did not return: a window opened" };
    }
    return { p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError() };
}

std::vector<std::string> keys(const nlohmann::ordered_json &j)
{
    std::vector<std::string> k;
    for (auto it = j.begin(); it != j.end(); ++it)
        k.push_back(it.key());
    return k;
}

} // namespace

class TstCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_renderDir; // the render rows' outputs, removed with the test object
private slots:
    void summaryJsonShape()
    {
        const QString path = testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log"));
        const testutil::CliRun r = run({ QStringLiteral("summary"), path, QStringLiteral("--json") });
        QCOMPARE(r.code, 0);
        const auto j = nlohmann::ordered_json::parse(r.out.toStdString());
        QCOMPARE(keys(j),
            (std::vector<std::string> { "file", "format", "events", "skipped_lines", "invocations", "cold_starts",
                "timeouts", "errors", "init_timeouts", "init_errors", "init_duration_ms", "duration_ms",
                "billed_duration_ms", "max_memory_used_mb", "imports" }));
        for (const char *k : { "init_duration_ms", "duration_ms", "billed_duration_ms", "max_memory_used_mb" })
            QCOMPARE(keys(j[k]), (std::vector<std::string> { "count", "min", "avg", "p50", "p90", "p99", "max" }));
        QCOMPARE(keys(j["imports"]), (std::vector<std::string> { "runs", "count", "total_self_us", "top" }));
        QCOMPARE(j["imports"]["top"].size(), std::size_t(10));
        QCOMPARE(keys(j["imports"]["top"][0]), (std::vector<std::string> { "module", "self_us", "cumulative_us" }));
        QCOMPARE(j["file"].get<std::string>(), path.toStdString());
        const auto truth = nlohmann::json::parse(testutil::readAll(
            testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.truth.json")))
                                                     .toStdString());
        QCOMPARE(j["events"].get<std::size_t>(), truth["events"].get<std::size_t>());
        QCOMPARE(j["invocations"].get<std::size_t>(), truth["invocations"].get<std::size_t>());
        QCOMPARE(j["duration_ms"]["p99"].get<double>(), truth["duration_ms"]["nearest_rank"]["p99"].get<double>());
        // top: the first run's largest self times, descending.
        const auto &top = j["imports"]["top"];
        for (std::size_t i = 1; i < top.size(); ++i)
            QVERIFY(top[i - 1]["self_us"].get<long long>() >= top[i]["self_us"].get<long long>());
        const auto ref = testutil::referenceImportLines(
            testutil::readAll(testutil::fixture(QStringLiteral("importtime/lambda-python3.12-sam-local.log"))));
        long long maxSelf = 0;
        for (const auto &l : ref)
            maxSelf = std::max<long long>(maxSelf, l.self);
        QCOMPARE(top[0]["self_us"].get<long long>(), maxSelf);
    }

    void treeJsonShape()
    {
        const QString path = testutil::fixture(QStringLiteral("importtime/pydantic.log"));
        const testutil::CliRun r = run({ QStringLiteral("tree"), path, QStringLiteral("--json") });
        QCOMPARE(r.code, 0);
        const auto j = nlohmann::ordered_json::parse(r.out.toStdString());
        QCOMPARE(keys(j), std::vector<std::string> { "runs" });
        QCOMPARE(j["runs"].size(), std::size_t(1));
        const auto &run0 = j["runs"][0];
        QCOMPARE(keys(run0),
            (std::vector<std::string> {
                "source", "log_stream", "request_id", "imports", "total_self_us", "max_depth", "roots" }));
        QVERIFY(run0["log_stream"].is_null());
        QCOMPARE(
            keys(run0["roots"][0]), (std::vector<std::string> { "module", "self_us", "cumulative_us", "children" }));
        // Count nodes and sum self over the whole tree: must equal the file's lines.
        std::size_t nodes = 0;
        long long self = 0;
        std::vector<const nlohmann::ordered_json *> todo;
        for (const auto &root : run0["roots"])
            todo.push_back(&root);
        while (!todo.empty()) {
            const auto *n = todo.back();
            todo.pop_back();
            ++nodes;
            self += (*n)["self_us"].get<long long>();
            for (const auto &c : (*n)["children"])
                todo.push_back(&c);
        }
        const auto ref = testutil::referenceImportLines(testutil::readAll(path));
        long long refSelf = 0;
        for (const auto &l : ref)
            refSelf += l.self;
        QCOMPARE(nodes, ref.size());
        QCOMPARE(self, refSelf);
        QCOMPARE(run0["imports"].get<std::size_t>(), ref.size());
        QCOMPARE(run0["total_self_us"].get<long long>(), refSelf);
    }

    void treeLinksColdStart()
    {
        const testutil::CliRun r = run({ QStringLiteral("tree"),
            testutil::fixture(QStringLiteral("variants/boto3-json-numpy-requests.filter-log-events.json")),
            QStringLiteral("--json") });
        QCOMPARE(r.code, 0);
        const auto j = nlohmann::ordered_json::parse(r.out.toStdString());
        QCOMPARE(j["runs"][0]["log_stream"].get<std::string>(),
            std::string("2024/06/01/[$LATEST]5f1c0ffee0ddba11cafe0123456789ab"));
        QCOMPARE(j["runs"][0]["request_id"].get<std::string>(), std::string("3d1f6a2e-8c4b-4e7a-9b1d-2f5e8a7c6b40"));
    }

    void eventsJsonLines()
    {
        const testutil::CliRun r
            = run({ QStringLiteral("events"), testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")),
                QStringLiteral("--json"), QStringLiteral("--type"), QStringLiteral("REPORT") });
        QCOMPARE(r.code, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 39);
        for (const QByteArray &line : lines) {
            const auto e = nlohmann::json::parse(line.toStdString());
            QCOMPARE(e["type"].get<std::string>(), std::string("REPORT"));
            QVERIFY(e["message"].get<std::string>().rfind("REPORT RequestId: ", 0) == 0);
        }
    }

    void invalidUtf8StaysValidJson()
    {
        // Log lines are bytes: a truncated multi-byte character or a Latin-1 name must not abort
        // the JSON commands (nlohmann's dump() throws on invalid UTF-8 by default).
        QFile src(testutil::fixture(QStringLiteral("importtime/pydantic.log")));
        QVERIFY(src.open(QIODevice::ReadOnly));
        QByteArray bytes = src.readAll();
        const QByteArray name = "| _frozen_importlib_external";
        QVERIFY(bytes.contains(name));
        bytes.replace(name,
            QByteArray("| _frozen_importlib_ext\xc3\xa9rn\xff\xfe"
                       "al"));
        bytes.append("import time:        12 |         12 | caf\xe9\n");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("latin1.log"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();

        const testutil::CliRun tree = run({ QStringLiteral("tree"), path, QStringLiteral("--json") });
        QCOMPARE(tree.code, 0);
        const auto t = nlohmann::json::parse(tree.out.toStdString());
        const std::string dumped = t.dump();
        QVERIFY(dumped.find("_frozen_importlib_ext\xc3\xa9rn\xef\xbf\xbd\xef\xbf\xbd"
                            "al")
            != std::string::npos);
        QVERIFY(dumped.find("caf\xef\xbf\xbd") != std::string::npos);

        const testutil::CliRun sum = run({ QStringLiteral("summary"), path, QStringLiteral("--json") });
        QCOMPARE(sum.code, 0);
        QVERIFY(nlohmann::json::accept(sum.out.toStdString()));

        const testutil::CliRun ev = run({ QStringLiteral("events"), path, QStringLiteral("--json") });
        QCOMPARE(ev.code, 0);
        for (const QByteArray &line : ev.out.trimmed().split('\n'))
            QVERIFY2(nlohmann::json::accept(line.toStdString()), line.constData());

        const testutil::CliRun q
            = run({ QStringLiteral("query"), path, QStringLiteral("fields @message | filter @message like /caf/"),
                QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(q.code, 0);
        const auto rows = nlohmann::json::parse(q.out.toStdString());
        QCOMPARE(rows.size(), std::size_t(1));
    }

    void stderrHoldsOnlyOurMessages_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString log = testutil::fixture(QStringLiteral("lambda/generated/json-importtime-6000-seed2.log"));
        QTemporaryDir *dir = &m_renderDir;
        for (const char *view : { "window", "tree", "icicle", "timeline", "events", "search", "presentation" })
            QTest::newRow(view) << QStringList { QStringLiteral("render"), log, QStringLiteral("--view"),
                QLatin1String(view), QStringLiteral("--query"), QStringLiteral("stats count(*) by bin(1h)"),
                QStringLiteral("--out"), dir->filePath(QLatin1String(view) + QStringLiteral(".png")) };
        QTest::newRow("compare") << QStringList { QStringLiteral("render"),
            testutil::fixture(QStringLiteral("compare/buildA-boto3-json-numpy-requests.log")),
            testutil::fixture(QStringLiteral("compare/buildB-plus-pandas.log")), QStringLiteral("--view"),
            QStringLiteral("compare"), QStringLiteral("--out"), dir->filePath(QStringLiteral("compare.svg")) };
        QTest::newRow("report html") << QStringList { QStringLiteral("report"), log, QStringLiteral("--query"),
            QStringLiteral("stats count(*) by bin(1h)"), QStringLiteral("--out"),
            dir->filePath(QStringLiteral("r.html")) };
        QTest::newRow("report md") << QStringList { QStringLiteral("report"), log, QStringLiteral("--out"),
            dir->filePath(QStringLiteral("r.md")) };
    }
    void stderrHoldsOnlyOurMessages()
    {
        // No XDG_RUNTIME_DIR, no display: Qt's and QCustomPlot's offscreen chatter
        // (propagateSizeHints, QCPLayer, QStandardPaths) never reaches the user.
        QFETCH(QStringList, args);
        const testutil::CliRun r = run(args);
        QCOMPARE(r.code, 0);
        QCOMPARE(QString::fromUtf8(r.err), QString());
        QVERIFY(QFileInfo(args.last()).size() > 1000);
        // A real error still is one.
        QStringList bad = args;
        bad[1] = QStringLiteral("/nonexistent/x.log");
        const testutil::CliRun e = run(bad);
        QCOMPARE(e.code, 2);
        QVERIFY(e.err.contains("/nonexistent/x.log"));
    }

    void unknownWordIsAnError()
    {
        // Neither a command nor a file: exit 2 with the word named, no window on missing files.
        const QString log = testutil::fixture(QStringLiteral("importtime/pydantic.log"));
        const QString missing = QStringLiteral("/nonexistent/b.log");
        const std::vector<std::pair<QStringList, QString>> cases {
            { { QStringLiteral("advice"), QStringLiteral("x.log") }, QStringLiteral("advice is neither") },
            { { QStringLiteral("advice"), log }, QStringLiteral("advice is neither") },
            { { log, missing }, missing + QStringLiteral(" is neither") },
            { { testutil::fixture(QStringLiteral("importtime")) }, QStringLiteral("importtime is neither") },
            { { QStringLiteral("--bogus") }, QStringLiteral("unknown option --bogus") },
            { { log, log, log }, QStringLiteral("not 3") },
        };
        for (const auto &[args, problem] : cases) {
            const testutil::CliRun r = runWithDisplay(args);
            QVERIFY2(
                r.code == 2, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(r.err)));
            QVERIFY2(QString::fromUtf8(r.err).startsWith(QStringLiteral("coldscope: ")), r.err.constData());
            QVERIFY2(QString::fromUtf8(r.err).contains(problem), r.err.constData());
            QVERIFY(r.out.isEmpty());
        }
    }

    void everyCommandIsDocumented()
    {
        const testutil::CliRun help = run({ QStringLiteral("--help") });
        QCOMPARE(help.code, 0);
        const testutil::CliRun man = run({ QStringLiteral("--man") });
        QCOMPARE(man.code, 0);
        QCOMPARE(cli::commands().size(), std::size_t(10));
        for (const cli::Command &c : cli::commands()) {
            QVERIFY2(help.out.contains(QByteArray("\n  ") + c.synopsis.c_str() + '\n'), c.name.c_str());
            const testutil::CliRun one = run({ QStringLiteral("help"), qs(c.name) });
            QCOMPARE(one.code, 0);
            QCOMPARE(QString::fromUtf8(one.out), qs("Usage: " + c.synopsis + "\n\n" + c.help + "\n"));
            QVERIFY2(man.out.contains(QByteArray(".TP\n.B ") + c.name.c_str() + '\n'), c.name.c_str());
            // The synopsis, written by hand, shows every flag and option the parser takes.
            for (const std::string &f : c.flags)
                QVERIFY2(c.synopsis.find(f) != std::string::npos, (c.name + " " + f).c_str());
            for (const cli::Option &o : c.options)
                QVERIFY2(c.synopsis.find(o.name) != std::string::npos, (c.name + " " + o.name).c_str());
            QVERIFY2(c.needsGui != bool(c.handler), c.name.c_str());
        }
        // The one synopsis of render, everywhere: it used to be written three times and drift.
        const cli::Command *render = cli::findCommand("render");
        QVERIFY(render);
        QVERIFY(render->synopsis.find("|compare|presentation ") != std::string::npos);
        QVERIFY(run({ QStringLiteral("help"), QStringLiteral("render") }).out.contains("|presentation "));
        QVERIFY(man.out.contains("|presentation "));
    }

    void usageErrorsNameTheCommand()
    {
        const QString log = testutil::fixture(QStringLiteral("importtime/pydantic.log"));
        for (const cli::Command &c : cli::commands()) {
            const QString name = qs(c.name);
            const auto expect = [&](const QStringList &args, const std::string &problem) {
                const testutil::CliRun r = run(QStringList { name } + args);
                const QString err = QString::fromUtf8(r.err);
                const QString what = name + QLatin1Char(' ') + args.join(QLatin1Char(' ')) + QStringLiteral(": ") + err;
                QVERIFY2(r.code == 2, qPrintable(what));
                QVERIFY2(err.startsWith(QStringLiteral("coldscope ") + name + QStringLiteral(": ")), qPrintable(what));
                QVERIFY2(err.contains(qs(problem)), qPrintable(what));
                QVERIFY2(err.endsWith(qs("\nUsage: " + c.synopsis + "\n")), qPrintable(what));
            };
            expect({ log, QStringLiteral("--bogus") }, "unknown option --bogus");
            for (const cli::Option &o : c.options) {
                expect({ log, qs(o.name) }, o.name + " needs a value");
                if (!o.repeatable)
                    expect({ log, qs(o.name), QStringLiteral("1"), qs(o.name), QStringLiteral("2") },
                        o.name + " given twice");
            }
            if (c.positionals.min > 0)
                expect({}, "missing " + c.positionals.names);
            if (c.positionals.min > 1)
                expect({ log }, "too few arguments (expected " + c.positionals.names + ")");
            if (c.positionals.max != cli::kUnbounded) {
                QStringList many;
                for (std::size_t i = 0; i <= c.positionals.max; ++i)
                    many << log;
                expect(many, "unexpected argument " + log.toStdString() + " (expected " + c.positionals.names + ")");
            }
            for (const cli::Option &o : c.options)
                if (o.required)
                    expect(QStringList(int(std::max<std::size_t>(c.positionals.min, 1)), log), "missing " + o.name);
            if (QTest::currentTestFailed()) // QVERIFY in `expect` returns from it, not from here
                return;
        }
    }

    void repeatedOptionsAreKept()
    {
        std::string error;
        const auto report = cli::parse(
            *cli::findCommand("report"), { "a.log", "--query", "q1", "--out", "r.md", "--query", "q2" }, error);
        QVERIFY2(report, error.c_str());
        QCOMPARE(report->values("--query"), (std::vector<std::string> { "q1", "q2" }));
        QCOMPARE(report->positionals, std::vector<std::string> { "a.log" });
        const auto diff
            = cli::parse(*cli::findCommand("diff"), { "--a", "a1", "--a", "a2", "--b", "b", "--json" }, error);
        QVERIFY2(diff, error.c_str());
        QCOMPARE(diff->values("--a"), (std::vector<std::string> { "a1", "a2" }));
        QCOMPARE(diff->values("--b"), std::vector<std::string> { "b" });
        QVERIFY(diff->flag("--json") && diff->positionals.empty() && !diff->has("--fail-over"));
        // Defaults from the table when the option is not given.
        const auto exp = cli::parse(*cli::findCommand("export"), { "a.log", "--out", "p.json" }, error);
        QVERIFY2(exp, error.c_str());
        QCOMPARE(exp->value("--format"), std::string("speedscope"));
        QVERIFY(!exp->has("--run"));

        // End to end: both sides of the diff, both queries in the report.
        const auto pair
            = [](const char *f) { return testutil::fixture(QStringLiteral("compare/") + QLatin1String(f)); };
        const testutil::CliRun d
            = run({ QStringLiteral("diff"), QStringLiteral("--a"), pair("buildA-boto3-json-numpy-requests.log"),
                QStringLiteral("--a"), pair("buildA-rerun-boto3-json-numpy-requests.log"), QStringLiteral("--b"),
                pair("buildB-plus-pandas.log"), QStringLiteral("--json") });
        QCOMPARE(d.code, 0);
        const std::string aFiles = nlohmann::json::parse(d.out.toStdString())["a"]["file"].get<std::string>();
        QVERIFY2(aFiles.find("buildA-boto3") != std::string::npos && aFiles.find("buildA-rerun") != std::string::npos,
            aFiles.c_str());
        QTemporaryDir dir;
        const QString md = dir.filePath(QStringLiteral("r.md"));
        const testutil::CliRun r
            = run({ QStringLiteral("report"), testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")),
                QStringLiteral("--query"), QStringLiteral("stats count(*) as first_query"), QStringLiteral("--out"), md,
                QStringLiteral("--query"), QStringLiteral("stats count(*) as second_query") });
        QCOMPARE(r.code, 0);
        const QByteArray text = testutil::readAll(md);
        QVERIFY(text.contains("first_query") && text.contains("second_query"));
    }

    void exitCodes()
    {
        QCOMPARE(run({ QStringLiteral("summary"), QStringLiteral("/nonexistent/file.log") }).code, 2);
        const testutil::CliRun missing = run({ QStringLiteral("summary") });
        QCOMPARE(missing.code, 2);
        QVERIFY(missing.err.contains("missing FILE"));
        const testutil::CliRun badOpt = run({ QStringLiteral("tree"),
            testutil::fixture(QStringLiteral("importtime/pydantic.log")), QStringLiteral("--bogus") });
        QCOMPARE(badOpt.code, 2);
        QVERIFY(badOpt.err.contains("--bogus"));
        const testutil::CliRun notLog
            = run({ QStringLiteral("summary"), testutil::fixture(QStringLiteral("README.md")) });
        QCOMPARE(notLog.code, 2);
        QVERIFY(notLog.err.contains("README.md"));
        QCOMPARE(run({ QStringLiteral("--version") }).code, 0);
        QCOMPARE(run({ QStringLiteral("help"), QStringLiteral("tree") }).code, 0);
        QCOMPARE(run({ QStringLiteral("help"), QStringLiteral("nope") }).code, 2);
        // --run takes a run number of the file, nothing else, in tree and export alike.
        const QString table = testutil::fixture(QStringLiteral("importtime/pydantic.log"));
        QTemporaryDir dir;
        const QString profile = dir.filePath(QStringLiteral("p.speedscope.json"));
        for (const QString &cmd : { QStringLiteral("tree"), QStringLiteral("export") }) {
            for (const QString &bad : { QStringLiteral("1x"), QStringLiteral("0"), QStringLiteral("2") }) {
                QStringList args { cmd, table, QStringLiteral("--run"), bad };
                if (cmd == QLatin1String("export"))
                    args << QStringLiteral("--out") << profile;
                const testutil::CliRun r = run(args);
                QCOMPARE(r.code, 2);
                QVERIFY(r.err.contains("--run must be between 1 and 1"));
            }
        }
        QCOMPARE(run({ QStringLiteral("export"), table, QStringLiteral("--run"), QStringLiteral("1"),
                         QStringLiteral("--out"), profile })
                     .code,
            0);
        QVERIFY(QFile::exists(profile));
        // Skipped lines are reported as file:line: reason on stderr, and the rest loads.
        const QString trunc = testutil::fixture(QStringLiteral("variants/boto3-json-numpy-requests.truncated.log"));
        const testutil::CliRun t = run({ QStringLiteral("summary"), trunc, QStringLiteral("--json") });
        QCOMPARE(t.code, 0);
        QVERIFY(t.err.contains(QStringLiteral("%1:374: ").arg(trunc).toUtf8()));
        QCOMPARE(nlohmann::json::parse(t.out.toStdString())["skipped_lines"].get<int>(), 1);
    }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
