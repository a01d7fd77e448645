// SPDX-License-Identifier: MIT
// Packed timeline rows, the overview strip's bins and stepping through marked bars:
// the engine side of the timeline, headless.
#include "testutil.h"

#include "lanes.h"
#include "loader.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <set>

using namespace coldscope;

namespace {

std::shared_ptr<LogData> load(const QString &path)
{
    LoadResult r = loadFile(path.toStdString());
    if (!r.data)
        qFatal("cannot load %s", qPrintable(path));
    return r.data;
}

// Peak number of environments alive at once, from the log itself (not from the
// timeline): an environment lives from its first INIT or invocation start to its
// last invocation end (or INIT end), half-open.
std::size_t peakConcurrency(const LogData &d)
{
    std::map<std::uint32_t, std::pair<TimeMs, TimeMs>> life;
    auto extend = [&](std::uint32_t stream, TimeMs a, TimeMs b) {
        auto [it, fresh] = life.try_emplace(stream, a, b);
        if (!fresh) {
            it->second.first = std::min(it->second.first, a);
            it->second.second = std::max(it->second.second, b);
        }
    };
    for (const Invocation &inv : d.invocations) {
        if (inv.start == kNoTime)
            continue;
        TimeMs a = inv.start;
        if (inv.cold && !std::isnan(d.reportOf(inv).initDurationMs))
            a -= TimeMs(std::llround(d.reportOf(inv).initDurationMs));
        extend(inv.stream, a,
            inv.start
                + TimeMs(std::llround(std::isnan(d.reportOf(inv).durationMs) ? 0.0 : d.reportOf(inv).durationMs)));
    }
    for (const InitPhase &ip : d.initPhases)
        if (ip.invocation < 0 && ip.start != kNoTime)
            extend(
                ip.stream, ip.start, ip.start + TimeMs(std::llround(std::isnan(ip.durationMs) ? 0.0 : ip.durationMs)));
    std::vector<std::pair<TimeMs, int>> edges; // ends (-1) sort before begins (+1) at one time
    for (const auto &[s, l] : life) {
        edges.emplace_back(l.first, +1);
        edges.emplace_back(std::max(l.first, l.second), -1);
    }
    std::sort(edges.begin(), edges.end());
    std::int64_t now = 0, peak = 0;
    for (const auto &[t, e] : edges) {
        now += e;
        peak = std::max(peak, now);
    }
    return std::size_t(peak);
}

void checkRows(const TimelineData &t, const LaneRows &r)
{
    QCOMPARE(r.rowOf.size(), t.lanes.size());
    std::size_t placed = 0;
    for (std::size_t row = 0; row < r.rows.size(); ++row) {
        const auto &lanes = r.rows[row];
        QVERIFY(!lanes.empty());
        placed += lanes.size();
        for (std::size_t i = 0; i < lanes.size(); ++i) {
            QCOMPARE(r.rowOf[lanes[i]], std::uint32_t(row));
            if (i > 0) // never overlapping, in time order
                QVERIFY(r.end[lanes[i - 1]] <= r.begin[lanes[i]]);
        }
    }
    QCOMPARE(placed, t.lanes.size());
}

} // namespace

class TstLanes : public QObject
{
    Q_OBJECT
private slots:
    void packedRowsArePeakConcurrency_data()
    {
        QTest::addColumn<QString>("path");
        for (const char *f : { "json-200-seed1.log", "text-importtime-6000-seed2.log", "mixed-400-seed1.log",
                 "filter-log-events-200-seed1.json" })
            QTest::newRow(f) << testutil::fixture(QStringLiteral("lambda/generated/") + QLatin1String(f));
    }
    void packedRowsArePeakConcurrency()
    {
        QFETCH(QString, path);
        auto d = load(path);
        const TimelineData t = buildTimeline(*d);
        const LaneRows r = packLanes(t);
        checkRows(t, r);
        QCOMPARE(r.rows.size(), peakConcurrency(*d));
    }

    // Every invocation with a start, and every INIT of no invocation, is one bar in the
    // lane of its environment; lanes in order of first activity, bars by begin(); the
    // function filter keeps exactly that function's.
    void timelineHoldsEveryInvocationOnce_data() { packedRowsArePeakConcurrency_data(); }
    void timelineHoldsEveryInvocationOnce()
    {
        QFETCH(QString, path);
        auto d = load(path);
        std::vector<std::optional<std::uint32_t>> filters { std::nullopt };
        if (!d->invocations.empty())
            filters.push_back(d->invocations.back().function);
        for (const auto &fn : filters) {
            const TimelineData t = buildTimeline(*d, fn);
            std::vector<int> seenInv(d->invocations.size(), 0), seenInit(d->initPhases.size(), 0);
            std::set<std::uint32_t> streams;
            for (std::size_t l = 0; l < t.lanes.size(); ++l) {
                const TimelineLane &lane = t.lanes[l];
                QVERIFY(!lane.bars.empty());
                QVERIFY(streams.insert(lane.stream).second); // one lane an environment
                if (l > 0)
                    QVERIFY(t.lanes[l - 1].bars.front().begin() <= lane.bars.front().begin());
                for (std::size_t b = 0; b < lane.bars.size(); ++b) {
                    const TimelineBar &bar = lane.bars[b];
                    if (b > 0)
                        QVERIFY(lane.bars[b - 1].begin() <= bar.begin());
                    if (bar.invocation >= 0) {
                        const Invocation &inv = d->invocations[std::size_t(bar.invocation)];
                        QCOMPARE(inv.stream, lane.stream);
                        QCOMPARE(bar.start, inv.start);
                        ++seenInv[std::size_t(bar.invocation)];
                    } else {
                        QVERIFY(bar.initPhase >= 0);
                        QCOMPARE(d->initPhases[std::size_t(bar.initPhase)].stream, lane.stream);
                        ++seenInit[std::size_t(bar.initPhase)];
                    }
                }
            }
            for (std::size_t v = 0; v < d->invocations.size(); ++v) {
                const Invocation &inv = d->invocations[v];
                QCOMPARE(seenInv[v], int(inv.start != kNoTime && (!fn || inv.function == *fn)));
            }
            for (std::size_t p = 0; p < d->initPhases.size(); ++p) {
                const InitPhase &ip = d->initPhases[p];
                QCOMPARE(seenInit[p], int(ip.invocation < 0 && ip.start != kNoTime && (!fn || ip.function == *fn)));
            }
        }
    }

