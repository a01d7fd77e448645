// SPDX-License-Identifier: MIT
#include "timelineview.h"

#include "plotstyle.h"
#include "qtstrings.h"
#include "stats.h"
#include "style.h"
#include "waterfallview.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QToolTip>
#include <QVBoxLayout>

namespace coldscope {

namespace {
double keyOf(TimeMs t)
{
    return double(t) / 1000.0;
} // QCustomPlot's date-time ticker counts seconds
TimeMs timeOf(double key)
{
    return TimeMs(std::llround(key * 1000.0));
}

} // namespace

// One lane per log stream, one bar per invocation. Draws only what is in view and
// at most one mark per pixel column and lane, so a million invocations stay fluid.
class InvocationBars : public QCPAbstractPlottable
{
public:
    InvocationBars(QCPAxis *key, QCPAxis *value)
        : QCPAbstractPlottable(key, value)
    {
        setAntialiasedFill(false);
    }
    void setTimeline(const TimelineData *t) { m_t = t; }
    void setSelectedInvocation(int v) { m_selected = v; }

    double selectTest(const QPointF &, bool, QVariant *) const override { return -1; }
    QCPRange getKeyRange(bool &found, QCP::SignDomain) const override
    {
        found = m_t && m_t->first != kNoTime;
        return found ? QCPRange(keyOf(m_t->first), keyOf(m_t->last)) : QCPRange();
    }
    QCPRange getValueRange(bool &found, QCP::SignDomain, const QCPRange &) const override
    {
        found = m_t && !m_t->lanes.empty();
        return found ? QCPRange(-0.6, double(m_t->lanes.size()) - 0.4) : QCPRange();
    }

