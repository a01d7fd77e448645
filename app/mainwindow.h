// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QMenu;
class QProgressBar;
class QTabWidget;
class QToolButton;

namespace coldscope {

class CompareView;
class DetailsPane;
class EventsPanel;
class IcicleView;
class ImportTreePanel;
class LoadJob;
class SearchPanel;
class TimelineView;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void openFile(const QString &path);
    void openSample();
    void cancelLoading();
    void showEventsTab();
    void showImportsTab();
    void showTimelineTab();
    void showSearchTab();
    void findInLogs(const QString &module);
    void compareFiles(const QString &a, const QString &b);
    void showCompareTab();

    std::shared_ptr<const LogData> logData() const { return m_data; }
    ImportTreePanel *importTree() const { return m_tree; }
    EventsPanel *events() const { return m_events; }
    IcicleView *icicle() const { return m_icicle; }
    TimelineView *timeline() const { return m_timeline; }
    SearchPanel *search() const { return m_search; }
    CompareView *compare() const { return m_compare; }
    QWidget *importsPage() const { return m_importsPage; }
    DetailsPane *details() const { return m_details; }
    LoadJob *loadJob() const { return m_job; }
    QString statusText() const;

    static QString sampleResource();

signals:
    void fileLoaded(const QString &path);
    void compareReady();
    void loadFailed(const QString &error);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void setLoading(bool loading);
    void onLoaded(std::shared_ptr<const LogData> data);
    void onFailed(const QString &error, bool cancelled);
    void addRecent(const QString &path);
    void rebuildRecentMenu();
    void selectImportEvent(int event);
    void selectEventInvocation(int event);

    std::shared_ptr<const LogData> m_data;
    LoadJob *m_job;
    QString m_loadingPath;
    QTabWidget *m_tabs;
    ImportTreePanel *m_tree;
    IcicleView *m_icicle;
    TimelineView *m_timeline;
    SearchPanel *m_search;
    CompareView *m_compare;
    LoadJob *m_compareJobA;
    LoadJob *m_compareJobB;
    std::shared_ptr<const LogData> m_compareA, m_compareB;
    QWidget *m_importsPage;
    EventsPanel *m_events;
    DetailsPane *m_details;
    QLabel *m_formatLabel;
    QLabel *m_eventsLabel;
    QToolButton *m_skipped;
    QProgressBar *m_progress;
    QToolButton *m_cancel;
    QMenu *m_recentMenu = nullptr;
};

} // namespace coldscope
