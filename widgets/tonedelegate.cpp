// SPDX-License-Identifier: MIT
#include "tonedelegate.h"

namespace coldscope {

ToneDelegate::ToneDelegate(int toneRole, bool boolMeansDimmed, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(toneRole)
    , m_dimmed(boolMeansDimmed)
{
}

void ToneDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant v = index.data(m_role);
    if (!v.isValid())
        return;
    QColor c;
    if (m_dimmed) {
        if (v.toBool())
            c = option->palette.color(QPalette::Disabled, QPalette::Text);
    } else if (v.toInt() >= 2) {
        c = option->palette.color(QPalette::Base).lightness() < 128 ? QColor(255, 110, 100) : QColor(190, 30, 30);
    } else if (v.toInt() == 1) {
        c = option->palette.color(QPalette::Base).lightness() < 128 ? QColor(240, 180, 60) : QColor(160, 95, 0);
    }
    if (c.isValid())
        option->palette.setColor(QPalette::Text, c);
}

} // namespace coldscope