    // The bar under a plot point, with a few pixels of slack.
    std::pair<int, int> barAt(const QPointF &pos) const
    {
        if (!m_t)
            return { -1, -1 };
        const int lane = int(std::lround(mValueAxis->pixelToCoord(pos.y())));
        if (lane < 0 || lane >= int(m_t->lanes.size()))
            return { -1, -1 };
        const double key = mKeyAxis->pixelToCoord(pos.x());
        const double slack = std::abs(mKeyAxis->pixelToCoord(pos.x() + 3) - key);
        const auto &bars = m_t->lanes[std::size_t(lane)].bars;
        // Last bar beginning at or before key + slack; look a few back for overlaps.
        auto it = std::upper_bound(
            bars.begin(), bars.end(), key + slack, [](double k, const TimelineBar &b) { return k < keyOf(b.begin()); });
        for (int steps = 0; it != bars.begin() && steps < 4; ++steps) {
            --it;
            if (keyOf(it->finish()) + slack >= key)
                return { lane, int(it - bars.begin()) };
        }
        return { -1, -1 };
    }

protected:
    void draw(QCPPainter *painter) override
    {
        if (!m_t)
            return;
        const QCPRange keys = mKeyAxis->range();
        const double laneHalf = std::max(2.0, std::abs(mValueAxis->coordToPixel(0) - mValueAxis->coordToPixel(0.35)));
        for (std::size_t l = 0; l < m_t->lanes.size(); ++l) {
            const auto &bars = m_t->lanes[l].bars;
            const double y = mValueAxis->coordToPixel(double(l));
            if (y < clipRect().top() - laneHalf || y > clipRect().bottom() + laneHalf)
                continue;
            // First bar that can be visible: bars are sorted by begin and short.
            auto it = std::lower_bound(bars.begin(), bars.end(), keys.lower - 3600.0,
                [](const TimelineBar &b, double k) { return keyOf(b.begin()) < k; });
            double lastPx = -1e9;
            for (; it != bars.end(); ++it) {
                const double b0 = keyOf(it->begin());
                if (b0 > keys.upper)
                    break;
                if (keyOf(it->finish()) < keys.lower)
                    continue;
                const double x0 = mKeyAxis->coordToPixel(b0);
                const double x1 = mKeyAxis->coordToPixel(keyOf(it->finish()));
                const bool selected = it->invocation >= 0 && it->invocation == m_selected;
                if (x1 - x0 < 1.0 && std::floor(x0) == std::floor(lastPx) && !selected)
                    continue; // one mark per pixel
                lastPx = x0;
                if (it->initStart != kNoTime && !std::isnan(it->initMs)) {
                    const double i0 = x0, i1 = mKeyAxis->coordToPixel(keyOf(it->initStart) + it->initMs / 1000.0);
                    const QColor c = it->initStatus == Status::Timeout || it->initStatus == Status::Error
                            || it->initStatus == Status::Failure
                        ? style::timeout()
                        : style::init();
                    painter->fillRect(QRectF(i0, y - laneHalf, std::max(1.0, i1 - i0), 2 * laneHalf), c);
                }
                if (it->start != kNoTime) {
                    const double s0 = mKeyAxis->coordToPixel(keyOf(it->start));
                    QColor c = style::invocation();
                    if (it->status == Status::Timeout)
                        c = style::timeout();
                    else if (it->status == Status::Error || it->status == Status::Failure)
                        c = style::error();
                    painter->fillRect(QRectF(s0, y - laneHalf, std::max(1.0, x1 - s0), 2 * laneHalf), c);
                }
                if (selected) {
                    painter->setPen(QPen(style::selectionOutline(parentPlot()->palette()), 2));
                    painter->setBrush(Qt::NoBrush);
                    painter->drawRect(QRectF(x0 - 2, y - laneHalf - 2, std::max(3.0, x1 - x0) + 4, 2 * laneHalf + 4));
                }
            }
        }
    }
    void drawLegendIcon(QCPPainter *painter, const QRectF &rect) const override
    {
        painter->fillRect(rect.adjusted(0, 0, -rect.width() / 2, 0), style::init());
        painter->fillRect(rect.adjusted(rect.width() / 2, 0, 0, 0), style::invocation());
    }

private:
    const TimelineData *m_t = nullptr;
    int m_selected = -1;
};

TimelineView::TimelineView(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_ws(workspace)
    , m_lanes(new QCustomPlot(this))
    , m_metrics(new QCustomPlot(this))
    , m_histogram(new QCustomPlot(this))
    , m_waterfall(new WaterfallView(this))
    , m_caption(new QLabel(this))
{
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss\nyyyy-MM-dd"));
    ticker->setDateTimeSpec(Qt::UTC);

    m_lanes->xAxis->setTicker(ticker);
    m_lanes->yAxis->setLabel(tr("log stream"));
    m_lanes->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_lanes->axisRect()->setRangeDrag(Qt::Horizontal);
    m_lanes->axisRect()->setRangeZoom(Qt::Horizontal);
    m_lanes->setAccessibleName(tr("Invocations per log stream"));
    m_bars = new InvocationBars(m_lanes->xAxis, m_lanes->yAxis);
    m_bars->setName(tr("INIT | invocation"));

    auto ticker2 = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker2->setDateTimeFormat(QStringLiteral("HH:mm:ss\nyyyy-MM-dd"));
    ticker2->setDateTimeSpec(Qt::UTC);
    m_metrics->xAxis->setTicker(ticker2);
    m_metrics->yAxis->setScaleType(QCPAxis::stLogarithmic);
    m_metrics->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    m_metrics->yAxis->setLabel(tr("ms (log scale)"));
    m_metrics->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_metrics->axisRect()->setRangeDrag(Qt::Horizontal);
    m_metrics->axisRect()->setRangeZoom(Qt::Horizontal);
    m_metrics->legend->setVisible(true);
    m_metrics->setAccessibleName(tr("Init duration and duration over time"));

    m_histogram->xAxis->setLabel(tr("init duration (ms)"));
    m_histogram->yAxis->setLabel(tr("cold starts"));
    auto counts = QSharedPointer<QCPAxisTickerFixed>::create();
    counts->setTickStep(1.0);
    counts->setScaleStrategy(QCPAxisTickerFixed::ssMultiples); // whole counts only
    m_histogram->yAxis->setTicker(counts);
    m_histogram->setAccessibleName(tr("Histogram of init durations"));
    for (QCustomPlot *p : { m_lanes, m_metrics, m_histogram })
        followPalette(p);

    // Keep the two time axes together.
    auto sync = [this](QCustomPlot *to) {
        return [this, to](const QCPRange &r) {
            if (m_syncing)
                return;
            m_syncing = true;
            to->xAxis->setRange(r);
            to->replot(QCustomPlot::rpQueuedReplot);
            m_syncing = false;
        };
    };
    connect(m_lanes->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, sync(m_metrics));
    connect(m_metrics->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, sync(m_lanes));
    connect(m_lanes, &QCustomPlot::mouseDoubleClick, this, [this] {
        m_lanes->rescaleAxes();
        m_lanes->yAxis->setRange(-0.6, std::max<double>(1, double(m_timeline.lanes.size())) - 0.4);
        m_lanes->replot();
    });
    connect(m_metrics, &QCustomPlot::mouseDoubleClick, this, [this] {
        m_lanes->rescaleAxes();
        m_lanes->yAxis->setRange(-0.6, std::max<double>(1, double(m_timeline.lanes.size())) - 0.4);
        m_lanes->replot();
    });
    m_lanes->installEventFilter(this);
    m_lanes->setMouseTracking(true);
    connect(m_waterfall, &WaterfallView::importClicked, this, [this](int run, int node) {
        m_ws->setRun(run);
        m_ws->selectNode(node);
    });
    connect(m_ws, &Workspace::dataChanged, this, &TimelineView::showData);
    connect(m_ws, &Workspace::functionChanged, this, &TimelineView::rebuild);
    connect(m_ws, &Workspace::invocationChanged, this, &TimelineView::showInvocation);
    connect(m_ws, &Workspace::timeRangeChanged, this, &TimelineView::showTimeRange);

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_metrics);
    bottom->addWidget(m_histogram);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_waterfall);
    scroll->setWidgetResizable(true);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_lanes);
    split->addWidget(bottom);
    split->addWidget(scroll);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 2);
    m_caption->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(split, 1);
    m_waterfall->clear();
    if (m_ws->data()) { // made for a workspace already in use: show its state
        showData();
        showInvocation(m_ws->invocation());
        showTimeRange(m_ws->timeRange().first, m_ws->timeRange().second);
    }
}

