// SPDX-License-Identifier: MIT
#include "timelineview.h"

#include "plotstyle.h"
#include "qtstrings.h"
#include "stats.h"
#include "style.h"
#include "timelinedata.h"
#include "waterfallview.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QToolTip>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <array>
#include <atomic>
#include <bit>
#include <climits>

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

namespace {
constexpr double kHitPx = 6; // no bar is drawn narrower: each is a hit target
constexpr double kSlackPx = 4; // a point this close to a bar hits it
constexpr double kRowPx = 18; // row pitch the detail starts at when rows do not fit

QColor statusColor(const TimelineBar &b)
{
    if (b.status == Status::Timeout)
        return style::timeout();
    if (b.status == Status::Error || b.status == Status::Failure)
        return style::error();
    return style::invocation();
}
QColor initColor(const TimelineBar &b)
{
    return b.initStatus == Status::Timeout || b.initStatus == Status::Error || b.initStatus == Status::Failure
        ? style::timeout()
        : style::init();
}
// Worse first: what a mark standing for several bars shows.
int severity(const TimelineBar &b)
{
    return barHas(b, BarMark::Timeout) ? 3 : barHas(b, BarMark::Error) ? 2 : b.initStart != kNoTime ? 1 : 0;
}
} // namespace

// Packed rows of environments, one bar per invocation (INIT part + invocation part).
// A bar is never narrower than kHitPx: bars closer than that on a row share one mark
// (with their INIT parts and a stripe per timeout or error), found by binary search,
// so a frame costs about (visible rows x width / kHitPx) marks whatever the number of
// invocations.
class InvocationBars : public QCPAbstractPlottable
{
public:
    InvocationBars(QCPAxis *key, QCPAxis *value)
        : QCPAbstractPlottable(key, value)
    {
        setAntialiasedFill(false);
    }
    void setTimeline(const TimelineData *t, const LaneRows *rows)
    {
        m_t = t;
        m_rows = rows;
        m_marks.assign(t ? t->lanes.size() : 0, {});
        m_begin.assign(m_marks.size(), {});
        m_finish.assign(m_marks.size(), {});
        if (!t)
            return;
        for (std::size_t l = 0; l < t->lanes.size(); ++l) {
            const auto &bars = t->lanes[l].bars;
            m_begin[l].reserve(bars.size());
            m_finish[l].reserve(bars.size());
            for (std::size_t b = 0; b < bars.size(); ++b) {
                if (severity(bars[b]) > 0)
                    m_marks[l].push_back(std::uint32_t(b));
                m_begin[l].push_back(keyOf(bars[b].begin()));
                m_finish[l].push_back(keyOf(bars[b].finish()));
            }
        }
    }
    void setSelected(int lane, int bar)
    {
        m_selLane = lane;
        m_selBar = bar;
    }

    double selectTest(const QPointF &, bool, QVariant *) const override { return -1; }
    QCPRange getKeyRange(bool &found, QCP::SignDomain) const override
    {
        found = m_t && m_t->first != kNoTime;
        return found ? QCPRange(keyOf(m_t->first), keyOf(m_t->last)) : QCPRange();
    }
    QCPRange getValueRange(bool &found, QCP::SignDomain, const QCPRange &) const override
    {
        found = m_rows && !m_rows->rows.empty();
        return found ? QCPRange(-0.6, double(m_rows->rows.size()) - 0.4) : QCPRange();
    }

    double rowHalf() const
    {
        return std::clamp(std::abs(mValueAxis->coordToPixel(0) - mValueAxis->coordToPixel(0.36)), 1.5, 12.0);
    }

    // The bar nearest to a point of the plot on its row, within kSlackPx of the
    // bar as drawn; bars standing out (timeouts, errors, cold starts) win ties.
    std::pair<int, int> barAt(const QPointF &pos) const
    {
        if (!m_t || !m_rows || m_rows->rows.empty())
            return { -1, -1 };
        const int row = int(std::lround(mValueAxis->pixelToCoord(pos.y())));
        if (row < 0 || row >= int(m_rows->rows.size()))
            return { -1, -1 };
        if (std::abs(pos.y() - mValueAxis->coordToPixel(double(row))) > rowHalf() + kSlackPx)
            return { -1, -1 };
        const double kL = mKeyAxis->pixelToCoord(pos.x() - kSlackPx - kHitPx);
        const double kR = mKeyAxis->pixelToCoord(pos.x() + kSlackPx);
        const auto &lanes = m_rows->rows[std::size_t(row)];
        auto li = std::partition_point(
            lanes.begin(), lanes.end(), [&](std::uint32_t l) { return keyOf(m_rows->end[l]) < kL; });
        std::pair<int, int> best { -1, -1 };
        double bestOut = 1e18, bestNear = 1e18;
        int bestRank = -1, budget = 20000;
        for (; li != lanes.end() && keyOf(m_rows->begin[*li]) <= kR && budget > 0; ++li) {
            const auto &bars = m_t->lanes[*li].bars;
            const auto &B = m_begin[*li], &F = m_finish[*li];
            std::size_t i = std::size_t(std::lower_bound(F.begin(), F.end(), kL) - F.begin());
            for (; i < bars.size() && B[i] <= kR && budget-- > 0; ++i) {
                const auto bi = bars.begin() + std::ptrdiff_t(i);
                const double x0 = mKeyAxis->coordToPixel(B[i]);
                const double x1 = std::max(mKeyAxis->coordToPixel(F[i]), x0 + kHitPx);
                const double out = pos.x() < x0 ? x0 - pos.x() : (pos.x() > x1 ? pos.x() - x1 : 0.0);
                if (out > kSlackPx)
                    continue;
                // Nearest first; then the one standing out; then the one beginning nearest.
                const int rank = severity(*bi);
                const double near = std::abs(pos.x() - x0);
                const bool same = std::abs(out - bestOut) < 1e-9;
                if (out < bestOut - 1e-9 || (same && rank > bestRank)
                    || (same && rank == bestRank && near < bestNear)) {
                    best = { int(*li), int(bi - bars.begin()) };
                    bestOut = out;
                    bestRank = rank;
                    bestNear = near;
                }
            }
        }
        return best;
    }

protected:
    void draw(QCPPainter *painter) override
    {
        if (!m_t || !m_rows)
            return;
        const QCPRange keys = mKeyAxis->range();
        const double half = rowHalf();
        const QRect clip = clipRect();
        painter->setAntialiasing(false); // solid rectangles: the fast path
        for (std::size_t r = 0; r < m_rows->rows.size(); ++r) {
            const double y = mValueAxis->coordToPixel(double(r));
            if (y < clip.top() - half || y > clip.bottom() + half)
                continue;
            const auto &lanes = m_rows->rows[r];
            double drawnTo = -1e18; // pixel up to which this row is drawn
            double from = keys.lower;
            auto li = std::partition_point(
                lanes.begin(), lanes.end(), [&](std::uint32_t l) { return keyOf(m_rows->end[l]) < from; });
            while (li != lanes.end() && keyOf(m_rows->begin[*li]) <= keys.upper) {
                drawnTo = drawLane(painter, *li, y, half, std::max(keys.lower, from), keys.upper, drawnTo);
                // Lanes entirely under what is drawn are skipped in one search.
                from = mKeyAxis->pixelToCoord(drawnTo);
                const auto next = std::partition_point(
                    li + 1, lanes.end(), [&](std::uint32_t l) { return keyOf(m_rows->end[l]) < from; });
                li = next;
            }
        }
        if (m_selLane >= 0 && std::size_t(m_selLane) < m_t->lanes.size()) {
            const auto &lane = m_t->lanes[std::size_t(m_selLane)];
            if (std::size_t(m_selBar) < lane.bars.size()) {
                const TimelineBar &b = lane.bars[std::size_t(m_selBar)];
                const double y = mValueAxis->coordToPixel(double(m_rows->rowOf[std::size_t(m_selLane)]));
                const double x0 = mKeyAxis->coordToPixel(keyOf(b.begin()));
                const double x1 = std::max(mKeyAxis->coordToPixel(keyOf(b.finish())), x0 + kHitPx);
                painter->setPen(QPen(style::selectionOutline(parentPlot()->palette()), 2));
                painter->setBrush(Qt::NoBrush);
                painter->drawRect(QRectF(x0 - 2, y - half - 2, x1 - x0 + 4, 2 * half + 4));
            }
        }
    }

