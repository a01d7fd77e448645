// SPDX-License-Identifier: MIT
#include "report.h"

#include "format.h"
#include "summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace coldscope {

std::string htmlEscape(std::string_view s)
{
    std::string o;
    o.reserve(s.size() + 16);
    for (char c : s) {
        switch (c) {
        case '&':
            o += "&amp;";
            break;
        case '<':
            o += "&lt;";
            break;
        case '>':
            o += "&gt;";
            break;
        case '"':
            o += "&quot;";
            break;
        case '\'':
            o += "&#39;";
            break;
        default:
            o += c;
        }
    }
    return o;
}

std::string markdownCell(std::string_view s)
{
    std::string o;
    for (char c : s) {
        switch (c) {
        case '|':
            o += "\\|";
            break;
        case '\n':
            o += "<br>";
            break;
        case '\r':
            break;
        case '\t':
            o += ' ';
            break;
        case '<':
            o += "&lt;";
            break;
        case '>':
            o += "&gt;";
            break;
        case '&':
            o += "&amp;";
            break;
        case '`':
            o += "\\`";
            break;
        case '*':
            o += "\\*";
            break;
        case '_':
            o += "\\_";
            break;
        case '[':
            o += "\\[";
            break;
        case ']':
            o += "\\]";
            break;
        default:
            o += c;
        }
    }
    return o;
}

std::string base64(std::string_view bytes)
{
    static const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string o;
    o.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = (unsigned(static_cast<unsigned char>(bytes[i])) << 16)
            | (unsigned(static_cast<unsigned char>(bytes[i + 1])) << 8)
            | unsigned(static_cast<unsigned char>(bytes[i + 2]));
        o += t[v >> 18];
        o += t[(v >> 12) & 63];
        o += t[(v >> 6) & 63];
        o += t[v & 63];
    }
    if (i < bytes.size()) {
        unsigned v = unsigned(static_cast<unsigned char>(bytes[i])) << 16;
        if (i + 1 < bytes.size())
            v |= unsigned(static_cast<unsigned char>(bytes[i + 1])) << 8;
        o += t[v >> 18];
        o += t[(v >> 12) & 63];
        o += i + 1 < bytes.size() ? t[(v >> 6) & 63] : '=';
        o += '=';
    }
    return o;
}

