// SPDX-License-Identifier: MIT
#include "eventtablemodel.h"

#include "qtstrings.h"

#include <algorithm>
#include <cctype>

namespace coldscope {

EventCategory categoryOf(EventKind k)
{
    switch (k) {
    case EventKind::ImportHeader:
    case EventKind::ImportLine:
        return EventCategory::Imports;
    case EventKind::AppLog:
    case EventKind::AppJson:
        return EventCategory::Application;
    case EventKind::Text:
    case EventKind::QueryRow:
        return EventCategory::Other;
    default:
        return EventCategory::Platform;
    }
}

namespace {
bool containsNoCase(std::string_view hay, std::string_view needle)
{
    if (needle.empty())
        return true;
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != hay.end();
}
} // namespace

std::vector<std::uint32_t> filterEvents(const LogData &d, const EventFilter &f)
{
    const EventStore &s = d.events;
    std::vector<std::uint32_t> rows;
    rows.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (f.minLevel != Level::None && s.level[i] < f.minLevel)
            continue;
        if (f.function && (s.stream[i] >= d.streamFunction.size() || d.streamFunction[s.stream[i]] != *f.function))
            continue;
        if (f.category != EventCategory::All && categoryOf(s.kind[i]) != f.category)
            continue;
        if (f.request && s.request[i] != *f.request)
            continue;
        if (f.from != kNoTime && (s.time[i] == kNoTime || s.time[i] < f.from))
            continue;
        if (f.to != kNoTime && (s.time[i] == kNoTime || s.time[i] > f.to))
            continue;
        if (!f.text.empty() && !containsNoCase(d.message(i), f.text))
            continue;
        rows.push_back(std::uint32_t(i));
    }
    return rows;
}

EventTableModel::EventTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void EventTableModel::setLogData(std::shared_ptr<const LogData> data)
{
    beginResetModel();
    m_data = std::move(data);
    m_filter = {};
    refilter();
    endResetModel();
}

void EventTableModel::setFilter(const EventFilter &filter)
{
    if (filter == m_filter)
        return;
    beginResetModel();
    m_filter = filter;
    refilter();
    endResetModel();
}

void EventTableModel::setFilteredRows(const EventFilter &filter, std::vector<std::uint32_t> rows)
{
    beginResetModel();
    m_filter = filter;
    m_rows = std::move(rows);
    endResetModel();
}

void EventTableModel::refilter()
{
    m_rows.clear();
    if (m_data)
        m_rows = filterEvents(*m_data, m_filter);
}

int EventTableModel::eventAt(int row) const
{
    return row >= 0 && std::size_t(row) < m_rows.size() ? int(m_rows[std::size_t(row)]) : -1;
}

int EventTableModel::rowOfEvent(std::uint32_t event) const
{
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), event);
    return it != m_rows.end() && *it == event ? int(it - m_rows.begin()) : -1;
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!m_data || !index.isValid() || std::size_t(index.row()) >= m_rows.size())
        return {};
    const std::size_t e = m_rows[std::size_t(index.row())];
    const EventStore &s = m_data->events;
    const auto sv = qs;
    if (role == EventRole)
        return int(e);
    if (role == SeverityRole) {
        if (s.level[e] >= Level::Error)
            return 2;
        if (s.level[e] == Level::Warn || (s.flags[e] & EventFlag::Damaged))
            return 1;
        return 0;
    }
    if (role == Qt::ToolTipRole && index.column() == MessageColumn) {
        std::string_view m = m_data->message(e);
        if (m.size() > 4000)
            m = m.substr(0, 4000);
        return sv(m);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case LineColumn:
        return s.line[e];
    case TimeColumn: {
        QString t = QString::fromStdString(formatTimestamp(s.time[e]));
        if (!t.isEmpty() && (s.flags[e] & EventFlag::TimeEstimated))
            t += QStringLiteral(" ~");
        return t;
    }
    case FunctionColumn:
        return sv(m_data->functionOfStream(s.stream[e]));
    case StreamColumn:
        return sv(m_data->streamName(s.stream[e]));
    case RequestColumn:
        return sv(s.requests.view(s.request[e]));
    case TypeColumn:
        return sv(kindName(s.kind[e]));
    case LevelColumn:
        return sv(levelName(s.level[e]));
    case MessageColumn: {
        // Only the first line, and not all of a 256 KB event: list views must stay fast.
        std::string_view m = firstLine(m_data->message(e));
        if (m.size() > 500)
            m = m.substr(0, 500);
        QString text = sv(m);
        text.replace(QLatin1Char('\t'), QLatin1String("  "));
        if (s.flags[e] & EventFlag::MultiLine)
            text += QStringLiteral("  …");
        return text;
    }
    }
    return {};
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LineColumn:
        return tr("Line");
    case TimeColumn:
        return tr("Time (UTC)");
    case FunctionColumn:
        return tr("Function");
    case StreamColumn:
        return tr("Log stream");
    case RequestColumn:
        return tr("Request id");
    case TypeColumn:
        return tr("Type");
    case LevelColumn:
        return tr("Level");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

} // namespace coldscope