    // Draws the bars of one lane from key `from` to `to`; returns the pixel drawn to.
    double drawLane(QCPPainter *painter, std::uint32_t l, double y, double half, double from, double to, double drawnTo)
    {
        const auto &bars = m_t->lanes[l].bars;
        const auto &marks = m_marks[l];
        const auto &B = m_begin[l], &F = m_finish[l];
        auto px = [&](TimeMs t) { return mKeyAxis->coordToPixel(keyOf(t)); };
        // Bars of one environment follow each other: finishes are in order too.
        std::size_t i = std::size_t(std::lower_bound(F.begin(), F.end(), from) - F.begin());
        while (i < bars.size() && B[i] <= to) {
            const TimelineBar &b = bars[i];
            const double x0 = std::max(mKeyAxis->coordToPixel(B[i]), drawnTo);
            double end = std::max(mKeyAxis->coordToPixel(F[i]), x0 + kHitPx);
            // Bars beginning under this mark join it.
            const double endKey = mKeyAxis->pixelToCoord(end);
            std::size_t j
                = std::size_t(std::lower_bound(B.begin() + std::ptrdiff_t(i) + 1, B.end(), endKey) - B.begin());
            if (j == i + 1) {
                if (b.initStart != kNoTime && !std::isnan(b.initMs)) {
                    const double iw = std::max(px(b.initStart + TimeMs(std::llround(b.initMs))) - x0, kHitPx / 2);
                    painter->fillRect(QRectF(x0, y - half, iw, 2 * half), initColor(b));
                    if (b.start != kNoTime) {
                        const double s0 = x0 + iw;
                        end = std::max(mKeyAxis->coordToPixel(F[i]), s0 + kHitPx / 2);
                        painter->fillRect(QRectF(s0, y - half, end - s0, 2 * half), statusColor(b));
                    } else {
                        end = x0 + iw;
                    }
                } else {
                    painter->fillRect(QRectF(x0, y - half, end - x0, 2 * half), statusColor(b));
                }
            } else {
                end = std::max(end, mKeyAxis->coordToPixel(F[j - 1]));
                // Several bars under one mark: the invocation colour, a cold start's
                // INIT at its place, and a 2 px stripe for each timeout or error among
                // them (so they stand out without colouring the whole mark).
                painter->fillRect(QRectF(x0, y - half, end - x0, 2 * half), style::invocation());
                const auto first = std::lower_bound(marks.begin(), marks.end(), std::uint32_t(i));
                int seen = 0;
                for (auto m = first; m != marks.end() && *m < j && seen < 256; ++m, ++seen) {
                    const TimelineBar &o = bars[*m];
                    if (o.initStart == kNoTime || std::isnan(o.initMs))
                        continue;
                    const double c0 = std::max(px(o.initStart), x0);
                    const double iw = std::max(px(o.initStart + TimeMs(std::llround(o.initMs))) - c0, kHitPx / 2);
                    painter->fillRect(QRectF(c0, y - half, std::min(iw, end - c0), 2 * half), initColor(o));
                }
                double stripeTo = -1e9;
                seen = 0;
                for (auto m = first; m != marks.end() && *m < j && seen < 256; ++m, ++seen) {
                    const TimelineBar &o = bars[*m];
                    if (o.start == kNoTime || severity(o) < 2)
                        continue;
                    const double sx = std::clamp(px(o.start), x0, end - 2);
                    if (sx < stripeTo)
                        continue; // one stripe per 2 px
                    painter->fillRect(QRectF(sx, y - half, 2, 2 * half), statusColor(o));
                    stripeTo = sx + 2;
                }
            }
            drawnTo = end;
            i = j;
        }
        return drawnTo;
    }

    void drawLegendIcon(QCPPainter *painter, const QRectF &rect) const override
    {
        painter->fillRect(rect.adjusted(0, 0, -rect.width() / 2, 0), style::init());
        painter->fillRect(rect.adjusted(rect.width() / 2, 0, 0, 0), style::invocation());
    }

private:
    const TimelineData *m_t = nullptr;
    const LaneRows *m_rows = nullptr;
    std::vector<std::vector<std::uint32_t>> m_marks; // by lane: bars standing out
    std::vector<std::vector<double>> m_begin, m_finish; // by lane and bar: keys (s)
    int m_selLane = -1, m_selBar = -1;
};

// One value per invocation over time on a log axis (duration, init duration). A frame
// costs pixels, not points: with more than kExactPoints points in view, it draws a
// pyramid of bins instead (each bin of time a bit mask of 256 log-spaced value buckets,
// 32 a decade from 0.01 ms to 10^6 ms), at the level where a bin is about 2 px wide.
class PointSeries : public QCPAbstractPlottable
{
public:
    static constexpr std::size_t kExactPoints = 4000;
    static constexpr int kBuckets = 256;
    static constexpr std::size_t kBaseBins = 1u << 15;

