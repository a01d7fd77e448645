// SPDX-License-Identifier: MIT
#include "searchpanel.h"

#include "cloudjob.h"
#include "cloudtarget.h"
#include "jsontext.h"
#include "plotstyle.h"
#include "qtstrings.h"
#include "queryeditor.h"
#include "queryformat.h"
#include "queryjob.h"
#include "queryresultmodel.h"
#include "style.h"
#include "tablecopy.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QDesktopServices>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace coldscope {

namespace {
constexpr int kHistoryMax = 50;
const char *kHistoryKey = "query/history";
const char *kSavedKey = "query/saved";

QToolButton *button(QWidget *parent, const QString &text, const QString &tip)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}
} // namespace

SearchPanel::SearchPanel(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_ws(workspace)
    , m_editor(new QueryEditor(this))
    , m_job(new QueryJob(this))
    , m_model(new QueryResultModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_histogram(new QCustomPlot(this))
    , m_chart(new QCustomPlot(this))
    , m_details(new QTextBrowser(this))
    , m_status(new QLabel(this))
    , m_error(new QLabel(this))
    , m_range(new QLabel(this))
    , m_run(button(this, tr("Run"), tr("Run the query (Ctrl+Enter)")))
    , m_stop(button(this, tr("Cancel"), tr("Stop the running query")))
    , m_busy(new QProgressBar(this))
    , m_historyMenu(new QMenu(tr("History"), this))
    , m_savedMenu(new QMenu(tr("Saved"), this))
    , m_lambdaMenu(new QMenu(tr("Lambda queries"), this))
    , m_pinnedMenu(new QMenu(tr("Pinned"), this))
    , m_cloudJob(new CloudJob(this))
    , m_cloudGroups(new QLineEdit(this))
    , m_cloudProfile(new QComboBox(this))
    , m_cloudRegion(new QComboBox(this))
    , m_cloudStart(new QLineEdit(QStringLiteral("-1h"), this))
    , m_cloudEnd(new QLineEdit(QStringLiteral("now"), this))
    , m_cloudRun(button(this, tr("Run in CloudWatch"),
          tr("Run the query in CloudWatch Logs Insights through your AWS CLI (cloud-only commands such as pattern, "
             "diff and SOURCE run there; Ctrl+Shift+Enter)")))
{
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(QueryResultModel::SortRole);
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Query results"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: %1").arg(style::invalidInput(palette()).name()));
    m_error->hide();
    m_stop->setEnabled(false);
    m_busy->setRange(0, 0); // busy indicator while a query runs
    m_busy->setMaximumWidth(160);
    m_busy->hide();
    m_editor->setMinimumHeight(m_editor->fontMetrics().height() * 4);
    m_details->setOpenLinks(false);

    for (QCustomPlot *p : { m_histogram, m_chart }) {
        p->xAxis->setTicker(timeTicker()); // never one label twice
        p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
        p->axisRect()->setRangeDrag(Qt::Horizontal);
        p->axisRect()->setRangeZoom(Qt::Horizontal);
        p->setMinimumHeight(110);
    }
    m_histogram->yAxis->setLabel(tr("events"));
    m_histogram->setAccessibleName(tr("Matching events over time"));
    m_chart->setAccessibleName(tr("Stats by bin()"));
    legendAbove(m_chart); // a row above the plot: it never covers the data
    m_chart->hide();

    auto *queries = button(this, tr("Queries ▾"), tr("Built-in Lambda queries, history and saved queries"));
    auto *menu = new QMenu(queries);
    menu->addMenu(m_lambdaMenu);
    menu->addMenu(m_historyMenu);
    menu->addMenu(m_savedMenu);
    menu->addMenu(m_pinnedMenu);
    menu->addAction(tr("Save this query…"), this, [this] {
        bool ok = false;
        const QString name
            = QInputDialog::getText(this, tr("Save query"), tr("Name:"), QLineEdit::Normal, QString(), &ok);
        if (!ok || name.trimmed().isEmpty())
            return;
        QSettings s;
        QVariantMap saved = s.value(QLatin1String(kSavedKey)).toMap();
        saved.insert(name.trimmed(), query());
        s.setValue(QLatin1String(kSavedKey), saved);
        rebuildSavedMenu();
    });
    queries->setMenu(menu);
    queries->setPopupMode(QToolButton::InstantPopup);
    auto *pin
        = button(this, tr("Pin"), tr("Pin this query: it goes into the report, the session and presentation mode"));
    connect(pin, &QToolButton::clicked, this, [this] { pinQuery(query()); });
    auto *copy = button(
        this, tr("Copy for CloudWatch"), tr("Put the query on the clipboard, ready for the Logs Insights console"));
    auto *open = button(
        this, tr("Open in CloudWatch"), tr("Open this query in the CloudWatch console for a region and log group"));
    auto *exportMd = button(this, tr("Copy results as Markdown"), tr("The results as the console's Markdown export"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_run);
    bar->addWidget(m_stop);
    bar->addWidget(m_busy);
    bar->addWidget(queries);
    bar->addWidget(pin);
    bar->addWidget(copy);
    bar->addWidget(open);
    bar->addWidget(exportMd);
    bar->addStretch(1);
    // The range note sits on the status line (below the editor) and wraps: the button
    // row fits a narrow window (a scaled screen, a 1000 px render, presentation mode's
    // large text) instead of widening it.
    auto *statusRow = new QHBoxLayout;
    m_range->setWordWrap(true);
    m_range->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_range->setMinimumWidth(m_range->fontMetrics().horizontalAdvance(QStringLiteral("Time range: whole file")));
    // A time range set earlier (on the timeline) limits every search; one click lifts it.
    m_clearRange
        = button(this, tr("Clear time range"), tr("Search the whole file: clear the time range and run again"));
    m_status->setWordWrap(true);
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_range, 1);
    statusRow->addWidget(m_clearRange);
    connect(m_clearRange, &QToolButton::clicked, this, [this] {
        m_ws->setTimeRange(kNoTime, kNoTime);
        if (!query().trimmed().isEmpty() && !isRunning())
            runQuery();
    });
    // CloudWatch: where the query runs when it runs there.
    cloudui::fillProfiles(m_cloudProfile);
    cloudui::fillRegions(m_cloudRegion);
    m_cloudGroups->setPlaceholderText(tr("log group(s): /aws/lambda/my-function, …"));
    m_cloudGroups->setToolTip(tr("Log groups to query (up to 50), separated by commas"));
    m_cloudCompleter = cloudui::logGroupCompleter(m_cloudGroups, m_cloudProfile->currentText());
    const QStringList known = cloudui::rememberedLogGroups(m_cloudProfile->currentText());
    const QString lastGroups = QSettings().value(QStringLiteral("cloudwatch/queryLogGroups")).toString();
    m_cloudGroups->setText(!lastGroups.isEmpty() ? lastGroups : known.value(0));
    for (QLineEdit *e : { m_cloudStart, m_cloudEnd }) {
        e->setToolTip(tr("ISO 8601, or relative to now: -30m, -3h, -2d, -1w (a range dragged on the timeline "
                         "fills both)"));
        e->setMaximumWidth(e->fontMetrics().horizontalAdvance(QStringLiteral("2024-06-01T00:00:00.000Z")) + 16);
        e->setMinimumWidth(e->fontMetrics().horizontalAdvance(QStringLiteral("-30m")) + 16);
    }
    // Narrow minimums: the row fits a small (or scaled) screen and grows with the window.
    m_cloudGroups->setMinimumWidth(m_cloudGroups->fontMetrics().horizontalAdvance(QStringLiteral("/aws/lambda")));
    for (QComboBox *c : { m_cloudProfile, m_cloudRegion }) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(6);
    }
    auto *listGroups = button(this, tr("List"), tr("List the log groups (aws logs describe-log-groups)"));
    auto *cloudBar = new QHBoxLayout;
    cloudBar->addWidget(new QLabel(tr("CloudWatch:"), this));
    cloudBar->addWidget(m_cloudGroups, 3);
    cloudBar->addWidget(listGroups);
    cloudBar->addWidget(m_cloudProfile, 1);
    cloudBar->addWidget(m_cloudRegion, 1);
    cloudBar->addWidget(m_cloudStart, 1);
    cloudBar->addWidget(new QLabel(QStringLiteral("–"), this));
    cloudBar->addWidget(m_cloudEnd, 1);
    cloudBar->addWidget(m_cloudRun);
    connect(m_cloudRun, &QToolButton::clicked, this, &SearchPanel::runInCloudWatch);
    auto *cloudShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return), this);
    cloudShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(cloudShortcut, &QShortcut::activated, this, &SearchPanel::runInCloudWatch);
    connect(m_cloudProfile, &QComboBox::currentTextChanged, this, [this](const QString &p) {
        cloudui::setCompletions(m_cloudCompleter, cloudui::rememberedLogGroups(p.trimmed()));
    });
    connect(listGroups, &QToolButton::clicked, this, [this] {
        m_status->setText(tr("Listing log groups…"));
        const QStringList typed = cloudui::splitLogGroups(m_cloudGroups->text());
        m_cloudJob->listLogGroups(
            cloudui::target(m_cloudProfile, m_cloudRegion), typed.size() == 1 ? typed.first() : QString());
    });
    connect(m_cloudJob, &CloudJob::logGroupsListed, this, [this](const QStringList &names, const QString &error) {
        if (!error.isEmpty()) {
            m_error->setText(error);
            m_error->show();
            m_status->clear();
            return;
        }
        const QString profile = m_cloudProfile->currentText().trimmed();
        cloudui::rememberLogGroups(profile, names);
        cloudui::setCompletions(m_cloudCompleter, cloudui::rememberedLogGroups(profile));
        m_status->setText(tr("%n log group(s) found.", nullptr, int(names.size())));
        m_cloudCompleter->complete();
    });
    connect(m_cloudJob, &CloudJob::queryProgress, this,
        [this](const QString &id, const QString &status, double matched, double scanned, double bytes) {
            m_status->setText(
                tr("CloudWatch query %1: %2 · %3 of %4 records matched · %5 scanned")
                    .arg(id, status, QLocale().toString(qulonglong(matched)), QLocale().toString(qulonglong(scanned)),
                        QLocale().formattedDataSize(qint64(bytes))));
        });
    connect(m_cloudJob, &CloudJob::queryFinished, this, [this](std::shared_ptr<const query::Result> r, double bytes) {
        m_cloudBytes = bytes;
        onFinished(r);
        m_status->setText(
            tr("%1 rows · %2 of %3 records matched · %4 scanned in CloudWatch")
                .arg(QLocale().toString(qulonglong(r->rows.size())), QLocale().toString(qulonglong(r->recordsMatched)),
                    QLocale().toString(qulonglong(r->recordsScanned)), QLocale().formattedDataSize(qint64(bytes))));
    });
    connect(m_cloudJob, &CloudJob::queryFailed, this, [this](const QString &message, bool cancelled) {
        if (cancelled && m_job->isRunning())
            return; // replaced by a local query
        onFailed(0, message, cancelled);
    });

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(bar);
    topLayout->addLayout(cloudBar);
    topLayout->addWidget(m_editor, 1);
    topLayout->addWidget(m_error);
    topLayout->addLayout(statusRow);

    auto *plots = new QSplitter(Qt::Horizontal, this);
    plots->addWidget(m_histogram);
    plots->addWidget(m_chart);
    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_table);
    bottom->addWidget(m_details);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(plots);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 4);
    split->setSizes({ 140, 230, 500 });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_editor, &QueryEditor::runRequested, this, qOverload<>(&SearchPanel::runQuery));
    connect(m_run, &QToolButton::clicked, this, qOverload<>(&SearchPanel::runQuery));
    connect(m_stop, &QToolButton::clicked, this, &SearchPanel::cancel);
    connect(copy, &QToolButton::clicked, this, &SearchPanel::copyForCloudWatch);
    connect(open, &QToolButton::clicked, this, &SearchPanel::openInCloudWatch);
    connect(exportMd, &QToolButton::clicked, this, [this] {
        if (!m_model->result())
            return;
        query::ExportContext ctx;
        for (const auto &s : m_sources)
            ctx.logGroups += (ctx.logGroups.empty() ? "" : ", ") + s.logName;
        ctx.query = query().toStdString();
        QApplication::clipboard()->setText(QString::fromStdString(query::formatMarkdown(*m_model->result(), ctx)));
    });
    connect(m_job, &QueryJob::finished, this, &SearchPanel::onFinished);
    connect(m_job, &QueryJob::failed, this, [this](int column, const QString &message, bool cancelled) {
        if (cancelled && m_cloudJob->isRunning())
            return; // replaced by a query in CloudWatch
        onFailed(column, message, cancelled);
    });
    installTableCopy(m_table); // Ctrl+C, Copy as Markdown / CSV
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &cur) { showRow(m_sorted->mapToSource(cur).row()); });
    followPalette(m_histogram);
    followPalette(m_chart);
    loadLambdaQueries();
    rebuildHistoryMenu();
    rebuildSavedMenu();
    rebuildPinnedMenu();
    setTimeRange(kNoTime, kNoTime);
    connect(m_ws, &Workspace::pinnedQueriesChanged, this, &SearchPanel::rebuildPinnedMenu);
    connect(m_ws, &Workspace::timeRangeChanged, this, &SearchPanel::setTimeRange);
    connect(m_ws, &Workspace::queryRequested, this, qOverload<const QString &>(&SearchPanel::runQuery));
    connect(m_ws, &Workspace::queryChanged, this, [this](const QString &text) {
        if (text != query())
            setQuery(text);
    });
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] { m_ws->setQuery(query()); });
    connect(m_ws, &Workspace::dataChanged, this, &SearchPanel::showData);
    if (m_ws->data()) { // made for a workspace already in use: show its state
        showData();
        setTimeRange(m_ws->timeRange().first, m_ws->timeRange().second);
        setQuery(m_ws->query());
    }
}

