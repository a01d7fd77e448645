// SPDX-License-Identifier: MIT
#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

class QWidget;

namespace coldscope {

class MainWindow;

// Draws `view` into OUT.png|svg|pdf at `size` (the view's own size when invalid),
// under a band with `title` and the source file names. A view that lives in a
// splitter or tab is lifted out for the time of the drawing and put back.
bool exportView(QWidget *view, const QString &out, const QString &title, const QStringList &sources, QSize size,
    QString *error = nullptr);
QByteArray viewPng(QWidget *view, const QString &title, const QStringList &sources, QSize size);

// The report of what the window shows: figures, top imports, the comparison (when
// one is open), the pinned queries with their results, notes, and pictures (embedded
// in HTML; PNG files next to a Markdown report).
bool writeReport(MainWindow &window, const QString &out, const QStringList &pinnedQueries, QString *error = nullptr);

} // namespace coldscope
