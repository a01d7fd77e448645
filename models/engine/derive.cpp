// SPDX-License-Identifier: MIT
#include "derive.h"

#include "importtree.h"
#include "trace.h"

#include <algorithm>
#include <future>
#include <string>

namespace coldscope {

namespace {

bool isInitReportKind(EventKind k)
{
    return k == EventKind::InitReport || k == EventKind::PlatformInitReport || k == EventKind::RestoreReport
        || k == EventKind::PlatformRestoreReport;
}

void assignEnvironments(LogData &d)
{
    EventStore &s = d.events;
    const std::size_t n = s.size();
    bool unnamed = false;
    for (std::size_t i = 0; i < n && !unnamed; ++i)
        unnamed = s.stream[i] == 0;
    if (!unnamed) {
        d.streamSynthetic.assign(s.streams.size(), 0);
        return;
    }
    struct Env {
        std::uint32_t stream = 0;
        bool initPending = false;
        bool retired = false;
        std::uint32_t busy = 0;
    };
    std::vector<Env> envs;
    std::vector<std::uint32_t> synthetic;
    int cursor = -1;
    std::vector<int> pending, idle;
    std::vector<std::int32_t> reqEnv(s.requests.size(), -1);
    auto newEnv = [&](std::uint32_t instance) -> int {
        Env e;
        if (instance != 0 && s.streams.view(instance).size() > 0) {
            e.stream = instance;
        } else {
            e.stream = s.streams.intern("environment " + std::to_string(synthetic.size() + 1));
            synthetic.push_back(e.stream);
        }
        envs.push_back(e);
        return int(envs.size() - 1);
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (s.stream[i] != 0)
            continue;
        const EventKind k = s.kind[i];
        const std::uint32_t req = s.request[i];
        int env = -1;
        if (isInitStartKind(k)) {
            const std::int32_t a = s.aux[i];
            const std::uint32_t instance
                = (a >= 0 && std::size_t(a) < s.origins.size()) ? s.origins[std::size_t(a)].instance : 0;
            env = newEnv(instance);
            envs[std::size_t(env)].initPending = true;
            pending.push_back(env);
            cursor = env;
        } else if (isStartKind(k) && req != 0) {
            env = reqEnv[req];
            if (env < 0) {
                // A fresh environment waiting for its first request, else the one that
                // became idle last (stacks with lazy removal keep this O(1)).
                while (!pending.empty()
                    && !(envs[std::size_t(pending.back())].initPending && envs[std::size_t(pending.back())].busy == 0
                        && !envs[std::size_t(pending.back())].retired))
                    pending.pop_back();
                if (!pending.empty()) {
                    env = pending.back();
                    pending.pop_back();
                }
                while (env < 0 && !idle.empty()) {
                    const int cand = idle.back();
                    idle.pop_back();
                    if (envs[std::size_t(cand)].busy == 0 && !envs[std::size_t(cand)].retired
                        && !envs[std::size_t(cand)].initPending)
                        env = cand;
                }
                if (env < 0)
                    env = newEnv(0);
            }
            envs[std::size_t(env)].initPending = false;
            envs[std::size_t(env)].busy = req;
            reqEnv[req] = env;
            cursor = env;
        } else if (req != 0) {
            env = reqEnv[req];
            if (env < 0) {
                env = cursor >= 0 ? cursor : newEnv(0);
                reqEnv[req] = env;
            }
            if (isReportKind(k) && envs[std::size_t(env)].busy == req) {
                envs[std::size_t(env)].busy = 0;
                idle.push_back(env);
            }
        } else {
            if (cursor < 0) {
                // Output before any START (sam local invoke prints importtime before it,
                // without INIT_START): an environment starting up.
                cursor = newEnv(0);
                envs[std::size_t(cursor)].initPending = true;
                pending.push_back(cursor);
            }
            env = cursor;
            if (isInitReportKind(k)) {
                const Metrics *m = s.metricsOf(i);
                if (m && isFailed(m->status)) {
                    envs[std::size_t(env)].initPending = false;
                    envs[std::size_t(env)].retired = true;
                }
            }
        }
        s.stream.set(i, envs[std::size_t(env)].stream);
    }
    d.streamSynthetic.assign(s.streams.size(), 0);
    for (auto id : synthetic)
        d.streamSynthetic[id] = 1;
}

void assignFunctions(LogData &d)
{
    EventStore &s = d.events;
    d.streamFunction.assign(s.streams.size(), 0);
    for (std::uint32_t id = 1; id < s.streams.size(); ++id) {
        const StreamName sn = parseStreamName(s.streams.view(id));
        if (!sn.function.empty())
            d.streamFunction[id] = s.functions.intern(sn.function);
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::int32_t a = s.aux[i];
        if (a < 0 || s.kind[i] == EventKind::ImportLine || std::size_t(a) >= s.origins.size())
            continue;
        const std::uint32_t fn = s.origins[std::size_t(a)].function;
        if (fn != 0 && d.streamFunction[s.stream[i]] == 0)
            d.streamFunction[s.stream[i]] = fn;
    }
}

void fillTimes(LogData &d)
{
    // One pass: events without a time wait per stream for the next stamped event;
    // END and REPORT (which close an invocation) take the last earlier time instead.
    EventStore &s = d.events;
    if (!s.time.hasNone())
        return; // every event has its own time (Lambda's JSON records, CLI downloads)
    const std::size_t n = s.size();
    std::vector<TimeMs> last(s.streams.size(), kNoTime);
    std::vector<std::vector<std::uint32_t>> waiting(s.streams.size());
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t st = s.stream[i];
        if (s.time[i] != kNoTime) {
            last[st] = s.time[i];
            if (!waiting[st].empty()) {
                for (std::uint32_t w : waiting[st]) {
                    s.time.set(w, s.time[i]);
                    s.flags[w] |= EventFlag::TimeEstimated;
                }
                waiting[st].clear();
            }
            continue;
        }
        const EventKind k = s.kind[i];
        if ((k == EventKind::End || isReportKind(k)) && last[st] != kNoTime) {
            s.time.set(i, last[st]);
            s.flags[i] |= EventFlag::TimeEstimated;
        } else {
            waiting[st].push_back(std::uint32_t(i));
        }
    }
    // Trailing events with no later stamp: the last earlier one.
    for (std::uint32_t st = 0; st < waiting.size(); ++st) {
        if (last[st] == kNoTime)
            continue;
        for (std::uint32_t w : waiting[st]) {
            s.time.set(w, last[st]);
            s.flags[w] |= EventFlag::TimeEstimated;
        }
    }
}

// The kinds whose event makes an invocation of its request in deriveInvocations() (START,
// END, REPORT, a runtime's done or timed-out record, a query row).
bool makesInvocation(EventKind k)
{
    return isStartKind(k) || isReportKind(k) || k == EventKind::End || k == EventKind::QueryRow
        || k == EventKind::PlatformRuntimeDone || k == EventKind::TimedOut;
}

// At most how many invocations deriveInvocations() makes: each needs a request id and an
// event of a kind that makes one.
std::size_t invocationBound(const EventStore &s)
{
    bool makes[std::size_t(EventKind::Count_)] = {};
    for (std::size_t k = 0; k < std::size_t(EventKind::Count_); ++k)
        makes[k] = makesInvocation(EventKind(k));
    std::size_t count = 0;
    for (const EventKind k : s.kind)
        count += makes[std::size_t(k)];
    return std::min(count, s.requests.size());
}

void deriveInvocations(LogData &d, std::future<void> &functions, std::size_t bound)
{
    EventStore &s = d.events;
    const std::size_t n = s.size();
    std::vector<std::int32_t> byRequest(s.requests.size(), -1);
    std::vector<std::int32_t> streamInit(s.streams.size(), -1);
    std::vector<std::int32_t> running(s.streams.size(), -1); // invocation between START and END, by stream
    std::vector<std::uint8_t> timedOut, errorSeen;
    // Sized once to a bound (invocationBound()), so the column never grows by copying (a
    // growth step held the old and the new copy, 2x its size, at peak).
    d.invocations.reserve(d.invocations.size() + bound);
    timedOut.reserve(bound);
    errorSeen.reserve(bound);
    // Functions are named at the end: assignFunctions() works out the stream -> function
    // table alongside this pass.
    auto invocationOf = [&](std::uint32_t req, std::uint32_t stream) -> Invocation & {
        std::int32_t &slot = byRequest[req];
        if (slot < 0) {
            slot = std::int32_t(d.invocations.size());
            Invocation inv;
            inv.request = req;
            inv.stream = stream;
            d.invocations.push_back(inv);
            timedOut.push_back(0);
            errorSeen.push_back(0);
        }
        return d.invocations[std::size_t(slot)];
    };
    // The kinds this pass reads; any other event matters only as an error record.
    bool kindMatters[std::size_t(EventKind::Count_)] = {};
    for (std::size_t k = 0; k < std::size_t(EventKind::Count_); ++k) {
        const auto kind = EventKind(k);
        kindMatters[k] = isInitStartKind(kind) || isInitReportKind(kind) || kind == EventKind::PlatformInitRuntimeDone
            || makesInvocation(kind);
    }
    for (std::size_t i = 0; i < n; ++i) {
        const EventKind k = s.kind[i];
        if (!kindMatters[std::size_t(k)] && !(s.flags[i] & EventFlag::ErrorRecord))
            continue; // an application record, an importtime line: half a JSON-format log
        const std::uint32_t stream = s.stream[i];
        const std::uint32_t req = s.request[i];
        const Metrics *m = s.metricsOf(i);
        if (isInitStartKind(k)) {
            InitPhase p;
            p.stream = stream;
            p.start = s.time[i];
            p.restore = k == EventKind::RestoreStart || k == EventKind::PlatformRestoreStart;
            p.startEvent = std::uint32_t(i);
            if (m) {
                p.runtimeVersion = m->runtimeVersion;
                p.phase = m->phase;
            }
            streamInit[stream] = std::int32_t(d.initPhases.size());
            d.initPhases.push_back(p);
            continue;
        }
        if (isInitReportKind(k) || k == EventKind::PlatformInitRuntimeDone) {
            if (streamInit[stream] < 0) {
                InitPhase p;
                p.stream = stream;
                p.start = s.time[i];
                p.startEvent = std::uint32_t(i);
                streamInit[stream] = std::int32_t(d.initPhases.size());
                d.initPhases.push_back(p);
            }
            InitPhase &p = d.initPhases[std::size_t(streamInit[stream])];
            if (m) {
                if (k != EventKind::PlatformInitRuntimeDone || p.status == Status::Unknown)
                    p.status = m->status;
                if (m->errorType)
                    p.errorType = m->errorType;
                if (m->phase)
                    p.phase = m->phase;
                const double dur = p.restore ? m->restoreDurationMs : m->initDurationMs;
                if (!std::isnan(dur))
                    p.durationMs = dur;
            }
            // A REPORT line carries Init Duration but INIT_REPORT (text) only appears on
            // failures, so a missing status on a finished INIT_REPORT means success.
            if (isInitReportKind(k) && p.status == Status::Unknown)
                p.status = Status::Success;
            continue;
        }
        if (req == 0) {
            // The Python runtime's unhandled-error record in text logs ("[ERROR]
            // KeyError: 'x'" + traceback) names no request: it belongs to the request
            // running in its environment.
            if ((s.flags[i] & EventFlag::ErrorRecord) && running[stream] >= 0) {
                const auto idx = std::size_t(running[stream]);
                errorSeen[idx] = 1;
                if (m && m->errorType && d.invocations[idx].errorType == 0)
                    d.invocations[idx].errorType = m->errorType;
            }
            continue;
        }
        if (isStartKind(k)) {
            Invocation &inv = invocationOf(req, stream);
            inv.start = s.time[i];
            inv.startEvent = std::int32_t(i);
            running[stream] = byRequest[req];
            continue;
        }
        if ((k == EventKind::End || isReportKind(k)) && running[stream] == byRequest[req])
            running[stream] = -1;
        if (isReportKind(k) || k == EventKind::QueryRow) {
            if (!m || std::isnan(m->durationMs))
                continue;
            const std::int32_t idx = byRequest[req] < 0 ? std::int32_t(d.invocations.size()) : byRequest[req];
            Invocation &inv = invocationOf(req, stream);
            inv.report = s.aux[i]; // metricsOf(i) is non-null: a metrics index
            if (m->status != Status::Unknown)
                inv.status = m->status;
            if (m->errorType)
                inv.errorType = m->errorType;
            inv.cold = !std::isnan(m->initDurationMs) || !std::isnan(m->restoreDurationMs);
            if (inv.start == kNoTime && s.time[i] != kNoTime)
                inv.start = s.time[i] - TimeMs(std::llround(m->durationMs));
            if (inv.cold && streamInit[stream] >= 0) {
                InitPhase &p = d.initPhases[std::size_t(streamInit[stream])];
                if (p.invocation < 0) {
                    p.invocation = idx;
                    inv.initPhase = streamInit[stream];
                    if (std::isnan(p.durationMs))
                        p.durationMs = p.restore ? m->restoreDurationMs : m->initDurationMs;
                    if (p.status == Status::Unknown)
                        p.status = Status::Success;
                }
            }
            continue;
        }
        if (k == EventKind::PlatformRuntimeDone) {
            Invocation &inv = invocationOf(req, stream);
            if (m && inv.status == Status::Unknown && m->status != Status::Success)
                inv.status = m->status;
            continue;
        }
        if (k == EventKind::End) {
            invocationOf(req, stream);
            continue;
        }
        if (k == EventKind::TimedOut) {
            invocationOf(req, stream);
            timedOut[std::size_t(byRequest[req])] = 1;
            continue;
        }
        if ((s.flags[i] & EventFlag::ErrorRecord) && byRequest[req] >= 0) {
            const auto idx = std::size_t(byRequest[req]);
            errorSeen[idx] = 1;
            if (m && m->errorType && d.invocations[idx].errorType == 0)
                d.invocations[idx].errorType = m->errorType;
        }
    }
    // The stream -> function table, worked out alongside this pass, names each
    // invocation's and INIT phase's function (one more walk over the invocations, shared
    // with their statuses).
    functions.get();
    for (std::size_t v = 0; v < d.invocations.size(); ++v) {
        Invocation &inv = d.invocations[v];
        inv.function = d.streamFunction[inv.stream];
        // The REPORT / platform.report status is the log's word; only where it gives none
        // (text REPORT lines carry no status on most failures) do the runtime's own
        // records decide: "Task timed out", or an unhandled-error record.
        if (inv.status == Status::Unknown) {
            if (timedOut[v])
                inv.status = Status::Timeout;
            else if (errorSeen[v])
                inv.status = Status::Error;
            else if (inv.hasReport())
                inv.status = Status::Success;
        }
    }
    for (InitPhase &p : d.initPhases)
        p.function = d.streamFunction[p.stream];
}

void deriveImportRuns(LogData &d)
{
    EventStore &s = d.events;
    const std::size_t n = s.size();
    struct Pending {
        std::vector<std::uint32_t> lines;
        std::int32_t initPhase = -1;
        std::uint32_t firstEvent = 0;
    };
    std::vector<Pending> open(s.streams.size());
    // The run each INIT phase got in this pass (linkImportRuns() writes it into the
    // phases): the pass only reads the phases and invocations, so the summary can be
    // worked out alongside it.
    std::vector<std::int32_t> phaseRun(d.initPhases.size(), -1);
    std::vector<std::int32_t> streamInit(s.streams.size(), -1);
    std::vector<std::int32_t> awaiting(s.streams.size(), -1); // run waiting for its invocation's START
    std::vector<std::int32_t> invocationOfRequest(s.requests.size(), -1);
    for (std::size_t v = 0; v < d.invocations.size(); ++v)
        invocationOfRequest[d.invocations[v].request] = std::int32_t(v);
    // INIT phases in the order of their start events (deriveInvocations made them in file order).
    std::vector<std::pair<std::uint32_t, std::int32_t>> phaseStarts;
    for (std::size_t p = 0; p < d.initPhases.size(); ++p)
        if (isInitStartKind(s.kind[d.initPhases[p].startEvent]))
            phaseStarts.emplace_back(d.initPhases[p].startEvent, std::int32_t(p));
    std::size_t nextPhase = 0;
    auto close = [&](std::uint32_t stream) {
        Pending &p = open[stream];
        if (p.lines.empty())
            return;
        ImportRun run = buildImportRun(s, p.lines);
        run.stream = stream;
        run.initPhase = p.initPhase;
        run.time = s.time[p.firstEvent];
        run.firstLine = s.line[p.firstEvent];
        const auto id = std::int32_t(d.runs.size());
        if (p.initPhase >= 0) {
            const InitPhase &ip = d.initPhases[std::size_t(p.initPhase)];
            phaseRun[std::size_t(p.initPhase)] = id;
            if (ip.invocation >= 0) {
                run.invocation = ip.invocation;
                run.request = d.invocations[std::size_t(ip.invocation)].request;
            }
        }
        d.runs.push_back(std::move(run));
        if (d.runs.back().invocation < 0)
            awaiting[stream] = id;
        p = Pending {};
    };
    for (std::size_t i = 0; i < n; ++i) {
        const EventKind k = s.kind[i];
        if (!isInitStartKind(k) && k != EventKind::ImportHeader && k != EventKind::ImportLine && !isStartKind(k))
            continue;
        const std::uint32_t stream = s.stream[i];
        if (isInitStartKind(k)) {
            close(stream);
            awaiting[stream] = -1;
            while (nextPhase < phaseStarts.size() && phaseStarts[nextPhase].first < i)
                ++nextPhase;
            if (nextPhase < phaseStarts.size() && phaseStarts[nextPhase].first == i)
                streamInit[stream] = phaseStarts[nextPhase].second;
            continue;
        }
        if (k == EventKind::ImportHeader) {
            close(stream);
            continue;
        }
        if (k == EventKind::ImportLine) {
            Pending &p = open[stream];
            if (p.lines.empty()) {
                p.firstEvent = std::uint32_t(i);
                p.initPhase = streamInit[stream];
                if (p.initPhase >= 0 && phaseRun[std::size_t(p.initPhase)] >= 0)
                    p.initPhase = -1; // a second table in the same environment (a child interpreter)
            }
            p.lines.push_back(std::uint32_t(i));
            continue;
        }
        if (isStartKind(k) && s.request[i] != 0) {
            // Imports before the first START of an environment without INIT_START
            // (sam local invoke) belong to that invocation.
            std::int32_t runId = awaiting[stream];
            if (runId < 0 && !open[stream].lines.empty() && open[stream].initPhase < 0) {
                close(stream);
                runId = awaiting[stream];
            }
            if (runId >= 0) {
                ImportRun &run = d.runs[std::size_t(runId)];
                const std::int32_t v = invocationOfRequest[s.request[i]];
                if (v >= 0) {
                    run.invocation = v;
                    run.request = s.request[i];
                }
                awaiting[stream] = -1;
            }
        }
    }
    for (std::uint32_t st = 0; st < open.size(); ++st)
        close(st);
    std::stable_sort(
        d.runs.begin(), d.runs.end(), [](const ImportRun &a, const ImportRun &b) { return a.firstLine < b.firstLine; });
}

// Each run's index into its INIT phase and its invocation.
void linkImportRuns(LogData &d)
{
    for (std::size_t r = 0; r < d.runs.size(); ++r) {
        ImportRun &run = d.runs[r];
        if (run.initPhase >= 0)
            d.initPhases[std::size_t(run.initPhase)].importRun = std::int32_t(r);
        if (run.invocation >= 0)
            d.invocations[std::size_t(run.invocation)].importRun = std::int32_t(r);
    }
}

} // namespace

