// SPDX-License-Identifier: MIT
// Icicle paint time on a large run: a real importtime table (boto3/numpy/requests,
// 608 imports) repeated under 9 top-level packages = 5,472 imports. Prints the
// median time of a full repaint (no cache), of a frame served from the cache (what
// hover and selection cost), and of a full repaint zoomed into one package.
//   icicle_bench [IMPORTTIME_LOG]   (QT_QPA_PLATFORM=offscreen is set if unset)
#include "iciclecanvas.h"
#include "loader.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>

using namespace coldscope;

namespace {
double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QString path = argc > 1
        ? QString::fromLocal8Bit(argv[1])
        : QStringLiteral(COLDSCOPE_SOURCE_DIR "/tests/fixtures/importtime/boto3-json-numpy-requests.log");
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        return 2;
    }
    const QList<QByteArray> lines = f.readAll().split('\n');
    std::string text = "import time: self [us] | cumulative | imported package\n";
    for (int copy = 0; copy < 9; ++copy) {
        // Nest every top-level import of the table under a package "copyN".
        long long total = 0;
        for (const QByteArray &l : lines) {
            if (!l.startsWith("import time:") || l.contains("self [us]"))
                continue;
            const QList<QByteArray> parts = l.split('|');
            if (parts.size() != 3)
                continue;
            const QByteArray name = parts[2];
            const bool top = name.size() > 1 && name[1] != ' ';
            text += std::string(parts[0].constData()) + "|" + parts[1].constData() + "|   " + name.mid(1).constData()
                + "\n";
            if (top)
                total += parts[1].trimmed().toLongLong();
        }
        char buf[128];
        std::snprintf(buf, sizeof buf, "import time: %9d | %10lld | copy%d\n", 100, total + 100, copy);
        text += buf;
    }
    LoadResult r = loadBytes(text, "bench");
    if (!r.data || r.data->runs.empty()) {
        std::fprintf(stderr, "could not build the run: %s\n", r.error.c_str());
        return 2;
    }
    std::shared_ptr<const LogData> data = r.data;
    IcicleCanvas canvas;
    canvas.resize(1600, 900);
    canvas.setRun(data, 0);
    QImage image(canvas.size(), QImage::Format_ARGB32_Premultiplied);
    constexpr int kFrames = 60;
    std::vector<double> full, cached, zoomed;
    for (int i = 0; i < kFrames; ++i) {
        QPainter p(&image);
        QElapsedTimer t;
        t.start();
        canvas.paintTo(p, canvas.rect());
        full.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    canvas.render(&image); // builds the cache
    for (int i = 0; i < kFrames; ++i) {
        QElapsedTimer t;
        t.start();
        const auto &roots = data->runs[0].roots;
        canvas.setSelectedNode(int(roots[std::size_t(i) % roots.size()])); // what a selection change repaints
        canvas.render(&image);
        cached.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    canvas.zoomToNode(int(data->runs[0].roots[4]));
    for (int i = 0; i < kFrames; ++i) {
        QPainter p(&image);
        QElapsedTimer t;
        t.start();
        canvas.paintTo(p, canvas.rect());
        zoomed.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::printf("icicle paint, %lld imports, %dx%d px, median of %d frames:\n",
        static_cast<long long>(data->runs[0].imports), canvas.width(), canvas.height(), kFrames);
    std::printf("  full repaint (cache invalid)      %7.2f ms\n", median(full));
    std::printf("  frame from the cache (hover, sel.) %7.2f ms\n", median(cached));
    std::printf("  full repaint zoomed into one root %7.2f ms\n", median(zoomed));
    std::printf("  cache builds during the run: %d\n", canvas.cacheBuilds());
    return 0;
}
