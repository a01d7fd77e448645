// SPDX-License-Identifier: MIT
#include "render.h"

#include "qtenv.h"

#include "compareview.h"
#include "eventspanel.h"
#include "exporting.h"
#include "findingspanel.h"
#include "icicleview.h"
#include "importtreepanel.h"
#include "searchpanel.h"
#include "style.h"
#include "timelineview.h"

#include "mainwindow.h"
#include "presentation.h"
#include "workspace.h"

#include <QApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QLayout>
#include <QPainter>
#include <QPalette>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <iostream>

namespace coldscope {

namespace {

bool saveWidget(QWidget *w, const QString &out, const QString &title)
{
    const QString ext = QFileInfo(out).suffix().toLower();
    if (ext == QLatin1String("png")) {
        return w->grab().save(out, "PNG");
    }
    if (ext == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(out);
        svg.setSize(w->size());
        svg.setViewBox(QRect(QPoint(0, 0), w->size()));
        svg.setTitle(title);
        svg.setDescription(QStringLiteral("Rendered by coldscope"));
        QPainter p(&svg);
        w->render(&p);
        return p.end();
    }
    if (ext == QLatin1String("pdf")) {
        QPdfWriter pdf(out);
        pdf.setTitle(title);
        pdf.setCreator(QStringLiteral("coldscope"));
        pdf.setPageSize(QPageSize(QSizeF(w->width(), w->height()), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(72);
        QPainter p(&pdf);
        w->render(&p);
        return p.end();
    }
    return false;
}

// Loads the file (or the pair to compare) into the workspace and waits; the error
// message, or empty.
QString loadAndWait(Workspace &ws, const std::vector<std::string> &files, bool compare)
{
    QEventLoop loop;
    QString error;
    if (compare)
        QObject::connect(&ws, &Workspace::compareReady, &loop, &QEventLoop::quit);
    else
        QObject::connect(&ws, &Workspace::fileLoaded, &loop, &QEventLoop::quit);
    QObject::connect(&ws, &Workspace::loadFailed, &loop, [&](const QString &e) {
        error = e;
        loop.quit();
    });
    if (compare)
        ws.compareFiles(QString::fromStdString(files[0]), QString::fromStdString(files[1]));
    else
        ws.openFile(QString::fromStdString(files[0]));
    loop.exec();
    return error;
}

// Runs `text` in the workspace's search view and waits for its outcome.
void queryAndWait(Workspace &ws, const QString &text)
{
    QEventLoop loop;
    QObject::connect(&ws, &Workspace::queryDone, &loop, &QEventLoop::quit);
    ws.requestQuery(text);
    loop.exec();
}

} // namespace

int renderCommand(int argc, char **argv, const cli::Args &args)
{
    const std::vector<std::string> &files = args.positionals;
    const std::string &view = args.value("--view");
    const bool compare = view == "compare";
    if (files.size() != (compare ? 2u : 1u))
        return args.usageError(compare ? "--view compare takes two files: A B" : "expected one FILE");
    const QString out = QString::fromStdString(args.value("--out"));
    const QString ext = QFileInfo(out).suffix().toLower();
    if (ext != QLatin1String("png") && ext != QLatin1String("svg") && ext != QLatin1String("pdf"))
        return args.usageError("--out must end in .png, .svg or .pdf");
    if (view != "window" && view != "tree" && view != "events" && view != "icicle" && view != "timeline"
        && view != "search" && view != "compare" && view != "presentation" && view != "findings")
        return args.usageError("unknown view " + view);
    const int width = std::atoi(args.value("--width").c_str()), height = std::atoi(args.value("--height").c_str());
    if (width < 200 || height < 150 || width > 20000 || height > 20000)
        return args.usageError("--width/--height out of range");
    const std::string &queryText = args.value("--query");

    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    prepareQtEnvironment();
    filterOffscreenMessages();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("coldscope"));
    QApplication::setApplicationVersion(QStringLiteral(COLDSCOPE_VERSION));
    // COLDSCOPE_PALETTE=dark draws as on a dark desktop (Fusion's dark colours): the
    // README's dark-palette picture, and a way to check contrast without a desktop.
    if (qEnvironmentVariable("COLDSCOPE_PALETTE") == QLatin1String("dark")) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(style::darkPalette());
    }
    // The view alone over a workspace (the window for "window" and "presentation"),
    // made before the load so that it follows it as it would on screen.
    Workspace ws;
    std::unique_ptr<QWidget> target;
    MainWindow *window = nullptr;
    SearchPanel *search = nullptr;
    if (view == "window" || view == "presentation")
        target.reset(window = new MainWindow(&ws));
    else if (view == "findings")
        target = std::make_unique<FindingsPanel>(&ws);
    else if (view == "tree")
        target = std::make_unique<ImportTreePanel>(&ws);
    else if (view == "events")
        target = std::make_unique<EventsPanel>(&ws);
    else if (view == "icicle")
        target = std::make_unique<IcicleView>(&ws);
    else if (view == "compare")
        target = std::make_unique<CompareView>(&ws);
    else if (view == "timeline")
        target = std::make_unique<TimelineView>(&ws);
    else if (view == "search")
        target.reset(search = new SearchPanel(&ws));
    target->resize(width, height);
    if (const QString error = loadAndWait(ws, files, compare); !error.isEmpty()) {
        std::cerr << "coldscope: " << error.toStdString() << '\n';
        return 2;
    }
    const QString query = QString::fromStdString(queryText);
    if (view == "presentation") {
        // The presentation look (large text, high contrast, the first finding: the
        // engine's first title card, else the pinned query),
        // drawn at the requested size rather than the offscreen screen's.
        if (!query.isEmpty())
            ws.pinQuery(query);
        QEventLoop wait;
        QObject::connect(&ws, &Workspace::queryDone, &wait, &QEventLoop::quit);
        window->presentation()->setOn(true);
        if (!query.isEmpty() && window->presentation()->titleCards() == 0)
            wait.exec();
        window->showNormal();
        window->resize(width, height);
    } else if (search && !query.isEmpty()) {
        queryAndWait(ws, query);
    } else if (view == "timeline") {
        // Drill into the first cold start that has an import table, as a user would.
        const auto data = ws.data();
        for (std::size_t v = 0; data && v < data->invocations.size(); ++v)
            if (data->invocations[v].cold && data->invocations[v].importRun >= 0) {
                ws.selectInvocation(int(v));
                break;
            }
    }
    target->resize(width, height);
    // A view drawn on its own is a window of its own: shown without activating it, its
    // first table does not take the focus (and select its first row); the picture shows
    // the view as it sits in the window.
    target->setAttribute(Qt::WA_ShowWithoutActivating);
    // The size asked for, even below what the view's layout would ask as a window of its
    // own (its row of controls at presentation scale): laid out for that size.
    if (QLayout *layout = target->layout())
        layout->setSizeConstraint(QLayout::SetNoConstraint);
    target->setMinimumSize(0, 0);
    target->show();
    target->resize(width, height);
    QApplication::processEvents();
    // Views that work on a worker (the findings of a big log, a shown timeline) are drawn
    // once their work is in.
    auto busy = [&] {
        std::vector<QWidget *> all { target.get() };
        for (QWidget *w : target->findChildren<QWidget *>())
            all.push_back(w);
        return std::any_of(all.begin(), all.end(), [](QWidget *w) {
            if (const auto *f = qobject_cast<FindingsPanel *>(w))
                return f->isWorking();
            if (const auto *t = qobject_cast<TimelineView *>(w))
                return t->isBuilding();
            return false;
        });
    };
    while (busy())
        QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    QApplication::processEvents();
    if (!saveWidget(target.get(), out,
            QStringLiteral("coldscope — %1").arg(QFileInfo(QString::fromStdString(files[0])).fileName()))) {
        std::cerr << "coldscope: cannot write " << out.toStdString() << '\n';
        return 2;
    }
    return 0;
}

int reportCommand(int argc, char **argv, const cli::Args &args)
{
    const std::vector<std::string> &files = args.positionals;
    QStringList queries;
    for (const std::string &q : args.values("--query"))
        queries << QString::fromStdString(q);
    const std::string &out = args.value("--out");
    const QString outPath = QString::fromStdString(out);
    const QString ext = QFileInfo(outPath).suffix().toLower();
    if (ext != QLatin1String("html") && ext != QLatin1String("htm") && ext != QLatin1String("md"))
        return args.usageError("--out must end in .html or .md");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    prepareQtEnvironment();
    filterOffscreenMessages();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("coldscope"));
    // A comparison report is built from the comparison alone: A is not also opened.
    Workspace ws;
    if (const QString error = loadAndWait(ws, files, files.size() == 2); !error.isEmpty()) {
        std::cerr << "coldscope: " << error.toStdString() << '\n';
        return 2;
    }
    for (const QString &q : queries)
        ws.pinQuery(q);
    QString error;
    if (!writeReport(ws, outPath, &error)) {
        std::cerr << "coldscope: cannot write " << out << ": " << error.toStdString() << '\n';
        return 2;
    }
    return 0;
}

} // namespace coldscope
