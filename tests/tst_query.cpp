// SPDX-License-Identifier: MIT
// Logs Insights queries: the parser's errors, the semantics, and every Lambda query
// of LOGS-INSIGHTS.md 2.7 on the fixtures, against numbers computed here directly
// from the files (REPORT lines read with a regular expression, JSON with nlohmann).
#include "testutil.h"

#include "functions.h"
#include "loader.h"
#include "queryformat.h"
#include "queryregex.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

using namespace coldscope;
using namespace coldscope::query;

namespace {

std::shared_ptr<const LogData> loadFixture(const QString &rel)
{
    LoadResult r = loadFile(testutil::fixture(rel).toStdString());
    if (!r.data)
        qFatal("%s", r.error.c_str());
    return r.data;
}

std::shared_ptr<const LogData> loadText(const std::string &text)
{
    LoadResult r = loadBytes(text, "test.log");
    if (!r.data)
        qFatal("%s", r.error.c_str());
    return r.data;
}

Result q(const std::shared_ptr<const LogData> &d, const std::string &text, const Options &o = {})
{
    return run(text, { { d, "test.log" } }, o);
}

int columnError(const std::string &text)
{
    try {
        parse(text);
    } catch (const QueryError &e) {
        return e.column;
    }
    return -1;
}

std::string errorText(const std::string &text, const std::shared_ptr<const LogData> &d = nullptr)
{
    try {
        if (d)
            q(d, text);
        else
            parse(text);
    } catch (const QueryError &e) {
        return e.what();
    }
    return {};
}

double num(const Value &v)
{
    return v.toNumber();
}

// Nearest rank, written again here.
double refPct(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const auto rank = std::max<std::size_t>(1, std::size_t(std::ceil(p / 100.0 * double(v.size()))));
    return v[rank - 1];
}

struct RefReport {
    std::string request;
    double duration, billed, init; // init NaN on warm starts
    double memMB, maxMemMB;
    long long time; // ms, when the format has one
    std::string message;
};

// REPORT lines of a text log, read independently of the engine.
std::vector<RefReport> textReports(const QByteArray &text)
{
    static const QRegularExpression re(QStringLiteral("^REPORT RequestId: (\\S+)\\tDuration: ([0-9.]+) ms\\tBilled "
                                                      "Duration: ([0-9.]+) ms\\tMemory Size: ([0-9]+) MB\\tMax "
                                                      "Memory Used: ([0-9]+) MB\\t(?:Init Duration: ([0-9.]+) ms)?"));
    std::vector<RefReport> out;
    for (const QByteArray &raw : text.split('\n')) {
        const auto m = re.match(QString::fromUtf8(raw));
        if (!m.hasMatch())
            continue;
        out.push_back({ m.captured(1).toStdString(), m.captured(2).toDouble(), m.captured(3).toDouble(),
            m.captured(6).isEmpty() ? qQNaN() : m.captured(6).toDouble(), m.captured(4).toDouble(),
            m.captured(5).toDouble(), 0, raw.toStdString() });
    }
    return out;
}

// REPORTs of a filter-log-events file: the event timestamp and the message.
std::vector<RefReport> containerReports(const QByteArray &json)
{
    const auto doc = nlohmann::json::parse(json.toStdString());
    std::vector<RefReport> out;
    for (const auto &e : doc["events"]) {
        auto reps = textReports(QByteArray::fromStdString(e["message"].get<std::string>()));
        for (auto &r : reps) {
            r.time = e["timestamp"].get<long long>();
            out.push_back(r);
        }
    }
    return out;
}

long long binOf(long long ms, long long period)
{
    return ms / period * period;
}

long long parseInsightsTime(const Value &v)
{
    auto t = parseTimeArgument(v.toString());
    return t ? *t : -1;
}

int col(const Result &r, const std::string &name)
{
    for (std::size_t c = 0; c < r.columns.size(); ++c)
        if (r.columns[c] == name)
            return int(c);
    qFatal("no column %s", name.c_str());
    return -1;
}

} // namespace

class TstQuery : public QObject
{
    Q_OBJECT
private slots:
    void syntaxErrorsNameTheColumn()
    {
        QCOMPARE(columnError("stats count( by x"), 14);
        QCOMPARE(columnError("filter @type = "), 16);
        QCOMPARE(columnError("fields a |"), 11); // where the missing command should be
        QCOMPARE(columnError("fields @message | frobnicate x"), 19);
        QCOMPARE(columnError("filter x like"), 14);
        QCOMPARE(columnError("limit 0"), 7);
        QVERIFY(errorText("limit 100001").find("100000") != std::string::npos);
        QVERIFY(errorText("filter a = \"x").find("unterminated") != std::string::npos);
        QVERIFY(errorText("filter @message like /(/").find("regular expression") != std::string::npos);
        QVERIFY(errorText("stats avg(max(@duration))").find("nested") != std::string::npos);
        QVERIFY(errorText("parse @message \"[*] *\" as a").find("2 *") != std::string::npos);
        QVERIFY(errorText("stats count() by bin(5parsecs)").find("unknown time unit") != std::string::npos);
        QCOMPARE(columnError("fields @message\n| filter nope(x)"), 26); // counted from the start, newlines included
        // Cloud-only commands and functions say so, and do not crash.
        for (const char *cloud : { "pattern @message", "diff previousDay", "fields @message | anomaly",
                 "SOURCE logGroups(namePrefix: ['/aws/lambda/x'])", "fields unmask(@message)",
                 "filterIndex IPaddress = \"198.51.100.0\"", "fields @message | lookup t on k" }) {
            const std::string e = errorText(cloud);
            QVERIFY2(e.find("not available offline") != std::string::npos, cloud);
        }
        QVERIFY(errorText("head 10").find("limit") != std::string::npos);
    }

    void everyFunctionOfTheTableParsesAndRunsAtItsArity()
    {
        // The completion list is the table's names, in its order.
        QCOMPARE(functionNames().size(), functions().size());
        for (std::size_t i = 0; i < functions().size(); ++i)
            QCOMPARE(functionNames()[i], std::string(functions()[i].name));
        // One event with a time, so that every scalar reaches its evaluator.
        auto d = loadText("[INFO]\t2024-06-01T00:00:02.000Z\t22222222-2222-2222-2222-222222222222\thello\n");
        for (const Function &f : functions()) {
            const std::string prefix = f.isAggregate() ? "stats " : "fields ";
            const int column = int(prefix.size()) + 1;
            // Scalars get time periods (bin and datefloor need one), aggregates literals (pct needs one).
            auto recase = [&](bool upper) {
                std::string s(f.name);
                for (char &c : s)
                    c = char(upper ? std::toupper(static_cast<unsigned char>(c))
                                   : std::tolower(static_cast<unsigned char>(c)));
                return s;
            };
            auto call = [&](std::size_t n, bool upper) {
                std::string text = prefix + (upper ? recase(true) : std::string(f.name)) + "(";
                for (std::size_t k = 0; k < n; ++k)
                    text += std::string(k ? ", " : "") + (f.isAggregate() ? "1" : "1m");
                return text + ") as x";
            };
            auto runError = [&](const std::string &text) -> std::pair<int, std::string> {
                try {
                    q(d, text);
                } catch (const QueryError &e) {
                    return { e.column, e.what() };
                }
                return { -1, {} };
            };
            const std::string name(f.name);
            // Errors name the call lower-cased, as the parser stores it.
            const std::string said = recase(false) + "() ";
            // Resolved once, in any case, to the entry itself.
            const Query parsed = parse(call(f.minArgs, true));
            const Expr &resolved = *parsed.commands[0].items[0].expr;
            QVERIFY2(resolved.kind == Expr::Kind::Call && resolved.function == &f, name.c_str());
            QCOMPARE(findFunction(name), &f);
            // Runs at its arity; one argument past either end fails at the call.
            QCOMPARE(runError(call(f.minArgs, false)).first, -1);
            QCOMPARE(q(d, call(f.minArgs, false)).rows.size(), std::size_t(1));
            if (f.maxArgs != Function::kAnyCount) {
                QCOMPARE(runError(call(f.maxArgs, false)).first, -1);
                const auto [col, msg] = runError(call(f.maxArgs + 1, false));
                QCOMPARE(col, column);
                QVERIFY2(msg.rfind(said + "takes ", 0) == 0, msg.c_str());
            }
            if (f.minArgs > 0) {
                const auto [col, msg] = runError(call(f.minArgs - 1, false));
                QCOMPARE(col, column);
                QVERIFY2(msg.rfind(said, 0) == 0, msg.c_str());
            }
        }
        QCOMPARE(errorText("fields abs(1, 2)", d), std::string("abs() takes 1 argument(s), found 2"));
        QCOMPARE(errorText("fields greatest()", d), std::string("greatest() needs at least one argument"));
        QCOMPARE(errorText("stats sum()", d), std::string("sum() needs a field"));
        // Unknown names fail at parse time, at their column, as written.
        const std::string unknown = "fields @message | stats count(*) by FrobNicate(@message)";
        QCOMPARE(columnError(unknown), int(unknown.find("FrobNicate")) + 1);
        QCOMPARE(errorText(unknown), std::string("unknown function 'FrobNicate'"));
        QVERIFY(!findFunction("frobnicate"));
        // An aggregate outside stats is no function there.
        QCOMPARE(errorText("filter count(*) > 1", d), std::string("unknown function 'count'"));
        QCOMPARE(errorText("fields avg(@duration) as a", d), std::string("unknown function 'avg'"));
    }

