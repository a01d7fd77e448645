// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"

#include <QMainWindow>

#include <map>
#include <string>

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

    // Notes attached to modules and invocations (sessions, reports, presentations).
    const std::map<std::string, std::string> &moduleNotes() const { return m_moduleNotes; }
    const std::map<std::string, std::string> &invocationNotes() const { return m_invocationNotes; }
    void setModuleNote(const std::string &module, const std::string &note);
    void setInvocationNote(const std::string &request, const std::string &note);

    // Sessions (.coldscope).
    bool saveSessionTo(const QString &path, QString *error = nullptr);
    void openSession(const QString &path);
    QStringList sessionWarnings() const { return m_sessionWarnings; }

    // Presentation mode: full screen, larger text, high contrast; Page Down/Up step
    // through the pinned findings (pinned queries, then notes).
    void setPresentationMode(bool on);
    bool presentationMode() const { return m_presenting; }
    int findingCount() const;
    void showFinding(int index);
    int currentFinding() const { return m_finding; }
    QString currentFindingText() const;

    void showCompareTab();

    std::shared_ptr<const LogData> logData() const { return m_data; }
    ImportTreePanel *importTree() const { return m_tree; }
    EventsPanel *events() const { return m_events; }
    IcicleView *icicle() const { return m_icicle; }
    TimelineView *timeline() const { return m_timeline; }
    SearchPanel *search() const { return m_search; }
    CompareView *compare() const { return m_compare; }
    DetailsPane *details() const { return m_details; }
    QString statusText() const;

    static QString sampleResource();

signals:
    void fileLoaded(const QString &path);
    void compareReady();
    void sessionRestored();
    void loadFailed(const QString &error);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void setLoading(bool loading);
    void showProgress(double fraction, const QString &stage);
    // Appends the user's note on `key` (a module or a request id) to the details pane.
    void appendNote(const std::map<std::string, std::string> &notes, const std::string &key);
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
    std::map<std::string, std::string> m_moduleNotes, m_invocationNotes;
    QStringList m_sessionWarnings;
    struct PendingSession;
    std::unique_ptr<PendingSession> m_pendingSession;
    void applyPendingSession();
    bool m_presenting = false;
    int m_finding = -1;
    QFont m_normalFont;
    QPalette m_normalPalette;
    QLabel *m_findingBanner = nullptr;
    void exportViewDialog();
    void exportReportDialog();
    void exportProfileDialog();
    void addNoteDialog();
};

} // namespace coldscope
