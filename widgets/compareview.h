// SPDX-License-Identifier: MIT
#pragma once

#include "importdiff.h"
#include "workspace.h"

#include <QLabel>
#include <QWidget>

#include <memory>

class QCheckBox;
class QCustomPlot;
class QLineEdit;
class QListWidget;
class QTreeView;

namespace coldscope {

class DiffFilterProxy;
class DiffTreeModel;
class IciclePanel;

// A place to drop one build's log (the A or B side of a comparison).
class DropZone : public QLabel
{
    Q_OBJECT
public:
    DropZone(const QString &side, QWidget *parent = nullptr);
    void setFile(const QString &path);

signals:
    void fileDropped(const QString &path);

protected:
    void dragEnterEvent(QDragEnterEvent *e) override;
    void dropEvent(QDropEvent *e) override;

private:
    QString m_side;
};

// Two builds side by side: totals, the diff tree, B's icicle coloured by change,
// the top regressions and improvements, and the INIT/duration distributions.
class CompareView : public QWidget
{
    Q_OBJECT
public:
    explicit CompareView(Workspace *workspace, QWidget *parent = nullptr);

    std::shared_ptr<const ImportDiff> diff() const { return m_diff; }

    DropZone *dropA() const { return m_dropA; }
    DropZone *dropB() const { return m_dropB; }
    QTreeView *tree() const { return m_tree; }
    DiffTreeModel *model() const { return m_model; }
    DiffFilterProxy *proxy() const { return m_proxy; }
    IciclePanel *icicle() const { return m_icicle; }
    QCheckBox *onlyChanged() const { return m_onlyChanged; }
    QLabel *summary() const { return m_summary; }
    QListWidget *regressions() const { return m_regressions; }
    QCustomPlot *distributions() const { return m_distributions; }

    void selectModule(const QString &module);
    QString selectedModule() const;

    // Delta colour: red for slower, blue for faster, grey when unchanged.
private:
    void setDiff(std::shared_ptr<const ImportDiff> diff);
    void drawDistributions();
    QString emptyText() const;

    Workspace *m_ws;
    std::shared_ptr<const ImportDiff> m_diff;
    DropZone *m_dropA;
    DropZone *m_dropB;
    QLabel *m_summary;
    DiffTreeModel *m_model;
    DiffFilterProxy *m_proxy;
    QTreeView *m_tree;
    QLineEdit *m_filter;
    QCheckBox *m_onlyChanged;
    IciclePanel *m_icicle;
    QListWidget *m_regressions;
    QListWidget *m_improvements;
    QCustomPlot *m_distributions;
    QString m_pathA, m_pathB;
};

} // namespace coldscope
