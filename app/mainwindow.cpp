// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "compareview.h"
#include "detailspane.h"
#include "importdiff.h"
#include "eventspanel.h"
#include "icicleview.h"
#include "importtreepanel.h"
#include "timelineview.h"
#include "loadjob.h"
#include "qtstrings.h"
#include "searchpanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>

namespace coldscope {

namespace {
constexpr int kMaxRecent = 10;
}

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
    split->setSizes({880, 400});
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
    connect(m_job, &LoadJob::progress, this, [this](double f, const QString &stage) {
        m_progress->setValue(int(f * 1000));
        m_progress->setFormat(QStringLiteral("%1 %p%").arg(stage));
    });
    connect(m_job, &LoadJob::loaded, this, &MainWindow::onLoaded);
    connect(m_job, &LoadJob::failed, this, &MainWindow::onFailed);
    connect(m_tree, &ImportTreePanel::nodeSelected, m_details, &DetailsPane::showImport);
    // Linked views: the tree's selection model is the one selection of imports; the
    // timeline's range filters the events; clicks anywhere select everywhere.
    connect(m_tree, &ImportTreePanel::runChanged, this, [this](int run) { m_icicle->setRun(m_data, run); });
    m_icicle->linkSelection(m_tree->view()->selectionModel(), m_tree->model(), m_tree->proxy());
    connect(m_icicle, &IcicleView::nodeClicked, m_tree, &ImportTreePanel::selectNode);
    connect(m_timeline, &TimelineView::invocationSelected, this, [this](int v) {
        m_details->showInvocation(v);
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
    for (LoadJob *job : {m_compareJobA, m_compareJobB}) {
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
            m_compare->setDiff(std::make_shared<const ImportDiff>(diffImports({m_compareA}, {m_compareB})));
            showCompareTab();
            emit compareReady();
        });
        connect(job, &LoadJob::failed, this, &MainWindow::onFailed);
        connect(job, &LoadJob::progress, this, [this](double f, const QString &stage) {
            m_progress->setValue(int(f * 1000));
            m_progress->setFormat(QStringLiteral("%1 %p%").arg(stage));
        });
    }
    connect(m_timeline, &TimelineView::timeRangeSelected, m_events, &EventsPanel::setTimeRange);
    connect(m_timeline, &TimelineView::timeRangeSelected, m_search, &SearchPanel::setTimeRange);
    connect(m_search, &SearchPanel::rowActivated, this, [this](int, qint64 event) {
        m_details->showEvent(int(event));
        selectEventInvocation(int(event));
        selectImportEvent(int(event));
    });
    // "Find in logs" on a module, from the tree and the icicle.
    for (QWidget *w : {static_cast<QWidget *>(m_tree->view()), static_cast<QWidget *>(m_icicle->canvas())}) {
        w->setContextMenuPolicy(Qt::ActionsContextMenu);
        auto *find = new QAction(tr("Find in logs"), w);
        connect(find, &QAction::triggered, this, [this] {
            const int node = m_tree->selectedNode();
            const ImportRun *run = m_tree->model()->run();
            if (run && node >= 0 && !run->nodes[std::size_t(node)].placeholder)
                findInLogs(qs(m_data->moduleName(run->nodes[std::size_t(node)])));
        });
        w->addAction(find);
    }
    connect(m_events, &EventsPanel::functionChanged, m_timeline, &TimelineView::setFunction);
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
            this, tr("Open a log"), QString(),
            tr("Logs (*.log *.txt *.json *.jsonl *.gz *.csv *.md);;All files (*)"));
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
        const QString b = QFileDialog::getOpenFileName(this, tr("Build B (after)"), QFileInfo(a).absolutePath(), filter);
        if (!b.isEmpty())
            compareFiles(a, b);
    });
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
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

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About coldscope"), this, [this] {
        QMessageBox::about(this, tr("About coldscope"),
                           tr("<h3>coldscope %1</h3><p>Explore Python AWS Lambda cold starts: importtime profiles, "
                              "INIT and REPORT lines, in one window.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::openFile(const QString &path)
{
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
    m_search->setSources({{m_data, QFileInfo(qs(m_data->path)).fileName().toStdString()}});
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
}

void MainWindow::onFailed(const QString &error, bool cancelled)
{
    setLoading(false);
    const QString text = cancelled ? tr("Loading cancelled: %1").arg(m_loadingPath) : error;
    statusBar()->showMessage(text, 15000);
    if (!cancelled)
        m_details->setHtml(QStringLiteral("<h3>%1</h3><p>%2</p>").arg(tr("Could not open the file"), text.toHtmlEscaped()));
    emit loadFailed(text);
}

QString MainWindow::statusText() const
{
    return QStringList{m_formatLabel->text(), m_eventsLabel->text(), m_skipped->text()}.join(QStringLiteral(" | "));
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
                const QSignalBlocker block(m_tree);
                if (m_tree->currentRun() != int(r))
                    m_tree->setRun(int(r));
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

} // namespace coldscope
