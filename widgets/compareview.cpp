// SPDX-License-Identifier: MIT
#include "compareview.h"

#include "difftreemodel.h"
#include "format.h"
#include "iciclepanel.h"
#include "importtreemodel.h"
#include "plotstyle.h"
#include "qtstrings.h"
#include "style.h"
#include "summary.h"
#include "tablecopy.h"
#include "tonedelegate.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace coldscope {

DropZone::DropZone(const QString &side, QWidget *parent)
    : QLabel(parent)
    , m_side(side)
{
    setAcceptDrops(true);
    setAlignment(Qt::AlignCenter);
    setFrameShape(QFrame::StyledPanel);
    setMinimumHeight(fontMetrics().height() * 2 + 12);
    setProperty("coldscopeFigureHidden", true); // a figure names its files in its title band
    setFile({});
}

void DropZone::setFile(const QString &path)
{
    setText(path.isEmpty() ? tr("Drop build %1's log here").arg(m_side)
                           : tr("<b>%1</b>: %2").arg(m_side, QFileInfo(path).fileName().toHtmlEscaped()));
    setToolTip(path);
}

void DropZone::dragEnterEvent(QDragEnterEvent *e)
{
    if (e->mimeData()->hasUrls() && !e->mimeData()->urls().isEmpty() && e->mimeData()->urls().first().isLocalFile())
        e->acceptProposedAction();
}

void DropZone::dropEvent(QDropEvent *e)
{
    const auto urls = e->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    setFile(urls.first().toLocalFile());
    e->acceptProposedAction();
    emit fileDropped(urls.first().toLocalFile());
}

