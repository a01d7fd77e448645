// SPDX-License-Identifier: MIT
#pragma once

#include "eventtablemodel.h"

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
    explicit EventsPanel(QWidget *parent = nullptr);

    void setLogData(std::shared_ptr<const LogData> data);
    void setTimeRange(TimeMs from, TimeMs to); // kNoTime clears
    void showRequest(std::optional<std::uint32_t> request);
    bool selectEvent(std::uint32_t event);
    void setFunction(std::optional<std::uint32_t> function);

    EventTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QComboBox *levelFilter() const { return m_level; }
    QComboBox *functionFilter() const { return m_function; }

    bool isFiltering() const;
    // Files with fewer events are filtered at once; larger ones on a worker thread.
    void setSyncLimit(std::size_t events) { m_syncLimit = events; }

signals:
    void eventSelected(int event);
    void filtered();
    void functionChanged(std::optional<std::uint32_t> function);

private:
    void apply();

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
    quint64 m_generation = 0;
    std::size_t m_syncLimit = 300000; // a few milliseconds of filtering
    int m_running = 0;
    void showCount();
    EventFilter currentFilter() const;
    std::optional<std::uint32_t> m_request;
};

} // namespace coldscope