    PointSeries(QCPAxis *key, QCPAxis *value, std::vector<std::pair<double, double>> points, QColor color,
        QCPScatterStyle::ScatterShape shape)
        : QCPAbstractPlottable(key, value)
        , m_style(shape, color, color, 5)
    {
        if (!std::is_sorted(points.begin(), points.end())) // build() sorts them on its worker
            std::sort(points.begin(), points.end());
        m_keys.reserve(points.size());
        m_values.reserve(points.size());
        for (const auto &[k, v] : points) {
            m_keys.push_back(k);
            m_values.push_back(v);
        }
        setPen(QPen(color));
        setBrush(color);
        if (m_keys.empty())
            return;
        m_lo = m_keys.front();
        m_binWidth = std::max(1e-9, (m_keys.back() - m_lo) / double(kBaseBins));
        std::vector<Mask> level(kBaseBins);
        for (std::size_t i = 0; i < m_keys.size(); ++i) {
            const auto b = std::min(kBaseBins - 1, std::size_t((m_keys[i] - m_lo) / m_binWidth));
            const int q = bucketOf(m_values[i]);
            level[b][std::size_t(q / 64)] |= std::uint64_t(1) << (q % 64);
        }
        m_levels.push_back(std::move(level));
        while (m_levels.back().size() > 1) {
            const auto &below = m_levels.back();
            std::vector<Mask> up((below.size() + 1) / 2);
            for (std::size_t b = 0; b < below.size(); ++b)
                for (std::size_t w = 0; w < 4; ++w)
                    up[b / 2][w] |= below[b][w];
            m_levels.push_back(std::move(up));
        }
    }

    double selectTest(const QPointF &, bool, QVariant *) const override { return -1; }
    QCPRange getKeyRange(bool &found, QCP::SignDomain) const override
    {
        found = !m_keys.empty();
        return found ? QCPRange(m_keys.front(), m_keys.back()) : QCPRange();
    }
    QCPRange getValueRange(bool &found, QCP::SignDomain, const QCPRange &) const override
    {
        found = !m_values.empty();
        if (!found)
            return {};
        const auto [lo, hi] = std::minmax_element(m_values.begin(), m_values.end());
        return { *lo, *hi };
    }

protected:
    using Mask = std::array<std::uint64_t, 4>;
    static int bucketOf(double v)
    {
        return std::clamp(int(std::floor((std::log10(std::max(v, 1e-9)) + 2.0) * 32.0)), 0, kBuckets - 1);
    }
    static double bucketValue(int q) { return std::pow(10.0, (double(q) + 0.5) / 32.0 - 2.0); }

    void draw(QCPPainter *painter) override
    {
        if (m_keys.empty())
            return;
        const QCPRange keys = mKeyAxis->range();
        const auto i0 = std::lower_bound(m_keys.begin(), m_keys.end(), keys.lower) - m_keys.begin();
        const auto i1 = std::upper_bound(m_keys.begin(), m_keys.end(), keys.upper) - m_keys.begin();
        applyScattersAntialiasingHint(painter);
        m_style.applyTo(painter, pen());
        if (std::size_t(i1 - i0) <= kExactPoints) {
            for (auto i = i0; i < i1; ++i)
                m_style.drawShape(painter, mKeyAxis->coordToPixel(m_keys[std::size_t(i)]),
                    mValueAxis->coordToPixel(m_values[std::size_t(i)]));
            return;
        }
        // The level whose bins are at least 2 px wide (or the finest).
        const double pxPerKey = std::abs(mKeyAxis->coordToPixel(keys.upper) - mKeyAxis->coordToPixel(keys.lower))
            / std::max(keys.size(), 1e-12);
        std::size_t level = 0;
        while (level + 1 < m_levels.size() && m_binWidth * double(std::size_t(1) << level) * pxPerKey < 3.0)
            ++level;
        const double width = m_binWidth * double(std::size_t(1) << level);
        const auto &bins = m_levels[level];
        const auto b0 = std::size_t(std::clamp((keys.lower - m_lo) / width, 0.0, double(bins.size() - 1)));
        const auto b1 = std::size_t(std::clamp((keys.upper - m_lo) / width, 0.0, double(bins.size() - 1)));
        // Dense: a bin-wide, 3 px high mark per occupied cell.
        const double binPx = std::max(3.0, width * pxPerKey);
        const QColor color = pen().color();
        const QRect clip = clipRect();
        painter->setAntialiasing(false);
        for (std::size_t b = b0; b <= b1; ++b) {
            const double x = mKeyAxis->coordToPixel(m_lo + (double(b) + 0.5) * width);
            // Cells closer than 3 px merge into one run: a few rectangles per bin.
            double runLo = 0, runHi = -1;
            auto flush = [&] {
                if (runHi >= runLo)
                    painter->fillRect(QRectF(x - binPx / 2, runLo - 1.5, binPx, runHi - runLo + 3), color);
            };
            for (std::size_t w = 0; w < 4; ++w)
                for (std::uint64_t m = bins[b][w]; m; m &= m - 1) {
                    const int q = int(w * 64) + std::countr_zero(m);
                    const double y = mValueAxis->coordToPixel(bucketValue(q));
                    if (y < clip.top() - 2 || y > clip.bottom() + 2)
                        continue;
                    if (runHi >= runLo && y >= runLo - 3 && y <= runHi + 3) {
                        runLo = std::min(runLo, y);
                        runHi = std::max(runHi, y);
                        continue;
                    }
                    flush();
                    runLo = runHi = y;
                }
            flush();
        }
    }
    void drawLegendIcon(QCPPainter *painter, const QRectF &rect) const override
    {
        m_style.applyTo(painter, pen());
        m_style.drawShape(painter, rect.center());
    }

private:
    QCPScatterStyle m_style;
    std::vector<double> m_keys, m_values; // by key
    double m_lo = 0, m_binWidth = 1;
    std::vector<std::vector<Mask>> m_levels; // [0]: kBaseBins bins, then halving
};

