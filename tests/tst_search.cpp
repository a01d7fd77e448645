// SPDX-License-Identifier: MIT
// The search panel: run, errors at their column, built-in queries, and the links to
// the timeline, the tree and CloudWatch.
#include "guitestutil.h"
#include "testutil.h"

#include "guitestutil.h"
#include "importtreepanel.h"
#include "queryeditor.h"
#include "queryformat.h"
#include "queryresultmodel.h"
#include "searchpanel.h"
#include "timelineview.h"
#include "workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QCompleter>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <qcustomplot.h>

using namespace coldscope;

namespace {

// The Search view, with the Timeline and the Imports tree it links to, over one
// workspace with `path` loaded.
struct Views {
    Workspace ws;
    std::unique_ptr<SearchPanel> search;
    std::unique_ptr<TimelineView> timeline;
    std::unique_ptr<ImportTreePanel> tree;
    explicit Views(const QString &path)
        : search(testutil::show<SearchPanel>(ws))
        , timeline(testutil::show<TimelineView>(ws))
        , tree(testutil::show<ImportTreePanel>(ws))
    {
        testutil::load(ws, path);
    }
};

bool runAndWait(SearchPanel *p, const QString &text)
{
    QSignalSpy done(p, &SearchPanel::queryFinished);
    QSignalSpy failed(p, &SearchPanel::queryFailed);
    p->runQuery(text);
    return (done.size() || failed.size() || done.wait(30000) || failed.size()) && done.size() > 0;
}
} // namespace