void deriveAll(LogData &d, const std::function<void()> &alongside)
{
    // While one core assigns the environments, the other bounds the invocations to come
    // and faults in their memory: ~11,000 pages a GB of log, which deriveInvocations()
    // had faulted in one by one on its own thread. A log of application records alone
    // (request ids, no START or REPORT) gets none.
    std::size_t bound = 0;
    auto memory = std::async(std::launch::async, [&d, &bound] {
        bound = invocationBound(d.events);
        if (d.invocations.empty()) {
            d.invocations.resize(bound);
            d.invocations.clear(); // its capacity and its pages stay
        }
    });
    assignEnvironments(d);
    memory.get();
    traceStage("environments assigned");
    // Two threads read the streams just assigned. One works out the stream -> function
    // table; the other fills the missing times, then derives the invocations and INIT
    // phases (which read the times) and, once the table is in, names their functions.
    auto functions = std::async(std::launch::async, [&d] { assignFunctions(d); });
    fillTimes(d);
    traceStage("missing times filled");
    deriveInvocations(d, functions, bound);
    traceStage("invocations, INIT phases, functions");
    if (alongside) {
        auto runs = std::async(std::launch::async, [&d] { deriveImportRuns(d); });
        alongside();
        traceStage("summary (beside the import runs)");
        runs.get();
        traceStage("import runs");
    } else {
        deriveImportRuns(d);
    }
    linkImportRuns(d);
}

} // namespace coldscope