    void parsesTheDocumentedShapes()
    {
        // Comments, back-quoted names, ==, not like, in, (?i), sort by, as, dotted JSON paths.
        const Query query
            = parse("# a comment line\nfields `foo-bar`, record.metrics.durationMs as d\n"
                    "| filter LogLevel == \"ERR\" and @message not like /(?i)init/ and level in [\"a\", 'b']\n"
                    "# | filter @message like /delay/\n| sort by d desc | limit 5");
        QCOMPARE(query.commands.size(), std::size_t(4));
        QCOMPARE(query.commands[0].items[0].expr->name, std::string("foo-bar"));
        QCOMPARE(query.commands[0].items[1].alias, std::string("d"));
        QCOMPARE(query.commands[0].items[1].columnName(), std::string("d"));
        QCOMPARE(query.commands[3].limit, 5);
        // Unaliased columns are named by their text, as in the console.
        const Query s = parse("stats avg(@duration), count(*), pct(@duration, 99) by bin(5m)");
        QCOMPARE(s.commands[0].items[0].columnName(), std::string("avg(@duration)"));
        QCOMPARE(s.commands[0].items[1].columnName(), std::string("count(*)"));
        QCOMPARE(s.commands[0].by[0].columnName(), std::string("bin(5m)"));
        // Two stats in a row.
        QCOMPARE(
            parse("stats count(*) as n by @logStream | stats avg(n) as perStream").commands.size(), std::size_t(2));
    }

    void regexLimitsStopRunaways()
    {
        auto re = Regex::compile("(a+)+$", 1);
        const std::string evil(5000, 'a');
        QVERIFY_THROWS_EXCEPTION(QueryError, re->search(evil + "b"));
        auto d = loadText("START RequestId: 00000000-0000-0000-0000-000000000001 Version: $LATEST\n"
            + std::string("import time: ") + std::string(4000, 'a') + "!\n");
        const std::string e = errorText("filter @message like /(a+)+$/", d);
        QVERIFY(e.find("match limit") != std::string::npos);
        QVERIFY(Regex::compile("Task timed out", 1)->literal().has_value());
    }

