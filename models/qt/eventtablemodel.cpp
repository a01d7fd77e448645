// SPDX-License-Identifier: MIT
#include "eventtablemodel.h"

#include "qtstrings.h"

#include <algorithm>
#include <cstring>
#include <thread>

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

unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

// A case-insensitive (ASCII) substring search, set up once per filter: candidate
// positions come from memchr on the needle's first byte in each case, so a message
// without that letter costs one or two memchr scans.
class NoCaseFinder
{
public:
    explicit NoCaseFinder(std::string_view needle)
    {
        m_needle.reserve(needle.size());
        for (char c : needle)
            m_needle.push_back(char(fold(static_cast<unsigned char>(c))));
        const auto first = static_cast<unsigned char>(m_needle.empty() ? 0 : m_needle[0]);
        m_first[0] = char(first);
        m_first[1] = char(first >= 'a' && first <= 'z' ? first - 'a' + 'A' : first);
    }

    bool in(std::string_view hay) const
    {
        const std::size_t n = m_needle.size();
        if (n == 0)
            return true;
        if (hay.size() < n)
            return false;
        const char *p = hay.data();
        const char *last = hay.data() + (hay.size() - n); // the last possible start
        const bool twoCases = m_first[0] != m_first[1];
        const char *lower = nullptr, *upper = nullptr; // next candidate of each case, at or after p
        bool lowerDone = false, upperDone = !twoCases; // no candidate of that case left
        for (;;) {
            if (!lowerDone && !lower) {
                lower = static_cast<const char *>(std::memchr(p, m_first[0], std::size_t(last - p + 1)));
                lowerDone = !lower;
            }
            if (!upperDone && !upper) {
                upper = static_cast<const char *>(std::memchr(p, m_first[1], std::size_t(last - p + 1)));
                upperDone = !upper;
            }
            const char *c = !upper ? lower : !lower ? upper : std::min(lower, upper);
            if (!c)
                return false;
            std::size_t k = 1;
            while (k < n && fold(static_cast<unsigned char>(c[k])) == static_cast<unsigned char>(m_needle[k]))
                ++k;
            if (k == n)
                return true;
            p = c + 1;
            if (p > last)
                return false;
            if (c == lower)
                lower = nullptr;
            if (c == upper)
                upper = nullptr;
        }
    }

private:
    std::string m_needle; // folded
    char m_first[2] = {}; // the needle's first byte, lower and upper case
};

// The events of [from, to) that pass `f`, ascending.
void filterRange(const LogData &d, const EventFilter &f, const NoCaseFinder &text, std::size_t from, std::size_t to,
    std::vector<std::uint32_t> &rows, const std::atomic<bool> *cancel)
{
    const EventStore &s = d.events;
    for (std::size_t i = from; i < to; ++i) {
        if (cancel && (i & 0xFFFF) == 0 && cancel->load(std::memory_order_relaxed))
            return;
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
        if (!f.text.empty() && !text.in(d.message(i)))
            continue;
        rows.push_back(std::uint32_t(i));
    }
}

} // namespace

std::vector<std::uint32_t> filterEvents(const LogData &d, const EventFilter &f, const std::atomic<bool> *cancel)
{
    const std::size_t n = d.events.size();
    const NoCaseFinder text(f.text);
    // Contiguous slices on every core (each keeps file order), joined in order.
    constexpr std::size_t kMinSlice = std::size_t(1) << 16;
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t slices = std::min<std::size_t>(cores, std::max<std::size_t>(1, n / kMinSlice));
    std::vector<std::vector<std::uint32_t>> parts(slices);
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < slices; ++t)
        pool.emplace_back([&, t] { filterRange(d, f, text, n * t / slices, n * (t + 1) / slices, parts[t], cancel); });
    filterRange(d, f, text, 0, n / slices, parts[0], cancel);
    for (auto &th : pool)
        th.join();
    std::size_t total = 0;
    for (const auto &p : parts)
        total += p.size();
    std::vector<std::uint32_t> rows = std::move(parts[0]);
    rows.reserve(total);
    for (std::size_t t = 1; t < slices; ++t)
        rows.insert(rows.end(), parts[t].begin(), parts[t].end());
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
    keepRows(std::move(rows));
    endResetModel();
}

void EventTableModel::refilter()
{
    keepRows(m_data && m_filter != EventFilter {} ? filterEvents(*m_data, m_filter) : std::vector<std::uint32_t> {});
}

void EventTableModel::keepRows(std::vector<std::uint32_t> rows)
{
    // The default filter passes every event (filterEvents() would list them all).
    m_all = m_data && m_filter == EventFilter {};
    m_rows = m_all ? std::vector<std::uint32_t> {} : std::move(rows);
}

std::size_t EventTableModel::rows() const
{
    return m_all ? m_data->events.size() : m_rows.size();
}

int EventTableModel::eventAt(int row) const
{
    return row >= 0 && std::size_t(row) < rows() ? int(eventOfRow(std::size_t(row))) : -1;
}

int EventTableModel::rowOfEvent(std::uint32_t event) const
{
    if (m_all)
        return event < rows() ? int(event) : -1;
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), event);
    return it != m_rows.end() && *it == event ? int(it - m_rows.begin()) : -1;
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!m_data || !index.isValid() || std::size_t(index.row()) >= rows())
        return {};
    const std::size_t e = eventOfRow(std::size_t(index.row()));
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
