// SPDX-License-Identifier: MIT
// Timeline paint time with a million invocations: a synthetic day of traffic (1 M
// invocations over 20,000 execution environments, cold starts, 1 % timeouts, 3 %
// errors) in the Timeline tab at 1920x1080. Prints the median time of one frame of the
// detail (the packed rows, painted into a QImage offscreen) zoomed out to the whole
// day and zoomed in to ten minutes, of the overview strip, of the duration plot, and of the whole tab
// (every plot replotted, then the widget rendered). Goal: detail frame <= 16 ms.
// Wall and CPU time are printed: on a shared machine the CPU time is the steadier.
//   timeline_bench [INVOCATIONS]   (QT_QPA_PLATFORM=offscreen is set if unset)
#include "rng.h"
#include "timelineview.h"
#include "workspace.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <string>

using namespace coldscope;
using coldscope::bench::Rng;

namespace {
double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

std::shared_ptr<LogData> synthetic(std::size_t invocations)
{
    auto d = std::make_shared<LogData>();
    d->path = "synthetic";
    d->format = "synthetic";
    Rng r;
    const std::uint32_t fn = d->events.functions.intern("orders-api");
    const TimeMs day0 = 1717200000000, day = 24ll * 3600 * 1000;
    const std::size_t perEnv = 50, envs = std::max<std::size_t>(1, invocations / perEnv);
    d->invocations.reserve(invocations);
    for (std::size_t e = 0; e < envs; ++e) {
        char name[80];
        std::snprintf(name, sizeof name, "2024/06/01/[$LATEST]%016llx%016llx", (unsigned long long)r.next(),
            (unsigned long long)e);
        const std::uint32_t stream = d->events.streams.intern(name);
        if (d->streamFunction.size() <= stream)
            d->streamFunction.resize(stream + 1, 0);
        d->streamFunction[stream] = fn;
        TimeMs t = day0 + TimeMs(r.uniform() * double(day));
        for (std::size_t k = 0; k < perEnv && d->invocations.size() < invocations; ++k) {
            Invocation inv;
            inv.stream = stream;
            inv.function = fn;
            inv.cold = k == 0;
            Metrics report;
            if (inv.cold) {
                report.initDurationMs = 300 + r.uniform() * 1500;
                t += TimeMs(report.initDurationMs);
            }
            const double roll = r.uniform();
            inv.status = roll < 0.01 ? Status::Timeout : roll < 0.04 ? Status::Error : Status::Success;
            report.durationMs = inv.status == Status::Timeout ? 30000.0 : 5 + r.uniform() * r.uniform() * 400;
            report.billedDurationMs = std::ceil(report.durationMs);
            inv.start = t;
            inv.report = d->events.addMetrics(report);
            d->invocations.push_back(inv);
            t = inv.start + TimeMs(report.durationMs) + 20 + TimeMs(r.uniform() * 2000);
        }
    }
    return d;
}

double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Median wall time of a frame; `cpu`: median CPU time of this thread (what the frame
// costs when the machine is shared).
double timeIt(int runs, const std::function<void()> &frame, double *cpu = nullptr)
{
    frame(); // warm up
    std::vector<double> ms, cpuMs;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        const double c0 = threadCpuMs();
        timer.start();
        frame();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        cpuMs.push_back(threadCpuMs() - c0);
    }
    if (cpu)
        *cpu = median(cpuMs);
    return median(ms);
}

// One frame of a plot painted from scratch into an image (every layer drawn): wall
// and CPU time.
struct Frame {
    double wall = 0, cpu = 0;
};
Frame plotFrame(QCustomPlot *plot, int width, int height)
{
    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    Frame f;
    f.wall = timeIt(
        15,
        [&] {
            image.fill(Qt::white);
            QCPPainter painter(&image);
            plot->toPainter(&painter, width, height);
        },
        &f.cpu);
    return f;
}
} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const std::size_t n = argc > 1 ? std::size_t(std::strtoull(argv[1], nullptr, 10)) : 1000000;
    QElapsedTimer setup;
    setup.start();
    auto data = synthetic(n);
    Workspace ws;
    TimelineView view(&ws);
    view.resize(1920, 1080);
    view.show();
    QApplication::processEvents();
    ws.setData(data);
    QApplication::processEvents();
    const double setupMs = double(setup.elapsed());

    QCustomPlot *lanes = view.lanesPlot();
    const int w = lanes->width(), h = lanes->height();
    const Frame whole = plotFrame(lanes, w, h);
    const QCPRange all = lanes->xAxis->range();
    lanes->xAxis->setRange(all.center() - 300, all.center() + 300);
    const Frame tenMinutes = plotFrame(lanes, w, h);
    lanes->xAxis->setRange(all);
    view.setRowWindow(-0.6, std::max(3.0, double(view.rows().rows.size())));
    const Frame allRows = plotFrame(lanes, w, h);
    view.setRowWindow(-0.6, 40);
    const Frame overview = plotFrame(view.overviewPlot(), view.overviewPlot()->width(), view.overviewPlot()->height());
    const Frame metrics = plotFrame(view.metricsPlot(), view.metricsPlot()->width(), view.metricsPlot()->height());
    QImage tab(view.size(), QImage::Format_ARGB32_Premultiplied);
    double tabCpu = 0;
    const double tabMs = timeIt(
        5,
        [&] {
            for (QCustomPlot *p : view.findChildren<QCustomPlot *>())
                p->replot(QCustomPlot::rpImmediateRefresh);
            QPainter painter(&tab);
            view.render(&painter);
        },
        &tabCpu);

    std::printf("timeline_bench: %zu invocations, %zu environments in %zu rows; detail %dx%d px\n",
        data->invocations.size(), view.timeline().lanes.size(), view.rows().rows.size(), w, h);
    std::printf("  load into the view (timeline, rows, overview, plots): %.0f ms\n", setupMs);
    std::printf("  one frame, median of 15                     wall ms   cpu ms\n");
    auto line = [](const char *what, Frame f) { std::printf("  %-42s %7.2f  %7.2f\n", what, f.wall, f.cpu); };
    line("detail, whole day, rows that fit (<= 16)", whole);
    line("detail, ten minutes, rows that fit", tenMinutes);
    line("detail, whole day, every row", allRows);
    line("overview strip", overview);
    line("duration / init duration plot", metrics);
    line("whole tab (all plots replotted + render)", Frame { tabMs, tabCpu });
    return 0;
}
