// SPDX-License-Identifier: MIT
#pragma once

// Helpers for the tests that drive views, the window or the coldscope binary. Views are
// made over a Workspace, as the window makes them; nothing reaches into the window.

#include "mainwindow.h"
#include "workspace.h"

#include <QSignalSpy>

#include <memory>

namespace testutil {

// Loads `path` into `ws` and waits for it.
inline void load(coldscope::Workspace &ws, const QString &path)
{
    QSignalSpy loaded(&ws, &coldscope::Workspace::fileLoaded);
    ws.openFile(path);
    if (!loaded.wait(30000))
        qFatal("loading %s timed out", qPrintable(path));
}

// Compares `a` and `b` in `ws` and waits for the comparison.
inline void compare(coldscope::Workspace &ws, const QString &a, const QString &b)
{
    QSignalSpy ready(&ws, &coldscope::Workspace::compareReady);
    ws.compareFiles(a, b);
    if (!ready.wait(30000))
        qFatal("comparing %s and %s timed out", qPrintable(a), qPrintable(b));
}

// A view over `ws`, shown at `size`.
template <typename View> std::unique_ptr<View> show(coldscope::Workspace &ws, QSize size = QSize(1400, 900))
{
    auto view = std::make_unique<View>(&ws);
    view->resize(size);
    view->show();
    return view;
}

// A shown main window with `path` loaded.
inline std::unique_ptr<coldscope::MainWindow> openWindow(const QString &path, QSize size = QSize(1400, 900))
{
    auto w = std::make_unique<coldscope::MainWindow>();
    w->resize(size);
    w->show();
    load(*w->workspace(), path);
    return w;
}

} // namespace testutil
