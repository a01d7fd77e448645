// SPDX-License-Identifier: MIT
// Findings (issue #14): every figure of `advise --json` recomputed here from the raw
// files by a reader of the documented line shapes (not coldscope's parser), and each
// finding's rule checked at its threshold from both sides.
#include "testutil.h"

#include "advice.h"
#include "importdiff.h"
#include "loader.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace coldscope;
using json = nlohmann::ordered_json; // keys in the order printed

namespace {

// What the REPORT / INIT_REPORT lines and platform.report / platform.initReport records
// of a file say, read with regular expressions and a JSON parser.
struct Reference {
    std::size_t reports = 0, cold = 0, initTimeouts = 0, initErrors = 0;
    std::vector<double> init; // every INIT once
    std::vector<double> maxUsed;
    std::map<int, std::size_t> sizes;
    double billedGbS = 0, initGbS = 0;
};

double nearest(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const auto rank = std::size_t(std::ceil(p / 100.0 * double(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

void readMessage(const QString &m, Reference &r)
{
    static const QRegularExpression report(QStringLiteral("^REPORT RequestId: \\S+"));
    static const QRegularExpression field(QStringLiteral("(Billed Duration|Memory Size|Max Memory Used|Init "
                                                         "Duration|Duration): ([0-9.]+) (ms|MB)"));
    static const QRegularExpression initReport(
        QStringLiteral("^INIT_REPORT Init Duration: ([0-9.]+) ms\\tPhase: (\\w+)(?:\\tStatus: (\\w+))?"));
    if (m.startsWith(QLatin1Char('{'))) {
        const json j = json::parse(m.toStdString(), nullptr, false);
        if (!j.is_object() || !j.contains("type") || !j.contains("record"))
            return;
        const std::string type = j["type"].get<std::string>();
        const json &rec = j["record"];
        if (type == "platform.initReport") {
            const std::string status = rec.value("status", "");
            r.initTimeouts += status == "timeout";
            r.initErrors += status == "error" || status == "failure";
            if (rec.contains("metrics") && rec["metrics"].contains("durationMs"))
                r.init.push_back(rec["metrics"]["durationMs"].get<double>());
        } else if (type == "platform.report") {
            const json &mt = rec["metrics"];
            ++r.reports;
            const int size = mt["memorySizeMB"].get<int>();
            ++r.sizes[size];
            r.maxUsed.push_back(mt["maxMemoryUsedMB"].get<double>());
            r.billedGbS += mt["billedDurationMs"].get<double>() / 1000.0 * size / 1024.0;
            if (mt.contains("initDurationMs")) {
                ++r.cold;
                r.initGbS += mt["initDurationMs"].get<double>() / 1000.0 * size / 1024.0;
            }
        }
        return;
    }
    if (const auto ir = initReport.match(m); ir.hasMatch()) {
        r.init.push_back(ir.captured(1).toDouble());
        r.initTimeouts += ir.captured(3) == QLatin1String("timeout");
        r.initErrors += ir.captured(3) == QLatin1String("error") || ir.captured(3) == QLatin1String("failure");
        return;
    }
    if (!report.match(m).hasMatch())
        return;
    std::map<QString, double> f;
    for (auto it = field.globalMatch(m); it.hasNext();) {
        const auto x = it.next();
        f[x.captured(1)] = x.captured(2).toDouble();
    }
    ++r.reports;
    const int size = int(f[QStringLiteral("Memory Size")]);
    ++r.sizes[size];
    r.maxUsed.push_back(f[QStringLiteral("Max Memory Used")]);
    r.billedGbS += f[QStringLiteral("Billed Duration")] / 1000.0 * size / 1024.0;
    if (f.count(QStringLiteral("Init Duration"))) {
        ++r.cold;
        const double ms = f[QStringLiteral("Init Duration")];
        r.init.push_back(ms); // text logs write INIT_REPORT only for failed INITs
        r.initGbS += ms / 1000.0 * size / 1024.0;
    }
}

Reference reference(const QString &path)
{
    Reference r;
    const QByteArray text = testutil::readAll(path);
    if (path.contains(QLatin1String("filter-log-events"))) {
        const json doc = json::parse(text.toStdString());
        for (const json &e : doc["events"])
            readMessage(QString::fromStdString(e["message"].get<std::string>()).trimmed(), r);
    } else {
        for (const QByteArray &line : text.split('\n'))
            readMessage(QString::fromUtf8(line).trimmed(), r);
    }
    return r;
}

bool close(const json &v, double want)
{
    return v.is_number() && std::fabs(v.get<double>() - want) <= 1e-5 * std::max(1.0, std::fabs(want));
}

#define CHECK_CLOSE(v, want)                                                                                           \
    QVERIFY2(close(v, want),                                                                                           \
        qPrintable(QStringLiteral("%1 = %2, want %3")                                                                  \
                       .arg(QStringLiteral(#v))                                                                        \
                       .arg(QString::fromStdString((v).dump()))                                                        \
                       .arg(double(want), 0, 'g', 12)))

json adviseJson(const QStringList &args)
{
    const testutil::CliRun r
        = testutil::cli(QStringList { QStringLiteral("advise") } + args + QStringList { QStringLiteral("--json") });
    if (r.code != 0)
        qWarning("%s", r.err.constData());
    return json::parse(r.out.toStdString(), nullptr, false);
}

// A text log built from the documented line shapes: one environment per cold start.
struct Inv {
    double initMs = kNaN; // cold start when set
    double durationMs = 100;
    int memory = 512;
    int maxUsed = 100;
    std::vector<std::pair<long long, QString>> imports = {}; // self = cumulative µs, top level
};

QByteArray textLog(const std::vector<Inv> &invs, const QByteArray &extra = {})
{
    QByteArray out = extra;
    int n = 0;
    for (const Inv &v : invs) {
        const QByteArray id = QByteArray::number(n).rightJustified(8, '0') + "-0000-4000-8000-000000000000";
        if (!std::isnan(v.initMs)) {
            out += "INIT_START Runtime Version: python:3.12.v38\tRuntime Version ARN: "
                   "arn:aws:lambda:eu-west-1::runtime:abc\n";
            if (!v.imports.empty())
                out += "import time: self [us] | cumulative | imported package\n";
            for (const auto &[us, name] : v.imports)
                out += "import time: " + QByteArray::number(us).rightJustified(9) + " | "
                    + QByteArray::number(us).rightJustified(10) + " | " + name.toUtf8() + "\n";
        }
        out += "START RequestId: " + id + " Version: $LATEST\n";
        out += "END RequestId: " + id + "\n";
        out += "REPORT RequestId: " + id + "\tDuration: " + QByteArray::number(v.durationMs, 'f', 2)
            + " ms\tBilled Duration: " + QByteArray::number(std::ceil(v.durationMs)) + " ms\tMemory Size: "
            + QByteArray::number(v.memory) + " MB\tMax Memory Used: " + QByteArray::number(v.maxUsed) + " MB";
        if (!std::isnan(v.initMs))
            out += "\tInit Duration: " + QByteArray::number(v.initMs, 'f', 2) + " ms";
        out += "\t\n";
        ++n;
    }
    return out;
}

std::vector<std::string> ids(const Advice &a)
{
    std::vector<std::string> v;
    for (const Finding *f : a.all())
        v.push_back(f->id);
    return v;
}

bool has(const Advice &a, const std::string &id)
{
    const auto v = ids(a);
    return std::find(v.begin(), v.end(), id) != v.end();
}

} // namespace

class TstAdvise : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &text)
    {
        const QString p = m_dir.filePath(name);
        QFile f(p);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(p));
        return p;
    }

    Advice adviseText(const QByteArray &text, const ImportDiff *diff = nullptr)
    {
        LoadResult r = loadFile(write(QStringLiteral("t.log"), text).toStdString());
        if (!r.data)
            qFatal("%s", r.error.c_str());
        return advise(*r.data, {}, diff);
    }

private slots:
    void figuresFromTheRawFiles_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f : { "lambda/generated/text-200-seed1.log", "lambda/generated/json-200-seed1.log",
                 "lambda/generated/filter-log-events-200-seed1.json", "lambda/generated/text-importtime-6000-seed2.log",
                 "lambda/generated/json-importtime-6000-seed2.log",
                 "variants/boto3-json-numpy-requests.filter-log-events.json" })
            QTest::newRow(f) << testutil::fixture(QString::fromLatin1(f));
    }

    void figuresFromTheRawFiles()
    {
        QFETCH(QString, file);
        const Reference ref = reference(file);
        QVERIFY(ref.reports > 0);
        const json j = adviseJson({ file });
        QVERIFY(j.is_object());
        QCOMPARE(j["functions"].size(), std::size_t(1));
        const json &f = j["functions"][0];
        QCOMPARE(f["invocations"].get<std::size_t>(), ref.reports);
        QCOMPARE(f["cold_starts"].get<std::size_t>(), ref.cold);
        CHECK_CLOSE(f["cold_start_ratio"], double(ref.cold) / double(ref.reports));
        // INIT: every phase once, nearest rank.
        QCOMPARE(f["init"]["count"].get<std::size_t>(), ref.init.size());
        CHECK_CLOSE(f["init"]["p50_ms"], nearest(ref.init, 50));
        CHECK_CLOSE(f["init"]["p90_ms"], nearest(ref.init, 90));
        CHECK_CLOSE(f["init"]["p99_ms"], nearest(ref.init, 99));
        CHECK_CLOSE(f["init"]["max_ms"], *std::max_element(ref.init.begin(), ref.init.end()));
        QCOMPARE(f["init"]["timeouts"].get<std::size_t>(), ref.initTimeouts);
        QCOMPARE(f["init"]["errors"].get<std::size_t>(), ref.initErrors);
        QCOMPARE(f["init"]["limit_ms"].get<int>(), 10000);
        // Memory: the size most REPORTs give, p99 of Max Memory Used.
        const auto mode = std::max_element(
            ref.sizes.begin(), ref.sizes.end(), [](const auto &a, const auto &b) { return a.second < b.second; });
        QCOMPARE(f["memory"]["size_mb"].get<int>(), mode->first);
        CHECK_CLOSE(f["memory"]["max_used_p99_mb"], nearest(ref.maxUsed, 99));
        CHECK_CLOSE(f["memory"]["utilisation"], nearest(ref.maxUsed, 99) / mode->first);
        // Cost: GB-seconds from the billed and INIT durations, at the default price.
        CHECK_CLOSE(f["cost"]["price_per_gb_s"], 0.0000166667);
        CHECK_CLOSE(f["cost"]["billed_gb_s"], ref.billedGbS);
        CHECK_CLOSE(f["cost"]["init_gb_s"], ref.initGbS);
        CHECK_CLOSE(f["cost"]["init_share"], ref.initGbS / ref.billedGbS);
        CHECK_CLOSE(f["cost"]["usd"], ref.billedGbS * 0.0000166667);
        // Another price scales usd and nothing else.
        const json k = adviseJson({ file, QStringLiteral("--price-per-gb-s"), QStringLiteral("0.0000133334") });
        CHECK_CLOSE(k["functions"][0]["cost"]["usd"], ref.billedGbS * 0.0000133334);
        QCOMPARE(k["functions"][0]["cost"]["billed_gb_s"], f["cost"]["billed_gb_s"]);
    }

    void memorySizeIsTheOneMostReportsGive()
    {
        // REPORTs of several sizes in any order: the size most of them give, the largest
        // of those on a tie; Max Memory Used's p99 over all of them.
        const auto log = [](const std::vector<int> &sizes) {
            QByteArray text;
            int i = 0;
            for (int size : sizes) {
                const QByteArray id = QByteArray::number(100000 + i).rightJustified(12, '0');
                text += "START RequestId: 8f5c1c1e-0b1a-4c2d-9e3f-" + id + " Version: $LATEST\n";
                text += "REPORT RequestId: 8f5c1c1e-0b1a-4c2d-9e3f-" + id
                    + "\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: " + QByteArray::number(size)
                    + " MB\tMax Memory Used: " + QByteArray::number(40 + i) + " MB\t\n";
                ++i;
            }
            return text;
        };
        const struct {
            std::vector<int> sizes;
            int want;
        } cases[] = {
            { { 128 }, 128 },
            { { 128, 256, 128, 256 }, 256 }, // a tie: the larger
            { { 256, 128, 256, 128 }, 256 },
            { { 512, 128, 256, 128, 256, 128 }, 128 },
            { { 1024, 128, 128, 256, 256, 256, 128, 1024, 1024, 1024 }, 1024 },
            { { 3008, 10240, 3008, 10240, 128 }, 10240 },
        };
        for (const auto &c : cases) {
            const Advice a = adviseText(log(c.sizes));
            QCOMPARE(a.functions.size(), std::size_t(1));
            QCOMPARE(a.functions[0].memorySizeMB, c.want);
            QCOMPARE(a.functions[0].maxUsedP99MB, double(40 + c.sizes.size() - 1));
        }
    }

    void mixedFileSplitsByFunction()
    {
        // Text lines of an unnamed function interleaved with JSON records of orders-api:
        // two entries, the named one first, that add up to the file.
        const QString file = testutil::fixture(QStringLiteral("lambda/generated/mixed-400-seed1.log"));
        const Reference ref = reference(file);
        const json j = adviseJson({ file });
        QCOMPARE(j["functions"].size(), std::size_t(2));
        QCOMPARE(j["functions"][0]["function"].get<std::string>(), std::string("orders-api"));
        QVERIFY(j["functions"][1]["function"].is_null());
        std::size_t invocations = 0, cold = 0;
        for (const json &f : j["functions"]) {
            invocations += f["invocations"].get<std::size_t>();
            cold += f["cold_starts"].get<std::size_t>();
        }
        QCOMPARE(invocations, ref.reports);
        QCOMPARE(cold, ref.cold);
    }

    void jsonShape()
    {
        const json j
            = adviseJson({ testutil::fixture(QStringLiteral("lambda/generated/json-importtime-6000-seed2.log")) });
        std::vector<std::string> keys;
        for (auto it = j.begin(); it != j.end(); ++it)
            keys.push_back(it.key());
        QCOMPARE(keys, (std::vector<std::string> { "file", "functions" }));
        const json &f = j["functions"][0];
        keys.clear();
        for (auto it = f.begin(); it != f.end(); ++it)
            keys.push_back(it.key());
        QCOMPARE(keys,
            (std::vector<std::string> { "function", "invocations", "cold_starts", "cold_start_ratio", "init", "imports",
                "memory", "cost", "findings" }));
        const auto keysOf = [](const json &o) {
            std::vector<std::string> v;
            for (auto it = o.begin(); it != o.end(); ++it)
                v.push_back(it.key());
            return v;
        };
        QCOMPARE(keysOf(f["init"]),
            (std::vector<std::string> {
                "count", "p50_ms", "p90_ms", "p99_ms", "max_ms", "timeouts", "errors", "limit_ms" }));
        QCOMPARE(keysOf(f["imports"]),
            (std::vector<std::string> { "runs", "median_total_ms", "median_share_of_init", "top" }));
        QVERIFY(!f["imports"]["top"].empty());
        QCOMPARE(keysOf(f["imports"]["top"][0]),
            (std::vector<std::string> { "module", "median_cumulative_ms", "share_of_init", "runs" }));
        QCOMPARE(keysOf(f["memory"]), (std::vector<std::string> { "size_mb", "max_used_p99_mb", "utilisation" }));
        QCOMPARE(keysOf(f["cost"]),
            (std::vector<std::string> { "price_per_gb_s", "billed_gb_s", "init_gb_s", "init_share", "usd" }));
        QVERIFY(!f["findings"].empty());
        for (const json &x : f["findings"]) {
            QCOMPARE(keysOf(x), (std::vector<std::string> { "id", "severity", "title", "detail", "evidence" }));
            QVERIFY(x["evidence"].is_object() && !x["evidence"].empty());
        }
        QCOMPARE(f["function"].get<std::string>(), std::string("orders-api"));
    }

    void importtimeOnlyHasImportsAndNoCost()
    {
        const QString file = testutil::fixture(QStringLiteral("importtime/boto3-json-numpy-requests.log"));
        const auto lines = testutil::referenceImportLines(testutil::readAll(file));
        qint64 self = 0;
        std::vector<std::pair<qint64, QString>> top;
        for (const auto &l : lines) {
            self += l.self;
            if (l.level == 0)
                top.emplace_back(l.cumulative, l.module);
        }
        std::stable_sort(top.begin(), top.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
        const json j = adviseJson({ file });
        const json &f = j["functions"][0];
        QVERIFY(f["function"].is_null());
        QVERIFY(f["invocations"].is_null());
        QVERIFY(f["cold_starts"].is_null());
        QVERIFY(f["cold_start_ratio"].is_null());
        QVERIFY(f["init"].is_null());
        QVERIFY(f["memory"].is_null());
        QVERIFY(f["cost"].is_null());
        QCOMPARE(f["imports"]["runs"].get<int>(), 1);
        CHECK_CLOSE(f["imports"]["median_total_ms"], double(self) / 1000.0);
        QVERIFY(f["imports"]["median_share_of_init"].is_null());
        const json &t = f["imports"]["top"];
        QCOMPARE(t.size(), std::min<std::size_t>(10, top.size()));
        for (std::size_t i = 0; i < t.size(); ++i) {
            QCOMPARE(QString::fromStdString(t[i]["module"].get<std::string>()), top[i].second);
            CHECK_CLOSE(t[i]["median_cumulative_ms"], double(top[i].first) / 1000.0);
            QVERIFY(t[i]["share_of_init"].is_null());
        }
        QVERIFY(f["findings"].empty()); // no INIT to compare with: no rule applies
    }

    void importShareOfInit()
    {
        // The derived filter-log-events variant: Init Duration = top-level cumulative + 112.34 ms.
        const QString file
            = testutil::fixture(QStringLiteral("variants/boto3-json-numpy-requests.filter-log-events.json"));
        const auto lines = testutil::referenceImportLines(
            testutil::readAll(testutil::fixture(QStringLiteral("importtime/boto3-json-numpy-requests.log"))));
        qint64 self = 0, topCum = 0;
        for (const auto &l : lines) {
            self += l.self;
            topCum += l.level == 0 ? l.cumulative : 0;
        }
        const Reference ref = reference(file);
        QCOMPARE(ref.init.size(), std::size_t(1));
        QVERIFY(std::fabs(ref.init[0] - (double(topCum) / 1000.0 + 112.34)) < 0.01);
        const json f = adviseJson({ file })["functions"][0];
        CHECK_CLOSE(f["imports"]["median_share_of_init"], double(self) / 1000.0 / ref.init[0]);
        for (const json &t : f["imports"]["top"])
            CHECK_CLOSE(t["share_of_init"], t["median_cumulative_ms"].get<double>() / ref.init[0]);
        // Imports are most of INIT, and each module over 10 % of it is a heavy import.
        std::vector<std::string> heavy;
        for (const json &t : f["imports"]["top"])
            if (t["share_of_init"].get<double>() >= 0.10)
                heavy.push_back(t["module"].get<std::string>());
        QVERIFY(!heavy.empty());
        std::vector<std::string> found;
        bool dominate = false;
        for (const json &x : f["findings"]) {
            if (x["id"] == "heavy-import") {
                found.push_back(x["evidence"]["module"].get<std::string>());
                QVERIFY(x["detail"].get<std::string>().find("per cold start if deferred") != std::string::npos);
            }
            dominate = dominate || x["id"] == "imports-dominate-init";
        }
        QVERIFY(dominate);
        std::sort(heavy.begin(), heavy.end());
        std::sort(found.begin(), found.end());
        QCOMPARE(found, heavy);
    }

    void initTimeoutRule()
    {
        // A timed-out INIT_REPORT: critical.
        const QByteArray timeout = "INIT_START Runtime Version: python:3.12.v38\tRuntime Version ARN: x\n"
                                   "INIT_REPORT Init Duration: 9999.41 ms\tPhase: init\tStatus: timeout\n";
        Advice a = adviseText(textLog({ Inv { .initMs = 800 } }, timeout));
        QVERIFY(has(a, "init-timeout"));
        QCOMPARE(a.all().front()->id, std::string("init-timeout"));
        QCOMPARE(a.all().front()->severity, Severity::Critical);
        // An init duration at the limit counts too; just under it does not.
        QVERIFY(has(adviseText(textLog({ Inv { .initMs = 10000 } })), "init-timeout"));
        QVERIFY(!has(adviseText(textLog({ Inv { .initMs = 9999.99 } })), "init-timeout"));
        // The CLI's exit codes for CI.
        const QString withTimeout = write(QStringLiteral("timeout.log"), textLog({ Inv { .initMs = 800 } }, timeout));
        const QString clean = write(QStringLiteral("clean.log"), textLog({ Inv { .initMs = 800 } }));
        QCOMPARE(testutil::cli(
                     { QStringLiteral("advise"), withTimeout, QStringLiteral("--fail-on"), QStringLiteral("critical") })
                     .code,
            1);
        QCOMPARE(
            testutil::cli({ QStringLiteral("advise"), clean, QStringLiteral("--fail-on"), QStringLiteral("critical") })
                .code,
            0);
        QCOMPARE(
            testutil::cli({ QStringLiteral("advise"), clean, QStringLiteral("--fail-on"), QStringLiteral("fatal") })
                .code,
            2);
        QCOMPARE(testutil::cli({ QStringLiteral("advise"), m_dir.filePath(QStringLiteral("missing.log")) }).code, 2);
    }

    void headroomRule()
    {
        // p99 by nearest rank of one value is the value.
        QVERIFY(has(adviseText(textLog({ Inv { .initMs = 5000 } })), "init-headroom"));
        QVERIFY(!has(adviseText(textLog({ Inv { .initMs = 4999.99 } })), "init-headroom"));
    }

    void importRules()
    {
        // One cold start, imports a (600 ms) and b (x ms), INIT 2000 ms.
        const auto log = [](double initMs, long long bUs) {
            return textLog({ Inv {
                .initMs = initMs, .imports = { { 600000, QStringLiteral("a") }, { bUs, QStringLiteral("b") } } } });
        };
        // Imports' share of INIT: (600 + 400) / 2000 = 0.5 exactly; a little more INIT and it is under.
        QVERIFY(has(adviseText(log(2000, 400000)), "imports-dominate-init"));
        QVERIFY(!has(adviseText(log(2000.02, 400000)), "imports-dominate-init"));
        // Heavy import: b at 10 % of the median INIT (200 of 2000 ms), and just under.
        const auto heavyModules = [](const Advice &a) {
            std::vector<std::string> v;
            for (const Finding *f : a.all())
                if (f->id == "heavy-import")
                    v.push_back(f->evidence.modules.at(0));
            return v;
        };
        QCOMPARE(heavyModules(adviseText(log(2000, 200000))), (std::vector<std::string> { "a", "b" }));
        QCOMPARE(heavyModules(adviseText(log(2000, 199999))), (std::vector<std::string> { "a" }));
        // Warnings sorted by the estimated saving per cold start: all imports (1,100 ms), then
        // a (600 ms), then b (500 ms); the infos (512 MB with 100 MB used, one cold start of one) last.
        const Advice a = adviseText(log(2000, 500000));
        QCOMPARE(ids(a),
            (std::vector<std::string> { "imports-dominate-init", "heavy-import", "heavy-import",
                "memory-overprovisioned", "cold-start-ratio" }));
        QCOMPARE(a.all()[1]->evidence.modules.at(0), std::string("a"));
        QCOMPARE(a.all()[2]->evidence.modules.at(0), std::string("b"));
    }

    void memoryRules()
    {
        const auto mem = [](int size, int used) { return textLog({ Inv { .memory = size, .maxUsed = used } }); };
        QVERIFY(has(adviseText(mem(256, 102)), "memory-overprovisioned")); // 0.398
        QVERIFY(!has(adviseText(mem(256, 103)), "memory-overprovisioned")); // 0.402
        QVERIFY(!has(adviseText(mem(128, 20)), "memory-overprovisioned")); // 128 MB is the smallest useful size
        QVERIFY(has(adviseText(mem(1000, 900)), "memory-pressure")); // 0.9
        QVERIFY(!has(adviseText(mem(1000, 899)), "memory-pressure"));
    }

    void coldStartRatioRule()
    {
        const auto ratio = [](int warm) {
            std::vector<Inv> v { Inv { .initMs = 300 } };
            v.resize(std::size_t(1 + warm));
            return textLog(v);
        };
        QVERIFY(has(adviseText(ratio(19)), "cold-start-ratio")); // 1 of 20 = 0.05
        QVERIFY(!has(adviseText(ratio(20)), "cold-start-ratio")); // 1 of 21
    }

    void regressionRule()
    {
        const auto table = [&](const QString &name, long long us) {
            return write(name,
                "import time: self [us] | cumulative | imported package\nimport time: " + QByteArray::number(us) + " | "
                    + QByteArray::number(us) + " | app\n");
        };
        const auto check = [&](long long bUs) -> std::optional<Severity> {
            auto a = loadFile(table(QStringLiteral("a.log"), 100000).toStdString()).data;
            auto b = loadFile(table(QStringLiteral("b.log"), bUs).toStdString()).data;
            const ImportDiff d = diffImports({ a }, { b });
            const Advice adv = advise(*b, {}, &d);
            for (const Finding *f : adv.all())
                if (f->id == "regression")
                    return f->severity;
            return std::nullopt;
        };
        QCOMPARE(check(110000), std::optional<Severity>(Severity::Warning)); // +10 %
        QCOMPARE(check(109999), std::optional<Severity>());
        QCOMPARE(check(125000), std::optional<Severity>(Severity::Critical)); // +25 %
        QCOMPARE(check(124999), std::optional<Severity>(Severity::Warning));
        QCOMPARE(check(50000), std::optional<Severity>()); // faster is not a regression
        // Real pairs: a rerun of the same build is no regression; adding pandas is.
        const QString c = testutil::fixture(QStringLiteral("compare"));
        const auto regression = [&](const QString &a, const QString &b) {
            const json j = adviseJson({ c + a, c + b });
            for (const json &x : j["functions"][0]["findings"])
                if (x["id"] == "regression")
                    return x["severity"].get<std::string>();
            return std::string();
        };
        QCOMPARE(regression(QStringLiteral("/buildA-boto3-json-numpy-requests.log"),
                     QStringLiteral("/buildA-rerun-boto3-json-numpy-requests.log")),
            std::string());
        QCOMPARE(regression(QStringLiteral("/buildA-boto3-json-numpy-requests.log"),
                     QStringLiteral("/buildB-plus-pandas.log")),
            std::string("critical"));
        QCOMPARE(regression(QStringLiteral("/buildA-boto3-json-numpy-requests.log"),
                     QStringLiteral("/buildB-minus-numpy.log")),
            std::string());
    }

    void severityOrder()
    {
        // A timeout (critical), a heavy import (warning), oversized memory (info): in that order.
        const QByteArray timeout = "INIT_REPORT Init Duration: 10000.12 ms\tPhase: init\tStatus: timeout\n";
        const Advice a = adviseText(textLog(
            { Inv { .initMs = 1000, .memory = 1024, .maxUsed = 100, .imports = { { 300000, QStringLiteral("m") } } } },
            timeout));
        Severity last = Severity::Critical;
        for (const Finding *f : a.all()) {
            QVERIFY(f->severity >= last);
            last = f->severity;
        }
        QCOMPARE(a.all().front()->id, std::string("init-timeout"));
        QCOMPARE(a.all().back()->severity, Severity::Info);
    }

    void functionsApart()
    {
        // A log group shared by two functions (the stream names carry the function):
        // each gets its own figures and findings.
        json events = json::array();
        long long t = 1717200000000;
        int n = 0;
        for (const auto &[fn, initMs] : std::vector<std::pair<std::string, double>> {
                 { "orders-api", 300 }, { "billing-worker", 6000 }, { "orders-api", 500 } }) {
            const std::string stream
                = std::string("2024/06/01/") + fn + "[$LATEST]" + std::string(31, 'a') + char('0' + n);
            const std::string id = "00000000-0000-0000-0000-00000000000" + std::to_string(n++);
            events.push_back({ { "logStreamName", stream }, { "timestamp", t },
                { "message", "INIT_START Runtime Version: python:3.12.v36\n" } });
            events.push_back({ { "logStreamName", stream }, { "timestamp", t + 300 },
                { "message", "START RequestId: " + id + " Version: $LATEST\n" } });
            events.push_back({ { "logStreamName", stream }, { "timestamp", t + 400 },
                { "message",
                    "REPORT RequestId: " + id
                        + "\tDuration: 10.00 ms\tBilled Duration: 311 ms\tMemory Size: 128 "
                          "MB\tMax Memory Used: 60 MB\tInit Duration: "
                        + QByteArray::number(initMs, 'f', 2).toStdString() + " ms\t\n" } });
            t += 1000;
        }
        const QString file = write(QStringLiteral("shared.json"),
            QByteArray::fromStdString(json { { "events", events }, { "searchedLogStreams", json::array() } }.dump(2)));
        const json j = adviseJson({ file });
        QCOMPARE(j["functions"].size(), std::size_t(2));
        QCOMPARE(j["functions"][0]["function"].get<std::string>(), std::string("billing-worker"));
        QCOMPARE(j["functions"][1]["function"].get<std::string>(), std::string("orders-api"));
        QCOMPARE(j["functions"][0]["invocations"].get<int>(), 1);
        QCOMPARE(j["functions"][1]["invocations"].get<int>(), 2);
        CHECK_CLOSE(j["functions"][0]["init"]["max_ms"], 6000);
        CHECK_CLOSE(j["functions"][1]["init"]["p50_ms"], 300);
        CHECK_CLOSE(j["functions"][1]["init"]["max_ms"], 500);
        const auto idsOf = [](const json &f) {
            std::set<std::string> v;
            for (const json &x : f["findings"])
                v.insert(x["id"].get<std::string>());
            return v;
        };
        QVERIFY(idsOf(j["functions"][0]).count("init-headroom"));
        QVERIFY(!idsOf(j["functions"][1]).count("init-headroom"));
    }
};

QTEST_GUILESS_MAIN(TstAdvise)
#include "tst_advise.moc"
