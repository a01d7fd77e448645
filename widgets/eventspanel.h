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

    EventTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QComboBox *levelFilter() const { return m_level; }
    QComboBox *functionFilter() const { return m_function; }

    bool isFiltering() const;
    void setSyncLimit(std::size_t events) { m_syncLimit = events; }

signals:
    void filtered();

private:
    void showData();
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
    JobTracker m_jobs { this };
};

} // namespace coldscope
