// SPDX-License-Identifier: MIT
// The Qt item models over the engine, checked by QAbstractItemModelTester.
#include "testutil.h"

#include "difftreemodel.h"
#include "eventtablemodel.h"
#include "importtreemodel.h"
#include "loader.h"
#include "queryengine.h"
#include "queryresultmodel.h"
#include "requestpool.h"
#include "stats.h"
#include "stringpool.h"
#include "summary.h"

#include <QAbstractItemModelTester>

#include <QTest>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <limits>
#include <random>

using namespace coldscope;

class TstModels : public QObject
{
    Q_OBJECT
    std::shared_ptr<const LogData> m_data;
private slots:
    void initTestCase()
    {
        LoadResult r = loadFile(
            testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")).toStdString());
        QVERIFY(r.data);
        m_data = r.data;
    }

    void importTreeModel()
    {
        ImportTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRun(m_data, 0);
        const ImportRun &run = m_data->runs[0];
        QCOMPARE(model.rowCount(), int(run.roots.size()));
        // Walk the whole tree through the model API: every node once.
        int count = 0;
        std::vector<QModelIndex> todo { QModelIndex() };
        while (!todo.empty()) {
            const QModelIndex p = todo.back();
            todo.pop_back();
            for (int r = 0; r < model.rowCount(p); ++r) {
                const QModelIndex c = model.index(r, 0, p);
                QCOMPARE(model.parent(c), p);
                QCOMPARE(model.indexForNode(model.nodeOf(c)), c);
                ++count;
                todo.push_back(c);
            }
        }
        QCOMPARE(count, int(run.nodes.size()));
        const QModelIndex numpy = model.findModule(QStringLiteral("numpy"));
        QVERIFY(numpy.isValid());
        QCOMPARE(numpy.data(ImportTreeModel::ModuleRole).toString(), QStringLiteral("numpy"));
        QVERIFY(model.index(numpy.row(), ImportTreeModel::SelfColumn, numpy.parent())
                    .data(ImportTreeModel::SortRole)
                    .toLongLong()
            > 0);
        model.setRun(m_data, 5);
        model.setRun(nullptr, -1);
        QCOMPARE(model.rowCount(), 0);
    }

    void importFilterProxy()
    {
        ImportTreeModel model;
        ImportFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRun(m_data, 0);
        proxy.setPattern(QStringLiteral("urllib3.util"));
        QVERIFY(proxy.rowCount() > 0);
        // Every accepted leaf matches, and ancestors are kept to show where it is.
        std::vector<QModelIndex> todo { QModelIndex() };
        int matches = 0;
        while (!todo.empty()) {
            const QModelIndex p = todo.back();
            todo.pop_back();
            for (int r = 0; r < proxy.rowCount(p); ++r) {
                const QModelIndex c = proxy.index(r, 0, p);
                const QString m = c.data(ImportTreeModel::ModuleRole).toString();
                if (proxy.rowCount(c) == 0)
                    QVERIFY2(m.contains(QLatin1String("urllib3.util")), qPrintable(m));
                matches += m.contains(QLatin1String("urllib3.util"));
                todo.push_back(c);
            }
        }
        QVERIFY(matches >= 5);
        proxy.setPattern(QStringLiteral("/^numpy\\.(core|lib)$/"));
        QVERIFY(proxy.patternValid());
        proxy.setPattern(QStringLiteral("/([/"));
        QVERIFY(!proxy.patternValid());
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setPattern(QString());
        // Sorting by self time uses raw numbers, not the formatted text.
        proxy.sort(ImportTreeModel::SelfColumn, Qt::DescendingOrder);
        for (int r = 1; r < proxy.rowCount(); ++r)
            QVERIFY(proxy.index(r - 1, ImportTreeModel::SelfColumn).data(ImportTreeModel::SortRole).toLongLong()
                >= proxy.index(r, ImportTreeModel::SelfColumn).data(ImportTreeModel::SortRole).toLongLong());
    }

    void eventTableModel()
    {
        EventTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLogData(m_data);
        QCOMPARE(model.rowCount(), int(m_data->events.size()));
        EventFilter f;
        f.minLevel = Level::Error;
        model.setFilter(f);
        QVERIFY(model.rowCount() > 0);
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY(m_data->events.level[std::size_t(model.eventAt(r))] >= Level::Error);
        f = {};
        f.category = EventCategory::Platform;
        f.text = "init duration";
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 10); // the REPORTs of the ten cold starts
        const int e = model.eventAt(3);
        QCOMPARE(model.rowOfEvent(std::uint32_t(e)), 3);
        QCOMPARE(model.index(3, EventTableModel::TypeColumn).data().toString(), QStringLiteral("REPORT"));
        f = {};
        f.request = m_data->invocations[0].request;
        model.setFilter(f);
        QVERIFY(model.rowCount() >= 3); // START, END, REPORT at least
        model.setLogData(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    // The text filter (memchr on the needle's first letter in both cases, slices on every
    // core) keeps exactly the events a plain case-insensitive search keeps, in file order.
    void distributionMatchesAFullSort()
    {
        // distribution() selects its percentiles without sorting; each must be the
        // nearest-rank value of the sorted values, for every size (ranks that coincide
        // with few values included) and with ties and NaNs.
        std::uint64_t seed = 42;
        const auto next = [&] {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            return seed;
        };
        // And for columns of other shapes: one value repeated, values across many
        // magnitudes, negatives, both zeros and infinities must rank as a sort ranks them.
        const auto shaped = [&](int shape, std::size_t i, std::size_t n) -> double {
            switch (shape) {
            case 1:
                return 80.19; // one value: one bin
            case 2:
                return std::ldexp(double(next() % 1000) + 1, int(next() % 40) - 20); // many magnitudes
            case 3: {
                const std::uint64_t r = next() % 1000;
                if (r == 0)
                    return (next() % 2 ? 1.0 : -1.0) * std::numeric_limits<double>::infinity();
                if (r < 50)
                    return (r % 2) ? 0.0 : -0.0;
                return double(std::int64_t(next() % 20001) - 10000) / 4.0; // both signs
            }
            default:
                return i % 17 == 5 ? kNaN : double(next() % (n < 50 ? 4 : 100000)) / 8.0;
            }
        };
        struct Case {
            int shape;
            std::size_t n;
        };
        std::vector<Case> cases;
        for (std::size_t n : { 1, 2, 3, 5, 10, 11, 99, 100, 101, 1000, 4097, 65535, 65536, 200000 })
            cases.push_back({ 0, n });
        for (int shape : { 1, 2, 3 })
            for (std::size_t n : { 1000, 65536, 150001 })
                cases.push_back({ shape, n });
        for (const Case c : cases) {
            const std::size_t n = c.n;
            std::vector<double> values;
            for (std::size_t i = 0; i < n; ++i)
                values.push_back(shaped(c.shape, i, n));
            const Distribution d = distribution(values);
            std::vector<double> sorted;
            for (double v : values)
                if (!std::isnan(v))
                    sorted.push_back(v);
            std::sort(sorted.begin(), sorted.end());
            QCOMPARE(d.count, sorted.size());
            QCOMPARE(d.min, sorted.front());
            QCOMPARE(d.max, sorted.back());
            QCOMPARE(d.p50, nearestRank(sorted, 50));
            QCOMPARE(d.p90, nearestRank(sorted, 90));
            QCOMPARE(d.p99, nearestRank(sorted, 99));
        }
    }

    void summaryAlongsideTheImportRunsChangesNothing()
    {
        // LoadOptions::summarize works the summary out on the calling thread while the
        // import runs are derived on another. Every fixture then loads to the same runs,
        // the same links between runs, INIT phases and invocations, and the same summary
        // as a load that derives them one after the other.
        QStringList files;
        for (const QString &dir : { QStringLiteral("importtime"), QStringLiteral("lambda/generated"),
                 QStringLiteral("lambda/docs"), QStringLiteral("pasted"), QStringLiteral("variants") })
            files << testutil::fixtures(
                dir, { QStringLiteral("*.log"), QStringLiteral("*.json"), QStringLiteral("*.txt") });
        QVERIFY(files.size() > 20);
        std::size_t runs = 0, linked = 0;
        for (const QString &f : files) {
            LoadResult plain = loadFile(f.toStdString());
            LoadOptions opts;
            opts.summarize = true;
            LoadResult along = loadFile(f.toStdString(), opts);
            QCOMPARE(bool(along.data), bool(plain.data));
            if (!plain.data)
                continue;
            const LogData &a = *plain.data, &b = *along.data;
            QVERIFY2(b.summaryCache->value, qPrintable(f)); // worked out during the load
            QCOMPARE(b.runs.size(), a.runs.size());
            for (std::size_t r = 0; r < a.runs.size(); ++r) {
                QCOMPARE(b.runs[r].firstLine, a.runs[r].firstLine);
                QCOMPARE(b.runs[r].initPhase, a.runs[r].initPhase);
                QCOMPARE(b.runs[r].invocation, a.runs[r].invocation);
                QCOMPARE(b.runs[r].request, a.runs[r].request);
                QCOMPARE(b.runs[r].nodes.size(), a.runs[r].nodes.size());
                linked += a.runs[r].invocation >= 0;
            }
            runs += a.runs.size();
            QCOMPARE(b.initPhases.size(), a.initPhases.size());
            for (std::size_t p = 0; p < a.initPhases.size(); ++p)
                QCOMPARE(b.initPhases[p].importRun, a.initPhases[p].importRun);
            QCOMPARE(b.invocations.size(), a.invocations.size());
            for (std::size_t v = 0; v < a.invocations.size(); ++v)
                QCOMPARE(b.invocations[v].importRun, a.invocations[v].importRun);
            QCOMPARE(QString::fromStdString(summaryJson(b).dump()), QString::fromStdString(summaryJson(a).dump()));
        }
        QVERIFY(runs > 20); // the fixtures have import tables, most of them linked
        QVERIFY(linked > runs / 2);
    }

    // The invocations' memory is sized to the records that can make one (START, END,
    // REPORT, …), not to the request ids: a log of application records alone, with a
    // request id each, holds none; with three invocations, at most its six START and
    // REPORT lines' worth. (The derive faults that memory in ahead of the pass.)
    void invocationMemoryIsBoundedByTheRecordsThatMakeThem()
    {
        auto id = [](int i) {
            char buf[40];
            std::snprintf(buf, sizeof buf, "%08x-1111-4222-8333-%012x", unsigned(i), unsigned(i) * 7u);
            return std::string(buf);
        };
        std::string appOnly;
        for (int i = 0; i < 20000; ++i)
            appOnly += "{\"timestamp\":\"2024-06-01T00:00:00.123Z\",\"level\":\"INFO\",\"requestId\":\"" + id(i)
                + "\",\"message\":\"working\"}\n";
        const LoadResult a = loadBytes(appOnly, "app-only.log");
        QVERIFY(a.data);
        QVERIFY(a.data->events.requests.size() >= 20000);
        QCOMPARE(a.data->invocations.size(), std::size_t(0));
        QCOMPARE(a.data->invocations.capacity(), std::size_t(0));

        std::string three = appOnly;
        for (int i = 0; i < 3; ++i) {
            three += "START RequestId: " + id(i) + " Version: $LATEST\n";
            three += "REPORT RequestId: " + id(i)
                + "\tDuration: 1.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB\t\n";
        }
        const LoadResult b = loadBytes(three, "three.log");
        QVERIFY(b.data);
        QCOMPARE(b.data->invocations.size(), std::size_t(3));
        QVERIFY(b.data->invocations.capacity() <= 6);
    }

    void summaryOfAFileIsWorkedOutOnce()
    {
        // summarize() without a filter is cached on the LogData (the load job fills it on
        // its worker); with a filter it is computed. Both agree with the other's figures.
        LoadResult r = loadFile(testutil::fixture("lambda/generated/text-200-seed1.log").toStdString());
        QVERIFY(r.data);
        const Summary first = summarize(*r.data);
        QVERIFY(r.data->summaryCache->value);
        const Summary *cached = r.data->summaryCache->value.get();
        const Summary again = summarize(*r.data);
        QCOMPARE(r.data->summaryCache->value.get(), cached);
        const Summary filtered = summarize(*r.data, [](const Invocation &) { return true; });
        for (const Summary *s : { &again, &filtered }) {
            QCOMPARE(s->invocations, first.invocations);
            QCOMPARE(s->coldStarts, first.coldStarts);
            QCOMPARE(s->duration.p99, first.duration.p99);
            QCOMPARE(s->initDuration.p50, first.initDuration.p50);
        }
        QVERIFY(first.invocations > 0);

        // A filter that keeps part of the log: asked once for each invocation and each
        // INIT phase, and every figure is the one worked out by hand from what it keeps.
        const LogData &d = *r.data;
        std::size_t asked = 0;
        const auto even = [&](const Invocation &inv) {
            ++asked;
            return inv.stream % 2 == 0;
        };
        const Summary part = summarize(d, even);
        QCOMPARE(asked, d.invocations.size() + d.initPhases.size());
        std::vector<double> init, duration, billed, memory;
        std::size_t kept = 0;
        for (const Invocation &inv : d.invocations) {
            if (inv.stream % 2 != 0)
                continue;
            ++kept;
            if (!inv.hasReport())
                continue;
            const Metrics &m = d.reportOf(inv);
            init.push_back(m.initDurationMs);
            duration.push_back(m.durationMs);
            billed.push_back(m.billedDurationMs);
            memory.push_back(m.maxMemoryUsedMB >= 0 ? double(m.maxMemoryUsedMB) : kNaN);
        }
        QVERIFY(kept > 0 && kept < d.invocations.size());
        QCOMPARE(part.invocations, kept);
        const std::pair<const Distribution *, std::vector<double> *> figures[] = { { &part.initDuration, &init },
            { &part.duration, &duration }, { &part.billedDuration, &billed }, { &part.maxMemoryUsed, &memory } };
        for (const auto &[got, values] : figures) {
            const Distribution want = distribution(*values);
            QVERIFY(want.count > 0);
            QCOMPARE(got->count, want.count);
            QCOMPARE(got->avg, want.avg);
            QCOMPARE(got->p50, want.p50);
            QCOMPARE(got->p99, want.p99);
            QCOMPARE(got->max, want.max);
        }
    }

    void unfilteredEventTableListsNoRows()
    {
        // Without a filter the table maps row i to event i instead of holding a list of
        // every index: the same rows as filterEvents() gives for the empty filter.
        LoadResult r = loadFile(testutil::fixture("lambda/generated/mixed-400-seed1.log").toStdString());
        QVERIFY(r.data);
        const std::size_t n = r.data->events.size();
        const auto all = filterEvents(*r.data, EventFilter {});
        QCOMPARE(all.size(), n);
        EventTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLogData(r.data);
        const auto same = [&] {
            QCOMPARE(std::size_t(model.rowCount()), n);
            for (std::size_t i = 0; i < n; ++i) {
                QCOMPARE(model.eventAt(int(i)), int(all[i]));
                QCOMPARE(model.rowOfEvent(all[i]), int(i));
            }
            QCOMPARE(model.eventAt(int(n)), -1);
            QCOMPARE(model.rowOfEvent(std::uint32_t(n)), -1);
        };
        same();
        EventFilter errors;
        errors.minLevel = Level::Error;
        model.setFilter(errors);
        QVERIFY(std::size_t(model.rowCount()) < n);
        model.setFilter(EventFilter {});
        same();
        model.setFilteredRows(errors, filterEvents(*r.data, errors));
        QCOMPARE(std::size_t(model.rowCount()), filterEvents(*r.data, errors).size());
        model.setFilteredRows(EventFilter {}, filterEvents(*r.data, EventFilter {}));
        same();
    }

    void clearedStringPoolIsLikeANewOne()
    {
        // The loader recycles blocks: a cleared pool must intern exactly as a fresh one
        // (ids from 1, nothing of before findable), whatever it held (a string longer
        // than a chunk included).
        StringPool used;
        for (int i = 0; i < 5000; ++i)
            used.intern("request-" + std::to_string(i));
        used.intern(std::string(200000, 'x'));
        used.clear();
        StringPool fresh;
        QCOMPARE(used.size(), std::size_t(1));
        QCOMPARE(used.find("request-7"), 0u);
        QCOMPARE(used.find(std::string(200000, 'x')), 0u);
        for (int round = 0; round < 2; ++round) {
            for (int i = 0; i < 3000; ++i) {
                const std::string s = "other-" + std::to_string(i % 1500);
                QCOMPARE(used.intern(s), fresh.intern(s));
            }
            QCOMPARE(used.size(), fresh.size());
            for (std::uint32_t id = 1; id < used.size(); ++id)
                QCOMPARE(used.view(id), fresh.view(id));
            used.clear();
            fresh = StringPool();
        }
    }

    void requestPoolKeepsEveryId()
    {
        // Canonical UUIDs are kept as 16 bytes, anything else as text: every id reads back
        // exactly as it was interned, is found, keeps its id, and joins another pool.
        std::mt19937_64 rng(7);
        auto uuid = [&] {
            static const char digits[] = "0123456789abcdef";
            std::string u;
            for (int i = 0; i < 32; ++i) {
                if (i == 8 || i == 12 || i == 16 || i == 20)
                    u += '-';
                u += digits[rng() % 16];
            }
            return u;
        };
        std::vector<std::string> kept;
        for (int i = 0; i < 5000; ++i)
            kept.push_back(uuid());
        const std::string base = kept.front();
        kept.push_back("00000000-0000-0000-0000-000000000000");
        kept.push_back("ffffffff-ffff-ffff-ffff-ffffffffffff");
        std::string upper = base; // upper case: not canonical, kept as text
        for (char &c : upper)
            c = char(std::toupper(static_cast<unsigned char>(c)));
        kept.push_back(upper);
        kept.push_back(base.substr(0, 35)); // cut short
        kept.push_back(base + "0"); // one too many
        kept.push_back("g" + base.substr(1)); // not a hex digit
        std::string moved = base; // a dash one place off
        std::swap(moved[8], moved[9]);
        kept.push_back(moved);
        kept.push_back(std::string(36, '-'));
        kept.push_back("req-1");
        kept.push_back(std::string("8f5c1c1e-0000-4000-8000-00000000000\0", 36)); // a NUL where a digit was
        RequestPool pool;
        std::vector<std::uint32_t> ids;
        for (const std::string &s : kept)
            ids.push_back(pool.intern(s));
        QCOMPARE(pool.intern(""), 0u);
        QCOMPARE(pool.view(0).view(), std::string_view());
        QCOMPARE(pool.size(), kept.size() + 1); // all distinct, plus the empty id
        QCOMPARE(pool.find("not-there"), 0u);
        QCOMPARE(pool.find(uuid()), 0u);
        for (std::size_t k = 0; k < kept.size(); ++k) {
            QCOMPARE(pool.view(ids[k]).view(), std::string_view(kept[k]));
            QCOMPARE(pool.text(ids[k]), kept[k]);
            QCOMPARE(pool.find(kept[k]), ids[k]);
            QCOMPARE(pool.intern(kept[k]), ids[k]);
        }
        RequestPool::Key key;
        QVERIFY(RequestPool::parseUuid(base, key));
        // Every byte value at every digit's place: exactly the 16 lower-case hex digits
        // are read as one, and an id that is read as one comes back the same.
        const std::string hex = "0123456789abcdef";
        for (std::size_t pos = 0; pos < 36; ++pos) {
            if (pos == 8 || pos == 13 || pos == 18 || pos == 23)
                continue;
            for (int b = 0; b < 256; ++b) {
                std::string t = base;
                t[pos] = char(b);
                const bool digit = hex.find(char(b)) != std::string::npos;
                QCOMPARE(RequestPool::parseUuid(t, key), digit);
                if (digit) {
                    RequestPool one;
                    QCOMPARE(one.text(one.intern(t)), t);
                }
            }
        }
        for (std::size_t k = kept.size() - 8; k < kept.size(); ++k)
            QVERIFY2(!RequestPool::parseUuid(kept[k], key), kept[k].c_str());

        // A block's pool joins the file's: ids already there keep theirs, new ones follow.
        RequestPool block;
        std::vector<std::string> blockIds = { kept[3], uuid(), "req-1", "req-2", kept[0], uuid() };
        std::vector<std::uint32_t> local;
        for (const std::string &s : blockIds)
            local.push_back(block.intern(s));
        const std::vector<std::uint32_t> map = pool.internAll(block);
        QCOMPARE(map.size(), block.size());
        QCOMPARE(map[0], 0u);
        for (std::size_t k = 0; k < blockIds.size(); ++k) {
            QCOMPARE(pool.view(map[local[k]]).view(), std::string_view(blockIds[k]));
            QCOMPARE(pool.find(blockIds[k]), map[local[k]]);
        }
        QCOMPARE(map[local[0]], ids[3]);
        QCOMPARE(map[local[2]], ids[kept.size() - 2]);
        QCOMPARE(pool.size(), kept.size() + 1 + 3);
        // Without its index (a loaded file's pool): the same ids, found by a scan, and
        // interning again rebuilds the index.
        pool.releaseIndex();
        for (std::size_t k = 0; k < kept.size(); k += 97) {
            QCOMPARE(pool.view(ids[k]).view(), std::string_view(kept[k]));
            QCOMPARE(pool.find(kept[k]), ids[k]);
        }
        QCOMPARE(pool.find(uuid()), 0u);
        QCOMPARE(pool.find("req-2"), map[local[3]]);
        const std::size_t before = pool.size();
        QCOMPARE(pool.intern(kept[11]), ids[11]);
        QCOMPARE(pool.size(), before);
        const std::string fresh = uuid();
        const std::uint32_t freshId = pool.intern(fresh);
        QCOMPARE(freshId, std::uint32_t(before));
        QCOMPARE(pool.find(fresh), freshId);
        for (std::size_t k = 0; k < kept.size(); ++k)
            QCOMPARE(pool.intern(kept[k]), ids[k]);
        block.clear();
        QCOMPARE(block.size(), std::size_t(1));
        QCOMPARE(block.find(blockIds[0]), 0u);
        QCOMPARE(block.find("req-1"), 0u);
        QCOMPARE(block.intern(blockIds[1]), 1u);
        QCOMPARE(block.text(1), blockIds[1]);
    }

    void stringPoolKeepsEveryLength()
    {
        // A string's length is kept before its bytes in one byte below 255 and in five
        // from 255: every length around that edge, the empty string, bytes that look like
        // the marker, and strings longer than a chunk read back exactly, and stay where
        // they were while the pool grows.
        StringPool pool;
        std::vector<std::string> kept;
        std::vector<std::string_view> views;
        for (std::size_t len = 1; len < 600; ++len)
            kept.push_back(std::string(len, char('a' + len % 26)));
        kept.push_back(std::string(254, '\xff'));
        kept.push_back(std::string(255, '\xff'));
        kept.push_back(std::string(70000, 'q')); // longer than a 64 KB chunk
        kept.push_back(std::string(1, '\0'));
        std::vector<std::uint32_t> ids;
        for (const std::string &s : kept) {
            ids.push_back(pool.intern(s));
            views.push_back(pool.view(ids.back()));
        }
        QCOMPARE(pool.intern(""), 0u);
        QCOMPARE(pool.view(0), std::string_view());
        for (int i = 0; i < 20000; ++i) // grow the pool past many chunks
            pool.intern("request-" + std::to_string(i));
        for (std::size_t k = 0; k < kept.size(); ++k) {
            QCOMPARE(pool.view(ids[k]), std::string_view(kept[k]));
            QVERIFY(views[k].data() == pool.view(ids[k]).data()); // never moved (compared as pointers)
            QCOMPARE(pool.find(kept[k]), ids[k]);
            QCOMPARE(pool.intern(kept[k]), ids[k]);
        }
    }

    void eventTextFilterMatchesPlainSearch()
    {
        std::string log;
        const char *words[] = { "Timed Out", "timed-out", "TIMED OUT after 3.00 seconds", "t", "ti", "xtimed outx",
            "DynamoDB", "dynamodb", "Ümlaut timed out", "" };
        for (int i = 0; i < 150000; ++i) // more events than one slice of the parallel filter
            log += "2024-06-01T00:00:00.000Z\tr-" + std::to_string(i % 7) + "\tINFO\t" + words[i % 10] + " #"
                + std::to_string(i) + "\n";
        const LoadResult r = loadBytes(std::move(log), "filter.log");
        QVERIFY(r.data);
        const LogData &d = *r.data;
        QVERIFY(d.events.size() >= 150000);
        auto plain = [&](const std::string &needle) {
            std::vector<std::uint32_t> rows;
            for (std::size_t i = 0; i < d.events.size(); ++i) {
                const std::string_view m = d.message(i);
                const auto it = std::search(m.begin(), m.end(), needle.begin(), needle.end(), [](char a, char b) {
                    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
                });
                if (it != m.end() || needle.empty())
                    rows.push_back(std::uint32_t(i));
            }
            return rows;
        };
        for (const std::string needle : { "timed out", "TIMED", "t", "#149999", "dynamoDB", "ümlaut", "s #1", "zzz" }) {
            EventFilter f;
            f.text = needle;
            const auto fast = filterEvents(d, f);
            QCOMPARE(fast, plain(needle));
        }
        EventFilter f;
        f.text = "timed out";
        QVERIFY(!filterEvents(d, f).empty());
        std::atomic<bool> cancel { true }; // cancelled before it starts: returns early, never crashes
        QVERIFY(filterEvents(d, f, &cancel).size() < filterEvents(d, f).size());
    }

    void diffTreeModelAndProxy()
    {
        auto load = [](const char *name) {
            return std::shared_ptr<const LogData>(
                loadFile(testutil::fixture(QStringLiteral("compare/") + QLatin1String(name)).toStdString()).data);
        };
        const auto diff = std::make_shared<const ImportDiff>(
            diffImports({ load("buildA-boto3-json-numpy-requests.log") }, { load("buildB-minus-numpy.log") }));
        DiffTreeModel model;
        DiffFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDiff(diff);
        // Every entry exactly once, under its importer.
        std::vector<int> seen(diff->entries.size(), 0);
        bool parentsRight = true;
        testutil::forEachRow(model, [&](const QModelIndex &c, const QModelIndex &p) {
            parentsRight = parentsRight && model.parent(c) == p;
            ++seen[std::size_t(model.entryOf(c))];
        });
        QVERIFY(parentsRight);
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
        const QModelIndex numpy = model.indexForModule("numpy");
        QCOMPARE(numpy.siblingAtColumn(DiffTreeModel::StatusColumn).data().toString(), tr("removed"));
        // "Only changes": what is left is added, removed, moved or beyond the noise.
        proxy.setOnlyChanged(true);
        std::size_t kept = 0;
        testutil::forEachRow(proxy, [&](const QModelIndex &, const QModelIndex &) { ++kept; });
        QVERIFY(kept >= diff->removed.size());
        QVERIFY(kept < diff->entries.size());
        proxy.setPattern(QStringLiteral("/^numpy$/"));
        QCOMPARE(proxy.rowCount(), 1);
        model.setDiff(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void queryResultModel()
    {
        QueryResultModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto result = std::make_shared<const query::Result>(
            query::run("filter @type = \"REPORT\" | stats count(*) as n, max(@duration) as longest by bin(1h)",
                { { m_data, "log" } }));
        model.setResult(result);
        QCOMPARE(model.rowCount(), int(result->rows.size()));
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("n"));
        double total = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.index(r, 1).data(QueryResultModel::SortRole).toDouble(),
                result->rows[std::size_t(r)][1].toNumber());
            total += model.index(r, 1).data(QueryResultModel::SortRole).toDouble();
        }
        QCOMPARE(total, double(m_data->invocations.size()));
        model.setTable({ "a", "b" }, { { "1", "x" }, { "2", "y" } });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("y"));
        model.setResult(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TstModels)
#include "tst_models.moc"
