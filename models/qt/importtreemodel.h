// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"

#include <QAbstractItemModel>
#include <QSortFilterProxyModel>

#include <memory>

namespace coldscope {

// The import tree of one run. Internal ids are node index + 1 (0 = invisible root).
class ImportTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { ModuleColumn, SelfColumn, CumulativeColumn, PercentTotalColumn, PercentParentColumn, ColumnCount };
    enum Roles {
        SortRole = Qt::UserRole + 1, // raw numbers for sorting
        ModuleRole, // full dotted module name
        DimmedRole, // bool: cached line or placeholder (views grey it out)
    };

    explicit ImportTreeModel(QObject *parent = nullptr);

    void setRun(std::shared_ptr<const LogData> data, int run);
    std::shared_ptr<const LogData> data() const { return m_data; }
    const ImportRun *run() const;
    int runIndex() const { return m_run; }

    QModelIndex indexForNode(int node) const;
    int nodeOf(const QModelIndex &index) const; // -1 for invalid
    QModelIndex findModule(const QString &module) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const ImportNode *node(const QModelIndex &index) const;
    int rowOfNode(int node) const;

    std::shared_ptr<const LogData> m_data;
    int m_run = -1;
    std::vector<int> m_rowInParent; // by node
};

// A module filter as typed: a case-insensitive substring, or a regular
// expression written as /re/. Compiled once; the tree, the comparison tree and
// the icicle's dimming all match through it.
class ModulePattern
{
public:
    ModulePattern() = default;
    explicit ModulePattern(const QString &text);
    const QString &text() const { return m_text; }
    bool isValid() const { return m_valid; } // false for a /re/ that does not compile
    bool matches(const QString &module) const; // empty matches all, invalid matches none

private:
    QString m_text;
    QRegularExpression m_regex;
    bool m_isRegex = false;
    bool m_valid = true;
};

// Sorting by raw numbers and recursive filtering on the module name.
class ImportFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ImportFilterProxy(QObject *parent = nullptr);
    void setPattern(const QString &pattern);
    QString pattern() const { return m_pattern.text(); }
    bool patternValid() const { return m_pattern.isValid(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ModulePattern m_pattern;
};

} // namespace coldscope
