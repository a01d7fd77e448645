// SPDX-License-Identifier: MIT
#include "headless.h"
#include "cloud.h"
#include "jsontext.h"

#include "importdiff.h"
#include "loader.h"
#include "profileexport.h"
#include "queryformat.h"
#include "summary.h"

#include <filesystem>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <optional>
#include <set>

namespace coldscope::cli {

namespace {

void printDiagnostics(const LogData &d)
{
    for (const auto &w : d.warnings)
        std::cerr << "warning: " << w << '\n';
    std::size_t shown = 0;
    for (const auto &diag : d.diagnostics) {
        if (shown++ == 20)
            break;
        std::cerr << d.path << ':' << diag.line << ": " << diag.message << '\n';
    }
    if (d.skippedLines > 20)
        std::cerr << d.path << ": " << (d.skippedLines - 20) << " more skipped lines not shown\n";
}

// --run N (1-based): false, with the usage error on stderr, when N is not a run of the
// file; `run` stays empty without the option.
bool runOption(const Args &a, std::size_t runCount, std::optional<std::size_t> &run)
{
    if (!a.has("--run"))
        return true;
    const std::string &text = a.value("--run");
    char *end = nullptr;
    const unsigned long n = std::strtoul(text.c_str(), &end, 10);
    if (text.empty() || *end || n < 1 || n > runCount) {
        a.usageError("--run must be between 1 and " + std::to_string(runCount));
        return false;
    }
    run = n - 1;
    return true;
}

std::string fmt(double v, int decimals = 2)
{
    if (std::isnan(v))
        return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

void printDistribution(const char *label, const Distribution &d)
{
    std::printf("  %-20s %7zu %10s %10s %10s %10s %10s %10s\n", label, d.count, fmt(d.min).c_str(), fmt(d.avg).c_str(),
        fmt(d.p50).c_str(), fmt(d.p90).c_str(), fmt(d.p99).c_str(), fmt(d.max).c_str());
}

} // namespace

std::shared_ptr<LogData> load(const std::string &path, int &exitCode, bool summarize)
{
    LoadOptions opts;
    opts.summarize = summarize;
    LoadResult r = loadFile(path, opts);
    if (!r.data) {
        std::cerr << "coldscope: " << r.error << '\n';
        exitCode = 2;
        return nullptr;
    }
    printDiagnostics(*r.data);
    return r.data;
}

int summaryCommand(const Args &a)
{
    int rc = 0;
    auto d = load(a.positionals[0], rc, !a.has("--function")); // a function's summary is its own
    if (!d)
        return rc;
    std::function<bool(const Invocation &)> keep;
    if (a.has("--function")) {
        const std::string fn = a.value("--function");
        keep = [d, fn](const Invocation &inv) { return d->events.functions.view(inv.function) == fn; };
    }
    if (a.flag("--json")) {
        std::cout << jsonText(summaryJson(*d, keep), 2) << '\n';
        return 0;
    }
    const Summary s = summarize(*d, keep);
    std::printf("file:          %s\n", d->path.c_str());
    std::printf("format:        %s\n", d->format.c_str());
    for (const auto &note : d->notes)
        std::printf("               %s\n", note.c_str());
    std::printf("events:        %zu (%llu lines, %llu skipped)\n", d->events.size(),
        static_cast<unsigned long long>(d->lines), static_cast<unsigned long long>(d->skippedLines));
    std::printf("invocations:   %zu  cold starts: %zu  timeouts: %zu  errors: %zu\n", s.invocations, s.coldStarts,
        s.timeouts, s.errors);
    std::printf(
        "init phases:   %zu  init timeouts: %zu  init errors: %zu\n", s.initPhases, s.initTimeouts, s.initErrors);
    std::set<std::string> functions;
    for (const auto &inv : d->invocations)
        if (inv.function)
            functions.insert(std::string(d->events.functions.view(inv.function)));
    if (!functions.empty()) {
        std::printf("functions:    ");
        for (const auto &f : functions)
            std::printf(" %s", f.c_str());
        std::printf("\n");
    }
    if (s.invocations) {
        std::printf(
            "\n  %-20s %7s %10s %10s %10s %10s %10s %10s\n", "", "count", "min", "avg", "p50", "p90", "p99", "max");
        printDistribution("init duration (ms)", s.initDuration);
        printDistribution("duration (ms)", s.duration);
        printDistribution("billed (ms)", s.billedDuration);
        printDistribution("max memory (MB)", s.maxMemoryUsed);
    }
    std::printf("\nimport runs:   %zu\n", d->runs.size());
    if (!d->runs.empty()) {
        const ImportRun &run = d->runs.front();
        std::printf("first run:     %lld imports, %lld us self total, depth %d%s\n",
            static_cast<long long>(run.imports), static_cast<long long>(run.totalSelfUs), run.maxDepth,
            run.truncated ? " (cut mid-import)" : "");
        std::printf("\n  %-48s %12s %14s\n", "slowest imports (self)", "self us", "cumulative us");
        for (auto id : topBySelf(run, 10)) {
            const ImportNode &n = run.nodes[id];
            std::printf("  %-48s %12lld %14lld\n", std::string(d->moduleName(n)).c_str(),
                static_cast<long long>(n.selfUs), static_cast<long long>(n.cumulativeUs));
        }
    }
    return 0;
}

int treeCommand(const Args &a)
{
    int rc = 0;
    auto d = load(a.positionals[0], rc);
    if (!d)
        return rc;
    std::optional<std::size_t> only;
    if (!runOption(a, d->runs.size(), only))
        return 2;
    if (a.flag("--json")) {
        if (only) {
            nlohmann::ordered_json j;
            j["runs"] = nlohmann::ordered_json::array({ runJson(*d, d->runs[*only]) });
            std::cout << jsonText(j, 2) << '\n';
        } else {
            std::cout << jsonText(treeJson(*d), 2) << '\n';
        }
        return 0;
    }
    for (std::size_t r = 0; r < d->runs.size(); ++r) {
        if (only && *only != r)
            continue;
        const ImportRun &run = d->runs[r];
        std::printf("run %zu: %lld imports, %lld us self, line %u", r + 1, static_cast<long long>(run.imports),
            static_cast<long long>(run.totalSelfUs), run.firstLine);
        if (run.stream && !d->isSynthetic(run.stream))
            std::printf(", stream %s", std::string(d->streamName(run.stream)).c_str());
        if (run.request)
            std::printf(", request %s", std::string(d->events.requests.view(run.request)).c_str());
        std::printf("\n%12s %12s  module\n", "self us", "cumul. us");
        for (const ImportNode &n : run.nodes) {
            const std::string name = n.placeholder ? "(unfinished import)" : std::string(d->moduleName(n));
            std::printf("%12lld %12lld  %*s%s%s\n", static_cast<long long>(n.selfUs),
                static_cast<long long>(n.cumulativeUs), n.depth * 2, "", name.c_str(), n.cached ? " (cached)" : "");
        }
    }
    if (d->runs.empty())
        std::printf("no importtime table in %s\n", d->path.c_str());
    return 0;
}

int queryCommand(const Args &a)
{
    if (a.has("--log-group"))
        return cloudQueryCommand(a); // in CloudWatch (cloud.cpp)
    if (a.has("--profile") || a.has("--region"))
        return a.usageError("--profile and --region go with --log-group (a query in CloudWatch)");
    if (a.positionals.size() < 2)
        return a.usageError("too few arguments (expected " + a.command->positionals.names + ")");
    const std::string text = a.positionals.back();
    const auto fmt = query::parseOutputFormat(a.value("--format"));
    if (!fmt)
        return a.usageError("--format must be table, json, csv or md");
    query::Options opts;
    for (const char *opt : { "--start", "--end" }) {
        if (!a.has(opt))
            continue;
        auto t = query::parseTimeArgument(a.value(opt));
        if (!t)
            return a.usageError(std::string(opt) + " '" + a.value(opt)
                + "' is not a time (ISO 8601, 'YYYY-MM-DD HH:MM:SS' or epoch seconds/ms)");
        (std::string(opt) == "--start" ? opts.start : opts.end) = *t;
    }
    query::Query q;
    try {
        q = query::parse(text);
    } catch (const query::QueryError &e) {
        std::cerr << "query:" << e.column << ": " << e.what() << '\n';
        return 2;
    }
    std::vector<query::Source> sources;
    std::string names;
    for (std::size_t i = 0; i + 1 < a.positionals.size(); ++i) {
        int rc = 0;
        auto d = load(a.positionals[i], rc);
        if (!d)
            return rc;
        const std::string base = std::filesystem::path(a.positionals[i]).filename().string();
        sources.push_back({ d, base });
        names += (names.empty() ? "" : ", ") + base;
    }
    try {
        const query::Result r = query::run(q, sources, opts);
        query::ExportContext ctx;
        ctx.logGroups = names;
        ctx.start = a.value("--start");
        ctx.end = a.value("--end");
        ctx.query = text;
        std::cout << query::format(r, *fmt, ctx);
        if (*fmt == query::OutputFormat::Table)
            std::cerr << r.rows.size() << " rows, " << r.recordsMatched << " of " << r.recordsScanned
                      << " records matched, " << r.elapsedMs << " ms\n";
    } catch (const query::QueryError &e) {
        std::cerr << "query:" << e.column << ": " << e.what() << '\n';
        return 2;
    }
    return 0;
}

int diffCommand(const Args &a)
{
    std::vector<std::string> aFiles = a.values("--a"), bFiles = a.values("--b");
    const bool json = a.flag("--json");
    std::optional<double> failOver;
    if (a.has("--fail-over")) {
        const auto d = parseDouble(a.value("--fail-over"));
        if (!d || *d < 0)
            return a.usageError("--fail-over takes a percentage, e.g. 10");
        failOver = *d;
    }
    // A B, or several files a side with --a/--b: not both.
    if (a.positionals.size() == 2 && aFiles.empty() && bFiles.empty()) {
        aFiles.push_back(a.positionals[0]);
        bFiles.push_back(a.positionals[1]);
    } else if (!a.positionals.empty() || aFiles.empty() || bFiles.empty()) {
        return a.usageError("expected two files A B (or --a FILE ... --b FILE ...)");
    }
    std::vector<std::shared_ptr<const LogData>> sideA, sideB;
    for (auto *side : { &aFiles, &bFiles }) {
        for (const auto &f : *side) {
            int rc = 0;
            auto d = load(f, rc);
            if (!d)
                return rc;
            if (d->runs.empty()) {
                std::cerr << "coldscope diff: " << f << ": no importtime table to compare\n";
                return 2;
            }
            (side == &aFiles ? sideA : sideB).push_back(d);
        }
    }
    const ImportDiff d = diffImports(sideA, sideB);
    if (json) {
        std::cout << jsonText(diffJson(d), 2) << '\n';
    } else {
        std::printf("A: %s  %lld us (%zu run(s))\n", d.a.fileList().c_str(), static_cast<long long>(d.a.totalUs),
            d.a.runs.size());
        std::printf("B: %s  %lld us (%zu run(s))\n", d.b.fileList().c_str(), static_cast<long long>(d.b.totalUs),
            d.b.runs.size());
        std::printf("delta: %+lld us (%+.1f %%)   added %zu, removed %zu, changed %zu\n",
            static_cast<long long>(d.deltaUs), d.deltaPct, d.added.size(), d.removed.size(), d.changed.size());
        std::printf("noise: %s\n", d.noiseRule.c_str());
        auto list = [&](const char *title, const std::vector<std::size_t> &idx) {
            if (idx.empty())
                return;
            std::printf("\n%s\n", title);
            for (auto i : idx) {
                const DiffEntry &e = d.entries[i];
                std::printf("  %-50s %+12.0f us  %s\n", e.module.c_str(), e.deltaUs, diffStatusLabel(e).c_str());
            }
        };
        list("top regressions (cumulative):", d.topRegressions(15));
        list("top improvements (cumulative):", d.topImprovements(15));
        list("deferred (imported in INIT in A, in the first invocation in B):", d.deferred());
    }
    if (failOver && d.deltaPct > *failOver) {
        std::cerr << "coldscope diff: B's import time is " << d.deltaPct << " % over A's (limit " << *failOver
                  << " %)\n";
        return 1;
    }
    return 0;
}

int exportCommand(const Args &a)
{
    int rc = 0;
    auto d = load(a.positionals[0], rc);
    if (!d)
        return rc;
    const std::string &format = a.value("--format");
    if (format != "speedscope" && format != "chrome")
        return a.usageError("--format must be speedscope or chrome");
    std::optional<std::size_t> chosen;
    if (!runOption(a, d->runs.size(), chosen))
        return 2;
    const std::size_t run = chosen.value_or(0);
    if (d->runs.empty()) {
        std::cerr << "coldscope export: " << a.positionals[0] << ": no importtime table\n";
        return 2;
    }
    const std::string name
        = std::filesystem::path(a.positionals[0]).filename().string() + " run " + std::to_string(run + 1);
    const auto j
        = format == "chrome" ? chromeTraceJson(*d, d->runs[run], name) : speedscopeJson(*d, d->runs[run], name);
    const std::string &out = a.value("--out");
    FILE *f = std::fopen(out.c_str(), "wb");
    if (!f) {
        std::cerr << "coldscope export: cannot write " << out << '\n';
        return 2;
    }
    const std::string text = jsonText(j);
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    std::fclose(f);
    return ok ? 0 : 2;
}

int eventsCommand(const Args &a)
{
    int rc = 0;
    auto d = load(a.positionals[0], rc);
    if (!d)
        return rc;
    const bool json = a.flag("--json");
    std::size_t limit = SIZE_MAX;
    if (a.has("--limit"))
        limit = std::strtoull(a.value("--limit").c_str(), nullptr, 10);
    const std::string &type = a.value("--type");
    const std::string &fn = a.value("--function");
    Level minLevel = Level::None;
    if (a.has("--level")) {
        minLevel = parseLevel(a.value("--level"));
        if (minLevel == Level::None)
            return a.usageError("unknown level " + a.value("--level"));
    }
    const EventStore &s = d->events;
    std::size_t printed = 0;
    for (std::size_t i = 0; i < s.size() && printed < limit; ++i) {
        if (!type.empty() && kindName(s.kind[i]) != type)
            continue;
        if (minLevel != Level::None && s.level[i] < minLevel)
            continue;
        if (!fn.empty() && d->functionOfStream(s.stream[i]) != fn)
            continue;
        ++printed;
        const std::string_view msg = d->message(i);
        const std::string stream
            = d->isSynthetic(s.stream[i]) ? std::string() : std::string(d->streamName(s.stream[i]));
        if (json) {
            nlohmann::ordered_json j;
            j["line"] = s.line[i];
            j["timestamp"] = s.time[i] == kNoTime ? nlohmann::ordered_json(nullptr)
                                                  : nlohmann::ordered_json(formatIsoTimestamp(s.time[i]));
            j["log_stream"] = stream.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(stream);
            j["request_id"] = s.request[i] ? nlohmann::ordered_json(std::string(s.requests.view(s.request[i])))
                                           : nlohmann::ordered_json(nullptr);
            j["type"] = std::string(kindName(s.kind[i]));
            j["level"] = s.level[i] == Level::None ? nlohmann::ordered_json(nullptr)
                                                   : nlohmann::ordered_json(std::string(levelName(s.level[i])));
            j["message"] = std::string(msg);
            std::cout << jsonText(j) << '\n';
        } else {
            std::printf("%6u  %-23s  %-18s  %-5s  %-36s  %.*s\n", s.line[i], formatTimestamp(s.time[i]).c_str(),
                std::string(kindName(s.kind[i])).c_str(), std::string(levelName(s.level[i])).c_str(),
                std::string(s.requests.view(s.request[i])).c_str(), int(firstLine(msg).size()), firstLine(msg).data());
        }
    }
    return 0;
}

} // namespace coldscope::cli
