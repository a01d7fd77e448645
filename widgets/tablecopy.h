// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QAbstractItemView;

namespace coldscope {

enum class TableFormat { Tsv, Markdown, Csv, Html };

// The selected rows of a table or tree as a table (header + rows, visible columns),
// not cell soup. Everything selected when nothing is.
QString selectionAsTable(const QAbstractItemView *view, TableFormat format);

// Adds Copy (Ctrl+C: tab-separated text plus an HTML table), Copy as Markdown and
// Copy as CSV to a view and its context menu.
void installTableCopy(QAbstractItemView *view);

} // namespace coldscope