namespace {

std::string ms(double v)
{
    return formatMs(v);
}

std::string us(double v)
{
    return formatUs(v);
}

// A format-neutral table the two writers render.
struct Table {
    std::string title;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows; // raw text, escaped by the writer
    std::string note;
};

std::vector<Table> tables(const ReportInput &in)
{
    std::vector<Table> out;
    // Findings first: what to fix, worst first.
    Table findings;
    findings.title = "Findings";
    findings.header = { "severity", "function", "finding", "detail", "saving per cold start" };
    const std::size_t firstFile = in.diff && in.files.size() > 1 ? in.files.size() - 1 : 0; // build B
    for (std::size_t i = firstFile; i < in.files.size(); ++i) {
        const Advice advice = advise(*in.files[i], in.adviceSettings, in.diff ? in.diff.get() : nullptr);
        for (const Finding *fd : advice.all()) { // the engine's order
            std::string function;
            for (const FunctionAdvice &f : advice.functions)
                for (const Finding &x : f.findings)
                    if (&x == fd)
                        function = f.function;
            findings.rows.push_back({ std::string(severityName(fd->severity)), function, fd->title, fd->detail,
                fd->savingMs > 0 ? ms(fd->savingMs) : "–" });
        }
    }
    char digits[64];
    std::snprintf(digits, sizeof digits, "%.10f", in.adviceSettings.pricePerGbS); // no exponent
    std::string price = digits;
    while (price.size() > 1 && price.back() == '0')
        price.pop_back();
    if (price.back() == '.')
        price.pop_back();
    price += " USD per GB-s";
    findings.note = std::string(findings.rows.empty() ? "No findings: nothing crossed a threshold. " : "")
        + "Worst first: severity, then the estimated ms saved per cold start. Costs at " + price
        + " (an input, not a fact of the log).";
    out.push_back(std::move(findings));
    // Figures per file, one row per figure and one column per file: as narrow as the
    // page at any width (a file per column, usually one or two).
    Table fig;
    fig.title = "Cold-start figures";
    fig.header = { "figure" };
    fig.rows = { { "format" }, { "invocations" }, { "cold starts" }, { "INIT timeouts" }, { "timeouts" }, { "errors" },
        { "init p50" }, { "init p90" }, { "init p99" }, { "duration p50" }, { "duration p99" },
        { "import time (sum of self, first run)" } };
    for (const auto &d : in.files) {
        const Summary s = summarize(*d);
        const auto slash = d->path.find_last_of('/');
        fig.header.push_back(slash == std::string::npos ? d->path : d->path.substr(slash + 1));
        const std::string values[] = { d->format, std::to_string(s.invocations), std::to_string(s.coldStarts),
            std::to_string(s.initTimeouts), std::to_string(s.timeouts), std::to_string(s.errors),
            ms(s.initDuration.p50), ms(s.initDuration.p90), ms(s.initDuration.p99), ms(s.duration.p50),
            ms(s.duration.p99), d->runs.empty() ? "–" : us(double(d->runs.front().totalSelfUs)) };
        for (std::size_t r = 0; r < fig.rows.size(); ++r)
            fig.rows[r].push_back(values[r]);
    }
    fig.note = "Import time, here and everywhere in coldscope: the sum of self time over every import of a run "
               "(what the interpreter spent importing).";
    out.push_back(std::move(fig));
    // Slowest imports of each file's first run.
    for (const auto &d : in.files) {
        if (d->runs.empty())
            continue;
        const ImportRun &run = d->runs.front();
        Table self;
        self.title = "Top imports by self time: " + d->path;
        self.header = { "module", "self", "cumulative", "self, % of import time" };
        for (auto id : topBySelf(run, 10)) {
            const ImportNode &n = run.nodes[id];
            char pct[16];
            std::snprintf(
                pct, sizeof pct, "%.1f %%", run.totalSelfUs ? 100.0 * double(n.selfUs) / double(run.totalSelfUs) : 0.0);
            self.rows.push_back(
                { std::string(d->moduleName(n)), us(double(n.selfUs)), us(double(n.cumulativeUs)), pct });
        }
        self.note = std::to_string(run.imports) + " imports, import time " + us(double(run.totalSelfUs))
            + " (sum of self; first of " + std::to_string(d->runs.size()) + " run(s))";
        out.push_back(std::move(self));
        Table cum;
        cum.title = "Top imports by cumulative time: " + d->path;
        cum.header = { "module", "cumulative", "self", "depth" };
        std::vector<std::uint32_t> ids;
        for (std::uint32_t i = 0; i < run.nodes.size(); ++i)
            if (!run.nodes[i].placeholder && !run.nodes[i].cached)
                ids.push_back(i);
        std::stable_sort(ids.begin(), ids.end(),
            [&](auto a, auto b) { return run.nodes[a].cumulativeUs > run.nodes[b].cumulativeUs; });
        for (std::size_t k = 0; k < ids.size() && k < 10; ++k) {
            const ImportNode &n = run.nodes[ids[k]];
            cum.rows.push_back({ std::string(d->moduleName(n)), us(double(n.cumulativeUs)), us(double(n.selfUs)),
                std::to_string(n.depth) });
        }
        out.push_back(std::move(cum));
    }
    if (in.diff) {
        const ImportDiff &df = *in.diff;
        Table t;
        t.title = "Comparison: top regressions";
        char line[256];
        std::snprintf(line, sizeof line,
            "import time (sum of self, median run) A %s, B %s: %s%s (%+.1f %%); %zu added, %zu removed, %zu changed",
            us(double(df.a.totalUs)).c_str(), us(double(df.b.totalUs)).c_str(), df.deltaUs > 0 ? "+" : "",
            us(double(df.deltaUs)).c_str(), df.deltaPct, df.added.size(), df.removed.size(), df.changed.size());
        t.note = line;
        t.header = { "module", "A cumulative", "B cumulative", "delta", "status" };
        for (auto i : df.topRegressions(10)) {
            const DiffEntry &e = df.entries[i];
            t.rows.push_back({ e.module, e.a ? us(e.a->cumulativeUs) : "–", e.b ? us(e.b->cumulativeUs) : "–",
                (e.deltaUs > 0 ? "+" : "") + us(e.deltaUs), diffStatusLabel(e) });
        }
        out.push_back(std::move(t));
        Table added;
        added.title = "Comparison: modules added in B";
        added.header = { "module", "cumulative in B" };
        std::vector<std::size_t> idx = df.added;
        std::stable_sort(idx.begin(), idx.end(),
            [&](auto x, auto y) { return df.entries[x].b->cumulativeUs > df.entries[y].b->cumulativeUs; });
        for (std::size_t k = 0; k < idx.size() && k < 15; ++k)
            added.rows.push_back({ df.entries[idx[k]].module, us(df.entries[idx[k]].b->cumulativeUs) });
        if (idx.size() > 15)
            added.note = std::to_string(idx.size() - 15) + " more not shown";
        out.push_back(std::move(added));
    }
    for (const auto &q : in.queries) {
        Table t;
        t.title = "Query";
        t.note = q.query;
        if (!q.error.empty()) {
            t.header = { "error" };
            t.rows.push_back({ q.error });
        } else {
            t.header = q.result.columns;
            for (std::size_t r = 0; r < q.result.rows.size() && r < 50; ++r) {
                std::vector<std::string> row;
                for (const auto &v : q.result.rows[r])
                    row.push_back(v.toString());
                t.rows.push_back(std::move(row));
            }
            if (q.result.rows.size() > 50)
                t.note += "\n(" + std::to_string(q.result.rows.size() - 50) + " more rows not shown)";
        }
        out.push_back(std::move(t));
    }
    if (!in.notes.empty()) {
        Table t;
        t.title = "Notes";
        t.header = { "about", "note" };
        for (const auto &[subject, text] : in.notes)
            t.rows.push_back({ subject, text });
        out.push_back(std::move(t));
    }
    return out;
}

std::string fileList(const ReportInput &in)
{
    std::string f;
    for (const auto &d : in.files)
        f += (f.empty() ? "" : ", ") + d->path;
    return f;
}

} // namespace

