// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

class QFontMetrics;

namespace coldscope {

// `name` fitted into `width` pixels: unchanged when it fits, else the head elided in the
// middle and the last dotted component kept whole ("numpy.c…_multiarray_umath"); only a
// last component wider than `width` is elided itself.
QString elideModuleName(const QString &name, const QFontMetrics &fm, int width);

// Colours text by a model role: 2 = error (red), 1 = warning (amber), a true
// "dimmed" flag = grey. Keeps QtGui out of the engine's models.
class ToneDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    ToneDelegate(int toneRole, bool boolMeansDimmed, QObject *parent = nullptr);
    // Dotted module names in this column elide in the middle, keeping the last component.
    void setModuleColumn(int column) { m_moduleColumn = column; }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_role;
    bool m_dimmed;
    int m_moduleColumn = -1;
};

} // namespace coldscope
