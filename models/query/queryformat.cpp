// SPDX-License-Identifier: MIT
#include "queryformat.h"
#include "jsontext.h"

#include "textparse.h"

#include <algorithm>
#include <cstdio>

namespace coldscope::query {

std::optional<OutputFormat> parseOutputFormat(const std::string &name)
{
    if (name == "table")
        return OutputFormat::Table;
    if (name == "json")
        return OutputFormat::Json;
    if (name == "csv")
        return OutputFormat::Csv;
    if (name == "md" || name == "markdown")
        return OutputFormat::Markdown;
    return std::nullopt;
}

nlohmann::ordered_json cellJson(const Value &v)
{
    switch (v.type) {
    case Value::Type::Null:
        return nullptr;
    case Value::Type::Number:
        if (std::isnan(v.num) || std::isinf(v.num))
            return nullptr;
        if (v.num == std::floor(v.num) && std::fabs(v.num) < 9e15)
            return static_cast<long long>(v.num);
        return v.num;
    case Value::Type::String:
        return v.str;
    case Value::Type::Time:
        return v.toString();
    case Value::Type::Json:
        return nlohmann::ordered_json::parse(jsonText(*v.json));
    }
    return nullptr;
}

nlohmann::ordered_json toJson(const Result &r)
{
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto &row : r.rows) {
        nlohmann::ordered_json o = nlohmann::ordered_json::object();
        for (std::size_t c = 0; c < r.columns.size() && c < row.size(); ++c)
            o[r.columns[c]] = cellJson(row[c]);
        out.push_back(std::move(o));
    }
    return out;
}

namespace {
std::string oneLine(std::string s, std::size_t max)
{
    for (auto &c : s)
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    if (max && s.size() > max) {
        s.resize(max - 3);
        s += "...";
    }
    return s;
}

} // namespace

std::string formatTable(const Result &r)
{
    std::vector<std::vector<std::string>> cells;
    cells.push_back(r.columns);
    for (const auto &row : r.rows) {
        std::vector<std::string> line;
        for (const auto &v : row)
            line.push_back(oneLine(v.toString(), 160));
        cells.push_back(std::move(line));
    }
    std::vector<std::size_t> width(r.columns.size(), 0);
    for (const auto &line : cells)
        for (std::size_t c = 0; c < line.size() && c < width.size(); ++c)
            width[c] = std::max(width[c], utf8Length(line[c]));
    std::string out;
    for (std::size_t l = 0; l < cells.size(); ++l) {
        for (std::size_t c = 0; c < cells[l].size() && c < width.size(); ++c) {
            out += cells[l][c];
            if (c + 1 < cells[l].size())
                out += std::string(width[c] - utf8Length(cells[l][c]) + 2, ' ');
        }
        out += '\n';
        if (l == 0) {
            for (std::size_t c = 0; c < width.size(); ++c) {
                out += std::string(width[c], '-');
                if (c + 1 < width.size())
                    out += "  ";
            }
            out += '\n';
        }
    }
    return out;
}

std::string formatCsv(const Result &r)
{
    auto cell = [](const std::string &s) {
        if (s.find_first_of(",\"\n\r") == std::string::npos)
            return s;
        std::string q = "\"";
        for (char c : s) {
            if (c == '"')
                q += '"';
            q += c;
        }
        return q + "\"";
    };
    std::string out;
    for (std::size_t c = 0; c < r.columns.size(); ++c)
        out += (c ? "," : "") + cell(r.columns[c]);
    out += '\n';
    for (const auto &row : r.rows) {
        for (std::size_t c = 0; c < row.size(); ++c)
            out += (c ? "," : "") + cell(row[c].toString());
        out += '\n';
    }
    return out;
}

std::string formatMarkdown(const Result &r, const ExportContext &ctx)
{
    auto cell = [](std::string s) {
        s = oneLine(std::move(s), 0);
        std::string o;
        for (char c : s) {
            if (c == '|')
                o += '\\';
            o += c;
        }
        return o;
    };
    // The shape of the console's "Export results > Copy as Markdown".
    std::string out = "**CloudWatch Logs Insights**    \n";
    out += "region: " + ctx.region + "    \n";
    out += "log-group-names: " + ctx.logGroups + "    \n";
    out += "start-time: " + (ctx.start.empty() ? std::string("-") : ctx.start) + "    \n";
    out += "end-time: " + (ctx.end.empty() ? std::string("-") : ctx.end) + "    \n";
    // As the console writes it: the fence indented by two spaces, the query's first line
    // too, its later lines as typed (Markdown strips up to the fence's indentation).
    out += "query-string:\n  ```\n  " + ctx.query + "\n  ```\n---\n|";
    for (const auto &c : r.columns)
        out += " " + cell(c) + " |";
    out += "\n|";
    for (std::size_t c = 0; c < r.columns.size(); ++c)
        out += " --- |";
    out += "\n";
    for (const auto &row : r.rows) {
        out += "|";
        for (const auto &v : row)
            out += " " + cell(v.toString()) + " |";
        out += "\n";
    }
    out += "---\n";
    return out;
}

std::string format(const Result &r, OutputFormat f, const ExportContext &ctx)
{
    switch (f) {
    case OutputFormat::Table:
        return formatTable(r);
    case OutputFormat::Json:
        return jsonText(toJson(r), 2) + "\n";
    case OutputFormat::Csv:
        return formatCsv(r);
    case OutputFormat::Markdown:
        return formatMarkdown(r, ctx);
    }
    return {};
}