std::string reportHtml(const ReportInput &in)
{
    std::string h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" + htmlEscape(in.title)
        + "</title>\n"
          "<style>body{font-family:'DejaVu Sans',sans-serif;max-width:1200px;margin:2em auto;padding:0 1em}"
          "table{border-collapse:collapse;margin:.5em 0 1.5em;max-width:100%;font-size:.92em}"
          "td,th{border:1px solid;padding:3px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
          "td.n{text-align:right}pre{padding:.6em;white-space:pre-wrap;overflow-wrap:anywhere}"
          "img{max-width:100%;border:1px solid}"
          "h1,h2{break-after:avoid;page-break-after:avoid}h2+p,h2+pre{break-after:avoid;page-break-after:avoid}"
          "img,tr{break-inside:avoid;page-break-inside:avoid}"
          "@media print{body{max-width:none;margin:0}}"
        + in.colorCss + "</style></head><body>\n";
    h += "<h1>" + htmlEscape(in.title) + "</h1>\n<p>" + htmlEscape(fileList(in)) + "<br><small>"
        + htmlEscape(in.generated) + "</small></p>\n";
    for (const auto &t : tables(in)) {
        h += "<h2>" + htmlEscape(t.title) + "</h2>\n";
        if (!t.note.empty())
            h += (t.title == "Query" ? "<pre>" + htmlEscape(t.note) + "</pre>\n"
                                     : "<p>" + htmlEscape(t.note) + "</p>\n");
        h += "<table><tr>";
        for (const auto &c : t.header)
            h += "<th>" + htmlEscape(c) + "</th>";
        h += "</tr>\n";
        for (const auto &row : t.rows) {
            h += "<tr>";
            for (const auto &c : row)
                h += "<td>" + htmlEscape(c) + "</td>";
            h += "</tr>\n";
        }
        h += "</table>\n";
    }
    for (const auto &p : in.pictures) {
        h += "<h2>" + htmlEscape(p.title) + "</h2>\n";
        if (!p.png.empty())
            h += "<img alt=\"" + htmlEscape(p.title) + "\" src=\"data:image/png;base64," + base64(p.png) + "\">\n";
    }
    h += "</body></html>\n";
    return h;
}

std::string reportMarkdown(const ReportInput &in)
{
    std::string m = "# " + markdownCell(in.title) + "\n\n" + markdownCell(fileList(in)) + "  \n_"
        + markdownCell(in.generated) + "_\n\n";
    for (const auto &t : tables(in)) {
        m += "## " + markdownCell(t.title) + "\n\n";
        if (!t.note.empty()) {
            if (t.title == "Query") {
                // A fenced block shows the query verbatim; a fence longer than any run of
                // backticks inside keeps it closed.
                std::size_t longest = 0, run = 0;
                for (char c : t.note) {
                    run = c == '`' ? run + 1 : 0;
                    longest = std::max(longest, run);
                }
                const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
                m += fence + "\n" + t.note + "\n" + fence + "\n\n";
            } else {
                m += markdownCell(t.note) + "\n\n";
            }
        }
        if (t.header.empty())
            continue;
        m += "|";
        for (const auto &c : t.header)
            m += " " + markdownCell(c) + " |";
        m += "\n|";
        for (std::size_t c = 0; c < t.header.size(); ++c)
            m += " --- |";
        m += "\n";
        for (const auto &row : t.rows) {
            m += "|";
            for (const auto &c : row)
                m += " " + markdownCell(c) + " |";
            m += "\n";
        }
        m += "\n";
    }
    // A link destination with a space or a bracket goes in <...> (CommonMark), where only
    // '<', '>' and '\' need a backslash.
    auto target = [](const std::string &file) {
        if (file.find_first_of(" ()<>\\") == std::string::npos)
            return file;
        std::string t = "<";
        for (char c : file) {
            if (c == '<' || c == '>' || c == '\\')
                t += '\\';
            t += c;
        }
        return t + ">";
    };
    for (const auto &p : in.pictures)
        if (!p.file.empty())
            m += "## " + markdownCell(p.title) + "\n\n![" + markdownCell(p.title) + "](" + target(p.file) + ")\n\n";
    return m;
}

} // namespace coldscope
