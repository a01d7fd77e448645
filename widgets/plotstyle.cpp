// SPDX-License-Identifier: MIT
#include "plotstyle.h"

#include <qcustomplot.h>

namespace coldscope {

void applyPalette(QCustomPlot *plot, const QPalette &pal)
{
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    QColor grid = text;
    grid.setAlpha(45);
    plot->setBackground(base);
    for (QCPAxisRect *rect : plot->axisRects()) {
        for (QCPAxis *axis : rect->axes()) {
            axis->setBasePen(QPen(text));
            axis->setTickPen(QPen(text));
            axis->setSubTickPen(QPen(text));
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
        }
    }
    if (plot->legend) {
        QColor legendBase = base;
        legendBase.setAlpha(220);
        plot->legend->setBrush(legendBase);
        plot->legend->setTextColor(text);
        plot->legend->setBorderPen(QPen(grid));
    }
    plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace coldscope