TimelineView::TimelineView(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_ws(workspace)
    , m_lanes(new QCustomPlot(this))
    , m_metrics(new QCustomPlot(this))
    , m_histogram(new QCustomPlot(this))
    , m_overview(new QCustomPlot(this))
    , m_waterfall(new WaterfallView(this))
    , m_waterfallPane(new QWidget(this))
    , m_importOrder(new QCheckBox(tr("Import order"), this))
    , m_rowScroll(new QScrollBar(Qt::Vertical, this))
    , m_split(new QSplitter(Qt::Vertical, this))
    , m_caption(new QLabel(this))
{
    auto dateTicker = [] {
        auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
        ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss\nyyyy-MM-dd"));
        ticker->setDateTimeSpec(Qt::UTC);
        return ticker;
    };

    m_lanes->xAxis->setTicker(dateTicker());
    m_lanes->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_lanes->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    m_lanes->axisRect()->setRangeZoom(Qt::Horizontal);
    m_lanes->setAccessibleName(tr("Invocations per execution environment, packed into rows"));
    m_lanes->setFocusPolicy(Qt::StrongFocus);
    m_bars = new InvocationBars(m_lanes->xAxis, m_lanes->yAxis);
    m_bars->setName(tr("INIT | invocation"));
    m_lanes->yAxis->setRangeReversed(true);
    m_lanes->yAxis->setTickLength(0, 0);
    m_lanes->yAxis->setSubTickLength(0, 0);

    // The overview: the whole file, stacked environments in INIT / busy / idle, and
    // cold starts, timeouts and errors per bin on the right axis.
    // Two bands over one time axis: environments (stacked areas) above, counts per bin
    // below, so that neither hides the other.
    m_overviewCounts = new QCPAxisRect(m_overview);
    m_overview->plotLayout()->addElement(1, 0, m_overviewCounts);
    m_overview->plotLayout()->setRowStretchFactor(0, 3);
    m_overview->plotLayout()->setRowStretchFactor(1, 2);
    m_overview->plotLayout()->setRowSpacing(0);
    auto *align = new QCPMarginGroup(m_overview);
    m_overview->axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, align);
    m_overviewCounts->setMarginGroup(QCP::msLeft | QCP::msRight, align);
    m_overview->axisRect()->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msTop);
    m_overview->axisRect()->setMargins(QMargins(0, 0, 0, 2));
    m_overviewCounts->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);
    m_overviewCounts->setMargins(QMargins(0, 2, 0, 0));
    m_overview->xAxis->setTickLabels(false);
    m_overview->yAxis->setLabel(tr("envs"));
    m_overview->yAxis->ticker()->setTickCount(2);
    QCPAxis *countTime = m_overviewCounts->axis(QCPAxis::atBottom);
    QCPAxis *counts = m_overviewCounts->axis(QCPAxis::atLeft);
    countTime->setTicker(dateTicker());
    counts->setLabel(tr("per bin"));
    counts->ticker()->setTickCount(2);
    m_overview->setAccessibleName(tr("Overview of the whole file: drag to choose the detail's time range"));
    m_overview->setMinimumHeight(fontMetrics().height() * 9);
    m_overview->setMaximumHeight(fontMetrics().height() * 11);
    m_overview->setFocusPolicy(Qt::StrongFocus);
    m_overview->installEventFilter(this);

    m_metrics->xAxis->setTicker(dateTicker());
    m_metrics->yAxis->setScaleType(QCPAxis::stLogarithmic);
    m_metrics->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    m_metrics->yAxis->setLabel(tr("ms (log scale)"));
    m_metrics->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_metrics->axisRect()->setRangeDrag(Qt::Horizontal);
    m_metrics->axisRect()->setRangeZoom(Qt::Horizontal);
    legendAbove(m_metrics); // a row above the plot: it never covers the data
    m_metrics->setAccessibleName(tr("Init duration and duration over time"));

    m_histogram->xAxis->setLabel(tr("init duration (ms)"));
    m_histogram->yAxis->setLabel(tr("cold starts"));
    auto whole = QSharedPointer<QCPAxisTickerFixed>::create();
    whole->setTickStep(1.0);
    whole->setScaleStrategy(QCPAxisTickerFixed::ssMultiples); // whole counts only
    m_histogram->yAxis->setTicker(whole);
    m_histogram->setAccessibleName(tr("Histogram of init durations"));
    for (QCustomPlot *p : { m_lanes, m_metrics, m_histogram, m_overview })
        followPalette(p);

    // Keep the two time axes together; the overview shows the detail's range.
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
    connect(m_lanes->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, [this] {
        showDetailRange();
        updateRowLabels();
    });
    connect(m_lanes->yAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, [this](const QCPRange &r) {
        if (m_syncing)
            return;
        setRowsShown(r.lower, r.size()); // clamps a drag to the rows
    });
    auto reset = [this] {
        m_userRows = false;
        showWholeTime();
        fitRows();
        m_lanes->replot();
    };
    connect(m_lanes, &QCustomPlot::mouseDoubleClick, this, reset);
    connect(m_metrics, &QCustomPlot::mouseDoubleClick, this, reset);
    connect(m_rowScroll, &QScrollBar::valueChanged, this, [this](int v) {
        if (m_syncing)
            return;
        setRowsShown(double(v) - 0.6, rowsShown().second);
        m_lanes->replot(QCustomPlot::rpQueuedReplot);
    });
    m_lanes->installEventFilter(this);
    m_lanes->setMouseTracking(true);
    connect(m_waterfall, &WaterfallView::importClicked, this, [this](int run, int node) {
        m_ws->setRun(run);
        m_ws->selectNode(node);
    });
    m_rowScroll->setObjectName(QStringLiteral("rowScroll"));
    m_rowScroll->setAccessibleName(tr("Scroll the rows"));
    m_importOrder->setToolTip(tr("List the imports in the order they ran instead of by cumulative time"));
    connect(m_importOrder, &QCheckBox::toggled, m_waterfall, &WaterfallView::setImportOrder);
    connect(m_ws, &Workspace::dataChanged, this, &TimelineView::showData);
    connect(m_ws, &Workspace::functionChanged, this, &TimelineView::rebuildWhenShown);
    connect(m_ws, &Workspace::invocationChanged, this, &TimelineView::showInvocation);
    connect(m_ws, &Workspace::timeRangeChanged, this, &TimelineView::showTimeRange);

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_metrics);
    bottom->addWidget(m_histogram);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 1);
    auto *detail = new QWidget(this);
    auto *detailLayout = new QHBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->setSpacing(0);
    detailLayout->addWidget(m_lanes, 1);
    detailLayout->addWidget(m_rowScroll);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_waterfall);
    scroll->setWidgetResizable(true);
    auto *paneLayout = new QVBoxLayout(m_waterfallPane);
    paneLayout->setContentsMargins(0, 0, 0, 0);
    paneLayout->setSpacing(0);
    auto *paneHeader = new QHBoxLayout;
    paneHeader->setContentsMargins(4, 2, 4, 2);
    auto *paneTitle = new QLabel(tr("INIT waterfall of the selected cold start, imports by cumulative time"), this);
    connect(m_importOrder, &QCheckBox::toggled, paneTitle, [paneTitle](bool importOrder) {
        paneTitle->setText(importOrder ? tr("INIT waterfall of the selected cold start, imports in import order")
                                       : tr("INIT waterfall of the selected cold start, imports by cumulative time"));
    });
    paneHeader->addWidget(paneTitle, 1);
    paneHeader->addWidget(m_importOrder);
    paneLayout->addLayout(paneHeader);
    paneLayout->addWidget(scroll, 1);
    m_split->addWidget(detail);
    m_split->addWidget(bottom);
    m_split->addWidget(m_waterfallPane);
    m_split->setChildrenCollapsible(false);
    connect(m_split, &QSplitter::splitterMoved, this, [this] { m_userSplit = true; });
    m_caption->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_caption);
    layout->addWidget(m_overview);
    layout->addWidget(m_split, 1);
    setFocusPolicy(Qt::StrongFocus);
    // C / T / E anywhere in the window while the timeline shows (a shortcut of a hidden
    // tab does not fire; text fields keep their letters); keyPressEvent handles them
    // too when the window is not the active one.
    for (const auto &keyMark : { std::pair { Qt::Key_C, BarMark::ColdStart }, std::pair { Qt::Key_T, BarMark::Timeout },
             std::pair { Qt::Key_E, BarMark::Error } }) {
        const Qt::Key key = keyMark.first;
        const BarMark mark = keyMark.second; // a copy: clang 14 cannot capture a structured binding
        for (const int dir : { +1, -1 }) {
            auto *shortcut = new QShortcut(dir > 0 ? QKeySequence(key) : QKeySequence(Qt::SHIFT | key), this);
            shortcut->setContext(Qt::WindowShortcut);
            connect(shortcut, &QShortcut::activated, this, [this, mark, dir] { step(mark, dir); });
        }
    }
    m_waterfall->clear();
    applySplit();
    if (m_ws->data()) { // made for a workspace already in use: show its state
        showData();
        showInvocation(m_ws->invocation());
        showTimeRange(m_ws->timeRange().first, m_ws->timeRange().second);
    }
}

