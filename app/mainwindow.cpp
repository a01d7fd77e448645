// SPDX-License-Identifier: MIT
#include "mainwindow.h"
#include "jsontext.h"

#include "captureguide.h"
#include "compareview.h"
#include "detailspane.h"
#include "eventspanel.h"
#include "exporting.h"
#include "icicleview.h"
#include "importdiff.h"
#include "importtreepanel.h"
#include "loadjob.h"
#include "profileexport.h"
#include "qtstrings.h"
#include "searchpanel.h"
#include "session.h"
#include "tablecopy.h"
#include "timelineview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>

namespace coldscope {

namespace {
constexpr int kMaxRecent = 10;

bool looksLikeSession(const QString &path)
{
    if (path.endsWith(QLatin1String(".coldscope")))
        return true;
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(512).contains("\"coldscope-session\"");
}
} // namespace

struct MainWindow::PendingSession {
    Session session;
};

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_job(new LoadJob(this))
    , m_tabs(new QTabWidget(this))
    , m_tree(new ImportTreePanel(this))
    , m_icicle(new IcicleView(this))
    , m_timeline(new TimelineView(this))
    , m_search(new SearchPanel(this))
    , m_compare(new CompareView(this))
    , m_compareJobA(new LoadJob(this))
    , m_compareJobB(new LoadJob(this))
    , m_events(new EventsPanel(this))
    , m_details(new DetailsPane(this))
    , m_formatLabel(new QLabel(this))
    , m_eventsLabel(new QLabel(this))
    , m_skipped(new QToolButton(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
{
    setWindowTitle(tr("coldscope"));
    setAcceptDrops(true);
    auto *imports = new QSplitter(Qt::Vertical, this);
    imports->addWidget(m_icicle);
    imports->addWidget(m_tree);
    imports->setStretchFactor(0, 1);
    imports->setStretchFactor(1, 1);
    m_importsPage = imports;
    m_tabs->addTab(imports, tr("&Imports"));
    m_tabs->addTab(m_timeline, tr("&Timeline"));
    m_tabs->addTab(m_events, tr("&Events"));
    m_tabs->addTab(m_search, tr("&Search"));
    m_tabs->addTab(m_compare, tr("C&ompare"));
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tabs);
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
    setLoading(false);

    connect(m_cancel, &QToolButton::clicked, this, &MainWindow::cancelLoading);
    connect(m_skipped, &QToolButton::clicked, m_details, &DetailsPane::showSummary);
    connect(m_job, &LoadJob::progress, this, &MainWindow::showProgress);
    connect(m_job, &LoadJob::loaded, this, &MainWindow::onLoaded);
    connect(m_job, &LoadJob::failed, this, &MainWindow::onFailed);
    connect(m_tree, &ImportTreePanel::nodeSelected, this, [this](int run, int node) {
        m_details->showImport(run, node);
        if (!m_data || run < 0 || node < 0 || std::size_t(run) >= m_data->runs.size())
            return;
        const ImportNode &n = m_data->runs[std::size_t(run)].nodes[std::size_t(node)];
        appendNote(m_moduleNotes, std::string(m_data->moduleName(n)));
    });
    installTableCopy(m_tree->view());
    installTableCopy(m_events->view());
    installTableCopy(m_search->table());
    // Linked views: the tree's selection model is the one selection of imports; the
    // timeline's range filters the events; clicks anywhere select everywhere.
    connect(m_tree, &ImportTreePanel::runChanged, this, [this](int run) { m_icicle->setRun(m_data, run); });
    m_icicle->linkSelection(m_tree->view()->selectionModel(), m_tree->model(), m_tree->proxy());
    connect(m_icicle, &IcicleView::nodeClicked, m_tree, &ImportTreePanel::selectNode);
    connect(m_timeline, &TimelineView::invocationSelected, this, [this](int v) {
        m_details->showInvocation(v);
        if (m_data)
            appendNote(m_invocationNotes,
                std::string(m_data->events.requests.view(m_data->invocations[std::size_t(v)].request)));
        const int run = m_data ? m_data->invocations[std::size_t(v)].importRun : -1;
        if (run >= 0 && run != m_tree->currentRun())
            m_tree->setRun(run);
    });
    connect(m_timeline, &TimelineView::importSelected, this, [this](int run, int node) {
        if (run != m_tree->currentRun())
            m_tree->setRun(run);
        m_tree->selectNode(node);
    });
    connect(m_compare, &CompareView::compareRequested, this, &MainWindow::compareFiles);
    for (LoadJob *job : { m_compareJobA, m_compareJobB }) {
        connect(job, &LoadJob::loaded, this, [this, job](std::shared_ptr<const LogData> d) {
            (job == m_compareJobA ? m_compareA : m_compareB) = std::move(d);
            if (!m_compareA || !m_compareB)
                return;
            setLoading(false);
            statusBar()->clearMessage();
            if (m_compareA->runs.empty() || m_compareB->runs.empty()) {
                onFailed(tr("Nothing to compare: %1 has no importtime table")
                             .arg(qs((m_compareA->runs.empty() ? m_compareA : m_compareB)->path)),
                    false);
                return;
            }
            m_compare->setDiff(std::make_shared<const ImportDiff>(diffImports({ m_compareA }, { m_compareB })));
            showCompareTab();
            emit compareReady();
            applyPendingSession();
        });
        connect(job, &LoadJob::failed, this, &MainWindow::onFailed);
        connect(job, &LoadJob::progress, this, &MainWindow::showProgress);
    }
    connect(m_timeline, &TimelineView::timeRangeSelected, m_events, &EventsPanel::setTimeRange);
    connect(m_timeline, &TimelineView::timeRangeSelected, m_search, &SearchPanel::setTimeRange);
    connect(m_search, &SearchPanel::rowActivated, this, [this](int, qint64 event) {
        m_details->showEvent(int(event));
        selectEventInvocation(int(event));
        selectImportEvent(int(event));
    });
    // "Find in logs" on a module, from the tree and the icicle.
    for (QWidget *w : { static_cast<QWidget *>(m_tree->view()), static_cast<QWidget *>(m_icicle->canvas()) }) {
        w->setContextMenuPolicy(Qt::ActionsContextMenu);
        auto *find = new QAction(tr("Find in logs"), w);
        connect(find, &QAction::triggered, this, [this] {
            if (const std::string module = m_tree->selectedModule(); !module.empty())
                findInLogs(qs(module));
        });
        w->addAction(find);
    }
    connect(m_events, &EventsPanel::functionChanged, m_timeline, &TimelineView::setFunction);
    connect(m_events, &EventsPanel::functionChanged, m_tree, &ImportTreePanel::setFunction);
    connect(m_events, &EventsPanel::eventSelected, this, [this](int e) {
        m_details->showEvent(e);
        selectImportEvent(e);
    });
    buildMenus();
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1280, 800);
    m_details->setLogData(nullptr);
}

MainWindow::~MainWindow() = default;

QString MainWindow::sampleResource()
{
    return QStringLiteral(":/samples/lambda-python-cold-starts.log");
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open a log"), QString(), tr("Logs (*.log *.txt *.json *.jsonl *.gz *.csv *.md);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    QAction *reload = file->addAction(tr("&Reload"), this, [this] {
        if (m_data && QFileInfo::exists(qs(m_data->path)))
            openFile(qs(m_data->path));
    });
    reload->setShortcut(QKeySequence::Refresh);
    file->addAction(tr("Open the bundled &sample"), this, &MainWindow::openSample);
    QAction *compare = file->addAction(tr("&Compare two builds…"), this, [this] {
        const QString filter = tr("Logs (*.log *.txt *.json *.jsonl *.gz);;All files (*)");
        const QString a = QFileDialog::getOpenFileName(this, tr("Build A (before)"), QString(), filter);
        if (a.isEmpty())
            return;
        const QString b
            = QFileDialog::getOpenFileName(this, tr("Build B (after)"), QFileInfo(a).absolutePath(), filter);
        if (!b.isEmpty())
            compareFiles(a, b);
    });
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    file->addSeparator();
    QAction *openSessionAction = file->addAction(tr("Open s&ession…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open a session"), QString(), tr("coldscope sessions (*.coldscope);;All files (*)"));
        if (!path.isEmpty())
            openSession(path);
    });
    openSessionAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));
    QAction *saveSessionAction = file->addAction(tr("Save session &as…"), this, [this] {
        QString path = QFileDialog::getSaveFileName(
            this, tr("Save the session"), QString(), tr("coldscope sessions (*.coldscope)"));
        if (path.isEmpty())
            return;
        if (!path.endsWith(QLatin1String(".coldscope")))
            path += QStringLiteral(".coldscope");
        QString error;
        if (!saveSessionTo(path, &error))
            QMessageBox::warning(this, tr("Save session"), tr("Could not save %1: %2").arg(path, error));
        else
            statusBar()->showMessage(tr("Session saved: %1").arg(path), 5000);
    });
    saveSessionAction->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    QMenu *exportMenu = file->addMenu(tr("E&xport view"));
    auto addExport = [&](const QString &name, QWidget *view, const QKeySequence &key = {}) {
        QAction *a = exportMenu->addAction(name, this, [this, view, name] {
            QString path = QFileDialog::getSaveFileName(
                this, tr("Export %1").arg(name), QString(), tr("PNG image (*.png);;SVG (*.svg);;PDF (*.pdf)"));
            if (path.isEmpty())
                return;
            if (QFileInfo(path).suffix().isEmpty())
                path += QStringLiteral(".png");
            bool ok = false;
            const QString size
                = QInputDialog::getText(this, tr("Export %1").arg(name), tr("Size in pixels (width x height):"),
                    QLineEdit::Normal, QStringLiteral("%1x%2").arg(view->width()).arg(view->height()), &ok);
            if (!ok)
                return;
            const QStringList wh = size.split(QLatin1Char('x'));
            const QSize sz = wh.size() == 2 ? QSize(wh[0].trimmed().toInt(), wh[1].trimmed().toInt()) : QSize();
            QStringList sources;
            if (m_data)
                sources << QFileInfo(qs(m_data->path)).fileName();
            QString error;
            if (!exportView(view, path, tr("coldscope — %1").arg(name), sources,
                    sz.isValid() && sz.width() >= 100 ? sz : QSize(), &error))
                QMessageBox::warning(this, tr("Export"), error);
        });
        if (!key.isEmpty())
            a->setShortcut(key);
    };
    addExport(tr("Import tree"), m_tree);
    addExport(tr("Icicle"), m_icicle, QKeySequence(Qt::CTRL | Qt::Key_E));
    addExport(tr("Timeline"), m_timeline);
    addExport(tr("Events"), m_events);
    addExport(tr("Search results"), m_search);
    addExport(tr("Comparison"), m_compare);
    QAction *report = file->addAction(tr("Export &report…"), this, &MainWindow::exportReportDialog);
    report->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QAction *profile = file->addAction(
        tr("Export import &profile (speedscope, Chrome trace)…"), this, &MainWindow::exportProfileDialog);
    profile->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    rebuildRecentMenu();

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *imports = view->addAction(tr("&Import tree"), this, &MainWindow::showImportsTab);
    imports->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *timeline = view->addAction(tr("&Timeline"), this, &MainWindow::showTimelineTab);
    timeline->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    QAction *events = view->addAction(tr("&Events"), this, &MainWindow::showEventsTab);
    events->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    QAction *search = view->addAction(tr("&Search (Logs Insights)"), this, &MainWindow::showSearchTab);
    search->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    QAction *compareTab = view->addAction(tr("C&ompare"), this, &MainWindow::showCompareTab);
    compareTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    QAction *filter = view->addAction(tr("&Filter modules"), this, [this] {
        showImportsTab();
        m_tree->filterEdit()->setFocus();
        m_tree->filterEdit()->selectAll();
    });
    filter->setShortcut(QKeySequence::Find);
    QAction *summary = view->addAction(tr("File &summary"), m_details, &DetailsPane::showSummary);
    summary->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *note = edit->addAction(tr("Add &note to the selection…"), this, &MainWindow::addNoteDialog);
    note->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    QAction *pin
        = edit->addAction(tr("&Pin the current query"), this, [this] { m_search->pinQuery(m_search->query()); });
    pin->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));

    view->addSeparator();
    QAction *present = view->addAction(tr("&Presentation mode"), this, [this] { setPresentationMode(!m_presenting); });
    present->setShortcut(QKeySequence(Qt::Key_F11));
    present->setCheckable(true);
    QAction *next = view->addAction(tr("Next finding"), this, [this] { showFinding(m_finding + 1); });
    next->setShortcut(QKeySequence(Qt::Key_PageDown));
    QAction *prev = view->addAction(tr("Previous finding"), this, [this] { showFinding(m_finding - 1); });
    prev->setShortcut(QKeySequence(Qt::Key_PageUp));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *guide = help->addAction(tr("&Capture import times on Lambda…"), this, [this] {
        CaptureGuide dialog(this);
        dialog.exec();
    });
    guide->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About coldscope"), this, [this] {
        QMessageBox::about(this, tr("About coldscope"),
            tr("<h3>coldscope %1</h3><p>Explore Python AWS Lambda cold starts: importtime profiles, "
               "INIT and REPORT lines, in one window.</p>")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::openFile(const QString &path)
{
    if (looksLikeSession(path)) {
        openSession(path);
        return;
    }
    m_loadingPath = path;
    setLoading(true);
    m_job->start(path);
}

void MainWindow::openSample()
{
    QFile f(sampleResource());
    if (!f.open(QIODevice::ReadOnly)) {
        onFailed(tr("the bundled sample is missing from this build"), false);
        return;
    }
    m_loadingPath = tr("sample: lambda-python-cold-starts.log");
    setLoading(true);
    m_job->startBytes(f.readAll(), m_loadingPath);
}

void MainWindow::cancelLoading()
{
    m_job->cancel();
}

void MainWindow::showEventsTab()
{
    m_tabs->setCurrentWidget(m_events);
}

void MainWindow::showImportsTab()
{
    m_tabs->setCurrentWidget(m_importsPage);
}

void MainWindow::showTimelineTab()
{
    m_tabs->setCurrentWidget(m_timeline);
}

void MainWindow::showCompareTab()
{
    m_tabs->setCurrentWidget(m_compare);
}

void MainWindow::compareFiles(const QString &a, const QString &b)
{
    m_compareA.reset();
    m_compareB.reset();
    m_compare->dropA()->setFile(a);
    m_compare->dropB()->setFile(b);
    m_loadingPath = tr("%1 and %2").arg(QFileInfo(a).fileName(), QFileInfo(b).fileName());
    setLoading(true);
    m_compareJobA->start(a);
    m_compareJobB->start(b);
    showCompareTab();
}

void MainWindow::showSearchTab()
{
    m_tabs->setCurrentWidget(m_search);
}

void MainWindow::findInLogs(const QString &module)
{
    showSearchTab();
    m_search->runQuery(SearchPanel::importQueryFor(module));
}

void MainWindow::selectEventInvocation(int event)
{
    if (!m_data || event < 0)
        return;
    const std::uint32_t req = m_data->events.request[std::size_t(event)];
    if (!req)
        return;
    for (std::size_t v = 0; v < m_data->invocations.size(); ++v) {
        if (m_data->invocations[v].request == req) {
            m_timeline->selectInvocation(int(v));
            const int run = m_data->invocations[v].importRun;
            if (run >= 0 && run != m_tree->currentRun())
                m_tree->setRun(run);
            return;
        }
    }
}

void MainWindow::setLoading(bool loading)
{
    m_progress->setVisible(loading);
    m_cancel->setVisible(loading);
    if (loading) {
        m_progress->setValue(0);
        statusBar()->showMessage(tr("Loading %1…").arg(m_loadingPath));
    }
}

void MainWindow::onLoaded(std::shared_ptr<const LogData> data)
{
    setLoading(false);
    statusBar()->clearMessage();
    m_data = std::move(data);
    m_tree->setLogData(m_data);
    m_events->setLogData(m_data);
    m_timeline->setLogData(m_data);
    m_search->setSources({ { m_data, QFileInfo(qs(m_data->path)).fileName().toStdString() } });
    m_search->setTimeRange(kNoTime, kNoTime);
    if (!m_data->queryResults.columns.empty()) {
        // A Logs Insights result export: show it as results.
        m_search->showImported(*m_data);
        showSearchTab();
    }
    m_details->setLogData(m_data);
    const QString path = qs(m_data->path);
    setWindowTitle(tr("%1 — coldscope").arg(QFileInfo(path).fileName()));
    m_formatLabel->setText(tr("Format: %1").arg(qs(m_data->format)));
    m_eventsLabel->setText(tr("%1 events").arg(QLocale().toString(qulonglong(m_data->events.size()))));
    m_skipped->setText(tr("%1 skipped lines").arg(QLocale().toString(qulonglong(m_data->skippedLines))));
    m_skipped->setEnabled(m_data->skippedLines > 0 || !m_data->warnings.empty());
    if (m_data->runs.empty() && !m_data->invocations.empty())
        showTimelineTab();
    if (QFileInfo::exists(path))
        addRecent(path);
    emit fileLoaded(path);
    applyPendingSession();
}

void MainWindow::onFailed(const QString &error, bool cancelled)
{
    setLoading(false);
    const QString text = cancelled ? tr("Loading cancelled: %1").arg(m_loadingPath) : error;
    statusBar()->showMessage(text, 15000);
    if (!cancelled)
        m_details->setHtml(
            QStringLiteral("<h3>%1</h3><p>%2</p>").arg(tr("Could not open the file"), text.toHtmlEscaped()));
    emit loadFailed(text);
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

void MainWindow::showProgress(double fraction, const QString &stage)
{
    m_progress->setValue(int(fraction * 1000));
    m_progress->setFormat(QStringLiteral("%1 %p%").arg(stage));
}

void MainWindow::appendNote(const std::map<std::string, std::string> &notes, const std::string &key)
{
    if (auto it = notes.find(key); it != notes.end())
        m_details->append(tr("<p><b>Note:</b> %1</p>").arg(qs(it->second).toHtmlEscaped()));
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString &path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); })->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::selectImportEvent(int event)
{
    if (!m_data || event < 0 || m_data->events.kind[std::size_t(event)] != EventKind::ImportLine)
        return;
    for (std::size_t r = 0; r < m_data->runs.size(); ++r) {
        const ImportRun &run = m_data->runs[r];
        for (std::size_t n = 0; n < run.nodes.size(); ++n) {
            if (!run.nodes[n].placeholder && run.nodes[n].event == std::uint32_t(event)) {
                // Blocked so that the details pane keeps showing the event; that also
                // blocks runChanged, so the icicle is moved to the run here, before the
                // selection reaches it.
                const QSignalBlocker block(m_tree);
                if (m_tree->currentRun() != int(r)) {
                    m_tree->setRun(int(r));
                    m_icicle->setRun(m_data, int(r));
                }
                m_tree->selectNode(int(n));
                return;
            }
        }
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls()) {
        for (const QUrl &url : event->mimeData()->urls()) {
            if (url.isLocalFile()) {
                event->acceptProposedAction();
                return;
            }
        }
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList files;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            files << url.toLocalFile();
    if (files.size() >= 2) { // two builds at once: compare them
        compareFiles(files[0], files[1]);
        event->acceptProposedAction();
        return;
    }
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            openFile(url.toLocalFile());
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_job->cancel();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::setModuleNote(const std::string &module, const std::string &note)
{
    if (note.empty())
        m_moduleNotes.erase(module);
    else
        m_moduleNotes[module] = note;
}

void MainWindow::setInvocationNote(const std::string &request, const std::string &note)
{
    if (note.empty())
        m_invocationNotes.erase(request);
    else
        m_invocationNotes[request] = note;
}

void MainWindow::addNoteDialog()
{
    std::string subject;
    bool module = false;
    if (m_tabs->currentWidget() == m_importsPage || m_tabs->currentWidget() == m_events) {
        subject = m_tree->selectedModule();
        module = !subject.empty();
    }
    if (subject.empty() && m_data && m_timeline->selectedInvocation() >= 0)
        subject = std::string(
            m_data->events.requests.view(m_data->invocations[std::size_t(m_timeline->selectedInvocation())].request));
    if (subject.empty()) {
        statusBar()->showMessage(tr("Select a module (Imports) or an invocation (Timeline) first."), 5000);
        return;
    }
    const auto &notes = module ? m_moduleNotes : m_invocationNotes;
    const auto it = notes.find(subject);
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(
        this, tr("Note"), tr("Note on %1:").arg(qs(subject)), it == notes.end() ? QString() : qs(it->second), &ok);
    if (!ok)
        return;
    if (module)
        setModuleNote(subject, text.toStdString());
    else
        setInvocationNote(subject, text.toStdString());
}

void MainWindow::exportReportDialog()
{
    QString path
        = QFileDialog::getSaveFileName(this, tr("Export report"), QString(), tr("HTML (*.html);;Markdown (*.md)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".html");
    QString error;
    if (!writeReport(*this, path, m_search->pinnedQueries(), &error))
        QMessageBox::warning(this, tr("Export report"), error);
    else
        statusBar()->showMessage(tr("Report written: %1").arg(path), 5000);
}

void MainWindow::exportProfileDialog()
{
    const ImportRun *run = m_tree->model()->run();
    if (!m_data || !run) {
        statusBar()->showMessage(tr("No import run to export."), 5000);
        return;
    }
    QString filter;
    QString path = QFileDialog::getSaveFileName(this, tr("Export the import profile"), QString(),
        tr("speedscope (*.speedscope.json);;Chrome trace / Perfetto (*.trace.json)"), &filter);
    if (path.isEmpty())
        return;
    const bool chrome = filter.contains(QLatin1String("Chrome")) || path.endsWith(QLatin1String(".trace.json"));
    if (!path.endsWith(QLatin1String(".json")))
        path += chrome ? QStringLiteral(".trace.json") : QStringLiteral(".speedscope.json");
    const std::string name
        = QFileInfo(qs(m_data->path)).fileName().toStdString() + " run " + std::to_string(m_tree->currentRun() + 1);
    const std::string text
        = jsonText(chrome ? chromeTraceJson(*m_data, *run, name) : speedscopeJson(*m_data, *run, name));
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), qint64(text.size())) != qint64(text.size())
        || !f.commit())
        QMessageBox::warning(this, tr("Export"), f.errorString());
}

bool MainWindow::saveSessionTo(const QString &path, QString *error)
{
    Session s;
    const auto diff = m_compare->diff();
    auto addFile = [&](const std::string &p, const char *role) {
        Session::File f;
        f.path = QFileInfo(qs(p)).absoluteFilePath().toStdString();
        f.role = role;
        f.hash = fileFingerprint(qs(p), &f.size);
        s.files.push_back(f);
    };
    if (m_data && QFileInfo::exists(qs(m_data->path)))
        addFile(m_data->path, "main");
    if (diff) {
        for (const auto &d : diff->a.data)
            addFile(d->path, "a");
        for (const auto &d : diff->b.data)
            addFile(d->path, "b");
    }
    s.run = std::max(0, m_tree->currentRun());
    s.selectedModule = m_tree->selectedModule();
    if (const ImportRun *r = m_icicle->canvas()->run())
        for (int z : m_icicle->canvas()->zoomPath())
            s.zoomPath.push_back(std::string(m_data->moduleName(r->nodes[std::size_t(z)])));
    s.rangeFrom = m_timeline->timeRange().first;
    s.rangeTo = m_timeline->timeRange().second;
    s.query = m_search->query().toStdString();
    for (const QString &q : m_search->pinnedQueries())
        s.pinnedQueries.push_back(q.toStdString());
    s.moduleNotes = m_moduleNotes;
    s.invocationNotes = m_invocationNotes;
    s.tab = m_tabs->tabText(m_tabs->currentIndex()).remove(QLatin1Char('&')).toStdString();
    return saveSession(s, path, error);
}

void MainWindow::openSession(const QString &path)
{
    SessionLoad loaded = loadSession(path);
    if (!loaded.ok()) {
        onFailed(QString::fromStdString(loaded.error), false);
        return;
    }
    m_sessionWarnings.clear();
    for (const auto &w : loaded.warnings)
        m_sessionWarnings << QString::fromStdString(w);
    m_pendingSession = std::make_unique<PendingSession>(PendingSession { loaded.session });
    QString main, a, b;
    for (const auto &f : loaded.session.files) {
        if (!QFileInfo::exists(qs(f.path)))
            continue;
        if (f.role == "a" && a.isEmpty())
            a = qs(f.path);
        else if (f.role == "b" && b.isEmpty())
            b = qs(f.path);
        else if (f.role == "main" && main.isEmpty())
            main = qs(f.path);
    }
    if (!main.isEmpty()) {
        m_loadingPath = main;
        setLoading(true);
        m_job->start(main);
    }
    if (!a.isEmpty() && !b.isEmpty())
        compareFiles(a, b);
    if (main.isEmpty() && (a.isEmpty() || b.isEmpty()))
        applyPendingSession(); // no file left to open: restore what does not need one
}

void MainWindow::applyPendingSession()
{
    if (!m_pendingSession)
        return;
    // Wait until every file of the session is loaded.
    if (m_job->isRunning() || m_compareJobA->isRunning() || m_compareJobB->isRunning())
        return;
    const Session s = std::move(m_pendingSession->session);
    m_pendingSession.reset();
    m_moduleNotes = s.moduleNotes;
    m_invocationNotes = s.invocationNotes;
    QStringList pinned;
    for (const auto &q : s.pinnedQueries)
        pinned << qs(q);
    m_search->setPinnedQueries(pinned);
    m_search->setQuery(qs(s.query));
    if (m_data) {
        if (s.run >= 0 && std::size_t(s.run) < m_data->runs.size())
            m_tree->setRun(s.run);
        else if (!m_data->runs.empty())
            m_sessionWarnings << tr("the session's run %1 is not in the file any more").arg(s.run + 1);
        if (!s.selectedModule.empty() && !m_tree->selectModule(qs(s.selectedModule)))
            m_sessionWarnings << tr("module %1 is not in this run any more").arg(qs(s.selectedModule));
        for (const auto &z : s.zoomPath) {
            const ImportRun *r = m_icicle->canvas()->run();
            if (!r)
                break;
            if (const int n = m_data->findModule(*r, z); n >= 0)
                m_icicle->canvas()->zoomToNode(n);
        }
        if (s.rangeFrom != kNoTime && s.rangeTo != kNoTime)
            m_timeline->setTimeRange(s.rangeFrom, s.rangeTo);
    }
    for (int t = 0; t < m_tabs->count(); ++t)
        if (m_tabs->tabText(t).remove(QLatin1Char('&')).toStdString() == s.tab)
            m_tabs->setCurrentIndex(t);
    if (!m_sessionWarnings.isEmpty()) {
        statusBar()->showMessage(
            tr("Session opened with warnings: %1").arg(m_sessionWarnings.join(QStringLiteral("; "))), 20000);
        m_details->append(tr("<h4>Session</h4><p>%1</p>")
                              .arg(m_sessionWarnings.join(QStringLiteral("<br>"))
                                       .toHtmlEscaped()
                                       .replace(QStringLiteral("&lt;br&gt;"), QStringLiteral("<br>"))));
    }
    emit sessionRestored();
}

int MainWindow::findingCount() const
{
    return int(m_search->pinnedQueries().size() + m_moduleNotes.size() + m_invocationNotes.size());
}

QString MainWindow::currentFindingText() const
{
    return m_findingBanner ? m_findingBanner->text() : QString();
}

void MainWindow::showFinding(int index)
{
    const int n = findingCount();
    if (n == 0) {
        statusBar()->showMessage(tr("No findings yet: pin queries (Ctrl+Shift+K) or add notes (Ctrl+M)."), 5000);
        return;
    }
    m_finding = std::clamp(index, 0, n - 1);
    int i = m_finding;
    QString text;
    const QStringList pinned = m_search->pinnedQueries();
    if (i < pinned.size()) {
        showSearchTab();
        m_search->runQuery(pinned[i]);
        text = tr("query: %1").arg(pinned[i].simplified());
    } else if ((i -= int(pinned.size())) < int(m_moduleNotes.size())) {
        auto it = std::next(m_moduleNotes.begin(), i);
        showImportsTab();
        m_tree->selectModule(qs(it->first));
        text = tr("%1: %2").arg(qs(it->first), qs(it->second));
    } else {
        i -= int(m_moduleNotes.size());
        auto it = std::next(m_invocationNotes.begin(), i);
        showTimelineTab();
        if (m_data)
            for (std::size_t v = 0; v < m_data->invocations.size(); ++v)
                if (m_data->events.requests.view(m_data->invocations[v].request) == it->first) {
                    m_timeline->selectInvocation(int(v));
                    m_details->showInvocation(int(v));
                    break;
                }
        text = tr("invocation %1: %2").arg(qs(it->first), qs(it->second));
    }
    if (!m_findingBanner) {
        m_findingBanner = new QLabel(this);
        m_findingBanner->setWordWrap(true);
        m_findingBanner->setMargin(8);
        statusBar()->addWidget(m_findingBanner, 1);
    }
    m_findingBanner->setText(tr("Finding %1 of %2 — %3").arg(m_finding + 1).arg(n).arg(text));
    m_findingBanner->show();
}

void MainWindow::setPresentationMode(bool on)
{
    if (on == m_presenting)
        return;
    m_presenting = on;
    if (on) {
        m_normalFont = font();
        m_normalPalette = palette();
        QFont big = font();
        big.setPointSizeF(big.pointSizeF() * 1.5);
        setFont(big);
        QPalette hc;
        hc.setColor(QPalette::Window, QColor(0, 0, 0));
        hc.setColor(QPalette::WindowText, Qt::white);
        hc.setColor(QPalette::Base, QColor(16, 16, 16));
        hc.setColor(QPalette::AlternateBase, QColor(34, 34, 34));
        hc.setColor(QPalette::Text, Qt::white);
        hc.setColor(QPalette::Button, QColor(32, 32, 32));
        hc.setColor(QPalette::ButtonText, Qt::white);
        hc.setColor(QPalette::Highlight, QColor(255, 212, 0));
        hc.setColor(QPalette::HighlightedText, Qt::black);
        hc.setColor(QPalette::ToolTipBase, Qt::black);
        hc.setColor(QPalette::ToolTipText, Qt::white);
        hc.setColor(QPalette::PlaceholderText, QColor(190, 190, 190));
        setPalette(hc);
        m_details->hide(); // the room goes to the view on screen
        if (findingCount() > 0)
            showFinding(0);
        showFullScreen(); // last: some platforms drop the state when the layout changes after it
    } else {
        setFont(m_normalFont);
        setPalette(m_normalPalette);
        m_details->show();
        showNormal();
        if (m_findingBanner)
            m_findingBanner->hide();
    }
}

} // namespace coldscope
