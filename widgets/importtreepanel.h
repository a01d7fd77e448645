// SPDX-License-Identifier: MIT
#pragma once

#include "importtreemodel.h"
#include "workspace.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QStandardItemModel;
class QTimer;
class QTreeView;

namespace coldscope {

// The import tree of one run: run selector, filter box (substring or /regex/,
// debounced), sortable columns, expand to a module.
class ImportTreePanel : public QWidget
{
    Q_OBJECT
public:
    explicit ImportTreePanel(Workspace *workspace, QWidget *parent = nullptr);

    int currentRun() const;
    int selectedNode() const;

    QTreeView *view() const { return m_view; }
    ImportTreeModel *model() const { return m_model; }
    ImportFilterProxy *proxy() const { return m_proxy; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *runSelector() const { return m_runs; }
    QString summaryText() const;
    // The flat list next to the tree: every module of the run by self time, largest first
    // (the tree sorts only siblings).
    QTreeView *topSelf() const { return m_topSelf; }

private:
    void showRun(int run);
    void showNode(int node);
    void applyFilter();
    void updateSummary();
    void fillRuns();
    void fillTopSelf();

    Workspace *m_ws;
    std::shared_ptr<const LogData> m_data;
    ImportTreeModel *m_model;
    ImportFilterProxy *m_proxy;
    QTreeView *m_view;
    QComboBox *m_runs;
    QLineEdit *m_filter;
    QTimer *m_debounce;
    QLabel *m_summary;
    QTreeView *m_topSelf;
    QStandardItemModel *m_topSelfModel;
    bool m_loading = false; // a file is loading: the summary says so
    bool m_showing = false; // the selection follows the workspace: do not write it back
};

} // namespace coldscope
