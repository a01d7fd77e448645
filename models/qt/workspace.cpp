// SPDX-License-Identifier: MIT
#include "workspace.h"
#include "trace.h"

#include "loadjob.h"
#include "qtstrings.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace coldscope {

namespace {

bool looksLikeSession(const QString &path)
{
    if (path.endsWith(QLatin1String(".coldscope")))
        return true;
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(512).contains("\"coldscope-session\"");
}

} // namespace

Workspace::Workspace(QObject *parent)
    : QObject(parent)
    , m_job(new LoadJob(this))
    , m_jobA(new LoadJob(this))
    , m_jobB(new LoadJob(this))
{
    for (LoadJob *job : { m_job, m_jobA, m_jobB }) {
        connect(job, &LoadJob::progress, this, &Workspace::progress);
        connect(job, &LoadJob::failed, this, &Workspace::loadFailed);
    }
    connect(m_job, &LoadJob::loaded, this, &Workspace::onLoaded);
    connect(m_jobA, &LoadJob::loaded, this, [this](std::shared_ptr<const LogData> d) {
        m_loadedA = std::move(d);
        onCompareLoaded();
    });
    connect(m_jobB, &LoadJob::loaded, this, [this](std::shared_ptr<const LogData> d) {
        m_loadedB = std::move(d);
        onCompareLoaded();
    });
}

Workspace::~Workspace() = default;

QString Workspace::sampleResource()
{
    return QStringLiteral(":/samples/lambda-python-cold-starts.log");
}

void Workspace::startLoad(const QString &label)
{
    m_loadingLabel = label;
    emit loadingStarted(label);
}

void Workspace::openFile(const QString &path)
{
    if (looksLikeSession(path)) {
        openSession(path);
        return;
    }
    m_job->start(path);
    startLoad(path); // after the start: isLoading() holds when loadingStarted goes out
}

bool Workspace::openFileBeforeViews(const QString &path)
{
    if (looksLikeSession(path))
        return false;
    openFile(path);
    return true;
}

void Workspace::openBytes(const QByteArray &bytes, const QString &name)
{
    m_job->startBytes(bytes, name);
    startLoad(name);
}

void Workspace::openSample()
{
    QFile f(sampleResource());
    if (!f.open(QIODevice::ReadOnly)) {
        emit loadFailed(tr("the bundled sample is missing from this build"), false);
        return;
    }
    openBytes(f.readAll(), tr("sample: lambda-python-cold-starts.log"));
}

void Workspace::compareFiles(const QString &a, const QString &b)
{
    m_loadedA.reset();
    m_loadedB.reset();
    m_fileA = a;
    m_fileB = b;
    m_jobA->start(a);
    m_jobB->start(b);
    startLoad(tr("%1 and %2").arg(QFileInfo(a).fileName(), QFileInfo(b).fileName()));
    emit compareStarted(a, b);
}

void Workspace::cancelLoading()
{
    for (LoadJob *job : { m_job, m_jobA, m_jobB })
        job->cancel();
}

bool Workspace::isLoading() const
{
    return m_job->isRunning() || m_jobA->isRunning() || m_jobB->isRunning();
}

void Workspace::onLoaded(std::shared_ptr<const LogData> data)
{
    // A log opened on its own replaces the comparison (a session opening both keeps it).
    if (m_diff && !m_pendingSession && !m_jobA->isRunning() && !m_jobB->isRunning()) {
        m_diff.reset();
        m_fileA.clear();
        m_fileB.clear();
        emit comparisonChanged();
    }
    traceStage("load handed to the GUI thread");
    setData(std::move(data));
    traceStage("views given the log");
    emit fileLoaded(qs(m_data->path));
    applyPendingSession();
}

