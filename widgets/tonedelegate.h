// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace coldscope {

// Colours text by a model role: 2 = error (red), 1 = warning (amber), a true
// "dimmed" flag = grey. Keeps QtGui out of the engine's models.
class ToneDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    ToneDelegate(int toneRole, bool boolMeansDimmed, QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_role;
    bool m_dimmed;
};

} // namespace coldscope