    void semantics()
    {
        // A small text log, with times, levels and JSON app records.
        const std::string log
            = "2024-06-01T00:00:01.000Z 11111111-1111-1111-1111-111111111111 Task timed out after 3.00 seconds\n"
              "[INFO]\t2024-06-01T00:00:02.000Z\t22222222-2222-2222-2222-222222222222\tuser=alice action=login\n"
              "[ERROR]\t2024-06-01T00:00:03.000Z\t22222222-2222-2222-2222-222222222222\tuser=bob action=logout\n"
              "{\"timestamp\": \"2024-06-01T00:00:04Z\", \"level\": \"INFO\", \"message\": \"x\", \"n\": 4, \"tags\": "
              "[\"a\", \"b\"], \"@odd\": 1, \"ip\": \"10.0.1.7\"}\n"
              "{\"timestamp\": \"2024-06-01T00:00:05Z\", \"level\": \"INFO\", \"message\": \"y\", \"n\": 10, \"tags\": "
              "[\"c\"], \"ip\": \"2001:db8::1\"}\n";
        auto d = loadText(log);
        // Default order: @timestamp descending; default columns @timestamp, @message.
        Result r = q(d, "filter ispresent(@message)");
        QCOMPARE(r.columns, (std::vector<std::string> { "@timestamp", "@message" }));
        QCOMPARE(r.rows.size(), std::size_t(5));
        QCOMPARE(r.rows[0][0].toString(), std::string("2024-06-01 00:00:05.000"));
        QCOMPARE(r.rows[4][0].toString(), std::string("2024-06-01 00:00:01.000"));
        // limit takes the newest.
        r = q(d, "fields @timestamp | limit 2");
        QCOMPARE(r.rows.size(), std::size_t(2));
        QCOMPARE(r.rows[1][0].toString(), std::string("2024-06-01 00:00:04.000"));
        // JSON fields by dotted path with array indexes; missing fields are null.
        r = q(d, "filter ispresent(n) | fields n, tags.1 as second, tags.0, nothing | sort n asc");
        QCOMPARE(r.rows.size(), std::size_t(2));
        QCOMPARE(num(r.rows[0][0]), 4.0);
        QCOMPARE(r.rows[0][1].toString(), std::string("b"));
        QVERIFY(r.rows[1][1].isNull());
        QCOMPARE(r.rows[1][2].toString(), std::string("c"));
        QVERIFY(r.rows[0][3].isNull());
        // A JSON key beginning with @ is addressed with an extra @.
        r = q(d, "filter ispresent(`@@odd`) | fields `@@odd`");
        QCOMPARE(r.rows.size(), std::size_t(1));
        // Missing values drop out of aggregates; count(*) counts rows.
        r = q(d,
            "stats count(*) as all, count(n) as withN, sum(n), avg(n), min(n), max(n), stddev(n), "
            "count_distinct(level)");
        QCOMPARE(num(r.rows[0][0]), 5.0);
        QCOMPARE(num(r.rows[0][1]), 2.0);
        QCOMPARE(num(r.rows[0][2]), 14.0);
        QCOMPARE(num(r.rows[0][3]), 7.0);
        QCOMPARE(num(r.rows[0][4]), 4.0);
        QCOMPARE(num(r.rows[0][5]), 10.0);
        QCOMPARE(num(r.rows[0][6]), std::sqrt(18.0)); // sample standard deviation
        QCOMPARE(num(r.rows[0][7]), 1.0);
        // parse: glob (found inside the field; the last * greedy) and regex with named groups.
        r = q(d,
            "filter @message like \"user=\" | parse @message \"user=* action=*\" as user, action | fields user, action "
            "| sort user asc");
        QCOMPARE(r.rows.size(), std::size_t(2));
        QCOMPARE(r.rows[0][0].toString(), std::string("alice"));
        QCOMPARE(r.rows[0][1].toString(), std::string("login"));
        r = q(d, "parse @message /user=(?<who>\\w+)/ | filter ispresent(who) | stats count(*) by who | sort who desc");
        QCOMPARE(r.rows.size(), std::size_t(2));
        QCOMPARE(r.rows[0][0].toString(), std::string("bob"));
        // An event that does not match keeps its row, without the fields.
        r = q(d, "parse @message /user=(?<who>\\w+)/ | stats count(*) as n, count(who) as parsed");
        QCOMPARE(num(r.rows[0][0]), 5.0);
        QCOMPARE(num(r.rows[0][1]), 2.0);
        // multi: one row per match.
        r = q(d, "filter @message like \"user=\" | parse @message /(?<kv>\\w+=\\w+)/ multi | stats count(*)");
        QCOMPARE(num(r.rows[0][0]), 4.0);
        // like, =~, (?i), in, not like, arithmetic, string and numeric functions.
        QCOMPARE(q(d, "filter @message like /(?i)TASK TIMED/").rows.size(), std::size_t(1));
        QCOMPARE(q(d, "filter @message =~ /action=log(in|out)/").rows.size(), std::size_t(2));
        QCOMPARE(q(d, "filter @message not like \"user=\"").rows.size(), std::size_t(3));
        QCOMPARE(q(d, "filter message in [\"x\", \"z\"]").rows.size(), std::size_t(1));
        QCOMPARE(q(d, "filter message not in [\"x\"]").rows.size(), std::size_t(1));
        r = q(d,
            "filter n = 10 | fields n * 2 + 1 as a, n % 3 as b, 2 ^ 3 as c, abs(-n) as dd, ceil(1.2) as e, floor(1.8) "
            "as f,"
            " greatest(n, 20, 3) as g, least(n, 20, 3) as h, sqrt(16) as i, concat(\"a\", message, \"z\") as j,"
            " toupper(message) as k, strlen(\"héllo\") as l, substr(\"abcdef\", 2, 3) as m, replace(\"a-b-c\", \"-\", "
            "\"+\") as o,"
            " trim(\"  x  \") as p, ltrim(\"xxab\", \"x\") as q2, strcontains(message, \"y\") as s, isempty(nothing) "
            "as t,"
            " isblank(\"   \") as u, coalesce(nothing, n) as v, jsonStringify(tags) as w, isValidIpV6(ip) as x,"
            " isIpInSubnet(ip, \"2001:db8::/32\") as y, isValidIpV4(ip) as z");
        QCOMPARE(r.rows.size(), std::size_t(1));
        const auto &row = r.rows[0];
        const std::vector<std::string> want { "21", "1", "8", "10", "2", "1", "20", "3", "4", "ayz", "Y", "5", "cde",
            "a+b+c", "x", "ab", "1", "1", "1", "10", "[\"c\"]", "1", "1", "0" };
        for (std::size_t c = 0; c < want.size(); ++c)
            QCOMPARE(row[c].toString(), want[c]);
        QCOMPARE(q(d, "filter isIpv4InSubnet(ip, \"10.0.0.0/16\")").rows.size(), std::size_t(1));
        // Datetime: bin, datefloor, dateceil, toMillis, fromMillis.
        r = q(d,
            "filter n = 4 | fields toMillis(@timestamp) as ms, fromMillis(1717200000000) as t, datefloor(@timestamp, "
            "1m) as f,"
            " dateceil(@timestamp, 1m) as c, bin(1s) as b");
        QCOMPARE(num(r.rows[0][0]), 1717200004000.0);
        QCOMPARE(r.rows[0][1].toString(), std::string("2024-06-01 00:00:00.000"));
        QCOMPARE(r.rows[0][2].toString(), std::string("2024-06-01 00:00:00.000"));
        QCOMPARE(r.rows[0][3].toString(), std::string("2024-06-01 00:01:00.000"));
        QCOMPARE(r.rows[0][4].toString(), std::string("2024-06-01 00:00:04.000"));
        // Calendar periods floor to the month, the quarter and the year (UTC).
        r = q(d,
            "filter n = 4 | fields datefloor(@timestamp, 1mo) as m, datefloor(@timestamp, 1q) as q,"
            " datefloor(@timestamp, 1y) as y");
        QCOMPARE(r.rows[0][0].toString(), std::string("2024-06-01 00:00:00.000"));
        QCOMPARE(r.rows[0][1].toString(), std::string("2024-04-01 00:00:00.000"));
        QCOMPARE(r.rows[0][2].toString(), std::string("2024-01-01 00:00:00.000"));
        QVERIFY(errorText("stats count(*) by bin(300s)", d).find("bin(5m)") != std::string::npos);
        // jsonParse + unnest: one row per list element.
        r = q(d,
            "filter ispresent(tags) | fields jsonParse(jsonStringify(tags)) as t | unnest t into tag | display tag | "
            "sort tag asc");
        QCOMPARE(r.rows.size(), std::size_t(3));
        QCOMPARE(r.rows[2][0].toString(), std::string("c"));
        QCOMPARE(r.columns, std::vector<std::string> { "tag" });
        // dedup keeps the first per key in the current (default: newest first) order.
        r = q(d, "filter ispresent(@requestId) | dedup @requestId");
        QCOMPARE(r.rows.size(), std::size_t(2));
        QCOMPARE(r.rows[0][0].toString(), std::string("2024-06-01 00:00:03.000"));
        QVERIFY(errorText("dedup @requestId | sort @timestamp").find("only limit") != std::string::npos);
        // earliest/latest/sortsFirst/sortsLast.
        r = q(d,
            "filter ispresent(n) | stats earliest(message) as e, latest(message) as l, sortsFirst(n) as f, "
            "sortsLast(n) as s");
        QCOMPARE(r.rows[0][0].toString(), std::string("x"));
        QCOMPARE(r.rows[0][1].toString(), std::string("y"));
        QCOMPARE(num(r.rows[0][2]), 4.0);
        QCOMPARE(num(r.rows[0][3]), 10.0);
        // Two stats in a row; post-aggregation arithmetic between aliases; filter after stats.
        r = q(d, "stats count(*) as n by @requestId | stats sum(n) as total, max(n) as most, total - most as rest");
        QCOMPARE(num(r.rows[0][0]), 5.0);
        QCOMPARE(num(r.rows[0][1]), 2.0);
        QCOMPARE(num(r.rows[0][2]), 3.0);
        r = q(d, "stats count(*) as n by level | filter n > 2"); // groups: 3 without level, 2 INFO
        QCOMPARE(r.rows.size(), std::size_t(1));
        // display: only the last one counts.
        r = q(d, "fields @timestamp, @message, n | display n | display @message");
        QCOMPARE(r.columns, std::vector<std::string> { "@message" });
        // A timestamp compared with a string reads the string as a time.
        QCOMPARE(q(d, "filter @timestamp >= \"2024-06-01 00:00:04\"").rows.size(), std::size_t(2));
        QCOMPARE(q(d, "filter @timestamp = \"2024-06-01T00:00:02.000Z\"").rows.size(), std::size_t(1));
        // Time range options.
        Options o;
        o.start = 1717200002000;
        o.end = 1717200003000;
        QCOMPARE(q(d, "fields @timestamp", o).rows.size(), std::size_t(2));
        // Natural sort: numbers inside strings compare as numbers.
        auto e
            = loadText("[INFO]\t2024-06-01T00:00:01.000Z\t33333333-3333-3333-3333-333333333333\t{\"k\": \"item10\"}\n"
                       "[INFO]\t2024-06-01T00:00:02.000Z\t33333333-3333-3333-3333-333333333333\t{\"k\": \"item9\"}\n");
        r = q(e, "fields k | sort k asc");
        QCOMPARE(r.rows[0][0].toString(), std::string("item9"));
    }