void SearchPanel::showData()
{
    const auto data = m_ws->data();
    // Nothing of the file before stays: its error, the mark in the editor, its chart.
    m_error->hide();
    m_editor->markError(0);
    m_chart->clearPlottables();
    m_chart->hide();
    m_chart->replot();
    m_histogram->clearPlottables();
    m_histogram->replot();
    if (!data) {
        setSources({});
        return;
    }
    setSources({ { data, QFileInfo(qs(data->path)).fileName().toStdString() } });
    if (!data->queryResults.columns.empty())
        showImported(*data); // a Logs Insights result export: shown as results
}

void SearchPanel::pinQuery(const QString &text)
{
    m_ws->pinQuery(text);
}

QStringList SearchPanel::pinnedQueries() const
{
    return m_ws->pinnedQueries();
}

void SearchPanel::rebuildPinnedMenu()
{
    m_pinnedMenu->clear();
    const QStringList pinned = m_ws->pinnedQueries();
    for (const QString &q : pinned) {
        QString label = q.simplified();
        if (label.size() > 90)
            label = label.left(88) + QStringLiteral("…");
        QMenu *item = m_pinnedMenu->addMenu(label);
        item->addAction(tr("Open"), this, [this, q] { setQuery(q); });
        item->addAction(tr("Unpin"), this, [this, q] {
            QStringList left = m_ws->pinnedQueries();
            left.removeAll(q);
            m_ws->setPinnedQueries(left);
        });
    }
    m_pinnedMenu->setEnabled(!pinned.isEmpty());
}

