// SPDX-License-Identifier: MIT
// The window on a big log: from process start to the summary shown, then every tab
// visited and painted, then the peak RSS. The same MainWindow the app shows, under any
// platform plugin (bench/run.sh uses offscreen).
//   window_bench FILE [START_EPOCH_NS]
// START_EPOCH_NS: when the caller launched the process (`date +%s%N`); without it the
// clock starts at main().
#include "mainwindow.h"
#include "qtenv.h"
#include "timelineview.h"
#include "trace.h"
#include "workspace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTabWidget>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/resource.h>

using namespace coldscope;

namespace {

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: window_bench FILE [START_EPOCH_NS]\n");
        return 2;
    }
    const std::int64_t start = argc > 2 ? std::atoll(argv[2]) : nowNs();
    prepareQtEnvironment();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("coldscope-bench")); // its own settings, not the user's
    // As the app does: the log's load starts before the window is built.
    Workspace workspace;
    const bool started = workspace.openFileBeforeViews(QFile::decodeName(argv[1]));
    MainWindow window(&workspace);
    window.resize(1600, 1000);
    window.show();
    auto *tabs = window.findChild<QTabWidget *>();
    double summaryMs = -1, tabsMs = -1;
    int status = 0;
    QObject::connect(window.workspace(), &Workspace::loadFailed, &app, [&](const QString &error) {
        std::fprintf(stderr, "window_bench: %s\n", qPrintable(error));
        status = 1;
        app.quit();
    });
    QObject::connect(window.workspace(), &Workspace::fileLoaded, &app, [&] {
        // The figures are shown when the window has painted with them.
        window.repaint();
        summaryMs = double(nowNs() - start) / 1e6;
        traceStage("window painted with the summary");
        for (int i = 0; tabs && i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QApplication::processEvents();
            tabs->currentWidget()->repaint();
        }
        // A tab is usable when what it shows is built: the timeline builds on a worker
        // once shown, so the clock runs until it has painted its build too.
        for (TimelineView *t : window.findChildren<TimelineView *>()) {
            while (t->isBuilding())
                QApplication::processEvents(QEventLoop::WaitForMoreEvents);
            t->repaint();
        }
        tabsMs = double(nowNs() - start) / 1e6;
        traceStage("every tab painted");
        QTimer::singleShot(0, &app, &QApplication::quit);
    });
    if (!started)
        window.workspace()->openFile(QFile::decodeName(argv[1]));
    app.exec();
    rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("summary_shown_ms %.0f\nall_tabs_ms %.0f\ntabs %d\npeak_rss_kb %ld\n", summaryMs, tabsMs,
        tabs ? tabs->count() : 0, ru.ru_maxrss);
    return status;
}