TimelineView::~TimelineView() = default;

void TimelineView::applySplit()
{
    // The waterfall starts at 38 % of the tab (never less than 35 %), the metrics at
    // a sixth of the split, the rows take the rest.
    const int total = m_split->height() - 2 * m_split->handleWidth();
    if (total <= 0)
        return;
    const int waterfall = std::min(total / 2, int(std::ceil(0.38 * height())));
    const int metrics = std::max(80, total / 7);
    m_split->setSizes({ std::max(80, total - waterfall - metrics), metrics, waterfall });
}

void TimelineView::resizeEvent(QResizeEvent *e)
{
    QWidget::resizeEvent(e);
    if (!m_userSplit) {
        layout()->activate();
        applySplit();
    }
}

void TimelineView::showData()
{
    m_data = m_ws->data();
    m_selected = -1;
    m_cursor = -1;
    m_rangeFrom = m_rangeTo = kNoTime;
    m_userRows = false;
    rebuildWhenShown();
}

void TimelineView::rebuildWhenShown()
{
    m_build.discard(); // a build of the data or function before is of no use now
    m_building = false;
    if (isVisible())
        startBuild();
    else
        m_stale = true;
}

void TimelineView::ensureBuilt() const
{
    if (!m_stale)
        return;
    auto *self = const_cast<TimelineView *>(this); // the cache behind const accessors
    self->m_stale = false;
    self->rebuild();
}

void TimelineView::showEvent(QShowEvent *e)
{
    // Shown for the first time since the data changed: built on a worker, the tab usable
    // meanwhile (a million invocations took ~0.4 s on the GUI thread).
    if (m_stale && !m_building)
        startBuild();
    QWidget::showEvent(e);
}

void TimelineView::showTimeRange(TimeMs from, TimeMs to)
{
    ensureBuilt();
    m_rangeFrom = from;
    m_rangeTo = to;
    showRange();
    m_lanes->replot();
}

std::pair<double, double> TimelineView::rowsShown() const
{
    const QCPRange r = m_lanes->yAxis->range();
    return { r.lower, r.size() };
}

std::pair<double, double> TimelineView::rowWindow() const
{
    ensureBuilt();
    return rowsShown();
}

void TimelineView::setRowWindow(double top, double span)
{
    ensureBuilt();
    setRowsShown(top, span);
}

void TimelineView::setRowsShown(double top, double span)
{
    const double rows = std::max(1, rowCount());
    span = std::clamp(span, std::min(3.0, rows), rows + 0.2);
    top = std::clamp(top, -0.6, std::max(-0.6, rows - 0.4 - span));
    m_syncing = true;
    m_lanes->yAxis->setRange(top, top + span);
    const int visible = int(std::floor(span));
    m_rowScroll->setRange(0, std::max(0, rowCount() - visible));
    m_rowScroll->setPageStep(std::max(1, visible));
    m_rowScroll->setValue(int(std::lround(top + 0.6)));
    m_rowScroll->setVisible(rowCount() > visible);
    m_syncing = false;
    updateRowLabels();
}

double TimelineView::rowsHeight() const
{
    // The axis rect's height as the next replot lays it out (its margins barely change).
    const QMargins m = m_lanes->axisRect()->margins();
    const int margins = m.top() + m.bottom() > 0 ? m.top() + m.bottom() : 50;
    return std::max(40, m_lanes->height() - margins);
}

void TimelineView::fitRows()
{
    // Every row when they fit at kRowPx, else as many as fit, from the top.
    const double fit = std::max(3.0, std::floor(rowsHeight() / kRowPx));
    const double rows = std::max(1, rowCount());
    setRowsShown(-0.6, rows <= fit ? rows + 0.2 : fit);
}

void TimelineView::updateRowLabels()
{
    // Each visible row: function and short stream id of the environment it shows at
    // the middle of the view (or the nearest one), when rows are tall enough to read.
    auto labels = QSharedPointer<QCPAxisTickerText>::create();
    const auto [top, span] = rowsShown();
    const double pitch = rowsHeight() / std::max(span, 1e-9);
    if (m_data && pitch >= fontMetrics().height() - 2) {
        const double mid = m_lanes->xAxis->range().center();
        for (int r = std::max(0, int(std::ceil(top))); r < rowCount() && r <= int(top + span); ++r) {
            const auto &lanes = m_rows.rows[std::size_t(r)];
            auto it = std::partition_point(
                lanes.begin(), lanes.end(), [&](std::uint32_t l) { return keyOf(m_rows.begin[l]) <= mid; });
            if (it != lanes.begin()
                && (it == lanes.end() || keyOf(m_rows.end[*(it - 1)]) >= mid
                    || mid - keyOf(m_rows.end[*(it - 1)]) < keyOf(m_rows.begin[*it]) - mid))
                --it;
            labels->addTick(double(r), laneLabel(*it));
        }
    }
    m_lanes->yAxis->setTicker(labels);
}

QString TimelineView::laneLabel(std::uint32_t lane) const
{
    const std::uint32_t stream = m_timeline.lanes[lane].stream;
    QString name = qs(m_data->streamName(stream));
    // "2024/06/01/[$LATEST]3e2b5937…": the first 8 hex digits; names without an id
    // (environments the log does not name) whole when short.
    const int bracket = name.lastIndexOf(QLatin1Char(']'));
    QString id = bracket >= 0 ? name.mid(bracket + 1).left(8) : (name.size() <= 20 ? name : name.right(8));
    if (id.isEmpty())
        id = tr("env %1").arg(stream);
    const QString fn = qs(m_data->functionOfStream(stream));
    return fn.isEmpty() ? id : fn + QStringLiteral(" · ") + id;
}

void TimelineView::showDetailRange()
{
    if (!m_detailItem)
        return;
    const QCPRange r = m_lanes->xAxis->range();
    for (QCPItemRect *item : { m_detailItem, m_detailCountsItem }) {
        item->topLeft->setCoords(r.lower, 0);
        item->bottomRight->setCoords(r.upper, 1);
    }
    m_overview->replot(QCustomPlot::rpQueuedReplot);
}

// Everything the timeline draws that takes time on a big log, worked out from the data
// alone: on a worker when the tab is shown, here when a caller needs it at once.
struct TimelineView::Built {
    TimelineData timeline;
    LaneRows rows;
    TimelineOverview overview;
    std::vector<BarRef> order;
    std::vector<int> positionOf;
    std::vector<std::pair<double, double>> initPoints, durPoints; // by time
    std::vector<double> inits;
    double highest = 10;
    Histogram histogram;
    Summary summary;
};