TimelineView::~TimelineView() = default;

void TimelineView::showData()
{
    m_data = m_ws->data();
    m_selected = -1;
    m_rangeFrom = m_rangeTo = kNoTime;
    rebuild();
}

void TimelineView::showTimeRange(TimeMs from, TimeMs to)
{
    m_rangeFrom = from;
    m_rangeTo = to;
    showRange();
    m_lanes->replot();
}

void TimelineView::rebuild()
{
    m_timeline = m_data ? buildTimeline(*m_data, m_ws->function()) : TimelineData {};
    m_bars->setTimeline(&m_timeline);
    m_bars->setSelectedInvocation(m_selected);
    m_rangeItem = nullptr;
    m_lanes->clearItems();
    m_metrics->clearGraphs();
    m_metrics->clearItems();
    m_histogram->clearPlottables();
    m_histogram->clearItems();

    // Lane labels: the stream name's tail (the hex id), or "environment N".
    auto labels = QSharedPointer<QCPAxisTickerText>::create();
    for (std::size_t l = 0; l < m_timeline.lanes.size(); ++l) {
        QString name = qs(m_data->streamName(m_timeline.lanes[l].stream));
        const int bracket = name.lastIndexOf(QLatin1Char(']'));
        if (bracket >= 0 && name.size() - bracket > 9)
            name = name.left(name.indexOf(QLatin1Char('['))).section(QLatin1Char('/'), 3) + QStringLiteral("…")
                + name.right(8);
        labels->addTick(double(l), name);
    }
    if (m_timeline.lanes.size() > 40)
        labels->clear(); // too many to label; the tooltip names them
    m_lanes->yAxis->setTicker(labels);

    // Per-invocation points for the metrics plot.
    QVector<double> initKeys, initValues, durKeys, durValues;
    std::vector<double> inits;
    if (m_data) {
        for (const auto &lane : m_timeline.lanes) {
            for (const auto &b : lane.bars) {
                if (!std::isnan(b.initMs) && b.initStart != kNoTime) {
                    initKeys << keyOf(b.initStart);
                    initValues << std::max(0.01, b.initMs);
                    inits.push_back(b.initMs);
                }
                if (b.start != kNoTime && !std::isnan(b.durationMs)) {
                    durKeys << keyOf(b.start);
                    durValues << std::max(0.01, b.durationMs);
                }
            }
        }
    }
    auto scatter = [&](const QVector<double> &k, const QVector<double> &v, const QColor &c, const QString &name,
                       QCPScatterStyle::ScatterShape shape) {
        QCPGraph *g = m_metrics->addGraph();
        g->setName(name);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(shape, c, c, 5));
        g->setPen(QPen(c));
        g->setData(k, v, false);
        g->setAdaptiveSampling(true);
    };
    scatter(durKeys, durValues, style::invocation(), tr("duration"), QCPScatterStyle::ssDisc);
    scatter(initKeys, initValues, style::init(), tr("init duration"), QCPScatterStyle::ssTriangle);
    auto *limit = new QCPItemStraightLine(m_metrics);
    limit->point1->setCoords(0, 10000);
    limit->point2->setCoords(1, 10000);
    limit->setPen(QPen(style::timeout(), 1.5, Qt::DashLine));
    auto *limitText = new QCPItemText(m_metrics);
    limitText->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    limitText->position->setTypeY(QCPItemPosition::ptPlotCoords);
    limitText->position->setCoords(0.01, 10000);
    limitText->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    limitText->setText(tr("10 s INIT limit"));
    limitText->setColor(style::timeout());

    // Histogram of init durations, with the limit.
    const Histogram h = histogram(inits, 30);
    if (!h.counts.empty()) {
        auto *bars = new QCPBars(m_histogram->xAxis, m_histogram->yAxis);
        bars->setWidth(h.width);
        bars->setBrush(style::init());
        bars->setPen(QPen(style::init().darker(130)));
        QVector<double> keys, values;
        for (std::size_t b = 0; b < h.counts.size(); ++b) {
            keys << h.lo + (double(b) + 0.5) * h.width;
            values << double(h.counts[b]);
        }
        bars->setData(keys, values, true);
        m_histogram->rescaleAxes();
        m_histogram->xAxis->setRange(std::min(0.0, h.lo), std::max(h.hi, 10000.0) * 1.05);
        m_histogram->yAxis->setRangeLower(0);
        auto *vline = new QCPItemStraightLine(m_histogram);
        vline->point1->setCoords(10000, 0);
        vline->point2->setCoords(10000, 1);
        vline->setPen(QPen(style::timeout(), 1.5, Qt::DashLine));
    }

    m_lanes->rescaleAxes();
    m_lanes->yAxis->setRange(-0.6, std::max<double>(1, double(m_timeline.lanes.size())) - 0.4);
    m_lanes->yAxis->setRangeReversed(true);
    if (m_timeline.first != kNoTime) {
        const double pad = std::max(1.0, (keyOf(m_timeline.last) - keyOf(m_timeline.first)) * 0.02);
        m_lanes->xAxis->setRange(keyOf(m_timeline.first) - pad, keyOf(m_timeline.last) + pad);
    }
    m_metrics->yAxis->setRange(1, 40000);
    if (!durValues.isEmpty() || !initValues.isEmpty()) {
        double hi = 10;
        for (double v : durValues)
            hi = std::max(hi, v);
        for (double v : initValues)
            hi = std::max(hi, v);
        m_metrics->yAxis->setRange(0.5, std::max(hi, 12000.0) * 1.5);
    }
    // The counts are the summary's (`coldscope summary`, the details pane): one definition.
    const auto fn = m_ws->function();
    const Summary sum
        = m_data ? summarize(*m_data, [fn](const Invocation &inv) { return !fn || inv.function == *fn; }) : Summary {};
    m_caption->setText(m_timeline.lanes.empty()
            ? tr("No invocations or INIT phases in this file.")
            : tr("%1 log streams, %2 invocations, %3 cold starts, %4 timeouts, %5 errors, %6 INIT timeouts. "
                 "<span style='color:%7'>■</span> INIT <span style='color:%8'>■</span> invocation "
                 "<span style='color:%9'>■</span> timeout <span style='color:%10'>■</span> error. "
                 "Wheel: zoom, drag: pan, double-click: reset, drag on the time axis: select a range.")
                  .arg(m_timeline.lanes.size())
                  .arg(sum.invocations)
                  .arg(sum.coldStarts)
                  .arg(sum.timeouts)
                  .arg(sum.errors)
                  .arg(sum.initTimeouts)
                  .arg(style::init().name(), style::invocation().name(), style::timeout().name(),
                      style::error().name()));
    showRange();
    m_lanes->replot();
    m_metrics->replot();
    m_histogram->replot();
    if (m_selected < 0)
        m_waterfall->clear();
}

