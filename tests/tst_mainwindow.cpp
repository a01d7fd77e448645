// SPDX-License-Identifier: MIT
// The main window on the offscreen platform (sample, drag-and-drop, a bad file) and the
// views linked through one Workspace (selection, function filter, events filter).
#include "guitestutil.h"
#include "testutil.h"

#include "detailspane.h"
#include "eventspanel.h"
#include "findingspanel.h"
#include "iciclecanvas.h"
#include "icicleview.h"
#include "importtreepanel.h"
#include "mainwindow.h"
#include "notedialog.h"
#include "timelineview.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUrl>

using namespace coldscope;

class TstMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings and recent files go to a test location
        // Text must render with a real font, not boxes.
        QVERIFY(!QFontDatabase::families().isEmpty());
        QVERIFY(QFontMetrics(QApplication::font()).inFont(QLatin1Char('A')));
        QVERIFY(QFontMetrics(QApplication::font()).inFont(QChar(0x00B5))); // µ
    }

    void opensTheBundledSample()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QSignalSpy loaded(w.workspace(), &Workspace::fileLoaded);
        w.workspace()->openSample();
        QVERIFY(loaded.wait(30000));
        const auto data = w.workspace()->data();
        QVERIFY(data);
        QCOMPARE(data->runs.size(), std::size_t(10));
        QCOMPARE(w.workspace()->run(), 0);
        QVERIFY(w.statusText().contains(QLatin1String("lambda-text")));
        QVERIFY(w.statusText().contains(QLatin1String("6,138 events")));
        auto *tree = w.findChild<ImportTreePanel *>();
        QVERIFY(tree);
        QCOMPARE(tree->runSelector()->count(), 10);
        QCOMPARE(tree->model()->run(), &data->runs[0]);
        const QImage shot = w.grab().toImage();
        QVERIFY(!shot.isNull());
        shot.save(QStringLiteral("mainwindow-sample.png"));
    }

    // The timeline of a log opened while another tab shows is built when it is first
    // needed (shown, or asked for), not before the window's first figures; what it then
    // shows is the engine's timeline of that log.
    void aHiddenTimelineIsBuiltWhenNeeded()
    {
        auto w = testutil::openWindow(
            testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")));
        auto *timeline = w->findChild<TimelineView *>();
        QVERIFY(timeline);
        QVERIFY(!timeline->isVisible()); // the window opens on another tab
        const TimelineData expected = buildTimeline(*w->workspace()->data(), w->workspace()->function());
        QVERIFY(!expected.lanes.empty());
        QCOMPARE(timeline->timeline().lanes.size(), expected.lanes.size()); // asked for: built
        QCOMPARE(timeline->rows().rows.size(), packLanes(expected).rows.size());
        // A second log while hidden: the next question gets the new log's timeline.
        testutil::load(*w->workspace(), testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")));
        const TimelineData second = buildTimeline(*w->workspace()->data(), w->workspace()->function());
        QVERIFY(second.lanes.size() != expected.lanes.size() || second.first != expected.first);
        QCOMPARE(timeline->timeline().first, second.first);
        QCOMPARE(timeline->timeline().lanes.size(), second.lanes.size());
    }

    // The events table of a log opened while another tab shows is given its rows when it
    // is first needed: shown, asked for, or asked to follow a selection made elsewhere;
    // not before the window's first figures (a table of millions of rows costs ~40 ms a
    // GB to set up). What it then shows is the log's events, under the filters set while
    // it was hidden.
    void aHiddenEventsTableCatchesUpWhenNeeded()
    {
        const QString path = testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log"));
        auto w = testutil::openWindow(path);
        auto *panel = w->findChild<EventsPanel *>();
        QVERIFY(panel);
        QVERIFY(!panel->isVisible()); // the window opens on another tab
        auto *table = panel->findChild<QTableView *>();
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), 0); // not given the log yet
        const auto data = w->workspace()->data();
        QVERIFY(data->events.size() > 1000);
        // Shown: every event.
        auto *tabs = w->findChild<QTabWidget *>();
        tabs->setCurrentWidget(panel);
        QVERIFY(panel->isVisible());
        QCOMPARE(std::size_t(table->model()->rowCount()), data->events.size());

        // A second log while hidden, a level filter set while hidden: asked for, the model
        // holds the second log's events at that level.
        tabs->setCurrentIndex(0);
        QVERIFY(!panel->isVisible());
        testutil::load(*w->workspace(), testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")));
        const auto second = w->workspace()->data();
        QVERIFY(second != data);
        QCOMPARE(table->model()->rowCount(), 0); // again not given the (new) log
        panel->levelFilter()->setCurrentIndex(panel->levelFilter()->findData(int(Level::Error)));
        EventTableModel *model = panel->model();
        std::size_t errors = 0;
        for (std::size_t i = 0; i < second->events.size(); ++i)
            errors += second->events.level[i] >= Level::Error;
        QCOMPARE(std::size_t(model->rowCount()), errors);
        for (int r = 0; r < model->rowCount(); ++r)
            QVERIFY(second->events.level[std::size_t(model->eventAt(r))] >= Level::Error);

        // A third log while hidden: a selection made elsewhere is followed at once.
        testutil::load(*w->workspace(), path);
        const auto third = w->workspace()->data();
        panel->levelFilter()->setCurrentIndex(0);
        QCOMPARE(table->model()->rowCount(), 0);
        const int event = int(third->events.size() / 2);
        w->workspace()->selectEvent(event);
        QCOMPARE(std::size_t(table->model()->rowCount()), third->events.size());
        QCOMPARE(panel->model()->eventAt(table->currentIndex().row()), event);
    }

    // The app starts a log's load before it builds the window (the load runs while the
    // widgets are made). The window and its views, built after the load began, must show
    // that a file loads (the signal saying so went out before they listened), then the
    // log. A session file is not opened that early: its restore talks to the views.
    void aWindowBuiltWhileItsLogLoadsShowsTheLoad()
    {
        const QString path = testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log"));
        Workspace ws;
        QVERIFY(ws.openFileBeforeViews(path));
        MainWindow w(&ws);
        w.resize(1280, 800);
        w.show();
        QVERIFY(ws.isLoading()); // its result arrives queued, once the event loop runs
        QVERIFY2(w.statusBar()->currentMessage().contains(QLatin1String("Loading")),
            qPrintable(w.statusBar()->currentMessage()));
        auto *icicle = w.findChild<IcicleView *>();
        QVERIFY(icicle);
        QCOMPARE(icicle->canvas()->emptyText(), QStringLiteral("Loading…"));
        QVERIFY(w.findChild<ImportTreePanel *>()->summaryText().contains(QStringLiteral("Loading…")));
        // The first log: the findings and the details say that it loads, not "no log yet".
        auto *findings = w.findChild<FindingsPanel *>();
        QVERIFY(findings);
        QVERIFY2(findings->stateText().startsWith(QStringLiteral("Loading text-importtime-6000-seed2.log")),
            qPrintable(findings->stateText()));
        QVERIFY(w.findChild<DetailsPane *>()->toPlainText().startsWith(QStringLiteral("Loading ")));
        QSignalSpy loaded(&ws, &Workspace::fileLoaded);
        QVERIFY(loaded.wait(30000));
        QVERIFY(!ws.isLoading());
        QVERIFY(w.statusBar()->currentMessage().isEmpty());
        QVERIFY(icicle->canvas()->emptyText() != QStringLiteral("Loading…"));
        const auto data = ws.data();
        QVERIFY(data && !data->runs.empty());
        QVERIFY(w.statusText().contains(QLocale().toString(qulonglong(data->events.size()))));
        QVERIFY(!w.findChild<ImportTreePanel *>()->summaryText().contains(QStringLiteral("Loading…")));
        QVERIFY(!findings->stateText().startsWith(QStringLiteral("Loading")));
        QVERIFY(!w.findChild<DetailsPane *>()->toPlainText().startsWith(QStringLiteral("Loading")));

        // Opened after the window is built: the same, and a file that fails to load
        // leaves the empty state as it was.
        QTemporaryDir tmp;
        MainWindow second;
        second.workspace()->openFile(tmp.filePath(QStringLiteral("gone.log")));
        auto *secondFindings = second.findChild<FindingsPanel *>();
        QVERIFY(secondFindings->stateText().startsWith(QStringLiteral("Loading gone.log")));
        QSignalSpy failed(second.workspace(), &Workspace::loadFailed);
        QVERIFY(failed.wait(30000));
        QVERIFY(secondFindings->stateText().startsWith(QStringLiteral("No log yet")));

        QFile session(tmp.filePath(QStringLiteral("work.coldscope")));
        QVERIFY(session.open(QIODevice::WriteOnly));
        session.write("{\"coldscope-session\": 1}");
        session.close();
        Workspace later;
        QVERIFY(!later.openFileBeforeViews(session.fileName()));
        QVERIFY(!later.isLoading());
    }

    void dropAFileOnTheWindow()
    {
        MainWindow w;
        w.show();
        const QString path = testutil::fixture(QStringLiteral("importtime/pandas.log"));
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(path) });
        const QPoint at = w.rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy loaded(w.workspace(), &Workspace::fileLoaded);
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QVERIFY(drop.isAccepted());
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.first().first().toString(), path);
        const auto ref = testutil::referenceImportLines(testutil::readAll(path));
        QCOMPARE(w.workspace()->data()->runs.front().imports, qint64(ref.size()));
        QVERIFY(w.statusText().contains(QLatin1String("importtime")));
        // A drop of something that is not a file is refused.
        QMimeData text;
        text.setText(QStringLiteral("hello"));
        QDragEnterEvent refuse(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &refuse);
        QVERIFY(!refuse.isAccepted());
    }

    void dropAFileOnATextField()
    {
        MainWindow w;
        w.show();
        QLineEdit *filter = nullptr; // "Filter modules"
        for (auto *e : w.findChildren<QLineEdit *>())
            if (e->placeholderText().startsWith(QLatin1String("Filter modules")))
                filter = e;
        QVERIFY(filter);
        filter->setText(QStringLiteral("json"));
        const QString path = testutil::fixture(QStringLiteral("importtime/pandas.log"));
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(path) });
        const QPoint at = filter->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(filter, &enter);
        QVERIFY(enter.isAccepted());
        QVERIFY(w.statusBar()->currentMessage().contains(QLatin1String("Drop to open pandas.log"))); // the cue
        QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(filter, &move);
        QVERIFY(move.isAccepted());
        QSignalSpy loaded(w.workspace(), &Workspace::fileLoaded);
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(filter, &drop);
        QVERIFY(drop.isAccepted());
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.first().first().toString(), path);
        QCOMPARE(filter->text(), QStringLiteral("json"));
        QVERIFY(w.statusBar()->currentMessage().isEmpty());
        // Text dropped on it is still the line edit's.
        QMimeData text;
        text.setText(QStringLiteral("hello"));
        QDragEnterEvent textEnter(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(filter, &textEnter);
        QVERIFY(textEnter.isAccepted());
        QVERIFY(w.statusBar()->currentMessage().isEmpty());
    }

    void panesSayLoadingWhileAFileLoads()
    {
        MainWindow w;
        w.show();
        auto labelsSay = [&](const QString &what) {
            for (auto *l : w.findChild<ImportTreePanel *>()->findChildren<QLabel *>())
                if (l->text().contains(what))
                    return true;
            return false;
        };
        QVERIFY(w.findChild<IcicleView *>());
        IcicleCanvas *canvas = w.findChild<IcicleView *>()->canvas();
        const QString noTable = QStringLiteral("No importtime table");
        // A Lambda log without importtime lines: once loaded, the panes say it has none.
        QSignalSpy loaded(w.workspace(), &Workspace::fileLoaded);
        w.workspace()->openFile(testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        QVERIFY(labelsSay(QStringLiteral("Loading…")));
        QVERIFY(!labelsSay(noTable));
        QCOMPARE(canvas->emptyText(), QStringLiteral("Loading…"));
        QVERIFY(loaded.wait(30000));
        QVERIFY(labelsSay(noTable));
        QVERIFY(canvas->emptyText().contains(noTable));
        // Opening another: loading again, not "no table" from the file before.
        w.workspace()->openFile(testutil::fixture(QStringLiteral("importtime/pandas.log")));
        QVERIFY(labelsSay(QStringLiteral("Loading…")));
        QVERIFY(!labelsSay(noTable));
        QCOMPARE(canvas->emptyText(), QStringLiteral("Loading…"));
        QVERIFY(loaded.wait(30000));
        QVERIFY(!labelsSay(QStringLiteral("Loading…")));
    }

    void noteDialogConfirmsWithCtrlEnter()
    {
        auto w = testutil::openWindow(testutil::fixture(QStringLiteral("importtime/pandas.log")));
        Workspace *ws = w->workspace();
        ws->setCurrentView(QStringLiteral("Imports"));
        ws->selectNode(1);
        const std::string module = ws->selectedModule();
        QVERIFY(!module.empty());
        QAction *add = nullptr;
        for (QAction *a : w->findChildren<QAction *>())
            if (a->text().startsWith(QLatin1String("Add &note")))
                add = a;
        QVERIFY(add);
        bool sawDialog = false;
        QTimer::singleShot(0, this, [&] {
            for (QWidget *top : QApplication::topLevelWidgets())
                if (auto *d = qobject_cast<NoteDialog *>(top); d && d->isVisible()) {
                    sawDialog = true;
                    QTest::keyClicks(d->editor(), QStringLiteral("slow"));
                    QTest::keyClick(d->editor(), Qt::Key_Return); // a new line
                    QTest::keyClicks(d->editor(), QStringLiteral("on arm64"));
                    QTest::keyClick(d->editor(), Qt::Key_Return, Qt::ControlModifier); // confirms
                    if (d->isVisible())
                        d->reject(); // not confirmed: the note stays unset
                }
            if (QWidget *other = QApplication::activeModalWidget(); !sawDialog && other)
                other->close(); // some other dialog: the test fails below instead of waiting
        });
        add->trigger();
        QVERIFY(sawDialog);
        QCOMPARE(ws->moduleNotes().count(module), std::size_t(1));
        QCOMPARE(ws->moduleNotes().at(module), std::string("slow\non arm64"));
    }

    void importsBelowCountsTheWholeSubtree()
    {
        const QString path = testutil::fixture(QStringLiteral("importtime/pandas.log"));
        // importtime writes a module after everything it imported, one level deeper:
        // pandas is the last line, at level 0; its direct imports are at level 1.
        const auto ref = testutil::referenceImportLines(testutil::readAll(path));
        QVERIFY(!ref.empty() && ref.back().module == QLatin1String("pandas") && ref.back().level == 0);
        qsizetype below = 0, direct = 0;
        for (std::size_t i = ref.size() - 1; i-- > 0 && ref[i].level > 0;) {
            ++below;
            direct += ref[i].level == 1;
        }
        QVERIFY(below > direct && direct > 1);
        Workspace ws;
        auto details = testutil::show<DetailsPane>(ws);
        testutil::load(ws, path);
        const ImportRun &run = ws.data()->runs.front();
        int pandas = -1;
        for (std::size_t n = 0; n < run.nodes.size(); ++n)
            if (run.nodes[n].parent < 0 && ws.data()->moduleName(run.nodes[n]) == "pandas")
                pandas = int(n);
        QVERIFY(pandas >= 0);
        ws.selectNode(pandas);
        const QString text = details->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("%1 (%2 direct)").arg(below).arg(direct)), qPrintable(text));
    }

    void badFileGetsAClearMessage()
    {
        MainWindow w;
        QSignalSpy failed(w.workspace(), &Workspace::loadFailed);
        w.workspace()->openFile(testutil::fixture(QStringLiteral("README.md")));
        QVERIFY(failed.wait(30000));
        QVERIFY(failed.first().first().toString().contains(QLatin1String("README.md")));
        auto *details = w.findChild<DetailsPane *>();
        QVERIFY(details && details->toPlainText().contains(QLatin1String("not a Lambda or importtime log")));
    }

    void functionFilterReachesEveryView()
    {
        // Two functions sharing one log group (aws logs tail output): their streams carry the names.
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("shared.log"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        int n = 0;
        for (const char *fn : { "orders-api", "billing-worker" }) {
            const QString stream = QStringLiteral("2024/06/01/%1[$LATEST]%2")
                                       .arg(QLatin1String(fn))
                                       .arg(QString(32, QLatin1Char('a' + char(n))));
            const QString id = QStringLiteral("0000000%1-0000-0000-0000-000000000000").arg(n);
            auto line = [&](int ms, const QString &msg) {
                const QString ts = QStringLiteral("2024-06-01T00:00:0") + QString::number(n) + QLatin1Char('.')
                    + QStringLiteral("%1").arg(ms, 3, 10, QLatin1Char('0')) + QStringLiteral("000+00:00");
                f.write((ts + QLatin1Char(' ') + stream + QLatin1Char(' ') + msg + QLatin1Char('\n')).toUtf8());
            };
            line(0, QStringLiteral("INIT_START Runtime Version: python:3.12.v36"));
            line(1, QStringLiteral("import time: self [us] | cumulative | imported package"));
            line(2, QStringLiteral("import time:       100 |        100 | %1_module").arg(QLatin1String(fn).left(3)));
            line(3, QStringLiteral("START RequestId: %1 Version: $LATEST").arg(id));
            line(5,
                QStringLiteral("REPORT RequestId: %1\tDuration: 1.00 ms\tBilled Duration: 10 ms\tMemory Size: 128 "
                               "MB\tMax Memory Used: 50 MB\tInit Duration: 8.00 ms\t")
                    .arg(id));
            ++n;
        }
        f.close();
        // The function chosen in the events view reaches the tree, the timeline and the
        // events through the workspace.
        Workspace ws;
        auto tree = testutil::show<ImportTreePanel>(ws);
        auto events = testutil::show<EventsPanel>(ws);
        auto timeline = testutil::show<TimelineView>(ws);
        testutil::load(ws, path);
        const auto data = ws.data();
        QCOMPARE(tree->runSelector()->count(), 2);
        QComboBox *functions = events->functionFilter();
        QCOMPARE(functions->count(), 3); // all, and the two functions
        functions->setCurrentIndex(functions->findText(QStringLiteral("billing-worker")));
        QCOMPARE(std::string(data->events.functions.view(*ws.function())), std::string("billing-worker"));
        QCOMPARE(tree->runSelector()->count(), 1);
        const ImportRun *run = tree->model()->run();
        QVERIFY(run);
        QCOMPARE(run, ws.currentRun());
        QCOMPARE(std::string(data->functionOfStream(run->stream)), std::string("billing-worker"));
        QCOMPARE(timeline->timeline().lanes.size(), std::size_t(1));
        QVERIFY(events->model()->rowCount() > 0);
        for (int r = 0; r < events->model()->rowCount(); ++r)
            QCOMPARE(std::string(data->functionOfStream(data->events.stream[std::size_t(events->model()->eventAt(r))])),
                std::string("billing-worker"));
    }

    void selectionFollowsAcrossViews()
    {
        Workspace ws;
        auto tree = testutil::show<ImportTreePanel>(ws);
        auto icicle = testutil::show<IcicleView>(ws);
        auto events = testutil::show<EventsPanel>(ws);
        auto details = testutil::show<DetailsPane>(ws);
        testutil::load(ws, testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")));
        const auto data = ws.data();
        // Pick the importtime line of "numpy" in the third run and select it in the events table.
        const ImportRun &run = data->runs[2];
        int node = -1;
        for (std::size_t n = 0; n < run.nodes.size(); ++n)
            if (data->moduleName(run.nodes[n]) == "numpy")
                node = int(n);
        QVERIFY(node >= 0);
        QVERIFY(events->selectEvent(run.nodes[std::size_t(node)].event));
        QCOMPARE(ws.selectedEvent(), int(run.nodes[std::size_t(node)].event));
        QCOMPARE(ws.run(), 2);
        QCOMPARE(ws.node(), node);
        QCOMPARE(tree->currentRun(), 2);
        QCOMPARE(tree->selectedNode(), node);
        // The icicle follows to the third run and selects the same node.
        QCOMPARE(icicle->canvas()->run(), &run);
        QCOMPARE(icicle->canvas()->selectedNode(), node);
        // The details pane shows what was clicked: the event (its importtime line).
        QVERIFY(details->toPlainText().contains(QLatin1String("numpy")));
        QVERIFY(details->toPlainText().contains(QLatin1String("importtime")));
        // A click in the icicle selects in the tree; the details show the module.
        QVERIFY(!run.nodes[std::size_t(node)].children.empty());
        const int child = int(run.nodes[std::size_t(node)].children.front());
        emit icicle->canvas()->nodeClicked(child);
        QCOMPARE(tree->selectedNode(), child);
        QCOMPARE(ws.focus(), Workspace::Focus::Node);
        QVERIFY(details->toPlainText().contains(QLatin1String("Imported by")));
        // Filtering the tree keeps the match and its ancestors.
        tree->filterEdit()->setText(QStringLiteral("numpy.linalg"));
        QTRY_VERIFY(tree->proxy()->rowCount() > 0);
        // Function filter offers no choice for a one-function log; level filter works.
        events->levelFilter()->setCurrentIndex(events->levelFilter()->findData(int(Level::Error)));
        QVERIFY(events->view()->model()->rowCount() > 0);
        for (int r = 0; r < events->view()->model()->rowCount(); ++r)
            QVERIFY(data->events.level[std::size_t(events->model()->eventAt(r))] >= Level::Error);
        // Large files filter on a worker thread: the same rows arrive, later.
        const int errors = events->model()->rowCount();
        events->setSyncLimit(0);
        QSignalSpy filtered(events.get(), &EventsPanel::filtered);
        events->levelFilter()->setCurrentIndex(events->levelFilter()->findData(int(Level::Warn)));
        events->levelFilter()->setCurrentIndex(events->levelFilter()->findData(int(Level::Error)));
        QVERIFY(filtered.wait(30000));
        QTRY_VERIFY(!events->isFiltering());
        QCOMPARE(events->model()->rowCount(), errors); // the newest request won
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