std::optional<TimeMs> parseTimeArgument(const std::string &s)
{
    if (auto t = parseTimestamp(s); t && t->length == s.size())
        return t->ms;
    if (s.size() == 10 && s[4] == '-' && s[7] == '-') // a date alone: midnight UTC
        if (auto t = parseTimestamp(s + "T00:00:00Z"))
            return t->ms;
    if (auto n = parseInt(s)) {
        // Epoch seconds (10 digits) or milliseconds (13 digits).
        return *n < 100000000000LL ? *n * 1000 : *n;
    }
    return std::nullopt;
}

namespace {
// The console's URL fragment uses JSURL (Sage/jsurl): strings start with ', fields are
// separated by ~, and other characters are escaped per UTF-16 code unit: "*hh" below
// 0x100, "**hhhh" above (so "ö" is *f6, "→" is **2192, an emoji two escapes), "$" as
// "!". Letters, digits, "-", "_" and "." stay; "'" and "(" are escaped too, as the
// console does.
std::string jsurlString(const std::string &s)
{
    static const char *hex = "0123456789abcdef";
    std::string out = "'";
    auto unit = [&](std::uint32_t u) {
        if (u < 0x100) {
            out += '*';
        } else {
            out += "**";
            out += hex[(u >> 12) & 15];
            out += hex[(u >> 8) & 15];
        }
        out += hex[(u >> 4) & 15];
        out += hex[u & 15];
    };
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
            out += char(c);
            ++i;
            continue;
        }
        if (c == '$') {
            out += '!';
            ++i;
            continue;
        }
        // Decode one UTF-8 sequence (invalid bytes stand for themselves, as Latin-1).
        std::uint32_t cp = c;
        std::size_t len = 1;
        if (c >= 0xC0 && c < 0xE0)
            len = 2, cp = c & 0x1F;
        else if (c >= 0xE0 && c < 0xF0)
            len = 3, cp = c & 0x0F;
        else if (c >= 0xF0 && c < 0xF8)
            len = 4, cp = c & 0x07;
        bool valid = len > 1 && i + len <= s.size();
        for (std::size_t k = 1; valid && k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            valid = (cc & 0xC0) == 0x80;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (!valid) {
            cp = c;
            len = 1;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            unit(0xD800 + (cp >> 10));
            unit(0xDC00 + (cp & 0x3FF));
        } else {
            unit(cp);
        }
        i += len;
    }
    return out;
}

} // namespace

std::string cloudWatchConsoleUrl(
    const std::string &region, const std::string &logGroup, const std::string &query, TimeMs start, TimeMs end)
{
    std::string detail = "~(";
    if (start != kNoTime && end != kNoTime) {
        detail += "end~" + jsurlString(formatIsoTimestamp(end)) + "~start~" + jsurlString(formatIsoTimestamp(start))
            + "~timeType~'ABSOLUTE~tz~'UTC";
    } else {
        detail += "end~0~start~-3600~timeType~'RELATIVE~unit~'seconds";
    }
    detail += "~editorString~" + jsurlString(query) + "~source~(~" + jsurlString(logGroup) + "))";
    // In the fragment, '?' and '=' of the inner route are escaped as $3F and $3D.
    return "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
        + "#logsV2:logs-insights$3FqueryDetail$3D" + detail;
}

std::string queryFromConsoleUrl(const std::string &url)
{
    const std::string key = "~editorString~'";
    const std::size_t at = url.find(key);
    if (at == std::string::npos)
        return {};
    std::string out;
    std::uint32_t high = 0; // a UTF-16 high surrogate waiting for its low half
    auto hexValue = [&](std::size_t from, std::size_t n, std::uint32_t &v) {
        if (from + n > url.size())
            return false;
        v = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const char h = url[from + k];
            const int d = h >= '0' && h <= '9' ? h - '0'
                : h >= 'a' && h <= 'f'         ? h - 'a' + 10
                : h >= 'A' && h <= 'F'         ? h - 'A' + 10
                                               : -1;
            if (d < 0)
                return false;
            v = v * 16 + std::uint32_t(d);
        }
        return true;
    };
    auto take = [&](std::uint32_t u) {
        if (u >= 0xD800 && u < 0xDC00) {
            high = u;
            return;
        }
        if (u >= 0xDC00 && u < 0xE000 && high) {
            appendUtf8(0x10000 + ((high - 0xD800) << 10) + (u - 0xDC00), out);
        } else {
            appendUtf8(u, out);
        }
        high = 0;
    };
    for (std::size_t i = at + key.size(); i < url.size(); ++i) {
        const char c = url[i];
        if (c == '~' || c == ')')
            break;
        std::uint32_t v = 0;
        if (c == '*' && i + 1 < url.size() && url[i + 1] == '*' && hexValue(i + 2, 4, v)) {
            take(v);
            i += 5;
        } else if (c == '*' && hexValue(i + 1, 2, v)) {
            take(v);
            i += 2;
        } else if (c == '!') {
            take('$');
        } else {
            take(static_cast<unsigned char>(c));
        }
    }
    return out;
}

} // namespace coldscope::query
