// SPDX-License-Identifier: MIT
#pragma once

#include "iciclecanvas.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QScrollArea;
class QTimer;

namespace coldscope {

class ImportTreeModel;

// The icicle with its controls: search (dims non-matches, totals the matches),
// colour mode with legend, and a breadcrumb bar of the zoom path. A component: the
// Imports tab binds it to the workspace (IcicleView), the comparison shows build B in one.
class IciclePanel : public QWidget
{
    Q_OBJECT
public:
    explicit IciclePanel(QWidget *parent = nullptr);

    void setRun(std::shared_ptr<const LogData> data, int run);
    IcicleCanvas *canvas() const { return m_canvas; }
    // For a figure: the whole run (zoomed out, scrolled to the top, every depth in view
    // when `grow` may make the panel taller) and what puts it back. The zoom is changed
    // with the canvas's signals blocked: the workspace never sees it.
    std::function<void()> showWholeExtent(int *grow = nullptr);
    QComboBox *colorMode() const { return m_mode; }
    QString matchSummary() const;
    void refreshLegend() { updateLegend(); }

    // Follow (and drive) the tree's selection: the tree's QItemSelectionModel is the
    // one selection both views share.
signals:
    void nodeClicked(int node);

private:
    void updateCrumbs();
    void updateLegend();
    void applySearch();

    IcicleCanvas *m_canvas;
    QScrollArea *m_scroll = nullptr;
    QLineEdit *m_search;
    QLabel *m_matches;
    QComboBox *m_mode;
    QHBoxLayout *m_crumbs;
    QLabel *m_legend;
    QTimer *m_debounce;
};

} // namespace coldscope
