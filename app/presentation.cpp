// SPDX-License-Identifier: MIT
#include "presentation.h"

#include "findingsettings.h"
#include "mainwindow.h"
#include "qtstrings.h"
#include "style.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QStatusBar>
#include <QTableView>
#include <QTreeView>

#include <algorithm>

namespace coldscope {

namespace {

// After the window's font changed: rows as tall as the new font (a cached row height
// cuts the underscores off `numpy.core._multiarray_umath`) and columns as wide as their
// header and contents (no "A cumul…").
void relayoutViews(QWidget *window)
{
    QApplication::processEvents(); // the font reaches every child first
    for (QAbstractItemView *v : window->findChildren<QAbstractItemView *>()) {
        v->doItemsLayout();
        QHeaderView *header = nullptr;
        if (auto *tree = qobject_cast<QTreeView *>(v))
            header = tree->header();
        else if (auto *table = qobject_cast<QTableView *>(v))
            header = table->horizontalHeader();
        if (!header || !v->model())
            continue;
        header->updateGeometry();
        for (int c = 0; c < header->count(); ++c) {
            if (header->isSectionHidden(c) || header->sectionResizeMode(c) != QHeaderView::Interactive)
                continue;
            if (c == header->count() - 1 && header->stretchLastSection())
                continue;
            if (auto *tree = qobject_cast<QTreeView *>(v))
                tree->resizeColumnToContents(c);
            else if (auto *table = qobject_cast<QTableView *>(v))
                table->resizeColumnToContents(c);
        }
    }
}

} // namespace

Presentation::Presentation(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_ws(window->workspace())
{
}

void Presentation::addActions(QMenu *menu)
{
    QAction *present
        = menu->addAction(tr("&Presentation mode"), QKeySequence(Qt::Key_F11), this, [this] { setOn(!m_on); });
    present->setCheckable(true);
    menu->addAction(tr("Next finding"), QKeySequence(Qt::Key_PageDown), this, [this] { showFinding(m_finding + 1); });
    menu->addAction(tr("Previous finding"), QKeySequence(Qt::Key_PageUp), this, [this] { showFinding(m_finding - 1); });
}

QString Presentation::currentFindingText() const
{
    return m_banner ? m_banner->text() : QString();
}

int Presentation::titleCards() const
{
    return int(
        std::min<std::size_t>(workspaceAdvice(*m_ws, loadAdviceSettings()).all().size(), std::size_t(kTitleCards)));
}

int Presentation::findingCount() const
{
    return titleCards() + m_ws->findingCount();
}

void Presentation::showFinding(int index)
{
    const Advice advice = workspaceAdvice(*m_ws, loadAdviceSettings());
    const auto all = advice.all();
    const int cards = int(std::min<std::size_t>(all.size(), std::size_t(kTitleCards)));
    const int n = cards + m_ws->findingCount();
    if (n == 0) {
        m_window->statusBar()->showMessage(
            tr("No findings yet: pin queries (Ctrl+Shift+K) or add notes (Ctrl+M)."), 5000);
        return;
    }
    m_finding = std::clamp(index, 0, n - 1);
    int i = m_finding;
    QString text;
    bool titleCard = false;
    const QStringList pinned = m_ws->pinnedQueries();
    const auto &moduleNotes = m_ws->moduleNotes();
    const auto &invocationNotes = m_ws->invocationNotes();
    if (i < cards) {
        // A title card: the finding over the Findings tab, its evidence one click away.
        const Finding &f = *all[std::size_t(i)];
        m_ws->setCurrentView(tr("Findings"));
        titleCard = true;
        text = tr("<span style=\"font-size:x-large\"><b>%1 — %2</b></span><br>%3")
                   .arg(qs(severityName(f.severity)).toUpper(), qs(f.title).toHtmlEscaped(),
                       qs(f.detail).toHtmlEscaped());
    } else if ((i -= cards) < pinned.size()) {
        m_ws->requestQuery(pinned[i]);
        text = tr("query: %1").arg(pinned[i].simplified());
    } else if ((i -= int(pinned.size())) < int(moduleNotes.size())) {
        auto it = std::next(moduleNotes.begin(), i);
        m_ws->setCurrentView(tr("Imports"));
        m_ws->selectModule(it->first);
        text = tr("%1: %2").arg(qs(it->first), qs(it->second));
    } else {
        i -= int(moduleNotes.size());
        auto it = std::next(invocationNotes.begin(), i);
        m_ws->setCurrentView(tr("Timeline"));
        if (const auto data = m_ws->data())
            for (std::size_t v = 0; v < data->invocations.size(); ++v)
                if (data->events.requests.view(data->invocations[v].request) == it->first) {
                    m_ws->selectInvocation(int(v));
                    break;
                }
        text = tr("invocation %1: %2").arg(qs(it->first), qs(it->second));
    }
    if (!m_banner) {
        // A title card over the view the finding belongs to (not a status bar line): a
        // framed box at the bottom of the window's central area, above whatever tab shows.
        m_banner = new QLabel(m_window); // over the window, not in a layout (nor the splitter)
        m_banner->setObjectName(QStringLiteral("presentationCard"));
        m_banner->setWordWrap(true);
        m_banner->setAttribute(Qt::WA_TransparentForMouseEvents);
        const QColor accent = style::presentationPalette().color(QPalette::Highlight);
        m_banner->setStyleSheet(QStringLiteral("QLabel#presentationCard{background:rgba(16,16,16,240);color:white;"
                                               "border:3px solid %1;border-radius:8px;padding:14px}")
                                    .arg(accent.name()));
        m_central = m_window->centralWidget();
        m_central->installEventFilter(this);
    }
    m_banner->setTextFormat(titleCard ? Qt::RichText : Qt::PlainText);
    m_banner->setText(titleCard ? tr("Finding %1 of %2<br>%3").arg(m_finding + 1).arg(n).arg(text)
                                : tr("Finding %1 of %2 — %3").arg(m_finding + 1).arg(n).arg(text));
    placeCard();
    m_banner->show();
    m_banner->raise();
}

void Presentation::placeCard()
{
    if (!m_banner)
        return;
    const QRect area = (m_central ? m_central.data() : m_window->centralWidget())->geometry(); // window coordinates
    const int width = std::max(200, area.width() * 7 / 10);
    const int height = m_banner->heightForWidth(width);
    m_banner->setGeometry(area.x() + (area.width() - width) / 2,
        area.bottom() - std::max(height, m_banner->minimumSizeHint().height()) - 24, width,
        std::max(height, m_banner->minimumSizeHint().height()));
}

bool Presentation::eventFilter(QObject *watched, QEvent *event)
{
    // Compared with the widget kept when the filter was installed: events still reach
    // the filter while the window is being destroyed, when it is no QMainWindow any more.
    if (m_banner && m_central && watched == m_central && event->type() == QEvent::Resize)
        placeCard();
    return QObject::eventFilter(watched, event);
}

void Presentation::setOn(bool on)
{
    if (on == m_on)
        return;
    m_on = on;
    if (on) {
        m_normalFont = m_window->font();
        m_normalPalette = m_window->palette();
        QFont big = m_window->font();
        big.setPointSizeF(big.pointSizeF() * 1.5);
        m_window->setFont(big);
        m_window->setPalette(style::presentationPalette());
        m_window->setDetailsVisible(false); // the room goes to the view on screen
        relayoutViews(m_window);
        if (findingCount() > 0)
            showFinding(0);
        m_window->showFullScreen(); // last: some platforms drop the state when the layout changes after it
    } else {
        m_window->setFont(m_normalFont);
        m_window->setPalette(m_normalPalette);
        m_window->setDetailsVisible(true);
        relayoutViews(m_window);
        m_window->showNormal();
        if (m_banner)
            m_banner->hide();
    }
}

} // namespace coldscope
