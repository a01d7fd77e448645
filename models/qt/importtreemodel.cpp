// SPDX-License-Identifier: MIT
#include "importtreemodel.h"

#include "format.h"
#include "qtstrings.h"

#include <QRegularExpression>

namespace coldscope {

ImportTreeModel::ImportTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void ImportTreeModel::setRun(std::shared_ptr<const LogData> data, int run)
{
    beginResetModel();
    m_data = std::move(data);
    m_run = (m_data && run >= 0 && std::size_t(run) < m_data->runs.size()) ? run : -1;
    m_rowInParent.clear();
    if (const ImportRun *r = this->run()) {
        m_rowInParent.assign(r->nodes.size(), 0);
        for (std::size_t i = 0; i < r->roots.size(); ++i)
            m_rowInParent[r->roots[i]] = int(i);
        for (const ImportNode &n : r->nodes)
            for (std::size_t i = 0; i < n.children.size(); ++i)
                m_rowInParent[n.children[i]] = int(i);
    }
    endResetModel();
}

const ImportRun *ImportTreeModel::run() const
{
    return m_run >= 0 ? &m_data->runs[std::size_t(m_run)] : nullptr;
}

const ImportNode *ImportTreeModel::node(const QModelIndex &index) const
{
    const ImportRun *r = run();
    if (!r || !index.isValid() || index.internalId() == 0 || index.internalId() > r->nodes.size())
        return nullptr;
    return &r->nodes[index.internalId() - 1];
}

int ImportTreeModel::nodeOf(const QModelIndex &index) const
{
    return node(index) ? int(index.internalId() - 1) : -1;
}

int ImportTreeModel::rowOfNode(int n) const
{
    return n >= 0 && std::size_t(n) < m_rowInParent.size() ? m_rowInParent[std::size_t(n)] : -1;
}

QModelIndex ImportTreeModel::indexForNode(int n) const
{
    const ImportRun *r = run();
    if (!r || n < 0 || std::size_t(n) >= r->nodes.size())
        return {};
    return createIndex(rowOfNode(n), 0, quintptr(n + 1));
}

QModelIndex ImportTreeModel::findModule(const QString &module) const
{
    const ImportRun *r = run();
    if (!r)
        return {};
    const int node = m_data->findModule(*r, module.toStdString());
    return node >= 0 ? indexForNode(node) : QModelIndex();
}

QModelIndex ImportTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const ImportRun *r = run();
    if (!r || row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const std::vector<std::uint32_t> *children = &r->roots;
    if (parent.isValid()) {
        const ImportNode *p = node(parent);
        if (!p)
            return {};
        children = &p->children;
    }
    if (std::size_t(row) >= children->size())
        return {};
    return createIndex(row, column, quintptr((*children)[std::size_t(row)] + 1));
}

QModelIndex ImportTreeModel::parent(const QModelIndex &child) const
{
    const ImportNode *n = node(child);
    if (!n || n->parent < 0)
        return {};
    return createIndex(rowOfNode(n->parent), 0, quintptr(n->parent + 1));
}

int ImportTreeModel::rowCount(const QModelIndex &parent) const
{
    const ImportRun *r = run();
    if (!r)
        return 0;
    if (!parent.isValid())
        return int(r->roots.size());
    if (parent.column() != 0)
        return 0;
    const ImportNode *n = node(parent);
    return n ? int(n->children.size()) : 0;
}

int ImportTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ImportTreeModel::data(const QModelIndex &index, int role) const
{
    const ImportNode *n = node(index);
    if (!n)
        return {};
    const ImportRun *r = run();
    const QString module = n->placeholder ? tr("(unfinished import)") : qs(m_data->moduleName(*n));
    const double total = r->totalUs > 0 ? double(r->totalUs) : 1.0;
    const double parentCum = n->parent >= 0 ? double(r->nodes[std::size_t(n->parent)].cumulativeUs) : total;
    const double pctTotal = 100.0 * double(n->cumulativeUs) / total;
    const double pctParent = parentCum > 0 ? 100.0 * double(n->cumulativeUs) / parentCum : 0.0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ModuleColumn:
            return n->cached ? module + tr(" (cached)") : module;
        case SelfColumn:
            return qs(formatUs(double(n->selfUs)));
        case CumulativeColumn:
            return qs(formatUs(double(n->cumulativeUs)));
        case PercentTotalColumn:
            return QStringLiteral("%1 %").arg(pctTotal, 0, 'f', 1);
        case PercentParentColumn:
            return QStringLiteral("%1 %").arg(pctParent, 0, 'f', 1);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case ModuleColumn:
            return module;
        case SelfColumn:
            return qlonglong(n->selfUs);
        case CumulativeColumn:
            return qlonglong(n->cumulativeUs);
        case PercentTotalColumn:
            return pctTotal;
        case PercentParentColumn:
            return pctParent;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != ModuleColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        return tr("%1\nself %2 µs, cumulative %3 µs\n%4 % of the run, %5 % of its parent")
            .arg(module)
            .arg(n->selfUs)
            .arg(n->cumulativeUs)
            .arg(pctTotal, 0, 'f', 2)
            .arg(pctParent, 0, 'f', 2);
    case DimmedRole:
        return n->cached || n->placeholder;
    case ModuleRole:
        return module;
    }
    return {};
}

QVariant ImportTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ModuleColumn:
        return tr("Module");
    case SelfColumn:
        return tr("Self");
    case CumulativeColumn:
        return tr("Cumulative");
    case PercentTotalColumn:
        return tr("% of total");
    case PercentParentColumn:
        return tr("% of parent");
    }
    return {};
}

ImportFilterProxy::ImportFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortRole(ImportTreeModel::SortRole);
    setFilterRole(ImportTreeModel::ModuleRole);
}

ModulePattern::ModulePattern(const QString &text)
    : m_text(text)
    , m_isRegex(text.size() >= 2 && text.startsWith(QLatin1Char('/')) && text.endsWith(QLatin1Char('/')))
{
    if (m_isRegex) {
        m_regex = QRegularExpression(text.mid(1, text.size() - 2), QRegularExpression::CaseInsensitiveOption);
        m_valid = m_regex.isValid();
    }
}

bool ModulePattern::matches(const QString &module) const
{
    if (m_text.isEmpty())
        return true;
    if (m_isRegex)
        return m_valid && m_regex.match(module).hasMatch();
    return module.contains(m_text, Qt::CaseInsensitive);
}

void ImportFilterProxy::setPattern(const QString &pattern)
{
    m_pattern = ModulePattern(pattern);
    invalidateFilter();
}

bool ImportFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_pattern.text().isEmpty())
        return true;
    return m_pattern.matches(
        sourceModel()->index(sourceRow, 0, sourceParent).data(ImportTreeModel::ModuleRole).toString());
}

} // namespace coldscope
