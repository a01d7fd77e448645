// SPDX-License-Identifier: MIT
#pragma once

#include "jobtracker.h"
#include "queryengine.h"
#include "workspace.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QCompleter;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QTableView;
class QTextBrowser;
class QToolButton;
class QSortFilterProxyModel;

namespace coldscope {

class CloudJob;
class QueryEditor;
class QueryJob;
class QueryResultModel;

// Logs Insights, offline: the editor, results (lazy table, histogram of matching
// events, chart of stats by bin()), history, saved and built-in Lambda queries, and
// the round trip to CloudWatch (copy, console link, imported results).
class SearchPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SearchPanel(Workspace *workspace, QWidget *parent = nullptr);
    ~SearchPanel() override;

    void setSources(std::vector<query::Source> sources);
    void setTimeRange(TimeMs from, TimeMs to);
    std::pair<TimeMs, TimeMs> timeRange() const { return { m_from, m_to }; }
    void setQuery(const QString &text);
    QString query() const;
    void runQuery();
    void runQuery(const QString &text);
    // The query in CloudWatch Logs Insights (through the AWS CLI, on a worker thread) on
    // the log groups, profile, Region and time range of the CloudWatch row; the rows
    // land in the same table, histogram and chart. Cancel sends stop-query.
    void runInCloudWatch();
    void cancel();
    void showImported(const LogData &data); // a get-query-results / CSV / Markdown file

    void setCloudWatchTarget(const QString &region, const QString &logGroup); // remembered in QSettings
    QString consoleUrl() const; // empty until a region and log group are known
    void copyForCloudWatch();

    QueryEditor *editor() const { return m_editor; }
    QTableView *table() const { return m_table; }
    QueryResultModel *model() const { return m_model; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *statusLabel() const { return m_status; }
    QCustomPlot *histogram() const { return m_histogram; }
    QCustomPlot *chart() const { return m_chart; }
    QTextBrowser *rowDetails() const { return m_details; }
    QMenu *lambdaQueries() const { return m_lambdaMenu; }
    QLineEdit *cloudLogGroups() const { return m_cloudGroups; }
    QComboBox *cloudProfile() const { return m_cloudProfile; }
    QComboBox *cloudRegion() const { return m_cloudRegion; }
    QLineEdit *cloudStart() const { return m_cloudStart; }
    QLineEdit *cloudEnd() const { return m_cloudEnd; }
    QToolButton *cloudRunButton() const { return m_cloudRun; }
    QToolButton *clearRangeButton() const { return m_clearRange; } // shown while a time range is set
    CloudJob *cloudJob() const { return m_cloudJob; }
    bool isRunning() const;
    QStringList history() const;

    // Pinned queries go into reports, sessions and presentation mode.
    QStringList pinnedQueries() const;
    void pinQuery(const QString &text);

    // "Find in logs" for a module: its importtime lines across cold starts.
    static QString importQueryFor(const QString &module);

signals:
    void queryFinished();
    void queryFailed(const QString &message);

private:
    void showData();
    void onFinished(std::shared_ptr<const query::Result> result);
    void onFailed(int column, const QString &message, bool cancelled);
    void showRow(int row);
    void drawHistogram(const query::Result &r);
    void drawChart(const query::Result &r);
    void addToHistory(const QString &text);
    void rebuildHistoryMenu();
    void rebuildSavedMenu();
    void loadLambdaQueries();
    void openInCloudWatch();

    Workspace *m_ws;
    std::vector<query::Source> m_sources;
    QueryEditor *m_editor;
    QueryJob *m_job;
    QueryResultModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_table;
    QCustomPlot *m_histogram;
    QCustomPlot *m_chart;
    QTextBrowser *m_details;
    QLabel *m_status;
    QLabel *m_error;
    QLabel *m_range;
    QToolButton *m_run;
    QToolButton *m_stop;
    QToolButton *m_clearRange = nullptr;
    QProgressBar *m_busy;
    QMenu *m_historyMenu;
    QMenu *m_savedMenu;
    QMenu *m_lambdaMenu;
    QMenu *m_pinnedMenu;
    CloudJob *m_cloudJob;
    // The fields of the files, for completion: found on a worker (a sample of 2,000
    // events spread over the file, each a page fault and a release, had taken ~50 ms of
    // the GUI thread before a 1 GB log's window could paint).
    JobTracker m_fieldsJob { this };
    QLineEdit *m_cloudGroups;
    QComboBox *m_cloudProfile;
    QComboBox *m_cloudRegion;
    QLineEdit *m_cloudStart;
    QLineEdit *m_cloudEnd;
    QToolButton *m_cloudRun;
    QCompleter *m_cloudCompleter = nullptr;
    double m_cloudBytes = 0;
    void rebuildPinnedMenu();
    void setRunning(bool running);
    TimeMs m_from = kNoTime, m_to = kNoTime;
    QString m_lastQuery;
};

} // namespace coldscope
