// SPDX-License-Identifier: MIT
#include "iciclecanvas.h"

#include "format.h"
#include "importtreemodel.h"
#include "qtstrings.h"
#include "style.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <map>

namespace coldscope {

namespace {
constexpr double kMinPixel = 0.5; // narrower rectangles (and their subtrees) are not drawn
constexpr int kLabelMinWidth = 24;
} // namespace

IcicleCanvas::IcicleCanvas(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_rowHeight = fontMetrics().height() + 6;
    setMinimumHeight(m_rowHeight * 4);
    setAccessibleName(tr("Icicle chart"));
}

const ImportRun *IcicleCanvas::run() const
{
    return (m_data && m_run >= 0 && std::size_t(m_run) < m_data->runs.size()) ? &m_data->runs[std::size_t(m_run)]
                                                                              : nullptr;
}

void IcicleCanvas::setRun(std::shared_ptr<const LogData> data, int run)
{
    m_data = std::move(data);
    m_run = run;
    m_custom.clear();
    m_hatched.clear();
    m_selected = m_hover = -1;
    m_zoomStack.clear();
    rebuildLayout();
    resetAxis();
    setSearch(m_search);
    emit zoomChanged();
}

QString IcicleCanvas::nameOf(int node) const
{
    const ImportRun *r = run();
    if (!r || node < 0)
        return {};
    return nodeName(*m_data, r->nodes[std::size_t(node)]);
}

QString IcicleCanvas::nodeName(const LogData &data, const ImportNode &node)
{
    return node.placeholder ? tr("(unfinished import)") : qs(data.moduleName(node));
}

QColor IcicleCanvas::subtreeColor(const LogData &data, const ImportNode &node)
{
    if (node.placeholder)
        return style::placeholder();
    return style::packageColor(qs(data.moduleName(node)).section(QLatin1Char('.'), 0, 0));
}

void IcicleCanvas::rebuildLayout()
{
    m_subtreeEnd.clear();
    m_rows.clear();
    m_packageColors.clear();
    m_maxSelf = 1;
    const ImportRun *r = run();
    if (!r)
        return;
    const std::size_t n = r->nodes.size();
    m_subtreeEnd.assign(n, 0);
    for (std::size_t i = n; i-- > 0;) {
        const auto &ch = r->nodes[i].children;
        m_subtreeEnd[i] = ch.empty() ? std::uint32_t(i + 1) : m_subtreeEnd[ch.back()];
    }
    m_rows.resize(std::size_t(r->maxDepth) + 2);
    m_packageColors.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const ImportNode &node = r->nodes[i];
        if (std::size_t(node.depth) >= m_rows.size())
            m_rows.resize(std::size_t(node.depth) + 1);
        m_rows[std::size_t(node.depth)].push_back(std::uint32_t(i));
        m_maxSelf = std::max(m_maxSelf, node.selfUs);
        // The package of the top-level import this node sits under: nodes are in
        // pre-order, so a parent's colour is already known.
        const int parent = node.parent;
        m_packageColors[i] = !node.placeholder && parent >= 0 && !r->nodes[std::size_t(parent)].placeholder
            ? m_packageColors[std::size_t(parent)]
            : subtreeColor(*m_data, node);
    }
    setMinimumHeight(m_rowHeight * int(std::max<std::size_t>(m_rows.size(), 4)));
}

void IcicleCanvas::resetAxis()
{
    const ImportRun *r = run();
    m_axis.start = 0;
    m_axis.end = r && r->totalUs > 0 ? double(r->totalUs) : 1.0;
    m_axis.left = 0;
    m_axis.width = std::max(1, width());
    invalidate();
}

void IcicleCanvas::invalidate()
{
    m_cacheValid = false;
    update();
}

void IcicleCanvas::setColorMode(ColorMode mode)
{
    m_mode = mode;
    invalidate();
}

void IcicleCanvas::setCustomColors(std::vector<QColor> colors, std::vector<std::uint8_t> hatched)
{
    m_custom = std::move(colors);
    m_hatched = std::move(hatched);
    m_mode = m_custom.empty() ? ColorMode::Package : ColorMode::Custom;
    invalidate();
}

