// SPDX-License-Identifier: MIT
// The icicle and the timeline: hit-testing, zoom, keyboard, linked selection, lanes.
#include "guitestutil.h"
#include "testutil.h"

#include "eventspanel.h"
#include "eventtablemodel.h"
#include "icicleview.h"
#include "importtreepanel.h"
#include "stats.h"
#include "style.h"
#include "timeaxis.h"
#include "timelineview.h"
#include "waterfallview.h"
#include "workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QWheelEvent>
#include <qcustomplot.h>

#include <nlohmann/json.hpp>

using namespace coldscope;

namespace {

int nodeNamed(const LogData &d, const ImportRun &run, std::string_view name)
{
    for (std::size_t n = 0; n < run.nodes.size(); ++n)
        if (!run.nodes[n].placeholder && d.moduleName(run.nodes[n]) == name)
            return int(n);
    return -1;
}

// The Imports and Timeline views and the events table over one workspace, as the
// window lays them out, with `path` loaded.
struct Views {
    Workspace ws;
    std::unique_ptr<ImportTreePanel> tree;
    std::unique_ptr<IcicleView> icicle;
    std::unique_ptr<TimelineView> timeline;
    std::unique_ptr<EventsPanel> events;
    explicit Views(const QString &path)
        : tree(testutil::show<ImportTreePanel>(ws))
        , icicle(testutil::show<IcicleView>(ws))
        , timeline(testutil::show<TimelineView>(ws))
        , events(testutil::show<EventsPanel>(ws))
    {
        for (QWidget *w : { static_cast<QWidget *>(tree.get()), static_cast<QWidget *>(icicle.get()),
                 static_cast<QWidget *>(timeline.get()), static_cast<QWidget *>(events.get()) })
            if (!QTest::qWaitForWindowExposed(w))
                qFatal("a view was never exposed");
        testutil::load(ws, path);
        QApplication::processEvents();
    }
};

} // namespace