void Workspace::onCompareLoaded()
{
    if (!m_loadedA || !m_loadedB)
        return;
    if (m_loadedA->runs.empty() || m_loadedB->runs.empty()) {
        emit loadFailed(tr("Nothing to compare: %1 has no importtime table")
                            .arg(qs((m_loadedA->runs.empty() ? m_loadedA : m_loadedB)->path)),
            false);
        return;
    }
    setComparison(std::make_shared<const ImportDiff>(diffImports({ m_loadedA }, { m_loadedB })));
    // The whole window follows the comparison: the other views show B (a session that
    // opens a log of its own keeps that one).
    if (!(m_pendingSession && m_sessionHasMain))
        showComparedSide('B');
    emit compareReady();
    applyPendingSession();
}

void Workspace::setData(std::shared_ptr<const LogData> data)
{
    m_data = std::move(data);
    m_function.reset();
    m_run = defaultRun();
    m_node = m_invocation = m_event = -1;
    m_focus = Focus::None;
    m_from = m_to = kNoTime;
    m_zoom.clear();
    emit dataChanged();
}

void Workspace::setComparison(std::shared_ptr<const ImportDiff> diff)
{
    m_diff = std::move(diff);
    emit comparisonChanged();
}

void Workspace::showComparedSide(char side)
{
    if (!m_diff || shownSide() == side)
        return;
    const DiffSide &s = side == 'A' ? m_diff->a : m_diff->b;
    if (!s.data.empty())
        setData(s.data.back());
}

char Workspace::shownSide() const
{
    if (!m_diff || !m_data)
        return 0;
    if (!m_diff->b.data.empty() && m_diff->b.data.back() == m_data)
        return 'B';
    if (!m_diff->a.data.empty() && m_diff->a.data.back() == m_data)
        return 'A';
    return 0;
}

int Workspace::defaultRun() const
{
    if (!m_data)
        return -1;
    for (std::size_t r = 0; r < m_data->runs.size(); ++r) {
        const std::uint32_t stream = m_data->runs[r].stream;
        const std::uint32_t fn = stream < m_data->streamFunction.size() ? m_data->streamFunction[stream] : 0;
        if (keepsFunction(fn))
            return int(r);
    }
    return -1;
}

void Workspace::setFunction(std::optional<std::uint32_t> function)
{
    if (function == m_function)
        return;
    m_function = function;
    emit functionChanged();
    if (const ImportRun *run = currentRun()) {
        const std::uint32_t fn = run->stream < m_data->streamFunction.size() ? m_data->streamFunction[run->stream] : 0;
        if (keepsFunction(fn))
            return; // the run on screen belongs to the function: keep it
    }
    setRun(defaultRun());
}

void Workspace::setRun(int run)
{
    if (!m_data || run < 0 || std::size_t(run) >= m_data->runs.size())
        run = -1;
    if (run == m_run)
        return;
    m_run = run;
    m_node = -1;
    m_zoom.clear();
    emit runChanged(run);
}

const ImportRun *Workspace::currentRun() const
{
    return m_data && m_run >= 0 && std::size_t(m_run) < m_data->runs.size() ? &m_data->runs[std::size_t(m_run)]
                                                                            : nullptr;
}

void Workspace::focusOn(Focus focus)
{
    // Emitted also when the focus stays: the same item clicked again is shown again.
    m_focus = focus;
    emit focusChanged();
}

void Workspace::selectNode(int node)
{
    const ImportRun *run = currentRun();
    if (!run || node < 0 || std::size_t(node) >= run->nodes.size())
        node = -1;
    if (node != m_node) {
        m_node = node;
        emit nodeChanged(node);
    }
    if (node >= 0)
        focusOn(Focus::Node);
}

bool Workspace::selectModule(const std::string &module)
{
    const ImportRun *run = currentRun();
    const int node = run ? m_data->findModule(*run, module) : -1;
    if (node < 0)
        return false;
    selectNode(node);
    return true;
}

std::string Workspace::selectedModule() const
{
    const ImportRun *run = currentRun();
    if (!run || m_node < 0 || run->nodes[std::size_t(m_node)].placeholder)
        return {};
    return std::string(m_data->moduleName(run->nodes[std::size_t(m_node)]));
}

