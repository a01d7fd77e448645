// SPDX-License-Identifier: MIT
#include "eventspanel.h"

#include "qtstrings.h"
#include "tablecopy.h"
#include "tonedelegate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QScopedValueRollback>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace coldscope {

EventsPanel::EventsPanel(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_ws(workspace)
    , m_model(new EventTableModel(this))
    , m_view(new QTableView(this))
    , m_level(new QComboBox(this))
    , m_function(new QComboBox(this))
    , m_category(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_scope(new QLabel(this))
    , m_debounce(new QTimer(this))
{
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ToneDelegate(EventTableModel::SeverityRole, false, m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnHidden(EventTableModel::StreamColumn, true);
    m_view->setAccessibleName(tr("Events"));
    installTableCopy(m_view); // Ctrl+C, Copy as Markdown / CSV

    m_level->addItem(tr("All levels"), int(Level::None));
    m_level->addItem(tr("TRACE and above"), int(Level::Trace));
    m_level->addItem(tr("DEBUG and above"), int(Level::Debug));
    m_level->addItem(tr("INFO and above"), int(Level::Info));
    m_level->addItem(tr("WARN and above"), int(Level::Warn));
    m_level->addItem(tr("ERROR and above"), int(Level::Error));
    m_category->addItem(tr("All types"), int(EventCategory::All));
    m_category->addItem(tr("Platform (START, REPORT, INIT, platform.*)"), int(EventCategory::Platform));
    m_category->addItem(tr("Application logs"), int(EventCategory::Application));
    m_category->addItem(tr("importtime lines"), int(EventCategory::Imports));
    m_category->addItem(tr("Other output"), int(EventCategory::Other));
    m_search->setPlaceholderText(tr("Search messages"));
    m_search->setClearButtonEnabled(true);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    auto *clearScope = new QToolButton(this);
    clearScope->setText(tr("Show all"));
    clearScope->setToolTip(tr("Clear the time range and invocation filter"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_level);
    bar->addWidget(m_function);
    bar->addWidget(m_category);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_count);
    auto *scopeBar = new QHBoxLayout;
    scopeBar->addWidget(m_scope, 1);
    scopeBar->addWidget(clearScope);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addLayout(scopeBar);
    layout->addWidget(m_view, 1);

    connect(m_level, &QComboBox::currentIndexChanged, this, &EventsPanel::apply);
    connect(m_category, &QComboBox::currentIndexChanged, this, &EventsPanel::apply);
    connect(m_function, &QComboBox::currentIndexChanged, this, [this] {
        const int fn = m_function->currentData().toInt();
        m_ws->setFunction(fn > 0 ? std::optional<std::uint32_t>(std::uint32_t(fn)) : std::nullopt);
        apply();
    });
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &EventsPanel::apply);
    connect(clearScope, &QToolButton::clicked, this, [this] {
        m_request.reset();
        m_ws->setTimeRange(kNoTime, kNoTime);
        apply();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &cur) {
        const int e = m_model->eventAt(cur.row());
        if (e >= 0 && !m_showing)
            m_ws->selectEvent(e);
    });
    connect(m_ws, &Workspace::dataChanged, this, &EventsPanel::showData);
    connect(m_ws, &Workspace::timeRangeChanged, this, [this](TimeMs from, TimeMs to) {
        m_from = from;
        m_to = to;
        apply();
    });
    connect(m_ws, &Workspace::functionChanged, this, [this] {
        const std::optional<std::uint32_t> fn = m_ws->function();
        const int i = m_function->findData(fn ? int(*fn) : -1);
        if (i >= 0 && i != m_function->currentIndex()) {
            const QSignalBlocker block(m_function);
            m_function->setCurrentIndex(i);
            apply();
        }
    });
    connect(m_ws, &Workspace::eventChanged, this, [this](int e) {
        // Follow a selection made elsewhere (search results) when the row is shown.
        if (e < 0)
            return;
        catchUp();
        const int row = m_model->rowOfEvent(std::uint32_t(e));
        if (row < 0)
            return;
        const QScopedValueRollback<bool> showing(m_showing, true);
        const QModelIndex idx = m_model->index(row, EventTableModel::MessageColumn);
        m_view->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(idx);
    });
    if (m_ws->data()) { // made for a workspace already in use: show its state
        m_from = m_ws->timeRange().first;
        m_to = m_ws->timeRange().second;
        showData();
    }
}

void EventsPanel::showData()
{
    m_data = m_ws->data();
    m_from = m_ws->timeRange().first;
    m_to = m_ws->timeRange().second;
    m_request.reset();
    {
        const QSignalBlocker block(m_function);
        m_function->clear();
        m_function->addItem(tr("All functions"), -1);
        if (m_data) {
            std::vector<std::uint32_t> seen;
            for (std::uint32_t fn : m_data->streamFunction)
                if (fn && std::find(seen.begin(), seen.end(), fn) == seen.end())
                    seen.push_back(fn);
            for (std::uint32_t fn : seen) {
                const auto name = m_data->events.functions.view(fn);
                m_function->addItem(qs(name), int(fn));
            }
        }
        m_function->setVisible(m_function->count() > 2);
    }
    m_stale = true;
    if (isVisible()) {
        catchUp();
    } else if (m_model->logData()) {
        m_model->setLogData(nullptr); // the previous log is not kept for a hidden table
    }
}

void EventsPanel::showEvent(QShowEvent *event)
{
    catchUp();
    QWidget::showEvent(event);
}

void EventsPanel::catchUp()
{
    if (!m_stale)
        return;
    m_stale = false;
    m_model->setLogData(m_data);
    const bool named = m_data
        && std::any_of(m_data->streamSynthetic.begin() + (m_data->streamSynthetic.empty() ? 0 : 1),
            m_data->streamSynthetic.end(), [](std::uint8_t s) { return s == 0; });
    m_view->setColumnHidden(EventTableModel::StreamColumn, !named);
    m_view->setColumnHidden(EventTableModel::FunctionColumn, m_function->count() <= 1);
    apply();
    // Line numbers up to 7 digits fit (a size from the font, not from the rows on screen).
    const int textMargin = 2 * (m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 1);
    m_view->setColumnWidth(EventTableModel::LineColumn,
        std::max(m_view->horizontalHeader()->sectionSizeHint(EventTableModel::LineColumn),
            m_view->fontMetrics().horizontalAdvance(QStringLiteral("9999999")) + textMargin + 8));
    m_view->setColumnWidth(EventTableModel::TimeColumn,
        m_view->fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00 00:00:00.000 ~")) + 16);
    m_view->setColumnWidth(EventTableModel::RequestColumn,
        m_view->fontMetrics().horizontalAdvance(QStringLiteral("00000000-0000-0000-0000-000000000000")) + 12);
    m_view->setColumnWidth(EventTableModel::TypeColumn,
        m_view->fontMetrics().horizontalAdvance(QStringLiteral("platform.initRuntimeDone")) + 12);
}

void EventsPanel::showRequest(std::optional<std::uint32_t> request)
{
    m_request = request;
    apply();
}

bool EventsPanel::selectEvent(std::uint32_t event)
{
    catchUp();
    int row = m_model->rowOfEvent(event);
    if (row < 0) {
        // Hidden by a filter: widen to everything rather than fail silently (at once,
        // whatever the size: the caller wants the row now).
        {
            const QSignalBlocker b1(m_level), b2(m_category), b3(m_search);
            m_level->setCurrentIndex(0);
            m_category->setCurrentIndex(0);
            m_search->clear();
        }
        m_request.reset();
        m_jobs.discard(); // drop a filter still running
        m_ws->setTimeRange(kNoTime, kNoTime);
        m_from = m_to = kNoTime;
        m_model->setFilter(currentFilter());
        showCount();
        row = m_model->rowOfEvent(event);
    }
    if (row < 0)
        return false;
    const QModelIndex idx = m_model->index(row, EventTableModel::MessageColumn);
    m_view->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(idx, QAbstractItemView::PositionAtCenter);
    return true;
}

EventFilter EventsPanel::currentFilter() const
{
    EventFilter f;
    f.minLevel = Level(m_level->currentData().toInt());
    const int fn = m_function->currentData().toInt();
    if (fn > 0)
        f.function = std::uint32_t(fn);
    f.category = EventCategory(m_category->currentData().toInt());
    f.text = m_search->text().toStdString();
    f.from = m_from;
    f.to = m_to;
    f.request = m_request;
    return f;
}

void EventsPanel::apply()
{
    if (m_stale)
        return; // hidden since its log came: the filters are read when it catches up
    const EventFilter f = currentFilter();
    if (f == m_model->filter() && !m_jobs.isRunning()) {
        showCount();
        return;
    }
    if (!m_data || m_data->events.size() < m_syncLimit || f == EventFilter {}) { // no filter: nothing to run
        m_jobs.discard();
        m_model->setFilter(f);
        showCount();
        emit filtered();
        return;
    }
    // Filtering millions of events (a text search reads every message) runs on a
    // worker; the newest request wins.
    m_count->setText(tr("filtering…"));
    m_jobs.start([data = m_data, f](const std::atomic<bool> &cancel) { return filterEvents(*data, f, &cancel); },
        [this, f](std::vector<std::uint32_t> rows, bool cancelled) {
            if (cancelled)
                return;
            m_model->setFilteredRows(f, std::move(rows));
            showCount();
            emit filtered();
        });
}

bool EventsPanel::isFiltering() const
{
    return m_jobs.isRunning();
}

void EventsPanel::showCount()
{
    const qsizetype total = m_data ? qsizetype(m_data->events.size()) : 0;
    m_count->setText(tr("%1 of %2").arg(QLocale().toString(m_model->rowCount())).arg(QLocale().toString(total)));
    QStringList scope;
    if (m_from != kNoTime || m_to != kNoTime)
        scope << tr("time %1 – %2")
                     .arg(QString::fromStdString(formatTimestamp(m_from)),
                         QString::fromStdString(formatTimestamp(m_to)));
    if (m_request && m_data)
        scope << tr("request %1").arg(qs(m_data->events.requests.view(*m_request)));
    m_scope->setText(scope.isEmpty() ? tr("All events") : tr("Showing only: %1").arg(scope.join(QStringLiteral(", "))));
}

} // namespace coldscope