std::shared_ptr<TimelineView::Built> TimelineView::build(
    std::shared_ptr<const LogData> data, std::optional<std::uint32_t> function, const std::atomic<bool> *cancel)
{
    auto b = std::make_shared<Built>();
    auto stop = [cancel] { return cancel && cancel->load(); };
    b->timeline = data ? buildTimeline(*data, function) : TimelineData {};
    if (stop())
        return nullptr;
    b->rows = packLanes(b->timeline);
    b->overview = overview(b->timeline, b->rows, 600);
    if (stop())
        return nullptr;
    b->order = barsByTime(b->timeline);
    b->positionOf.assign(data ? data->invocations.size() : 0, -1);
    for (std::size_t i = 0; i < b->order.size(); ++i) {
        const int inv = b->timeline.lanes[b->order[i].lane].bars[b->order[i].bar].invocation;
        if (inv >= 0)
            b->positionOf[std::size_t(inv)] = int(i);
    }
    // Per-invocation points for the metrics plot.
    for (const auto &lane : b->timeline.lanes) {
        for (const auto &bar : lane.bars) {
            if (!std::isnan(bar.initMs) && bar.initStart != kNoTime) {
                b->initPoints.emplace_back(keyOf(bar.initStart), std::max(0.01, bar.initMs));
                b->inits.push_back(bar.initMs);
                b->highest = std::max(b->highest, bar.initMs);
            }
            if (bar.start != kNoTime && !std::isnan(bar.durationMs)) {
                b->durPoints.emplace_back(keyOf(bar.start), std::max(0.01, bar.durationMs));
                b->highest = std::max(b->highest, bar.durationMs);
            }
        }
    }
    if (stop())
        return nullptr;
    std::sort(b->initPoints.begin(), b->initPoints.end());
    std::sort(b->durPoints.begin(), b->durPoints.end());
    if (stop())
        return nullptr;
    b->histogram = histogram(b->inits, 30);
    // The counts are the summary's (`coldscope summary`, the details pane): one definition.
    std::function<bool(const Invocation &)> keep; // none: the file's summary, worked out once
    if (function)
        keep = [f = *function](const Invocation &inv) { return inv.function == f; };
    if (data)
        b->summary = summarize(*data, keep);
    return b;
}

void TimelineView::rebuild()
{
    m_build.discard();
    m_building = false;
    apply(build(m_data, m_ws->function(), nullptr));
}

void TimelineView::startBuild()
{
    // Nothing of the data before stays on screen (its bars would name the new data's
    // streams): an empty timeline, applied while not stale (apply() reads the accessors).
    m_stale = false;
    apply(std::make_shared<Built>());
    m_stale = true; // until the result is applied: an accessor asked meanwhile builds at once
    m_building = true;
    m_caption->setText(tr("Building the timeline of %n invocation(s)…", nullptr,
        m_data ? int(std::min<std::size_t>(m_data->invocations.size(), INT_MAX)) : 0));
    m_build.start([data = m_data, function = m_ws->function()](
                      const std::atomic<bool> &cancelled) { return build(data, function, &cancelled); },
        [this](std::shared_ptr<Built> built, bool cancelled) {
            if (!m_building)
                return; // built at once meanwhile
            m_building = false;
            if (cancelled || !built)
                return; // still stale: the next look builds it
            m_stale = false;
            apply(std::move(built));
            emit timelineBuilt();
        });
}

void TimelineView::apply(std::shared_ptr<Built> b)
{
    m_timeline = std::move(b->timeline);
    m_rows = std::move(b->rows);
    m_overviewData = std::move(b->overview);
    m_order = std::move(b->order);
    m_positionOf = std::move(b->positionOf);
    m_cursor
        = m_selected >= 0 && std::size_t(m_selected) < m_positionOf.size() ? m_positionOf[std::size_t(m_selected)] : -1;
    m_bars->setTimeline(&m_timeline, &m_rows);
    if (m_cursor >= 0)
        m_bars->setSelected(int(m_order[std::size_t(m_cursor)].lane), int(m_order[std::size_t(m_cursor)].bar));
    else
        m_bars->setSelected(-1, -1);
    m_rangeItem = nullptr;
    m_lanes->clearItems();
    m_metrics->clearPlottables();
    m_metrics->clearItems();
    m_histogram->clearPlottables();
    m_histogram->clearItems();
    m_overview->clearGraphs();
    m_overview->clearItems();
    m_detailItem = m_detailCountsItem = nullptr;

    // Row labels: fixed width from the widest, so panning does not shift the plot.
    int labelWidth = 0;
    const QFontMetrics fm(m_lanes->yAxis->tickLabelFont());
    for (std::uint32_t l = 0; m_data && l < m_timeline.lanes.size(); ++l)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(laneLabel(l)));
    m_lanes->yAxis->setPadding(0);
    m_lanes->axisRect()->setAutoMargins(QCP::msRight | QCP::msTop | QCP::msBottom);
    m_lanes->axisRect()->setMargins(QMargins(std::min(labelWidth, 360) + 8, 0, 0, 0));
    m_lanes->yAxis->setLabel(QString());

    // Overview: stacked areas (INIT at the bottom, then busy, then idle), counts on
    // the right axis.
    {
        const TimelineOverview &o = m_overviewData;
        QVector<double> keys, alive, busy, init, cold, timeouts, errors;
        double most = 1;
        for (std::size_t k = 0; k < o.alive.size(); ++k) {
            keys << keyOf(o.from) + (double(k) * o.binMs) / 1000.0;
            init << o.init[k];
            busy << o.init[k] + o.busy[k];
            alive << std::max(o.alive[k], o.init[k] + o.busy[k]);
            cold << double(o.coldStarts[k]);
            timeouts << double(o.timeouts[k]);
            errors << double(o.errors[k]);
            most = std::max({ most, double(o.coldStarts[k]), double(o.timeouts[k]), double(o.errors[k]) });
        }
        auto area = [&](const QVector<double> &v, const QColor &c, const QString &name) {
            QCPGraph *g = m_overview->addGraph();
            g->setName(name);
            g->setLineStyle(QCPGraph::lsStepLeft);
            g->setPen(QPen(c.darker(120)));
            QColor fill = c;
            fill.setAlpha(200);
            g->setBrush(fill);
            g->setData(keys, v, true);
        };
        QColor idle = palette().color(QPalette::Mid);
        area(alive, idle, tr("alive (idle)"));
        area(busy, style::invocation(), tr("busy"));
        area(init, style::init(), tr("in INIT"));
        auto impulses = [&](const QVector<double> &v, const QColor &c, const QString &name) {
            QCPGraph *g = m_overview->addGraph(
                m_overviewCounts->axis(QCPAxis::atBottom), m_overviewCounts->axis(QCPAxis::atLeft));
            g->setName(name);
            g->setLineStyle(QCPGraph::lsImpulse);
            g->setPen(QPen(c, 1.5));
            g->setData(keys, v, true);
        };
        impulses(cold, style::init().darker(150), tr("cold starts"));
        impulses(errors, style::error(), tr("errors"));
        impulses(timeouts, style::timeout(), tr("timeouts"));
        if (o.from != kNoTime) {
            m_overview->xAxis->setRange(keyOf(o.from), keyOf(o.to));
            m_overviewCounts->axis(QCPAxis::atBottom)->setRange(keyOf(o.from), keyOf(o.to));
            double peak = 1;
            for (double v : alive)
                peak = std::max(peak, v);
            m_overview->yAxis->setRange(0, peak * 1.1);
            m_overviewCounts->axis(QCPAxis::atLeft)->setRange(0, most * 1.1);
        }
        for (QCPAxisRect *rect : { m_overview->axisRect(), m_overviewCounts }) {
            auto *item = new QCPItemRect(m_overview);
            item->setClipAxisRect(rect);
            for (QCPItemPosition *p : { item->topLeft, item->bottomRight }) {
                p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
                p->setAxisRect(rect);
                p->setTypeY(QCPItemPosition::ptAxisRectRatio);
            }
            item->setPen(QPen(style::selectionOutline(palette()), 1.5));
            item->setBrush(Qt::NoBrush);
            (rect == m_overviewCounts ? m_detailCountsItem : m_detailItem) = item;
        }
    }

    const double highest = b->highest;
    const bool anyPoints = !b->initPoints.empty() || !b->durPoints.empty();
    (new PointSeries(
         m_metrics->xAxis, m_metrics->yAxis, std::move(b->durPoints), style::invocation(), QCPScatterStyle::ssDisc))
        ->setName(tr("duration"));
    (new PointSeries(
         m_metrics->xAxis, m_metrics->yAxis, std::move(b->initPoints), style::init(), QCPScatterStyle::ssTriangle))
        ->setName(tr("init duration"));
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
    const Histogram &h = b->histogram;
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

    showWholeTime();
    m_metrics->yAxis->setRange(1, 40000);
    if (anyPoints)
        m_metrics->yAxis->setRange(0.5, std::max(highest, 12000.0) * 1.5);
    const Summary &sum = b->summary;
    m_caption->setText(m_timeline.lanes.empty()
            ? tr("No invocations or INIT phases in this file.")
            : tr("%1 log streams in %11 rows (environments that never overlap share a row), %2 invocations, "
                 "%3 cold starts, %4 timeouts, %5 errors, %6 INIT timeouts. "
                 "<span style='color:%7'>■</span> INIT <span style='color:%8'>■</span> invocation "
                 "<span style='color:%9'>■</span> timeout <span style='color:%10'>■</span> error; overview: "
                 "environments in INIT / busy / alive, below them cold starts, errors, timeouts (with INIT timeouts) "
                 "per bin, drag on it: detail range.<br/>"
                 "Wheel: zoom time, Ctrl+wheel: zoom rows, Shift+wheel or drag: scroll, double-click: reset, "
                 "drag on the time axis: select a range. C / T / E: next cold start / timeout / error "
                 "(Shift: previous).")
                  .arg(m_timeline.lanes.size())
                  .arg(sum.invocations)
                  .arg(sum.coldStarts)
                  .arg(sum.timeouts)
                  .arg(sum.errors)
                  .arg(sum.initTimeouts)
                  .arg(style::init().name(), style::invocation().name(), style::timeout().name(), style::error().name())
                  .arg(rowCount()));
    fitRows();
    showRange();
    showDetailRange();
    m_lanes->replot();
    m_metrics->replot();
    m_histogram->replot();
    m_overview->replot();
    if (m_selected < 0)
        m_waterfall->clear();
}

