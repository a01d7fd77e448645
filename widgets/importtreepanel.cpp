// SPDX-License-Identifier: MIT
#include "importtreepanel.h"

#include "format.h"
#include "qtstrings.h"
#include "style.h"
#include "tablecopy.h"
#include "tonedelegate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace coldscope {

ImportTreePanel::ImportTreePanel(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_ws(workspace)
    , m_model(new ImportTreeModel(this))
    , m_proxy(new ImportFilterProxy(this))
    , m_view(new QTreeView(this))
    , m_runs(new QComboBox(this))
    , m_filter(new QLineEdit(this))
    , m_debounce(new QTimer(this))
    , m_summary(new QLabel(this))
    , m_topSelf(new QTreeView(this))
    , m_topSelfModel(new QStandardItemModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // import order until the user sorts
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    auto *delegate = new ToneDelegate(ImportTreeModel::DimmedRole, true, m_view);
    delegate->setModuleColumn(ImportTreeModel::ModuleColumn);
    m_view->setItemDelegate(delegate);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ImportTreeModel::ModuleColumn, QHeaderView::Stretch);
    m_view->setAccessibleName(tr("Import tree"));
    installTableCopy(m_view); // Ctrl+C, Copy as Markdown / CSV
    m_topSelf->setModel(m_topSelfModel);
    m_topSelf->setRootIsDecorated(false);
    m_topSelf->setUniformRowHeights(true);
    m_topSelf->setAlternatingRowColors(true);
    m_topSelf->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_topSelf->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_topSelf->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_topSelf->setSortingEnabled(true);
    m_topSelf->header()->setStretchLastSection(false);
    m_topSelf->setAccessibleName(tr("Top modules by self time"));
    auto *topDelegate = new ToneDelegate(-1, true, m_topSelf);
    topDelegate->setModuleColumn(0);
    m_topSelf->setItemDelegate(topDelegate);
    m_topSelfModel->setSortRole(Qt::UserRole);
    installTableCopy(m_topSelf);

    m_runs->setToolTip(tr("Each importtime table in the file (one per cold start) is a run"));
    m_runs->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_filter->setPlaceholderText(tr("Filter modules (text or /regex/)"));
    m_filter->setClearButtonEnabled(true);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);

    auto *expand = new QToolButton(this);
    expand->setText(tr("Expand all"));
    auto *collapse = new QToolButton(this);
    collapse->setText(tr("Collapse"));

    expand->setProperty("coldscopeFigureHidden", true);
    collapse->setProperty("coldscopeFigureHidden", true);
    auto *bar = new QHBoxLayout;
    auto *runLabel = new QLabel(tr("Run:"), this);
    runLabel->setProperty("coldscopeFigureHidden", true);
    bar->addWidget(runLabel);
    bar->addWidget(m_runs);
    bar->addWidget(m_filter, 1);
    bar->addWidget(expand);
    bar->addWidget(collapse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_summary);
    auto *topBox = new QWidget(this);
    auto *topLayout = new QVBoxLayout(topBox);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(new QLabel(tr("<b>Top modules by self time</b>"), topBox));
    topLayout->addWidget(m_topSelf, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(topBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);

    connect(m_filter, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &ImportTreePanel::applyFilter);
    connect(m_filter, &QLineEdit::returnPressed, this, &ImportTreePanel::applyFilter);
    connect(expand, &QToolButton::clicked, m_view, &QTreeView::expandAll);
    connect(collapse, &QToolButton::clicked, m_view, &QTreeView::collapseAll);
    connect(m_runs, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0)
            m_ws->setRun(m_runs->itemData(i).toInt());
    });
    connect(m_topSelf->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &cur) {
        const QVariant node = cur.siblingAtColumn(0).data(Qt::UserRole + 1);
        if (node.isValid() && !m_showing)
            m_ws->selectNode(node.toInt());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &cur) {
        const int node = m_model->nodeOf(m_proxy->mapToSource(cur));
        if (node >= 0 && !m_showing)
            m_ws->selectNode(node);
    });
    connect(m_ws, &Workspace::loadingStarted, this, [this] {
        m_loading = true;
        updateSummary();
    });
    for (auto done : { &Workspace::compareReady, &Workspace::dataChanged })
        connect(m_ws, done, this, [this] {
            m_loading = false;
            updateSummary();
        });
    connect(m_ws, &Workspace::loadFailed, this, [this] {
        m_loading = false;
        updateSummary();
    });
    connect(m_ws, &Workspace::dataChanged, this, [this] {
        m_data = m_ws->data();
        fillRuns();
        showRun(m_ws->run());
    });
    connect(m_ws, &Workspace::functionChanged, this, [this] {
        fillRuns();
        showRun(m_ws->run());
    });
    connect(m_ws, &Workspace::runChanged, this, &ImportTreePanel::showRun);
    connect(m_ws, &Workspace::nodeChanged, this, &ImportTreePanel::showNode);
    if (m_ws->data()) { // made for a workspace already in use: show its state
        m_data = m_ws->data();
        fillRuns();
        showRun(m_ws->run());
        showNode(m_ws->node());
    }
    if (m_ws->isLoading()) { // made while a file loads (the app starts it before its window)
        m_loading = true;
        updateSummary();
    }
}