CompareView::CompareView(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_ws(workspace)
    , m_dropA(new DropZone(QStringLiteral("A"), this))
    , m_dropB(new DropZone(QStringLiteral("B"), this))
    , m_summary(new QLabel(this))
    , m_model(new DiffTreeModel(this))
    , m_proxy(new DiffFilterProxy(this))
    , m_tree(new QTreeView(this))
    , m_filter(new QLineEdit(this))
    , m_onlyChanged(new QCheckBox(tr("Only changes beyond the noise"), this))
    , m_icicle(new IciclePanel(this))
    , m_regressions(new QListWidget(this))
    , m_improvements(new QListWidget(this))
    , m_distributions(new QCustomPlot(this))
{
    m_proxy->setSourceModel(m_model);
    m_tree->setModel(m_proxy);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(-1, Qt::AscendingOrder);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    auto *delegate = new ToneDelegate(DiffTreeModel::ToneRole, false, m_tree);
    delegate->setModuleColumn(DiffTreeModel::ModuleColumn); // "numpy.c…_multiarray_umath", full name in the tooltip
    m_tree->setItemDelegate(delegate);
    m_tree->header()->setSectionResizeMode(DiffTreeModel::ModuleColumn, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setAccessibleName(tr("Diff tree"));
    installTableCopy(m_tree); // Ctrl+C, Copy as Markdown / CSV
    for (QListWidget *list : { m_regressions, m_improvements }) {
        list->setSelectionMode(QAbstractItemView::ExtendedSelection);
        installTableCopy(list);
    }
    m_filter->setPlaceholderText(tr("Filter modules (text or /regex/)"));
    m_filter->setClearButtonEnabled(true);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setText(emptyText());
    m_distributions->setMinimumHeight(100);
    m_distributions->setAccessibleName(tr("Init duration and duration of A and B"));
    followPalette(m_distributions);

    auto *drops = new QHBoxLayout;
    drops->addWidget(m_dropA);
    drops->addWidget(m_dropB);
    auto *treeBar = new QHBoxLayout;
    treeBar->addWidget(m_filter, 1);
    treeBar->addWidget(m_onlyChanged);
    auto *treeBox = new QWidget(this);
    auto *treeLayout = new QVBoxLayout(treeBox);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->addLayout(treeBar);
    treeLayout->addWidget(m_tree, 1);

    auto *lists = new QWidget(this);
    auto *listLayout = new QHBoxLayout(lists);
    listLayout->setContentsMargins(0, 0, 0, 0);
    auto *regBox = new QVBoxLayout;
    regBox->addWidget(new QLabel(tr("<b>Top regressions</b> (cumulative)"), this));
    regBox->addWidget(m_regressions);
    auto *impBox = new QVBoxLayout;
    impBox->addWidget(new QLabel(tr("<b>Top improvements</b> (cumulative)"), this));
    impBox->addWidget(m_improvements);
    listLayout->addLayout(regBox);
    listLayout->addLayout(impBox);
    listLayout->addWidget(m_distributions, 1);

    // The tree takes the whole width (module names and every column readable); B's
    // icicle is a wide band under it, the lists and distributions below.
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(treeBox);
    split->addWidget(m_icicle);
    split->addWidget(lists);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);
    split->setSizes({ 500, 300, 200 });
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(drops);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    auto maybeCompare = [this] {
        if (!m_pathA.isEmpty() && !m_pathB.isEmpty())
            m_ws->compareFiles(m_pathA, m_pathB);
    };
    connect(m_dropA, &DropZone::fileDropped, this, [this, maybeCompare](const QString &p) {
        m_pathA = p;
        maybeCompare();
    });
    connect(m_dropB, &DropZone::fileDropped, this, [this, maybeCompare](const QString &p) {
        m_pathB = p;
        maybeCompare();
    });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_proxy->setPattern(t.trimmed());
        if (!t.trimmed().isEmpty())
            m_tree->expandAll();
    });
    connect(m_onlyChanged, &QCheckBox::toggled, this, [this](bool on) {
        m_proxy->setOnlyChanged(on);
        if (on)
            m_tree->expandAll();
    });
    // Tree and icicle select each other by module name.
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &cur) {
        const ImportRun *run = m_icicle->canvas()->run();
        if (!run || !m_icicle->canvas()->logData())
            return;
        const int n = m_icicle->canvas()->logData()->findModule(
            *run, cur.data(DiffTreeModel::ModuleRole).toString().toStdString());
        if (n >= 0)
            m_icicle->canvas()->setSelectedNode(n);
    });
    connect(m_icicle, &IciclePanel::nodeClicked, this, [this](int node) {
        const ImportRun *run = m_icicle->canvas()->run();
        if (run && node >= 0)
            selectModule(qs(m_icicle->canvas()->logData()->moduleName(run->nodes[std::size_t(node)])));
    });
    connect(m_ws, &Workspace::comparisonChanged, this, [this] { setDiff(m_ws->comparison()); });
    if (m_ws->comparison())
        setDiff(m_ws->comparison()); // made for a workspace already in use
    connect(m_ws, &Workspace::compareStarted, this, [this](const QString &a, const QString &b) {
        m_dropA->setFile(a);
        m_dropB->setFile(b);
    });
    for (QListWidget *list : { m_regressions, m_improvements })
        connect(list, &QListWidget::currentTextChanged, this, [this, list] {
            if (list->currentItem())
                selectModule(list->currentItem()->data(Qt::UserRole).toString());
        });
}

QString CompareView::emptyText() const
{
    return tr("Drop two builds' logs on the window (or on A and B), use File > Compare…, or run "
              "<code>coldscope A B</code>.");
}