SearchPanel::~SearchPanel() = default;

void SearchPanel::setSources(std::vector<query::Source> sources)
{
    m_job->cancel();
    m_sources = std::move(sources);
    m_editor->setFields({});
    m_fieldsJob.start([sources = m_sources](const std::atomic<bool> &) { return query::discoverFields(sources); },
        [this](std::vector<std::string> found, bool cancelled) {
            if (cancelled)
                return;
            QStringList fields;
            for (const auto &f : found)
                fields << QString::fromStdString(f);
            m_editor->setFields(fields);
        });
    m_model->setResult(nullptr);
    m_details->clear();
    m_status->setText(m_sources.empty()
            ? tr("No file open.")
            : tr("Ready: %n file(s). Ctrl+Enter runs the query.", nullptr, int(m_sources.size())));
}

void SearchPanel::setTimeRange(TimeMs from, TimeMs to)
{
    m_from = from;
    m_to = to;
    m_clearRange->setVisible(from != kNoTime && to != kNoTime);
    if (from == kNoTime || to == kNoTime)
        m_range->setText(tr("Time range: whole file (drag on the timeline's time axis to narrow it)"));
    else {
        m_range->setText(
            tr("Time range: %1 – %2 UTC")
                .arg(QString::fromStdString(formatTimestamp(from)), QString::fromStdString(formatTimestamp(to))));
        m_cloudStart->setText(QString::fromStdString(formatIsoTimestamp(from)));
        m_cloudEnd->setText(QString::fromStdString(formatIsoTimestamp(to)));
    }
}

