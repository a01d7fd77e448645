// SPDX-License-Identifier: MIT
#include "cli.h"
#include "cloud.h"
#include "headless.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <new>
#include <stdexcept>

namespace coldscope::cli {

const std::vector<Command> &commands()
{
    static const std::vector<Command> table {
        {
            .name = "advise",
            .synopsis = "coldscope advise FILE [FILE_B] [--json] [--price-per-gb-s P] [--fail-on warning|critical]",
            .help
            = "Findings, worst first: is INIT at risk of the 10 s limit, what makes it slow, what it costs. Per\n"
              "function: cold starts, INIT percentiles (nearest rank), the imports' share of INIT, memory use and\n"
              "GB-seconds. With FILE_B (the new build), the findings are FILE_B's and a `regression` finding\n"
              "compares its imports with FILE's. The price per GB-s is an input (default 0.0000166667, x86 first\n"
              "tier), not a fact of the log. --fail-on exits 1 when a finding of that severity or worse exists.",
            .flags = { "--json" },
            .options = { { .name = "--price-per-gb-s" }, { .name = "--fail-on" } },
            .positionals = { "FILE [FILE_B]", 1, 2 },
            .handler = adviseCommand,
        },
        {
            .name = "diff",
            .synopsis
            = "coldscope diff A B [--json] [--fail-over PERCENT]   (several files a side: --a FILE --b FILE ...)",
            .help
            = "Compares the import profiles of two builds. Modules are matched by their full dotted name; with\n"
              "several runs a side (cold starts, or files), per-module medians are compared and the median run's\n"
              "total is used. --fail-over exits 1 when B's total import time exceeds A's by more than PERCENT.",
            .flags = { "--json" },
            .options = { { .name = "--fail-over" }, { .name = "--a", .repeatable = true },
                { .name = "--b", .repeatable = true } },
            // Two files, or none when --a/--b name the sides (the handler checks which).
            .positionals = { "A B", 0, 2 },
            .handler = diffCommand,
        },
        {
            .name = "events",
            .synopsis = "coldscope events FILE [--json] [--type TYPE] [--level LEVEL] [--function NAME] [--limit N]",
            .help = "The events of FILE in file order: time, log stream, request id, type, level, message.\n"
                    "--json prints one JSON object per line (JSON Lines).",
            .flags = { "--json" },
            .options = { { .name = "--type" }, { .name = "--level" }, { .name = "--function" }, { .name = "--limit" } },
            .positionals = { "FILE", 1, 1 },
            .handler = eventsCommand,
        },
        {
            .name = "export",
            .synopsis = "coldscope export FILE --format speedscope|chrome --out OUT.json [--run N]",
            .help = "Writes an import run (the first, or run N) as a speedscope profile (speedscope.app) or in the\n"
                    "Chrome trace event format (Perfetto, chrome://tracing), to share it with people without "
                    "coldscope.",
            .options = { { .name = "--format", .defaultValue = "speedscope" }, { .name = "--out", .required = true },
                { .name = "--run" } },
            .positionals = { "FILE", 1, 1 },
            .handler = exportCommand,
        },
        {
            .name = "fetch",
            .synopsis = "coldscope fetch --log-group NAME --start TIME [--end TIME] [--filter-pattern P | "
                        "--cold-starts-only] [--log-stream-prefix S] [--profile P] [--region R] --out FILE",
            .help
            = "Fetches a slice of a CloudWatch log group through the AWS CLI (aws logs filter-log-events, page\n"
              "after page) into FILE: gzip-compressed JSON in the filter-log-events shape, which every coldscope\n"
              "command and the window read. Progress (pages, events, bytes) on stderr; Ctrl+C stops and keeps\n"
              "what was fetched (FILE is always a whole JSON document). --cold-starts-only fetches only the\n"
              "INIT/REPORT lines (text and JSON log formats) and the importtime lines. TIME: ISO 8601, epoch\n"
              "seconds/ms, or relative to now (-30m, -3h, -2d, -1w); --end defaults to now.",
            .flags = { "--cold-starts-only" },
            // Required ones are checked by the handler, so that its messages name them.
            .options = { { .name = "--log-group" }, { .name = "--start" }, { .name = "--end" },
                { .name = "--filter-pattern" }, { .name = "--log-stream-prefix" }, { .name = "--profile" },
                { .name = "--region" }, { .name = "--out" } },
            .positionals = { "options only", 0, 0 },
            .handler = fetchCommand,
        },
        {
            .name = "query",
            .synopsis = "coldscope query FILE... QUERY [--format table|json|csv|md] [--start TIME] [--end TIME]   "
                        "(in CloudWatch: --log-group NAME [--log-group NAME]... [--profile P] [--region R] "
                        "--start TIME [--end TIME] QUERY)",
            .help
            = "Runs a CloudWatch Logs Insights query on the files, offline, with the same syntax and semantics\n"
              "(default sort @timestamp desc, default limit 10000, pct by nearest rank, memory fields in bytes).\n"
              "json: an array with one object per row keyed by column name; md: the console's Markdown export.\n"
              "TIME: ISO 8601, 'YYYY-MM-DD HH:MM:SS.mmm' or epoch seconds/ms. A bad query exits 2 with\n"
              "query:COLUMN: message on stderr.\n"
              "With --log-group (no FILE) the query runs in CloudWatch Logs Insights through the AWS CLI\n"
              "(aws logs start-query / get-query-results; --profile and --region are passed to it), with the\n"
              "status on stderr and the same output shapes; cloud-only commands (pattern, diff, SOURCE...) work\n"
              "there. TIME may also be relative to now (-30m, -3h, -2d, -1w); --end defaults to now.\n"
              "Ctrl+C stops the query (stop-query).",
            .options = { { .name = "--format", .defaultValue = "table" }, { .name = "--start" }, { .name = "--end" },
                { .name = "--log-group", .repeatable = true }, { .name = "--profile" }, { .name = "--region" } },
            // FILE... QUERY, or QUERY alone with --log-group (the handler checks which).
            .positionals = { "FILE... QUERY", 1, kUnbounded },
            .handler = queryCommand,
        },
        {
            .name = "render",
            .synopsis = "coldscope render FILE --view window|findings|tree|icicle|timeline|events|search|compare|"
                        "presentation --out OUT.png|svg|pdf [--width W] [--height H] [--query Q]",
            .help
            = "Draws a view with no display (offscreen), as the window shows it. --view compare takes two files,\n"
              "A and B. --query runs a Logs Insights query first (with --view search).",
            .options = { { .name = "--view", .defaultValue = "window" }, { .name = "--out", .required = true },
                { .name = "--width", .defaultValue = "1400" }, { .name = "--height", .defaultValue = "860" },
                { .name = "--query" } },
            // Two with --view compare (the handler checks which).
            .positionals = { "FILE", 1, 2 },
            .needsGui = true,
        },
        {
            .name = "report",
            .synopsis = "coldscope report FILE [FILE_B] --out report.html|report.md [--query QUERY]...",
            .help
            = "One page for a review: cold-start figures, the slowest imports, the comparison with FILE_B,\n"
              "the results of each --query, and pictures (embedded in HTML; PNG files next to a Markdown report).\n"
              "Everything taken from a log is escaped.",
            .options = { { .name = "--out", .required = true }, { .name = "--query", .repeatable = true } },
            .positionals = { "FILE [FILE_B]", 1, 2 },
            .needsGui = true,
        },
        {
            .name = "summary",
            .synopsis = "coldscope summary FILE [--json] [--function NAME]",
            .help = "Cold starts, timeouts, errors, init/duration/billed/memory distributions (count, min, avg,\n"
                    "p50, p90, p99 by nearest rank, max) and the slowest imports of the first importtime run.",
            .flags = { "--json" },
            .options = { { .name = "--function" } },
            .positionals = { "FILE", 1, 1 },
            .handler = summaryCommand,
        },
        {
            .name = "tree",
            .synopsis = "coldscope tree FILE [--json] [--run N]",
            .help = "Every importtime table in FILE rebuilt as a tree (import order, self and cumulative us).\n"
                    "--run N prints only run N (1-based).",
            .flags = { "--json" },
            .options = { { .name = "--run" } },
            .positionals = { "FILE", 1, 1 },
            .handler = treeCommand,
        },
    };
    return table;
}

const Command *findCommand(const std::string &name)
{
    const auto &table = commands();
    const auto it = std::find_if(table.begin(), table.end(), [&](const Command &c) { return c.name == name; });
    return it == table.end() ? nullptr : &*it;
}

std::string usage()
{
    std::string u = "coldscope - explore Python AWS Lambda cold starts: importtime profiles and Lambda logs\n\n"
                    "Usage:\n"
                    "  coldscope [FILE]                 open the window (on FILE, or on the bundled sample)\n";
    for (const Command &c : commands())
        u += "  " + c.synopsis + "\n";
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
    for (const Command &c : commands())
        m += ".br\n" + esc(c.synopsis) + "\n";
    m += ".SH DESCRIPTION\n"
        + esc("Without a command, coldscope opens its window on FILE (or on a bundled sample); with two files it "
              "compares them. The commands below run headless.")
        + "\n.SH COMMANDS\n";
    for (const Command &c : commands())
        m += ".TP\n.B " + esc(c.name) + "\n" + esc(c.synopsis) + "\n.br\n" + esc(c.help) + "\n";
    m += ".SH EXIT STATUS\n0 success; 1 a check failed (diff \\-\\-fail\\-over); 2 unreadable input or bad usage, "
         "with the message on standard error.\n.SH FILES\n"
        + esc("~/.config/coldscope/coldscope.conf: window layout, recent files, query history, "
              "the CloudWatch region and log group. *.coldscope: saved sessions.")
        + "\n";
    return m;
}

namespace {

// coldscope [FILE] / coldscope A B. Every word must name a file, so that a mistyped command
// is an error here rather than a window on missing files (which never returns when headless).
int window(const std::vector<std::string> &files, const GuiHandlers &gui)
{
    for (const std::string &f : files) {
        std::error_code ec;
        if (std::filesystem::exists(f, ec) && !std::filesystem::is_directory(f, ec))
            continue;
        if (f.rfind("--", 0) == 0)
            std::cerr << "coldscope: unknown option " << f << '\n';
        else
            std::cerr << "coldscope: " << f << " is neither a command nor a file\n";
        std::string names;
        for (const Command &c : commands())
            names += (names.empty() ? "" : ", ") + c.name;
        std::cerr << "Usage: coldscope [FILE] | coldscope A B | coldscope COMMAND ...\nCommands: " << names
                  << " (coldscope help COMMAND)\n";
        return 2;
    }
    if (files.size() > 2) {
        std::cerr << "coldscope: the window opens one FILE or two to compare (A B), not " << files.size() << '\n';
        return 2;
    }
    if (!gui.window) {
        std::cerr << "coldscope: this build has no window\n";
        return 2;
    }
    return gui.window(files);
}

int help(const std::vector<std::string> &args)
{
    if (args.size() < 2) {
        std::cout << usage();
        return 0;
    }
    const Command *c = findCommand(args[1]);
    if (!c) {
        std::cerr << "coldscope: no command " << args[1] << "\n\n" << usage();
        return 2;
    }
    std::cout << "Usage: " << c->synopsis << "\n\n" << c->help << '\n';
    return 0;
}

} // namespace

int run(const std::vector<std::string> &args, const GuiHandlers &gui)
{
    if (args.empty())
        return window(args, gui);
    const std::string &word = args[0];
    if (word == "--version") {
        std::cout << "coldscope " COLDSCOPE_VERSION "\n";
        return 0;
    }
    if (word == "--man") {
        std::cout << manPage();
        return 0;
    }
    if (word == "--help" || word == "-h") {
        std::cout << usage();
        return 0;
    }
    if (word == "help")
        return help(args);
    const Command *c = findCommand(word);
    if (!c)
        return window(args, gui);
    Handler handler = c->handler;
    if (c->needsGui) {
        const auto it = gui.commands.find(c->name);
        handler = it == gui.commands.end() ? Handler() : it->second;
    }
    if (!handler) {
        std::cerr << "coldscope " << c->name << ": needs the window, which this build does not have\n";
        return 2;
    }
    std::string error;
    const auto a = parse(*c, std::vector<std::string>(args.begin() + 1, args.end()), error);
    if (!a)
        return usageError(*c, error);
    // Whatever a hostile input makes a command run out of (memory, a limit), the user
    // gets a message and exit status 2, never std::terminate.
    try {
        return handler(*a);
    } catch (const std::bad_alloc &) {
        std::cerr << "coldscope " << c->name << ": out of memory\n";
    } catch (const std::exception &e) {
        std::cerr << "coldscope " << c->name << ": " << e.what() << '\n';
    }
    return 2;
}

} // namespace coldscope::cli