int TimelineView::invocationAt(const QPointF &pos) const
{
    ensureBuilt();
    const auto [lane, bar] = m_bars->barAt(pos);
    if (lane < 0)
        return -1;
    return m_timeline.lanes[std::size_t(lane)].bars[std::size_t(bar)].invocation;
}

void TimelineView::selectInvocation(int invocation)
{
    ensureBuilt();
    m_ws->selectInvocation(invocation);
}

void TimelineView::showInvocation(int invocation)
{
    ensureBuilt();
    m_selected = invocation;
    if (invocation >= 0 && std::size_t(invocation) < m_positionOf.size())
        m_cursor = m_positionOf[std::size_t(invocation)];
    else if (invocation < 0)
        m_cursor = -1;
    if (m_cursor >= 0) {
        const BarRef r = m_order[std::size_t(m_cursor)];
        m_bars->setSelected(int(r.lane), int(r.bar));
        ensureVisible(int(r.lane), int(r.bar));
    } else {
        m_bars->setSelected(-1, -1);
    }
    m_lanes->replot();
    if (m_data && invocation >= 0 && std::size_t(invocation) < m_data->invocations.size()) {
        const Invocation &inv = m_data->invocations[std::size_t(invocation)];
        if (inv.cold)
            m_waterfall->showColdStart(m_data, invocation, inv.initPhase);
    }
}

void TimelineView::ensureVisible(int lane, int bar)
{
    const TimelineBar &b = m_timeline.lanes[std::size_t(lane)].bars[std::size_t(bar)];
    const QCPRange keys = m_lanes->xAxis->range();
    const double b0 = keyOf(b.begin()), b1 = keyOf(b.finish());
    if (b0 < keys.lower || b1 > keys.upper) {
        // Keep the zoom, centre the bar (zoom out if it is wider than the view).
        const double span = std::max(keys.size(), (b1 - b0) * 1.2);
        const double mid = (b0 + b1) / 2;
        m_lanes->xAxis->setRange(mid - span / 2, mid + span / 2);
    }
    const double row = double(m_rows.rowOf[std::size_t(lane)]);
    const auto [top, span] = rowsShown();
    if (row - 0.5 < top || row + 0.5 > top + span)
        setRowsShown(row - span / 2, span);
}

bool TimelineView::step(BarMark mark, int dir)
{
    ensureBuilt();
    const int at = stepTo(m_timeline, m_order, m_cursor, mark, dir);
    if (at < 0)
        return false;
    const BarRef r = m_order[std::size_t(at)];
    const TimelineBar &b = m_timeline.lanes[r.lane].bars[r.bar];
    if (b.invocation >= 0) {
        m_ws->selectInvocation(b.invocation); // the waterfall follows
        return true;
    }
    // An INIT that served no request: not a workspace selection, shown here only.
    m_cursor = at;
    m_bars->setSelected(int(r.lane), int(r.bar));
    ensureVisible(int(r.lane), int(r.bar));
    m_lanes->replot();
    m_waterfall->showColdStart(m_data, -1, b.initPhase);
    return true;
}

void TimelineView::keyPressEvent(QKeyEvent *e)
{
    const int dir = e->modifiers() & Qt::ShiftModifier ? -1 : +1;
    const auto mods = e->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
    if (mods == Qt::NoModifier) {
        switch (e->key()) {
        case Qt::Key_C:
            step(BarMark::ColdStart, dir);
            return;
        case Qt::Key_T:
            step(BarMark::Timeout, dir);
            return;
        case Qt::Key_E:
            step(BarMark::Error, dir);
            return;
        default:
            break;
        }
    }
    QWidget::keyPressEvent(e);
}

