// SPDX-License-Identifier: MIT
#include "cli.h"
#include "jsontext.h"

#include "importdiff.h"
#include "loader.h"
#include "profileexport.h"
#include "queryformat.h"
#include "summary.h"

#include <filesystem>

#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <set>

namespace coldscope::cli {

namespace {

struct HelpEntry {
    const char *synopsis;
    const char *text;
};

const std::map<std::string, HelpEntry> &helpEntries()
{
    static const std::map<std::string, HelpEntry> entries {
        { "summary",
            { "coldscope summary FILE [--json] [--function NAME]",
                "Cold starts, timeouts, errors, init/duration/billed/memory distributions (count, min, avg,\n"
                "p50, p90, p99 by nearest rank, max) and the slowest imports of the first importtime run." } },
        { "tree",
            { "coldscope tree FILE [--json] [--run N]",
                "Every importtime table in FILE rebuilt as a tree (import order, self and cumulative us).\n"
                "--run N prints only run N (1-based)." } },
        { "query",
            { "coldscope query FILE... QUERY [--format table|json|csv|md] [--start TIME] [--end TIME]",
                "Runs a CloudWatch Logs Insights query on the files, offline, with the same syntax and semantics\n"
                "(default sort @timestamp desc, default limit 10000, pct by nearest rank, memory fields in bytes).\n"
                "json: an array with one object per row keyed by column name; md: the console's Markdown export.\n"
                "TIME: ISO 8601, 'YYYY-MM-DD HH:MM:SS.mmm' or epoch seconds/ms. A bad query exits 2 with\n"
                "query:COLUMN: message on stderr." } },
        { "diff",
            { "coldscope diff A B [--json] [--fail-over PERCENT]   (several files a side: --a FILE --b FILE ...)",
                "Compares the import profiles of two builds. Modules are matched by their full dotted name; with\n"
                "several runs a side (cold starts, or files), per-module medians are compared and the median run's\n"
                "total is used. --fail-over exits 1 when B's total import time exceeds A's by more than PERCENT." } },
        { "export",
            { "coldscope export FILE --format speedscope|chrome --out OUT.json [--run N]",
                "Writes an import run (the first, or run N) as a speedscope profile (speedscope.app) or in the\n"
                "Chrome trace event format (Perfetto, chrome://tracing), to share it with people without "
                "coldscope." } },
        { "render",
            { "coldscope render FILE --view window|tree|icicle|timeline|events|search|compare|presentation --out "
              "OUT.png|svg|pdf "
              "[--width W] [--height H] [--query Q]",
                "Draws a view with no display (offscreen), as the window shows it. --view compare takes two files,\n"
                "A and B. --query runs a Logs Insights query first (with --view search)." } },
        { "report",
            { "coldscope report FILE [FILE_B] --out report.html|report.md [--query QUERY]...",
                "One page for a review: cold-start figures, the slowest imports, the comparison with FILE_B,\n"
                "the results of each --query, and pictures (embedded in HTML; PNG files next to a Markdown report).\n"
                "Everything taken from a log is escaped." } },
        { "events",
            { "coldscope events FILE [--json] [--type TYPE] [--level LEVEL] [--function NAME] [--limit N]",
                "The events of FILE in file order: time, log stream, request id, type, level, message.\n"
                "--json prints one JSON object per line (JSON Lines)." } },
    };
    return entries;
}

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

struct Args {
    std::string command;
    std::vector<std::string> files;
    std::set<std::string> flags;
    std::map<std::string, std::string> options;
};

// --run N (1-based): false, with the message on stderr, when N is not a run of the file;
// `run` stays empty without the option.
bool runOption(const Args &a, std::size_t runCount, const char *who, std::optional<std::size_t> &run)
{
    const auto it = a.options.find("--run");
    if (it == a.options.end())
        return true;
    char *end = nullptr;
    const unsigned long n = std::strtoul(it->second.c_str(), &end, 10);
    if (it->second.empty() || *end || n < 1 || n > runCount) {
        std::cerr << who << ": --run must be between 1 and " << runCount << '\n';
        return false;
    }
    run = n - 1;
    return true;
}

std::optional<Args> parse(const std::vector<std::string> &args, const std::set<std::string> &flags,
    const std::set<std::string> &options, std::string &error)
{
    Args a;
    a.command = args[0];
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &s = args[i];
        if (s.size() > 2 && s.rfind("--", 0) == 0) {
            if (flags.count(s)) {
                a.flags.insert(s);
            } else if (options.count(s)) {
                if (i + 1 >= args.size()) {
                    error = s + " needs a value";
                    return std::nullopt;
                }
                a.options[s] = args[++i];
            } else {
                error = "unknown option " + s;
                return std::nullopt;
            }
        } else {
            a.files.push_back(s);
        }
    }
    return a;
}

std::shared_ptr<LogData> load(const std::string &path, int &exitCode)
{
    LoadResult r = loadFile(path);
    if (!r.data) {
        std::cerr << "coldscope: " << r.error << '\n';
        exitCode = 2;
        return nullptr;
    }
    printDiagnostics(*r.data);
    return r.data;
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

int summary(const Args &a)
{
    int rc = 0;
    auto d = load(a.files[0], rc);
    if (!d)
        return rc;
    std::function<bool(const Invocation &)> keep;
    if (a.options.count("--function")) {
        const std::string fn = a.options.at("--function");
        keep = [d, fn](const Invocation &inv) { return d->events.functions.view(inv.function) == fn; };
    }
    if (a.flags.count("--json")) {
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

int tree(const Args &a)
{
    int rc = 0;
    auto d = load(a.files[0], rc);
    if (!d)
        return rc;
    std::optional<std::size_t> only;
    if (!runOption(a, d->runs.size(), "coldscope", only))
        return 2;
    if (a.flags.count("--json")) {
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
    if (a.files.size() < 2) {
        std::cerr << "coldscope query: expected FILE... QUERY\nUsage: " << helpEntries().at("query").synopsis << '\n';
        return 2;
    }
    const std::string text = a.files.back();
    query::OutputFormat fmt = query::OutputFormat::Table;
    if (a.options.count("--format")) {
        auto f = query::parseOutputFormat(a.options.at("--format"));
        if (!f) {
            std::cerr << "coldscope query: --format must be table, json, csv or md\n";
            return 2;
        }
        fmt = *f;
    }
    query::Options opts;
    for (const char *opt : { "--start", "--end" }) {
        if (!a.options.count(opt))
            continue;
        auto t = query::parseTimeArgument(a.options.at(opt));
        if (!t) {
            std::cerr << "coldscope query: " << opt << " '" << a.options.at(opt)
                      << "' is not a time (ISO 8601, 'YYYY-MM-DD HH:MM:SS' or epoch seconds/ms)\n";
            return 2;
        }
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
    for (std::size_t i = 0; i + 1 < a.files.size(); ++i) {
        int rc = 0;
        auto d = load(a.files[i], rc);
        if (!d)
            return rc;
        const std::string base = std::filesystem::path(a.files[i]).filename().string();
        sources.push_back({ d, base });
        names += (names.empty() ? "" : ", ") + base;
    }
    try {
        const query::Result r = query::run(q, sources, opts);
        query::ExportContext ctx;
        ctx.logGroups = names;
        ctx.start = a.options.count("--start") ? a.options.at("--start") : "";
        ctx.end = a.options.count("--end") ? a.options.at("--end") : "";
        ctx.query = text;
        std::cout << query::format(r, fmt, ctx);
        if (fmt == query::OutputFormat::Table)
            std::cerr << r.rows.size() << " rows, " << r.recordsMatched << " of " << r.recordsScanned
                      << " records matched, " << r.elapsedMs << " ms\n";
    } catch (const query::QueryError &e) {
        std::cerr << "query:" << e.column << ": " << e.what() << '\n';
        return 2;
    }
    return 0;
}

int diffCommand(const std::vector<std::string> &args)
{
    std::vector<std::string> aFiles, bFiles, positional;
    bool json = false;
    std::optional<double> failOver;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &s = args[i];
        auto value = [&](const char *what) -> std::optional<std::string> {
            if (i + 1 >= args.size()) {
                std::cerr << "coldscope diff: " << what << " needs a value\n";
                return std::nullopt;
            }
            return args[++i];
        };
        if (s == "--json") {
            json = true;
        } else if (s == "--a" || s == "--b") {
            auto v = value(s.c_str());
            if (!v)
                return 2;
            (s == "--a" ? aFiles : bFiles).push_back(*v);
        } else if (s == "--fail-over") {
            auto v = value("--fail-over");
            if (!v)
                return 2;
            auto d = parseDouble(*v);
            if (!d || *d < 0) {
                std::cerr << "coldscope diff: --fail-over takes a percentage, e.g. 10\n";
                return 2;
            }
            failOver = *d;
        } else if (s.rfind("--", 0) == 0) {
            std::cerr << "coldscope diff: unknown option " << s << "\nUsage: " << helpEntries().at("diff").synopsis
                      << '\n';
            return 2;
        } else {
            positional.push_back(s);
        }
    }
    if (positional.size() == 2 && aFiles.empty() && bFiles.empty()) {
        aFiles.push_back(positional[0]);
        bFiles.push_back(positional[1]);
    } else if (!positional.empty() || aFiles.empty() || bFiles.empty()) {
        std::cerr << "coldscope diff: expected two files A B (or --a FILE ... --b FILE ...)\nUsage: "
                  << helpEntries().at("diff").synopsis << '\n';
        return 2;
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
        auto list = [&](const char *title, const std::vector<std::size_t> &idx) {
            if (idx.empty())
                return;
            std::printf("\n%s\n", title);
            for (auto i : idx) {
                const DiffEntry &e = d.entries[i];
                std::printf("  %-50s %+12.0f us  %s%s\n", e.module.c_str(), e.deltaUs,
                    std::string(diffStatusName(e.status)).c_str(), e.moved ? ", moved" : "");
            }
        };
        list("top regressions (cumulative):", d.topRegressions(15));
        list("top improvements (cumulative):", d.topImprovements(15));
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
    auto d = load(a.files[0], rc);
    if (!d)
        return rc;
    const std::string format = a.options.count("--format") ? a.options.at("--format") : "speedscope";
    if (format != "speedscope" && format != "chrome") {
        std::cerr << "coldscope export: --format must be speedscope or chrome\n";
        return 2;
    }
    if (!a.options.count("--out")) {
        std::cerr << "coldscope export: missing --out\n";
        return 2;
    }
    std::optional<std::size_t> chosen;
    if (!runOption(a, d->runs.size(), "coldscope export", chosen))
        return 2;
    const std::size_t run = chosen.value_or(0);
    if (d->runs.empty()) {
        std::cerr << "coldscope export: " << a.files[0] << ": no importtime table\n";
        return 2;
    }
    const std::string name = std::filesystem::path(a.files[0]).filename().string() + " run " + std::to_string(run + 1);
    const auto j
        = format == "chrome" ? chromeTraceJson(*d, d->runs[run], name) : speedscopeJson(*d, d->runs[run], name);
    const std::string out = a.options.at("--out");
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

std::string manPage()
{
    auto esc = [](std::string s) {
        std::string o;
        for (char c : s) {
            if (c == '\\')
                o += "\\e";
            else if (c == '-')
                o += "\\-";
            else
                o += c;
        }
        return o;
    };
    std::string m
        = ".TH COLDSCOPE 1 \"\" \"coldscope " COLDSCOPE_VERSION "\" \"User Commands\"\n"
          ".SH NAME\ncoldscope \\- explore Python AWS Lambda cold starts: importtime profiles and Lambda logs\n"
          ".SH SYNOPSIS\n.B coldscope\n[\\fIFILE\\fR]\n.br\n.B coldscope\n\\fIA B\\fR\n";
    for (const auto &[name, e] : helpEntries())
        m += ".br\n" + esc(e.synopsis) + "\n";
    m += ".SH DESCRIPTION\n"
        + esc("Without a command, coldscope opens its window on FILE (or on a bundled sample); with two files it "
              "compares them. The commands below run headless.")
        + "\n.SH COMMANDS\n";
    for (const auto &[name, e] : helpEntries())
        m += ".TP\n.B " + esc(name) + "\n" + esc(e.synopsis) + "\n.br\n" + esc(e.text) + "\n";
    m += ".SH EXIT STATUS\n0 success; 1 a check failed (diff \\-\\-fail\\-over); 2 unreadable input or bad usage, "
         "with the message on standard error.\n.SH FILES\n"
        + esc("~/.config/coldscope/coldscope.conf: window layout, recent files, query history, "
              "the CloudWatch region and log group. *.coldscope: saved sessions.")
        + "\n";
    return m;
}

int events(const Args &a)
{
    int rc = 0;
    auto d = load(a.files[0], rc);
    if (!d)
        return rc;
    const bool json = a.flags.count("--json");
    std::size_t limit = SIZE_MAX;
    if (a.options.count("--limit"))
        limit = std::strtoull(a.options.at("--limit").c_str(), nullptr, 10);
    const std::string type = a.options.count("--type") ? a.options.at("--type") : std::string();
    const std::string fn = a.options.count("--function") ? a.options.at("--function") : std::string();
    Level minLevel = Level::None;
    if (a.options.count("--level")) {
        minLevel = parseLevel(a.options.at("--level"));
        if (minLevel == Level::None) {
            std::cerr << "coldscope: unknown level " << a.options.at("--level") << '\n';
            return 2;
        }
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

} // namespace

std::string usage()
{
    std::string u = "coldscope - explore Python AWS Lambda cold starts: importtime profiles and Lambda logs\n\n"
                    "Usage:\n"
                    "  coldscope [FILE]                 open the window (on FILE, or on the bundled sample)\n";
    for (const auto &[name, e] : helpEntries())
        u += std::string("  ") + e.synopsis + "\n";
    u += "  coldscope A B                    open the window comparing two builds\n"
         "  coldscope help COMMAND            details of one command\n"
         "  coldscope --version\n\n"
         "FILE may be plain -X importtime stderr, a Lambda log in text or JSON format, aws logs tail /\n"
         "sam logs output, the JSON of aws logs filter-log-events / get-log-events / get-query-results,\n"
         "a Logs Insights CSV or Markdown export, or any of these gzip-compressed. The format is\n"
         "detected from the content.\n\n"
         "Exit status: 0 success, 2 unreadable input or bad usage (message on stderr).\n";
    return u;
}

bool isCommand(const std::vector<std::string> &args)
{
    if (args.empty())
        return false;
    static const std::set<std::string> commands { "summary", "tree", "events", "query", "diff", "export", "help",
        "--help", "-h", "--version", "--man" };
    return commands.count(args[0]) > 0;
}

int run(const std::vector<std::string> &args)
{
    const std::string &cmd = args[0];
    if (cmd == "--version") {
        std::cout << "coldscope " COLDSCOPE_VERSION "\n";
        return 0;
    }
    if (cmd == "--man") {
        std::cout << manPage();
        return 0;
    }
    if (cmd == "--help" || cmd == "-h") {
        std::cout << usage();
        return 0;
    }
    if (cmd == "help") {
        if (args.size() < 2) {
            std::cout << usage();
            return 0;
        }
        auto it = helpEntries().find(args[1]);
        if (it == helpEntries().end()) {
            std::cerr << "coldscope: no command " << args[1] << "\n\n" << usage();
            return 2;
        }
        std::cout << "Usage: " << it->second.synopsis << "\n\n" << it->second.text << '\n';
        return 0;
    }
    if (cmd == "diff")
        return diffCommand(args);
    static const std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> spec {
        { "summary", { { "--json" }, { "--function" } } },
        { "tree", { { "--json" }, { "--run" } } },
        { "events", { { "--json" }, { "--type", "--level", "--function", "--limit" } } },
        { "query", { {}, { "--format", "--start", "--end" } } },
        { "export", { {}, { "--format", "--out", "--run" } } },
    };
    const auto &[flags, options] = spec.at(cmd);
    std::string error;
    auto a = parse(args, flags, options, error);
    if (a && cmd == "query")
        return queryCommand(*a);
    if (!a || a->files.size() != 1) {
        if (a)
            error = a->files.empty() ? "missing FILE" : "expected one FILE";
        std::cerr << "coldscope " << cmd << ": " << error << "\nUsage: " << helpEntries().at(cmd).synopsis << '\n';
        return 2;
    }
    if (cmd == "summary")
        return summary(*a);
    if (cmd == "tree")
        return tree(*a);
    if (cmd == "export")
        return exportCommand(*a);
    return events(*a);
}

} // namespace coldscope::cli
