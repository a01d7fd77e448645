// SPDX-License-Identifier: MIT
#include "difftreemodel.h"

#include "format.h"
#include "importtreemodel.h"
#include "qtstrings.h"

#include <map>

namespace coldscope {

DiffTreeModel::DiffTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void DiffTreeModel::setDiff(std::shared_ptr<const ImportDiff> diff)
{
    beginResetModel();
    m_diff = std::move(diff);
    m_nodes.clear();
    m_roots.clear();
    if (m_diff) {
        const auto &entries = m_diff->entries;
        m_nodes.resize(entries.size());
        // Sibling order: import order in B's median run, A-only modules after them in A's order.
        std::map<std::string, int> orderB, orderA;
        auto order = [](const DiffSide &side, std::map<std::string, int> &out) {
            const ImportRun *run = side.median();
            if (!run)
                return;
            for (std::size_t n = 0; n < run->nodes.size(); ++n)
                if (!run->nodes[n].placeholder)
                    out.emplace(std::string(side.medianData()->moduleName(run->nodes[n])), int(n));
        };
        order(m_diff->b, orderB);
        order(m_diff->a, orderA);
        std::vector<std::pair<long long, int>> sorted;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const auto &e = entries[i];
            auto ib = orderB.find(e.module);
            auto ia = orderA.find(e.module);
            const long long key = ib != orderB.end() ? ib->second : (1LL << 32) + (ia != orderA.end() ? ia->second : 0);
            sorted.emplace_back(key, int(i));
        }
        std::stable_sort(sorted.begin(), sorted.end());
        for (const auto &[key, i] : sorted) {
            const auto &e = entries[std::size_t(i)];
            const std::string &parentName = e.b ? e.b->parent : e.a->parent;
            Node &n = m_nodes[std::size_t(i)];
            n.entry = i;
            const DiffEntry *p = parentName.empty() ? nullptr : m_diff->find(parentName);
            int pi = p ? int(p - entries.data()) : -1;
            // The two sides can disagree on who imports whom; never make a cycle.
            for (int up = pi, steps = 0; up >= 0 && steps <= int(entries.size()); ++steps) {
                if (up == i) {
                    pi = -1;
                    break;
                }
                up = m_nodes[std::size_t(up)].entry >= 0 ? m_nodes[std::size_t(up)].parent : -1;
            }
            if (pi >= 0 && pi != i) {
                n.parent = pi;
                n.row = int(m_nodes[std::size_t(pi)].children.size());
                m_nodes[std::size_t(pi)].children.push_back(i);
            } else {
                n.row = int(m_roots.size());
                m_roots.push_back(i);
            }
        }
    }
    endResetModel();
}

int DiffTreeModel::entryOf(const QModelIndex &index) const
{
    return index.isValid() ? int(index.internalId()) - 1 : -1;
}

QModelIndex DiffTreeModel::indexForModule(const std::string &module) const
{
    if (!m_diff)
        return {};
    const DiffEntry *e = m_diff->find(module);
    if (!e)
        return {};
    const int i = int(e - m_diff->entries.data());
    return createIndex(m_nodes[std::size_t(i)].row, 0, quintptr(i + 1));
}

QModelIndex DiffTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!m_diff || row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const std::vector<int> &children = parent.isValid() ? m_nodes[std::size_t(entryOf(parent))].children : m_roots;
    if (std::size_t(row) >= children.size())
        return {};
    return createIndex(row, column, quintptr(children[std::size_t(row)] + 1));
}

QModelIndex DiffTreeModel::parent(const QModelIndex &child) const
{
    const int e = entryOf(child);
    if (e < 0)
        return {};
    const int p = m_nodes[std::size_t(e)].parent;
    return p < 0 ? QModelIndex() : createIndex(m_nodes[std::size_t(p)].row, 0, quintptr(p + 1));
}

int DiffTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!m_diff)
        return 0;
    if (!parent.isValid())
        return int(m_roots.size());
    if (parent.column() != 0)
        return 0;
    return int(m_nodes[std::size_t(entryOf(parent))].children.size());
}

int DiffTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant DiffTreeModel::data(const QModelIndex &index, int role) const
{
    const int i = entryOf(index);
    if (!m_diff || i < 0)
        return {};
    const DiffEntry &e = m_diff->entries[std::size_t(i)];
    const QString status = qs(diffStatusLabel(e));
    const double aCum = e.a ? e.a->cumulativeUs : 0;
    const double pct = aCum > 0 ? 100.0 * e.deltaUs / aCum : (e.deltaUs != 0 ? 100.0 : 0.0);
    auto us = [](const ModuleStats *m, bool self) -> QVariant {
        if (!m)
            return QStringLiteral("–");
        return qs(formatUs(double(std::int64_t(self ? m->selfUs : m->cumulativeUs))));
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ModuleColumn:
            return qs(e.module);
        case ASelfColumn:
            return us(e.a, true);
        case ACumColumn:
            return us(e.a, false);
        case BSelfColumn:
            return us(e.b, true);
        case BCumColumn:
            return us(e.b, false);
        case DeltaColumn:
            return (e.deltaUs > 0 ? QStringLiteral("+") : QString())
                + qs(formatUs(double(std::int64_t(e.deltaUs)))).replace(QLatin1Char('-'), QChar(0x2212));
        case DeltaPctColumn:
            return e.a && e.b
                ? QStringLiteral("%1%2 %").arg(pct > 0 ? QStringLiteral("+") : QString()).arg(pct, 0, 'f', 1)
                : QString();
        case StatusColumn:
            return status;
        }
        break;
    case SortRole:
        switch (index.column()) {
        case ModuleColumn:
            return qs(e.module);
        case ASelfColumn:
            return e.a ? e.a->selfUs : -1.0;
        case ACumColumn:
            return e.a ? e.a->cumulativeUs : -1.0;
        case BSelfColumn:
            return e.b ? e.b->selfUs : -1.0;
        case BCumColumn:
            return e.b ? e.b->cumulativeUs : -1.0;
        case DeltaColumn:
            return e.deltaUs;
        case DeltaPctColumn:
            return pct;
        case StatusColumn:
            return status;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != ModuleColumn && index.column() != StatusColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole: {
        QString tip = qs(e.module) + QLatin1Char('\n') + status;
        if (e.a)
            tip += tr("\nA: self %1 µs, cumulative %2 µs (%3 run(s), spread %4–%5 µs)")
                       .arg(e.a->selfUs)
                       .arg(e.a->cumulativeUs)
                       .arg(e.a->runs)
                       .arg(e.a->cumMin)
                       .arg(e.a->cumMax);
        if (e.b)
            tip += tr("\nB: self %1 µs, cumulative %2 µs (%3 run(s), spread %4–%5 µs)")
                       .arg(e.b->selfUs)
                       .arg(e.b->cumulativeUs)
                       .arg(e.b->runs)
                       .arg(e.b->cumMin)
                       .arg(e.b->cumMax);
        if (e.moved)
            tip += tr("\nimported by %1 in A, by %2 in B")
                       .arg(qs(e.a->parent.empty() ? std::string("(top level)") : e.a->parent),
                           qs(e.b->parent.empty() ? std::string("(top level)") : e.b->parent));
        if (e.deferred)
            tip += tr("\ndeferred: imported during INIT in A, during the first invocation in B (the time "
                      "moved to the invocation; it is not faster)");
        else if (e.status == DiffStatus::Changed && !e.significant)
            tip += tr("\nwithin the noise");
        return tip;
    }
    case ModuleRole:
        return qs(e.module);
    case SignificantRole:
        return e.significant || e.moved;
    case ToneRole: // 2 = slower, 1 = faster, 0 = neither (the delegate colours it)
        if (!e.significant || e.deferred)
            return 0;
        return e.deltaUs > 0 ? 2 : 1;
    }
    return {};
}

QVariant DiffTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ModuleColumn:
        return tr("Module");
    case ASelfColumn:
        return tr("A self");
    case ACumColumn:
        return tr("A cumulative");
    case BSelfColumn:
        return tr("B self");
    case BCumColumn:
        return tr("B cumulative");
    case DeltaColumn:
        return tr("Δ cumulative");
    case DeltaPctColumn:
        return tr("Δ %");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

DiffFilterProxy::DiffFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortRole(DiffTreeModel::SortRole);
}

void DiffFilterProxy::setPattern(const QString &pattern)
{
    m_pattern = ModulePattern(pattern);
    invalidateFilter();
}

void DiffFilterProxy::setOnlyChanged(bool on)
{
    m_onlyChanged = on;
    invalidateFilter();
}

bool DiffFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_onlyChanged && !idx.data(DiffTreeModel::SignificantRole).toBool())
        return false;
    return m_pattern.matches(idx.data(DiffTreeModel::ModuleRole).toString());
}

} // namespace coldscope
