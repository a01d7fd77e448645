// SPDX-License-Identifier: MIT
#include "render.h"

#include "qtenv.h"

#include "compareview.h"
#include "eventspanel.h"
#include "exporting.h"
#include "icicleview.h"
#include "importtreepanel.h"
#include "searchpanel.h"
#include "timelineview.h"

#include "mainwindow.h"

#include <QApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>

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
        && view != "search" && view != "compare" && view != "presentation")
        return args.usageError("unknown view " + view);
    const int width = std::atoi(args.value("--width").c_str()), height = std::atoi(args.value("--height").c_str());
    if (width < 200 || height < 150 || width > 20000 || height > 20000)
        return args.usageError("--width/--height out of range");
    const std::string &query = args.value("--query");

    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    prepareQtEnvironment();
    filterOffscreenMessages();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("coldscope"));
    QApplication::setApplicationVersion(QStringLiteral(COLDSCOPE_VERSION));
    MainWindow window;
    window.resize(width, height);
    QEventLoop loop;
    QString error;
    if (compare)
        QObject::connect(&window, &MainWindow::compareReady, &loop, &QEventLoop::quit);
    else
        QObject::connect(&window, &MainWindow::fileLoaded, &loop, &QEventLoop::quit);
    QObject::connect(&window, &MainWindow::loadFailed, &loop, [&](const QString &e) {
        error = e;
        loop.quit();
    });
    if (compare)
        window.compareFiles(QString::fromStdString(files[0]), QString::fromStdString(files[1]));
    else
        window.openFile(QString::fromStdString(files[0]));
    loop.exec();
    if (!error.isEmpty()) {
        std::cerr << "coldscope: " << error.toStdString() << '\n';
        return 2;
    }
    QWidget *target = &window;
    if (view == "tree")
        target = window.importTree();
    else if (view == "events")
        target = window.events();
    else if (view == "icicle")
        target = window.icicle();
    else if (view == "compare")
        target = window.compare();
    else if (view == "presentation") {
        // The presentation look (large text, high contrast, the first pinned finding),
        // drawn at the requested size rather than the offscreen screen's.
        if (!query.empty())
            window.search()->pinQuery(QString::fromStdString(query));
        QEventLoop wait;
        QObject::connect(window.search(), &SearchPanel::queryFinished, &wait, &QEventLoop::quit);
        QObject::connect(window.search(), &SearchPanel::queryFailed, &wait, &QEventLoop::quit);
        window.setPresentationMode(true);
        if (!query.empty())
            wait.exec();
        window.showNormal();
        window.resize(width, height);
    } else if (view == "search") {
        target = window.search();
        if (!query.empty()) {
            QEventLoop wait;
            QObject::connect(window.search(), &SearchPanel::queryFinished, &wait, &QEventLoop::quit);
            QObject::connect(window.search(), &SearchPanel::queryFailed, &wait, &QEventLoop::quit);
            window.search()->runQuery(QString::fromStdString(query));
            wait.exec();
        }
    } else if (view == "timeline") {
        target = window.timeline();
        // Drill into the first cold start that has an import table, as a user would.
        const auto data = window.logData();
        for (std::size_t v = 0; data && v < data->invocations.size(); ++v)
            if (data->invocations[v].cold && data->invocations[v].importRun >= 0) {
                window.timeline()->selectInvocation(int(v));
                break;
            }
    }
    if (target != &window)
        target->setParent(nullptr); // a view alone, at the requested size
    target->resize(width, height);
    target->show();
    QApplication::processEvents();
    const bool ok = saveWidget(
        target, out, QStringLiteral("coldscope — %1").arg(QFileInfo(QString::fromStdString(files[0])).fileName()));
    if (target != &window)
        delete target; // detached from the window: ours to delete
    if (!ok) {
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
    MainWindow window;
    window.resize(1400, 900);
    QString error;
    auto wait = [&](auto signal, auto start) {
        QEventLoop loop;
        QObject::connect(&window, signal, &loop, &QEventLoop::quit);
        QObject::connect(&window, &MainWindow::loadFailed, &loop, [&](const QString &e) {
            error = e;
            loop.quit();
        });
        start();
        loop.exec();
    };
    // A comparison report is built from the comparison alone: A is not also opened.
    if (files.size() == 2)
        wait(&MainWindow::compareReady,
            [&] { window.compareFiles(QString::fromStdString(files[0]), QString::fromStdString(files[1])); });
    else
        wait(&MainWindow::fileLoaded, [&] { window.openFile(QString::fromStdString(files[0])); });
    if (!error.isEmpty()) {
        std::cerr << "coldscope: " << error.toStdString() << '\n';
        return 2;
    }
    window.show();
    QApplication::processEvents();
    if (!writeReport(window, outPath, queries, &error)) {
        std::cerr << "coldscope: cannot write " << out << ": " << error.toStdString() << '\n';
        return 2;
    }
    return 0;
}

} // namespace coldscope
