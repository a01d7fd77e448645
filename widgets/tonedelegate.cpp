// SPDX-License-Identifier: MIT
#include "tonedelegate.h"

#include "style.h"

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
        c = style::severity(true, option->palette);
    } else if (v.toInt() == 1) {
        c = style::severity(false, option->palette);
    }
    if (c.isValid())
        option->palette.setColor(QPalette::Text, c);
}

} // namespace coldscope
