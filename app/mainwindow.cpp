// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "captureguide.h"
#include "compareview.h"
#include "detailspane.h"
#include "eventspanel.h"
#include "exporting.h"
#include "fetchdialog.h"
#include "filedrop.h"
#include "findingspanel.h"
#include "icicleview.h"
#include "importtreepanel.h"
#include "notedialog.h"
#include "presentation.h"
#include "qtstrings.h"
#include "searchpanel.h"
#include "timelineview.h"

#include <QAction>
#include <QApplication>
#include <QButtonGroup>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace coldscope {

namespace {
constexpr int kMaxRecent = 9; // Alt+1 … Alt+9

QString tabName(const QTabWidget *tabs, int index)
{
    return tabs->tabText(index).remove(QLatin1Char('&'));
}

QString sideNames(const DiffSide &s)
{
    QStringList f;
    for (const auto &x : s.files)
        f << QFileInfo(qs(x)).fileName();
    return f.join(QStringLiteral(", "));
}
} // namespace

MainWindow::MainWindow(Workspace *workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_ws(workspace ? workspace : new Workspace(this))
    , m_tabs(new QTabWidget(this))
    , m_findings(new FindingsPanel(m_ws, this))
    , m_tree(new ImportTreePanel(m_ws, this))
    , m_icicle(new IcicleView(m_ws, this))
    , m_timeline(new TimelineView(m_ws, this))
    , m_events(new EventsPanel(m_ws, this))
    , m_search(new SearchPanel(m_ws, this))
    , m_compare(new CompareView(m_ws, this))
    , m_details(new DetailsPane(m_ws, this))
    , m_formatLabel(new QLabel(this))
    , m_eventsLabel(new QLabel(this))
    , m_skipped(new QToolButton(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
    , m_presentation(new Presentation(this))
{
    setWindowTitle(tr("coldscope"));
    setAcceptDrops(true);
    new FileDropFilter(this, m_ws); // files dropped on text fields open too
    auto *imports = new QSplitter(Qt::Vertical, this);
    imports->addWidget(m_icicle);
    imports->addWidget(m_tree);
    imports->setStretchFactor(0, 1);
    imports->setStretchFactor(1, 1);
    m_importsPage = imports;
    m_tabs->addTab(m_findings, tr("&Findings")); // what to fix first: the tab a load shows
    m_tabs->addTab(imports, tr("&Imports"));
    m_tabs->addTab(m_timeline, tr("&Timeline"));
    m_tabs->addTab(m_events, tr("&Events"));
    m_tabs->addTab(m_search, tr("&Search"));
    m_tabs->addTab(m_compare, tr("C&ompare"));
    // While two builds are compared: which side the other tabs show, and a switch.
    m_compareBar = new QWidget(this);
    auto *barLayout = new QHBoxLayout(m_compareBar);
    barLayout->setContentsMargins(4, 2, 4, 2);
    m_compareLabel = new QLabel(m_compareBar);
    m_compareLabel->setTextFormat(Qt::RichText);
    barLayout->addWidget(m_compareLabel, 1);
    auto *sides = new QButtonGroup(m_compareBar);
    for (const char side : { 'A', 'B' }) {
        auto *b = new QToolButton(m_compareBar);
        b->setText(tr("Show %1").arg(QLatin1Char(side)));
        b->setCheckable(true);
        b->setObjectName(QStringLiteral("showSide%1").arg(QLatin1Char(side)));
        sides->addButton(b, side);
        barLayout->addWidget(b);
    }
    connect(sides, &QButtonGroup::idClicked, this, [this](int side) { m_ws->showComparedSide(char(side)); });
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(0);
    leftLayout->addWidget(m_compareBar);
    leftLayout->addWidget(m_tabs, 1);
    auto updateCompare = [this, sides] {
        updateTitle();
        const char side = m_ws->shownSide();
        m_compareBar->setVisible(side != 0);
        if (!side)
            return;
        const auto diff = m_ws->comparison();
        const QString file = QFileInfo(qs(m_ws->data()->path)).fileName().toHtmlEscaped();
        m_compareLabel->setText(tr("Comparing <b>%1</b> vs <b>%2</b>: Imports, Timeline, Events and Details show "
                                   "build <b>%3</b> (%4).")
                                    .arg(sideNames(diff->a).toHtmlEscaped(), sideNames(diff->b).toHtmlEscaped(),
                                        QString(QLatin1Char(side)), file));
        sides->button(side)->setChecked(true);
    };
    for (auto signal : { &Workspace::dataChanged, &Workspace::comparisonChanged, &Workspace::compareReady })
        connect(m_ws, signal, this, updateCompare);
    m_compareBar->setVisible(false);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({ 880, 400 });
    setCentralWidget(split);

    m_skipped->setAutoRaise(true);
    m_skipped->setToolTip(tr("Lines that did not parse: click for the list"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_cancel->setText(tr("Cancel"));
    statusBar()->addWidget(m_formatLabel);
    statusBar()->addWidget(m_eventsLabel);
    statusBar()->addWidget(m_skipped);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    setLoading(m_ws->isLoading()); // a load the app started before building the window

    connect(m_cancel, &QToolButton::clicked, m_ws, &Workspace::cancelLoading);
    connect(m_skipped, &QToolButton::clicked, m_details, &DetailsPane::showSummary);
    connect(m_ws, &Workspace::loadingStarted, this, [this] { setLoading(true); });
    connect(m_ws, &Workspace::progress, this, [this](double fraction, const QString &stage) {
        m_progress->setValue(int(fraction * 1000));
        m_progress->setFormat(QStringLiteral("%1 %p%").arg(stage));
    });
    connect(m_ws, &Workspace::fileLoaded, this, &MainWindow::onLoaded);
    connect(m_ws, &Workspace::loadFailed, this, &MainWindow::onFailed);
    connect(m_ws, &Workspace::compareStarted, this,
        [this] { m_ws->setCurrentView(tabName(m_tabs, m_tabs->indexOf(m_compare))); });
    connect(m_ws, &Workspace::compareReady, this, [this] {
        setLoading(m_ws->isLoading());
        m_ws->setCurrentView(tabName(m_tabs, m_tabs->indexOf(m_compare)));
    });
    connect(m_ws, &Workspace::queryRequested, this,
        [this] { m_ws->setCurrentView(tabName(m_tabs, m_tabs->indexOf(m_search))); });
    // The tab on screen is the workspace's current view (sessions keep it).
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int i) { m_ws->setCurrentView(tabName(m_tabs, i)); });
    connect(m_ws, &Workspace::currentViewChanged, this, [this](const QString &view) {
        for (int t = 0; t < m_tabs->count(); ++t)
            if (tabName(m_tabs, t) == view)
                m_tabs->setCurrentIndex(t);
    });
    m_ws->setCurrentView(tabName(m_tabs, m_tabs->currentIndex()));
    // "Find in logs" on a module, from the tree and the icicle.
    for (QWidget *w : { static_cast<QWidget *>(m_tree->view()), static_cast<QWidget *>(m_icicle->canvas()) }) {
        w->setContextMenuPolicy(Qt::ActionsContextMenu);
        auto *find = new QAction(tr("Find in logs"), w);
        connect(find, &QAction::triggered, this, [this] {
            if (const std::string module = m_ws->selectedModule(); !module.empty())
                m_ws->requestQuery(SearchPanel::importQueryFor(qs(module)));
        });
        w->addAction(find);
    }
    buildMenus();
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry"))) {
        // 1280x800, or less on a small (or scaled: QT_SCALE_FACTOR=2 on 1920x1080) screen.
        QSize size(1280, 800);
        if (const QScreen *screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableGeometry().size() * 0.92);
        resize(size.expandedTo(minimumSizeHint()));
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    const QString logs = tr("Logs (*.log *.txt *.json *.jsonl *.gz *.csv *.md);;All files (*)");
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, [this, logs] {
        if (const QString path = QFileDialog::getOpenFileName(this, tr("Open a log"), QString(), logs); !path.isEmpty())
            m_ws->openFile(path);
    });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("&Reload"), QKeySequence::Refresh, this, [this] {
        if (m_ws->data() && QFileInfo::exists(qs(m_ws->data()->path)))
            m_ws->openFile(qs(m_ws->data()->path));
    });
    file->addAction(
        tr("Open the bundled &sample"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), m_ws, &Workspace::openSample);
    file->addAction(tr("&Compare two builds…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, [this, logs] {
        const QString a = QFileDialog::getOpenFileName(this, tr("Build A (before)"), QString(), logs);
        if (a.isEmpty())
            return;
        const QString b = QFileDialog::getOpenFileName(this, tr("Build B (after)"), QFileInfo(a).absolutePath(), logs);
        if (!b.isEmpty())
            m_ws->compareFiles(a, b);
    });
    file->addAction(tr("&Fetch from CloudWatch…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), this, [this] {
        auto *dialog = new FetchDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &FetchDialog::fetched, m_ws, [this](const QString &path) { m_ws->openFile(path); });
        dialog->open();
    });
    file->addSeparator();
    file->addAction(tr("Open s&ession…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open a session"), QString(), tr("coldscope sessions (*.coldscope);;All files (*)"));
        if (!path.isEmpty())
            m_ws->openSession(path);
    });
    // Spelled out: QKeySequence::SaveAs is empty on some platforms (no shortcut at all).
    file->addAction(tr("Save session &as…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this, [this] {
        QString path = QFileDialog::getSaveFileName(
            this, tr("Save the session"), QString(), tr("coldscope sessions (*.coldscope)"));
        if (path.isEmpty())
            return;
        if (!path.endsWith(QLatin1String(".coldscope")))
            path += QStringLiteral(".coldscope");
        QString error;
        if (!m_ws->saveSession(path, &error))
            QMessageBox::warning(this, tr("Save session"), tr("Could not save %1: %2").arg(path, error));
        else
            statusBar()->showMessage(tr("Session saved: %1").arg(path), 5000);
    });
    file->addSeparator();
    QMenu *exportMenu = file->addMenu(tr("E&xport view"));
    const std::pair<QString, QWidget *> views[] = { { tr("Findings"), m_findings }, { tr("Import tree"), m_tree },
        { tr("Icicle"), m_icicle }, { tr("Timeline"), m_timeline }, { tr("Events"), m_events },
        { tr("Search results"), m_search }, { tr("Comparison"), m_compare } };
    for (const auto &entry : views) {
        QWidget *view = entry.second;
        QAction *a = exportMenu->addAction(
            entry.first, this, [this, name = entry.first, view] { exportViewDialog(name, view); });
        // Ctrl+Alt+ the number of the view's tab (Ctrl+1…); the icicle keeps Ctrl+E.
        QWidget *page = view == m_tree ? m_importsPage : view;
        if (view == m_icicle)
            a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
        else if (const int tab = m_tabs->indexOf(page); tab >= 0)
            a->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | (Qt::Key_1 + tab)));
    }
    file->addAction(tr("Export &report…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this,
        [this] { exportReportDialog(this, *m_ws); });
    file->addAction(tr("Export import &profile (speedscope, Chrome trace)…"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this, [this] { exportProfileDialog(this, *m_ws); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), this, &QWidget::close); // ::Quit is empty on some
    rebuildRecentMenu();

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int t = 0; t < m_tabs->count(); ++t)
        view->addAction(m_tabs->tabText(t), QKeySequence(Qt::CTRL | (Qt::Key_1 + t)), this,
            [this, t] { m_tabs->setCurrentIndex(t); });
    view->addAction(tr("&Filter modules"), QKeySequence::Find, this, [this] {
        m_tabs->setCurrentWidget(m_importsPage);
        m_tree->filterEdit()->setFocus();
        m_tree->filterEdit()->selectAll();
    });
    view->addAction(tr("File &summary"), QKeySequence(Qt::CTRL | Qt::Key_I), m_details, &DetailsPane::showSummary);
    view->addSeparator();
    m_presentation->addActions(view);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(
        tr("Add &note to the selection…"), QKeySequence(Qt::CTRL | Qt::Key_M), this, &MainWindow::addNoteDialog);
    edit->addAction(tr("&Pin the current query"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K), this,
        [this] { m_ws->pinQuery(m_ws->query()); });
    edit->addAction(
        tr("F&indings settings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), m_findings, &FindingsPanel::editSettings);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Capture import times on Lambda…"), QKeySequence::HelpContents, this, [this] {
        CaptureGuide dialog(this);
        dialog.exec();
    });
    help->addAction(tr("&About coldscope"), QKeySequence(Qt::CTRL | Qt::Key_F1), this, [this] {
        QMessageBox::about(this, tr("About coldscope"),
            tr("<h3>coldscope %1</h3><p>Explore Python AWS Lambda cold starts: importtime profiles, "
               "INIT and REPORT lines, in one window.</p>")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::exportViewDialog(const QString &name, QWidget *view)
{
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export %1").arg(name), QString(), tr("PNG image (*.png);;SVG (*.svg);;PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".png");
    bool ok = false;
    // A view on a tab not shown yet has not been laid out (its size is a placeholder):
    // offer the size of the page on screen, at which it is drawn lifted out of its tab.
    const QSize offered = view->isVisible() ? view->size() : m_tabs->currentWidget()->size();
    const QString size = QInputDialog::getText(this, tr("Export %1").arg(name), tr("Size in pixels (width x height):"),
        QLineEdit::Normal, QStringLiteral("%1x%2").arg(offered.width()).arg(offered.height()), &ok);
    if (!ok)
        return;
    const QStringList wh = size.split(QLatin1Char('x'));
    const QSize sz = wh.size() == 2 ? QSize(wh[0].trimmed().toInt(), wh[1].trimmed().toInt()) : QSize();
    QString error;
    if (!exportView(view, path, tr("coldscope — %1").arg(name), sourceNames(*m_ws),
            sz.isValid() && sz.width() >= 100 ? sz : QSize(), &error))
        QMessageBox::warning(this, tr("Export"), error);
}

void MainWindow::setDetailsVisible(bool visible)
{
    m_details->setVisible(visible);
}

void MainWindow::setLoading(bool loading)
{
    m_progress->setVisible(loading);
    m_cancel->setVisible(loading);
    if (loading) {
        m_progress->setValue(0);
        statusBar()->showMessage(tr("Loading %1…").arg(m_ws->loadingLabel()));
    } else {
        statusBar()->clearMessage();
    }
}

void MainWindow::onLoaded(const QString &path)
{
    setLoading(m_ws->isLoading());
    const auto data = m_ws->data();
    updateTitle();
    m_formatLabel->setText(tr("Format: %1").arg(qs(data->format)));
    m_eventsLabel->setText(tr("%1 events").arg(QLocale().toString(qulonglong(data->events.size()))));
    m_skipped->setText(tr("%1 skipped lines").arg(QLocale().toString(qulonglong(data->skippedLines))));
    m_skipped->setEnabled(data->skippedLines > 0 || !data->warnings.empty());
    if (!data->queryResults.columns.empty())
        m_tabs->setCurrentWidget(m_search); // a Logs Insights result export
    else
        m_tabs->setCurrentWidget(m_findings); // what to fix first
    if (QFileInfo::exists(path))
        addRecent(path);
}

void MainWindow::updateTitle()
{
    if (const auto diff = m_ws->comparison(); diff && m_ws->shownSide()) {
        setWindowTitle(tr("%1 vs %2 — coldscope").arg(sideNames(diff->a), sideNames(diff->b)));
    } else if (const auto data = m_ws->data()) {
        setWindowTitle(tr("%1 — coldscope").arg(QFileInfo(qs(data->path)).fileName()));
    } else {
        setWindowTitle(tr("coldscope"));
    }
}

void MainWindow::onFailed(const QString &error, bool cancelled)
{
    setLoading(m_ws->isLoading());
    statusBar()->showMessage(cancelled ? tr("Loading cancelled: %1").arg(m_ws->loadingLabel()) : error, 15000);
}

QString MainWindow::statusText() const
{
    return QStringList { m_formatLabel->text(), m_eventsLabel->text(), m_skipped->text() }.join(QStringLiteral(" | "));
}

void MainWindow::addRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    recent.removeAll(abs);
    recent.prepend(abs);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent[i];
        QAction *a = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()), this,
            [this, path] { m_ws->openFile(path); });
        a->setToolTip(path);
        a->setShortcut(QKeySequence(Qt::ALT | (Qt::Key_1 + i)));
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (std::any_of(urls.begin(), urls.end(), [](const QUrl &u) { return u.isLocalFile(); }))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList files;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            files << url.toLocalFile();
    if (files.isEmpty())
        return;
    if (files.size() >= 2) // two builds at once: compare them
        m_ws->compareFiles(files[0], files[1]);
    else
        m_ws->openFile(files[0]);
    event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_ws->cancelLoading();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::addNoteDialog()
{
    // The module when the Imports or Events tab is on screen and one is selected, else
    // the selected invocation.
    const bool onImports = m_tabs->currentWidget() == m_importsPage || m_tabs->currentWidget() == m_events;
    std::string subject = onImports ? m_ws->selectedModule() : std::string();
    const bool module = !subject.empty();
    if (subject.empty())
        subject = m_ws->selectedRequest();
    if (subject.empty()) {
        statusBar()->showMessage(tr("Select a module (Imports) or an invocation (Timeline) first."), 5000);
        return;
    }
    const auto &notes = module ? m_ws->moduleNotes() : m_ws->invocationNotes();
    const auto it = notes.find(subject);
    const std::optional<QString> note
        = NoteDialog::getNote(this, tr("Note on %1:").arg(qs(subject)), it == notes.end() ? QString() : qs(it->second));
    if (!note)
        return;
    const QString text = *note;
    if (module)
        m_ws->setModuleNote(subject, text.toStdString());
    else
        m_ws->setInvocationNote(subject, text.toStdString());
}

} // namespace coldscope
