// SPDX-License-Identifier: MIT
#include "advice.h"

#include "format.h"
#include "stats.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <sstream>

namespace coldscope {

std::string_view severityName(Severity s)
{
    switch (s) {
    case Severity::Critical:
        return "critical";
    case Severity::Warning:
        return "warning";
    case Severity::Info:
        return "info";
    }
    return "info";
}

namespace {

constexpr std::size_t kTopImports = 10;
constexpr std::size_t kEvidenceIds = 5;

// Figures in the JSON: milliseconds to the microsecond, ratios and GB-s to six
// significant digits, so that every platform prints the same text.
double ms3(double v)
{
    return std::round(v * 1000.0) / 1000.0;
}

double sig6(double v)
{
    if (v == 0 || !std::isfinite(v))
        return v;
    const double scale = std::pow(10.0, 5 - int(std::floor(std::log10(std::fabs(v)))));
    return std::round(v * scale) / scale;
}

nlohmann::ordered_json num(double v)
{
    if (std::isnan(v))
        return nullptr;
    if (v == std::floor(v) && std::fabs(v) < 9e15)
        return std::int64_t(v);
    return v;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return kNaN;
    std::sort(v.begin(), v.end());
    return nearestRank(v, 50);
}

std::string percent(double ratio)
{
    std::ostringstream o;
    o.precision(ratio < 0.1 ? 2 : 3);
    o << ratio * 100 << " %";
    return o.str();
}

std::string priceText(double price)
{
    std::ostringstream o;
    o.setf(std::ios::fixed);
    o.precision(10);
    o << price;
    std::string t = o.str();
    while (t.size() > 1 && t.back() == '0')
        t.pop_back();
    if (t.back() == '.')
        t.pop_back();
    return t;
}

std::string thousands(double ms)
{
    // The limit as people know it: "10 s" (the one unit rule, without zero decimals).
    std::string t = formatMs(ms);
    const auto dot = t.find(".00 ");
    if (dot != std::string::npos)
        t.erase(dot, 3);
    return t;
}

// Which function each thing of the log belongs to.
struct Owners {
    const LogData &d;
    std::uint32_t ofRun(const ImportRun &r) const
    {
        if (r.invocation >= 0 && std::size_t(r.invocation) < d.invocations.size())
            return d.invocations[std::size_t(r.invocation)].function;
        if (r.initPhase >= 0 && std::size_t(r.initPhase) < d.initPhases.size())
            return d.initPhases[std::size_t(r.initPhase)].function;
        return r.stream < d.streamFunction.size() ? d.streamFunction[r.stream] : 0;
    }
    std::uint32_t ofPhase(const InitPhase &p) const
    {
        if (p.function)
            return p.function;
        if (p.invocation >= 0 && std::size_t(p.invocation) < d.invocations.size())
            return d.invocations[std::size_t(p.invocation)].function;
        return p.stream < d.streamFunction.size() ? d.streamFunction[p.stream] : 0;
    }
};

void addFinding(FunctionAdvice &f, std::string id, Severity sev, std::string title, std::string detail, Evidence ev,
    double saving = 0)
{
    Finding x;
    x.id = std::move(id);
    x.severity = sev;
    x.title = std::move(title);
    x.detail = std::move(detail);
    x.evidence = std::move(ev);
    x.savingMs = saving;
    f.findings.push_back(std::move(x));
}

nlohmann::ordered_json requestIds(const LogData &d, const std::vector<std::int32_t> &invs)
{
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (std::int32_t i : invs) {
        const RequestText id = d.events.requests.view(d.invocations[std::size_t(i)].request);
        if (!id.view().empty())
            a.push_back(id.str());
    }
    return a;
}

// Keeps the kEvidenceIds entries with the largest .first, largest first and ties in their
// order in `v`: the head of a stable sort, without sorting the rest (a cold start or a
// REPORT each).
void slowestFirst(std::vector<std::pair<double, std::int32_t>> &v)
{
    const std::size_t n = std::min(v.size(), kEvidenceIds);
    std::vector<std::size_t> at(v.size());
    std::iota(at.begin(), at.end(), std::size_t(0));
    std::partial_sort(at.begin(), at.begin() + std::ptrdiff_t(n), at.end(),
        [&](std::size_t a, std::size_t b) { return v[a].first > v[b].first || (v[a].first == v[b].first && a < b); });
    std::vector<std::pair<double, std::int32_t>> head;
    for (std::size_t k = 0; k < n; ++k)
        head.push_back(v[at[k]]);
    v = std::move(head);
}

FunctionAdvice adviseFunction(const LogData &d, std::uint32_t fn, const AdviceSettings &cfg, const Owners &owners)
{
    FunctionAdvice f;
    f.function = std::string(d.events.functions.view(fn));

    // Invocations, memory and cost.
    std::vector<double> maxUsed;
    std::map<int, std::size_t> sizes; // memory size -> REPORTs that give it
    std::vector<std::int32_t> invs;
    for (std::size_t i = 0; i < d.invocations.size(); ++i) {
        const Invocation &inv = d.invocations[i];
        if (inv.function != fn)
            continue;
        invs.push_back(std::int32_t(i));
        ++f.invocations;
        f.coldStarts += inv.cold;
        if (!inv.hasReport())
            continue;
        const Metrics &r = d.reportOf(inv);
        if (r.memorySizeMB > 0) {
            ++sizes[r.memorySizeMB];
            if (r.maxMemoryUsedMB >= 0)
                maxUsed.push_back(double(r.maxMemoryUsedMB));
            const double gb = double(r.memorySizeMB) / 1024.0;
            if (!std::isnan(r.billedDurationMs)) {
                f.hasCost = true;
                f.billedGbS += r.billedDurationMs / 1000.0 * gb;
            }
            if (inv.cold && !std::isnan(r.initDurationMs))
                f.initGbS += r.initDurationMs / 1000.0 * gb;
        }
    }
    f.hasInvocations = f.invocations > 0;

    // INIT phases: each once. An INIT_REPORT / platform.initReport gives the phase's own
    // duration (timeouts included); a cold start without one gives its REPORT's Init Duration.
    std::vector<double> init;
    std::vector<std::pair<double, std::int32_t>> slowInvs; // init ms, invocation
    std::vector<std::int32_t> timedOutInvs, timedOutPhases;
    for (std::size_t p = 0; p < d.initPhases.size(); ++p) {
        const InitPhase &ph = d.initPhases[p];
        if (owners.ofPhase(ph) != fn || ph.restore)
            continue;
        const bool timedOut = ph.status == Status::Timeout;
        f.initTimeouts += timedOut;
        f.initErrors += ph.status == Status::Error || ph.status == Status::Failure;
        if (timedOut)
            (ph.invocation >= 0 ? timedOutInvs : timedOutPhases)
                .push_back(ph.invocation >= 0 ? ph.invocation : std::int32_t(p));
        if (std::isnan(ph.durationMs))
            continue;
        init.push_back(ph.durationMs);
        if (ph.invocation >= 0)
            slowInvs.emplace_back(ph.durationMs, ph.invocation);
    }
    for (std::int32_t i : invs) {
        const Invocation &inv = d.invocations[std::size_t(i)];
        if (!inv.cold || std::isnan(d.reportOf(inv).initDurationMs))
            continue;
        if (inv.initPhase >= 0 && std::size_t(inv.initPhase) < d.initPhases.size()
            && !std::isnan(d.initPhases[std::size_t(inv.initPhase)].durationMs))
            continue; // counted with its phase
        init.push_back(d.reportOf(inv).initDurationMs);
        slowInvs.emplace_back(d.reportOf(inv).initDurationMs, i);
    }
    slowestFirst(slowInvs);
    f.initCount = init.size();
    f.hasInit = !init.empty() || f.initTimeouts > 0 || f.initErrors > 0;
    std::size_t overLimit = 0;
    if (!init.empty()) {
        std::sort(init.begin(), init.end());
        f.initP50 = nearestRank(init, 50);
        f.initP90 = nearestRank(init, 90);
        f.initP99 = nearestRank(init, 99);
        f.initMax = init.back();
        overLimit = std::size_t(init.end() - std::lower_bound(init.begin(), init.end(), cfg.initLimitMs));
    }

    // Imports: the runs of this function's interpreters.
    std::vector<double> totals, shares;
    struct ModuleRuns {
        std::vector<double> cumulativeMs;
        std::size_t firstSeen = 0;
    };
    std::map<std::string, ModuleRuns> tops;
    std::size_t order = 0;
    for (const ImportRun &run : d.runs) {
        if (owners.ofRun(run) != fn)
            continue;
        ++f.importRuns;
        const double totalMs = double(run.totalSelfUs) / 1000.0;
        totals.push_back(totalMs);
        double initMs = kNaN;
        if (run.initPhase >= 0 && std::size_t(run.initPhase) < d.initPhases.size())
            initMs = d.initPhases[std::size_t(run.initPhase)].durationMs;
        if (std::isnan(initMs) && run.invocation >= 0 && std::size_t(run.invocation) < d.invocations.size())
            initMs = d.reportOf(d.invocations[std::size_t(run.invocation)]).initDurationMs;
        if (!std::isnan(initMs) && initMs > 0)
            shares.push_back(totalMs / initMs);
        for (std::uint32_t r : run.roots) {
            const ImportNode &n = run.nodes[r];
            if (n.placeholder || n.cached)
                continue;
            auto [it, fresh] = tops.try_emplace(std::string(d.moduleName(n)));
            if (fresh)
                it->second.firstSeen = order++;
            it->second.cumulativeMs.push_back(double(n.cumulativeUs) / 1000.0);
        }
    }
    f.medianImportTotalMs = median(totals);
    if (!shares.empty())
        f.medianImportShare = median(shares);
    std::vector<TopImport> all;
    for (const auto &[name, m] : tops) {
        TopImport t;
        t.module = name;
        t.medianCumulativeMs = median(m.cumulativeMs);
        t.runs = int(m.cumulativeMs.size());
        if (!std::isnan(f.initP50) && f.initP50 > 0)
            t.shareOfInit = t.medianCumulativeMs / f.initP50;
        all.push_back(std::move(t));
    }
    std::stable_sort(all.begin(), all.end(), [&](const TopImport &a, const TopImport &b) {
        if (a.medianCumulativeMs != b.medianCumulativeMs)
            return a.medianCumulativeMs > b.medianCumulativeMs;
        return tops.at(a.module).firstSeen < tops.at(b.module).firstSeen;
    });

    // Memory: the size most REPORTs give (the largest on a tie).
    if (!sizes.empty() && !maxUsed.empty()) {
        f.hasMemory = true;
        std::size_t best = 0;
        for (const auto &[size, n] : sizes)
            if (n >= best) {
                best = n;
                f.memorySizeMB = size;
            }
        // Only the p99 is needed: select it (the same value as nearestRank of the sorted list).
        const auto at = std::ptrdiff_t(nearestRankIndex(maxUsed.size(), 99) - 1);
        std::nth_element(maxUsed.begin(), maxUsed.begin() + at, maxUsed.end());
        f.maxUsedP99MB = maxUsed[std::size_t(at)];
        f.utilisation = f.maxUsedP99MB / double(f.memorySizeMB);
    }
    if (f.hasCost) {
        f.initShare = f.billedGbS > 0 ? f.initGbS / f.billedGbS : kNaN;
        f.usd = f.billedGbS * cfg.pricePerGbS;
    }

    // The findings.
    const auto worstInvs = [&](std::size_t n) {
        std::vector<std::int32_t> v;
        for (const auto &[ms, i] : slowInvs)
            if (v.size() < n)
                v.push_back(i);
        return v;
    };
    if (f.initTimeouts > 0 || overLimit > 0) {
        Evidence ev;
        ev.invocations = timedOutInvs;
        ev.initPhases = timedOutPhases;
        for (std::int32_t i : worstInvs(kEvidenceIds))
            if (std::find(ev.invocations.begin(), ev.invocations.end(), i) == ev.invocations.end()
                && d.reportOf(d.invocations[std::size_t(i)]).initDurationMs >= cfg.initLimitMs)
                ev.invocations.push_back(i);
        if (ev.invocations.size() > kEvidenceIds)
            ev.invocations.resize(kEvidenceIds);
        if (ev.initPhases.size() > kEvidenceIds)
            ev.initPhases.resize(kEvidenceIds);
        ev.query = "fields @timestamp, @logStream, @message\n| filter @message like /INIT_REPORT|platform.initReport/\n"
                   "| sort @timestamp desc";
        ev.json["init_timeouts"] = f.initTimeouts;
        ev.json["init_at_or_over_limit"] = overLimit;
        ev.json["max_ms"] = num(f.initMax);
        ev.json["limit_ms"] = num(cfg.initLimitMs);
        ev.json["request_ids"] = requestIds(d, ev.invocations);
        nlohmann::ordered_json streams = nlohmann::ordered_json::array();
        for (std::int32_t p : ev.initPhases)
            streams.push_back(std::string(d.streamName(d.initPhases[std::size_t(p)].stream)));
        ev.json["log_streams"] = std::move(streams);
        std::string detail;
        if (f.initTimeouts > 0)
            detail = std::to_string(f.initTimeouts) + " INIT phase" + (f.initTimeouts == 1 ? "" : "s")
                + " timed out (INIT_REPORT / platform.initReport status timeout)";
        if (overLimit > 0)
            detail += std::string(detail.empty() ? "" : "; ") + std::to_string(overLimit) + " INIT duration"
                + (overLimit == 1 ? "" : "s") + " at or over the " + thousands(cfg.initLimitMs) + " limit";
        detail += ". A timed-out INIT fails the cold start; Lambda retries it inside the first invocation"
                  " and bills it. Trim or defer imports until INIT fits well within the limit.";
        addFinding(f, "init-timeout", Severity::Critical,
            "INIT hit the " + thousands(cfg.initLimitMs) + " limit"
                + (f.initTimeouts > 0
                        ? " (" + std::to_string(f.initTimeouts) + (f.initTimeouts == 1 ? " timeout)" : " timeouts)")
                        : std::string()),
            std::move(detail), std::move(ev), std::isnan(f.initMax) ? 0 : std::max(0.0, f.initMax - cfg.initLimitMs));
    }
    if (!std::isnan(f.initP99) && f.initP99 >= cfg.headroomP99Ms) {
        Evidence ev;
        ev.invocations = worstInvs(kEvidenceIds);
        ev.query = "filter @type = \"REPORT\"\n| stats count(@initDuration) as cold_starts, pct(@initDuration, 50) as "
                   "p50, pct(@initDuration, 99) as p99, max(@initDuration) as max by bin(1h)";
        ev.json["p99_ms"] = num(f.initP99);
        ev.json["limit_ms"] = num(cfg.initLimitMs);
        ev.json["headroom_ms"] = num(ms3(cfg.initLimitMs - f.initP99));
        ev.json["request_ids"] = requestIds(d, ev.invocations);
        addFinding(f, "init-headroom", Severity::Warning,
            "INIT p99 is " + formatMs(f.initP99) + ": "
                + (f.initP99 >= cfg.initLimitMs ? "at or over the " + thousands(cfg.initLimitMs) + " limit"
                                                : formatMs(cfg.initLimitMs - f.initP99) + " from the limit"),
            "The slowest 1 % of cold starts take " + formatMs(f.initP99) + " or more (max " + formatMs(f.initMax)
                + ") of the " + thousands(cfg.initLimitMs)
                + " INIT limit; a new dependency or a slower region can push them over it.",
            std::move(ev), std::max(0.0, f.initP99 - cfg.headroomP99Ms));
    }
    if (f.medianImportShare && *f.medianImportShare >= cfg.importShare) {
        Evidence ev;
        for (std::size_t i = 0; i < all.size() && i < kEvidenceIds; ++i)
            ev.modules.push_back(all[i].module);
        ev.json["median_share_of_init"] = num(sig6(*f.medianImportShare));
        ev.json["median_total_ms"] = num(ms3(f.medianImportTotalMs));
        ev.json["cold_starts_with_both"] = shares.size();
        ev.json["modules"] = ev.modules;
        addFinding(f, "imports-dominate-init", Severity::Warning,
            "Imports are " + percent(*f.medianImportShare) + " of INIT",
            "Over " + std::to_string(shares.size()) + " cold start" + (shares.size() == 1 ? "" : "s")
                + " with an importtime run, the median share of INIT spent importing is "
                + percent(*f.medianImportShare) + " (median import total " + formatMs(f.medianImportTotalMs)
                + "). Deferring or dropping imports is the main lever on INIT.",
            std::move(ev), f.medianImportTotalMs);
    }
    for (const TopImport &t : all) {
        if (!t.shareOfInit || *t.shareOfInit < cfg.heavyImportShare)
            continue;
        Evidence ev;
        ev.modules = { t.module };
        ev.json["module"] = t.module;
        ev.json["median_cumulative_ms"] = num(ms3(t.medianCumulativeMs));
        ev.json["share_of_init"] = num(sig6(*t.shareOfInit));
        ev.json["median_init_ms"] = num(f.initP50);
        ev.json["runs"] = t.runs;
        addFinding(f, "heavy-import", Severity::Warning, t.module + " takes " + percent(*t.shareOfInit) + " of INIT",
            "Importing " + t.module + " takes a median " + formatMs(t.medianCumulativeMs)
                + " (with what it imports) in " + std::to_string(t.runs) + " of " + std::to_string(f.importRuns)
                + " run" + (f.importRuns == 1 ? "" : "s") + ", " + percent(*t.shareOfInit) + " of the median INIT ("
                + formatMs(f.initP50) + "): up to " + formatMs(t.medianCumulativeMs)
                + " per cold start if deferred (imported where it is first used) or dropped.",
            std::move(ev), t.medianCumulativeMs);
    }
    if (f.hasMemory) {
        std::vector<std::pair<double, std::int32_t>> byMem;
        for (std::int32_t i : invs)
            if (const Metrics &r = d.reportOf(d.invocations[std::size_t(i)]); r.maxMemoryUsedMB >= 0)
                byMem.emplace_back(double(r.maxMemoryUsedMB), i);
        slowestFirst(byMem);
        Evidence ev;
        for (std::size_t i = 0; i < byMem.size() && i < kEvidenceIds; ++i)
            ev.invocations.push_back(byMem[i].second);
        ev.query = "filter @type = \"REPORT\"\n| stats count(*) as invocations, pct(@maxMemoryUsed / 1000 / 1000, 99) "
                   "as p99_used_mb, max(@maxMemoryUsed / 1000 / 1000) as max_used_mb by @memorySize / 1000 / 1000 "
                   "as size_mb";
        ev.json["size_mb"] = f.memorySizeMB;
        ev.json["max_used_p99_mb"] = num(f.maxUsedP99MB);
        ev.json["utilisation"] = num(sig6(f.utilisation));
        ev.json["request_ids"] = requestIds(d, ev.invocations);
        if (f.utilisation >= cfg.memoryHigh)
            addFinding(f, "memory-pressure", Severity::Warning,
                "Memory is nearly full: p99 uses " + percent(f.utilisation) + " of " + std::to_string(f.memorySizeMB)
                    + " MB",
                "The 99th percentile of Max Memory Used is " + std::to_string(int(f.maxUsedP99MB)) + " MB of "
                    + std::to_string(f.memorySizeMB)
                    + " MB. An invocation that needs more is killed (Runtime.OutOfMemory); more memory also brings "
                      "more CPU, which shortens INIT.",
                std::move(ev));
        else if (f.utilisation <= cfg.memoryLow && f.memorySizeMB > 128)
            addFinding(f, "memory-overprovisioned", Severity::Info,
                "Memory is oversized: p99 uses " + percent(f.utilisation) + " of " + std::to_string(f.memorySizeMB)
                    + " MB",
                "The 99th percentile of Max Memory Used is " + std::to_string(int(f.maxUsedP99MB)) + " MB of "
                    + std::to_string(f.memorySizeMB)
                    + " MB. A smaller size costs less per ms, but Lambda gives CPU in proportion to memory, so INIT "
                      "and durations may grow: measure before changing it.",
                std::move(ev));
    }
    if (f.invocations > 0 && double(f.coldStarts) / double(f.invocations) >= cfg.coldStartRatio) {
        const double ratio = double(f.coldStarts) / double(f.invocations);
        Evidence ev;
        ev.invocations = worstInvs(kEvidenceIds);
        ev.query = "filter @type = \"REPORT\"\n| stats count(*) as invocations, count(@initDuration) as cold_starts "
                   "by bin(1h)";
        ev.json["cold_starts"] = f.coldStarts;
        ev.json["invocations"] = f.invocations;
        ev.json["cold_start_ratio"] = num(sig6(ratio));
        ev.json["request_ids"] = requestIds(d, ev.invocations);
        addFinding(f, "cold-start-ratio", Severity::Info, percent(ratio) + " of invocations are cold starts",
            std::to_string(f.coldStarts) + " of " + std::to_string(f.invocations)
                + " invocations started a new execution environment"
                + (f.hasCost && !std::isnan(f.initShare)
                        ? "; INIT is " + percent(f.initShare) + " of the billed GB-seconds"
                        : std::string())
                + ". Fewer, warmer environments (steadier traffic, provisioned concurrency, SnapStart) or a faster "
                  "INIT reduce what users wait for.",
            std::move(ev));
    }
    f.topImports.assign(all.begin(), all.begin() + std::ptrdiff_t(std::min(all.size(), kTopImports)));
    return f;
}

// Worst first: by severity, then by the estimated ms saved per cold start.
bool worseFirst(const Finding &a, const Finding &b)
{
    if (a.severity != b.severity)
        return a.severity < b.severity;
    return a.savingMs > b.savingMs;
}

void sortFindings(std::vector<Finding> &v)
{
    std::stable_sort(v.begin(), v.end(), worseFirst);
}

} // namespace

std::vector<const Finding *> Advice::all() const
{
    std::vector<const Finding *> v;
    for (const FunctionAdvice &f : functions)
        for (const Finding &x : f.findings)
            v.push_back(&x);
    std::stable_sort(v.begin(), v.end(), [](const Finding *a, const Finding *b) { return worseFirst(*a, *b); });
    return v;
}

std::optional<Severity> Advice::worst() const
{
    std::optional<Severity> w;
    for (const FunctionAdvice &f : functions)
        for (const Finding &x : f.findings)
            if (!w || x.severity < *w)
                w = x.severity;
    return w;
}

Advice advise(const LogData &d, const AdviceSettings &cfg, const ImportDiff *diff)
{
    Advice a;
    a.file = d.path;
    a.settings = cfg;
    const Owners owners { d };
    // The functions the log shows, by name (the unnamed one last).
    std::vector<bool> seen(d.events.functions.size(), false);
    for (const Invocation &inv : d.invocations)
        seen[inv.function] = true;
    for (const InitPhase &p : d.initPhases)
        seen[owners.ofPhase(p)] = true;
    for (const ImportRun &r : d.runs)
        seen[owners.ofRun(r)] = true;
    std::vector<std::uint32_t> ids;
    for (std::uint32_t i = 0; i < seen.size(); ++i)
        if (seen[i])
            ids.push_back(i);
    std::sort(ids.begin(), ids.end(), [&](std::uint32_t x, std::uint32_t y) {
        if ((x == 0) != (y == 0))
            return y == 0;
        return d.events.functions.view(x) < d.events.functions.view(y);
    });
    for (std::uint32_t id : ids)
        a.functions.push_back(adviseFunction(d, id, cfg, owners));

    if (diff && !a.functions.empty() && diff->a.totalUs > 0 && diff->b.totalUs > 0 && diff->deltaUs > 0) {
        // Beyond the noise: at least regressionPct of A's total and, with several runs a
        // side, outside the spread of either side's run totals.
        const auto spread = [](const DiffSide &s) {
            std::int64_t lo = 0, hi = 0;
            bool any = false;
            for (const auto &ref : s.runs) {
                const std::int64_t t = s.data[ref.data]->runs[ref.run].totalSelfUs;
                lo = any ? std::min(lo, t) : t;
                hi = any ? std::max(hi, t) : t;
                any = true;
            }
            return s.runs.size() >= 3 ? double(hi - lo) : 0.0;
        };
        const double noise = std::max(spread(diff->a), spread(diff->b));
        if (diff->deltaPct >= cfg.regressionPct && double(diff->deltaUs) > noise) {
            auto target = std::max_element(a.functions.begin(), a.functions.end(),
                [](const FunctionAdvice &x, const FunctionAdvice &y) { return x.importRuns < y.importRuns; });
            Evidence ev;
            for (std::size_t i : diff->topRegressions(kEvidenceIds))
                ev.modules.push_back(diff->entries[i].module);
            ev.json["baseline"] = diff->a.fileList();
            ev.json["total_a_ms"] = num(ms3(double(diff->a.totalUs) / 1000.0));
            ev.json["total_b_ms"] = num(ms3(double(diff->b.totalUs) / 1000.0));
            ev.json["delta_ms"] = num(ms3(double(diff->deltaUs) / 1000.0));
            ev.json["delta_pct"] = num(sig6(diff->deltaPct));
            ev.json["runs_a"] = diff->a.runs.size();
            ev.json["runs_b"] = diff->b.runs.size();
            ev.json["modules"] = ev.modules;
            const bool critical = diff->deltaPct >= cfg.regressionCriticalPct;
            std::ostringstream pct;
            pct.precision(3);
            pct << diff->deltaPct;
            addFinding(*target, "regression", critical ? Severity::Critical : Severity::Warning,
                "Imports are " + pct.str() + " % slower than the previous build",
                "The import total went from " + formatUs(double(diff->a.totalUs)) + " to "
                    + formatUs(double(diff->b.totalUs)) + " (" + formatUs(double(diff->deltaUs)) + " more, median run"
                    + (diff->a.runs.size() > 1 || diff->b.runs.size() > 1 ? "s" : "") + ")"
                    + (ev.modules.empty() ? std::string() : "; most of it in " + ev.modules.front()) + ".",
                std::move(ev), double(diff->deltaUs) / 1000.0);
        }
    }
    for (FunctionAdvice &f : a.functions)
        sortFindings(f.findings);
    return a;
}

nlohmann::ordered_json adviceJson(const Advice &advice)
{
    nlohmann::ordered_json j;
    j["file"] = advice.file;
    nlohmann::ordered_json fns = nlohmann::ordered_json::array();
    for (const FunctionAdvice &f : advice.functions) {
        nlohmann::ordered_json o;
        o["function"] = f.function.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(f.function);
        o["invocations"] = f.hasInvocations ? nlohmann::ordered_json(f.invocations) : nullptr;
        o["cold_starts"] = f.hasInvocations ? nlohmann::ordered_json(f.coldStarts) : nullptr;
        o["cold_start_ratio"] = f.invocations > 0 ? num(sig6(double(f.coldStarts) / double(f.invocations)))
                                                  : nlohmann::ordered_json(nullptr);
        if (f.hasInit) {
            nlohmann::ordered_json i;
            i["count"] = f.initCount;
            i["p50_ms"] = num(f.initP50);
            i["p90_ms"] = num(f.initP90);
            i["p99_ms"] = num(f.initP99);
            i["max_ms"] = num(f.initMax);
            i["timeouts"] = f.initTimeouts;
            i["errors"] = f.initErrors;
            i["limit_ms"] = num(advice.settings.initLimitMs);
            o["init"] = std::move(i);
        } else {
            o["init"] = nullptr;
        }
        if (f.importRuns > 0) {
            nlohmann::ordered_json im;
            im["runs"] = f.importRuns;
            im["median_total_ms"] = num(ms3(f.medianImportTotalMs));
            im["median_share_of_init"] = f.medianImportShare ? num(sig6(*f.medianImportShare)) : nullptr;
            nlohmann::ordered_json top = nlohmann::ordered_json::array();
            for (const TopImport &t : f.topImports) {
                nlohmann::ordered_json x;
                x["module"] = t.module;
                x["median_cumulative_ms"] = num(ms3(t.medianCumulativeMs));
                x["share_of_init"] = t.shareOfInit ? num(sig6(*t.shareOfInit)) : nullptr;
                x["runs"] = t.runs;
                top.push_back(std::move(x));
            }
            im["top"] = std::move(top);
            o["imports"] = std::move(im);
        } else {
            o["imports"] = nullptr;
        }
        if (f.hasMemory) {
            nlohmann::ordered_json m;
            m["size_mb"] = f.memorySizeMB;
            m["max_used_p99_mb"] = num(f.maxUsedP99MB);
            m["utilisation"] = num(sig6(f.utilisation));
            o["memory"] = std::move(m);
        } else {
            o["memory"] = nullptr;
        }
        if (f.hasCost) {
            nlohmann::ordered_json c;
            c["price_per_gb_s"] = advice.settings.pricePerGbS;
            c["billed_gb_s"] = num(sig6(f.billedGbS));
            c["init_gb_s"] = num(sig6(f.initGbS));
            c["init_share"] = num(sig6(f.initShare));
            c["usd"] = num(sig6(f.usd));
            o["cost"] = std::move(c);
        } else {
            o["cost"] = nullptr;
        }
        nlohmann::ordered_json fs = nlohmann::ordered_json::array();
        for (const Finding &x : f.findings) {
            nlohmann::ordered_json e;
            e["id"] = x.id;
            e["severity"] = std::string(severityName(x.severity));
            e["title"] = x.title;
            e["detail"] = x.detail;
            e["evidence"] = x.evidence.json;
            fs.push_back(std::move(e));
        }
        o["findings"] = std::move(fs);
        fns.push_back(std::move(o));
    }
    j["functions"] = std::move(fns);
    return j;
}

std::string adviceText(const Advice &advice)
{
    std::ostringstream o;
    o << advice.file << "\n";
    for (const FunctionAdvice &f : advice.functions) {
        o << "\n" << (f.function.empty() ? std::string("(function not named in the log)") : f.function) << "\n";
        if (f.hasInvocations)
            o << "  invocations " << f.invocations << ", cold starts " << f.coldStarts << "\n";
        if (f.hasInit)
            o << "  INIT p50 " << formatMs(f.initP50) << ", p99 " << formatMs(f.initP99) << ", max "
              << formatMs(f.initMax) << ", timeouts " << f.initTimeouts << ", errors " << f.initErrors << "\n";
        if (f.importRuns > 0)
            o << "  imports: " << f.importRuns << " run" << (f.importRuns == 1 ? "" : "s") << ", median total "
              << formatMs(f.medianImportTotalMs)
              << (f.medianImportShare ? ", " + percent(*f.medianImportShare) + " of INIT" : std::string()) << "\n";
        if (f.hasMemory)
            o << "  memory " << f.memorySizeMB << " MB, p99 used " << f.maxUsedP99MB << " MB ("
              << percent(f.utilisation) << ")\n";
        if (f.hasCost) {
            std::ostringstream usd;
            usd.precision(4);
            usd << f.usd;
            o << "  cost " << sig6(f.billedGbS) << " GB-s billed, INIT " << sig6(f.initGbS) << " GB-s ("
              << (std::isnan(f.initShare) ? std::string("–") : percent(f.initShare)) << "), $" << usd.str() << " at $"
              << priceText(advice.settings.pricePerGbS) << " per GB-s\n";
        }
        if (f.findings.empty())
            o << "  no findings\n";
        for (const Finding &x : f.findings)
            o << "  [" << severityName(x.severity) << "] " << x.title << "\n      " << x.detail << "\n";
    }
    return o.str();
}

} // namespace coldscope