void IcicleCanvas::setSearch(const QString &pattern)
{
    m_search = pattern;
    m_match.clear();
    m_matchedUs = 0;
    m_matchCount = 0;
    const ImportRun *r = run();
    if (r && !pattern.isEmpty()) {
        const ModulePattern match(pattern);
        m_match.assign(r->nodes.size(), 0);
        std::vector<std::uint8_t> underMatch(r->nodes.size(), 0);
        for (std::size_t i = 0; i < r->nodes.size(); ++i) {
            const ImportNode &n = r->nodes[i];
            const bool parentCovered = n.parent >= 0 && (underMatch[std::size_t(n.parent)] != 0);
            const bool hit = !n.placeholder && match.matches(nameOf(int(i)));
            m_match[i] = hit;
            underMatch[i] = parentCovered || hit;
            if (hit) {
                ++m_matchCount;
                if (!parentCovered) // time of nested matches is inside their matched ancestor
                    m_matchedUs += n.cumulativeUs;
            }
        }
    }
    invalidate();
}

QColor IcicleCanvas::colorOf(int node) const
{
    const ImportRun *r = run();
    if (!r || node < 0)
        return {};
    const auto i = std::size_t(node);
    if (m_mode == ColorMode::Custom && i < m_custom.size() && m_custom[i].isValid())
        return m_custom[i];
    if (m_mode == ColorMode::SelfHeat) {
        return style::heat(std::sqrt(double(r->nodes[i].selfUs) / double(m_maxSelf)));
    }
    return m_packageColors[i];
}

std::vector<std::pair<QString, QColor>> IcicleCanvas::legend(std::size_t max) const
{
    std::vector<std::pair<QString, QColor>> out;
    const ImportRun *r = run();
    if (!r)
        return out;
    std::vector<std::uint32_t> roots = r->roots;
    std::map<QString, std::int64_t> byPackage;
    for (auto root : roots)
        byPackage[nameOf(int(root)).section(QLatin1Char('.'), 0, 0)] += r->nodes[root].cumulativeUs;
    std::vector<std::pair<std::int64_t, QString>> sorted;
    for (const auto &[pkg, us] : byPackage)
        sorted.emplace_back(us, pkg);
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (std::size_t k = 0; k < sorted.size() && k < max; ++k)
        out.emplace_back(sorted[k].second, style::packageColor(sorted[k].second));
    return out;
}

void IcicleCanvas::paintTo(QPainter &p, const QRect &rect) const
{
    p.fillRect(rect, palette().color(QPalette::Base));
    const ImportRun *r = run();
    if (!r)
        return;
    TimeAxis ax = m_axis;
    ax.left = rect.left();
    ax.width = std::max(1, rect.width());
    const QFontMetrics fm(font());
    const bool searching = !m_match.empty();
    const std::size_t n = r->nodes.size();
    std::size_t i = 0;
    while (i < n) {
        const ImportNode &node = r->nodes[i];
        const double x0 = ax.toPixel(double(node.startUs));
        const double x1 = ax.toPixel(double(node.startUs + node.cumulativeUs));
        const int y = rect.top() + node.depth * m_rowHeight;
        if (x1 < rect.left() || x0 > rect.right() || x1 - x0 < kMinPixel || y > rect.bottom()) {
            i = m_subtreeEnd[i]; // children lie inside the parent's span and below it
            continue;
        }
        const double cx0 = std::max(x0, double(rect.left()));
        const double cx1 = std::min(x1, double(rect.right() + 1));
        const QRectF box(cx0, y, std::max(1.0, cx1 - cx0 - 1), m_rowHeight - 1);
        QColor c = colorOf(int(i));
        if (searching && !m_match[i])
            c = style::dimmed(c);
        p.fillRect(box, c);
        if (i < m_hatched.size() && m_hatched[i])
            p.fillRect(box, QBrush(style::hatch(), Qt::BDiagPattern));
        if (box.width() >= kLabelMinWidth) {
            const QString text = fm.elidedText(nameOf(int(i)), Qt::ElideRight, int(box.width()) - 6);
            if (!text.isEmpty() && text != QStringLiteral("…")) {
                p.setPen(style::labelOn(c));
                p.drawText(box.adjusted(3, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
            }
        }
        ++i;
    }
}

void IcicleCanvas::setEmptyText(const QString &text)
{
    m_emptyText = text;
    update();
}

QString IcicleCanvas::emptyText() const
{
    return m_emptyText.isEmpty() ? tr("No importtime table in this file") : m_emptyText;
}

void IcicleCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    if (!m_cacheValid || m_cache.size() != size() * devicePixelRatioF()) {
        m_cache = QPixmap(size() * devicePixelRatioF());
        m_cache.setDevicePixelRatio(devicePixelRatioF());
        QPainter cp(&m_cache);
        cp.setFont(font());
        paintTo(cp, rect());
        m_cacheValid = true;
        ++m_cacheBuilds;
    }
    p.drawPixmap(0, 0, m_cache);
    if (!run()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, emptyText());
        return;
    }
    auto outline = [&](int node, const QColor &color, qreal w) {
        const QRectF r = nodeRect(node);
        if (r.isEmpty())
            return;
        p.setPen(QPen(color, w));
        p.setBrush(Qt::NoBrush);
        p.drawRect(r.adjusted(w / 2, w / 2, -w / 2, -w / 2));
    };
    if (m_hover >= 0 && m_hover != m_selected)
        outline(m_hover, palette().color(QPalette::Text), 1);
    if (m_selected >= 0)
        outline(m_selected, palette().color(QPalette::Highlight), 3);
}

