// SPDX-License-Identifier: MIT
#pragma once

#include "workspace.h"

#include <QMainWindow>

class QLabel;
class QMenu;
class QProgressBar;
class QTabWidget;
class QToolButton;

namespace coldscope {

class CompareView;
class DetailsPane;
class EventsPanel;
class FindingsPanel;
class IcicleView;
class ImportTreePanel;
class Presentation;
class SearchPanel;
class TimelineView;

// The window: the views over one Workspace laid out in tabs, the menus, the status
// bar and the dialogs. The views share everything through the workspace; nothing here
// links one view to another.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // Without a workspace the window makes its own.
    explicit MainWindow(Workspace *workspace = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    Workspace *workspace() const { return m_ws; }
    Presentation *presentation() const { return m_presentation; }
    void setDetailsVisible(bool visible); // presentation mode gives the room to the view
    QString statusText() const;

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void setLoading(bool loading);
    void onLoaded(const QString &path);
    void onFailed(const QString &error, bool cancelled);
    void updateTitle(); // the file shown, or "A vs B" while a comparison is open
    void addRecent(const QString &path);
    void rebuildRecentMenu();
    void addNoteDialog();
    void exportViewDialog(const QString &name, QWidget *view);

    Workspace *m_ws;
    QTabWidget *m_tabs;
    FindingsPanel *m_findings;
    ImportTreePanel *m_tree;
    IcicleView *m_icicle;
    QWidget *m_importsPage;
    TimelineView *m_timeline;
    EventsPanel *m_events;
    SearchPanel *m_search;
    CompareView *m_compare;
    DetailsPane *m_details;
    QLabel *m_formatLabel;
    QLabel *m_eventsLabel;
    QToolButton *m_skipped;
    QProgressBar *m_progress;
    QToolButton *m_cancel;
    QMenu *m_recentMenu = nullptr;
    QWidget *m_compareBar = nullptr;
    QLabel *m_compareLabel = nullptr;
    Presentation *m_presentation;
};

} // namespace coldscope