void SearchPanel::setQuery(const QString &text)
{
    m_editor->setPlainText(text);
    m_editor->markError(0);
    m_error->hide();
}

QString SearchPanel::query() const
{
    return m_editor->toPlainText();
}

bool SearchPanel::isRunning() const
{
    return m_job->isRunning() || m_cloudJob->isRunning();
}

void SearchPanel::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_cloudRun->setEnabled(!running);
    m_stop->setEnabled(running);
    m_busy->setVisible(running);
}

void SearchPanel::runInCloudWatch()
{
    const QString text = query().trimmed();
    if (text.isEmpty())
        return;
    const QStringList groups = cloudui::splitLogGroups(m_cloudGroups->text());
    const TimeMs now = cloud::nowMs();
    const auto start = cloud::parseTime(m_cloudStart->text().trimmed().toStdString(), now);
    const auto end = cloud::parseTime(
        m_cloudEnd->text().trimmed().isEmpty() ? std::string("now") : m_cloudEnd->text().trimmed().toStdString(), now);
    QString problem;
    if (groups.isEmpty())
        problem = tr("Name the log group(s) to query in CloudWatch.");
    else if (groups.size() > 50)
        problem = tr("CloudWatch Logs Insights queries at most 50 log groups at once.");
    else if (!start || !end)
        problem = tr("CloudWatch start and end: ISO 8601 (2024-06-01T00:00:00Z) or relative to now (-30m, -3h, -2d).");
    else if (*start > *end)
        problem = tr("The CloudWatch start is after the end.");
    if (!problem.isEmpty()) {
        m_error->setText(problem);
        m_error->show();
        return;
    }
    m_job->cancel();
    m_lastQuery = text;
    m_editor->markError(0);
    m_error->hide();
    cloud::QueryRequest req;
    req.target = cloudui::target(m_cloudProfile, m_cloudRegion);
    req.logGroups.reserve(std::size_t(groups.size()));
    for (const QString &g : groups)
        req.logGroups.push_back(g.toStdString());
    req.start = *start;
    req.end = *end;
    req.queryString = text.toStdString();
    cloudui::rememberLogGroups(m_cloudProfile->currentText().trimmed(), groups);
    QSettings().setValue(QStringLiteral("cloudwatch/queryLogGroups"), groups.join(QStringLiteral(", ")));
    m_status->setText(tr("Starting the query in CloudWatch…"));
    setRunning(true);
    m_cloudJob->runQuery(std::move(req));
}