    void manyStreamsPackIntoFewRows()
    {
        // A generated log of many short-lived environments, several alive at once.
#ifndef GENLOG_BIN
        QSKIP("built without bench/ (no log generator)");
#else
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("many.log"));
        QProcess gen;
        gen.start(QStringLiteral(GENLOG_BIN),
            { QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--size-mb"), QStringLiteral("3"),
                QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--max-uses"), QStringLiteral("6"),
                QStringLiteral("--env-every"), QStringLiteral("1500"), QStringLiteral("--out"), out });
        QVERIFY(gen.waitForFinished(60000));
        QCOMPARE(gen.exitCode(), 0);
        auto d = load(out);
        const TimelineData t = buildTimeline(*d);
        QVERIFY2(t.lanes.size() > 200, qPrintable(QString::number(t.lanes.size())));
        const LaneRows r = packLanes(t);
        checkRows(t, r);
        const std::size_t peak = peakConcurrency(*d);
        qInfo("%zu environments, %zu invocations: %zu rows", t.lanes.size(), d->invocations.size(), r.rows.size());
        QCOMPARE(r.rows.size(), peak);
        QVERIFY(peak > 1);
        QVERIFY(r.rows.size() * 10 < t.lanes.size());
#endif
    }

    void overviewCountsEveryBar()
    {
        auto d = load(testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        const TimelineData t = buildTimeline(*d);
        const LaneRows r = packLanes(t);
        const TimelineOverview o = overview(t, r, 50);
        QCOMPARE(o.alive.size(), std::size_t(50));
        std::size_t cold = 0, timeouts = 0, errors = 0;
        double busyMs = 0, lifeMs = 0;
        for (const auto &lane : t.lanes)
            for (const auto &b : lane.bars) {
                cold += barHas(b, BarMark::ColdStart);
                timeouts += barHas(b, BarMark::Timeout);
                errors += barHas(b, BarMark::Error);
                if (b.start != kNoTime)
                    busyMs += double(b.finish() - b.start);
            }
        for (std::size_t l = 0; l < t.lanes.size(); ++l)
            lifeMs += double(r.end[l] - r.begin[l]);
        auto sum = [](const auto &v) { return std::accumulate(v.begin(), v.end(), 0.0); };
        QCOMPARE(std::size_t(sum(o.coldStarts)), cold);
        QCOMPARE(std::size_t(sum(o.timeouts)), timeouts);
        QCOMPARE(std::size_t(sum(o.errors)), errors);
        QVERIFY(cold > 0 && timeouts > 0 && errors > 0);
        // Means per bin times the bin width give back the time spent alive and busy.
        QVERIFY(std::abs(sum(o.alive) * o.binMs - lifeMs) < 1e-6 * lifeMs + 1);
        QVERIFY(std::abs(sum(o.busy) * o.binMs - busyMs) < 1e-6 * busyMs + 1);
        for (std::size_t k = 0; k < o.alive.size(); ++k) {
            QVERIFY(o.busy[k] <= o.alive[k] + 1e-9);
            QVERIFY(o.alive[k] <= double(r.rows.size()) + 1e-9);
        }
    }

    void stepThroughMarks()
    {
        auto d = load(testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        const TimelineData t = buildTimeline(*d);
        const auto order = barsByTime(t);
        QCOMPARE(order.size(), t.barCount());
        for (BarMark m : { BarMark::ColdStart, BarMark::Timeout, BarMark::Error }) {
            std::vector<int> want; // positions with the mark, in time order
            for (std::size_t i = 0; i < order.size(); ++i) {
                if (i > 0) {
                    const auto &p = t.lanes[order[i - 1].lane].bars[order[i - 1].bar];
                    QVERIFY(p.begin() <= t.lanes[order[i].lane].bars[order[i].bar].begin());
                }
                if (barHas(t.lanes[order[i].lane].bars[order[i].bar], m))
                    want.push_back(int(i));
            }
            QVERIFY(!want.empty());
            std::vector<int> forward, backward;
            for (int at = stepTo(t, order, -1, m, +1); at >= 0; at = stepTo(t, order, at, m, +1))
                forward.push_back(at);
            for (int at = stepTo(t, order, -1, m, -1); at >= 0; at = stepTo(t, order, at, m, -1))
                backward.push_back(at);
            QCOMPARE(forward, want);
            std::reverse(backward.begin(), backward.end());
            QCOMPARE(backward, want);
        }
    }
};

QTEST_GUILESS_MAIN(TstLanes)
#include "tst_lanes.moc"