    void memoryFieldsAreBytesAndJsonFillsTheDurationFields()
    {
        auto d = loadFixture(QStringLiteral("lambda/generated/json-200-seed1.log"));
        // @type and the @duration family come from platform.report in JSON logs too.
        Result r
            = q(d, "filter @type = \"REPORT\" | stats count(*) as n, max(@memorySize) as mem, avg(@duration) as a");
        const auto truth = nlohmann::json::parse(
            testutil::readAll(testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.truth.json")))
                .toStdString());
        QCOMPARE(num(r.rows[0][0]), truth["invocations"].get<double>());
        QCOMPARE(num(r.rows[0][1]), 512e6);
        // JSON fields by path still work on the raw records.
        r = q(d, "filter type = \"platform.report\" | stats avg(record.metrics.durationMs) as a");
        QCOMPARE(q(d, "filter @type = \"REPORT\" | stats avg(@duration) as a").rows[0][0].toNumber(),
            r.rows[0][0].toNumber());
    }

    // Every query users paste first (LOGS-INSIGHTS.md 2.7), against the files.
    // A sort followed only by a limit (or the default one) keeps the best rows in a heap
    // instead of sorting every row: the rows, their order (ties in event order) and the
    // histogram are those of the full sort.
    void sortThenLimitKeepsTheFullSortsRows()
    {
        auto d = loadFixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log"));
        QVERIFY(d->events.size() > 2000);
        const char *sorts[] = { "sort @message desc", "sort @duration desc, @message asc", "sort @logStream",
            "parse @message /(?<a>.)/ | sort a desc" }; // many ties: order decides
        for (const char *sort : sorts) {
            const std::string full = std::string("fields @timestamp, @message | ") + sort + " | limit 100000";
            const Result all = q(d, full);
            QVERIFY(all.rows.size() > 2000);
            // Small, middling, and all rows but one (the candidates' buffer never fills).
            for (const int keep : { 1, 37, 1000, int(all.rows.size()) - 1 }) {
                const Result top = q(d,
                    std::string("fields @timestamp, @message | ") + sort + " | limit " + std::to_string(keep)
                        + " | display @timestamp, @message");
                QCOMPARE(top.rows.size(), std::size_t(keep));
                for (std::size_t k = 0; k < top.rows.size(); ++k)
                    QCOMPARE(top.origins[k].event, all.origins[k].event);
            }
            // The default limit (10,000) on fewer rows sorts them all; and on a copy of the
            // rows cut to fewer than there are, the histogram still counts every match.
            const Result byDefault = q(d, std::string("fields @timestamp, @message | ") + sort);
            QCOMPARE(byDefault.rows.size(), all.rows.size());
            QCOMPARE(byDefault.recordsMatched, all.recordsMatched);
            QCOMPARE(byDefault.histogram, all.histogram);
        }
    }

    // Strings compare in natural order (digit runs by value). The comparison skips the
    // common prefix first: it must order every pair as the plain walk from the start
    // does, digits in and around the prefix included.
    void naturalOrderSkipsTheCommonPrefixFaithfully()
    {
        const auto reference = [](const std::string &a, const std::string &b) {
            std::size_t i = 0, j = 0;
            const auto digit = [](char c) { return c >= '0' && c <= '9'; };
            while (i < a.size() && j < b.size()) {
                if (digit(a[i]) && digit(b[j])) {
                    std::size_t ie = i, je = j;
                    while (ie < a.size() && digit(a[ie]))
                        ++ie;
                    while (je < b.size() && digit(b[je]))
                        ++je;
                    std::size_t ia = i, jb = j;
                    while (ia + 1 < ie && a[ia] == '0')
                        ++ia;
                    while (jb + 1 < je && b[jb] == '0')
                        ++jb;
                    if (ie - ia != je - jb)
                        return ie - ia < je - jb ? -1 : 1;
                    const int c = a.compare(ia, ie - ia, b, jb, je - jb);
                    if (c != 0)
                        return c < 0 ? -1 : 1;
                    i = ie;
                    j = je;
                    continue;
                }
                if (a[i] != b[j])
                    return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
                ++i;
                ++j;
            }
            if (i == a.size() && j == b.size())
                return 0;
            return i == a.size() ? -1 : 1;
        };
        std::uint64_t seed = 3;
        const auto next = [&] {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            return seed;
        };
        const std::string alphabet = "0019a: ";
        const auto word = [&] {
            std::string w;
            for (std::size_t n = next() % 9; n > 0; --n)
                w += alphabet[next() % alphabet.size()];
            return w;
        };
        for (int t = 0; t < 200000; ++t) {
            const std::string prefix = word();
            const std::string a = prefix + word(), b = (t % 3 ? prefix : std::string()) + word();
            const int got = compareValues(Value::string(a), Value::string(b));
            QVERIFY2(got == reference(a, b), (a + " | " + b).c_str());
            QCOMPARE(compareValues(Value::string(a), Value::string(a)), 0);
        }
    }

    // A parse right before a sort that keeps only its best rows is run inside the sort,
    // keeping the fields of the kept rows only: the same table (every value), the same
    // histogram and counts as parsing every row first (a command in between turns the
    // shortcut off), for regex and glob parses, a field computed before the parse, rows
    // the pattern does not match, the default limit and explicit ones.
    void parseIntoATopSortGivesTheSameTable()
    {
        std::string log;
        std::uint64_t seed = 11;
        const auto next = [&] {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            return seed;
        };
        for (int i = 0; i < 30000; ++i) {
            char ts[32];
            std::snprintf(ts, sizeof ts, "2024-06-01T%02d:%02d:%02d.%03dZ", (i / 3600000) % 24, (i / 60000) % 60,
                (i / 1000) % 60, i % 1000);
            const std::string msg = i % 9 == 4
                ? "heartbeat"
                : "order id=" + std::to_string(next() % 5000) + " user=u" + std::to_string(next() % 40);
            log += std::string("{\"timestamp\": \"") + ts + "\", \"level\": \"INFO\", \"message\": \"" + msg + "\"}\n";
        }
        auto d = std::shared_ptr<const LogData>(loadBytes(std::move(log), "orders.log").data);
        QVERIFY(d && d->events.size() == 30000);
        const struct {
            const char *parse, *sort, *tail, *shown;
        } cases[] = {
            { "parse @message /id=(?<id>\\d+) user=(?<user>\\w+)/", "sort id desc", " | limit 50",
                "@timestamp, id, user" },
            { "parse @message /id=(?<id>\\d+) user=(?<user>\\w+)/", "sort user, id", "", "@timestamp, id, user" },
            { "parse @message 'order id=* user=*' as oid, who", "sort who desc, oid", " | limit 20 | limit 7",
                "@timestamp, oid, who" },
            { "fields strlen(@message) as n | parse @message /user=(?<user>.*)/", "sort user", " | limit 300",
                "n, user, @message" },
        };
        for (const auto &c : cases) {
            const std::string fused = std::string(c.parse) + " | " + c.sort + c.tail + " | display " + c.shown;
            const std::string plain = std::string(c.parse) + " | fields @timestamp, @message | " + c.sort + c.tail
                + " | display " + c.shown;
            const Result a = q(d, fused), b = q(d, plain);
            QVERIFY2(!a.rows.empty(), c.sort);
            QCOMPARE(a.rows.size(), b.rows.size());
            QCOMPARE(a.columns, b.columns);
            QCOMPARE(a.recordsMatched, b.recordsMatched);
            QCOMPARE(a.histogram, b.histogram);
            for (std::size_t k = 0; k < a.rows.size(); ++k) {
                QCOMPARE(a.origins[k].event, b.origins[k].event);
                for (std::size_t col = 0; col < a.rows[k].size(); ++col) {
                    QCOMPARE(a.rows[k][col].isNull(), b.rows[k][col].isNull());
                    QCOMPARE(a.rows[k][col].toString(), b.rows[k][col].toString());
                }
            }
        }
        // Rows the pattern does not match sort last, without the fields.
        const Result r = q(d, "parse @message /id=(?<id>\\d+)/ | sort id desc | limit 29000 | display id");
        QCOMPARE(r.rows.size(), std::size_t(29000));
        QVERIFY(!r.rows.front()[0].isNull());
        QVERIFY(r.rows.back()[0].isNull());
    }

    // A filter over hundreds of thousands of rows whose test reads each message's JSON
    // runs on every core: the same rows, in the same order, as on one (a regex in the
    // filter keeps it on one thread).
    void jsonFieldFilterOnEveryCore()
    {
        std::string log;
        const char *levels[] = { "INFO", "DEBUG", "WARNING", "INFO", "ERROR", "INFO", "WARNING" };
        std::size_t warnings = 0;
        for (int i = 0; i < 200000; ++i) {
            const char *level = levels[i % 7];
            warnings += std::string_view(level) == "WARNING";
            char ts[32];
            std::snprintf(ts, sizeof ts, "2024-06-01T%02d:%02d:%02d.%03dZ", (i / 3600000) % 24, (i / 60000) % 60,
                (i / 1000) % 60, i % 1000);
            log += std::string("{\"timestamp\": \"") + ts + "\", \"level\": \"" + level + "\", \"message\": \"m"
                + std::to_string(i) + "\", \"requestId\": \"r" + std::to_string(i % 13) + "\"}\n";
        }
        auto d = std::shared_ptr<const LogData>(loadBytes(std::move(log), "levels.log").data);
        QVERIFY(d && d->events.size() == 200000);
        const Result parallel = q(d, "filter level = \"WARNING\" | limit 10000");
        const Result single = q(d, "filter level = \"WARNING\" and @message like /^/ | limit 10000");
        QCOMPARE(parallel.recordsMatched, std::uint64_t(10000));
        QCOMPARE(parallel.rows.size(), single.rows.size());
        for (std::size_t k = 0; k < parallel.rows.size(); ++k)
            QCOMPARE(parallel.origins[k].event, single.origins[k].event);
        const Result counted = q(d, "filter level = \"WARNING\" | stats count(*) as n");
        QCOMPARE(num(counted.rows.at(0).at(0)), double(warnings));
        Options cancelled;
        std::atomic<bool> stop { true };
        cancelled.cancel = &stop;
        QVERIFY_THROWS_EXCEPTION(QueryError, q(d, "filter level = \"WARNING\"", cancelled));
    }

    void platformRecordFieldsMatchTheirJson()
    {
        // The ingest marks platform.* records whose top-level keys are only time, type and
        // record; a query then answers "absent" for any other top-level field of them
        // without reading the text. Records that carry another key (first, last, escaped,
        // nested) must still answer from their text: every answer is nlohmann's.
        const QByteArray raw
            = testutil::readAll(testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        std::string log;
        int variants = 0;
        for (const QByteArray &line : raw.split('\n')) {
            const std::string l = line.toStdString();
            if (l.empty())
                continue;
            log += l + "\n";
            if (l.find("\"type\":\"platform.") == std::string::npos || l.front() != '{' || l.back() != '}')
                continue;
            const std::string tag = std::to_string(variants++);
            log += "{\"level\":\"L" + tag + "\"," + l.substr(1) + "\n";
            log += l.substr(0, l.size() - 1) + ",\"level\":\"R" + tag + "\"}\n";
            log += "{\"lev\\u0065l\":\"E" + tag + "\"," + l.substr(1) + "\n";
            log += "{\"level\":{\"nested\":\"N" + tag + "\"}," + l.substr(1) + "\n";
        }
        QVERIFY(variants > 100);
        auto d = loadText(log);
        std::size_t marked = 0, unmarked = 0;
        for (std::size_t i = 0; i < d->events.size(); ++i)
            if (isPlatformKind(d->events.kind[i]))
                ++((d->events.flags[i] & EventFlag::PlatformKeysOnly) ? marked : unmarked);
        QCOMPARE(marked, std::size_t(variants));
        QCOMPARE(unmarked, std::size_t(variants) * 4);
        const char *paths[] = { "level", "level.nested", "type", "record.requestId", "time" };
        const Result r = q(d, "fields level, level.nested, type, record.requestId, time | limit 10000");
        QCOMPARE(r.rows.size(), d->events.size());
        for (std::size_t k = 0; k < r.rows.size(); ++k) {
            const std::string_view msg = d->message(std::size_t(r.origins[k].event));
            const auto j = nlohmann::json::parse(msg.substr(std::min(msg.find('{'), msg.size())), nullptr, false);
            for (std::size_t c = 0; c < std::size(paths); ++c) {
                const nlohmann::json *node = j.is_object() ? &j : nullptr;
                for (std::string_view rest = paths[c]; node && !rest.empty();) {
                    const std::string part(rest.substr(0, rest.find('.')));
                    rest.remove_prefix(std::min(rest.size(), part.size() + 1));
                    node = node->is_object() && node->contains(part) ? &(*node)[part] : nullptr;
                }
                const Value &v = r.rows[k][c];
                const std::string where = std::string(msg) + " " + paths[c];
                if (!node || node->is_null())
                    QVERIFY2(v.isNull(), where.c_str());
                else if (node->is_string())
                    QVERIFY2(v.type == Value::Type::String && v.str == node->get<std::string>(), where.c_str());
                else
                    QVERIFY2(v.type == Value::Type::Json && v.json && *v.json == *node, where.c_str());
            }
        }
    }

    void lambdaQueriesOnTextLog()
    {
        const QString rel = QStringLiteral("lambda/generated/text-importtime-6000-seed2.log");
        auto d = loadFixture(rel);
        const QByteArray raw = testutil::readAll(testutil::fixture(rel));
        const auto reps = textReports(raw);
        QCOMPARE(reps.size(), std::size_t(134));
        std::vector<double> billed, mem, memRatio;
        std::size_t cold = 0;
        for (const auto &r : reps) {
            billed.push_back(r.billed);
            mem.push_back(r.maxMemMB * 1e6 / 1024 / 1024);
            memRatio.push_back(r.maxMemMB * 100 / r.memMB);
            cold += !std::isnan(r.init);
        }
        // total invocations vs cold starts
        Result r = q(d,
            "filter @type = \"REPORT\" |\nstats count() as TotalInvocations, count(@initDuration) as TotalColdStarts");
        QCOMPARE(num(r.rows[0][0]), double(reps.size()));
        QCOMPARE(num(r.rows[0][1]), double(cold));
        // top 100 highest billed
        r = q(d,
            "filter @type = \"REPORT\"\n| fields @requestId, @billedDuration\n| sort by @billedDuration desc\n| limit "
            "100");
        QCOMPARE(r.rows.size(), std::size_t(100));
        QCOMPARE(r.columns, (std::vector<std::string> { "@requestId", "@billedDuration" }));
        std::vector<double> sorted = billed;
        std::sort(sorted.rbegin(), sorted.rend());
        for (std::size_t i = 0; i < 100; ++i)
            QCOMPARE(num(r.rows[i][1]), sorted[i]);
        // memory percentiles (bytes / 1024 / 1024)
        r = q(d,
            "filter @type=\"REPORT\"\n| stats avg(@maxMemoryUsed/1024/1024) as mean_MemoryUsed,\n    "
            "min(@maxMemoryUsed/1024/1024) as min_MemoryUsed,\n"
            "    max(@maxMemoryUsed/1024/1024) as max_MemoryUsed,\n    percentile(@maxMemoryUsed/1024/1024, 95) as "
            "Percentile95");
        QVERIFY(std::abs(num(r.rows[0][0]) - std::accumulate(mem.begin(), mem.end(), 0.0) / double(mem.size())) < 1e-9);
        QCOMPARE(num(r.rows[0][1]), *std::min_element(mem.begin(), mem.end()));
        QCOMPARE(num(r.rows[0][2]), *std::max_element(mem.begin(), mem.end()));
        QCOMPARE(num(r.rows[0][3]), refPct(mem, 95));
        // over-provisioned memory, with post-aggregation arithmetic
        r = q(d,
            "filter @type = \"REPORT\"\n| stats max(@memorySize / 1000 / 1000) as provisonedMemoryMB,\n  "
            "min(@maxMemoryUsed / 1000 / 1024) as smallestMemoryRequestMB,\n"
            "  avg(@maxMemoryUsed / 1024 / 1024) as avgMemoryUsedMB,\n  max(@maxMemoryUsed / 1024 / 1024) as "
            "maxMemoryUsedMB,\n  provisonedMemoryMB - maxMemoryUsedMB as overProvisionedMB");
        QCOMPARE(num(r.rows[0][0]), 512.0);
        QCOMPARE(num(r.rows[0][4]), 512.0 - *std::max_element(mem.begin(), mem.end()));
        double smallest = 1e18;
        for (const auto &x : reps)
            smallest = std::min(smallest, x.maxMemMB * 1e6 / 1000 / 1024);
        QCOMPARE(num(r.rows[0][1]), smallest);
        // utilization (agent toolkit)
        r = q(d, "filter @type = \"REPORT\" | stats avg(@maxMemoryUsed * 100 / @memorySize) as utilization_pct");
        QVERIFY(std::abs(num(r.rows[0][0])
                    - std::accumulate(memRatio.begin(), memRatio.end(), 0.0) / double(memRatio.size()))
            < 1e-9);
        // invocations at 100% memory: none in this file
        r = q(d,
            "filter @type = \"REPORT\" and @maxMemoryUsed=@memorySize\n| stats\n    count_distinct(@requestId)\n    by "
            "bin(30m)");
        QCOMPARE(r.rows.size(), std::size_t(0));
        // timed out, exited
        const auto timedOut = std::size_t(raw.count("Task timed out"));
        r = q(d, "filter @message like /Task timed out/\n| stats count() by bin(30m)");
        double total = 0;
        for (const auto &row : r.rows)
            total += num(row[1]);
        QCOMPARE(total, double(timedOut));
        QCOMPARE(
            q(d, "filter @message like /Process exited/\n| stats count() by bin(30m)").rows.size(), std::size_t(0));
        // warm starts: no Init Duration in the message
        r = q(d,
            "filter @type = \"REPORT\" and @message not like /(?i)(Init Duration)/\n| stats\n  avg(@duration) as "
            "Average,\n"
            "  pct(@duration, 99) as NinetyNinth,\n  pct(@duration, 95) as NinetyFifth,\n  pct(@duration, 90) as "
            "Ninetieth\nby bin(1m)");
        double warmRows = 0;
        Result countWarm
            = q(d, "filter @type = \"REPORT\" and @message not like /(?i)(Init Duration)/ | stats count(*)");
        warmRows = num(countWarm.rows[0][0]);
        QCOMPARE(warmRows, double(reps.size() - cold));
        QVERIFY(!r.rows.empty());
        // cold start percentage: over all rows, sum(ispresent)/count equals cold/total
        r = q(d,
            "filter @type = \"REPORT\"\n| stats sum(ispresent(@initDuration))/count() * 100 as\n  coldStartPct, "
            "avg(@duration)");
        QCOMPARE(num(r.rows[0][0]), 100.0 * double(cold) / double(reps.size()));
        r = q(d,
            "filter @type = \"REPORT\" | stats sum(strcontains(@message, \"Init Duration\"))/count(*) * 100 as "
            "coldStartPct, avg(@duration)");
        QCOMPARE(num(r.rows[0][0]), 100.0 * double(cold) / double(reps.size()));
        // the last-100-errors snippet expects app fields this log does not have: runs, returns nothing
        QCOMPARE(q(d,
                     " fields Timestamp, LogLevel, Message\n | filter LogLevel == \"ERR\"\n | sort @timestamp desc\n | "
                     "limit 100")
                     .rows.size(),
            std::size_t(0));
    }

    void lambdaQueriesByBinOnTimestampedEvents()
    {
        const QString rel = QStringLiteral("lambda/generated/filter-log-events-200-seed1.json");
        auto d = loadFixture(rel);
        const auto reps = containerReports(testutil::readAll(testutil::fixture(rel)));
        QCOMPARE(reps.size(), std::size_t(39));
        // Per 5-minute bin: count, cold starts, average duration.
        std::map<long long, std::vector<const RefReport *>> bins;
        for (const auto &r : reps)
            bins[binOf(r.time, 300000)].push_back(&r);
        Result r = q(d,
            "filter @type = \"REPORT\"\n| stats sum(ispresent(@initDuration))/count() * 100 as\n  coldStartPct, "
            "avg(@duration)\n  by bin(5m)");
        QCOMPARE(r.rows.size(), bins.size());
        QCOMPARE(r.columns, (std::vector<std::string> { "bin(5m)", "coldStartPct", "avg(@duration)" }));
        for (const auto &row : r.rows) {
            const auto &items = bins.at(parseInsightsTime(row[0]));
            double sum = 0, coldN = 0;
            for (const auto *x : items) {
                sum += x->duration;
                coldN += !std::isnan(x->init);
            }
            QCOMPARE(num(row[1]), coldN / double(items.size()) * 100);
            QVERIFY(std::abs(num(row[2]) - sum / double(items.size())) < 1e-9);
        }
        // Bins come newest first.
        for (std::size_t i = 1; i < r.rows.size(); ++i)
            QVERIFY(parseInsightsTime(r.rows[i - 1][0]) > parseInsightsTime(r.rows[i][0]));
        // cold starts count and duration by bin
        r = q(d,
            "filter @type=\"REPORT\" and ispresent(@initDuration)\n| stats count() as coldStarts, avg(@initDuration), "
            "min(@initDuration), max(@initDuration) by bin(5m)");
        double coldTotal = 0;
        for (const auto &row : r.rows) {
            coldTotal += num(row[col(r, "coldStarts")]);
            std::vector<double> inits;
            for (const auto *x : bins.at(parseInsightsTime(row[0])))
                if (!std::isnan(x->init))
                    inits.push_back(x->init);
            QCOMPARE(num(row[col(r, "min(@initDuration)")]), *std::min_element(inits.begin(), inits.end()));
            QCOMPARE(num(row[col(r, "max(@initDuration)")]), *std::max_element(inits.begin(), inits.end()));
        }
        QCOMPARE(coldTotal, 5.0);
        // billed-duration percentiles by 30 minutes, nearest rank
        r = q(d,
            "filter @type = \"REPORT\"\n| stats\n    avg(@billedDuration) as Average,\n    percentile(@billedDuration, "
            "99) as NinetyNinth,\n"
            "    percentile(@billedDuration, 95) as NinetyFifth,\n    percentile(@billedDuration, 90) as Ninetieth\n   "
            " by bin(30m)");
        std::map<long long, std::vector<double>> billedBins;
        for (const auto &x : reps)
            billedBins[binOf(x.time, 1800000)].push_back(x.billed);
        QCOMPARE(r.rows.size(), billedBins.size());
        for (const auto &row : r.rows) {
            const auto &v = billedBins.at(parseInsightsTime(row[0]));
            QCOMPARE(num(row[col(r, "NinetyNinth")]), refPct(v, 99));
            QCOMPARE(num(row[col(r, "NinetyFifth")]), refPct(v, 95));
            QCOMPARE(num(row[col(r, "Ninetieth")]), refPct(v, 90));
        }
        // memory statistics over time, incl. a ratio of aggregates
        r = q(d,
            "filter @type = \"REPORT\"\n| stats\n    max(@maxMemoryUsed / 1024 / 1024) as maxMemMB,\n    "
            "avg(@maxMemoryUsed / 1024 / 1024) as avgMemMB,\n"
            "    min(@maxMemoryUsed / 1024 / 1024) as minMemMB,\n    (avg(@maxMemoryUsed / 1024 / 1024) / "
            "max(@memorySize / 1024 / 1024)) * 100 as avgMemUsedPct,\n"
            "    avg(@billedDuration) as avgDurationMS\n    by bin(30m)");
        for (const auto &row : r.rows)
            QVERIFY(
                std::abs(num(row[col(r, "avgMemUsedPct")]) - num(row[col(r, "avgMemMB")]) / (512e6 / 1024 / 1024) * 100)
                < 1e-9);
        // latency report
        r = q(d, "filter @type = \"REPORT\" | stats avg(@duration), max(@duration), min(@duration) by bin(5m)");
        QCOMPARE(r.rows.size(), bins.size());
        // timeouts listing (agent toolkit)
        r = q(d,
            "filter @message like /Task timed out/ | fields @timestamp, @requestId, @message | sort @timestamp desc | "
            "limit 20");
        QCOMPARE(r.rows.size(), std::size_t(1));
        QCOMPARE(r.rows[0][1].toString(), std::string("58989008-6a17-49af-9b56-9643d037cdff"));
        // exceptions per hour
        QCOMPARE(q(d,
                     "filter @message like /Exception/ | stats count(*) as exceptionCount by bin(1h) | sort "
                     "exceptionCount desc")
                     .rows.size(),
            std::size_t(0));
        // @logStream and @log
        r = q(d, "stats count(*) as n by @logStream | sort n desc");
        QCOMPARE(r.rows.size(), std::size_t(5));
        r = q(d, "stats count(*) by @log");
        QCOMPARE(r.rows[0][0].toString(), std::string("test.log"));
    }

    void outputFormats()
    {
        auto d = loadFixture(QStringLiteral("lambda/generated/filter-log-events-200-seed1.json"));
        const Result r = q(d, "filter @type = \"REPORT\" | stats count(*) as n, avg(@duration) as a by bin(30m)");
        const auto j = toJson(r);
        QCOMPARE(j.size(), r.rows.size());
        QVERIFY(j[0]["n"].is_number_integer());
        QVERIFY(j[0]["a"].is_number_float());
        QVERIFY(j[0]["bin(30m)"].is_string());
        ExportContext ctx;
        ctx.logGroups = "filter-log-events-200-seed1.json";
        ctx.query = "filter @type = \"REPORT\" | stats count(*) as n, avg(@duration) as a by bin(30m)";
        const std::string md = formatMarkdown(r, ctx);
        QVERIFY(md.rfind("**CloudWatch Logs Insights**    \n", 0) == 0);
        QVERIFY(md.find("| bin(30m) | n | a |\n| --- | --- | --- |\n") != std::string::npos);
        // The Markdown and CSV exports load back as query results.
        LoadResult back = loadBytes(md, "results.md");
        QVERIFY(back.data);
        QCOMPARE(back.data->queryResults.columns, r.columns);
        QCOMPARE(back.data->queryResults.rows.size(), r.rows.size());
        QCOMPARE(back.data->queryResults.rows[0][1], r.rows[0][1].toString());
        LoadResult csv = loadBytes(formatCsv(r), "results.csv");
        QVERIFY(csv.data);
        QCOMPARE(csv.data->queryResults.rows.size(), r.rows.size());
        // Console deep link round trip.
        const std::string url = cloudWatchConsoleUrl("eu-west-1", "/aws/lambda/orders-api", ctx.query);
        QVERIFY(url.rfind("https://eu-west-1.console.aws.amazon.com/cloudwatch/"
                          "home?region=eu-west-1#logsV2:logs-insights$3FqueryDetail$3D",
                    0)
            == 0);
        QVERIFY(url.find("~source~(~'*2faws*2flambda*2forders-api)") != std::string::npos);
        QCOMPARE(queryFromConsoleUrl(url), ctx.query);
        // Non-ASCII survives the console's JSURL: it escapes UTF-16 code units ("*XX"
        // below 0x100, "**XXXX" above; an emoji is a surrogate pair), not UTF-8 bytes.
        const std::string intl = "filter @message like \"Größe → 日本\" and msg = \"cold 🥶 $5\"";
        const std::string intlUrl = cloudWatchConsoleUrl("eu-west-1", "/aws/lambda/orders-api", intl);
        QVERIFY(intlUrl.find("Gr*f6*dfe*20**2192*20**65e5**672c") != std::string::npos);
        QVERIFY(intlUrl.find("cold*20**d83e**dd76*20!5") != std::string::npos);
        QCOMPARE(queryFromConsoleUrl(intlUrl), intl);
        // A link the console wrote itself (jsurl leaves "(" raw and writes "$" as "!").
        QCOMPARE(queryFromConsoleUrl("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:"
                                     "logs-insights$3FqueryDetail$3D~(end~0~start~-3600~timeType~'RELATIVE~unit~'"
                                     "seconds~editorString~'stats*20count(*2a*29*20by*20bin(5m*29*20*23*20*e9t*e9"
                                     "*20**20ac!~source~(~'*2faws*2flambda*2fx))"),
            std::string("stats count(*) by bin(5m) # été €$"));
        QCOMPARE(parseTimeArgument("2024-06-01T00:00:00Z").value(), 1717200000000LL);
        QCOMPARE(parseTimeArgument("1717200000").value(), 1717200000000LL);
        QCOMPARE(parseTimeArgument("2024-06-01 00:00:01.500").value(), 1717200001500LL);
        QVERIFY(!parseTimeArgument("yesterday"));
    }

    void cliQuery()
    {
        const QString file = testutil::fixture(QStringLiteral("lambda/generated/text-200-seed1.log"));
        QProcess p;
        p.start(QStringLiteral(COLDSCOPE_BIN),
            { QStringLiteral("query"), file, file,
                QStringLiteral("filter @type = \"REPORT\" | stats count(*) as n by @log"), QStringLiteral("--format"),
                QStringLiteral("json") });
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const auto j = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
        QCOMPARE(j.size(), std::size_t(1)); // same file name twice: one @log group
        QCOMPARE(j[0]["n"].get<int>(), 78);
        for (const char *fmt : { "table", "csv", "md" }) {
            QProcess f;
            f.start(QStringLiteral(COLDSCOPE_BIN),
                { QStringLiteral("query"), file, QStringLiteral("fields @requestId | limit 3"),
                    QStringLiteral("--format"), QLatin1String(fmt) });
            QVERIFY(f.waitForFinished(60000));
            QCOMPARE(f.exitCode(), 0);
            QVERIFY(f.readAllStandardOutput().contains("@requestId"));
        }
        QProcess bad;
        bad.start(
            QStringLiteral(COLDSCOPE_BIN), { QStringLiteral("query"), file, QStringLiteral("stats count( by x") });
        QVERIFY(bad.waitForFinished(60000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().startsWith("query:14: "));
        QProcess range;
        range.start(QStringLiteral(COLDSCOPE_BIN),
            { QStringLiteral("query"), file, QStringLiteral("stats count(*) as n"), QStringLiteral("--start"),
                QStringLiteral("2024-06-01T00:05:00Z"), QStringLiteral("--format"), QStringLiteral("json") });
        QVERIFY(range.waitForFinished(60000));
        QCOMPARE(range.exitCode(), 0);
        const auto rj = nlohmann::json::parse(range.readAllStandardOutput().toStdString());
        QVERIFY(rj[0]["n"].get<int>() > 0 && rj[0]["n"].get<int>() < 202);
    }

    // Every query of the Lambda queries menu runs on text and JSON-format logs and
    // finds the events it is about wherever the file has them (counted here from
    // the raw lines, not by the engine).
    void bundledQueriesWorkOnTextAndJsonLogs()
    {
        const auto menu = nlohmann::json::parse(
            testutil::readAll(QStringLiteral(COLDSCOPE_FIXTURES "/../../resources/queries/lambda-queries.json"))
                .toStdString());
        QVERIFY(menu.size() > 10);
        for (const char *rel : { "lambda/generated/text-200-seed1.log", "lambda/generated/json-200-seed1.log",
                 "lambda/generated/text-importtime-6000-seed2.log",
                 "lambda/generated/json-importtime-6000-seed2.log" }) {
            const QList<QByteArray> lines = testutil::readAll(testutil::fixture(QLatin1String(rel))).split('\n');
            int timeouts = 0, reports = 0, coldStarts = 0;
            for (const QByteArray &l : lines) {
                const bool jsonReport = l.contains("\"type\":\"platform.report\"");
                if (l.contains("Task timed out") || (jsonReport && l.contains("\"status\":\"timeout\"")))
                    ++timeouts;
                if (l.startsWith("REPORT RequestId:") || jsonReport)
                    ++reports;
                if ((l.startsWith("REPORT RequestId:") && l.contains("Init Duration:"))
                    || (jsonReport && l.contains("\"initDurationMs\"")))
                    ++coldStarts;
            }
            QVERIFY2(reports > 0 && coldStarts > 0, rel);
            QVERIFY2(timeouts > 0, rel); // all four fixtures have timed-out invocations
            auto d = loadFixture(QLatin1String(rel));
            for (const auto &item : menu) {
                const std::string title = item["title"].get<std::string>();
                const std::string text = item["query"].get<std::string>();
                const QByteArray what = QByteArray(rel) + ": " + QByteArray::fromStdString(title);
                Result r;
                try {
                    r = q(d, text);
                } catch (const QueryError &e) {
                    QFAIL(qPrintable(what + ": " + QByteArray(e.what())));
                }
                // Something found: a row with a nonzero number or a nonempty string outside the bin column.
                auto found = [&] {
                    for (const auto &row : r.rows)
                        for (std::size_t c = 0; c < row.size(); ++c)
                            if (int(c) != r.binColumn
                                && ((row[c].type == Value::Type::Number && row[c].num != 0)
                                    || (row[c].type == Value::Type::String && !row[c].str.empty())))
                                return true;
                    return false;
                };
                if (title.find("timed out") != std::string::npos || title == "Latest timeouts") {
                    if (r.stats) {
                        double n = 0;
                        for (const auto &row : r.rows)
                            n += row.back().num;
                        QVERIFY2(n == timeouts, what);
                    } else {
                        QVERIFY2(int(r.rows.size()) == std::min(timeouts, 20), what);
                    }
                } else if (title.find("old start") != std::string::npos) {
                    QVERIFY2(found(), what);
                    // Its cold-start column (count or percentage) is not zero.
                    for (std::size_t c = 0; c < r.columns.size(); ++c) {
                        if (QString::fromStdString(r.columns[c]).contains(QLatin1String("cold"), Qt::CaseInsensitive)) {
                            double sum = 0;
                            for (const auto &row : r.rows)
                                sum += row[c].type == Value::Type::Number ? row[c].num : 0;
                            QVERIFY2(sum > 0, what + ": " + QByteArray::fromStdString(r.columns[c]));
                        }
                    }
                } else if (text.rfind("filter @type = \"REPORT\"\n", 0) == 0
                    || text.rfind("filter @type = \"REPORT\" |", 0) == 0
                    || text.rfind("filter @type=\"REPORT\"\n", 0) == 0) { // every REPORT
                    QVERIFY2(!r.rows.empty(), what);
                }
            }
        }
    }

    // The search panel's field list samples 2,000 events spread over the whole file.
    // Linux maps a page-cache folio (up to 2 MiB) whole on a read fault, so these reads
    // had left most of a big log's mapping resident: 1.6 GB of RSS for a 1 GB log in
    // the window. Each sampled block is given back; the fields are those of the text.
    void discoverFieldsLeavesTheMappingAsItFoundIt()
    {
        QFile fixture(testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        const QByteArray lines = fixture.readAll();
        // Every dotted path to a non-object value, as the panel names fields.
        std::set<std::string> truth;
        for (const QByteArray &line : lines.split('\n')) {
            const auto j = nlohmann::json::parse(line.toStdString(), nullptr, false);
            if (j.is_discarded() || !j.is_object())
                continue;
            std::vector<std::pair<std::string, const nlohmann::json *>> todo { { "", &j } };
            while (!todo.empty()) {
                auto [prefix, v] = todo.back();
                todo.pop_back();
                if (v->is_object())
                    for (auto it = v->begin(); it != v->end(); ++it)
                        todo.emplace_back(prefix.empty() ? it.key() : prefix + "." + it.key(), &it.value());
                else if (!prefix.empty())
                    truth.insert(prefix);
            }
        }
        QVERIFY(truth.count("record.requestId") && truth.count("level"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.log"));
        {
            QFile big(path);
            QVERIFY(big.open(QIODevice::WriteOnly));
            while (big.size() < (qint64(48) << 20))
                big.write(lines);
        }
        // A mapped file counts as RssFile, or as RssShmem when the temporary directory is
        // a tmpfs.
        auto rssFileKb = [] {
            QFile status(QStringLiteral("/proc/self/status"));
            if (!status.open(QIODevice::ReadOnly))
                return -1L;
            long kb = -1;
            for (const QByteArray &l : status.readAll().split('\n'))
                if (l.startsWith("RssFile:") || l.startsWith("RssShmem:"))
                    kb = std::max(kb, 0L) + l.mid(l.indexOf(':') + 1).trimmed().split(' ').front().toLong();
            return kb;
        };
        LoadResult r = loadFile(path.toStdString());
        QVERIFY(r.data);
        const std::shared_ptr<const LogData> d = std::move(r.data);
        const long before = rssFileKb();
        if (before < 0)
            QSKIP("no RssFile in /proc/self/status");
        const std::vector<std::string> fields = discoverFields({ { d, "big.log" } });
        const long after = rssFileKb();
        QVERIFY2(after - before < 8 * 1024,
            qPrintable(QStringLiteral("%1 kB of the 48 MB log left mapped").arg(after - before)));
        // The measure sees the mapping: reading all of it maps (nearly) all of it.
        const std::string_view bytes = d->text->bytes();
        volatile char sink = 0;
        for (std::size_t at = 0; at < bytes.size(); at += 4096)
            sink = char(sink + bytes[at]);
        const long touched = rssFileKb();
        d->text->releasePages(0, bytes.size());
        QVERIFY2(touched - after > 40 * 1024,
            qPrintable(QStringLiteral("reading the 48 MB log mapped only %1 kB").arg(touched - after)));
        // What was found is what the text holds, after the system fields.
        std::set<std::string> found;
        for (const std::string &f : fields)
            if (f[0] != '@')
                found.insert(f);
        QVERIFY(found.count("record.requestId") && found.count("level") && found.count("message"));
        for (const std::string &f : found)
            QVERIFY2(truth.count(f), f.c_str());
        // The pages given back are read again, unchanged.
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        const QByteArray all = again.readAll();
        for (std::size_t i = 0; i < d->events.size(); i += d->events.size() / 97) {
            const std::string_view m = d->message(i);
            QCOMPARE(QByteArray(m.data(), qsizetype(m.size())),
                all.mid(qsizetype(d->events.msgOffset[i]), qsizetype(m.size())));
        }
    }

    void cancelStops()
    {
        auto d = loadFixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log"));
        std::atomic<bool> stop { true };
        Options o;
        o.cancel = &stop;
        QVERIFY_THROWS_EXCEPTION(QueryError, q(d, "filter @message like /x/", o));
    }
};

QTEST_GUILESS_MAIN(TstQuery)
#include "tst_query.moc"