void SearchPanel::runQuery(const QString &text)
{
    setQuery(text);
    runQuery();
}

void SearchPanel::runQuery()
{
    const QString text = query().trimmed();
    if (text.isEmpty())
        return;
    m_lastQuery = text;
    m_editor->markError(0);
    m_error->hide();
    m_status->setText(tr("Running…"));
    m_cloudJob->cancel();
    setRunning(true);
    query::Options o;
    o.start = m_from;
    o.end = m_to;
    m_job->run(text, m_sources, o);
}

void SearchPanel::cancel()
{
    m_job->cancel();
    m_cloudJob->cancel();
}

void SearchPanel::onFinished(std::shared_ptr<const query::Result> r)
{
    setRunning(false);
    m_model->setResult(r);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the query's own order
    m_table->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 420));
    m_status->setText(
        tr("%1 rows · %2 of %3 records matched · %4 ms")
            .arg(QLocale().toString(qulonglong(r->rows.size())), QLocale().toString(qulonglong(r->recordsMatched)),
                QLocale().toString(qulonglong(r->recordsScanned)))
            .arg(r->elapsedMs, 0, 'f', 1)
        + (m_from != kNoTime && m_to != kNoTime
                ? tr(" · only %1 – %2 UTC, the time range set earlier (Clear time range searches the whole file)")
                      .arg(QString::fromStdString(formatTimestamp(m_from)),
                          QString::fromStdString(formatTimestamp(m_to)))
                : QString()));
    drawHistogram(*r);
    drawChart(*r);
    addToHistory(m_lastQuery);
    m_ws->setQueryOutcome(r, {});
    emit queryFinished();
}

void SearchPanel::onFailed(int column, const QString &message, bool cancelled)
{
    setRunning(false);
    if (cancelled) {
        m_status->setText(message.startsWith(QLatin1String("Cancelled")) ? message : tr("Cancelled."));
        m_ws->setQueryOutcome(nullptr, message);
        emit queryFailed(message);
        return;
    }
    m_editor->markError(column);
    m_error->setText(column > 0 ? tr("Column %1: %2").arg(column).arg(message) : message);
    m_error->show();
    m_status->clear();
    m_ws->setQueryOutcome(nullptr, message);
    emit queryFailed(message);
}