void IcicleCanvas::resizeEvent(QResizeEvent *)
{
    m_axis.width = std::max(1, width());
    invalidate();
}

QRectF IcicleCanvas::nodeRect(int node) const
{
    const ImportRun *r = run();
    if (!r || node < 0 || std::size_t(node) >= r->nodes.size())
        return {};
    const ImportNode &n = r->nodes[std::size_t(node)];
    double x0 = m_axis.toPixel(double(n.startUs)), x1 = m_axis.toPixel(double(n.startUs + n.cumulativeUs));
    x0 = std::max(x0, 0.0);
    x1 = std::min(x1, double(width()));
    if (x1 - x0 < kMinPixel)
        return {};
    return QRectF(x0, n.depth * m_rowHeight, x1 - x0, m_rowHeight);
}

int IcicleCanvas::nodeAt(QPoint pos) const
{
    const ImportRun *r = run();
    if (!r || pos.y() < 0)
        return -1;
    const std::size_t row = std::size_t(pos.y() / m_rowHeight);
    if (row >= m_rows.size())
        return -1;
    const double v = m_axis.toValue(pos.x());
    const auto &ids = m_rows[row];
    // Last node starting at or before v.
    auto it = std::upper_bound(ids.begin(), ids.end(), v,
        [&](double value, std::uint32_t id) { return value < double(r->nodes[id].startUs); });
    while (it != ids.begin()) {
        --it;
        const ImportNode &n = r->nodes[*it];
        if (v < double(n.startUs + n.cumulativeUs))
            return int(*it);
        if (n.cumulativeUs > 0)
            break;
    }
    return -1;
}

void IcicleCanvas::zoomToNode(int node)
{
    const ImportRun *r = run();
    if (!r)
        return;
    if (node < 0 || std::size_t(node) >= r->nodes.size()) {
        m_zoomStack.clear();
        resetAxis();
        emit zoomChanged();
        return;
    }
    const ImportNode &n = r->nodes[std::size_t(node)];
    if (n.cumulativeUs <= 0)
        return;
    if (m_zoomStack.empty() || m_zoomStack.back() != node)
        m_zoomStack.push_back(node);
    m_axis.start = double(n.startUs);
    m_axis.end = double(n.startUs + n.cumulativeUs);
    invalidate();
    emit zoomChanged();
}

bool IcicleCanvas::zoomOut()
{
    if (m_zoomStack.empty()) {
        if (m_axis.start > 0 || (run() && m_axis.end < double(run()->totalUs))) {
            resetAxis();
            emit zoomChanged();
            return true;
        }
        return false;
    }
    m_zoomStack.pop_back();
    if (m_zoomStack.empty()) {
        resetAxis();
        emit zoomChanged();
    } else {
        const int top = m_zoomStack.back();
        m_zoomStack.pop_back();
        zoomToNode(top);
    }
    return true;
}

void IcicleCanvas::setSelectedNode(int node)
{
    const ImportRun *r = run();
    if (!r || node < 0 || std::size_t(node) >= r->nodes.size())
        node = -1; // painting and the arrow keys index the run's nodes with it
    if (node == m_selected)
        return;
    m_selected = node;
    // Make the selection visible: zoom to its parent if it is off screen or too thin.
    if (node >= 0) {
        const QRectF rect = nodeRect(node);
        if (rect.isEmpty() || rect.width() < 12) {
            const int parent = r->nodes[std::size_t(node)].parent;
            zoomToNode(parent >= 0 && r->nodes[std::size_t(parent)].cumulativeUs > 0 ? parent : node);
        }
    }
    update();
}

void IcicleCanvas::moveSelection(int node)
{
    if (node < 0)
        return;
    setSelectedNode(node);
    emit nodeClicked(node);
}

void IcicleCanvas::mousePressEvent(QMouseEvent *e)
{
    m_pressPos = m_lastDrag = e->position().toPoint();
    m_dragging = false;
    setFocus();
}

