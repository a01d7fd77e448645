// SPDX-License-Identifier: MIT
#pragma once

#include "importdiff.h"
#include "importtreemodel.h"

#include <QAbstractItemModel>
#include <QSortFilterProxyModel>

#include <memory>

namespace coldscope {

// The comparison as a tree: B's structure, with modules only in A under their A
// importer. One row per module.
class DiffTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        ModuleColumn,
        ASelfColumn,
        ACumColumn,
        BSelfColumn,
        BCumColumn,
        DeltaColumn,
        DeltaPctColumn,
        StatusColumn,
        ColumnCount
    };
    enum Roles { SortRole = Qt::UserRole + 1, ModuleRole, SignificantRole, ToneRole };

    explicit DiffTreeModel(QObject *parent = nullptr);
    void setDiff(std::shared_ptr<const ImportDiff> diff);
    std::shared_ptr<const ImportDiff> diff() const { return m_diff; }
    QModelIndex indexForModule(const std::string &module) const;
    int entryOf(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        int entry = -1;
        int parent = -1;
        int row = 0;
        std::vector<int> children;
    };
    std::shared_ptr<const ImportDiff> m_diff;
    std::vector<Node> m_nodes; // one per entry, same index
    std::vector<int> m_roots;
};

// Filter by module (text or /regex/, keeping ancestors) and "only what changed"
// (added, removed, moved, or a change beyond the noise).
class DiffFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit DiffFilterProxy(QObject *parent = nullptr);
    void setPattern(const QString &pattern);
    void setOnlyChanged(bool on);
    bool onlyChanged() const { return m_onlyChanged; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ModulePattern m_pattern;
    bool m_onlyChanged = false;
};

} // namespace coldscope