void SearchPanel::showRow(int row)
{
    const auto r = m_model->result();
    if (!r || row < 0 || std::size_t(row) >= r->rows.size()) {
        m_details->clear();
        return;
    }
    const auto &origin = r->origins[std::size_t(row)];
    QString html;
    if (origin.source >= 0 && std::size_t(origin.source) < m_sources.size()) {
        const auto &src = m_sources[std::size_t(origin.source)];
        const auto fields = query::eventFields(*src.data, std::size_t(origin.event), src.logName);
        html = QStringLiteral("<table>");
        for (const auto &[name, value] : fields) {
            if (name == "@message")
                continue;
            html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                        .arg(QString::fromStdString(name).toHtmlEscaped(),
                            QString::fromStdString(value.toString()).toHtmlEscaped());
        }
        const std::string_view msg = src.data->message(std::size_t(origin.event));
        const std::string_view t = trim(msg);
        html += QStringLiteral("</table><hr/><pre style='white-space:pre-wrap'>%1</pre>")
                    .arg(((!t.empty() && t.front() == '{') ? qs(prettyJson(t)) : qs(msg)).toHtmlEscaped());
        if (src.data == m_ws->data())
            m_ws->selectEvent(int(origin.event));
    } else {
        html = QStringLiteral("<table>");
        for (std::size_t c = 0; c < r->columns.size(); ++c)
            html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                        .arg(QString::fromStdString(r->columns[c]).toHtmlEscaped(),
                            QString::fromStdString(r->rows[std::size_t(row)][c].toString()).toHtmlEscaped());
        html += QStringLiteral("</table>");
    }
    m_details->setHtml(html);
}

void SearchPanel::drawHistogram(const query::Result &r)
{
    m_histogram->clearPlottables();
    if (r.histogram.empty()) {
        m_histogram->replot();
        return;
    }
    auto *bars = new QCPBars(m_histogram->xAxis, m_histogram->yAxis);
    bars->setWidth(r.histogramBinMs / 1000.0);
    bars->setBrush(style::series(0));
    bars->setPen(Qt::NoPen);
    QVector<double> keys, values;
    for (std::size_t b = 0; b < r.histogram.size(); ++b) {
        keys << (double(r.histogramStart) + (double(b) + 0.5) * r.histogramBinMs) / 1000.0;
        values << double(r.histogram[b]);
    }
    bars->setData(keys, values, true);
    m_histogram->rescaleAxes();
    m_histogram->yAxis->setRangeLower(0);
    m_histogram->replot();
}

void SearchPanel::drawChart(const query::Result &r)
{
    m_chart->clearGraphs();
    if (!r.stats || r.binColumn < 0 || r.rows.empty()) {
        m_chart->hide();
        return;
    }
    int n = 0;
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
        if (int(c) == r.binColumn)
            continue;
        QVector<double> keys, values;
        bool numeric = false;
        for (const auto &row : r.rows) {
            const double v = row[c].toNumber();
            if (std::isnan(v) || row[std::size_t(r.binColumn)].isNull())
                continue;
            numeric = true;
            keys << row[std::size_t(r.binColumn)].num / 1000.0;
            values << v;
        }
        if (!numeric)
            continue;
        QCPGraph *g = m_chart->addGraph();
        g->setName(QString::fromStdString(r.columns[c]));
        // A point per bin while the bins are few enough to see; thousands of bins are a
        // thin line (adaptive sampling keeps the extremes of each pixel column).
        const bool dense = keys.size() > std::max(60, m_chart->width() / 8);
        g->setPen(QPen(style::series(n++), dense ? 1 : 2));
        g->setScatterStyle(
            dense ? QCPScatterStyle(QCPScatterStyle::ssNone) : QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        g->setAdaptiveSampling(true);
        g->setData(keys, values);
    }
    m_chart->setVisible(m_chart->graphCount() > 0);
    m_chart->rescaleAxes();
    m_chart->replot();
}

