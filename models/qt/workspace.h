// SPDX-License-Identifier: MIT
#pragma once

#include "importdiff.h"
#include "logdata.h"
#include "queryengine.h"
#include "session.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace coldscope {

class LoadJob;

// What the views share, and the only way they reach each other: the loaded log and the
// compared pair, the function filter, the selected run, import node, invocation and
// event, the time range, the icicle's zoom, the query, the pinned queries and the notes.
// Every view is given the workspace, reads it, writes to it and follows its signals;
// selections are domain keys (a node index in its run, an invocation index, an event
// index, a time range), never model indexes. Setters that do not change anything emit
// nothing, so views can write back what they are shown without loops.
// Sessions are this object as JSON. No widgets here: render, report and the tests
// drive a Workspace without a window.
class Workspace : public QObject
{
    Q_OBJECT
public:
    // What the user selected last: the details pane shows it.
    enum class Focus { None, Node, Invocation, Event };

    explicit Workspace(QObject *parent = nullptr);
    ~Workspace() override;

    // Files. Loading runs on worker threads; fileLoaded / compareReady / loadFailed follow.
    void openFile(const QString &path); // a log, or a .coldscope session
    void openBytes(const QByteArray &bytes, const QString &name);
    void openSample();
    static QString sampleResource();
    void compareFiles(const QString &a, const QString &b);
    void cancelLoading();
    bool isLoading() const;
    // Starts loading a log before any view exists, so that it runs on its worker while
    // the window is built; views made later take the loading state from isLoading() and
    // the rest from the signals, which arrive queued. A session file is not opened here
    // (its restore talks to the views at once): false, and the caller opens it later.
    bool openFileBeforeViews(const QString &path);
    QString loadingLabel() const { return m_loadingLabel; }
    // The log as loaded (also for tests that load it themselves).
    void setData(std::shared_ptr<const LogData> data);
    std::shared_ptr<const LogData> data() const { return m_data; }
    void setComparison(std::shared_ptr<const ImportDiff> diff);
    std::shared_ptr<const ImportDiff> comparison() const { return m_diff; }
    QString comparedA() const { return m_fileA; }
    QString comparedB() const { return m_fileB; }
    // While two builds are compared the other views show one side's file: B when the
    // comparison is ready, A or B on request. 'A', 'B', or 0 when the log shown is
    // neither (no comparison, or a file opened since).
    void showComparedSide(char side);
    char shownSide() const;

    // The shared selection.
    void setFunction(std::optional<std::uint32_t> function);
    std::optional<std::uint32_t> function() const { return m_function; }
    bool keepsFunction(std::uint32_t function) const { return !m_function || *m_function == function; }
    void setRun(int run);
    int run() const { return m_run; }
    const ImportRun *currentRun() const;
    void selectNode(int node); // in the current run; -1 clears
    int node() const { return m_node; }
    bool selectModule(const std::string &module); // by name, in the current run
    std::string selectedModule() const; // empty for no node or a placeholder
    void selectInvocation(int invocation); // also shows its import run
    int invocation() const { return m_invocation; }
    std::string selectedRequest() const; // request id of the selected invocation
    void selectEvent(int event); // also selects its invocation and, for an import line, its node
    int selectedEvent() const { return m_event; }
    Focus focus() const { return m_focus; }
    void setTimeRange(TimeMs from, TimeMs to); // kNoTime, kNoTime: none
    std::pair<TimeMs, TimeMs> timeRange() const { return { m_from, m_to }; }
    void setZoomPath(std::vector<int> nodes); // icicle zoom in the current run, outermost first
    const std::vector<int> &zoomPath() const { return m_zoom; }

    // Queries and findings.
    void setQuery(const QString &text);
    QString query() const { return m_query; }
    void requestQuery(const QString &text); // run it in the search view ("Find in logs", findings)
    // The outcome of the last query run (the search view reports it): its result, or
    // the error message.
    void setQueryOutcome(std::shared_ptr<const query::Result> result, const QString &error);
    std::shared_ptr<const query::Result> queryResult() const { return m_result; }
    void setPinnedQueries(const QStringList &queries);
    void pinQuery(const QString &text);
    QStringList pinnedQueries() const { return m_pinned; }
    const std::map<std::string, std::string> &moduleNotes() const { return m_moduleNotes; }
    const std::map<std::string, std::string> &invocationNotes() const { return m_invocationNotes; }
    void setModuleNote(const std::string &module, const std::string &note); // empty removes
    void setInvocationNote(const std::string &request, const std::string &note);
    std::string noteOnSelection() const; // on the focused module or invocation
    int findingCount() const;

    // The view on screen (a tab of the window), kept in sessions.
    void setCurrentView(const QString &view);
    QString currentView() const { return m_view; }

    // Sessions (.coldscope): this workspace as JSON, and back once its files are loaded.
    Session toSession() const;
    bool saveSession(const QString &path, QString *error = nullptr) const;
    void openSession(const QString &path);
    QStringList sessionWarnings() const { return m_sessionWarnings; }

signals:
    void loadingStarted(const QString &label);
    void progress(double fraction, const QString &stage);
    void loadFailed(const QString &error, bool cancelled);
    void dataChanged(); // a new log: the selection was reset
    void fileLoaded(const QString &path);
    void compareStarted(const QString &a, const QString &b);
    void comparisonChanged();
    void compareReady();
    void functionChanged();
    void runChanged(int run);
    void nodeChanged(int node);
    void invocationChanged(int invocation);
    void eventChanged(int event);
    void focusChanged();
    void timeRangeChanged(coldscope::TimeMs from, coldscope::TimeMs to);
    void zoomPathChanged();
    void queryChanged(const QString &text);
    void queryRequested(const QString &text);
    void queryDone(bool ok);
    void pinnedQueriesChanged();
    void notesChanged();
    void currentViewChanged(const QString &view);
    void sessionRestored();

private:
    void startLoad(const QString &label);
    void onLoaded(std::shared_ptr<const LogData> data);
    void onCompareLoaded();
    void applyPendingSession();
    void focusOn(Focus focus);
    int defaultRun() const;

    LoadJob *m_job;
    LoadJob *m_jobA;
    LoadJob *m_jobB;
    QString m_loadingLabel;
    std::shared_ptr<const LogData> m_data;
    std::shared_ptr<const LogData> m_loadedA, m_loadedB;
    std::shared_ptr<const ImportDiff> m_diff;
    bool m_sessionHasMain = false; // the pending session opens a log of its own: it is the one shown
    QString m_fileA, m_fileB;
    std::optional<std::uint32_t> m_function;
    int m_run = -1;
    int m_node = -1;
    int m_invocation = -1;
    int m_event = -1;
    Focus m_focus = Focus::None;
    TimeMs m_from = kNoTime, m_to = kNoTime;
    std::vector<int> m_zoom;
    QString m_query;
    std::shared_ptr<const query::Result> m_result;
    QStringList m_pinned;
    std::map<std::string, std::string> m_moduleNotes, m_invocationNotes;
    QString m_view;
    std::optional<Session> m_pendingSession;
    QStringList m_sessionWarnings;
};

} // namespace coldscope