void Workspace::selectInvocation(int invocation)
{
    if (!m_data || invocation < 0 || std::size_t(invocation) >= m_data->invocations.size())
        invocation = -1;
    if (invocation != m_invocation) {
        m_invocation = invocation;
        emit invocationChanged(invocation);
    }
    if (invocation < 0)
        return;
    if (const int run = m_data->invocations[std::size_t(invocation)].importRun; run >= 0)
        setRun(run);
    focusOn(Focus::Invocation);
}

std::string Workspace::selectedRequest() const
{
    if (!m_data || m_invocation < 0)
        return {};
    return std::string(m_data->events.requests.view(m_data->invocations[std::size_t(m_invocation)].request));
}

void Workspace::selectEvent(int event)
{
    if (!m_data || event < 0 || std::size_t(event) >= m_data->events.size())
        event = -1;
    if (event != m_event) {
        m_event = event;
        emit eventChanged(event);
    }
    if (event < 0)
        return;
    // The event's invocation and, for an importtime line, its node follow; the details
    // pane keeps showing the event.
    if (const std::uint32_t req = m_data->events.request[std::size_t(event)]; req != 0) {
        for (std::size_t v = 0; v < m_data->invocations.size(); ++v) {
            if (m_data->invocations[v].request != req)
                continue;
            if (int(v) != m_invocation) {
                m_invocation = int(v);
                emit invocationChanged(m_invocation);
            }
            if (const int run = m_data->invocations[v].importRun; run >= 0)
                setRun(run);
            break;
        }
    }
    if (m_data->events.kind[std::size_t(event)] == EventKind::ImportLine) {
        for (std::size_t r = 0; r < m_data->runs.size(); ++r) {
            const ImportRun &run = m_data->runs[r];
            for (std::size_t n = 0; n < run.nodes.size(); ++n) {
                if (run.nodes[n].placeholder || run.nodes[n].event != std::uint32_t(event))
                    continue;
                setRun(int(r));
                if (int(n) != m_node) {
                    m_node = int(n);
                    emit nodeChanged(m_node);
                }
                r = m_data->runs.size() - 1;
                break;
            }
        }
    }
    focusOn(Focus::Event);
}

void Workspace::setTimeRange(TimeMs from, TimeMs to)
{
    if (from == m_from && to == m_to)
        return;
    m_from = from;
    m_to = to;
    emit timeRangeChanged(from, to);
}

void Workspace::setZoomPath(std::vector<int> nodes)
{
    if (nodes == m_zoom)
        return;
    m_zoom = std::move(nodes);
    emit zoomPathChanged();
}

void Workspace::setQuery(const QString &text)
{
    if (text == m_query)
        return;
    m_query = text;
    emit queryChanged(text);
}

void Workspace::requestQuery(const QString &text)
{
    setQuery(text);
    emit queryRequested(text);
}

void Workspace::setQueryOutcome(std::shared_ptr<const query::Result> result, const QString &error)
{
    m_result = std::move(result);
    emit queryDone(m_result && error.isEmpty());
}

void Workspace::setPinnedQueries(const QStringList &queries)
{
    if (queries == m_pinned)
        return;
    m_pinned = queries;
    emit pinnedQueriesChanged();
}

void Workspace::pinQuery(const QString &text)
{
    const QString q = text.trimmed();
    if (q.isEmpty() || m_pinned.contains(q))
        return;
    m_pinned << q;
    emit pinnedQueriesChanged();
}

void Workspace::setModuleNote(const std::string &module, const std::string &note)
{
    if (note.empty())
        m_moduleNotes.erase(module);
    else
        m_moduleNotes[module] = note;
    emit notesChanged();
}

void Workspace::setInvocationNote(const std::string &request, const std::string &note)
{
    if (note.empty())
        m_invocationNotes.erase(request);
    else
        m_invocationNotes[request] = note;
    emit notesChanged();
}

std::string Workspace::noteOnSelection() const
{
    const auto find = [](const std::map<std::string, std::string> &notes, const std::string &key) {
        const auto it = notes.find(key);
        return it == notes.end() ? std::string() : it->second;
    };
    if (m_focus == Focus::Node)
        return find(m_moduleNotes, selectedModule());
    if (m_focus == Focus::Invocation)
        return find(m_invocationNotes, selectedRequest());
    return {};
}