int TimelineView::invocationAt(const QPointF &pos) const
{
    const auto [lane, bar] = m_bars->barAt(pos);
    if (lane < 0)
        return -1;
    return m_timeline.lanes[std::size_t(lane)].bars[std::size_t(bar)].invocation;
}

void TimelineView::selectInvocation(int invocation)
{
    m_ws->selectInvocation(invocation);
}

void TimelineView::showInvocation(int invocation)
{
    m_selected = invocation;
    m_bars->setSelectedInvocation(invocation);
    m_lanes->replot();
    if (m_data && invocation >= 0 && std::size_t(invocation) < m_data->invocations.size()) {
        const Invocation &inv = m_data->invocations[std::size_t(invocation)];
        if (inv.cold)
            m_waterfall->showColdStart(m_data, invocation, inv.initPhase);
    }
}

void TimelineView::setTimeRange(TimeMs from, TimeMs to)
{
    if (from != kNoTime && to != kNoTime && to < from)
        std::swap(from, to);
    m_ws->setTimeRange(from, to);
    // The drag drew the range already; show it as the workspace has it.
    m_rangeFrom = m_ws->timeRange().first;
    m_rangeTo = m_ws->timeRange().second;
    showRange();
    m_lanes->replot();
}

void TimelineView::showRange()
{
    if (m_rangeFrom == kNoTime || m_rangeTo == kNoTime) {
        if (m_rangeItem) {
            m_lanes->removeItem(m_rangeItem);
            m_rangeItem = nullptr;
        }
        return;
    }
    if (!m_rangeItem) {
        m_rangeItem = new QCPItemRect(m_lanes);
        m_rangeItem->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        m_rangeItem->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        m_rangeItem->setBrush(style::rangeFill());
        m_rangeItem->setPen(QPen(style::rangeLine(), 1));
    }
    m_rangeItem->topLeft->setCoords(keyOf(m_rangeFrom), 0);
    m_rangeItem->bottomRight->setCoords(keyOf(m_rangeTo), 1);
}

