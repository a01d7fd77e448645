// SPDX-License-Identifier: MIT
#include "waterfallview.h"

#include "format.h"
#include "iciclecanvas.h"
#include "importtreemodel.h"
#include "qtstrings.h"
#include "style.h"

#include <QHelpEvent>

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

namespace coldscope {

WaterfallView::WaterfallView(QWidget *parent)
    : QWidget(parent)
{
    m_rowHeight = fontMetrics().height() + 4;
    m_labelWidth = fontMetrics().horizontalAdvance(QStringLiteral("concurrent.futures.thread__")) + 12;
    setAccessibleName(tr("Cold start waterfall"));
}

QSize WaterfallView::sizeHint() const
{
    return { 600, m_rowHeight * int(m_rows.size() + 2) };
}

void WaterfallView::clear()
{
    m_rows.clear();
    m_run = -1;
    m_title = tr("Click a cold start (a bar with an INIT part) or press C to see its INIT as a waterfall.");
    setMinimumHeight(m_rowHeight * 2);
    updateGeometry();
    update();
}

void WaterfallView::showColdStart(std::shared_ptr<const LogData> data, int invocation, int initPhase)
{
    m_rows.clear();
    m_run = -1;
    if (!data) {
        clear();
        return;
    }
    const Invocation *inv = invocation >= 0 ? &data->invocations[std::size_t(invocation)] : nullptr;
    const InitPhase *ip = initPhase >= 0
        ? &data->initPhases[std::size_t(initPhase)]
        : (inv && inv->initPhase >= 0 ? &data->initPhases[std::size_t(inv->initPhase)] : nullptr);
    const Metrics *report = inv ? &data->reportOf(*inv) : nullptr;
    const double initMs
        = report && !std::isnan(report->initDurationMs) ? report->initDurationMs : (ip ? ip->durationMs : kNaN);
    if (inv && inv->importRun >= 0)
        m_run = inv->importRun;
    else if (ip && ip->importRun >= 0)
        m_run = ip->importRun;
    m_title = inv ? tr("Cold start of %1").arg(qs(data->events.requests.view(inv->request)))
                  : tr("INIT without an invocation (%1)").arg(ip ? qs(statusName(ip->status)) : QString());
    if (!std::isnan(initMs))
        m_rows.push_back({ tr("INIT (runtime + module code)"), 0, initMs,
            ip && ip->status == Status::Timeout ? style::timeout() : style::init(), -1 });
    if (m_run >= 0) {
        const ImportRun &run = data->runs[std::size_t(m_run)];
        for (auto r : run.roots) {
            const ImportNode &n = run.nodes[r];
            m_rows.push_back({ IcicleCanvas::nodeName(*data, n), double(n.startUs) / 1000.0,
                double(n.cumulativeUs) / 1000.0, IcicleCanvas::subtreeColor(*data, n), int(r) });
        }
    }
    if (inv && !std::isnan(report->durationMs))
        m_rows.push_back({ tr("handler (invocation)"), std::isnan(initMs) ? 0.0 : initMs, report->durationMs,
            inv->status == Status::Success       ? style::invocation()
                : inv->status == Status::Timeout ? style::timeout()
                                                 : style::error(),
            -1 });
    arrange();
}

QString WaterfallView::valueText(double ms)
{
    return qs(formatMs(ms, ms < 10 ? 2 : 1));
}

void WaterfallView::setImportOrder(bool importOrder)
{
    m_importOrder = importOrder;
    arrange();
}

void WaterfallView::arrange()
{
    // INIT first, the handler last, the imports between them: by cumulative time
    // (longest first) or in import order (by their start).
    auto firstImport = std::find_if(m_rows.begin(), m_rows.end(), [](const Row &r) { return r.node >= 0; });
    auto lastImport = std::find_if(firstImport, m_rows.end(), [](const Row &r) { return r.node < 0; });
    std::stable_sort(firstImport, lastImport,
        [this](const Row &a, const Row &b) { return m_importOrder ? a.startMs < b.startMs : a.lengthMs > b.lengthMs; });
    // Labels are never cut and values never clipped: both columns fit their widest
    // text, and the widget asks for at least that much room plus a bar area.
    const QFontMetrics fm(font());
    m_labelWidth = fm.horizontalAdvance(QStringLiteral("concurrent.futures")) + 12;
    m_valueWidth = fm.horizontalAdvance(QStringLiteral("0.00 ms")) + 12;
    for (const Row &r : m_rows) {
        m_labelWidth = std::max(m_labelWidth, fm.horizontalAdvance(r.label) + 12);
        m_valueWidth = std::max(m_valueWidth, fm.horizontalAdvance(valueText(r.lengthMs)) + 12);
    }
    setMinimumWidth(m_labelWidth + m_valueWidth + 160);
    setMinimumHeight(m_rowHeight * int(m_rows.size() + 2));
    updateGeometry();
    update();
}

TimeAxis WaterfallView::axis() const
{
    double end = 1;
    for (const Row &r : m_rows)
        end = std::max(end, r.startMs + r.lengthMs);
    TimeAxis a;
    a.start = 0;
    a.end = end * 1.02;
    a.left = m_labelWidth;
    a.width = std::max(10, width() - m_labelWidth - m_valueWidth);
    return a;
}

int WaterfallView::rowAt(QPoint pos) const
{
    const int row = pos.y() / m_rowHeight - 1;
    return row >= 0 && row < int(m_rows.size()) ? row : -1;
}

void WaterfallView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(4, 0, width() - 8, m_rowHeight), Qt::AlignVCenter | Qt::AlignLeft, m_title);
    const TimeAxis a = axis();
    const QFontMetrics fm(font());
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const Row &r = m_rows[i];
        const int y = int(i + 1) * m_rowHeight;
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(4, y, m_labelWidth - 8, m_rowHeight), Qt::AlignVCenter | Qt::AlignLeft, r.label);
        const double x0 = a.toPixel(r.startMs);
        const double w = std::max(1.0, a.pixelsFor(r.lengthMs));
        p.fillRect(QRectF(x0, y + 2, w, m_rowHeight - 4), r.color);
        // The value right after the bar: the axis leaves m_valueWidth for it.
        const QString ms = valueText(r.lengthMs);
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(
            QRectF(x0 + w + 4, y, fm.horizontalAdvance(ms) + 4, m_rowHeight), Qt::AlignVCenter | Qt::AlignLeft, ms);
    }
}

void WaterfallView::mouseReleaseEvent(QMouseEvent *e)
{
    const int row = rowAt(e->position().toPoint());
    if (row >= 0 && m_rows[std::size_t(row)].node >= 0 && m_run >= 0)
        emit importClicked(m_run, m_rows[std::size_t(row)].node);
}

bool WaterfallView::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *he = static_cast<QHelpEvent *>(e);
        const int row = rowAt(he->pos());
        if (row < 0) {
            QToolTip::hideText();
            return true;
        }
        const Row &r = m_rows[std::size_t(row)];
        QToolTip::showText(he->globalPos(),
            tr("%1: starts at %2, lasts %3").arg(r.label, qs(formatMs(r.startMs, 1)), qs(formatMs(r.lengthMs))), this);
        return true;
    }
    return QWidget::event(e);
}

} // namespace coldscope