int Workspace::findingCount() const
{
    return int(m_pinned.size() + qsizetype(m_moduleNotes.size() + m_invocationNotes.size()));
}

void Workspace::setCurrentView(const QString &view)
{
    if (view == m_view)
        return;
    m_view = view;
    emit currentViewChanged(view);
}

Session Workspace::toSession() const
{
    Session s;
    auto addFile = [&](const std::string &p, const char *role) {
        Session::File f;
        f.path = QFileInfo(qs(p)).absoluteFilePath().toStdString();
        f.role = role;
        f.hash = fileFingerprint(qs(p), &f.size);
        s.files.push_back(f);
    };
    if (m_data && QFileInfo::exists(qs(m_data->path)) && !shownSide()) // a compared side reopens with the pair
        addFile(m_data->path, "main");
    if (m_diff) {
        for (const auto &d : m_diff->a.data)
            addFile(d->path, "a");
        for (const auto &d : m_diff->b.data)
            addFile(d->path, "b");
    }
    s.run = std::max(0, m_run);
    s.selectedModule = selectedModule();
    if (const ImportRun *r = currentRun())
        for (int z : m_zoom)
            s.zoomPath.push_back(std::string(m_data->moduleName(r->nodes[std::size_t(z)])));
    s.rangeFrom = m_from;
    s.rangeTo = m_to;
    s.query = m_query.toStdString();
    for (const QString &q : m_pinned)
        s.pinnedQueries.push_back(q.toStdString());
    s.moduleNotes = m_moduleNotes;
    s.invocationNotes = m_invocationNotes;
    s.tab = m_view.toStdString();
    return s;
}

bool Workspace::saveSession(const QString &path, QString *error) const
{
    return coldscope::saveSession(toSession(), path, error);
}

void Workspace::openSession(const QString &path)
{
    SessionLoad loaded = loadSession(path);
    if (!loaded.ok()) {
        emit loadFailed(QString::fromStdString(loaded.error), false);
        return;
    }
    m_sessionWarnings.clear();
    for (const auto &w : loaded.warnings)
        m_sessionWarnings << QString::fromStdString(w);
    m_pendingSession = loaded.session;
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
    m_sessionHasMain = !main.isEmpty();
    if (!main.isEmpty()) {
        m_job->start(main);
        startLoad(main);
    }
    if (!a.isEmpty() && !b.isEmpty())
        compareFiles(a, b);
    if (main.isEmpty() && (a.isEmpty() || b.isEmpty()))
        applyPendingSession(); // no file left to open: restore what does not need one
}

void Workspace::applyPendingSession()
{
    if (!m_pendingSession || isLoading())
        return; // wait until every file of the session is loaded
    const Session s = std::move(*m_pendingSession);
    m_pendingSession.reset();
    m_moduleNotes = s.moduleNotes;
    m_invocationNotes = s.invocationNotes;
    emit notesChanged();
    QStringList pinned;
    for (const auto &q : s.pinnedQueries)
        pinned << qs(q);
    setPinnedQueries(pinned);
    setQuery(qs(s.query));
    if (m_data) {
        if (s.run >= 0 && std::size_t(s.run) < m_data->runs.size())
            setRun(s.run);
        else if (!m_data->runs.empty())
            m_sessionWarnings << tr("the session's run %1 is not in the file any more").arg(s.run + 1);
        if (!s.selectedModule.empty() && !selectModule(s.selectedModule))
            m_sessionWarnings << tr("module %1 is not in this run any more").arg(qs(s.selectedModule));
        if (const ImportRun *r = currentRun()) {
            std::vector<int> zoom;
            for (const auto &z : s.zoomPath)
                if (const int n = m_data->findModule(*r, z); n >= 0)
                    zoom.push_back(n);
            setZoomPath(std::move(zoom));
        }
        if (s.rangeFrom != kNoTime && s.rangeTo != kNoTime)
            setTimeRange(s.rangeFrom, s.rangeTo);
    }
    setCurrentView(qs(s.tab));
    emit sessionRestored();
}

} // namespace coldscope