void CompareView::setDiff(std::shared_ptr<const ImportDiff> diff)
{
    m_diff = std::move(diff);
    m_model->setDiff(m_diff);
    m_regressions->clear();
    m_improvements->clear();
    if (!m_diff) {
        m_icicle->setRun(nullptr, -1);
        m_summary->setText(emptyText());
        m_summary->setToolTip({});
        m_dropA->setFile(m_pathA = {});
        m_dropB->setFile(m_pathB = {});
        m_distributions->setVisible(false);
        return;
    }
    const ImportDiff &d = *m_diff;
    auto files = [](const DiffSide &s) {
        QStringList f;
        for (const auto &x : s.files)
            f << QFileInfo(qs(x)).fileName();
        return f.join(QStringLiteral(", ")).toHtmlEscaped();
    };
    const QString tone = style::deltaText(d.deltaUs > 0, palette()).name();
    auto deferredLine = [&] {
        const auto idx = d.deferred();
        if (idx.empty())
            return QString();
        QStringList names;
        for (std::size_t k = 0; k < idx.size() && k < 5; ++k)
            names << qs(d.entries[idx[k]].module).toHtmlEscaped();
        return tr("<br><b>%n deferred</b> (imported during INIT in A, in the first invocation in B: the time "
                  "moved to the invocation, it is not faster): %1",
            nullptr, int(idx.size()))
            .arg(names.join(QStringLiteral(", ")) + (idx.size() > 5 ? QStringLiteral(", …") : QString()));
    };
    m_summary->setText(
        tr("<b>A</b> %1: <b>%2</b> (%3 run(s)) &nbsp; <b>B</b> %4: <b>%5</b> (%6 run(s)) &nbsp; "
           "<span style='color:%7'><b>Δ %8 (%9 %)</b></span> &nbsp; %10 added, %11 removed, %12 changed "
           "(%13 beyond the noise)")
            .arg(files(d.a), qs(formatUs(double(d.a.totalUs))))
            .arg(d.a.runs.size())
            .arg(files(d.b), qs(formatUs(double(d.b.totalUs))))
            .arg(d.b.runs.size())
            .arg(tone, (d.deltaUs > 0 ? QStringLiteral("+") : QString()) + qs(formatUs(double(d.deltaUs))))
            .arg(
                QStringLiteral("%1%2").arg(d.deltaPct > 0 ? QStringLiteral("+") : QString()).arg(d.deltaPct, 0, 'f', 1))
            .arg(d.added.size())
            .arg(d.removed.size())
            .arg(d.changed.size())
            .arg(std::count_if(d.changed.begin(), d.changed.end(),
                [&](std::size_t i) { return d.entries[i].significant && !d.entries[i].deferred; }))
        + deferredLine()
        + (d.a.runs.size() < 3 || d.b.runs.size() < 3
                ? tr("<br><i>Fewer than three runs a side: the spread is unknown, so a change counts only when it "
                     "is at least 5 ms and 25 % of A (calibrated on reruns of one build).</i>")
                : tr("<br><i>Beyond the noise: outside the spread measured over each side's runs.</i>")));
    m_summary->setToolTip(qs(d.noiseRule));
    m_dropA->setFile(files(d.a));
    m_dropB->setFile(files(d.b));
    m_tree->expandToDepth(0);
    for (int c = 1; c < DiffTreeModel::ColumnCount; ++c)
        m_tree->resizeColumnToContents(c);
    m_tree->setCurrentIndex(QModelIndex()); // nothing selected until the user picks
    auto fill = [&](QListWidget *list, const std::vector<std::size_t> &idx) {
        for (auto i : idx) {
            const DiffEntry &e = d.entries[i];
            auto *item = new QListWidgetItem(QStringLiteral("%1%2  %3%4")
                                                 .arg(e.deltaUs > 0 ? QStringLiteral("+") : QString(),
                                                     qs(formatUs(double(std::int64_t(e.deltaUs)))), qs(e.module),
                                                     e.status == DiffStatus::Added         ? tr(" (new)")
                                                         : e.status == DiffStatus::Removed ? tr(" (gone)")
                                                                                           : QString()),
                list);
            item->setData(Qt::UserRole, qs(e.module));
        }
    };
    fill(m_regressions, d.topRegressions(12));
    fill(m_improvements, d.topImprovements(12));
    for (QListWidget *list : { m_regressions, m_improvements })
        if (list->count() == 0) { // says so, rather than an empty pane (on screen and in figures)
            auto *none = new QListWidgetItem(tr("none beyond the noise"), list);
            none->setFlags(Qt::NoItemFlags);
        }

    // B's median run, coloured by each module's change; new modules hatched.
    const LogData *bData = d.b.medianData();
    if (bData) {
        const auto &ref = d.b.runs[std::size_t(d.b.medianRun)];
        m_icicle->setRun(d.b.data[ref.data], int(ref.run));
        const ImportRun &run = *d.b.median();
        double scale = 1;
        for (const auto &e : d.entries)
            if (e.significant)
                scale = std::max(scale, std::abs(e.deltaUs));
        std::vector<QColor> colors(run.nodes.size());
        std::vector<std::uint8_t> hatched(run.nodes.size(), 0);
        for (std::size_t n = 0; n < run.nodes.size(); ++n) {
            if (run.nodes[n].placeholder)
                continue;
            const DiffEntry *e = d.find(std::string(bData->moduleName(run.nodes[n])));
            if (!e)
                continue;
            colors[n] = style::delta(e->significant && !e->deferred ? e->deltaUs : 0, scale);
            hatched[n] = e->status == DiffStatus::Added;
        }
        m_icicle->canvas()->setCustomColors(std::move(colors), std::move(hatched));
        m_icicle->canvas()->zoomToNode(-1);
        m_icicle->refreshLegend();
    }
    drawDistributions();
}