void IcicleCanvas::mouseMoveEvent(QMouseEvent *e)
{
    const QPoint pos = e->position().toPoint();
    if (e->buttons() & Qt::LeftButton) {
        if (!m_dragging && (pos - m_pressPos).manhattanLength() > 4)
            m_dragging = true;
        if (m_dragging) {
            const ImportRun *r = run();
            const double total = r && r->totalUs > 0 ? double(r->totalUs) : 1.0;
            m_axis.pan(pos.x() - m_lastDrag.x(), 0, total);
            m_lastDrag = pos;
            invalidate();
            emit zoomChanged();
        }
        return;
    }
    const int node = nodeAt(pos);
    if (node != m_hover) {
        m_hover = node;
        update();
    }
}

void IcicleCanvas::mouseReleaseEvent(QMouseEvent *e)
{
    if (e->button() != Qt::LeftButton || m_dragging) {
        m_dragging = false;
        return;
    }
    const int node = nodeAt(e->position().toPoint());
    if (node < 0)
        return;
    m_selected = node;
    zoomToNode(node);
    emit nodeClicked(node);
}

void IcicleCanvas::wheelEvent(QWheelEvent *e)
{
    const ImportRun *r = run();
    if (!r)
        return;
    const double steps = e->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    m_axis.zoomAround(e->position().x(), std::pow(0.8, steps), 0, std::max(1.0, double(r->totalUs)), 1.0);
    invalidate();
    emit zoomChanged();
    e->accept();
}

void IcicleCanvas::keyPressEvent(QKeyEvent *e)
{
    const ImportRun *r = run();
    if (!r) {
        QWidget::keyPressEvent(e);
        return;
    }
    const int sel = m_selected;
    const ImportNode *n = sel >= 0 ? &r->nodes[std::size_t(sel)] : nullptr;
    auto siblings = [&]() -> const std::vector<std::uint32_t> & {
        return n->parent >= 0 ? r->nodes[std::size_t(n->parent)].children : r->roots;
    };
    switch (e->key()) {
    case Qt::Key_Escape:
    case Qt::Key_Backspace:
        zoomOut();
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (sel >= 0)
            zoomToNode(sel);
        return;
    case Qt::Key_Up:
        if (!n && !r->roots.empty())
            moveSelection(int(r->roots.front()));
        else if (n && n->parent >= 0)
            moveSelection(n->parent);
        return;
    case Qt::Key_Down:
        if (!n && !r->roots.empty())
            moveSelection(int(r->roots.front()));
        else if (n && !n->children.empty())
            moveSelection(int(n->children.front()));
        return;
    case Qt::Key_Left:
    case Qt::Key_Right: {
        if (!n) {
            if (!r->roots.empty())
                moveSelection(int(r->roots.front()));
            return;
        }
        const auto &sib = siblings();
        auto it = std::find(sib.begin(), sib.end(), std::uint32_t(sel));
        if (e->key() == Qt::Key_Left && it != sib.begin())
            moveSelection(int(*(it - 1)));
        else if (e->key() == Qt::Key_Right && it != sib.end() && it + 1 != sib.end())
            moveSelection(int(*(it + 1)));
        return;
    }
    default:
        QWidget::keyPressEvent(e);
    }
}

void IcicleCanvas::leaveEvent(QEvent *)
{
    if (m_hover >= 0) {
        m_hover = -1;
        update();
    }
}

bool IcicleCanvas::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *he = static_cast<QHelpEvent *>(e);
        const int node = nodeAt(he->pos());
        const ImportRun *r = run();
        if (node < 0 || !r) {
            QToolTip::hideText();
            e->ignore();
            return true;
        }
        const ImportNode &nd = r->nodes[std::size_t(node)];
        const double total = r->totalUs > 0 ? double(r->totalUs) : 1.0;
        const double parent = nd.parent >= 0 ? double(r->nodes[std::size_t(nd.parent)].cumulativeUs) : total;
        QToolTip::showText(he->globalPos(),
            tr("<b>%1</b><br/>self %2 · cumulative %3<br/>%4 % of the run · %5 % of its parent")
                .arg(nameOf(node).toHtmlEscaped(), qs(formatUs(double(nd.selfUs))),
                    qs(formatUs(double(nd.cumulativeUs))))
                .arg(100.0 * double(nd.cumulativeUs) / total, 0, 'f', 1)
                .arg(parent > 0 ? 100.0 * double(nd.cumulativeUs) / parent : 0.0, 0, 'f', 1),
            this);
        return true;
    }
    return QWidget::event(e);
}

} // namespace coldscope
