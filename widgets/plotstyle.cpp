// SPDX-License-Identifier: MIT
#include "plotstyle.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

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

// Axis and legend text in the plot's font: scaled with the UI (presentation mode, a
// larger desktop font) like every other text of the window.
void applyFont(QCustomPlot *plot, const QFont &font)
{
    QFont label = font;
    label.setBold(false);
    for (QCPAxisRect *rect : plot->axisRects())
        for (QCPAxis *axis : rect->axes()) {
            axis->setTickLabelFont(font);
            axis->setLabelFont(label);
            axis->setSelectedTickLabelFont(font);
            axis->setSelectedLabelFont(label);
        }
    if (plot->legend)
        plot->legend->setFont(font);
}

// Horizontal tick labels never overlap: after a replot, an axis whose labels would
// touch asks its ticker for fewer ticks; a resize starts again from the default count.
// Fixed text tickers are left alone.
constexpr int kDefaultTickCount = 5;

void resetTicks(QCustomPlot *plot)
{
    for (QCPAxisRect *rect : plot->axisRects())
        for (QCPAxis *axis : rect->axes(QCPAxis::atBottom | QCPAxis::atTop))
            if (!axis->ticker().dynamicCast<QCPAxisTickerText>())
                axis->ticker()->setTickCount(kDefaultTickCount);
}

void fitTicks(QCustomPlot *plot)
{
    bool changed = false;
    for (QCPAxisRect *rect : plot->axisRects())
        for (QCPAxis *axis : rect->axes(QCPAxis::atBottom | QCPAxis::atTop)) {
            if (!axis->visible() || !axis->tickLabels() || axis->ticker().dynamicCast<QCPAxisTickerText>())
                continue;
            const QFontMetrics fm(axis->tickLabelFont());
            int widest = 0;
            for (const QString &label : axis->tickVectorLabels())
                for (const QString &line : label.split(QLatin1Char('\n')))
                    widest = std::max(widest, fm.horizontalAdvance(line));
            if (widest == 0)
                continue;
            const int gap = fm.horizontalAdvance(QStringLiteral("MM"));
            const int fit = std::clamp(rect->width() / (widest + gap), 2, kDefaultTickCount);
            // Ticks actually drawn too close together, whatever the count asked for.
            const QVector<double> ticks = axis->tickVector();
            bool overlap = false;
            for (int i = 1; i < ticks.size(); ++i)
                if (std::abs(axis->coordToPixel(ticks[i]) - axis->coordToPixel(ticks[i - 1])) < widest + gap / 2)
                    overlap = true;
            // Only ever fewer here (a resize starts again from the default): no back and forth.
            const int current = axis->ticker()->tickCount();
            const int want = overlap ? std::min({ fit, current - 1, std::max(2, int(ticks.size()) - 2) }) : fit;
            if (want >= 2 && want < current) {
                axis->ticker()->setTickCount(want);
                changed = true;
            }
        }
    if (changed)
        plot->replot(QCustomPlot::rpQueuedReplot);
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
        } else if (event->type() == QEvent::Resize) {
            resetTicks(static_cast<QCustomPlot *>(watched));
        } else if (event->type() == QEvent::FontChange) {
            resetTicks(static_cast<QCustomPlot *>(watched));
            auto *plot = static_cast<QCustomPlot *>(watched);
            applyFont(plot, plot->font());
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
        return false;
    }
};

class TimeTicker : public QCPAxisTickerDateTime
{
public:
    TimeTicker() { setDateTimeSpec(Qt::UTC); }

protected:
    QVector<QString> createLabelVector(
        const QVector<double> &ticks, const QLocale &locale, QChar formatChar, int precision) override
    {
        double step = 86400;
        for (int i = 1; i < ticks.size(); ++i)
            step = std::min(step, ticks[i] - ticks[i - 1]);
        static const char *const formats[]
            = { "HH:mm:ss.zzz\nMM-dd", "HH:mm:ss\nMM-dd", "HH:mm\nMM-dd", "MM-dd\nyyyy" };
        int f = step < 1 ? 0 : step < 60 ? 1 : step < 86400 ? 2 : 3;
        QVector<QString> labels;
        for (; f >= 0; --f) { // the coarsest format that tells every tick apart
            setDateTimeFormat(QString::fromLatin1(formats[f]));
            labels = QCPAxisTickerDateTime::createLabelVector(ticks, locale, formatChar, precision);
            if (QSet<QString>(labels.begin(), labels.end()).size() == labels.size())
                break;
        }
        return labels;
    }
};

} // namespace

QSharedPointer<QCPAxisTicker> timeTicker()
{
    return QSharedPointer<TimeTicker>::create();
}

void followPalette(QCustomPlot *plot)
{
    applyPalette(plot, plot->palette());
    applyFont(plot, plot->font());
    plot->installEventFilter(new PaletteFollower(plot));
    QObject::connect(plot, &QCustomPlot::afterReplot, plot, [plot] { fitTicks(plot); });
}

void legendAbove(QCustomPlot *plot)
{
    plot->legend->setVisible(true);
    QFont legendFont = plot->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    plot->legend->setFont(legendFont);
    plot->axisRect()->insetLayout()->take(plot->legend);
    plot->axisRect()->insetLayout()->simplify();
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, plot->legend);
    plot->plotLayout()->setRowStretchFactor(0, 0.001);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->legend->setMargins(QMargins(4, 2, 4, 2));
}

} // namespace coldscope