void ImportTreePanel::fillRuns()
{
    // The runs of the chosen function only (several functions may share a log group).
    const QSignalBlocker block(m_runs);
    m_runs->clear();
    if (m_data) {
        for (std::size_t r = 0; r < m_data->runs.size(); ++r) {
            const ImportRun &run = m_data->runs[r];
            const std::uint32_t fn
                = run.stream < m_data->streamFunction.size() ? m_data->streamFunction[run.stream] : 0;
            if (!m_ws->keepsFunction(fn))
                continue;
            QString label
                = tr("#%1: %2 imports, %3").arg(r + 1).arg(run.imports).arg(qs(formatUs(double(run.totalSelfUs))));
            if (fn)
                label += QStringLiteral(" · ") + qs(m_data->events.functions.view(fn));
            if (run.time != kNoTime)
                label += QStringLiteral(" @ ") + QString::fromStdString(formatTimestamp(run.time)).left(19);
            if (run.truncated)
                label += tr(" (cut)");
            m_runs->addItem(label, int(r));
        }
    }
    m_runs->setEnabled(m_runs->count() > 1);
}

void ImportTreePanel::showRun(int run)
{
    const int item = m_runs->findData(run);
    if (m_runs->currentIndex() != item) {
        const QSignalBlocker block(m_runs);
        m_runs->setCurrentIndex(item);
    }
    m_model->setRun(m_data, run);
    fillTopSelf();
    applyFilter();
    // Show the first two levels: the top-level imports and what they pulled in.
    m_view->expandToDepth(0);
}

void ImportTreePanel::fillTopSelf()
{
    const QScopedValueRollback<bool> showing(m_showing, true);
    m_topSelfModel->clear();
    m_topSelfModel->setHorizontalHeaderLabels({ tr("Module"), tr("Self"), tr("Cumulative"), tr("% of total") });
    const ImportRun *run = m_model->run();
    if (!run || !m_data)
        return;
    const double total = double(std::max<std::int64_t>(1, run->totalSelfUs));
    for (std::size_t n = 0; n < run->nodes.size(); ++n) {
        const ImportNode &node = run->nodes[n];
        if (node.placeholder || node.cached)
            continue;
        const QString name = qs(m_data->moduleName(node));
        auto *module = new QStandardItem(name);
        module->setData(name, Qt::UserRole);
        module->setData(int(n), Qt::UserRole + 1);
        module->setToolTip(name);
        auto number = [](const QString &text, double sortKey) {
            auto *item = new QStandardItem(text);
            item->setData(sortKey, Qt::UserRole);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            return item;
        };
        const double pct = 100.0 * double(node.selfUs) / total;
        m_topSelfModel->appendRow({ module, number(qs(formatUs(double(node.selfUs))), double(node.selfUs)),
            number(qs(formatUs(double(node.cumulativeUs))), double(node.cumulativeUs)),
            number(QStringLiteral("%1 %").arg(pct, 0, 'f', pct < 10 ? 1 : 0), pct) });
    }
    m_topSelf->sortByColumn(1, Qt::DescendingOrder);
    m_topSelf->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c)
        m_topSelf->resizeColumnToContents(c);
}

int ImportTreePanel::currentRun() const
{
    return m_model->runIndex();
}

void ImportTreePanel::applyFilter()
{
    m_proxy->setPattern(m_filter->text().trimmed());
    QPalette pal = m_filter->palette();
    pal.setColor(
        QPalette::Text, m_proxy->patternValid() ? palette().color(QPalette::Text) : style::invalidInput(palette()));
    m_filter->setPalette(pal);
    if (!m_proxy->pattern().isEmpty())
        m_view->expandAll();
    updateSummary();
}

QString ImportTreePanel::summaryText() const
{
    return m_summary->text();
}

void ImportTreePanel::updateSummary()
{
    const ImportRun *run = m_model->run();
    if (!run) {
        if (m_loading) {
            m_summary->setText(tr("Loading…"));
            return;
        }
        m_summary->setText(m_data ? tr("No importtime table in this file. Enable it with PYTHONPROFILEIMPORTTIME=1 "
                                       "(see Help > Capture import times).")
                                  : QString());
        return;
    }
    // One total, named the same everywhere: import time = the sum of self over the run.
    QString text = tr("%1 imports, import time %2 (sum of self; top-level cumulative %3), depth %4")
                       .arg(run->imports)
                       .arg(qs(formatUs(double(run->totalSelfUs))))
                       .arg(qs(formatUs(double(run->totalUs))))
                       .arg(run->maxDepth);
    if (run->request)
        text += tr(" — cold start of request %1").arg(qs(m_data->events.requests.view(run->request)));
    if (run->truncated)
        text += tr(" — the table ends inside an import (INIT cut short?)");
    if (run->depthFromTimes)
        text += tr(" — nesting rebuilt from times (indentation was lost)");
    m_summary->setText(text);
    m_summary->setWordWrap(true);
}

void ImportTreePanel::showNode(int node)
{
    const QModelIndex src = m_model->indexForNode(node);
    const QScopedValueRollback<bool> showing(m_showing, true);
    if (!src.isValid()) {
        m_view->selectionModel()->clearCurrentIndex();
        return;
    }
    QModelIndex idx = m_proxy->mapFromSource(src);
    if (!idx.isValid()) { // filtered out: clear the filter so the module can be shown
        m_filter->clear();
        applyFilter();
        idx = m_proxy->mapFromSource(src);
    }
    for (QModelIndex p = idx.parent(); p.isValid(); p = p.parent())
        m_view->expand(p);
    m_view->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(idx, QAbstractItemView::PositionAtCenter);
}

int ImportTreePanel::selectedNode() const
{
    return m_model->nodeOf(m_proxy->mapToSource(m_view->currentIndex()));
}

} // namespace coldscope
