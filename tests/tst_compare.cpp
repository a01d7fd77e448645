// SPDX-License-Identifier: MIT
// Comparing two builds: the diff engine and `coldscope diff` on the real pairs of
// fixtures/compare, checked against sets and totals computed here from the files.
#include "guitestutil.h"
#include "testutil.h"

#include "compareview.h"
#include "difftreemodel.h"
#include "guitestutil.h"
#include "icicleview.h"
#include "importdiff.h"
#include "loader.h"
#include "mainwindow.h"
#include "workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QMimeData>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <map>
#include <set>

using namespace coldscope;

namespace {

struct Ref {
    std::map<std::string, std::pair<long long, long long>> modules; // self, cumulative
    long long total = 0;
};

Ref reference(const QString &path)
{
    Ref r;
    for (const auto &l : testutil::referenceImportLines(testutil::readAll(path))) {
        auto &m = r.modules[l.module.toStdString()];
        m.first += l.self;
        m.second += l.cumulative;
        r.total += l.self;
    }
    return r;
}

std::vector<std::string> keys(const nlohmann::ordered_json &j)
{
    std::vector<std::string> k;
    for (auto it = j.begin(); it != j.end(); ++it)
        k.push_back(it.key());
    return k;
}

QString pair(const char *name)
{
    return testutil::fixture(QStringLiteral("compare/") + QLatin1String(name));
}

using testutil::cli;

} // namespace

