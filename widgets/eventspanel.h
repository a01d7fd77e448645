// SPDX-License-Identifier: MIT
#pragma once

#include "eventtablemodel.h"
#include "jobtracker.h"
#include "workspace.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace coldscope {

// The events of a file with level, function, type and text filters.
class EventsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit EventsPanel(Workspace *workspace, QWidget *parent = nullptr);

    void showRequest(std::optional<std::uint32_t> request);
    bool selectEvent(std::uint32_t event); // widens the filters when they hide it

    // The model and the table as of the workspace's log (a panel not yet shown since
    // the log came catches up first).
    EventTableModel *model()
    {
        catchUp();
        return m_model;
    }
    QTableView *view()
    {
        catchUp();
        return m_view;
    }
    QComboBox *levelFilter() const { return m_level; }
    QComboBox *functionFilter() const { return m_function; }

    bool isFiltering() const;
    void setSyncLimit(std::size_t events) { m_syncLimit = events; }

signals:
    void filtered();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showData();
    void catchUp();
    void apply();
    void showCount();
    EventFilter currentFilter() const;

    Workspace *m_ws;
    std::shared_ptr<const LogData> m_data;
    EventTableModel *m_model;
    QTableView *m_view;
    QComboBox *m_level;
    QComboBox *m_function;
    QComboBox *m_category;
    QLineEdit *m_search;
    QLabel *m_count;
    QLabel *m_scope;
    QTimer *m_debounce;
    TimeMs m_from = kNoTime, m_to = kNoTime;
    std::size_t m_syncLimit = 300000; // a few milliseconds of filtering
    std::optional<std::uint32_t> m_request;
    bool m_showing = false; // following the workspace's selection: do not write it back
    // A log came while the panel was hidden: the model has not been given it yet. Giving
    // a model millions of rows costs the table ~40 ms a GB of log (its header keeps a
    // record a row), which a window would spend before it painted the summary.
    bool m_stale = false;
    JobTracker m_jobs { this };
};

} // namespace coldscope