void CompareView::drawDistributions()
{
    m_distributions->clearPlottables();
    m_distributions->clearItems();
    const ImportDiff &d = *m_diff;
    auto ticks = QSharedPointer<QCPAxisTickerText>::create();
    int key = 0;
    double hi = 1;
    auto box = [&](const std::vector<double> &values, const QString &label, const QColor &color) {
        ++key;
        std::vector<double> v = values;
        v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
        ticks->addTick(key, label);
        if (v.empty())
            return;
        std::sort(v.begin(), v.end());
        auto rank = [&](double p) { return nearestRank(v, p); };
        auto *b = new QCPStatisticalBox(m_distributions->xAxis, m_distributions->yAxis);
        b->setBrush(color);
        b->addData(key, v.front(), rank(25), rank(50), rank(75), rank(90));
        hi = std::max(hi, rank(99));
        auto *text = new QCPItemText(m_distributions);
        text->position->setCoords(key, rank(90));
        text->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        text->setText(QStringLiteral("p50 %1\np90 %2\np99 %3")
                          .arg(rank(50), 0, 'f', 0)
                          .arg(rank(90), 0, 'f', 0)
                          .arg(rank(99), 0, 'f', 0));
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 0.8);
        text->setFont(f);
    };
    const bool any = !d.a.durations.empty() || !d.b.durations.empty();
    m_distributions->setVisible(any);
    if (!any)
        return;
    box(d.a.initDurations, tr("A init"), style::initOf(false));
    box(d.b.initDurations, tr("B init"), style::initOf(true));
    box(d.a.durations, tr("A duration"), style::durationOf(false));
    box(d.b.durations, tr("B duration"), style::durationOf(true));
    m_distributions->xAxis->setTicker(ticks);
    m_distributions->xAxis->setRange(0.3, key + 0.7);
    m_distributions->yAxis->setLabel(tr("ms (box: min, p25, p50, p75, p90)"));
    m_distributions->yAxis->setRange(0, hi * 1.15);
    m_distributions->replot();
}

void CompareView::selectModule(const QString &module)
{
    const QModelIndex src = m_model->indexForModule(module.toStdString());
    if (!src.isValid())
        return;
    QModelIndex idx = m_proxy->mapFromSource(src);
    if (!idx.isValid()) {
        m_filter->clear();
        m_onlyChanged->setChecked(false);
        idx = m_proxy->mapFromSource(src);
    }
    for (QModelIndex p = idx.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_tree->scrollTo(idx);
}

QString CompareView::selectedModule() const
{
    return m_tree->currentIndex().data(DiffTreeModel::ModuleRole).toString();
}

} // namespace coldscope