class TstCompare : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void realPairs_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::newRow("plus pandas") << pair("buildA-boto3-json-numpy-requests.log") << pair("buildB-plus-pandas.log");
        QTest::newRow("minus numpy") << pair("buildA-boto3-json-numpy-requests.log") << pair("buildB-minus-numpy.log");
        QTest::newRow("deferred numpy") << pair("buildA-eager-app.log") << pair("buildB-deferred-numpy-app.log");
        QTest::newRow("deferred, after first invoke")
            << pair("buildA-eager-app.log") << pair("buildB-deferred-numpy-app-after-first-invoke.log");
        QTest::newRow("rerun (noise only)")
            << pair("buildA-boto3-json-numpy-requests.log") << pair("buildA-rerun-boto3-json-numpy-requests.log");
    }
    void realPairs()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        const Ref ra = reference(a), rb = reference(b);
        const testutil::CliRun r = cli({ QStringLiteral("diff"), a, b, QStringLiteral("--json") });
        QCOMPARE(r.code, 0);
        const auto j = nlohmann::ordered_json::parse(r.out.toStdString());
        // The exact shape of the contract.
        QCOMPARE(keys(j),
            (std::vector<std::string> { "a", "b", "delta_us", "delta_pct", "added", "removed", "changed", "noise" }));
        QCOMPARE(keys(j["noise"]), (std::vector<std::string> { "runs_a", "runs_b", "rule" }));
        QCOMPARE(j["noise"]["runs_a"].get<int>(), 1);
        QCOMPARE(j["noise"]["runs_b"].get<int>(), 1);
        QVERIFY(j["noise"]["rule"].get<std::string>().find("spread is unknown") != std::string::npos);
        QCOMPARE(keys(j["a"]), (std::vector<std::string> { "file", "total_us" }));
        QCOMPARE(j["a"]["file"].get<std::string>(), a.toStdString());
        QCOMPARE(j["a"]["total_us"].get<long long>(), ra.total);
        QCOMPARE(j["b"]["total_us"].get<long long>(), rb.total);
        QCOMPARE(j["delta_us"].get<long long>(), rb.total - ra.total);
        QVERIFY(std::abs(j["delta_pct"].get<double>() - 100.0 * double(rb.total - ra.total) / double(ra.total)) < 1e-9);
        // added / removed / changed: by full module name.
        std::set<std::string> added, removed, changed;
        for (const auto &[m, t] : rb.modules)
            if (!ra.modules.count(m))
                added.insert(m);
        for (const auto &[m, t] : ra.modules)
            if (!rb.modules.count(m))
                removed.insert(m);
            else if (rb.modules.at(m) != t)
                changed.insert(m);
        std::set<std::string> gotAdded, gotRemoved, gotChanged;
        for (const auto &e : j["added"]) {
            QCOMPARE(keys(e), (std::vector<std::string> { "module", "cumulative_us" }));
            gotAdded.insert(e["module"].get<std::string>());
            QCOMPARE(e["cumulative_us"].get<long long>(), rb.modules.at(e["module"].get<std::string>()).second);
        }
        for (const auto &e : j["removed"]) {
            gotRemoved.insert(e["module"].get<std::string>());
            QCOMPARE(e["cumulative_us"].get<long long>(), ra.modules.at(e["module"].get<std::string>()).second);
        }
        double lastDelta = 1e18;
        int beyond = 0;
        for (const auto &e : j["changed"]) {
            QCOMPARE(keys(e),
                (std::vector<std::string> { "module", "a_self_us", "b_self_us", "a_cumulative_us", "b_cumulative_us",
                    "delta_us", "beyond_noise" }));
            // One run a side: beyond the noise exactly when at least 5 ms and 25 % of A.
            const double a = e["a_cumulative_us"].get<double>(), dd = std::abs(e["delta_us"].get<double>());
            QCOMPARE(e["beyond_noise"].get<bool>(), dd >= 5000 && dd >= 0.25 * a);
            beyond += e["beyond_noise"].get<bool>();
            const std::string m = e["module"].get<std::string>();
            gotChanged.insert(m);
            QCOMPARE(e["a_self_us"].get<long long>(), ra.modules.at(m).first);
            QCOMPARE(e["b_self_us"].get<long long>(), rb.modules.at(m).first);
            QCOMPARE(e["a_cumulative_us"].get<long long>(), ra.modules.at(m).second);
            QCOMPARE(e["b_cumulative_us"].get<long long>(), rb.modules.at(m).second);
            QCOMPARE(e["delta_us"].get<long long>(), rb.modules.at(m).second - ra.modules.at(m).second);
            const double d = std::abs(e["delta_us"].get<double>());
            QVERIFY(d <= lastDelta); // largest absolute change first
            lastDelta = d;
        }
        QCOMPARE(gotAdded, added);
        QCOMPARE(gotRemoved, removed);
        QCOMPARE(gotChanged, changed);
        // Two runs of one build: hundreds of modules moved by a few ms, none beyond the noise.
        if (QString::fromUtf8(QTest::currentDataTag()).startsWith(QLatin1String("rerun"))) {
            QVERIFY(changed.size() > 500);
            QCOMPARE(beyond, 0);
        }
    }

    void failOverExitCodes()
    {
        const QString a = pair("buildA-boto3-json-numpy-requests.log");
        QCOMPARE(cli({ QStringLiteral("diff"), a, pair("buildB-plus-pandas.log"), QStringLiteral("--fail-over"),
                         QStringLiteral("10") })
                     .code,
            1);
        QCOMPARE(cli({ QStringLiteral("diff"), a, pair("buildB-plus-pandas.log"), QStringLiteral("--fail-over"),
                         QStringLiteral("150") })
                     .code,
            0);
        QCOMPARE(cli({ QStringLiteral("diff"), a, pair("buildB-minus-numpy.log"), QStringLiteral("--fail-over"),
                         QStringLiteral("0") })
                     .code,
            0);
        const testutil::CliRun bad = cli({ QStringLiteral("diff"), a });
        QCOMPARE(bad.code, 2);
        QCOMPARE(cli({ QStringLiteral("diff"), a, QStringLiteral("/nonexistent.log") }).code, 2);
        QCOMPARE(cli({ QStringLiteral("diff"), a, pair("buildB-plus-pandas.log"), QStringLiteral("--fail-over"),
                         QStringLiteral("x") })
                     .code,
            2);
        // A log without an importtime table has nothing to compare.
        QCOMPARE(
            cli({ QStringLiteral("diff"), a, testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")) })
                .code,
            2);
    }

    void severalRunsASideUseMedians()
    {
        const QString a1 = pair("buildA-boto3-json-numpy-requests.log"),
                      a2 = pair("buildA-rerun-boto3-json-numpy-requests.log");
        const QString b = pair("buildB-plus-pandas.log");
        const Ref r1 = reference(a1), r2 = reference(a2), rb = reference(b);
        const testutil::CliRun r = cli({ QStringLiteral("diff"), QStringLiteral("--a"), a1, QStringLiteral("--a"), a2,
            QStringLiteral("--b"), b, QStringLiteral("--json") });
        QCOMPARE(r.code, 0);
        const auto j = nlohmann::ordered_json::parse(r.out.toStdString());
        QCOMPARE(
            j["a"]["total_us"].get<long long>(), std::min(r1.total, r2.total)); // the median run (lower middle of two)
        for (const auto &e : j["changed"]) {
            const std::string m = e["module"].get<std::string>();
            QCOMPARE(e["a_cumulative_us"].get<double>(),
                (double(r1.modules.at(m).second) + double(r2.modules.at(m).second)) / 2);
        }
        // Ten cold starts in one file: every module is in all of them.
        LoadResult ten = loadFile(
            testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")).toStdString());
        LoadResult one
            = loadFile(testutil::fixture(QStringLiteral("importtime/lambda-python3.12-sam-local.log")).toStdString());
        const ImportDiff d = diffImports({ ten.data }, { one.data });
        QCOMPARE(d.a.runs.size(), std::size_t(10));
        QVERIFY(d.noiseRule.find("spread is unknown") != std::string::npos); // one run on side B
        const ImportDiff both = diffImports({ ten.data }, { ten.data });
        QVERIFY(both.noiseRule.find("three runs or more") != std::string::npos);
        QVERIFY(d.added.empty() && d.removed.empty());
        QCOMPARE(d.deltaUs, 0LL); // the same table, ten times
        const DiffEntry *numpy = d.find("numpy");
        QVERIFY(numpy && numpy->a->runs == 10 && numpy->a->cumMin <= numpy->a->cumulativeUs);
    }

    void movedIsNotAddedAndRemoved()
    {
        auto line = [](long self, long cum, int level, const char *name) {
            return QStringLiteral("import time: %1 | %2 | %3%4\n")
                .arg(self, 9)
                .arg(cum, 10)
                .arg(QString(level * 2, QLatin1Char(' ')))
                .arg(QLatin1String(name));
        };
        const QString header = QStringLiteral("import time: self [us] | cumulative | imported package\n");
        const QString a = header + line(500, 500, 1, "numpy") + line(10, 510, 0, "app");
        const QString b = header + line(500, 500, 0, "numpy") + line(10, 10, 0, "app");
        const ImportDiff d
            = diffImports({ loadBytes(a.toStdString(), "a").data }, { loadBytes(b.toStdString(), "b").data });
        const DiffEntry *numpy = d.find("numpy");
        QVERIFY(numpy);
        QVERIFY(numpy->moved);
        QCOMPARE(numpy->status, DiffStatus::Unchanged);
        QVERIFY(d.added.empty() && d.removed.empty());
        QCOMPARE(d.find("app")->deltaUs, -500.0);
    }

    void dropTwoFilesOnTheWindow()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(pair("buildA-boto3-json-numpy-requests.log")),
            QUrl::fromLocalFile(pair("buildB-minus-numpy.log")) });
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy ready(w.workspace(), &Workspace::compareReady);
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QVERIFY(ready.wait(30000));
        CompareView *c = w.findChild<CompareView *>(); // the window's Compare tab, on screen
        QVERIFY(c);
        QVERIFY(c->isVisible());
        auto diff = c->diff();
        QVERIFY(diff);
        QCOMPARE(diff->removed.size(), std::size_t(105)); // numpy and everything under it
        QVERIFY(c->summary()->text().contains(QStringLiteral("105 removed")));
        // The tree: every module once; "only changed" hides the noise.
        int rows = 0;
        testutil::forEachRow(*c->model(), [&](const QModelIndex &, const QModelIndex &) { ++rows; });
        QCOMPARE(rows, int(diff->entries.size()));
        const int before = c->proxy()->rowCount();
        c->onlyChanged()->setChecked(true);
        QVERIFY(c->proxy()->rowCount() < before);
        // Tree and diff icicle select each other.
        c->selectModule(QStringLiteral("boto3"));
        QCOMPARE(c->selectedModule(), QStringLiteral("boto3"));
        const ImportRun *run = c->icicle()->canvas()->run();
        const int sel = c->icicle()->canvas()->selectedNode();
        QVERIFY(run && sel >= 0);
        QCOMPARE(std::string(c->icicle()->canvas()->logData()->moduleName(run->nodes[std::size_t(sel)])),
            std::string("boto3"));
    }

    void dropZonesOneAfterAnother()
    {
        Workspace ws;
        auto view = testutil::show<CompareView>(ws);
        QSignalSpy ready(&ws, &Workspace::compareReady);
        for (auto [zone, file] : { std::pair { view->dropA(), pair("buildA-eager-app.log") },
                 std::pair { view->dropB(), pair("buildB-deferred-numpy-app.log") } }) {
            QMimeData mime;
            mime.setUrls({ QUrl::fromLocalFile(file) });
            QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(zone, &enter);
            QVERIFY(enter.isAccepted());
            QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(zone, &drop);
        }
        QVERIFY(ready.wait(30000));
        QCOMPARE(view->diff(), ws.comparison());
        const DiffEntry *numpy = view->diff()->find("numpy");
        QVERIFY(numpy && numpy->status == DiffStatus::Removed); // deferred: not imported during INIT
    }

    void rerunPairHeaderSaysTheSpreadIsUnknown()
    {
        Workspace ws;
        auto view = testutil::show<CompareView>(ws);
        QSignalSpy ready(&ws, &Workspace::compareReady);
        ws.compareFiles(
            pair("buildA-boto3-json-numpy-requests.log"), pair("buildA-rerun-boto3-json-numpy-requests.log"));
        QVERIFY(ready.wait(30000));
        QString header;
        for (QLabel *l : view->findChildren<QLabel *>())
            if (l->text().contains(QLatin1String("beyond the noise")))
                header = l->text();
        QVERIFY2(header.contains(QLatin1String("(0 beyond the noise)")), qPrintable(header));
        QVERIFY2(header.contains(QLatin1String("the spread is unknown")), qPrintable(header));
    }
};

QTEST_MAIN(TstCompare)
#include "tst_compare.moc"
