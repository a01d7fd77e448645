// SPDX-License-Identifier: MIT
#pragma once

// Helpers for the tests that drive the window or the coldscope binary.

#include "mainwindow.h"

#include <QSignalSpy>

#include <memory>

namespace testutil {

// A shown main window with `path` loaded.
inline std::unique_ptr<coldscope::MainWindow> openWindow(const QString &path, QSize size = QSize(1400, 900))
{
    auto w = std::make_unique<coldscope::MainWindow>();
    w->resize(size);
    w->show();
    QSignalSpy loaded(w.get(), &coldscope::MainWindow::fileLoaded);
    w->openFile(path);
    if (!loaded.wait(30000))
        qFatal("loading %s timed out", qPrintable(path));
    return w;
}

} // namespace testutil
