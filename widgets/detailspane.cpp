// SPDX-License-Identifier: MIT
#include "detailspane.h"
#include "jsontext.h"

#include "format.h"
#include "iciclecanvas.h"
#include "importtreemodel.h"
#include "qtstrings.h"
#include "summary.h"

#include <nlohmann/json.hpp>

#include <QFileInfo>

#include <algorithm>
#include <cmath>

#include <vector>

namespace coldscope {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}
QString esc(std::string_view s)
{
    return qs(s).toHtmlEscaped();
}

QString row(const QString &key, const QString &valueHtml)
{
    return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>").arg(esc(key), valueHtml);
}

QString ms(double v)
{
    return qs(formatMs(v));
}

} // namespace

DetailsPane::DetailsPane(Workspace *workspace, QWidget *parent)
    : QTextBrowser(parent)
    , m_ws(workspace)
{
    setOpenLinks(false);
    setAccessibleName(tr("Details"));
    // A narrow pane (a scaled screen) wraps between words, never inside one
    // ("Invocation" / "s"); a word wider than the pane scrolls instead.
    setWordWrapMode(QTextOption::WordWrap);
    connect(m_ws, &Workspace::dataChanged, this, [this] {
        m_data = m_ws->data();
        showSummary();
    });
    connect(m_ws, &Workspace::focusChanged, this, &DetailsPane::showFocus);
    connect(m_ws, &Workspace::loadingStarted, this, [this] {
        if (!m_data)
            showSummary(); // the first log: say that it loads
    });
    connect(m_ws, &Workspace::comparisonChanged, this, [this] {
        if (m_ws->focus() == Workspace::Focus::None)
            showSummary();
    });
    connect(m_ws, &Workspace::notesChanged, this, [this] {
        if (m_ws->focus() == Workspace::Focus::Node || m_ws->focus() == Workspace::Focus::Invocation)
            showFocus();
    });
    connect(m_ws, &Workspace::loadFailed, this, [this](const QString &error, bool cancelled) {
        if (!cancelled)
            setHtml(QStringLiteral("<h3>%1</h3><p>%2</p>").arg(tr("Could not open the file"), error.toHtmlEscaped()));
    });
    connect(m_ws, &Workspace::sessionRestored, this, [this] {
        if (!m_ws->sessionWarnings().isEmpty())
            append(tr("<h4>Session</h4><p>%1</p>")
                       .arg(m_ws->sessionWarnings()
                                .join(QStringLiteral("\n"))
                                .toHtmlEscaped()
                                .replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
    });
    m_data = m_ws->data(); // a pane made for a workspace already in use shows its state
    showFocus();
}

void DetailsPane::showFocus()
{
    switch (m_ws->focus()) {
    case Workspace::Focus::None:
        showSummary();
        return;
    case Workspace::Focus::Node:
        showImport(m_ws->run(), m_ws->node());
        break;
    case Workspace::Focus::Invocation:
        showInvocation(m_ws->invocation());
        break;
    case Workspace::Focus::Event:
        showLogEvent(m_ws->selectedEvent());
        return;
    }
    appendNote();
}

void DetailsPane::appendNote()
{
    if (const std::string note = m_ws->noteOnSelection(); !note.empty())
        append(tr("<p><b>Note:</b> %1</p>").arg(qs(note).toHtmlEscaped()));
}

void DetailsPane::showSummary()
{
    if (!m_data) {
        if (m_ws->isLoading())
            setHtml(tr("<p>Loading %1…</p>").arg(m_ws->loadingLabel().toHtmlEscaped()));
        else
            setHtml(
                tr("<p>Open a log: File &gt; Open, drop a file on the window, or pass it on the command line.</p>"));
        return;
    }
    const Summary s = summarize(*m_data);
    QString html = comparisonHtml();
    html += QStringLiteral("<h3>%1</h3><table>").arg(esc(m_data->path));
    html += row(tr("Format"), esc(m_data->format));
    for (const auto &note : m_data->notes)
        html += row(QString(), esc(qs(note)));
    html += row(tr("Events"), QString::number(m_data->events.size()));
    html += row(tr("Skipped lines"), QString::number(m_data->skippedLines));
    html += row(tr("Invocations"), QString::number(s.invocations));
    html += row(tr("Cold starts"), QString::number(s.coldStarts));
    html += row(
        tr("INIT phases"), tr("%1 (%2 timed out, %3 failed)").arg(s.initPhases).arg(s.initTimeouts).arg(s.initErrors));
    html += row(tr("Timeouts / errors"), QStringLiteral("%1 / %2").arg(s.timeouts).arg(s.errors));
    html += row(tr("Init duration p50 / p90 / p99"),
        QStringLiteral("%1 / %2 / %3").arg(ms(s.initDuration.p50), ms(s.initDuration.p90), ms(s.initDuration.p99)));
    html += row(tr("Duration p50 / p90 / p99"),
        QStringLiteral("%1 / %2 / %3").arg(ms(s.duration.p50), ms(s.duration.p90), ms(s.duration.p99)));
    html += row(tr("Import runs"), QString::number(m_data->runs.size()));
    html += QStringLiteral("</table>");
    if (!m_data->warnings.empty() || !m_data->diagnostics.empty()) {
        html += tr("<h4>Problems</h4><pre>");
        for (const auto &w : m_data->warnings)
            html += esc(w) + QLatin1Char('\n');
        std::size_t shown = 0;
        for (const auto &d : m_data->diagnostics) {
            if (++shown > 200)
                break;
            html += esc(QStringLiteral("%1:%2: %3").arg(qs(m_data->path)).arg(d.line).arg(qs(d.message)))
                + QLatin1Char('\n');
        }
        html += QStringLiteral("</pre>");
    }
    setHtml(html);
}

QString DetailsPane::comparisonHtml() const
{
    const auto diff = m_ws->comparison();
    const char side = m_ws->shownSide();
    if (!diff || !side)
        return {};
    const ImportDiff &d = *diff;
    auto names = [](const DiffSide &s) {
        QStringList f;
        for (const auto &x : s.files)
            f << QFileInfo(qs(x)).fileName();
        return esc(f.join(QStringLiteral(", ")));
    };
    auto p50 = [](std::vector<double> v) {
        v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
        if (v.empty())
            return QStringLiteral("–");
        std::sort(v.begin(), v.end());
        return ms(nearestRank(v, 50));
    };
    const auto beyond = std::count_if(d.changed.begin(), d.changed.end(),
        [&](std::size_t i) { return d.entries[i].significant && !d.entries[i].deferred; });
    QString html = tr("<h3>Comparison: %1 vs %2</h3><table>").arg(names(d.a), names(d.b));
    html += row(tr("Import time A / B"),
        QStringLiteral("%1 / %2").arg(qs(formatUs(double(d.a.totalUs))), qs(formatUs(double(d.b.totalUs)))));
    html += row(tr("Δ"),
        QStringLiteral("%1%2 (%3%4 %)")
            .arg(d.deltaUs > 0 ? QStringLiteral("+") : QString(), qs(formatUs(double(d.deltaUs))))
            .arg(d.deltaPct > 0 ? QStringLiteral("+") : QString())
            .arg(d.deltaPct, 0, 'f', 1));
    html += row(tr("Runs A / B"), QStringLiteral("%1 / %2").arg(d.a.runs.size()).arg(d.b.runs.size()));
    html += row(tr("Modules"),
        tr("%1 added, %2 removed, %3 changed (%4 beyond the noise), %5 deferred")
            .arg(d.added.size())
            .arg(d.removed.size())
            .arg(d.changed.size())
            .arg(beyond)
            .arg(d.deferred().size()));
    if (!d.a.initDurations.empty() || !d.b.initDurations.empty())
        html += row(
            tr("Init duration p50 A / B"), p50(d.a.initDurations) + QStringLiteral(" / ") + p50(d.b.initDurations));
    if (!d.a.durations.empty() || !d.b.durations.empty())
        html += row(tr("Duration p50 A / B"), p50(d.a.durations) + QStringLiteral(" / ") + p50(d.b.durations));
    html += QStringLiteral("</table><p><i>%1</i></p>")
                .arg(side == 'B' ? tr("The other tabs show build B (below).")
                                 : tr("The other tabs show build A (below)."));
    return html;
}

void DetailsPane::showLogEvent(int e)
{
    if (!m_data || e < 0 || std::size_t(e) >= m_data->events.size())
        return;
    const EventStore &s = m_data->events;
    const auto i = std::size_t(e);
    QString html = QStringLiteral("<table>");
    html += row(tr("Line"), QString::number(s.line[i]));
    html += row(tr("Time (UTC)"),
        esc(QString::fromStdString(formatTimestamp(s.time[i])))
            + ((s.flags[i] & EventFlag::TimeEstimated) ? tr(" (estimated: the line has no timestamp)") : QString()));
    if (s.stream[i])
        html += row(tr("Log stream"),
            esc(m_data->streamName(s.stream[i]))
                + (m_data->isSynthetic(s.stream[i]) ? tr(" (inferred from INIT_START)") : QString()));
    if (!m_data->functionOfStream(s.stream[i]).empty())
        html += row(tr("Function"), esc(m_data->functionOfStream(s.stream[i])));
    if (s.request[i])
        html += row(tr("Request id"), esc(s.requests.view(s.request[i])));
    html += row(tr("Type"), esc(kindName(s.kind[i])));
    if (s.level[i] != Level::None)
        html += row(tr("Level"), esc(levelName(s.level[i])));
    if (const Metrics *m = s.metricsOf(i)) {
        if (!std::isnan(m->durationMs))
            html += row(tr("Duration"), ms(m->durationMs));
        if (!std::isnan(m->billedDurationMs))
            html += row(tr("Billed duration"), ms(m->billedDurationMs));
        if (!std::isnan(m->initDurationMs))
            html += row(tr("Init duration"), ms(m->initDurationMs));
        if (!std::isnan(m->restoreDurationMs))
            html += row(tr("Restore duration"), ms(m->restoreDurationMs));
        if (m->memorySizeMB >= 0)
            html += row(tr("Memory"), tr("%1 MB used of %2 MB").arg(m->maxMemoryUsedMB).arg(m->memorySizeMB));
        if (m->status != Status::Unknown)
            html += row(tr("Status"), esc(statusName(m->status)));
        if (m->errorType)
            html += row(tr("Error type"), esc(s.strings.view(m->errorType)));
    }
    if (const ImportRec *r = s.importOf(i))
        html += row(tr("Import"),
            tr("%1: self %2 µs, cumulative %3 µs, depth %4")
                .arg(esc(s.modules.view(r->module)))
                .arg(r->selfUs)
                .arg(r->cumulativeUs)
                .arg(r->level));
    if (s.flags[i] & EventFlag::Damaged)
        html += row(tr("Note"), tr("this line did not parse as what it looks like; kept as text"));
    html += QStringLiteral("</table><hr/>");
    std::string_view msg = m_data->message(i);
    constexpr std::size_t kMax = 256 * 1024;
    const bool cut = msg.size() > kMax;
    if (cut)
        msg = msg.substr(0, kMax);
    const std::string_view t = trim(msg);
    const QString body = (!t.empty() && t.front() == '{') ? qs(prettyJson(t)) : qs(msg);
    html += QStringLiteral("<pre style='white-space:pre-wrap'>%1</pre>").arg(esc(body));
    if (cut)
        html += tr("<p>(message cut at 256 KB)</p>");
    setHtml(html);
}

void DetailsPane::showImport(int runIndex, int node)
{
    if (!m_data || runIndex < 0 || std::size_t(runIndex) >= m_data->runs.size())
        return;
    const ImportRun &run = m_data->runs[std::size_t(runIndex)];
    if (node < 0 || std::size_t(node) >= run.nodes.size())
        return;
    const ImportNode &n = run.nodes[std::size_t(node)];
    const QString name = IcicleCanvas::nodeName(*m_data, n);
    QString html = QStringLiteral("<h3>%1</h3><table>").arg(esc(name));
    html += row(tr("Self"), tr("%1 µs").arg(n.selfUs));
    html += row(tr("Cumulative"), tr("%1 µs").arg(n.cumulativeUs));
    if (run.totalUs > 0)
        html += row(tr("Share of the run"),
            QStringLiteral("%1 %").arg(100.0 * double(n.cumulativeUs) / double(run.totalUs), 0, 'f', 2));
    html += row(tr("Depth"), QString::number(n.depth));
    // All of its subtree, the direct imports in brackets.
    std::size_t below = 0;
    for (std::vector<std::uint32_t> todo(n.children.begin(), n.children.end()); !todo.empty();) {
        const ImportNode &c = run.nodes[todo.back()];
        todo.pop_back();
        ++below;
        todo.insert(todo.end(), c.children.begin(), c.children.end());
    }
    html += row(tr("Imports below it"), tr("%1 (%2 direct)").arg(below).arg(n.children.size()));
    QStringList chain;
    for (int p = n.parent; p >= 0; p = run.nodes[std::size_t(p)].parent)
        chain.prepend(run.nodes[std::size_t(p)].placeholder ? tr("(unfinished)")
                                                            : qs(m_data->moduleName(run.nodes[std::size_t(p)])));
    if (!chain.isEmpty())
        html += row(tr("Imported by"), esc(chain.join(QStringLiteral(" › "))));
    if (!n.placeholder)
        html += row(tr("Line"), QString::number(m_data->events.line[n.event]));
    if (n.cached)
        html += row(tr("Note"), tr("already imported: Python 3.14 -X importtime=2 'cached' line"));
    if (n.placeholder)
        html += row(tr("Note"), tr("the log ends before this import finished; its children are shown"));
    html += QStringLiteral("</table>");
    setHtml(html);
}

void DetailsPane::showInvocation(int v)
{
    if (!m_data || v < 0 || std::size_t(v) >= m_data->invocations.size())
        return;
    const Invocation &inv = m_data->invocations[std::size_t(v)];
    QString html = QStringLiteral("<h3>%1</h3><table>").arg(esc(m_data->events.requests.view(inv.request)));
    html += row(tr("Function"), esc(m_data->events.functions.view(inv.function)));
    html += row(tr("Log stream"), esc(m_data->streamName(inv.stream)));
    html += row(tr("Start (UTC)"), esc(QString::fromStdString(formatTimestamp(inv.start))));
    html += row(tr("Cold start"), inv.cold ? tr("yes") : tr("no"));
    const Metrics &r = m_data->reportOf(inv);
    html += row(tr("Init duration"), ms(r.initDurationMs));
    html += row(tr("Duration"), ms(r.durationMs));
    html += row(tr("Billed duration"), ms(r.billedDurationMs));
    if (r.memorySizeMB >= 0)
        html += row(tr("Memory"), tr("%1 MB used of %2 MB").arg(r.maxMemoryUsedMB).arg(r.memorySizeMB));
    html += row(tr("Status"), esc(statusName(inv.status)));
    if (inv.errorType)
        html += row(tr("Error type"), esc(m_data->events.strings.view(inv.errorType)));
    html += QStringLiteral("</table>");
    setHtml(html);
}

} // namespace coldscope
