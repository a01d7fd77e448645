// SPDX-License-Identifier: MIT
#include "iciclepanel.h"

#include "format.h"
#include "importtreemodel.h"
#include "qtstrings.h"
#include "style.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace coldscope {

IciclePanel::IciclePanel(QWidget *parent)
    : QWidget(parent)
    , m_canvas(new IcicleCanvas)
    , m_search(new QLineEdit(this))
    , m_matches(new QLabel(this))
    , m_mode(new QComboBox(this))
    , m_crumbs(new QHBoxLayout)
    , m_legend(new QLabel(this))
    , m_debounce(new QTimer(this))
{
    m_search->setPlaceholderText(tr("Highlight modules (text or /regex/)"));
    m_search->setClearButtonEnabled(true);
    m_mode->addItem(tr("Colour by top-level package"), int(IcicleCanvas::ColorMode::Package));
    m_mode->addItem(tr("Colour by self time (heat)"), int(IcicleCanvas::ColorMode::SelfHeat));
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);

    auto *scroll = new QScrollArea(this);
    m_scroll = scroll;
    scroll->setWidget(m_canvas);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_matches);
    bar->addWidget(m_mode);
    m_crumbs->setSpacing(2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addLayout(m_crumbs);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_legend);

    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &IciclePanel::applySearch);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        m_canvas->setColorMode(IcicleCanvas::ColorMode(m_mode->currentData().toInt()));
        updateLegend();
    });
    connect(m_canvas, &IcicleCanvas::zoomChanged, this, &IciclePanel::updateCrumbs);
    connect(m_canvas, &IcicleCanvas::nodeClicked, this, &IciclePanel::nodeClicked);
    updateCrumbs();
}

std::function<void()> IciclePanel::showWholeExtent(int *grow)
{
    const std::vector<int> path = m_canvas->zoomPath();
    const int scrolled = m_scroll->verticalScrollBar()->value();
    {
        const QSignalBlocker quiet(m_canvas); // the workspace keeps its zoom
        while (m_canvas->zoomOut()) { }
    }
    updateCrumbs();
    m_scroll->verticalScrollBar()->setValue(0);
    if (grow) // how much taller the panel must be for every depth to show
        *grow = std::max(0, m_canvas->minimumHeight() - m_scroll->viewport()->height());
    return [this, path, scrolled] {
        {
            const QSignalBlocker quiet(m_canvas);
            for (int node : path)
                m_canvas->zoomToNode(node);
        }
        updateCrumbs();
        m_scroll->verticalScrollBar()->setValue(scrolled);
    };
}

void IciclePanel::setRun(std::shared_ptr<const LogData> data, int run)
{
    m_canvas->setRun(std::move(data), run);
    m_canvas->setColorMode(IcicleCanvas::ColorMode(m_mode->currentData().toInt()));
    applySearch(); // the canvas searched the new run already, unless the text changed since
    updateLegend(); // the breadcrumbs followed the canvas' zoomChanged
}

void IciclePanel::applySearch()
{
    if (const QString text = m_search->text().trimmed(); text != m_canvas->search())
        m_canvas->setSearch(text);
    m_matches->setText(matchSummary());
}

QString IciclePanel::matchSummary() const
{
    if (m_search->text().trimmed().isEmpty() || !m_canvas->run())
        return {};
    const double total = std::max<double>(1.0, double(m_canvas->run()->totalUs));
    return tr("%n module(s), %1 (%2 %)", nullptr, m_canvas->matchCount())
        .arg(qs(formatUs(double(m_canvas->matchedUs()))))
        .arg(100.0 * double(m_canvas->matchedUs()) / total, 0, 'f', 1);
}

void IciclePanel::updateCrumbs()
{
    while (QLayoutItem *item = m_crumbs->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    auto addCrumb = [&](const QString &text, int depthInPath) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, [this, depthInPath] {
            // Step back out until this crumb is the top of the zoom path.
            while (int(m_canvas->zoomPath().size()) > depthInPath)
                if (!m_canvas->zoomOut())
                    break;
        });
        m_crumbs->addWidget(b);
    };
    addCrumb(tr("All imports"), 0);
    const ImportRun *run = m_canvas->run();
    const auto path = m_canvas->zoomPath();
    for (std::size_t i = 0; run && i < path.size(); ++i) {
        auto *sep = new QLabel(QStringLiteral("›"), this);
        m_crumbs->addWidget(sep);
        const ImportNode &n = run->nodes[std::size_t(path[i])];
        addCrumb(n.placeholder ? tr("(unfinished)") : qs(m_canvas->logData()->moduleName(n)), int(i) + 1);
    }
    m_crumbs->addStretch(1);
    auto *hint = new QLabel(tr("click: zoom · Esc/Backspace: back · wheel: zoom · drag: pan · arrows: move"), this);
    hint->setEnabled(false);
    hint->setProperty("coldscopeFigureHidden", true); // not in exported figures
    m_crumbs->addWidget(hint);
}

void IciclePanel::updateLegend()
{
    if (!m_canvas->run()) {
        m_legend->clear();
        return;
    }
    if (m_canvas->colorMode() == IcicleCanvas::ColorMode::Custom) {
        // The chips are the colours the canvas draws: a clear change each way, and none.
        m_legend->setText(
            tr("Colour: change from A to B, %1 %2 %3; hatched: new in B. Width: cumulative time in B.")
                .arg(style::swatch(style::delta(1, 2), tr("slower")), style::swatch(style::delta(-1, 2), tr("faster")),
                    style::swatch(style::noise(), tr("within the noise"))));
        return;
    }
    if (m_canvas->colorMode() == IcicleCanvas::ColorMode::SelfHeat) {
        m_legend->setText(tr("Colour: self time, %1 → %2. Width: cumulative time.")
                              .arg(style::swatch(style::heat(0), tr("short")),
                                  style::swatch(style::heat(1), tr("long"), style::labelOn(style::heat(1)))));
        return;
    }
    QString html = tr("Colour: top-level package. Width: cumulative time. ");
    for (const auto &[pkg, color] : m_canvas->legend(10))
        html += QStringLiteral("<span style='background:%1'>&nbsp;&nbsp;&nbsp;</span>&nbsp;%2&nbsp;&nbsp; ")
                    .arg(color.name(), pkg.toHtmlEscaped());
    m_legend->setText(html);
}

} // namespace coldscope
