// SPDX-License-Identifier: MIT
#pragma once

#include "queryengine.h"

#include <QAbstractTableModel>

#include <memory>

namespace coldscope {

// A query's result rows; cells are formatted only when a view asks for them, so
// 100,000 rows cost nothing until scrolled to.
class QueryResultModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Roles { SortRole = Qt::UserRole + 1 };

    explicit QueryResultModel(QObject *parent = nullptr);
    void setResult(std::shared_ptr<const query::Result> result);
    std::shared_ptr<const query::Result> result() const { return m_result; }
    // Shows an imported result table (get-query-results, CSV, Markdown): all strings.
    void setTable(const std::vector<std::string> &columns, const std::vector<std::vector<std::string>> &rows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // A number as the table shows it: integers whole, others to 3 decimals (3 significant
    // digits below 1), trailing zeros dropped.
    static QString displayNumber(double v);
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const query::Result> m_result;
};

} // namespace coldscope
