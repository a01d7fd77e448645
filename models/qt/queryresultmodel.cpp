// SPDX-License-Identifier: MIT
#include "queryresultmodel.h"

#include "qtstrings.h"

#include <cmath>

namespace coldscope {

QueryResultModel::QueryResultModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void QueryResultModel::setResult(std::shared_ptr<const query::Result> result)
{
    beginResetModel();
    m_result = std::move(result);
    endResetModel();
}

void QueryResultModel::setTable(
    const std::vector<std::string> &columns, const std::vector<std::vector<std::string>> &rows)
{
    auto r = std::make_shared<query::Result>();
    r->columns = columns;
    for (const auto &row : rows) {
        std::vector<query::Value> values;
        for (const auto &cell : row)
            values.push_back(cell.empty() ? query::Value {} : query::Value::string(cell));
        r->rows.push_back(std::move(values));
        r->origins.push_back({});
    }
    setResult(std::move(r));
}

int QueryResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_result ? 0 : int(m_result->rows.size());
}

int QueryResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_result ? 0 : int(m_result->columns.size());
}

QString QueryResultModel::displayNumber(double v)
{
    if (std::isnan(v) || std::isinf(v) || (v == std::floor(v) && std::fabs(v) < 1e15))
        return qs(query::formatNumber(v));
    // An average to read, not 13 decimals: 3 decimals from 1 up, 3 significant digits below.
    QString s = std::fabs(v) >= 1 ? QString::number(v, 'f', 3) : QString::number(v, 'g', 3);
    if (s.contains(QLatin1Char('.')) && !s.contains(QLatin1Char('e'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}

QVariant QueryResultModel::data(const QModelIndex &index, int role) const
{
    if (!m_result || !index.isValid() || std::size_t(index.row()) >= m_result->rows.size())
        return {};
    const auto &row = m_result->rows[std::size_t(index.row())];
    if (std::size_t(index.column()) >= row.size())
        return {};
    const query::Value &v = row[std::size_t(index.column())];
    switch (role) {
    case Qt::DisplayRole: {
        if (v.type == query::Value::Type::Number)
            return displayNumber(v.num); // the tooltip and copies of the tooltip keep every digit
        std::string s = v.toString();
        if (s.size() > 400)
            s = s.substr(0, 400) + "…";
        QString text = qs(s);
        text.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
        text.replace(QLatin1Char('\t'), QLatin1String("  "));
        return text;
    }
    case Qt::ToolTipRole: {
        std::string s = v.toString();
        if (s.size() > 4000)
            s = s.substr(0, 4000) + "…";
        return qs(s);
    }
    case SortRole:
        if (v.type == query::Value::Type::Number || v.type == query::Value::Type::Time)
            return v.num;
        return qs(v.toString());
    case Qt::TextAlignmentRole:
        if (v.type == query::Value::Type::Number)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant QueryResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!m_result || role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    return std::size_t(section) < m_result->columns.size() ? qs(m_result->columns[std::size_t(section)]) : QVariant();
}

} // namespace coldscope
