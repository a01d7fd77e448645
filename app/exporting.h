// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QSize>
#include <QString>
#include <QStringList>

#include <functional>
#include <utility>
#include <vector>

class QLabel;
class QWidget;

namespace coldscope {

class Workspace;

// For the time of a drawing `view` is a figure, not a screen: no hint lines ("click:
// zoom · Esc…", "Wheel: zoom…"), no input controls (filter and search boxes, check
// boxes, run selectors, the query editor), no empty panes (a table without rows, a plot
// without data). Widgets with the property "coldscopeFigureHidden" (hint labels, drop
// zones, tool rows) are hidden too. And the whole extent, not the current scroll: the
// icicle zoomed out with every depth in view (the figure grows taller for a deep run),
// the timeline over the whole file with every row, tables from their first row.
// Everything comes back when it goes; the workspace's zoom and selection never move.
class FigureMode
{
public:
    // `mayGrow`: the figure may be taller than the view (not when a size was asked for).
    explicit FigureMode(QWidget *view, bool mayGrow = true);
    ~FigureMode();
    FigureMode(const FigureMode &) = delete;
    FigureMode &operator=(const FigureMode &) = delete;

private:
    static bool hides(const QWidget *w);
    std::vector<std::pair<QPointer<QLabel>, QString>> m_texts;
    std::vector<QPointer<QWidget>> m_hidden;
    std::vector<std::function<void()>> m_restore; // undone last first
};

// Draws `view` into OUT.png|svg|pdf at `size` (the view's own size when invalid),
// under a band with `title` and the source file names. A view that lives in a
// splitter or tab is lifted out for the time of the drawing and put back.
bool exportView(QWidget *view, const QString &out, const QString &title, const QStringList &sources, QSize size,
    QString *error = nullptr);
QByteArray viewPng(QWidget *view, const QString &title, const QStringList &sources, QSize size);

// The file names of what the workspace holds (the comparison's files when one is open).
QStringList sourceNames(const Workspace &ws);

// The report of a workspace: figures, top imports, the comparison (when one is open),
// the pinned queries with their results, notes, and pictures drawn from views made for
// the occasion over the same workspace (embedded in HTML; PNG files next to a
// Markdown report).
bool writeReport(Workspace &ws, const QString &out, QString *error = nullptr);

// File > Export report and File > Export import profile, with their dialogs.
void exportReportDialog(QWidget *parent, Workspace &ws);
void exportProfileDialog(QWidget *parent, Workspace &ws);

} // namespace coldscope
