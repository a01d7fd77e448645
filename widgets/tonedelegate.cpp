// SPDX-License-Identifier: MIT
#include "tonedelegate.h"

#include "style.h"

#include <QApplication>
#include <QFontMetrics>
#include <QStyle>

namespace coldscope {

QString elideModuleName(const QString &name, const QFontMetrics &fm, int width)
{
    if (fm.horizontalAdvance(name) <= width)
        return name;
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0)
        return fm.elidedText(name, Qt::ElideMiddle, width);
    const QString last = name.mid(dot); // ".last"
    const int room = width - fm.horizontalAdvance(last);
    const QString ellipsis(QChar(0x2026));
    if (room < fm.horizontalAdvance(name.left(1) + ellipsis))
        return fm.elidedText(name.mid(dot + 1), Qt::ElideMiddle, width);
    return fm.elidedText(name.left(dot), Qt::ElideMiddle, room) + last;
}

ToneDelegate::ToneDelegate(int toneRole, bool boolMeansDimmed, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(toneRole)
    , m_dimmed(boolMeansDimmed)
{
}

void ToneDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == m_moduleColumn && !option->text.isEmpty()) {
        const QWidget *w = option->widget;
        const QStyle *st = w ? w->style() : QApplication::style();
        const int margin = (st->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, w) + 1) * 2;
        int width = option->rect.width() - margin;
        if (option->features & QStyleOptionViewItem::HasDecoration)
            width -= option->decorationSize.width() + margin / 2;
        if (width > 0)
            option->text = elideModuleName(option->text, option->fontMetrics, width);
    }
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
