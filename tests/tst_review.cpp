// SPDX-License-Identifier: MIT
// In front of a reviewer (issue 13, §2–§4): a comparison that sets the whole window and
// whose names can be read, deferred imports, figures without hints, readable colours on
// a dark palette, Ctrl+C everywhere, a shortcut for every menu action, render sizes.
#include "guitestutil.h"
#include "testutil.h"

#include "compareview.h"
#include "detailspane.h"
#include "difftreemodel.h"
#include "exporting.h"
#include "icicleview.h"
#include "importdiff.h"
#include "importtreepanel.h"
#include "loader.h"
#include "mainwindow.h"
#include "plotstyle.h"
#include "presentation.h"
#include "queryresultmodel.h"
#include "searchpanel.h"
#include "style.h"
#include "timelineview.h"
#include "tonedelegate.h"
#include "workspace.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QProcess>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <nlohmann/json.hpp>

using namespace coldscope;

namespace {

QString pair(const char *name)
{
    return testutil::fixture(QStringLiteral("compare/") + QLatin1String(name));
}

// A real importtime table as one cold start of a Lambda text log: INIT_START, the
// first `initLines` lines during INIT, START, the rest during the invocation (the
// handler importing them), END and REPORT.
QString lambdaLog(const QTemporaryDir &tmp, const QString &name, const QString &importtime, int initLines)
{
    const QList<QByteArray> lines = testutil::readAll(importtime).split('\n');
    QByteArray out = "INIT_START Runtime Version: python:3.11.v30\tRuntime Version ARN: arn:aws:lambda:x\n";
    const QByteArray id = "22222222-2222-2222-2222-222222222222";
    for (int i = 0; i < lines.size(); ++i) {
        if (i == initLines)
            out += "START RequestId: " + id + " Version: $LATEST\n";
        if (!lines[i].isEmpty())
            out += lines[i] + '\n';
    }
    if (initLines >= lines.size())
        out += "START RequestId: " + id + " Version: $LATEST\n";
    out += "END RequestId: " + id + "\n";
    out += "REPORT RequestId: " + id
        + "\tDuration: 40.00 ms\tBilled Duration: 240 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t"
          "Init Duration: 200.00 ms\t\n";
    const QString path = tmp.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(out);
    return path;
}

// Every action of a menu and its submenus (not separators, not the submenus' own entries).
void collectActions(QMenu *menu, QList<QAction *> &out)
{
    for (QAction *a : menu->actions()) {
        if (a->isSeparator())
            continue;
        if (a->menu())
            collectActions(a->menu(), out);
        else
            out << a;
    }
}

} // namespace

