// SPDX-License-Identifier: MIT
// Ready for a review: reports (and their escaping), exported views and profiles,
// table copy, sessions, presentation mode, the capture guide's snippets, help.
#include "guitestutil.h"
#include "testutil.h"

#include "captureguide.h"
#include "compareview.h"
#include "eventspanel.h"
#include "exporting.h"
#include "findingspanel.h"
#include "icicleview.h"
#include "importtreepanel.h"
#include "loader.h"
#include "mainwindow.h"
#include "presentation.h"
#include "profileexport.h"
#include "report.h"
#include "searchpanel.h"
#include "session.h"
#include "tablecopy.h"
#include "timelineview.h"
#include "workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QImage>
#include <QMimeData>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUrl>
#include <qcustomplot.h>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

using namespace coldscope;

namespace {

using testutil::cli;
using testutil::openWindow;

// A log whose module names and messages hold markup.
QString hostileLog(const QTemporaryDir &tmp)
{
    const QString path = tmp.filePath(QStringLiteral("hostile.log"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(
        "INIT_START Runtime Version: python:3.12.v36\n"
        "import time: self [us] | cumulative | imported package\n"
        "import time:       500 |        500 |   <b>bold</b>\n"
        "import time:      1000 |       1500 | <script>alert(1)</script>\n"
        "START RequestId: 11111111-1111-1111-1111-111111111111 Version: $LATEST\n"
        "[ERROR]\t2024-06-01T00:00:01.000Z\t11111111-1111-1111-1111-111111111111\t<script>alert('x')</script> | pipe\n"
        "END RequestId: 11111111-1111-1111-1111-111111111111\n"
        "REPORT RequestId: 11111111-1111-1111-1111-111111111111\tDuration: 10.00 ms\tBilled Duration: 1612 ms\t"
        "Memory Size: 128 MB\tMax Memory Used: 60 MB\tInit Duration: 1601.00 ms\t\n");
    return path;
}

} // namespace

class TstExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void reportHtmlEscapesLogContent()
    {
        QTemporaryDir tmp;
        const QString log = hostileLog(tmp);
        const QString out = tmp.filePath(QStringLiteral("report.html"));
        const testutil::CliRun r = cli({ QStringLiteral("report"), log, QStringLiteral("--out"), out,
            QStringLiteral("--query"), QStringLiteral("filter @message like /script/ | fields @message") });
        QCOMPARE(r.code, 0);
        const QByteArray html = testutil::readAll(out);
        QVERIFY(!html.contains("<script>"));
        QVERIFY(!html.contains("<b>bold"));
        QVERIFY(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")); // the module name, as text
        QVERIFY(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")); // the query result row
        QVERIFY(html.contains("Cold-start figures"));
        QVERIFY(html.indexOf("<h2>") == html.indexOf("<h2>Findings</h2>")); // what to fix, first
        QVERIFY(html.contains("<td>1</td>")); // one cold start
        // Pictures are embedded as PNG.
        const int at = int(html.indexOf("data:image/png;base64,"));
        QVERIFY(at > 0);
        const int end = int(html.indexOf('"', at));
        const QByteArray png = QByteArray::fromBase64(html.mid(at + 22, end - at - 22));
        QVERIFY(png.startsWith("\x89PNG"));
        QVERIFY(!QImage::fromData(png, "PNG").isNull());
    }

    void reportMarkdownForAPullRequest()
    {
        QTemporaryDir tmp;
        const QString a = testutil::fixture(QStringLiteral("compare/buildA-boto3-json-numpy-requests.log"));
        const QString b = testutil::fixture(QStringLiteral("compare/buildB-plus-pandas.log"));
        const QString out = tmp.filePath(QStringLiteral("review.md"));
        const testutil::CliRun r = cli({ QStringLiteral("report"), a, b, QStringLiteral("--out"), out });
        QCOMPARE(r.code, 0);
        const QString md = QString::fromUtf8(testutil::readAll(out));
        QVERIFY(md.contains(QLatin1String("## Comparison: top regressions")));
        QVERIFY(md.contains(QLatin1String("| pandas |")));
        QVERIFY(md.contains(QLatin1String("## Comparison: modules added in B")));
        QVERIFY(md.contains(QLatin1String("343 added")));
        // Every table row has as many cells as its header.
        int header = -1;
        for (const QString &line : md.split(QLatin1Char('\n'))) {
            if (!line.startsWith(QLatin1Char('|'))) {
                header = -1;
                continue;
            }
            const int cells = int(line.count(QLatin1Char('|')) - line.count(QLatin1String("\\|")));
            if (header < 0)
                header = cells;
            QCOMPARE(cells, header);
        }
        // Pictures are files next to the report.
        QVERIFY(md.contains(QLatin1String("![Comparison: B's imports coloured by change](review-comparison.png)")));
        QVERIFY(!QImage(tmp.filePath(QStringLiteral("review-comparison.png"))).isNull());
        // In GitHub-flavoured Markdown (cmark-gfm, what GitHub runs) every picture is an
        // image whose file exists, also when the report's name has a space.
        const QString spaced = tmp.filePath(QStringLiteral("my review (draft).md"));
        QCOMPARE(cli({ QStringLiteral("report"), a, b, QStringLiteral("--out"), spaced }).code, 0);
        for (const QString &file : { out, spaced }) {
            QProcess gfm;
            gfm.start(QStringLiteral("cmark-gfm"), { QStringLiteral("--extension"), QStringLiteral("table"), file });
            QVERIFY2(gfm.waitForFinished(30000) && gfm.exitCode() == 0, "cmark-gfm (scripts/deps.sh installs it)");
            const QString html = QString::fromUtf8(gfm.readAllStandardOutput());
            static const QRegularExpression img(QStringLiteral("<img src=\"([^\"]+)\""));
            int images = 0;
            for (auto it = img.globalMatch(html); it.hasNext(); ++images) {
                const QString src = QUrl::fromPercentEncoding(it.next().captured(1).toUtf8());
                QVERIFY2(!QImage(tmp.filePath(src)).isNull(), qPrintable(src));
            }
            QCOMPARE(images, int(md.count(QLatin1String("\n!["))));
            QVERIFY(html.contains(QLatin1String("<table>")));
        }
        // Markup in a Markdown report is escaped too (GitHub renders raw HTML).
        const QString hostile = hostileLog(tmp);
        QCOMPARE(
            cli({ QStringLiteral("report"), hostile, QStringLiteral("--out"), tmp.filePath(QStringLiteral("h.md")) })
                .code,
            0);
        const QString h = QString::fromUtf8(testutil::readAll(tmp.filePath(QStringLiteral("h.md"))));
        QVERIFY(!h.contains(QLatin1String("<script>")));
        QVERIFY(h.contains(QLatin1String("&lt;script&gt;")));
        QVERIFY(h.contains(QLatin1String("&lt;b&gt;bold&lt;/b&gt;")));
        QCOMPARE(
            cli({ QStringLiteral("report"), a, QStringLiteral("--out"), tmp.filePath(QStringLiteral("x.txt")) }).code,
            2);
    }

    void exportViewsAtAChosenSize()
    {
        // The window's own views, lifted out of their splitter or tab and put back.
        auto w = openWindow(testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")));
        QTemporaryDir tmp;
        const QStringList sources { QStringLiteral("text-importtime-6000-seed2.log") };
        const QList<std::pair<QString, QWidget *>> views { { QStringLiteral("tree"),
                                                               w->findChild<ImportTreePanel *>() },
            { QStringLiteral("icicle"), w->findChild<IcicleView *>() },
            { QStringLiteral("timeline"), w->findChild<TimelineView *>() },
            { QStringLiteral("events"), w->findChild<EventsPanel *>() },
            { QStringLiteral("search"), w->findChild<SearchPanel *>() },
            { QStringLiteral("findings"), w->findChild<FindingsPanel *>() } };
        for (const auto &[name, view] : views) {
            const QSize before = view->size();
            const bool visible = view->isVisible(); // a view on a hidden tab has no layout size yet
            const QString png = tmp.filePath(name + QStringLiteral(".png"));
            QVERIFY(exportView(view, png, QStringLiteral("coldscope — ") + name, sources, QSize(1280, 720)));
            const QImage img(png);
            QCOMPARE(img.width(), 1280);
            QVERIFY(img.height() > 720); // plus the title band
            QVERIFY2(view->parentWidget(), qPrintable(name)); // put back where it was
            QApplication::processEvents();
            QVERIFY2(!visible
                    || (std::abs(view->width() - before.width()) <= 2
                        && std::abs(view->height() - before.height()) <= 2), // splitter rounding
                qPrintable(QStringLiteral("%1: %2x%3 was %4x%5")
                               .arg(name)
                               .arg(view->width())
                               .arg(view->height())
                               .arg(before.width())
                               .arg(before.height())));
            const QString svg = tmp.filePath(name + QStringLiteral(".svg"));
            QVERIFY(exportView(view, svg, QStringLiteral("coldscope — ") + name, sources, QSize(1280, 720)));
            const QByteArray s = testutil::readAll(svg);
            QVERIFY(s.contains("<svg"));
            QVERIFY(s.contains("coldscope")); // the title
            QVERIFY(s.contains("text-importtime-6000-seed2.log")); // the source file
            const QString pdf = tmp.filePath(name + QStringLiteral(".pdf"));
            QVERIFY(exportView(view, pdf, QStringLiteral("coldscope — ") + name, sources, QSize(1280, 720)));
            QVERIFY(testutil::readAll(pdf).startsWith("%PDF"));
        }
        QString error;
        QVERIFY(!exportView(
            w->findChild<IcicleView *>(), tmp.filePath(QStringLiteral("x.bmpx")), QString(), {}, QSize(), &error));
        QVERIFY(!error.isEmpty());
    }

    // The events of a window whose Events tab was never shown, exported (as the menu does,
    // at the size of the page on screen): the picture holds the log's events (the hidden
    // table is given its rows only once it is needed).
    void exportAnEventsTableNeverShown()
    {
        const QString path = testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log"));
        auto w = openWindow(path);
        auto *events = w->findChild<EventsPanel *>();
        QVERIFY(events);
        QVERIFY(!events->isVisible());
        const auto data = w->workspace()->data();
        // The module the log's fourth line imports ("import time: … |   marshal"), as the
        // table's fourth row shows it.
        const std::string fourth(data->message(3));
        const std::string module = fourth.substr(fourth.find_last_of(' ') + 1);
        QCOMPARE(module, std::string("marshal"));
        QTemporaryDir tmp;
        const QString svg = tmp.filePath(QStringLiteral("events.svg"));
        QVERIFY(exportView(
            events, svg, QStringLiteral("coldscope — events"), { QStringLiteral("x.log") }, QSize(1280, 720)));
        QVERIFY(testutil::readAll(svg).contains(QByteArray::fromStdString(module)));
    }

    // A figure is the whole extent, not the screen's zoom or scroll: the picture of a
    // zoomed-in icicle or timeline is the picture of the unzoomed one, and afterwards the
    // view and the workspace are zoomed as before.
    void figuresShowTheWholeExtent()
    {
        auto w = openWindow(testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")));
        const QStringList sources { QStringLiteral("text-importtime-6000-seed2.log") };
        auto *icicle = w->findChild<IcicleView *>();
        auto *timeline = w->findChild<TimelineView *>();
        QVERIFY(icicle && timeline);
        const QSize size(1280, 720);
        const QImage wholeIcicle = QImage::fromData(viewPng(icicle, QStringLiteral("Icicle"), sources, size));
        const QImage wholeTimeline = QImage::fromData(viewPng(timeline, QStringLiteral("Timeline"), sources, size));
        QVERIFY(!wholeIcicle.isNull() && !wholeTimeline.isNull());

        // Zoom the icicle into the first node with children, through the workspace.
        auto data = w->workspace()->data();
        const ImportRun &run = data->runs[std::size_t(w->workspace()->run())];
        int node = -1;
        for (std::size_t n = 0; n < run.nodes.size() && node < 0; ++n)
            if (!run.nodes[n].children.empty() && run.nodes[n].cumulativeUs < run.totalUs / 2)
                node = int(n);
        QVERIFY(node >= 0);
        w->workspace()->setZoomPath({ node });
        QApplication::processEvents();
        QCOMPARE(icicle->canvas()->zoomPath(), std::vector<int> { node });
        const QImage zoomedIcicle = QImage::fromData(viewPng(icicle, QStringLiteral("Icicle"), sources, size));
        QCOMPARE(zoomedIcicle, wholeIcicle);
        QCOMPARE(icicle->canvas()->zoomPath(), std::vector<int> { node }); // put back
        QCOMPARE(w->workspace()->zoomPath(), std::vector<int> { node }); // never moved

        // Zoom the timeline into a tenth of its span.
        QCustomPlot *lanes = timeline->lanesPlot();
        const QCPRange full = lanes->xAxis->range();
        const QCPRange narrow(full.lower + full.size() * 0.4, full.lower + full.size() * 0.5);
        lanes->xAxis->setRange(narrow);
        const QImage zoomedTimeline = QImage::fromData(viewPng(timeline, QStringLiteral("Timeline"), sources, size));
        QCOMPARE(zoomedTimeline, wholeTimeline);
        QCOMPARE(lanes->xAxis->range().lower, narrow.lower); // put back
        QCOMPARE(lanes->xAxis->range().upper, narrow.upper);
    }

    void copySelectionAsATable()
    {
        Workspace ws;
        auto events = testutil::show<EventsPanel>(ws);
        testutil::load(ws, testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log")));
        QTableView *t = events->view();
        t->selectRow(2);
        t->selectionModel()->select(t->model()->index(5, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QString tsv = selectionAsTable(t, TableFormat::Tsv);
        const QStringList lines = tsv.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3); // header + 2 rows
        QVERIFY(lines[0].startsWith(QLatin1String("Line\tTime (UTC)")));
        QVERIFY(lines[1].startsWith(QLatin1String("3\t")));
        QVERIFY(lines[2].startsWith(QLatin1String("6\t")));
        const QString md = selectionAsTable(t, TableFormat::Markdown);
        QVERIFY(md.startsWith(QLatin1String("| Line | Time (UTC) |")));
        QVERIFY(md.contains(QLatin1String("| --- |")));
        // Ctrl+C gives the table on the clipboard, text and HTML.
        t->setFocus();
        QTest::keyClick(t, Qt::Key_C, Qt::ControlModifier);
        const QMimeData *clip = QApplication::clipboard()->mimeData();
        QCOMPARE(clip->text(), tsv);
        QVERIFY(clip->html().startsWith(QLatin1String("<table><tr><th>Line</th>")));
        const QString csv = selectionAsTable(t, TableFormat::Csv);
        QVERIFY(csv.startsWith(QLatin1String("Line,Time (UTC)")));
    }

    void profileExports()
    {
        LoadResult r = loadFile(
            testutil::fixture(QStringLiteral("variants/boto3-json-numpy-requests.truncated.log")).toStdString());
        QVERIFY(r.data);
        const ImportRun &run = r.data->runs.front();
        const auto ss = speedscopeJson(*r.data, run, "truncated");
        QCOMPARE(ss["$schema"].get<std::string>(), std::string("https://www.speedscope.app/file-format-schema.json"));
        const auto &events = ss["profiles"][0]["events"];
        QCOMPARE(events.size(), run.nodes.size() * 2);
        // Opens and closes pair up like brackets, times never go back.
        std::vector<int> stack;
        long long at = 0;
        for (const auto &e : events) {
            QVERIFY(e["at"].get<long long>() >= at);
            at = e["at"].get<long long>();
            if (e["type"] == "O") {
                stack.push_back(e["frame"].get<int>());
            } else {
                QVERIFY(!stack.empty());
                QCOMPARE(stack.back(), e["frame"].get<int>());
                stack.pop_back();
            }
        }
        QVERIFY(stack.empty());
        QVERIFY(ss["shared"]["frames"].size() > 300);
        // Chrome trace: complete events nested inside their parents.
        const auto ct = chromeTraceJson(*r.data, run, "truncated");
        std::vector<std::pair<long long, long long>> spans;
        for (const auto &e : ct["traceEvents"])
            if (e["ph"] == "X")
                spans.emplace_back(e["ts"].get<long long>(), e["ts"].get<long long>() + e["dur"].get<long long>());
        QCOMPARE(spans.size(), run.nodes.size());
        // Every event has the fields the Trace Event Format lists for its phase: the
        // common name, cat, ph, ts, pid, tid (and args); "X" a dur, "M" an args.name.
        for (const auto &e : ct["traceEvents"]) {
            for (const char *k : { "name", "cat", "ph", "ts", "pid", "tid", "args" })
                QVERIFY2(e.contains(k), (std::string(k) + " missing in " + e.dump()).c_str());
            QVERIFY(e["cat"].is_string() && !e["cat"].get<std::string>().empty());
            QVERIFY(e["ts"].is_number() && e["pid"].is_number() && e["tid"].is_number());
            const std::string ph = e["ph"];
            QVERIFY(ph == "X" || ph == "M");
            if (ph == "X")
                QVERIFY(e.contains("dur") && e["dur"].get<long long>() >= 0);
            else
                QVERIFY(e["args"].contains("name") && e["args"]["name"].is_string());
        }
        for (std::size_t i = 0; i < run.nodes.size(); ++i) {
            const int p = run.nodes[i].parent;
            if (p < 0)
                continue;
            QVERIFY(spans[i].first >= spans[std::size_t(p)].first);
            QVERIFY(spans[i].second <= spans[std::size_t(p)].second);
        }
        // CLI
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("p.json"));
        QCOMPARE(cli({ QStringLiteral("export"), testutil::fixture(QStringLiteral("importtime/pydantic.log")),
                         QStringLiteral("--format"), QStringLiteral("chrome"), QStringLiteral("--out"), out })
                     .code,
            0);
        QVERIFY(nlohmann::json::parse(testutil::readAll(out).toStdString()).contains("traceEvents"));
    }

    void sessionRoundTrip()
    {
        QTemporaryDir tmp;
        const QString log = testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log"));
        const QString path = tmp.filePath(QStringLiteral("work.coldscope"));
        TimeMs from = 0, to = 0;
        {
            Workspace ws;
            testutil::load(ws, log);
            ws.setRun(3);
            QVERIFY(ws.selectModule("numpy.core"));
            ws.setZoomPath({ ws.node() });
            from = ws.data()->invocations[0].start;
            to = from + 120000;
            ws.setTimeRange(from, to);
            ws.setQuery(QStringLiteral("filter @type = \"REPORT\" | stats count(*)"));
            ws.pinQuery(QStringLiteral("filter @message like /Task timed out/"));
            ws.setModuleNote("numpy.core", "most of numpy's cost: lazy-load it");
            ws.setInvocationNote(
                std::string(ws.data()->events.requests.view(ws.data()->invocations[0].request)), "first cold start");
            ws.setCurrentView(QStringLiteral("Timeline"));
            QVERIFY(ws.saveSession(path));
        }
        const QByteArray saved = testutil::readAll(path);
        QVERIFY(saved.contains("\"version\": 1"));
        // A new workspace with its views restores all of it, and the views show it.
        Workspace ws;
        auto tree = testutil::show<ImportTreePanel>(ws);
        auto icicle = testutil::show<IcicleView>(ws);
        auto timeline = testutil::show<TimelineView>(ws);
        auto search = testutil::show<SearchPanel>(ws);
        QSignalSpy restored(&ws, &Workspace::sessionRestored);
        ws.openFile(path); // sessions are recognised by content too
        QVERIFY(restored.wait(30000));
        QCOMPARE(tree->currentRun(), 3);
        const ImportRun *run = tree->model()->run();
        QCOMPARE(std::string(ws.data()->moduleName(run->nodes[std::size_t(tree->selectedNode())])),
            std::string("numpy.core"));
        QCOMPARE(icicle->canvas()->zoomPath(), std::vector<int> { tree->selectedNode() });
        QCOMPARE(timeline->timeRange().first, from);
        QCOMPARE(timeline->timeRange().second, to);
        QCOMPARE(search->query(), QStringLiteral("filter @type = \"REPORT\" | stats count(*)"));
        QCOMPARE(search->pinnedQueries(), QStringList { QStringLiteral("filter @message like /Task timed out/") });
        QCOMPARE(ws.moduleNotes().at("numpy.core"), std::string("most of numpy's cost: lazy-load it"));
        QCOMPARE(ws.invocationNotes().size(), std::size_t(1));
        QCOMPARE(ws.currentView(), QStringLiteral("Timeline"));
        QVERIFY(ws.sessionWarnings().isEmpty());
        // Saving is atomic and the JSON round-trips exactly.
        const SessionLoad again = loadSession(path);
        QVERIFY(again.ok());
        QCOMPARE(sessionFromJson(sessionToJson(again.session)).session, again.session);
    }

    void damagedNewerAndChangedSessions()
    {
        QTemporaryDir tmp;
        // Damaged: one clear message, nothing crashes.
        QFile bad(tmp.filePath(QStringLiteral("bad.coldscope")));
        bad.open(QIODevice::WriteOnly);
        bad.write("{\"format\": \"coldscope-session\", \"version\": 1, \"files\": [");
        bad.close();
        SessionLoad l = loadSession(bad.fileName());
        QVERIFY(!l.ok());
        QVERIFY(QString::fromStdString(l.error).contains(QLatin1String("damaged")));
        Workspace ws;
        QSignalSpy failed(&ws, &Workspace::loadFailed);
        ws.openSession(bad.fileName());
        QCOMPARE(failed.size(), 1);
        // Newer version and a field of the wrong type: a warning, and what can be read is read.
        const std::string newer
            = R"json({"format": "coldscope-session", "version": 7, "query": "fields @message", "run": "three",
                                      "pinned_queries": ["stats count(*)"], "future_field": {"x": 1}})json";
        l = sessionFromJson(newer);
        QVERIFY(l.ok());
        QCOMPARE(l.session.query, std::string("fields @message"));
        QCOMPARE(l.session.pinnedQueries.size(), std::size_t(1));
        QCOMPARE(l.warnings.size(), std::size_t(2)); // newer version, bad "run"
        // A file changed since the session was saved.
        const QString copy = tmp.filePath(QStringLiteral("copy.log"));
        QFile::copy(testutil::fixture(QStringLiteral("importtime/pydantic.log")), copy);
        Session s;
        Session::File f;
        f.path = copy.toStdString();
        f.hash = fileFingerprint(copy, &f.size);
        s.files.push_back(f);
        QVERIFY(saveSession(s, tmp.filePath(QStringLiteral("s.coldscope"))));
        QFile append(copy);
        append.open(QIODevice::Append);
        append.write("import time:       100 |        100 | extra\n");
        append.close();
        l = loadSession(tmp.filePath(QStringLiteral("s.coldscope")));
        QVERIFY(l.ok());
        QCOMPARE(l.warnings.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(l.warnings[0]).contains(QLatin1String("changed")));
    }

    void presentationMode()
    {
        auto w = openWindow(testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")));
        Workspace *ws = w->workspace();
        Presentation *show = w->presentation();
        ws->pinQuery(QStringLiteral("filter @type = \"REPORT\" | stats count(*) as n"));
        ws->setModuleNote("boto3", "boto3 is a third of INIT");
        const qreal normal = w->font().pointSizeF();
        const QColor normalText = w->palette().color(QPalette::Text);
        QCPAxis *axis = w->findChild<TimelineView *>()->metricsPlot()->xAxis;
        QCOMPARE(axis->tickLabelColor(), normalText);
        QSignalSpy done(ws, &Workspace::queryDone);
        show->setOn(true);
        QVERIFY(show->isOn());
        QCOMPARE(axis->tickLabelColor(), QColor(Qt::white)); // the plots follow the palette
        QVERIFY2(w->isFullScreen() || w->windowState().testFlag(Qt::WindowFullScreen),
            qPrintable(QString::number(int(w->windowState()))));
        QVERIFY(w->font().pointSizeF() > normal * 1.4);
        QVERIFY(w->palette().color(QPalette::Window).lightness() < 30); // high contrast
        QCOMPARE(ws->findingCount(), 2);
        // The engine's findings first, as title cards over the Findings tab (tst_findings).
        const int cards = show->titleCards();
        QVERIFY(cards >= 1);
        QCOMPARE(show->findingCount(), cards + 2);
        QCOMPARE(show->currentFinding(), 0);
        QCOMPARE(ws->currentView(), QStringLiteral("Findings"));
        show->showFinding(cards - 1);
        QTest::keyClick(w.get(), Qt::Key_PageDown);
        QCOMPARE(show->currentFinding(), cards); // the pinned query ran, in the Search tab
        QVERIFY(done.wait(30000));
        QVERIFY(done.first().first().toBool());
        QCOMPARE(ws->currentView(), QStringLiteral("Search"));
        QTest::keyClick(w.get(), Qt::Key_PageDown);
        QCOMPARE(show->currentFinding(), cards + 1);
        QVERIFY(show->currentFindingText().contains(QLatin1String("boto3 is a third of INIT")));
        QCOMPARE(ws->selectedModule(), std::string("boto3"));
        QCOMPARE(ws->currentView(), QStringLiteral("Imports"));
        QTest::keyClick(w.get(), Qt::Key_PageUp);
        QCOMPARE(show->currentFinding(), cards);
        show->setOn(false);
        QCOMPARE(w->font().pointSizeF(), normal);
        QCOMPARE(axis->tickLabelColor(), normalText);
    }

    void captureGuideSnippetsAreValid()
    {
        const auto snippets = CaptureGuide::snippets();
        QVERIFY(snippets.size() >= 7);
        QSet<QString> kinds;
        for (const auto &s : snippets) {
            QVERIFY2(!s.text.isEmpty(), qPrintable(s.file));
            kinds.insert(s.kind);
            if (s.kind == QLatin1String("yaml")) {
                YAML::Node doc;
                try {
                    doc = YAML::Load(s.text.toStdString());
                } catch (const YAML::Exception &e) {
                    QFAIL(qPrintable(s.file + QStringLiteral(": ") + QString::fromStdString(e.what())));
                }
                QVERIFY(doc["Resources"]);
            } else if (s.kind == QLatin1String("shell")) {
                QProcess bash;
                bash.start(QStringLiteral("bash"), { QStringLiteral("-n") });
                bash.write(s.text.toUtf8());
                bash.closeWriteChannel();
                QVERIFY(bash.waitForFinished(10000));
                QVERIFY2(bash.exitCode() == 0,
                    qPrintable(s.file + QStringLiteral(": ") + QString::fromUtf8(bash.readAllStandardError())));
            } else if (s.kind == QLatin1String("dockerfile")) {
                for (const QString &line : s.text.split(QLatin1Char('\n'))) {
                    const QString l = line.trimmed();
                    if (l.isEmpty() || l.startsWith(QLatin1Char('#')))
                        continue;
                    const QString instr = l.section(QLatin1Char(' '), 0, 0);
                    QVERIFY2(QStringList({ QStringLiteral("FROM"), QStringLiteral("WORKDIR"), QStringLiteral("RUN"),
                                             QStringLiteral("COPY"), QStringLiteral("ENTRYPOINT"),
                                             QStringLiteral("CMD"), QStringLiteral("ENV") })
                                 .contains(instr),
                        qPrintable(l));
                    if (instr == QLatin1String("ENTRYPOINT") || instr == QLatin1String("CMD")) {
                        // Exec form: a JSON array of strings.
                        const auto j
                            = nlohmann::json::parse(l.section(QLatin1Char(' '), 1).toStdString(), nullptr, false);
                        QVERIFY2(j.is_array(), qPrintable(l));
                    }
                }
                QVERIFY(s.text.contains(QLatin1String("\"-X\", \"importtime\", \"-m\", \"awslambdaric\"")));
            } else {
                QFAIL(qPrintable(QStringLiteral("unknown snippet kind ") + s.kind));
            }
        }
        QVERIFY(kinds.contains(QStringLiteral("yaml")) && kinds.contains(QStringLiteral("shell"))
            && kinds.contains(QStringLiteral("dockerfile")));
        CaptureGuide dialog;
        dialog.show();
        QVERIFY(dialog.isVisible());
    }

    void helpDocumentsEveryCommand()
    {
        const testutil::CliRun help = cli({ QStringLiteral("--help") });
        QCOMPARE(help.code, 0);
        const testutil::CliRun man = cli({ QStringLiteral("--man") });
        QCOMPARE(man.code, 0);
        for (const char *cmd : { "summary", "tree", "events", "query", "diff", "export", "render", "report" }) {
            QVERIFY2(help.out.contains(QByteArray("coldscope ") + cmd), cmd);
            const testutil::CliRun one = cli({ QStringLiteral("help"), QLatin1String(cmd) });
            QCOMPARE(one.code, 0);
            QVERIFY(one.out.startsWith("Usage: coldscope "));
            QVERIFY2(man.out.contains(QByteArray(".B ") + cmd), cmd);
        }
    }
};

QTEST_MAIN(TstExport)
#include "tst_export.moc"