bool TimelineView::inTimeAxis(const QPointF &pos) const
{
    const QRect ar = m_lanes->axisRect()->rect();
    return pos.x() >= ar.left() && pos.x() <= ar.right() && pos.y() > ar.bottom() && pos.y() < m_lanes->height();
}

bool TimelineView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_lanes) {
        switch (event->type()) {
        case QEvent::MouseButtonPress:
            onLanesPress(static_cast<QMouseEvent *>(event));
            return m_selectingRange;
        case QEvent::MouseMove:
            onLanesMove(static_cast<QMouseEvent *>(event));
            return m_selectingRange;
        case QEvent::MouseButtonRelease: {
            const bool was = m_selectingRange;
            onLanesRelease(static_cast<QMouseEvent *>(event));
            return was;
        }
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TimelineView::onLanesPress(QMouseEvent *e)
{
    if (e->button() == Qt::LeftButton && inTimeAxis(e->position())) {
        m_selectingRange = true;
        m_rangeAnchor = m_lanes->xAxis->pixelToCoord(e->position().x());
        m_rangeFrom = m_rangeTo = timeOf(m_rangeAnchor);
        showRange();
        m_lanes->replot();
        return;
    }
    if (e->button() == Qt::RightButton && m_rangeFrom != kNoTime) {
        setTimeRange(kNoTime, kNoTime);
        return;
    }
    if (e->button() == Qt::LeftButton) {
        const auto [lane, bar] = m_bars->barAt(e->position());
        if (lane < 0)
            return;
        const TimelineBar &b = m_timeline.lanes[std::size_t(lane)].bars[std::size_t(bar)];
        if (b.invocation >= 0) {
            m_ws->selectInvocation(b.invocation);
        } else { // an INIT without invocation
            m_waterfall->showColdStart(m_data, -1, b.initPhase);
        }
    }
}

void TimelineView::onLanesMove(QMouseEvent *e)
{
    if (m_selectingRange) {
        const double k = m_lanes->xAxis->pixelToCoord(e->position().x());
        m_rangeFrom = timeOf(std::min(k, m_rangeAnchor));
        m_rangeTo = timeOf(std::max(k, m_rangeAnchor));
        showRange();
        m_lanes->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const auto [lane, bar] = m_bars->barAt(e->position());
    if (lane < 0 || !m_data) {
        QToolTip::hideText();
        return;
    }
    const TimelineBar &b = m_timeline.lanes[std::size_t(lane)].bars[std::size_t(bar)];
    QString tip = QStringLiteral("<b>%1</b><br/>")
                      .arg(qs(m_data->streamName(m_timeline.lanes[std::size_t(lane)].stream)).toHtmlEscaped());
    if (b.invocation >= 0) {
        const Invocation &inv = m_data->invocations[std::size_t(b.invocation)];
        tip += tr("request %1<br/>start %2<br/>Duration %3 ms · Billed %4 ms<br/>Memory %5 / %6 MB")
                   .arg(qs(m_data->events.requests.view(inv.request)),
                       QString::fromStdString(formatTimestamp(inv.start)))
                   .arg(inv.durationMs, 0, 'f', 2)
                   .arg(inv.billedDurationMs, 0, 'f', 0)
                   .arg(inv.maxMemoryUsedMB)
                   .arg(inv.memorySizeMB);
        if (inv.cold)
            tip += tr("<br/>Init Duration %1 ms (cold start)").arg(inv.initDurationMs, 0, 'f', 2);
        if (inv.status != Status::Success)
            tip += tr("<br/>Status: <b>%1</b>").arg(qs(statusName(inv.status)));
    } else if (b.initPhase >= 0) {
        const InitPhase &ip = m_data->initPhases[std::size_t(b.initPhase)];
        tip += tr("INIT without an invocation<br/>Init Duration %1 ms<br/>Status: <b>%2</b>")
                   .arg(ip.durationMs, 0, 'f', 2)
                   .arg(qs(statusName(ip.status)));
        if (ip.errorType)
            tip += QStringLiteral(" (%1)").arg(qs(m_data->events.strings.view(ip.errorType)));
    }
    QToolTip::showText(e->globalPosition().toPoint(), tip, m_lanes);
}

void TimelineView::onLanesRelease(QMouseEvent *)
{
    if (!m_selectingRange)
        return;
    m_selectingRange = false;
    if (m_rangeTo - m_rangeFrom < 1)
        setTimeRange(kNoTime, kNoTime);
    else
        setTimeRange(m_rangeFrom, m_rangeTo);
}

} // namespace coldscope
