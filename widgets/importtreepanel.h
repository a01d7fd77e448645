// SPDX-License-Identifier: MIT
#pragma once

#include "importtreemodel.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;
class QTreeView;

namespace coldscope {

// The import tree of one run: run selector, filter box (substring or /regex/,
// debounced), sortable columns, expand to a module.
class ImportTreePanel : public QWidget
{
    Q_OBJECT
public:
    explicit ImportTreePanel(QWidget *parent = nullptr);

    void setLogData(std::shared_ptr<const LogData> data);
    void setRun(int run);
    int currentRun() const;
    // Only the runs of one function's log streams (nullopt: all).
    void setFunction(std::optional<std::uint32_t> function);

    // Selects, expands to and scrolls to `node` of the current run.
    void selectNode(int node);
    bool selectModule(const QString &module);
    int selectedNode() const;
    std::string selectedModule() const; // empty when nothing (or a placeholder) is selected

    QTreeView *view() const { return m_view; }
    ImportTreeModel *model() const { return m_model; }
    ImportFilterProxy *proxy() const { return m_proxy; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *runSelector() const { return m_runs; }

signals:
    void runChanged(int run);
    void nodeSelected(int run, int node);

private:
    void applyFilter();
    void updateSummary();
    void fillRuns();

    std::shared_ptr<const LogData> m_data;
    ImportTreeModel *m_model;
    ImportFilterProxy *m_proxy;
    QTreeView *m_view;
    QComboBox *m_runs;
    QLineEdit *m_filter;
    QTimer *m_debounce;
    QLabel *m_summary;
    std::optional<std::uint32_t> m_function;
};

} // namespace coldscope
