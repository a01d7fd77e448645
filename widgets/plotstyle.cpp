// SPDX-License-Identifier: MIT
#include "plotstyle.h"

#include <qcustomplot.h>

namespace coldscope {

namespace {

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
}

class PaletteFollower : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::PaletteChange) {
            auto *plot = static_cast<QCustomPlot *>(watched);
            applyPalette(plot, plot->palette());
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
        return false;
    }
};

} // namespace

void followPalette(QCustomPlot *plot)
{
    applyPalette(plot, plot->palette());
    plot->installEventFilter(new PaletteFollower(plot));
}

} // namespace coldscope
