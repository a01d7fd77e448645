// SPDX-License-Identifier: MIT
#include "tablecopy.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QKeyEvent>
#include <QListView>
#include <QMimeData>
#include <QTableView>
#include <QTreeView>

#include <algorithm>
#include <set>

namespace coldscope {

namespace {

QString cell(QString s, TableFormat f)
{
    switch (f) {
    case TableFormat::Tsv:
        s.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
        return s;
    case TableFormat::Markdown:
        s.replace(QLatin1Char('|'), QLatin1String("\\|")).replace(QLatin1Char('\n'), QLatin1String("<br>"));
        return s;
    case TableFormat::Csv:
        if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')))
            return QLatin1Char('"') + s.replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
        return s;
    case TableFormat::Html:
        return s.toHtmlEscaped();
    }
    return s;
}

bool columnHidden(const QAbstractItemView *view, int c)
{
    if (auto *t = qobject_cast<const QTableView *>(view))
        return t->isColumnHidden(c);
    if (auto *t = qobject_cast<const QTreeView *>(view))
        return t->isColumnHidden(c);
    return false;
}

} // namespace

QString selectionAsTable(const QAbstractItemView *view, TableFormat f)
{
    const QAbstractItemModel *m = view->model();
    if (!m)
        return {};
    std::vector<QModelIndex> rows;
    std::set<QModelIndex> seen;
    for (const QModelIndex &i : view->selectionModel()->selectedIndexes()) {
        const QModelIndex first = i.siblingAtColumn(0);
        if (seen.insert(first).second)
            rows.push_back(first);
    }
    if (rows.empty())
        for (int r = 0; r < m->rowCount(); ++r)
            rows.push_back(m->index(r, 0));
    // In view order (top to bottom).
    std::sort(rows.begin(), rows.end(), [view](const QModelIndex &a, const QModelIndex &b) {
        return view->visualRect(a).top() < view->visualRect(b).top();
    });
    std::vector<int> cols;
    for (int c = 0; c < m->columnCount(); ++c)
        if (!columnHidden(view, c))
            cols.push_back(c);
    QStringList lines;
    auto join = [&](const QStringList &cells) {
        switch (f) {
        case TableFormat::Tsv:
            return cells.join(QLatin1Char('\t'));
        case TableFormat::Csv:
            return cells.join(QLatin1Char(','));
        case TableFormat::Markdown:
            return QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |");
        case TableFormat::Html:
            return QStringLiteral("<tr><td>") + cells.join(QStringLiteral("</td><td>")) + QStringLiteral("</td></tr>");
        }
        return QString();
    };
    QStringList header;
    for (int c : cols)
        header << cell(m->headerData(c, Qt::Horizontal).toString(), f);
    // A list has no header: plain text and CSV get just the rows.
    const bool noHeader = qobject_cast<const QListView *>(view)
        || std::all_of(header.begin(), header.end(), [](const QString &h) { return h.isEmpty(); });
    if (!(noHeader && (f == TableFormat::Tsv || f == TableFormat::Csv)))
        lines << (f == TableFormat::Html
                ? QStringLiteral("<tr><th>") + header.join(QStringLiteral("</th><th>")) + QStringLiteral("</th></tr>")
                : join(header));
    if (f == TableFormat::Markdown) {
        QStringList rule;
        for (std::size_t k = 0; k < cols.size(); ++k)
            rule << QStringLiteral("---");
        lines << join(rule);
    }
    for (const QModelIndex &r : rows) {
        QStringList cells;
        for (int c : cols)
            cells << cell(r.siblingAtColumn(c).data().toString(), f);
        lines << join(cells);
    }
    if (f == TableFormat::Html)
        return QStringLiteral("<table>") + lines.join(QString()) + QStringLiteral("</table>");
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

namespace {
void copyTable(QAbstractItemView *view)
{
    auto *mime = new QMimeData;
    mime->setText(selectionAsTable(view, TableFormat::Tsv));
    mime->setHtml(selectionAsTable(view, TableFormat::Html));
    QApplication::clipboard()->setMimeData(mime);
}

// Item views copy only the current cell on Ctrl+C; take the key first.
class CopyKeyFilter : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *e) override
    {
        if (e->type() == QEvent::KeyPress && static_cast<QKeyEvent *>(e)->matches(QKeySequence::Copy)) {
            copyTable(static_cast<QAbstractItemView *>(watched));
            return true;
        }
        return false;
    }
};
} // namespace

void installTableCopy(QAbstractItemView *view)
{
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    view->installEventFilter(new CopyKeyFilter(view));
    auto *copy = new QAction(QObject::tr("Copy"), view);
    copy->setShortcut(QKeySequence::Copy); // shown in the context menu; the filter does the work
    copy->setShortcutContext(Qt::WidgetShortcut);
    QObject::connect(copy, &QAction::triggered, view, [view] { copyTable(view); });
    auto *md = new QAction(QObject::tr("Copy as Markdown"), view);
    QObject::connect(md, &QAction::triggered, view,
        [view] { QApplication::clipboard()->setText(selectionAsTable(view, TableFormat::Markdown)); });
    auto *csv = new QAction(QObject::tr("Copy as CSV"), view);
    QObject::connect(csv, &QAction::triggered, view,
        [view] { QApplication::clipboard()->setText(selectionAsTable(view, TableFormat::Csv)); });
    view->addAction(copy);
    view->addAction(md);
    view->addAction(csv);
}

} // namespace coldscope