class TstReview : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void compareNamesReadableAt1600()
    {
        MainWindow w;
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        testutil::compare(*w.workspace(), pair("buildA-boto3-json-numpy-requests.log"), pair("buildB-plus-pandas.log"));
        CompareView *c = w.findChild<CompareView *>();
        QVERIFY(c && c->isVisible());
        QApplication::processEvents();
        QTreeView *t = c->tree();
        const int name = t->columnWidth(DiffTreeModel::ModuleColumn);
        QVERIFY2(name >= 300, qPrintable(QString::number(name)));
        // Every column on screen, Status included.
        const int right = t->header()->sectionViewportPosition(DiffTreeModel::StatusColumn)
            + t->columnWidth(DiffTreeModel::StatusColumn);
        QVERIFY2(right <= t->viewport()->width(),
            qPrintable(QStringLiteral("%1 > %2").arg(right).arg(t->viewport()->width())));
        // The full name in the tooltip.
        const QModelIndex src = c->model()->indexForModule("numpy.core._multiarray_umath");
        QVERIFY(src.isValid());
        QVERIFY(src.data(Qt::ToolTipRole).toString().startsWith(QLatin1String("numpy.core._multiarray_umath\n")));
        // Eliding keeps the last component.
        const QFontMetrics fm(t->font());
        const QString e = elideModuleName(QStringLiteral("numpy.core._multiarray_umath"), fm,
            fm.horizontalAdvance(QStringLiteral("numpy…_multiarray_umath")) + 2);
        QVERIFY2(e.endsWith(QLatin1String("._multiarray_umath")) && e.contains(QChar(0x2026)), qPrintable(e));
        QVERIFY(fm.horizontalAdvance(e) <= fm.horizontalAdvance(QStringLiteral("numpy…_multiarray_umath")) + 2);
        QCOMPARE(elideModuleName(QStringLiteral("json"), fm, 400), QStringLiteral("json"));
    }

    void compareSetsTheWholeWindow()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        Workspace *ws = w.workspace();
        testutil::load(*ws, testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")));
        testutil::compare(*ws, pair("buildA-boto3-json-numpy-requests.log"), pair("buildB-minus-numpy.log"));
        QCOMPARE(w.windowTitle(),
            QStringLiteral("buildA-boto3-json-numpy-requests.log vs buildB-minus-numpy.log — coldscope"));
        // The other tabs show B, not the file opened before, and not "No importtime table".
        QCOMPARE(ws->shownSide(), 'B');
        QVERIFY(ws->data()->path.find("buildB-minus-numpy.log") != std::string::npos);
        auto *tree = w.findChild<ImportTreePanel *>();
        QVERIFY(tree->currentRun() >= 0);
        for (QLabel *l : w.findChildren<QLabel *>())
            QVERIFY2(!l->text().contains(QLatin1String("No importtime table")), qPrintable(l->text()));
        auto *details = w.findChild<DetailsPane *>();
        QVERIFY2(details->toPlainText().contains(QLatin1String("Comparison: buildA-boto3-json-numpy-requests.log vs")),
            qPrintable(details->toPlainText()));
        QVERIFY(details->toPlainText().contains(QLatin1String("105 removed")));
        // The switch: A on request, and the bar says which.
        auto *showA = w.findChild<QAbstractButton *>(QStringLiteral("showSideA"));
        QVERIFY(showA && showA->isVisible());
        showA->click();
        QCOMPARE(ws->shownSide(), 'A');
        QVERIFY(ws->data()->path.find("buildA-boto3") != std::string::npos);
        QVERIFY(tree->currentRun() >= 0);
        // Opening a log on its own closes the comparison.
        testutil::load(*ws, testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")));
        QVERIFY(!ws->comparison());
        QCOMPARE(w.windowTitle(), QStringLiteral("text-200-seed1.log — coldscope"));
        QVERIFY(!showA->isVisible());
    }

    void deferredImportIsNotFaster()
    {
        // numpy imported at module scope (INIT) in A, inside the handler (after START) in B.
        QTemporaryDir tmp;
        const QString a = lambdaLog(tmp, QStringLiteral("eager.log"), pair("buildA-eager-app.log"), 1 << 20);
        const QString b = lambdaLog(
            tmp, QStringLiteral("deferred.log"), pair("buildB-deferred-numpy-app-after-first-invoke.log"), 500);
        Workspace ws;
        auto view = testutil::show<CompareView>(ws);
        testutil::compare(ws, a, b);
        const auto diff = ws.comparison();
        const DiffEntry *numpy = diff->find("numpy");
        QVERIFY(numpy && numpy->deferred);
        QCOMPARE(diffStatusLabel(*numpy), std::string("deferred"));
        const DiffEntry *json = diff->find("json");
        QVERIFY(json && !json->deferred);
        for (auto i : diff->topImprovements(1000))
            QVERIFY(!diff->entries[i].deferred);
        const QModelIndex idx = view->model()->indexForModule("numpy");
        QCOMPARE(idx.siblingAtColumn(DiffTreeModel::StatusColumn).data().toString(), QStringLiteral("deferred"));
        QCOMPARE(idx.data(DiffTreeModel::ToneRole).toInt(), 0); // neither faster nor slower
        QVERIFY2(view->summary()->text().contains(QLatin1String("deferred</b>")), qPrintable(view->summary()->text()));
        // The CLI: the same keys as ever in --json, "deferred" in the text.
        const auto j = nlohmann::ordered_json::parse(
            testutil::cli({ QStringLiteral("diff"), a, b, QStringLiteral("--json") }).out.toStdString());
        std::vector<std::string> keys;
        for (auto it = j.begin(); it != j.end(); ++it)
            keys.push_back(it.key());
        QCOMPARE(keys,
            (std::vector<std::string> { "a", "b", "delta_us", "delta_pct", "added", "removed", "changed", "noise" }));
        const auto text = testutil::cli({ QStringLiteral("diff"), a, b });
        QVERIFY2(text.out.contains("deferred (imported in INIT in A"), text.out.constData());
        // Plain importtime logs say nothing about INIT: nothing is deferred.
        const ImportDiff plain = diffImports({ loadFile(pair("buildA-eager-app.log").toStdString()).data },
            { loadFile(pair("buildB-deferred-numpy-app-after-first-invoke.log").toStdString()).data });
        QVERIFY(plain.deferred().empty());
    }

    void rerunPairShowsNoRegression()
    {
        Workspace ws;
        testutil::compare(
            ws, pair("buildA-boto3-json-numpy-requests.log"), pair("buildA-rerun-boto3-json-numpy-requests.log"));
        QVERIFY(ws.comparison()->topRegressions(100).empty());
        QVERIFY(ws.comparison()->topImprovements(100).empty());
    }

    void ctrlCCopiesFromEveryTable()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        testutil::compare(*w.workspace(), pair("buildA-boto3-json-numpy-requests.log"), pair("buildB-plus-pandas.log"));
        CompareView *c = w.findChild<CompareView *>();
        // The comparison's tree.
        c->selectModule(QStringLiteral("pandas"));
        c->tree()->setFocus();
        QTest::keyClick(c->tree(), Qt::Key_C, Qt::ControlModifier);
        QString clip = QApplication::clipboard()->text();
        QVERIFY2(clip.startsWith(QLatin1String("Module\tA self")), qPrintable(clip));
        QVERIFY(clip.contains(QLatin1String("\npandas\t")));
        // Its lists.
        QListWidget *reg = c->regressions();
        QVERIFY(reg->count() > 0);
        reg->setCurrentRow(0);
        reg->setFocus();
        QTest::keyClick(reg, Qt::Key_C, Qt::ControlModifier);
        clip = QApplication::clipboard()->text();
        QCOMPARE(clip.trimmed(), reg->item(0)->text());
        // The flat "top modules by self time" list next to the import tree.
        w.workspace()->showComparedSide('B');
        auto *panel = w.findChild<ImportTreePanel *>();
        QTreeView *top = panel->topSelf();
        QVERIFY(top->model()->rowCount() > 100);
        double previous = 1e300;
        for (int r = 0; r < top->model()->rowCount(); ++r) { // largest self first, over the whole run
            const double self = top->model()->index(r, 1).data(Qt::UserRole).toDouble();
            QVERIFY(self <= previous);
            previous = self;
        }
        w.workspace()->setCurrentView(QStringLiteral("Imports"));
        QVERIFY(top->isVisible());
        top->selectionModel()->select(
            top->model()->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        top->setFocus();
        QTest::keyClick(top, Qt::Key_C, Qt::ControlModifier);
        clip = QApplication::clipboard()->text();
        QVERIFY2(clip.startsWith(QLatin1String("Module\tSelf\tCumulative")), qPrintable(clip));
        QCOMPARE(clip.trimmed().split(QLatin1Char('\n')).size(), 2);
    }

    void everyMenuActionHasAShortcut()
    {
        const QStringList recent { pair("buildA-eager-app.log"), pair("buildB-minus-numpy.log"),
            pair("buildB-plus-pandas.log") };
        QSettings().setValue(QStringLiteral("recentFiles"), recent);
        MainWindow w;
        QList<QAction *> actions;
        for (QAction *top : w.menuBar()->actions())
            if (top->menu())
                collectActions(top->menu(), actions);
        QVERIFY(actions.size() > 25);
        QSet<QString> seen;
        for (QAction *a : actions) {
            const QString keys = a->shortcut().toString();
            QVERIFY2(!keys.isEmpty(), qPrintable(a->text()));
            QVERIFY2(!seen.contains(keys), qPrintable(a->text() + QStringLiteral(": ") + keys));
            seen.insert(keys);
        }
        QVERIFY(seen.contains(QStringLiteral("Alt+1")) && seen.contains(QStringLiteral("Alt+3")));
        QSettings().remove(QStringLiteral("recentFiles"));
    }

    void firstWindowFitsTheScreen()
    {
        // QT_SCALE_FACTOR=2 on a 1920x1080 screen (the offscreen platform's screen from a
        // config file), in a process of its own: the window must fit in 960x540.
        QTemporaryDir tmp;
        const QString config = tmp.filePath(QStringLiteral("screen.json"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"screens": [{"name": "s", "x": 0, "y": 0, "width": 1920, "height": 1080,)"
                R"( "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
        f.close();
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_SCALE_FACTOR"), QStringLiteral("2"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen:configfile=") + config);
        env.insert(QStringLiteral("COLDSCOPE_FIT_CHILD"), QStringLiteral("1"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), { QStringLiteral("fitsTheScreenChild") });
        QVERIFY(child.waitForFinished(60000));
        const QByteArray out = child.readAllStandardOutput();
        QVERIFY2(child.exitCode() == 0 && out.contains("PASS   : TstReview::fitsTheScreenChild()"), out.constData());
    }

    void fitsTheScreenChild()
    {
        if (qEnvironmentVariableIsEmpty("COLDSCOPE_FIT_CHILD"))
            QSKIP("run by firstWindowFitsTheScreen");
        QCOMPARE(QGuiApplication::primaryScreen()->size(), QSize(960, 540));
        // No saved settings: the first window fits the screen.
        QSettings().remove(QStringLiteral("window/geometry"));
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QRect screen = w.screen()->availableGeometry();
        QVERIFY2(w.width() <= screen.width() && w.height() <= screen.height(),
            qPrintable(QStringLiteral("%1x%2 on %3x%4 (minimum %5x%6)")
                           .arg(w.width())
                           .arg(w.height())
                           .arg(screen.width())
                           .arg(screen.height())
                           .arg(w.minimumSizeHint().width())
                           .arg(w.minimumSizeHint().height())));
    }

    void figuresHaveNoHintsOrControls()
    {
        auto w = testutil::openWindow(
            testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")));
        auto *icicle = w->findChild<IcicleView *>();
        auto *tree = w->findChild<ImportTreePanel *>();
        auto hintsShown = [](QWidget *view) {
            static const QRegularExpression hint(QStringLiteral("(click|Click|Wheel|wheel|Esc)[^:]*:"));
            QStringList found;
            for (QLabel *l : view->findChildren<QLabel *>())
                if (l->isVisibleTo(view) && l->text().contains(hint))
                    found << l->text();
            for (QLineEdit *e : view->findChildren<QLineEdit *>())
                if (e->isVisibleTo(view))
                    found << QStringLiteral("a line edit: ") + e->placeholderText();
            return found;
        };
        QVERIFY(!hintsShown(icicle).isEmpty()); // on screen, the hints are there
        QVERIFY(!hintsShown(tree).isEmpty()); // and the filter box
        {
            FigureMode figure(icicle);
            QVERIFY2(hintsShown(icicle).isEmpty(), qPrintable(hintsShown(icicle).join(QLatin1Char('|'))));
        }
        {
            FigureMode figure(tree);
            QVERIFY2(hintsShown(tree).isEmpty(), qPrintable(hintsShown(tree).join(QLatin1Char('|'))));
        }
        QVERIFY(!hintsShown(icicle).isEmpty()); // and back afterwards
        // The export itself: a picture of the asked width, the window intact.
        QTemporaryDir tmp;
        const QString png = tmp.filePath(QStringLiteral("icicle.png"));
        QVERIFY(exportView(
            icicle, png, QStringLiteral("coldscope — Icicle"), { QStringLiteral("x.log") }, QSize(1000, 600)));
        QCOMPARE(QImage(png).width(), 1000);
        QVERIFY(!hintsShown(tree).isEmpty());
        // A tab that is not the current one goes back hidden (it stayed drawn over the
        // current tab: the timeline's ghost over Imports).
        QWidget *timeline = w->findChild<TimelineView *>();
        QVERIFY(!timeline->isVisible());
        QVERIFY(exportView(timeline, tmp.filePath(QStringLiteral("timeline.png")), QStringLiteral("Timeline"),
            { QStringLiteral("x.log") }, QSize(1000, 600)));
        QApplication::processEvents();
        QVERIFY(timeline->parentWidget());
        QVERIFY(!timeline->isVisible());
    }

    void presentationRowsAndHeadersFitTheFont()
    {
        auto w = testutil::openWindow(
            testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")));
        w->workspace()->setCurrentView(QStringLiteral("Imports"));
        auto *tree = w->findChild<ImportTreePanel *>();
        QTreeView *v = tree->view();
        QApplication::processEvents();
        const int normalRow = v->visualRect(v->model()->index(0, 0)).height();
        w->presentation()->setOn(true);
        w->workspace()->setCurrentView(QStringLiteral("Imports"));
        QApplication::processEvents();
        const QFontMetrics fm(v->font());
        QVERIFY(fm.height() > QFontMetrics(QApplication::font()).height());
        for (QTreeView *t : { v, tree->topSelf() }) {
            // Rows as tall as the larger font (underscores and descenders not cut).
            const int row = t->visualRect(t->model()->index(0, 0)).height();
            QVERIFY2(row >= fm.height(), qPrintable(QStringLiteral("row %1 < font %2").arg(row).arg(fm.height())));
            // Headers not clipped: every column at least as wide as its title.
            const QFontMetrics hfm(t->header()->font());
            for (int c = 1; c < t->model()->columnCount(); ++c) {
                const QString title = t->model()->headerData(c, Qt::Horizontal).toString();
                QVERIFY2(t->columnWidth(c) >= hfm.horizontalAdvance(title),
                    qPrintable(QStringLiteral("%1: %2 < %3")
                                   .arg(title)
                                   .arg(t->columnWidth(c))
                                   .arg(hfm.horizontalAdvance(title))));
            }
        }
        QVERIFY(v->visualRect(v->model()->index(0, 0)).height() > normalRow);
        // A finding is a title card over the view, not a status bar line.
        w->presentation()->showFinding(0);
        QApplication::processEvents();
        auto *card = w->findChild<QLabel *>(QStringLiteral("presentationCard"));
        QVERIFY(card && card->isVisible());
        QCOMPARE(card->parentWidget(), static_cast<QWidget *>(w.get()));
        QVERIFY2(w->centralWidget()->geometry().contains(card->geometry()),
            qPrintable(
                QStringLiteral("%1,%2 %3x%4").arg(card->x()).arg(card->y()).arg(card->width()).arg(card->height())));
        QVERIFY(card->text().contains(QLatin1String("Finding 1 of")));
        w->presentation()->setOn(false);
        QVERIFY(!card->isVisible());
    }

    void darkPaletteContrast()
    {
        // A dark desktop: the editor's and the window's backgrounds.
        for (const QColor base : { QColor(30, 30, 30), QColor(42, 42, 42), QColor(53, 53, 53) }) {
            QPalette dark;
            dark.setColor(QPalette::Base, base);
            dark.setColor(QPalette::Window, base);
            dark.setColor(QPalette::Text, Qt::white);
            dark.setColor(QPalette::WindowText, Qt::white);
            const style::Syntax s = style::syntax(dark);
            for (const QColor &c :
                { s.command, s.function, s.field, s.string, s.regex, s.comment, s.keyword, s.number })
                QVERIFY2(style::contrastRatio(c, base) >= 4.5,
                    qPrintable(
                        QStringLiteral("%1 on %2: %3").arg(c.name(), base.name()).arg(style::contrastRatio(c, base))));
            QVERIFY(style::contrastRatio(Qt::white, s.errorBackground) >= 4.5);
            QVERIFY(style::contrastRatio(style::deltaText(true, dark), base) >= 4.5);
            QVERIFY(style::contrastRatio(style::deltaText(false, dark), base) >= 4.5);
            for (int sev = 0; sev < 3; ++sev) {
                const style::Chip chip = style::findingChip(sev, dark);
                QVERIFY(style::contrastRatio(chip.background, chip.text) >= 4.5);
            }
        }
        // Legend chips: the colour a chip's label is drawn in, read back from the HTML.
        static const QRegularExpression css(QStringLiteral("background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})"));
        for (const QColor &c : { style::delta(1, 2), style::delta(-1, 2), style::noise(), style::heat(0),
                 style::heat(1), style::init(), style::invocation(), style::timeout(), style::error() }) {
            const auto m = css.match(style::swatch(c, QStringLiteral("within the noise")));
            QVERIFY(m.hasMatch());
            const double ratio = style::contrastRatio(QColor(m.captured(1)), QColor(m.captured(2)));
            QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1: %2").arg(c.name()).arg(ratio)));
        }
    }

    void numbersAndTicksReadable()
    {
        QCOMPARE(QueryResultModel::displayNumber(1234.5678901234567), QStringLiteral("1234.568"));
        QCOMPARE(QueryResultModel::displayNumber(0.000123456789), QStringLiteral("0.000123"));
        QCOMPARE(QueryResultModel::displayNumber(42), QStringLiteral("42"));
        QCOMPARE(QueryResultModel::displayNumber(2.5), QStringLiteral("2.5"));
        // A time axis zoomed to a few seconds: never one label twice.
        QCustomPlot plot;
        plot.resize(800, 200);
        plot.xAxis->setTicker(timeTicker());
        for (const double span : { 0.05, 3.0, 300.0, 7200.0, 86400.0 * 9 }) {
            plot.xAxis->setRange(1717200000.0, 1717200000.0 + span);
            plot.replot();
            const QVector<QString> labels = plot.xAxis->tickVectorLabels();
            QVERIFY(labels.size() >= 2);
            QCOMPARE(QSet<QString>(labels.begin(), labels.end()).size(), labels.size());
        }
        // Tick labels never overlap, even on a narrow plot with long labels.
        QCustomPlot narrow;
        followPalette(&narrow);
        narrow.resize(260, 160);
        narrow.show();
        narrow.xAxis->setRange(0, 123456.789);
        for (int i = 0; i < 4; ++i) {
            narrow.replot();
            QApplication::processEvents();
        }
        const QFontMetrics fm(narrow.xAxis->tickLabelFont());
        const QVector<double> ticks = narrow.xAxis->tickVector();
        const QVector<QString> labels = narrow.xAxis->tickVectorLabels();
        for (int i = 1; i < ticks.size(); ++i) {
            const double gap = narrow.xAxis->coordToPixel(ticks[i]) - narrow.xAxis->coordToPixel(ticks[i - 1]);
            QVERIFY2(gap > (fm.horizontalAdvance(labels[i]) + fm.horizontalAdvance(labels[i - 1])) / 2.0,
                qPrintable(labels.toList().join(QLatin1Char(' '))));
        }
    }

    void binChartLegendBesideTheData()
    {
        Workspace ws;
        auto search = testutil::show<SearchPanel>(ws);
        testutil::load(ws, testutil::fixture(QStringLiteral("lambda/generated/json-importtime-6000-seed2.log")));
        QSignalSpy done(&ws, &Workspace::queryDone);
        ws.requestQuery(
            QStringLiteral("filter @type = \"REPORT\" | stats count(*) as n, avg(@duration) as a by bin(5m)"));
        QVERIFY(done.wait(30000));
        QCustomPlot *chart = search->chart();
        QVERIFY(chart->isVisible() && chart->graphCount() == 2);
        chart->replot();
        QCOMPARE(chart->axisRect()->insetLayout()->elementCount(), 0);
        QVERIFY(!chart->legend->outerRect().intersects(chart->axisRect()->rect()));
        // Averages to read, not 13 decimals.
        const QAbstractItemModel *m = search->findChild<QTableView *>()->model();
        for (int r = 0; r < m->rowCount(); ++r) {
            const QString a = m->index(r, 2).data().toString();
            QVERIFY2(!a.contains(QLatin1Char('.')) || a.size() - a.indexOf(QLatin1Char('.')) <= 4, qPrintable(a));
        }
    }

    void reportFitsThePage()
    {
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("r.html"));
        const auto r = testutil::cli({ QStringLiteral("report"), pair("buildA-boto3-json-numpy-requests.log"),
            pair("buildB-plus-pandas.log"), QStringLiteral("--out"), out });
        QCOMPARE(r.code, 0);
        const QString html = QString::fromUtf8(testutil::readAll(out));
        QVERIFY(html.contains(QLatin1String("break-after:avoid")));
        // The figures table: one column per file (two here), one row per figure.
        const qsizetype at = html.indexOf(QLatin1String("<h2>Cold-start figures</h2>"));
        QVERIFY(at > 0);
        const QString table = html.mid(at, html.indexOf(QLatin1String("</table>"), at) - at);
        const QString header = table.mid(table.indexOf(QLatin1String("<tr>")),
            table.indexOf(QLatin1String("</tr>")) - table.indexOf(QLatin1String("<tr>")));
        QCOMPARE(header.count(QLatin1String("<th>")), 3);
        QVERIFY(table.contains(QLatin1String("<td>timeouts</td>")));
        // One import total per file, one name for it.
        QVERIFY(!html.contains(QLatin1String(" in total")));
        QVERIFY(html.contains(QLatin1String("import time")));
    }

    void renderHonoursTheSize()
    {
        QTemporaryDir tmp;
        const QString log = testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log"));
        for (const char *view :
            { "window", "tree", "events", "icicle", "timeline", "search", "findings", "presentation", "compare" }) {
            const QString out = tmp.filePath(QLatin1String(view) + QStringLiteral(".png"));
            QStringList args { QStringLiteral("render") };
            if (QLatin1String(view) == QLatin1String("compare"))
                args << pair("buildA-boto3-json-numpy-requests.log") << pair("buildB-plus-pandas.log");
            else
                args << log;
            args << QStringLiteral("--view") << QLatin1String(view) << QStringLiteral("--out") << out
                 << QStringLiteral("--width") << QStringLiteral("1000") << QStringLiteral("--height")
                 << QStringLiteral("700");
            if (QLatin1String(view) == QLatin1String("search"))
                args << QStringLiteral("--query") << QStringLiteral("stats count(*) by bin(1h)");
            const auto r = testutil::cli(args);
            QVERIFY2(r.code == 0, view);
            QCOMPARE(QImage(out).size(), QSize(1000, 700));
        }
    }
};

QTEST_MAIN(TstReview)
#include "tst_review.moc"