void SearchPanel::showImported(const LogData &data)
{
    m_model->setTable(data.queryResults.columns, data.queryResults.rows);
    m_table->resizeColumnsToContents();
    m_status->setText(tr("Imported %1 result rows from %2").arg(data.queryResults.rows.size()).arg(qs(data.path)));
    m_histogram->clearPlottables();
    m_histogram->replot();
    drawChart(*m_model->result());
}

QStringList SearchPanel::history() const
{
    return QSettings().value(QLatin1String(kHistoryKey)).toStringList();
}

void SearchPanel::addToHistory(const QString &text)
{
    QStringList h = history();
    h.removeAll(text);
    h.prepend(text);
    while (h.size() > kHistoryMax)
        h.removeLast();
    QSettings().setValue(QLatin1String(kHistoryKey), h);
    rebuildHistoryMenu();
}

void SearchPanel::rebuildHistoryMenu()
{
    m_historyMenu->clear();
    for (const QString &q : history()) {
        QString label = q.simplified();
        if (label.size() > 90)
            label = label.left(88) + QStringLiteral("…");
        m_historyMenu->addAction(label, this, [this, q] { setQuery(q); });
    }
    m_historyMenu->setEnabled(!m_historyMenu->isEmpty());
}

void SearchPanel::rebuildSavedMenu()
{
    m_savedMenu->clear();
    const QVariantMap saved = QSettings().value(QLatin1String(kSavedKey)).toMap();
    for (auto it = saved.begin(); it != saved.end(); ++it) {
        const QString q = it.value().toString();
        m_savedMenu->addAction(it.key(), this, [this, q] { setQuery(q); });
    }
    m_savedMenu->setEnabled(!m_savedMenu->isEmpty());
}

void SearchPanel::loadLambdaQueries()
{
    QFile f(QStringLiteral(":/queries/lambda-queries.json"));
    if (!f.open(QIODevice::ReadOnly))
        return;
    const QJsonArray all = QJsonDocument::fromJson(f.readAll()).array();
    for (const auto &item : all) {
        const QJsonObject o = item.toObject();
        const QString q = o.value(QStringLiteral("query")).toString();
        QAction *a
            = m_lambdaMenu->addAction(o.value(QStringLiteral("title")).toString(), this, [this, q] { setQuery(q); });
        a->setToolTip(o.value(QStringLiteral("source")).toString());
        a->setData(q);
    }
}

QString SearchPanel::importQueryFor(const QString &module)
{
    QString escaped = QRegularExpression::escape(module);
    return QStringLiteral("fields @timestamp, @logStream, @message\n| filter @message like /^import time: .*\\| +%1$/\n"
                          "| sort @timestamp desc")
        .arg(escaped);
}

void SearchPanel::copyForCloudWatch()
{
    QApplication::clipboard()->setText(query());
}

void SearchPanel::setCloudWatchTarget(const QString &region, const QString &logGroup)
{
    QSettings s;
    s.setValue(QStringLiteral("cloudwatch/region"), region);
    s.setValue(QStringLiteral("cloudwatch/logGroup"), logGroup);
}

QString SearchPanel::consoleUrl() const
{
    QSettings s;
    const QString region = s.value(QStringLiteral("cloudwatch/region")).toString();
    const QString group = s.value(QStringLiteral("cloudwatch/logGroup")).toString();
    if (region.isEmpty() || group.isEmpty())
        return {};
    return QString::fromStdString(
        query::cloudWatchConsoleUrl(region.toStdString(), group.toStdString(), query().toStdString(), m_from, m_to));
}

void SearchPanel::openInCloudWatch()
{
    if (consoleUrl().isEmpty()) {
        QSettings s;
        bool ok = false;
        const QString region
            = QInputDialog::getText(this, tr("Open in CloudWatch"), tr("AWS region:"), QLineEdit::Normal,
                s.value(QStringLiteral("cloudwatch/region"), QStringLiteral("us-east-1")).toString(), &ok);
        if (!ok || region.trimmed().isEmpty())
            return;
        const QString group = QInputDialog::getText(this, tr("Open in CloudWatch"), tr("Log group:"), QLineEdit::Normal,
            s.value(QStringLiteral("cloudwatch/logGroup"), QStringLiteral("/aws/lambda/")).toString(), &ok);
        if (!ok || group.trimmed().isEmpty())
            return;
        setCloudWatchTarget(region.trimmed(), group.trimmed());
    }
    QDesktopServices::openUrl(QUrl(consoleUrl(), QUrl::TolerantMode));
}

} // namespace coldscope