void TimelineView::showWholeTime()
{
    if (m_timeline.first == kNoTime)
        return;
    const double pad = std::max(1.0, (keyOf(m_timeline.last) - keyOf(m_timeline.first)) * 0.02);
    m_lanes->xAxis->setRange(keyOf(m_timeline.first) - pad, keyOf(m_timeline.last) + pad);
}

std::function<void()> TimelineView::showWholeExtent()
{
    ensureBuilt();
    const QCPRange lanesX = m_lanes->xAxis->range();
    const auto [top, span] = rowsShown();
    const bool userRows = m_userRows;
    showWholeTime();
    setRowsShown(-0.6, std::max(1, rowCount()) + 0.2); // every row, however thin
    m_lanes->replot();
    return [this, lanesX, top = top, span = span, userRows] {
        m_lanes->xAxis->setRange(lanesX);
        setRowsShown(top, span);
        m_userRows = userRows;
        m_lanes->replot();
    };
}

void TimelineView::setTimeRange(TimeMs from, TimeMs to)
{
    ensureBuilt();
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

bool TimelineView::onLanesWheel(QWheelEvent *e)
{
    const double notches = e->angleDelta().y() / 120.0;
    if (notches == 0)
        return false;
    const auto [top, span] = rowsShown();
    if (e->modifiers() & Qt::ShiftModifier) { // scroll rows
        m_userRows = true;
        setRowsShown(top - notches * std::max(1.0, span / 8), span);
    } else if (e->modifiers() & Qt::ControlModifier) { // zoom rows around the pointer
        m_userRows = true;
        const double at = m_lanes->yAxis->pixelToCoord(e->position().y());
        const double newSpan = span * std::pow(0.85, notches);
        setRowsShown(at - (at - top) * newSpan / span, newSpan);
    } else {
        return false; // QCustomPlot zooms the time
    }
    m_lanes->replot(QCustomPlot::rpQueuedReplot);
    return true;
}

bool TimelineView::onOverviewMouse(QEvent *event)
{
    auto *e = static_cast<QMouseEvent *>(event);
    const double key = m_overview->xAxis->pixelToCoord(e->position().x());
    switch (event->type()) {
    case QEvent::MouseButtonPress:
        if (e->button() != Qt::LeftButton)
            return false;
        m_overviewDragging = true;
        m_overviewAnchor = key;
        return true;
    case QEvent::MouseMove:
        if (!m_overviewDragging)
            return false;
        if (m_detailItem) {
            for (QCPItemRect *item : { m_detailItem, m_detailCountsItem }) {
                item->topLeft->setCoords(std::min(key, m_overviewAnchor), 0);
                item->bottomRight->setCoords(std::max(key, m_overviewAnchor), 1);
            }
            m_overview->replot(QCustomPlot::rpQueuedReplot);
        }
        return true;
    case QEvent::MouseButtonRelease: {
        if (!m_overviewDragging)
            return false;
        m_overviewDragging = false;
        const double px
            = std::abs(m_overview->xAxis->coordToPixel(key) - m_overview->xAxis->coordToPixel(m_overviewAnchor));
        if (px < 4) { // a click: the detail keeps its span, centred there
            const double span = m_lanes->xAxis->range().size();
            m_lanes->xAxis->setRange(key - span / 2, key + span / 2);
        } else {
            m_lanes->xAxis->setRange(std::min(key, m_overviewAnchor), std::max(key, m_overviewAnchor));
        }
        m_lanes->replot();
        return true;
    }
    default:
        return false;
    }
}

bool TimelineView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_overview) {
        switch (event->type()) {
        case QEvent::MouseButtonPress:
        case QEvent::MouseMove:
        case QEvent::MouseButtonRelease:
            return onOverviewMouse(event);
        default:
            return QWidget::eventFilter(watched, event);
        }
    }
    if (watched == m_lanes) {
        switch (event->type()) {
        case QEvent::Wheel:
            return onLanesWheel(static_cast<QWheelEvent *>(event));
        case QEvent::Resize:
            if (!m_userRows)
                fitRows(); // QCustomPlot replots after a resize
            else
                setRowsShown(rowsShown().first, rowsShown().second);
            break;
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
            m_bars->setSelected(lane, bar);
            for (std::size_t i = 0; i < m_order.size(); ++i)
                if (m_order[i] == BarRef { std::uint32_t(lane), std::uint32_t(bar) })
                    m_cursor = int(i);
            m_lanes->replot();
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
    if (m_data && e->position().x() < m_lanes->axisRect()->left()) {
        // Over a row's label: the environment it names, in full.
        const int row = int(std::lround(m_lanes->yAxis->pixelToCoord(e->position().y())));
        const auto ticks = m_lanes->yAxis->tickVectorLabels();
        const auto at = m_lanes->yAxis->tickVector();
        for (int k = 0; k < at.size(); ++k)
            if (int(std::lround(at[k])) == row) {
                const auto &lanes = m_rows.rows[std::size_t(row)];
                for (std::uint32_t l : lanes)
                    if (laneLabel(l) == ticks[k]) {
                        QToolTip::showText(e->globalPosition().toPoint(),
                            tr("<b>%1</b><br/>%2<br/>row %3 of %4: %5 environments over time")
                                .arg(qs(m_data->streamName(m_timeline.lanes[l].stream)).toHtmlEscaped(),
                                    qs(m_data->functionOfStream(m_timeline.lanes[l].stream)).toHtmlEscaped())
                                .arg(row + 1)
                                .arg(rowCount())
                                .arg(lanes.size()),
                            m_lanes);
                        return;
                    }
            }
        QToolTip::hideText();
        return;
    }
    const auto [lane, bar] = m_bars->barAt(e->position());
    if (lane < 0 || !m_data) {
        QToolTip::hideText();
        return;
    }
    const TimelineBar &b = m_timeline.lanes[std::size_t(lane)].bars[std::size_t(bar)];
    const std::uint32_t stream = m_timeline.lanes[std::size_t(lane)].stream;
    QString tip = QStringLiteral("<b>%1</b> · %2<br/>")
                      .arg(qs(m_data->functionOfStream(stream)).toHtmlEscaped(),
                          qs(m_data->streamName(stream)).toHtmlEscaped());
    if (b.invocation >= 0) {
        const Invocation &inv = m_data->invocations[std::size_t(b.invocation)];
        const Metrics &r = m_data->reportOf(inv);
        tip += tr("request %1<br/>start %2<br/>Duration %3 ms · Billed %4 ms<br/>Memory %5 / %6 MB")
                   .arg(qs(m_data->events.requests.view(inv.request)),
                       QString::fromStdString(formatTimestamp(inv.start)))
                   .arg(r.durationMs, 0, 'f', 2)
                   .arg(r.billedDurationMs, 0, 'f', 0)
                   .arg(r.maxMemoryUsedMB)
                   .arg(r.memorySizeMB);
        if (inv.cold)
            tip += tr("<br/>Init Duration %1 ms (cold start)").arg(r.initDurationMs, 0, 'f', 2);
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
