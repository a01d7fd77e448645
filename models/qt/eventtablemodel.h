// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"

#include <QAbstractTableModel>

#include <atomic>
#include <memory>
#include <optional>

namespace coldscope {

enum class EventCategory { All, Platform, Application, Imports, Other };

struct EventFilter {
    Level minLevel = Level::None; // None = every event, with or without a level
    std::optional<std::uint32_t> function; // function id; streams of other functions hidden
    EventCategory category = EventCategory::All;
    std::string text; // case-insensitive substring of the message
    TimeMs from = kNoTime, to = kNoTime; // inclusive time range
    std::optional<std::uint32_t> request; // one invocation

    bool operator==(const EventFilter &) const = default;
};

EventCategory categoryOf(EventKind k);
// The event indices that pass `f`, ascending; on every core. With `cancel` set while it
// runs, returns early with a partial result (the caller drops it).
std::vector<std::uint32_t> filterEvents(
    const LogData &d, const EventFilter &f, const std::atomic<bool> *cancel = nullptr);

// Lazy table over the events of one file: only the visible rows touch the text.
class EventTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        LineColumn,
        TimeColumn,
        FunctionColumn,
        StreamColumn,
        RequestColumn,
        TypeColumn,
        LevelColumn,
        MessageColumn,
        ColumnCount
    };
    enum Roles { EventRole = Qt::UserRole + 1, SeverityRole /* 0 normal, 1 warning or damaged, 2 error */ };

    explicit EventTableModel(QObject *parent = nullptr);
    void setLogData(std::shared_ptr<const LogData> data);
    std::shared_ptr<const LogData> logData() const { return m_data; }
    void setFilter(const EventFilter &filter);
    // The result of filterEvents() computed elsewhere (on a worker thread).
    void setFilteredRows(const EventFilter &filter, std::vector<std::uint32_t> rows);
    const EventFilter &filter() const { return m_filter; }

    int eventAt(int row) const;
    int rowOfEvent(std::uint32_t event) const; // -1 when filtered out

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void refilter();
    void keepRows(std::vector<std::uint32_t> rows);
    std::size_t rows() const;
    std::uint32_t eventOfRow(std::size_t row) const { return m_all ? std::uint32_t(row) : m_rows[row]; }

    std::shared_ptr<const LogData> m_data;
    EventFilter m_filter;
    // Without a filter row i is event i: no list of millions of indices to build and hold.
    bool m_all = false;
    std::vector<std::uint32_t> m_rows; // with a filter: the events that pass, ascending
};

} // namespace coldscope