class TstViews : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void timeAxisMapping()
    {
        TimeAxis a { 100, 300, 10, 200 }; // values 100..300 over pixels 10..210
        QCOMPARE(a.toPixel(100), 10.0);
        QCOMPARE(a.toPixel(300), 210.0);
        QCOMPARE(a.toValue(110), 200.0);
        QCOMPARE(a.pixelsFor(50), 50.0);
        const double anchor = a.toValue(60);
        a.zoomAround(60, 0.5, 0, 1000, 1);
        QCOMPARE(a.toValue(60), anchor); // the value under the cursor stays put
        QCOMPARE(a.span(), 100.0);
        a.pan(1e6, 0, 1000); // clamped at the left end
        QCOMPARE(a.start, 0.0);
        a.zoomAround(60, 100, 0, 1000, 1); // never wider than the whole
        QCOMPARE(a.span(), 1000.0);
    }

    void icicleHitTestingAndZoom()
    {
        Views v(testutil::fixture(QStringLiteral("importtime/boto3-json-numpy-requests.log")));
        IcicleCanvas *c = v.icicle->canvas();
        auto data = v.ws.data();
        const ImportRun &run = data->runs.front();
        const int boto3 = nodeNamed(*data, run, "boto3");
        const int numpy = nodeNamed(*data, run, "numpy");
        QVERIFY(boto3 >= 0 && numpy >= 0);
        // Geometry: x is time in import order, width is cumulative time, row is depth.
        // Layout after a load is posted work: wait for it rather than assume one pass of the
        // event loop settled it (a loaded CI machine once saw an empty rectangle here).
        QTRY_VERIFY2(!c->nodeRect(boto3).isEmpty(),
            qPrintable(QStringLiteral("canvas %1x%2, axis %3..%4 over %5 px")
                           .arg(c->width())
                           .arg(c->height())
                           .arg(c->axis().start)
                           .arg(c->axis().end)
                           .arg(c->axis().width)));
        const QRectF r = c->nodeRect(boto3);
        QCOMPARE(int(r.top()), run.nodes[std::size_t(boto3)].depth * c->rowHeight());
        QVERIFY(std::abs(r.width()
                    - double(c->width()) * double(run.nodes[std::size_t(boto3)].cumulativeUs) / double(run.totalUs))
            < 2.0);
        QVERIFY(c->nodeRect(numpy).left() >= r.right() - 1); // numpy was imported after boto3
        // A click at a known point selects that module, in the icicle and in the tree.
        QTest::mouseClick(c, Qt::LeftButton, Qt::NoModifier, r.center().toPoint());
        QCOMPARE(c->selectedNode(), boto3);
        QCOMPARE(v.tree->selectedNode(), boto3);
        // ... and zooms so that it fills the width.
        QCOMPARE(c->axis().start, double(run.nodes[std::size_t(boto3)].startUs));
        QCOMPARE(
            c->axis().end, double(run.nodes[std::size_t(boto3)].startUs + run.nodes[std::size_t(boto3)].cumulativeUs));
        QVERIFY(c->nodeRect(boto3).width() >= c->width() - 2);
        QCOMPARE(c->zoomPath(), std::vector<int> { boto3 });
        // Zoom round trip: Esc steps back out to the whole run.
        QTest::keyClick(c, Qt::Key_Escape);
        QVERIFY(c->zoomPath().empty());
        QCOMPARE(c->axis().start, 0.0);
        QCOMPARE(c->axis().end, double(run.totalUs));
        // Deeper zoom, Backspace twice.
        const int child = int(run.nodes[std::size_t(boto3)].children.back());
        c->zoomToNode(boto3);
        c->zoomToNode(child);
        QCOMPARE(c->zoomPath().size(), std::size_t(2));
        QTest::keyClick(c, Qt::Key_Backspace);
        QCOMPARE(c->zoomPath(), std::vector<int> { boto3 });
        QTest::keyClick(c, Qt::Key_Backspace);
        QVERIFY(c->zoomPath().empty());
        // Hit-testing off the chart finds nothing.
        QCOMPARE(c->nodeAt(QPoint(5, c->rowHeight() * (run.maxDepth + 3))), -1);
    }

    void selectionSyncBothWaysAndKeyboard()
    {
        Views v(testutil::fixture(QStringLiteral("importtime/pandas.log")));
        auto data = v.ws.data();
        const ImportRun &run = data->runs.front();
        IcicleCanvas *c = v.icicle->canvas();
        // Tree -> icicle.
        const int target = nodeNamed(*data, run, "pandas.core.frame");
        QVERIFY(target >= 0);
        v.ws.selectNode(target);
        QCOMPARE(c->selectedNode(), target);
        QVERIFY(!c->nodeRect(target).isEmpty()); // zoomed so that it can be seen
        // Keyboard in the icicle moves the shared selection: parent, child, siblings.
        const int parent = run.nodes[std::size_t(target)].parent;
        QTest::keyClick(c, Qt::Key_Up);
        QCOMPARE(c->selectedNode(), parent);
        QCOMPARE(v.tree->selectedNode(), parent);
        QTest::keyClick(c, Qt::Key_Down);
        QCOMPARE(c->selectedNode(), int(run.nodes[std::size_t(parent)].children.front()));
        const auto &sib = run.nodes[std::size_t(parent)].children;
        if (sib.size() > 1) {
            QTest::keyClick(c, Qt::Key_Right);
            QCOMPARE(c->selectedNode(), int(sib[1]));
            QTest::keyClick(c, Qt::Key_Left);
            QCOMPARE(c->selectedNode(), int(sib[0]));
        }
        QCOMPARE(v.tree->selectedNode(), c->selectedNode());
    }

    void icicleSearchTotalsMatches()
    {
        Views v(testutil::fixture(QStringLiteral("importtime/boto3-json-numpy-requests.log")));
        auto data = v.ws.data();
        const ImportRun &run = data->runs.front();
        IcicleCanvas *c = v.icicle->canvas();
        c->setSearch(QStringLiteral("/^numpy$/"));
        QCOMPARE(c->matchCount(), 1);
        QCOMPARE(c->matchedUs(), run.nodes[std::size_t(nodeNamed(*data, run, "numpy"))].cumulativeUs);
        // Substring: nested matches are not counted twice.
        c->setSearch(QStringLiteral("numpy"));
        QVERIFY(c->matchCount() > 50);
        QCOMPARE(c->matchedUs(), run.nodes[std::size_t(nodeNamed(*data, run, "numpy"))].cumulativeUs);
        // Colours: a top-level package has the same colour in any run or file: the
        // interpreter's own "encodings" in a second file loaded on its own.
        Views other(testutil::fixture(QStringLiteral("importtime/pandas.log")));
        const ImportRun &otherRun = other.ws.data()->runs.front();
        const int otherEncodings = nodeNamed(*other.ws.data(), otherRun, "encodings");
        const int encodings = nodeNamed(*data, run, "encodings");
        QVERIFY(otherEncodings >= 0 && encodings >= 0);
        QCOMPARE(otherRun.nodes[std::size_t(otherEncodings)].depth, 0);
        QCOMPARE(other.icicle->canvas()->colorOf(otherEncodings), c->colorOf(encodings));
        QVERIFY(style::packageColor(QStringLiteral("numpy")) != style::packageColor(QStringLiteral("boto3")));
        QCOMPARE(c->colorOf(nodeNamed(*data, run, "numpy.core")), style::packageColor(QStringLiteral("numpy")));
    }

    void timelineCountsAreTheSummarys()
    {
        // One INIT timeout and one invocation timeout in this log: the caption counts them
        // apart, with the same numbers as `coldscope summary`.
        const QString path = testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log"));
        Views v(path);
        const Summary s = summarize(*v.ws.data());
        QVERIFY(s.initTimeouts > 0);
        QTRY_VERIFY(!v.timeline->isBuilding()); // built on its worker: the caption follows
        QString caption;
        for (QLabel *l : v.timeline->findChildren<QLabel *>())
            if (l->text().contains(QLatin1String("log streams")))
                caption = l->text();
        const QString want = QStringLiteral("%1 invocations, %2 cold starts, %3 timeouts, %4 errors, %5 INIT timeouts")
                                 .arg(s.invocations)
                                 .arg(s.coldStarts)
                                 .arg(s.timeouts)
                                 .arg(s.errors)
                                 .arg(s.initTimeouts);
        QVERIFY2(caption.contains(want), qPrintable(caption + QStringLiteral(" / ") + want));
    }

    void timelineIsBuiltOnAWorkerWhenShown()
    {
        // A shown timeline builds new data on a worker: when the workspace says the data
        // changed, the view says it is building; then the build is applied once. An accessor asked meanwhile builds at
        // once, and the worker's late result is dropped.
        Workspace ws;
        auto t = testutil::show<TimelineView>(ws);
        QVERIFY(QTest::qWaitForWindowExposed(t.get()));
        QSignalSpy built(t.get(), &TimelineView::timelineBuilt);
        auto caption = [&] {
            for (QLabel *l : t->findChildren<QLabel *>())
                if (l->text().contains(QLatin1String("log streams")) || l->text().startsWith(QLatin1String("Building")))
                    return l->text();
            return QString();
        };
        bool buildingAtChange = false;
        QString captionAtChange;
        QMetaObject::Connection c = connect(&ws, &Workspace::dataChanged, this, [&] {
            buildingAtChange = t->isBuilding();
            captionAtChange = caption();
        });
        testutil::load(ws, testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        QVERIFY(buildingAtChange);
        QVERIFY2(captionAtChange.startsWith(QLatin1String("Building the timeline of")), qPrintable(captionAtChange));
        QTRY_VERIFY(!t->isBuilding());
        QCOMPARE(built.size(), 1);
        const TimelineData expected = buildTimeline(*ws.data());
        QCOMPARE(t->timeline().barCount(), expected.barCount());
        QVERIFY(t->timeline().barCount() > 0);
        QVERIFY2(caption().contains(QStringLiteral("%1 invocations").arg(summarize(*ws.data()).invocations)),
            qPrintable(caption()));
        // An accessor while the worker builds: the timeline at once, the late result dropped.
        disconnect(c);
        std::size_t barsNow = 0;
        c = connect(&ws, &Workspace::dataChanged, this, [&] { barsNow = t->timeline().barCount(); });
        testutil::load(ws, testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")));
        QCOMPARE(barsNow, buildTimeline(*ws.data()).barCount());
        QVERIFY(!t->isBuilding());
        QTest::qWait(300);
        QCOMPARE(built.size(), 1);
        QCOMPARE(t->timeline().barCount(), buildTimeline(*ws.data()).barCount());
        // Hidden, nothing is built until shown.
        disconnect(c);
        t->hide();
        testutil::load(ws, testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        QVERIFY(!t->isBuilding());
        t->show();
        QVERIFY(t->isBuilding());
        QTRY_VERIFY(!t->isBuilding());
        QCOMPARE(built.size(), 2);
        QCOMPARE(t->timeline().barCount(), expected.barCount());
    }

    void timelineLanesAndBars_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("json-200") << testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log"));
        QTest::newRow("text-importtime-6000")
            << testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log"));
        QTest::newRow("filter-log-events")
            << testutil::fixture(QStringLiteral("lambda/generated/filter-log-events-200-seed1.json"));
    }
    void timelineLanesAndBars()
    {
        QFETCH(QString, path);
        QString truthPath = path;
        truthPath.replace(QRegularExpression(QStringLiteral("\\.(log|json)$")), QStringLiteral(".truth.json"));
        const auto truth = nlohmann::json::parse(testutil::readAll(truthPath).toStdString());
        Views v(path);
        const TimelineData &t = v.timeline->timeline();
        QCOMPARE(t.lanes.size(), truth["log_streams"].get<std::size_t>());
        // One bar per invocation plus one per INIT that served none (init timeouts).
        QCOMPARE(t.barCount(), truth["invocations"].get<std::size_t>() + truth["init_timeouts"].get<std::size_t>());
        // Environments are packed into rows; lane 1 is drawn on its row.
        const LaneRows &rows = v.timeline->rows();
        QVERIFY(rows.rows.size() <= t.lanes.size());
        const double row = double(rows.rowOf[1]);
        // Hover/click: the bar drawn at a point is the invocation there.
        QCustomPlot *plot = v.timeline->lanesPlot();
        plot->replot();
        const TimelineLane &lane = t.lanes[1];
        const TimelineBar *bar = nullptr;
        for (const auto &b : lane.bars)
            if (b.invocation >= 0) {
                bar = &b;
                break;
            }
        QVERIFY(bar);
        const double key = (double(bar->start) + bar->durationMs / 2) / 1000.0;
        plot->xAxis->setRange(key - 0.5, key + 0.5); // zoom in so the bar is wide
        plot->replot();
        const QPointF at(plot->xAxis->coordToPixel(key), plot->yAxis->coordToPixel(row));
        QCOMPARE(v.timeline->invocationAt(at), bar->invocation);
        // Clicking it selects the invocation; a cold start drills into its waterfall.
        QSignalSpy selected(&v.ws, &Workspace::invocationChanged);
        QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, at.toPoint());
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().first().toInt(), bar->invocation);
    }

    void timelineBarsAreHitTargetsAtAnyZoom()
    {
        // Zoomed out to the whole file, a cold start is at least a hit target wide, and a
        // click on it (or a few pixels past its end) selects it and shows its waterfall.
        Views v(testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")));
        QCustomPlot *plot = v.timeline->lanesPlot();
        plot->replot();
        const TimelineData &t = v.timeline->timeline();
        const LaneRows &rows = v.timeline->rows();
        auto px = [&](TimeMs ms) { return plot->xAxis->coordToPixel(double(ms) / 1000.0); };
        // A cold start with no other bar of its row within 16 px.
        const TimelineBar *cold = nullptr;
        double y = 0;
        for (std::size_t l = 0; l < t.lanes.size() && !cold; ++l) {
            const TimelineBar &b = t.lanes[l].bars.front();
            if (b.invocation < 0 || b.initStart == kNoTime)
                continue;
            bool alone = true;
            for (std::uint32_t o : rows.rows[rows.rowOf[l]])
                for (const TimelineBar &ob : t.lanes[o].bars)
                    if (&ob != &b && px(ob.finish()) > px(b.begin()) - 16 && px(ob.begin()) < px(b.begin()) + 22)
                        alone = false;
            if (alone) {
                cold = &b;
                y = plot->yAxis->coordToPixel(double(rows.rowOf[l]));
            }
        }
        QVERIFY(cold);
        QVERIFY(px(cold->finish()) - px(cold->begin()) < 6); // narrower than a hit target in time
        const double x0 = px(cold->begin());
        QCOMPARE(v.timeline->invocationAt(QPointF(x0 + 3, y)), cold->invocation);
        QCOMPARE(v.timeline->invocationAt(QPointF(x0 + 6 + 3, y)), cold->invocation); // a few pixels past it
        QCOMPARE(v.timeline->invocationAt(QPointF(x0 + 3, y + 2)), cold->invocation);
        QCOMPARE(v.timeline->invocationAt(QPointF(x0 + 40, y)), -1); // far from any bar
        QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, QPointF(x0 + 3, y).toPoint());
        QCOMPARE(v.timeline->selectedInvocation(), cold->invocation);
        QCOMPARE(v.timeline->waterfall()->rows().front().lengthMs,
            v.ws.data()->reportOf(v.ws.data()->invocations[std::size_t(cold->invocation)]).initDurationMs);
    }

    void timelineKeysStepThroughMarks()
    {
        Views v(testutil::fixture(QStringLiteral("lambda/generated/json-importtime-6000-seed2.log")));
        auto data = v.ws.data();
        // Cold starts, timeouts and errors in time order (by the start of INIT or
        // invocation), from the log itself.
        std::vector<std::pair<TimeMs, int>> cold, timeouts, errors;
        for (std::size_t i = 0; i < data->invocations.size(); ++i) {
            const Invocation &inv = data->invocations[i];
            if (inv.start == kNoTime)
                continue;
            const double initMs = data->reportOf(inv).initDurationMs;
            const TimeMs begin = inv.cold && !std::isnan(initMs) ? inv.start - TimeMs(std::llround(initMs)) : inv.start;
            if (inv.cold)
                cold.emplace_back(begin, int(i));
            if (inv.status == Status::Timeout)
                timeouts.emplace_back(begin, int(i));
            if (inv.status == Status::Error || inv.status == Status::Failure)
                errors.emplace_back(begin, int(i));
        }
        for (auto *list : { &cold, &timeouts, &errors })
            std::stable_sort(list->begin(), list->end(), [](auto &a, auto &b) { return a.first < b.first; });
        QVERIFY(cold.size() >= 3 && !timeouts.empty() && !errors.empty());
        QCustomPlot *plot = v.timeline->lanesPlot();
        plot->setFocus();
        QTest::keyClick(plot, Qt::Key_C);
        QCOMPARE(v.timeline->selectedInvocation(), cold[0].second);
        QCOMPARE(v.ws.invocation(), cold[0].second);
        QTest::keyClick(plot, Qt::Key_C);
        QCOMPARE(v.timeline->selectedInvocation(), cold[1].second);
        // The waterfall follows the selection.
        QCOMPARE(v.timeline->waterfall()->rows().front().lengthMs,
            data->reportOf(data->invocations[std::size_t(cold[1].second)]).initDurationMs);
        QTest::keyClick(plot, Qt::Key_C);
        QTest::keyClick(plot, Qt::Key_C, Qt::ShiftModifier);
        QCOMPARE(v.timeline->selectedInvocation(), cold[1].second);
        // Timeouts and errors after the selected cold start.
        const TimeMs at = cold[1].first;
        auto after = [&](const std::vector<std::pair<TimeMs, int>> &list) {
            for (const auto &[t, i] : list)
                if (t > at)
                    return i;
            return -1;
        };
        QTest::keyClick(plot, Qt::Key_T);
        if (after(timeouts) >= 0)
            QCOMPARE(v.timeline->selectedInvocation(), after(timeouts));
        v.timeline->selectInvocation(cold[1].second);
        QTest::keyClick(plot, Qt::Key_E);
        QCOMPARE(v.timeline->selectedInvocation(), after(errors));
        // The selected bar is in view.
        const auto keys = plot->xAxis->range();
        const double start = double(data->invocations[std::size_t(after(errors))].start) / 1000.0;
        QVERIFY(start >= keys.lower && start <= keys.upper);
    }

    void timelineKeysWorkFromAnywhereOnTheTab()
    {
        // In the window, on the Timeline tab, C selects the first cold start even when
        // the focus is on the tab bar; on another tab it does nothing.
        auto w = testutil::openWindow(testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w.get()));
        Workspace *ws = w->workspace();
        auto *timeline = w->findChild<TimelineView *>();
        QVERIFY(timeline);
        const auto order = barsByTime(timeline->timeline());
        const int at = stepTo(timeline->timeline(), order, -1, BarMark::ColdStart, +1);
        QVERIFY(at >= 0);
        const int first
            = timeline->timeline().lanes[order[std::size_t(at)].lane].bars[order[std::size_t(at)].bar].invocation;
        ws->setCurrentView(QStringLiteral("Imports"));
        QApplication::processEvents();
        QTabBar *tabs = w->findChild<QTabWidget *>()->tabBar();
        tabs->setFocus();
        QTest::keyClick(tabs, Qt::Key_C);
        QCOMPARE(ws->invocation(), -1);
        ws->setCurrentView(QStringLiteral("Timeline"));
        QApplication::processEvents();
        QVERIFY(timeline->isVisible());
        tabs->setFocus();
        QTest::keyClick(tabs, Qt::Key_C);
        QCOMPARE(ws->invocation(), first);
        QCOMPARE(timeline->selectedInvocation(), first);
    }

    void timelineOverviewDrivesTheDetail()
    {
        Views v(testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        QCustomPlot *ov = v.timeline->overviewPlot();
        QCustomPlot *plot = v.timeline->lanesPlot();
        ov->replot();
        const TimelineOverview &o = v.timeline->overviewData();
        QVERIFY(!o.alive.empty());
        std::uint32_t cold = 0;
        for (auto c : o.coldStarts)
            cold += c;
        QCOMPARE(std::size_t(cold), std::size_t(summarize(*v.ws.data()).coldStarts));
        const int y = ov->axisRect()->center().y();
        const int x0 = ov->axisRect()->left() + ov->axisRect()->width() / 4;
        const int x1 = ov->axisRect()->left() + ov->axisRect()->width() / 2;
        QTest::mousePress(ov, Qt::LeftButton, Qt::NoModifier, QPoint(x0, y));
        QMouseEvent move(QEvent::MouseMove, QPointF(x1, y), ov->mapToGlobal(QPointF(x1, y)), Qt::NoButton,
            Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(ov, &move);
        QTest::mouseRelease(ov, Qt::LeftButton, Qt::NoModifier, QPoint(x1, y));
        QCOMPARE(plot->xAxis->range().lower, ov->xAxis->pixelToCoord(x0));
        QCOMPARE(plot->xAxis->range().upper, ov->xAxis->pixelToCoord(x1));
        // The metrics plot follows the detail.
        QCOMPARE(v.timeline->metricsPlot()->xAxis->range().lower, plot->xAxis->range().lower);
    }

    void timelineScrollsRows()
    {
        // 60 environments alive at once (peak concurrency 60, so 60 rows): more rows than
        // fit, so a window of rows with a scroll bar, scrolled by Shift+wheel, zoomed by
        // Ctrl+wheel around the pointer, labelled while they are tall enough to read.
        auto d = std::make_shared<LogData>();
        const std::uint32_t fn = d->events.functions.intern("orders-api");
        for (int e = 0; e < 60; ++e) {
            const std::string name = "2024/06/01/[$LATEST]" + std::to_string(10000000 + e) + "abcdef";
            const std::uint32_t stream = d->events.streams.intern(name);
            d->streamFunction.resize(std::max<std::size_t>(d->streamFunction.size(), stream + 1), 0);
            d->streamFunction[stream] = fn;
            for (int k = 0; k < 3; ++k) {
                Invocation inv;
                inv.stream = stream;
                inv.function = fn;
                inv.start = 1717200000000 + e * 10 + k * 1000;
                Metrics report;
                report.durationMs = 500;
                inv.report = d->events.addMetrics(report);
                inv.status = Status::Success;
                d->invocations.push_back(inv);
            }
        }
        Workspace ws;
        auto timeline = testutil::show<TimelineView>(ws);
        QVERIFY(QTest::qWaitForWindowExposed(timeline.get()));
        ws.setData(d);
        QApplication::processEvents();
        QCustomPlot *plot = timeline->lanesPlot();
        plot->replot();
        QCOMPARE(timeline->rows().rows.size(), std::size_t(60));
        auto *scroll = timeline->findChild<QScrollBar *>(QStringLiteral("rowScroll"));
        QVERIFY(scroll && scroll->isVisible());
        auto [top, span] = timeline->rowWindow();
        QVERIFY(span < 60); // as many as fit at a readable height
        QVERIFY(plot->axisRect()->height() / span >= 16);
        QVERIFY(!plot->yAxis->tickVectorLabels().isEmpty()); // rows labelled
        QVERIFY(plot->yAxis->tickVectorLabels().first().startsWith(QStringLiteral("orders-api · ")));
        const QPointF c = plot->axisRect()->center();
        QWheelEvent down(c, plot->mapToGlobal(c), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::ShiftModifier,
            Qt::NoScrollPhase, false);
        QApplication::sendEvent(plot, &down);
        QVERIFY(timeline->rowWindow().first > top);
        QCOMPARE(timeline->rowWindow().second, span);
        QCOMPARE(scroll->value(), int(std::lround(timeline->rowWindow().first + 0.6)));
        // Ctrl+wheel zooms the rows around the pointer: the row under it stays there.
        std::tie(top, span) = timeline->rowWindow();
        const double under = plot->yAxis->pixelToCoord(c.y());
        QWheelEvent zoom(c, plot->mapToGlobal(c), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ControlModifier,
            Qt::NoScrollPhase, false);
        QApplication::sendEvent(plot, &zoom);
        QVERIFY(timeline->rowWindow().second < span);
        QVERIFY(std::abs(plot->yAxis->pixelToCoord(c.y()) - under) < 0.05);
        // The window is clamped to the rows.
        timeline->setRowWindow(1e9, 10.0);
        QVERIFY(timeline->rowWindow().first + timeline->rowWindow().second <= 60 - 0.4 + 1e-9);
        timeline->setRowWindow(-50, 1.0);
        QCOMPARE(timeline->rowWindow().first, -0.6);
        QVERIFY(timeline->rowWindow().second >= 3.0 - 1e-9);
    }

    void waterfallHasRoomAndOrder()
    {
        Views v(testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")));
        for (QSize size : { QSize(1400, 900), QSize(1920, 1080), QSize(1600, 1000) }) {
            v.timeline->resize(size);
            QApplication::processEvents();
            QVERIFY2(v.timeline->waterfallPane()->height() >= 0.35 * v.timeline->height(),
                qPrintable(
                    QStringLiteral("%1 of %2").arg(v.timeline->waterfallPane()->height()).arg(v.timeline->height())));
        }
        auto data = v.ws.data();
        int cold = -1;
        for (std::size_t i = 0; i < data->invocations.size(); ++i)
            if (data->invocations[i].cold && data->invocations[i].importRun >= 0)
                cold = int(i);
        QVERIFY(cold >= 0);
        v.timeline->selectInvocation(cold);
        WaterfallView *wf = v.timeline->waterfall();
        auto imports = [&] {
            std::vector<WaterfallView::Row> r;
            for (const auto &row : wf->rows())
                if (row.node >= 0)
                    r.push_back(row);
            return r;
        };
        // By cumulative time by default, import order with the toggle.
        QVERIFY(!wf->importOrder());
        auto byTime = imports();
        QVERIFY(byTime.size() > 2);
        for (std::size_t i = 1; i < byTime.size(); ++i)
            QVERIFY(byTime[i - 1].lengthMs >= byTime[i].lengthMs);
        QCOMPARE(wf->rows().front().label, QStringLiteral("INIT (runtime + module code)"));
        v.timeline->importOrderToggle()->setChecked(true);
        auto inOrder = imports();
        for (std::size_t i = 1; i < inOrder.size(); ++i)
            QVERIFY(inOrder[i - 1].startMs <= inOrder[i].startMs);
        // Labels never cut, values never clipped, at any width the pane gives it.
        const QFontMetrics fm(wf->font());
        for (const auto &row : wf->rows()) {
            QVERIFY(wf->labelWidth() - 8 >= fm.horizontalAdvance(row.label));
            QVERIFY(wf->valueWidth() - 4 >= fm.horizontalAdvance(WaterfallView::valueText(row.lengthMs)));
        }
        QVERIFY(wf->minimumWidth() >= wf->labelWidth() + wf->valueWidth());
    }

    void coldStartWaterfallLinksToTree()
    {
        Views v(testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")));
        auto data = v.ws.data();
        int cold = -1;
        for (std::size_t v = 0; v < data->invocations.size(); ++v)
            if (data->invocations[v].cold && data->invocations[v].importRun == 3)
                cold = int(v);
        QVERIFY(cold >= 0);
        v.timeline->selectInvocation(cold);
        WaterfallView *wf = v.timeline->waterfall();
        const ImportRun &run = data->runs[3];
        QCOMPARE(wf->run(), 3);
        QCOMPARE(wf->rows().size(), run.roots.size() + 2); // INIT, each top-level import, handler
        const Metrics &report = data->reportOf(data->invocations[std::size_t(cold)]);
        QCOMPARE(wf->rows().front().lengthMs, report.initDurationMs);
        QCOMPARE(wf->rows().back().lengthMs, report.durationMs);
        // Selecting an import in the waterfall selects it in the tree and the icicle.
        QSignalSpy spy(wf, &WaterfallView::importClicked);
        int row = -1;
        for (std::size_t r = 0; r < wf->rows().size(); ++r)
            if (wf->rows()[r].label == QLatin1String("numpy"))
                row = int(r);
        QVERIFY(row > 0);
        wf->resize(800, wf->minimumHeight());
        QTest::mouseClick(
            wf, Qt::LeftButton, Qt::NoModifier, QPoint(10, (row + 1) * (wf->fontMetrics().height() + 4) + 3));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(v.tree->currentRun(), 3);
        QCOMPARE(v.tree->selectedNode(), wf->rows()[std::size_t(row)].node);
        QCOMPARE(v.icicle->canvas()->selectedNode(), wf->rows()[std::size_t(row)].node);
    }

    void timeRangeFiltersEvents()
    {
        Views v(testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        auto data = v.ws.data();
        const TimeMs from = 1717200000000 + 500, to = 1717200000000 + 1500;
        // Drag on the time axis, as a user does.
        QCustomPlot *plot = v.timeline->lanesPlot();
        plot->xAxis->setRange(double(from) / 1000.0 - 1, double(to) / 1000.0 + 1);
        plot->replot();
        const int y = plot->axisRect()->rect().bottom() + 8;
        const int x0 = int(plot->xAxis->coordToPixel(double(from) / 1000.0));
        const int x1 = int(plot->xAxis->coordToPixel(double(to) / 1000.0));
        QSignalSpy range(&v.ws, &Workspace::timeRangeChanged);
        QTest::mousePress(plot, Qt::LeftButton, Qt::NoModifier, QPoint(x0, y));
        QMouseEvent move(QEvent::MouseMove, QPointF(x1, y), plot->mapToGlobal(QPointF(x1, y)), Qt::NoButton,
            Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(plot, &move);
        QTest::mouseRelease(plot, Qt::LeftButton, Qt::NoModifier, QPoint(x1, y));
        QCOMPARE(range.size(), 1);
        const auto [a, b] = v.timeline->timeRange();
        QVERIFY(std::abs(a - from) < 20 && std::abs(b - to) < 20);
        EventTableModel *m = v.events->model();
        QVERIFY(m->rowCount() > 0);
        QVERIFY(m->rowCount() < int(data->events.size()));
        for (int r = 0; r < m->rowCount(); ++r) {
            const TimeMs t = data->events.time[std::size_t(m->eventAt(r))];
            QVERIFY(t >= a && t <= b);
        }
        v.timeline->setTimeRange(kNoTime, kNoTime);
        QCOMPARE(m->rowCount(), int(data->events.size()));
    }

    void eventsLineColumnFitsSevenDigits()
    {
        Workspace ws;
        auto panel = testutil::show<EventsPanel>(ws);
        testutil::load(ws, testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")));
        QTableView *view = panel->view();
        const int margin = 2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1);
        const int need = view->fontMetrics().horizontalAdvance(QStringLiteral("9999999")) + margin;
        QVERIFY2(view->columnWidth(EventTableModel::LineColumn) >= need,
            qPrintable(QStringLiteral("%1 < %2").arg(view->columnWidth(EventTableModel::LineColumn)).arg(need)));
        QVERIFY(view->columnWidth(EventTableModel::LineColumn)
            >= view->horizontalHeader()->sectionSizeHint(EventTableModel::LineColumn));
    }

    void renderCommandWritesFiles()
    {
        QTemporaryDir tmp;
        const QString in = testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log"));
        for (const char *view : { "icicle", "timeline", "tree" }) {
            for (const char *ext : { "png", "svg", "pdf" }) {
                const QString out = tmp.filePath(QStringLiteral("%1.%2").arg(QLatin1String(view), QLatin1String(ext)));
                QProcess p;
                p.start(QStringLiteral(COLDSCOPE_BIN),
                    { QStringLiteral("render"), in, QStringLiteral("--view"), QLatin1String(view),
                        QStringLiteral("--out"), out, QStringLiteral("--width"), QStringLiteral("900"),
                        QStringLiteral("--height"), QStringLiteral("600") });
                QVERIFY(p.waitForFinished(60000));
                QCOMPARE(p.exitCode(), 0);
                const QByteArray head = testutil::readAll(out).left(64);
                if (QLatin1String(ext) == QLatin1String("png"))
                    QVERIFY(head.startsWith("\x89PNG"));
                else if (QLatin1String(ext) == QLatin1String("svg"))
                    QVERIFY(head.contains("<?xml") || head.contains("<svg"));
                else
                    QVERIFY(head.startsWith("%PDF"));
                if (QLatin1String(ext) == QLatin1String("png")) {
                    const QImage img(out);
                    QCOMPARE(img.size(), QSize(900, 600));
                    // Not blank: many distinct colours were drawn.
                    QSet<QRgb> colours;
                    for (int y = 0; y < img.height(); y += 7)
                        for (int x = 0; x < img.width(); x += 7)
                            colours.insert(img.pixel(x, y));
                    QVERIFY2(colours.size() > 8, view);
                }
            }
        }
        QProcess bad;
        bad.start(QStringLiteral(COLDSCOPE_BIN),
            { QStringLiteral("render"), in, QStringLiteral("--view"), QStringLiteral("nope"), QStringLiteral("--out"),
                tmp.filePath(QStringLiteral("x.png")) });
        QVERIFY(bad.waitForFinished(60000));
        QCOMPARE(bad.exitCode(), 2);
    }
};

QTEST_MAIN(TstViews)
#include "tst_views.moc"
