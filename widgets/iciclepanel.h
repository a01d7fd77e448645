// SPDX-License-Identifier: MIT
#pragma once

#include "iciclecanvas.h"

#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
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
    QLineEdit *m_search;
    QLabel *m_matches;
    QComboBox *m_mode;
    QHBoxLayout *m_crumbs;
    QLabel *m_legend;
    QTimer *m_debounce;
};

} // namespace coldscope