class TstSearch : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void runsAQueryAndShowsResults()
    {
        Views v(testutil::fixture(QStringLiteral("lambda/generated/filter-log-events-200-seed1.json")));
        SearchPanel *p = v.search.get();
        QVERIFY(runAndWait(p, QStringLiteral("filter @type = \"REPORT\" | stats count(*) as n by bin(5m)")));
        QCOMPARE(p->model()->columnCount(), 2);
        double total = 0;
        for (int r = 0; r < p->model()->rowCount(); ++r)
            total += p->model()->index(r, 1).data(QueryResultModel::SortRole).toDouble();
        QCOMPARE(total, 39.0);
        QVERIFY(p->statusLabel()->text().contains(QLatin1String("39 of 202")));
        QVERIFY(!p->chart()->isHidden()); // stats by bin() are drawn
        QCOMPARE(p->chart()->graphCount(), 1);
        QVERIFY(p->history().contains(QStringLiteral("filter @type = \"REPORT\" | stats count(*) as n by bin(5m)")));
        // Ctrl+Enter in the editor runs it too.
        QSignalSpy done(p, &SearchPanel::queryFinished);
        p->setQuery(QStringLiteral("fields @requestId | filter @type = \"START\""));
        QTest::keyClick(p->editor(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(done.wait(30000));
        QCOMPARE(p->model()->rowCount(), 39);
    }

    void errorIsMarkedAtItsColumn()
    {
        Views v(testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")));
        SearchPanel *p = v.search.get();
        QSignalSpy failed(p, &SearchPanel::queryFailed);
        p->runQuery(QStringLiteral("stats count( by x"));
        QVERIFY(failed.wait(30000));
        QVERIFY(!p->errorLabel()->isHidden());
        QVERIFY(p->errorLabel()->text().startsWith(QLatin1String("Column 14:")));
        const auto marks = p->editor()->extraSelections();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks.first().cursor.selectionStart(), 13);
        // A good query clears the mark.
        QVERIFY(runAndWait(p, QStringLiteral("stats count(*)")));
        QVERIFY(p->editor()->extraSelections().isEmpty());
        QVERIFY(p->errorLabel()->isHidden());
    }

    void anotherFileClearsTheErrorAndTheChart()
    {
        Views v(testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")));
        SearchPanel *p = v.search.get();
        QSignalSpy failed(p, &SearchPanel::queryFailed);
        p->runQuery(QStringLiteral("stats count( by x"));
        QVERIFY(failed.wait(30000));
        QVERIFY(!p->errorLabel()->isHidden());
        QCOMPARE(p->editor()->extraSelections().size(), 1);
        testutil::load(v.ws, testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        QVERIFY(p->errorLabel()->isHidden());
        QVERIFY(p->editor()->extraSelections().isEmpty());
        QVERIFY(runAndWait(p, QStringLiteral("filter @type = \"REPORT\" | stats count(*) as n by bin(5m)")));
        QVERIFY(!p->chart()->isHidden());
        QCOMPARE(p->chart()->graphCount(), 1);
        testutil::load(v.ws, testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")));
        QVERIFY(p->chart()->isHidden());
        QCOMPARE(p->chart()->graphCount(), 0);
        QCOMPARE(p->model()->rowCount(), 0);
    }

    void findInLogsSaysWhenATimeRangeLimitsIt()
    {
        Views v(testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")));
        SearchPanel *p = v.search.get();
        const QString find = SearchPanel::importQueryFor(QStringLiteral("json"));
        QSignalSpy done(p, &SearchPanel::queryFinished);
        v.ws.requestQuery(find); // what "Find in logs" does
        QVERIFY(done.wait(30000));
        const int all = p->model()->rowCount();
        QVERIFY(all > 2);
        QVERIFY(!p->statusLabel()->text().contains(QLatin1String("time range")));
        QVERIFY(p->clearRangeButton()->isHidden());
        // A range set earlier (on the timeline): the first cold start's import lines only.
        const auto data = v.ws.data();
        TimeMs first = kNoTime;
        for (std::size_t i = 0; i < data->events.size() && first == kNoTime; ++i)
            first = data->events.time[i];
        QVERIFY(first != kNoTime);
        v.ws.setTimeRange(first, first + 1000);
        v.ws.requestQuery(find);
        QVERIFY(done.wait(30000));
        QVERIFY(p->model()->rowCount() < all);
        QVERIFY2(p->statusLabel()->text().contains(QLatin1String("the time range set earlier")),
            qPrintable(p->statusLabel()->text()));
        QVERIFY(!p->clearRangeButton()->isHidden());
        // The offer: clear it, and the search runs again on the whole file.
        p->clearRangeButton()->click();
        QCOMPARE(v.ws.timeRange().first, kNoTime);
        QVERIFY(done.wait(30000));
        QCOMPARE(p->model()->rowCount(), all);
        QVERIFY(!p->statusLabel()->text().contains(QLatin1String("time range")));
        QVERIFY(p->clearRangeButton()->isHidden());
    }

    void builtInLambdaQueriesAllRun()
    {
        Views v(testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")));
        SearchPanel *p = v.search.get();
        const auto actions = p->lambdaQueries()->actions();
        QVERIFY(actions.size() >= 15);
        // This log has REPORTs, cold starts, timeouts and importtime lines, but no
        // exits, no invocation at 100 % memory, no INIT timeout and no exception
        // records (checked below): those queries find nothing, every other finds rows.
        const auto data = v.ws.data();
        QVERIFY(std::none_of(data->invocations.begin(), data->invocations.end(), [&](const Invocation &inv) {
            const Metrics &r = data->reportOf(inv);
            return r.maxMemoryUsedMB >= r.memorySizeMB && r.memorySizeMB > 0;
        }));
        QVERIFY(std::none_of(
            data->initPhases.begin(), data->initPhases.end(), [](const InitPhase &p) { return isFailed(p.status); }));
        const QStringList empty { QStringLiteral("Last 100 errors"), QStringLiteral("Invocations using 100%"),
            QStringLiteral("Invocations where Lambda exited"), QStringLiteral("Exceptions per hour"),
            QStringLiteral("INIT timeouts and failures") };
        for (QAction *a : actions) {
            a->trigger();
            QCOMPARE(p->query(), a->data().toString());
            QVERIFY2(runAndWait(p, p->query()), qPrintable(a->text()));
            const bool none
                = std::any_of(empty.begin(), empty.end(), [&](const QString &e) { return a->text().startsWith(e); });
            QVERIFY2(none ? p->model()->rowCount() == 0 : p->model()->rowCount() > 0, qPrintable(a->text()));
        }
        // Completion offers commands, functions and the fields found in the file.
        const QStringList words = p->editor()->completions();
        for (const char *w2 : { "filter", "stats", "pct", "@duration", "@initDuration", "@requestId" })
            QVERIFY2(words.contains(QLatin1String(w2)), w2);
        for (const std::string &f : query::functionNames()) // the function table's (tst_query), as documented
            QVERIFY2(words.contains(QString::fromStdString(f)), f.c_str());
    }

    void completionLearnsTheFileFieldsOffTheGuiThread()
    {
        // The fields of the file (a sample of its JSON records) are found on a worker: when
        // the workspace says the data changed they are not there yet, then they arrive;
        // another file replaces them.
        Workspace ws;
        auto p = testutil::show<SearchPanel>(ws);
        bool loggerAtChange = true;
        connect(&ws, &Workspace::dataChanged, this,
            [&] { loggerAtChange = p->editor()->completions().contains(QLatin1String("logger")); });
        testutil::load(ws, testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        QVERIFY(!loggerAtChange);
        QTRY_VERIFY_WITH_TIMEOUT(p->editor()->completions().contains(QLatin1String("logger")), 30000);
        for (const char *w : { "level", "requestId", "filter", "@message" })
            QVERIFY2(p->editor()->completions().contains(QLatin1String(w)), w);
        testutil::load(ws, testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")));
        QTRY_VERIFY_WITH_TIMEOUT(!p->editor()->completions().contains(QLatin1String("logger")), 30000);
        QTest::qWait(200); // a late result of the first file would bring it back
        QVERIFY(!p->editor()->completions().contains(QLatin1String("logger")));
        QVERIFY(p->editor()->completions().contains(QLatin1String("@message")));
    }

    void linkedToTimelineAndTree()
    {
        Views v(testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")));
        auto data = v.ws.data();
        SearchPanel *p = v.search.get();
        // A result row selects its invocation on the timeline and its import run in the tree.
        QVERIFY(runAndWait(p,
            QStringLiteral("filter @type = \"REPORT\" and ispresent(@initDuration) | fields @requestId, @initDuration "
                           "| sort @timestamp asc")));
        QVERIFY(p->model()->rowCount() == 10);
        QSignalSpy activated(&v.ws, &Workspace::eventChanged);
        p->table()->selectRow(4);
        QCOMPARE(activated.size(), 1);
        const qint64 event = activated.first().at(0).toLongLong();
        const std::uint32_t req = data->events.request[std::size_t(event)];
        const int inv = v.timeline->selectedInvocation();
        QVERIFY(inv >= 0);
        QCOMPARE(data->invocations[std::size_t(inv)].request, req);
        QCOMPARE(v.tree->currentRun(), data->invocations[std::size_t(inv)].importRun);
        QVERIFY(p->rowDetails()->toPlainText().contains(QLatin1String("@initDuration")));
        // A time range dragged on the timeline becomes the query's time range.
        const TimeMs from = data->invocations[0].start, to = from + 60000;
        v.timeline->setTimeRange(from, to);
        QCOMPARE(p->timeRange().first, from);
        QVERIFY(runAndWait(p, QStringLiteral("stats count(*) as n")));
        const double inRange = p->model()->index(0, 0).data(QueryResultModel::SortRole).toDouble();
        std::size_t expected = 0;
        for (std::size_t i = 0; i < data->events.size(); ++i)
            expected += data->events.time[i] >= from && data->events.time[i] <= to;
        QCOMPARE(inRange, double(expected));
        v.timeline->setTimeRange(kNoTime, kNoTime);
        // Find in logs: the importtime lines of one module across every cold start.
        QSignalSpy done(p, &SearchPanel::queryFinished);
        v.ws.requestQuery(SearchPanel::importQueryFor(QStringLiteral("numpy.linalg")));
        QVERIFY(done.wait(30000));
        QCOMPARE(p->model()->rowCount(), int(data->runs.size()));
    }

    void cloudRoundTrip()
    {
        Views v(testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")));
        SearchPanel *p = v.search.get();
        const QString text = QStringLiteral("filter @message like /Task timed out/\n| stats count() by bin(30m)");
        p->setQuery(text);
        p->copyForCloudWatch();
        QCOMPARE(QApplication::clipboard()->text(), text);
        p->setCloudWatchTarget(QStringLiteral("eu-central-1"), QStringLiteral("/aws/lambda/orders-api"));
        const QString url = p->consoleUrl();
        QVERIFY(url.startsWith(QLatin1String(
            "https://eu-central-1.console.aws.amazon.com/cloudwatch/home?region=eu-central-1#logsV2:logs-insights")));
        QCOMPARE(QString::fromStdString(query::queryFromConsoleUrl(url.toStdString())), text);
        // Results exported from the console come back as results.
        QTemporaryDir tmp;
        const QString md = tmp.filePath(QStringLiteral("results.md"));
        QFile f(md);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("**CloudWatch Logs Insights**    \nregion: eu-west-1    \nlog-group-names: /aws/lambda/fn    "
                "\nstart-time: -1800s    \n"
                "end-time: 0s    \nquery-string:\n  ```\n  filter @type = \"REPORT\" | stats avg(@duration) as Average "
                "by bin(30m)\n  ```\n---\n"
                "| bin(30m) | Average |\n| --- | --- |\n| 2024-04-28 16:00:00.000 | 4.7965 |\n---\n");
        f.close();
        testutil::load(v.ws, md);
        QCOMPARE(p->model()->rowCount(), 1);
        QCOMPARE(p->model()->index(0, 1).data().toString(), QStringLiteral("4.7965"));
    }

    void cancelAQuery()
    {
        // Cancel before the query's result came back: it ends as cancelled, and its
        // result (had the worker finished) is never shown.
        Views v(testutil::fixture(QStringLiteral("lambda/generated/json-importtime-6000-seed2.log")));
        SearchPanel *p = v.search.get();
        QVERIFY(runAndWait(p, QStringLiteral("stats count(*) as n")));
        const auto shown = p->model()->result();
        QSignalSpy failed(p, &SearchPanel::queryFailed);
        QSignalSpy done(p, &SearchPanel::queryFinished);
        p->runQuery(QStringLiteral("filter @message like /x/ | stats count(*) by bin(1m)"));
        QVERIFY(p->isRunning());
        p->cancel();
        QVERIFY(failed.wait(30000));
        QCOMPARE(done.size(), 0);
        QVERIFY(failed.first().first().toString().contains(QLatin1String("cancelled")));
        QVERIFY(!p->isRunning());
        QCOMPARE(p->model()->result(), shown); // the earlier result stays
    }
};

QTEST_MAIN(TstSearch)
#include "tst_search.moc"
