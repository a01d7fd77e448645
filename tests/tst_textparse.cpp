// SPDX-License-Identifier: MIT
// The stateless text parsers: timestamps, Lambda platform lines, importtime lines.
#include "testutil.h"

#include "blockparser_impl.h"
#include "format.h"
#include "formatdetect.h"
#include "textparse.h"

#include <QFile>
#include <QTest>
#include <random>

using namespace coldscope;

namespace {

// The first value of a column that differs from `truth`, described; empty when all agree.
template <typename Column, typename T>
QString firstDifference(const Column &column, const std::vector<T> &truth, const char *what)
{
    for (std::size_t i = 0; i < truth.size(); ++i)
        if (column[i] != truth[i])
            return QStringLiteral("%1 %2: %3, expected %4")
                .arg(QLatin1String(what))
                .arg(i)
                .arg(column[i])
                .arg(truth[i]);
    return {};
}

// Every text one byte away from `s`: each character of `alphabet` inserted at each
// place, and put in place of each byte, and each byte erased.
std::vector<std::string> byteMutations(const std::string &s, const std::string &alphabet)
{
    std::vector<std::string> texts;
    for (std::size_t i = 0; i <= s.size(); ++i)
        for (char c : alphabet) {
            std::string t = s;
            t.insert(t.begin() + std::ptrdiff_t(i), c);
            texts.push_back(t);
            if (i < s.size()) {
                t = s;
                t[i] = c;
                texts.push_back(t);
                t = s;
                t.erase(i, 1);
                texts.push_back(t);
            }
        }
    return texts;
}

} // namespace

class TstTextParse : public QObject
{
    Q_OBJECT
private slots:
    // The events' message offsets are kept as 32 bits an event plus runs of the high
    // bits. Offsets past 4 GB (a big log), unescaped messages (kArenaOffset) between
    // messages of the text, and long runs of each must read back exactly.
    void offsetColumnReadsBackEveryOffset()
    {
        std::vector<std::uint64_t> truth;
        std::uint64_t at = 0;
        std::uint32_t seed = 7;
        auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
        for (int i = 0; i < 200000; ++i) {
            at += 1 + next() % 90000; // crosses a 4 GB boundary every ~95,000 events
            const std::uint32_t r = next() % 100;
            if (r < 3) // an unescaped message between two of the text
                truth.push_back(kArenaOffset | (next() % 5000000));
            else if (r == 3) // one exactly at a 4 GB boundary, one just below it
                truth.push_back((at >> 32 << 32) + (next() % 2 ? 0 : 0xFFFFFFFFu));
            else
                truth.push_back(at);
        }
        OffsetColumn column;
        for (std::uint64_t v : truth)
            column.push_back(v);
        QCOMPARE(column.size(), truth.size());
        const QString diff = firstDifference(column, truth, "offset");
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QVERIFY(at > (std::uint64_t(2) << 32)); // the offsets crossed two 4 GB lines
        column.clear();
        QCOMPARE(column.size(), std::size_t(0));
        column.push_back(std::uint64_t(5) << 32 | 9);
        QCOMPARE(column[0], std::uint64_t(5) << 32 | 9); // no run left over from before clear()
    }

    // Lines: long stretches one line an event (stored as nothing) broken by folded and
    // skipped lines (stored whole), across many chunks, must read back exactly.
    void lineColumnReadsBackEveryLine()
    {
        std::vector<std::uint32_t> truth;
        std::uint32_t line = 1, seed = 11;
        auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
        for (int i = 0; i < 100000; ++i) {
            truth.push_back(line);
            const std::uint32_t r = next() % 1000;
            line += r < 995 || i < 3000 ? 1 : 2 + next() % 70000; // a long traceback now and then
        }
        truth.push_back(0xFFFFFFF0u); // a line number near the top of the range
        truth.push_back(0xFFFFFFF1u);
        LineColumn column;
        for (std::uint32_t v : truth)
            column.push_back(v);
        QCOMPARE(column.size(), truth.size());
        const QString diff = firstDifference(column, truth, "line");
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        column.clear();
        QCOMPARE(column.size(), std::size_t(0));
        column.push_back(42);
        column.push_back(7); // a line lower than the one before breaks the chunk's run as well
        QCOMPARE(column[0], 42u);
        QCOMPARE(column[1], 7u);
    }

    // Times: a base per chunk and 32-bit distances; absent times, times months apart in
    // one chunk, and later writes (times filled in from neighbours) that no longer fit a
    // chunk's base must all read back exactly.
    void timeColumnReadsBackEveryTime()
    {
        std::vector<TimeMs> truth;
        std::uint32_t seed = 3;
        auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
        TimeMs t = 1717200000000; // 2024-06-01
        for (int i = 0; i < 60000; ++i) {
            const std::uint32_t r = next() % 1000;
            t += next() % 500;
            if (r < 30)
                truth.push_back(kNoTime);
            else if (r < 32) // another stream's event, 40 days earlier
                truth.push_back(t - TimeMs(40) * 86400000);
            else if (r == 32) // the extremes a timestamp parser can return
                truth.push_back(next() % 2 ? TimeMs(0) : TimeMs(253402300799999));
            else
                truth.push_back(t);
        }
        TimeColumn column;
        for (std::size_t i = 0; i < truth.size(); ++i) {
            if (i % 1024 == 0) // a chunk (of 256) that begins without a time
                truth[i] = kNoTime;
            column.push_back(truth[i]);
        }
        // Fill in, as fillTimes() does, then overwrite some with far times.
        for (std::size_t i = 0; i < truth.size(); i += 37) {
            const TimeMs v = next() % 5 == 0 ? TimeMs(1) : (next() % 4 == 0 ? kNoTime : truth[i] + 1);
            truth[i] = v;
            column.set(i, v);
        }
        QCOMPARE(column.size(), truth.size());
        const QString diff = firstDifference(column, truth, "time");
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        column.clear();
        QCOMPARE(column.size(), std::size_t(0));
        column.push_back(kNoTime);
        column.push_back(5);
        QCOMPARE(column[0], kNoTime);
        QCOMPARE(column[1], TimeMs(5)); // no base left over from before clear()
    }

    // Ids and lengths in 2 bytes an event: values on both sides of a chunk's base
    // (unsigned arithmetic that wraps), the absent id 0, the largest value, and ids
    // farther apart than 32,767 in one chunk must read back exactly, before and after
    // later writes.
    void packedIdsReadBackExactly()
    {
        using Ids = PackedColumn<std::uint32_t, std::int16_t, 0u>;
        std::vector<std::uint32_t> truth;
        std::uint32_t seed = 5, centre = 100000;
        auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
        for (int i = 0; i < 50000; ++i) {
            centre += next() % 3;
            const std::uint32_t r = next() % 1000;
            if (r < 200)
                truth.push_back(0);
            else if (r < 202)
                truth.push_back(0xFFFFFFFFu);
            else if (r < 204)
                truth.push_back(centre + 40000); // a long-running request seen again
            else
                truth.push_back(centre - 300 + next() % 600);
        }
        Ids column;
        for (std::uint32_t v : truth)
            column.push_back(v);
        for (std::size_t i = 3; i < truth.size(); i += 101) {
            truth[i] = i % 2 ? 0u : truth[i] - 20000;
            column.set(i, truth[i]);
        }
        QCOMPARE(column.size(), truth.size());
        const QString diff = firstDifference(column, truth, "id");
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QCOMPARE(column.back(), truth.back());
        // Both ways of keeping a chunk were used.
        const std::size_t chunks = (truth.size() + 255) / 256;
        QVERIFY(column.wideChunks() > 0);
        QVERIFY(column.wideChunks() < chunks);
    }

    // The merge appends a block's columns whole: pieces of every length (one event, a
    // chunk less one, a chunk, a chunk and one, many chunks), each appended through a
    // mapping to a column that holds any number of events already, must store what
    // pushing the mapped values one by one stores: the same values, and the same chunks
    // kept whole (a piece's values too far apart widen the chunk they land in).
    void appendedColumnsAreWhatPushBackBuilds()
    {
        using Ids = PackedColumn<std::uint32_t, std::int16_t, 0u>;
        std::uint32_t seed = 13;
        auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
        std::vector<std::uint32_t> values;
        std::uint32_t centre = 5000;
        for (int i = 0; i < 30000; ++i) {
            centre += next() % 2;
            const std::uint32_t r = next() % 1000;
            values.push_back(r < 150 ? 0u : (r < 153 ? centre + 50000 : centre - 200 + next() % 400));
        }
        auto map = [](std::size_t k, std::uint32_t v) { return v == 0 ? 0u : v * 3 + std::uint32_t(k % 2); };
        Ids appended, pushed;
        std::vector<std::uint32_t> truth;
        const std::size_t lengths[] = { 1, 255, 256, 257, 3, 1000, 511, 2, 4096, 0, 700 };
        std::size_t at = 0, turn = 0;
        while (at < values.size()) {
            const std::size_t n = std::min(values.size() - at, lengths[turn++ % std::size(lengths)]);
            appended.append(n, [&](std::size_t k) { return map(k, values[at + k]); });
            for (std::size_t k = 0; k < n; ++k) {
                truth.push_back(map(k, values[at + k]));
                pushed.push_back(truth.back());
            }
            at += n;
        }
        QCOMPARE(appended.size(), truth.size());
        const QString diff = firstDifference(appended, truth, "id");
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QCOMPARE(appended.wideChunks(), pushed.wideChunks());
        QVERIFY(appended.wideChunks() > 0);
        // Later writes land as they do in a pushed column.
        for (std::size_t i = 1; i < truth.size(); i += 97) {
            truth[i] = i % 3 ? 0u : truth[i] + 70000;
            appended.set(i, truth[i]);
        }
        const QString afterSet = firstDifference(appended, truth, "id after set");
        QVERIFY2(afterSet.isEmpty(), qPrintable(afterSet));

        // Offsets: appended runs of high bits where pushed ones would start.
        std::vector<std::uint64_t> offsets;
        std::uint64_t off = 0xFFFF0000u;
        for (int i = 0; i < 5000; ++i) {
            off += 1 + next() % 4000;
            offsets.push_back(next() % 50 == 0 ? kArenaOffset | next() % 1000 : off);
        }
        OffsetColumn merged;
        merged.push_back(7);
        std::vector<std::uint64_t> offsetTruth { 7 };
        for (std::size_t from = 0; from < offsets.size(); from += 333) {
            const std::size_t n = std::min<std::size_t>(333, offsets.size() - from);
            merged.append(n, [&](std::size_t k) { return offsets[from + k]; });
            offsetTruth.insert(
                offsetTruth.end(), offsets.begin() + std::ptrdiff_t(from), offsets.begin() + std::ptrdiff_t(from + n));
        }
        const QString offsetDiff = firstDifference(merged, offsetTruth, "offset");
        QVERIFY2(offsetDiff.isEmpty(), qPrintable(offsetDiff));
    }

    // hasNone() (fillTimes() returns at once when it is false) must find an absent value
    // wherever it is: in a narrow chunk or a chunk kept whole, in the last and partly
    // filled chunk, put there by push_back(), append() or set(); and find none once every
    // one is overwritten.
    void hasNoneFindsEveryAbsentValue()
    {
        std::uint32_t seed = 21;
        auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
        std::vector<TimeMs> values;
        TimeMs t = 1700000000000;
        for (int i = 0; i < 256 * 9 + 77; ++i) {
            t += next() % 50;
            // Chunks 2 and 5 hold a time 30 days on: too far for 4 bytes, kept whole.
            const std::size_t chunk = std::size_t(i) / 256;
            values.push_back((chunk == 2 || chunk == 5) && i % 256 == 100 ? t + 30LL * 86400000 : t);
        }
        TimeColumn whole;
        for (TimeMs v : values)
            whole.push_back(v);
        QVERIFY(whole.wideChunks() >= 2);
        QVERIFY(!whole.hasNone());
        QVERIFY(!TimeColumn().hasNone());
        const std::size_t spots[] = { 0, 255, 256, 2 * 256 + 7, 5 * 256 + 255, 7 * 256 + 1, values.size() - 1 };
        for (std::size_t at : spots) {
            TimeColumn pushed, appended;
            for (std::size_t i = 0; i < values.size(); ++i)
                pushed.push_back(i == at ? kNoTime : values[i]);
            appended.append(values.size(), [&](std::size_t i) { return i == at ? kNoTime : values[i]; });
            QVERIFY2(pushed.hasNone(), qPrintable(QStringLiteral("pushed, absent at %1").arg(at)));
            QVERIFY2(appended.hasNone(), qPrintable(QStringLiteral("appended, absent at %1").arg(at)));
            TimeColumn set = whole;
            set.set(at, kNoTime);
            QVERIFY2(set.hasNone(), qPrintable(QStringLiteral("set, absent at %1").arg(at)));
            set.set(at, values[at]);
            QVERIFY2(!set.hasNone(), qPrintable(QStringLiteral("set back at %1").arg(at)));
        }
    }

    // The edges of the narrow codes: a distance of exactly the narrow type's largest value
    // and of one above its smallest fit; the smallest itself (the code for "absent") and
    // anything beyond must not be taken for a distance. A real value equal to `None`
    // (an aux of -1, a length clamped to UINT32_MAX) reads back as itself.
    void packedColumnEdges()
    {
        PackedColumn<std::int32_t, std::int16_t, -1> aux;
        const std::vector<std::int32_t> auxes { 1000, 1000 + 32767, 1000 - 32767, 1000 - 32768, -1, 1000 + 32768, 7 };
        for (std::int32_t v : auxes)
            aux.push_back(v);
        for (std::size_t i = 0; i < auxes.size(); ++i)
            QCOMPARE(aux[i], auxes[i]);
        QCOMPARE(aux.wideChunks(), std::size_t(1)); // -32768 and +32768 did not fit

        PackedColumn<std::int32_t, std::int16_t, -1> fits;
        for (std::int32_t v : { 50000, 50000 + 32767, 50000 - 32767, -1 })
            fits.push_back(v);
        QCOMPARE(fits.wideChunks(), std::size_t(0)); // every one of them fits the narrow code
        QCOMPARE(fits[1], 50000 + 32767);
        QCOMPARE(fits[2], 50000 - 32767);
        QCOMPARE(fits[3], -1);

        PackedColumn<std::uint32_t, std::int16_t, 0xFFFFFFFFu> lengths;
        for (std::uint32_t v : { 10u, 0xFFFFFFFFu, 0u, 20u })
            lengths.push_back(v);
        QCOMPARE(lengths[1], 0xFFFFFFFFu);
        QCOMPARE(lengths[2], 0u);
        QCOMPARE(lengths.wideChunks(), std::size_t(0));

        TimeColumn times; // the extremes of a 64-bit time: no overflow in the distance
        const std::vector<TimeMs> extremes { std::numeric_limits<TimeMs>::max(), kNoTime + 1, 0, kNoTime,
            std::numeric_limits<TimeMs>::max() - 1 };
        for (TimeMs t : extremes)
            times.push_back(t);
        for (std::size_t i = 0; i < extremes.size(); ++i)
            QCOMPARE(times[i], extremes[i]);
    }

    void oneUnitRule()
    {
        // µs below 1 ms, ms below 10 s, s from 10 s, for µs and ms inputs alike.
        QCOMPARE(formatUs(873), std::string("873 µs"));
        QCOMPARE(formatUs(4940), std::string("4.94 ms"));
        QCOMPARE(formatUs(1109566), std::string("1109.6 ms"));
        QCOMPARE(formatUs(9999000), std::string("9999.0 ms"));
        QCOMPARE(formatUs(10020950), std::string("10.02 s"));
        QCOMPARE(formatUs(-2500), std::string("-2.50 ms"));
        QCOMPARE(formatMs(0.64), std::string("640 µs"));
        QCOMPARE(formatMs(204.5), std::string("204.50 ms"));
        QCOMPARE(formatMs(9999.99), std::string("9999.99 ms"));
        QCOMPARE(formatMs(10020.95), std::string("10.02 s"));
        QCOMPARE(formatMs(0), std::string("0.00 ms"));
        QCOMPARE(formatMs(std::nan("")), std::string("–"));
    }

    void timestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("utc"); // as Logs Insights prints it
        // 2024-06-01T00:00:00Z = 1717200000 s
        QTest::newRow("iso Z ms") << "2024-06-01T00:00:00.653Z rest" << qint64(1717200000653) << 24
                                  << "2024-06-01 00:00:00.653";
        QTest::newRow("tail detailed µs +00:00")
            << "2024-06-01T00:00:00.057000+00:00 x" << qint64(1717200000057) << 32 << "2024-06-01 00:00:00.057";
        QTest::newRow("tail short") << "2024-06-01T00:00:01 import" << qint64(1717200001000) << 19
                                    << "2024-06-01 00:00:01.000";
        QTest::newRow("insights") << "2024-06-01 00:00:00.743" << qint64(1717200000743) << 23
                                  << "2024-06-01 00:00:00.743";
        QTest::newRow("offset") << "2024-06-01T02:00:00+02:00" << qint64(1717200000000) << 25
                                << "2024-06-01 00:00:00.000";
        QTest::newRow("negative offset") << "2022-10-04T12:23:01.595-04:00" << qint64(1664900581595) << 29
                                         << "2022-10-04 16:23:01.595";
        QTest::newRow("one fraction digit")
            << "2024-06-01T00:00:00.5Z" << qint64(1717200000500) << 22 << "2024-06-01 00:00:00.500";
        QTest::newRow("leap day") << "2024-02-29T12:00:00Z" << qint64(1709208000000) << 20 << "2024-02-29 12:00:00.000";
        // Milliseconds (read at once) beside every other number of fraction digits.
        QTest::newRow("two fraction digits")
            << "2024-06-01T00:00:00.25Z" << qint64(1717200000250) << 23 << "2024-06-01 00:00:00.250";
        QTest::newRow("milliseconds") << "2024-06-01T00:00:00.743Z" << qint64(1717200000743) << 24
                                      << "2024-06-01 00:00:00.743";
        QTest::newRow("milliseconds, nothing after")
            << "2024-06-01T00:00:00.743" << qint64(1717200000743) << 23 << "2024-06-01 00:00:00.743";
        QTest::newRow("milliseconds and an offset")
            << "2024-06-01T02:00:00.009+02:00" << qint64(1717200000009) << 29 << "2024-06-01 00:00:00.009";
        QTest::newRow("microseconds") << "2024-06-01T00:00:00.743999Z" << qint64(1717200000743) << 27
                                      << "2024-06-01 00:00:00.743";
        QTest::newRow("comma, milliseconds")
            << "2024-06-01 00:00:00,743" << qint64(1717200000743) << 23 << "2024-06-01 00:00:00.743";
    }
    void timestamps()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        QFETCH(int, length);
        const std::string s = text.toStdString();
        auto t = parseTimestamp(s);
        QVERIFY(t);
        QCOMPARE(t->ms, ms);
        QCOMPARE(int(t->length), length);
        QFETCH(QString, utc);
        QCOMPARE(QString::fromStdString(formatTimestamp(t->ms)), utc);
    }
    void badTimestamps()
    {
        for (const char *s :
            { "2024-13-01T00:00:00Z", "2024-06-01", "not a time", "2024-06-01T25:00:00Z", "2024-06-01T00:00:00." })
            QVERIFY2(!parseTimestamp(s), s);
        QCOMPARE(formatTimestamp(1717200000743), std::string("2024-06-01 00:00:00.743"));
        QCOMPARE(formatIsoTimestamp(0), std::string("1970-01-01T00:00:00.000Z"));
    }

    // The readers compare a key with the names they look for in word loads: every
    // length up to 24 (the 8-, 4- and 1-byte paths, overlapping tails), equal or
    // differing at any one byte, and a key that is a name's prefix or extension.
    void keysCompareByteForByte()
    {
        const std::string name = "abcdefghijklmnopqrstuvwx";
        for (std::size_t n = 0; n <= name.size(); ++n) {
            const std::string_view want(name.data(), n);
            std::string key(want);
            QVERIFY(flatjson::sameKey(key, want));
            for (std::size_t at = 0; at < n; ++at) {
                key[at] = 'Z';
                QVERIFY2(
                    !flatjson::sameKey(key, want), qPrintable(QStringLiteral("length %1, byte %2").arg(n).arg(at)));
                key[at] = name[at];
            }
            if (n > 0)
                QVERIFY(!flatjson::sameKey(want.substr(0, n - 1), want));
            if (n < name.size())
                QVERIFY(!flatjson::sameKey(std::string_view(name.data(), n + 1), want));
        }
    }

    // The guess that sends a record to the nested reader first: a quoted "platform."
    // whose ten bytes all lie in the record's first 64, as find() on them had it.
    void platformTypeIsLookedForInTheFirst64Bytes()
    {
        const std::string word = "\"platform.";
        for (std::size_t at = 0; at + word.size() <= 80; ++at) {
            std::string js(at, 'p'); // p's everywhere before it: each a false start
            js += word + "start\"}";
            const bool expected = std::string_view(js).substr(0, 64).find(word) != std::string_view::npos;
            QCOMPARE(platformTypeNearStart(js), expected);
            QCOMPARE(expected, at + word.size() <= 64);
        }
        QVERIFY(!platformTypeNearStart("{\"message\": \"a platform.start without its quote: xplatform.\"}"));
        QVERIFY(platformTypeNearStart("{\"time\":\"2024-06-01T00:00:00.000Z\",\"type\":\"platform.start\"}"));
        QVERIFY(!platformTypeNearStart(""));
        QVERIFY(!platformTypeNearStart("p"));
    }

    // The readers look a key up among the names of its length: names of one length,
    // names of 31 bytes and more (which share the table's last slot), and keys that are
    // a name's prefix or extension must each find exactly their own name.
    void keysAreFoundByTheirLength()
    {
        static constexpr std::string_view keys[]
            = { "ab", "cd", "level", "abcdefghijklmnopqrstuvwxyz01234", "abcdefghijklmnopqrstuvwxyz0123456789" };
        std::string_view out[std::size(keys)];
        const std::string js
            = "{\"cd\": \"1\", \"abcdefghijklmnopqrstuvwxyz0123456789\": \"2\", \"ab\": \"3\", "
              "\"abcdefghijklmnopqrstuvwxyz01234\": \"4\", \"abcdefghijklmnopqrstuvwxyz012345\": \"5\", "
              "\"leve\": \"6\", \"levels\": \"7\", \"cd\": \"8\"}";
        QVERIFY(flatjson::flatStrings(js, keys, out));
        QCOMPARE(out[0], std::string_view("3"));
        QCOMPARE(out[1], std::string_view("1")); // the first field of a name counts
        QCOMPARE(out[2], std::string_view());
        QCOMPARE(out[3], std::string_view("4"));
        QCOMPARE(out[4], std::string_view("2"));
    }

    // One Nested is reused for every record of a block, and a read clears only what the
    // read before it wrote: after any record (a full report, a failed read, an app
    // record), reading another must give what a fresh Nested gives.
    void aReusedNestedReadsAsAFreshOne()
    {
        static constexpr std::string_view top[] = { "time", "type", "timestamp", "level", "message" };
        static constexpr std::string_view record[] = { "requestId", "status", "errorType", "phase" };
        static constexpr std::string_view metrics[] = { "durationMs", "billedDurationMs", "initDurationMs" };
        using N = flatjson::Nested<std::size(top), std::size(record), std::size(metrics)>;
        const std::vector<std::string> records {
            "{\"time\":\"t1\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"r1\",\"status\":\"error\","
            "\"errorType\":\"E\","
            "\"phase\":\"invoke\",\"metrics\":{\"durationMs\":1.5,\"billedDurationMs\":\"2\",\"initDurationMs\":3}}}",
            "{\"time\":\"t2\",\"type\":\"platform.start\",\"record\":{\"requestId\":\"r2\"}}",
            "{\"timestamp\":\"t3\",\"level\":\"INFO\",\"message\":\"m\"}",
            "{\"time\":\"t4\",\"type\":\"platform.report\",\"record\":{\"metrics\":{\"durationMs\":7}}}",
            "{\"time\":\"t5\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"r5\",\"metrics\":{"
            "\"durationMs\":1e5}}}",
            "{\"time\":\"t6\",\"record\":\"not an object\"}",
            "{}",
        };
        for (const std::string &before : records)
            for (const std::string &after : records) {
                N reused, fresh;
                flatjson::nestedFields(before, top, record, metrics, reused);
                const bool ok = flatjson::nestedFields(after, top, record, metrics, reused);
                QCOMPARE(ok, flatjson::nestedFields(after, top, record, metrics, fresh));
                if (ok)
                    QVERIFY2(reused == fresh, qPrintable(QString::fromStdString(before + "  then  " + after)));
            }
    }

    void flatRecordsReadAsTheDomReadsThem()
    {
        // The parser reads flat application records without simdjson's DOM. Whenever
        // flatStrings() accepts a text, the DOM must accept it too and read the same
        // fields. Records of many shapes, then every one mutated byte by byte (the
        // characters that matter to JSON put everywhere), are checked both ways.
        const std::vector<std::string> shapes = {
            "{\"timestamp\": \"2024-06-01T00:03:08.226Z\", \"level\": \"INFO\", \"message\": \"Calling API id=3\", "
            "\"logger\": \"root\", \"requestId\": \"50ab74fc-bcad-5210-978f-e5baee11de5f\"}",
            "{\"time\":\"2024-06-01T00:03:08.226Z\",\"type\":\"app\",\"level\":\"ERROR\",\"errorType\":\"KeyError\","
            "\"message\":\"a \\\"quoted\\\" \\\\ word\\n\"}",
            "{ \"level\" : \"WARN\" , \"level\": \"ERROR\", \"requestId\": null, \"requestId\": \"x\", \"ok\": true, "
            "\"no\": false }",
            "{\"log_level\": \"ERROR\", \"errorType\": \"Runtime.ImportModuleError\", \"function_name\": \"fn\", "
            "\"aws_request_id\": \"r-1\"}",
            "{\"type\": \"platform.start\", \"time\": \"2024-06-01T00:03:08Z\", \"level\": \"INFO\"}",
            "{}",
            "{\"a\":\"b\"}   ",
            "  {\"level\":\"INFO\"}",
            "{\"level\":\t\"INFO\"\r\n}",
            "{\"level\": \"I\\u004eFO\"}",
            "{\"lev\\u0065l\": \"INFO\"}",
            "{\"level\": \"INFO\", \"n\": 1}",
            "{\"level\": \"INFO\", \"o\": {\"level\": \"ERROR\"}}",
            "{\"level\": \"INFO\", \"a\": []}",
            "{\"level\": \"IN\\/FO\"}",
            "{\"message\": \"caf\\u00e9\", \"level\": \"DEBUG\"}",
        };
        const std::string alphabet
            = std::string("\"\\{}[]:, \t\n\r0aeflnrstu/") + '\0' + '\x1f' + '\x7f' + '\xc3' + '\xa9';
        std::vector<std::string> texts = shapes;
        for (const std::string &s : shapes)
            for (std::size_t i = 0; i <= s.size(); ++i)
                for (char c : alphabet) {
                    std::string t = s;
                    t.insert(t.begin() + std::ptrdiff_t(i), c); // an extra byte
                    texts.push_back(t);
                    if (i < s.size()) {
                        t = s;
                        t[i] = c; // a changed byte
                        texts.push_back(t);
                        t = s;
                        t.erase(i, 1); // a missing byte
                        texts.push_back(t);
                    }
                }
        simdjson::dom::parser dom;
        std::size_t accepted = 0, fieldsRead = 0;
        for (const std::string &t : texts) {
            // One field at a time (the query language's JSON fields), as at_key() reads it.
            for (std::string_view key : { "level", "message", "requestId", "ok", "no", "a", "" }) {
                flatjson::Field one;
                if (!flatjson::flatField(t, key, one))
                    continue;
                ++fieldsRead;
                simdjson::dom::object o;
                QVERIFY2(dom.parse(t).get_object().get(o) == simdjson::SUCCESS, t.c_str());
                simdjson::dom::element v;
                if (o.at_key(key).get(v) != simdjson::SUCCESS) {
                    QVERIFY2(one.kind == flatjson::Field::Kind::Absent, t.c_str());
                    continue;
                }
                switch (v.type()) {
                case simdjson::dom::element_type::STRING:
                    QVERIFY2(one.kind == flatjson::Field::Kind::String && one.text == std::string_view(v.get_string()),
                        t.c_str());
                    break;
                case simdjson::dom::element_type::BOOL:
                    QVERIFY2(
                        one.kind == (bool(v.get_bool()) ? flatjson::Field::Kind::True : flatjson::Field::Kind::False),
                        t.c_str());
                    break;
                case simdjson::dom::element_type::NULL_VALUE:
                    QVERIFY2(one.kind == flatjson::Field::Kind::Null, t.c_str());
                    break;
                default:
                    QFAIL(t.c_str()); // a flat object has no other values
                }
            }
            RecordStrings fast;
            if (!flatStrings(t, kRecordFields, fast))
                continue;
            ++accepted;
            simdjson::dom::object o;
            const auto err = dom.parse(t).get_object().get(o);
            QVERIFY2(err == simdjson::SUCCESS, t.c_str());
            RecordStrings slow;
            strings(o, kRecordFields, slow);
            for (std::size_t k = 0; k < std::size(kRecordFields); ++k)
                QVERIFY2(fast[k] == slow[k], (t + " field " + std::string(kRecordFields[k])).c_str());
        }
        // The fast path is taken for most of them, not only for none.
        QVERIFY2(accepted > texts.size() / 4, qPrintable(QString::number(accepted)));
        QVERIFY2(fieldsRead > texts.size(), qPrintable(QString::number(fieldsRead)));
        RecordStrings f;
        QVERIFY(flatStrings(shapes[0], kRecordFields, f));
        QCOMPARE(f[Timestamp], std::string_view("2024-06-01T00:03:08.226Z"));
        QCOMPARE(f[RequestId], std::string_view("50ab74fc-bcad-5210-978f-e5baee11de5f"));
        QVERIFY(flatStrings(shapes[2], kRecordFields, f));
        QCOMPARE(f[LevelKey], std::string_view("WARN")); // the first field of a name
        QVERIFY(f[RequestId].empty()); // null, then a later duplicate: empty
        for (std::size_t i : { 9, 10, 11, 12, 13, 15 }) // \u, numbers, nesting, UTF-8: the DOM's
            QVERIFY2(!flatStrings(shapes[i], kRecordFields, f), shapes[i].c_str());
    }

    void requestIdShapeAtEveryByte()
    {
        // A request id is 36 letters or digits with dashes at 8, 13, 18 and 23: every byte
        // value at every place gives the answer of a plain check of that rule.
        const std::string base = "8f5c1c1e-0b1a-4C2d-9e3f-a0B1c2D3e4F5";
        QVERIFY(looksLikeRequestId(base));
        const auto plain = [](const std::string &t) {
            if (t.size() != 36)
                return false;
            for (std::size_t i = 0; i < 36; ++i) {
                const auto c = static_cast<unsigned char>(t[i]);
                const bool dashPlace = i == 8 || i == 13 || i == 18 || i == 23;
                if (dashPlace ? c != '-' : !std::isalnum(c))
                    return false;
            }
            return true;
        };
        for (std::size_t pos = 0; pos < 36; ++pos)
            for (int b = 0; b < 256; ++b) {
                std::string t = base;
                t[pos] = char(b);
                QCOMPARE(looksLikeRequestId(t), plain(t));
            }
        QVERIFY(!looksLikeRequestId(base.substr(0, 35)));
        QVERIFY(!looksLikeRequestId(base + "a"));
        QVERIFY(!looksLikeRequestId(std::string(36, '-')));
    }

    void firstLineStopsAtTheFirstBreak()
    {
        // Every length to 70 (past four 16-byte steps), a '\n' or '\r' at every place, or
        // none, after bytes that look alike (0x0a / 0x0d plus 0x80, '\t', '\f'): the text
        // before the first break, as a plain search finds it.
        for (std::size_t len = 0; len <= 70; ++len)
            for (std::size_t at = 0; at <= len; ++at)
                for (const char br : { '\n', '\r' }) {
                    std::string t(len, 'x');
                    for (std::size_t i = 0; i < len; ++i)
                        t[i] = "ab\t\f\x8a\x8d \x0b"[i % 8];
                    if (at < len)
                        t[at] = br;
                    if (at + 1 < len)
                        t[at + 1] = br == '\n' ? '\r' : '\n';
                    const std::size_t plain = t.find_first_of("\r\n");
                    QCOMPARE(firstLine(t).size(), plain == std::string::npos ? len : plain);
                    QVERIFY(firstLine(t).data() == t.data());
                }
    }

    void requestIdEndsAtTheFirstSeparator()
    {
        // The word after a runtime line's timestamp ends at the first space, tab or line
        // break, wherever it falls (before, at and past 16 and 32 bytes); it is the
        // request id when it has an id's shape.
        const std::string id = "8f5c1c1e-0b1a-4c2d-9e3f-a0b1c2d3e4f5";
        for (std::size_t cut = 1; cut <= 40; ++cut)
            for (const char sep : { ' ', '\t', '\n', '\r' }) {
                std::string word = cut <= id.size() ? id.substr(0, cut) : id + std::string(cut - id.size(), 'a');
                const std::string line = "[ERROR]\t2024-06-01T00:02:01.562Z\t" + word + sep + "body text";
                const TextFields f = classifyText(line);
                QCOMPARE(f.level, Level::Error);
                QCOMPARE(std::string(f.requestId), cut == id.size() ? id : std::string());
                // The word ends at the separator, not at a space inside a later word.
                const std::string later = "[ERROR]\t2024-06-01T00:02:01.562Z\t" + id + sep + word;
                const TextFields g = classifyText(later); // its views point into `later`
                QCOMPARE(std::string(g.requestId), id);
            }
    }

    void reportFieldsAmongAnySpacing()
    {
        // REPORT lines with their fields in any order, between any whitespace (tabs,
        // runs of spaces, \f, \v), with words that are not keys between them ("xDuration:"
        // is not at a word's start; "Foo:" is no key): every figure is the one written.
        std::mt19937_64 rng(5);
        const char *spaces[] = { "\t", " ", "  ", "\t ", " \t", "\f", "\v", "                 " };
        const char *noise[] = { "", "xDuration: 7 ms", "Foo: 9", "ms", "Durations", "Init:", "Memory" };
        for (int round = 0; round < 3000; ++round) {
            const int duration = int(rng() % 100000), billed = int(rng() % 100000), size = 128 + int(rng() % 10000),
                      used = int(rng() % 10000), init = int(rng() % 100000);
            std::vector<std::string> fields = { "Duration: " + std::to_string(duration) + ".25 ms",
                "Billed Duration: " + std::to_string(billed) + " ms", "Memory Size: " + std::to_string(size) + " MB",
                "Max Memory Used: " + std::to_string(used) + " MB",
                "Init Duration: " + std::to_string(init) + ".5 ms" };
            std::shuffle(fields.begin(), fields.end(), rng);
            std::string line = "REPORT RequestId: 8f5c1c1e-0b1a-4c2d-9e3f-a0b1c2d3e4f5";
            for (const std::string &f : fields) {
                line += spaces[rng() % std::size(spaces)];
                line += f;
                if (const char *n = noise[rng() % std::size(noise)]; *n) {
                    line += spaces[rng() % std::size(spaces)];
                    line += n;
                }
            }
            line += spaces[rng() % std::size(spaces)];
            const TextFields f = classifyText(line);
            const QByteArray what = QByteArray::fromStdString(line);
            QVERIFY2(f.kind == EventKind::Report, what);
            QVERIFY2(f.requestId == "8f5c1c1e-0b1a-4c2d-9e3f-a0b1c2d3e4f5", what);
            QVERIFY2(f.durationMs == duration + 0.25, what);
            QVERIFY2(f.billedDurationMs == billed, what);
            QVERIFY2(f.memorySizeMB == size, what);
            QVERIFY2(f.maxMemoryUsedMB == used, what);
            QVERIFY2(f.initDurationMs == init + 0.5, what);
        }
    }

    void nestedRecordsReadAsTheDomReadsThem()
    {
        // platform.* records (and application records with nested values) are read
        // without simdjson's DOM when they are plain enough. Whenever nestedFields()
        // accepts a text, the DOM must accept it too, and every field the ingest reads
        // (top-level strings, the keys-only flag, the record's strings, its metrics as
        // num() reads them) must be the same. The fixture's records, records in the
        // shapes AWS documents (spans, tracing), and every byte mutation of a few of them.
        QFile file(testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        std::vector<std::string> shapes;
        for (const QByteArray &line : file.readAll().split('\n'))
            if (line.contains("\"type\":\"platform."))
                shapes.push_back(line.toStdString());
        QVERIFY(shapes.size() > 100);
        const std::size_t fromFixture = shapes.size();
        const std::vector<std::string> documented = {
            "{\"time\":\"2022-10-12T00:03:50.000Z\",\"type\":\"platform.runtimeDone\",\"record\":{\"requestId\":"
            "\"6f7f0961f83442118a7af6fe80b88d56\",\"status\":\"success\",\"tracing\":{\"spanId\":\"54565fb41ac79632\","
            "\"type\":\"X-Amzn-Trace-Id\",\"value\":\"Root=1-62e900b2-710d76f009d6e7785905449a;Parent=0efbd19962d95b05;"
            "Sampled=1\"},\"spans\":[{\"name\":\"responseLatency\",\"start\":\"2022-08-02T12:01:23.521Z\","
            "\"durationMs\":23.02},{\"name\":\"responseDuration\",\"start\":\"2022-08-02T12:01:23.521Z\","
            "\"durationMs\":20}],\"metrics\":{\"durationMs\":200.0,\"producedBytes\":15}}}",
            "{\"time\":\"2022-10-12T00:03:50.000Z\",\"type\":\"platform.report\",\"record\":{\"requestId\":"
            "\"6f7f0961f83442118a7af6fe80b88d56\",\"metrics\":{\"durationMs\":1.23,\"billedDurationMs\":2,"
            "\"memorySizeMB\":128,\"maxMemoryUsedMB\":64,\"initDurationMs\":0.5,\"restoreDurationMs\":\"7.5\"},"
            "\"tracing\":{\"spanId\":\"x\",\"type\":\"X-Amzn-Trace-Id\",\"value\":\"Root=1\"},\"status\":\"timeout\","
            "\"errorType\":\"Sandbox.Timedout\"}}",
            "{\"time\":\"2022-10-12T00:00:15.064Z\",\"type\":\"platform.initReport\",\"record\":{"
            "\"initializationType\":"
            "\"on-demand\",\"status\":\"error\",\"errorType\":\"Runtime.ExitError\",\"phase\":\"init\",\"metrics\":"
            "{\"durationMs\":10020.95}}}",
            "{\"time\":\"2024-01-01T00:00:00Z\",\"type\":\"platform.report\",\"record\":{\"metrics\":{\"durationMs\":-"
            "0,"
            "\"billedDurationMs\":1e3,\"memorySizeMB\":12345678901234567890}},\"extra\":[1,2.5,-3,true,null,\"s\",{}]}",
            "{\"type\":\"platform.report\",\"record\":[],\"record\":{\"requestId\":\"later\"}}",
            "{\"type\":\"platform.report\",\"record\":{\"metrics\":1,\"metrics\":{\"durationMs\":5},\"requestId\":true,"
            "\"requestId\":\"r\",\"status\":\"fail\\\"ure\"}}",
            "{\"type\":\"platform.start\",\"time\":\"2024-01-01T00:00:00Z\",\"record\":{\"requestId\":\"a\\u0062c\","
            "\"functionArn\":\"arn:aws:lambda:us-east-1:123:function:fn\",\"version\":\"$LATEST\"}}",
            "{\"level\":\"INFO\",\"message\":\"nested\",\"context\":{\"a\":[{\"b\":[[],{}]}]},\"requestId\":\"r-9\"}",
            "{\"type\":\"platform.report\",\"record\":{\"metrics\":{\"durationMs\":0.1,\"durationMs\":9}},\"time\":1}",
            "{\"type\":\"platform.report\",\"record\":{\"metrics\":{\"durationMs\":-0,\"billedDurationMs\":-1.5}}}",
        };
        shapes.insert(shapes.end(), documented.begin(), documented.end());
        const std::string alphabet = std::string("\"\\{}[]:,. \t0159-eEaflnrstu") + '\0' + '\x1f' + '\x7f' + '\xc3';
        std::vector<std::string> texts = shapes;
        std::vector<std::string> mutated(shapes.begin() + std::ptrdiff_t(fromFixture), shapes.end());
        mutated.push_back(shapes[0]);
        mutated.push_back(shapes[3]);
        for (const std::string &s : mutated)
            for (std::string &t : byteMutations(s, alphabet))
                texts.push_back(std::move(t));
        const auto same = [](double a, double b) {
            return (std::isnan(a) && std::isnan(b)) || (a == b && std::signbit(a) == std::signbit(b));
        };
        simdjson::dom::parser dom;
        std::size_t accepted = 0, withMetrics = 0;
        for (const std::string &t : texts) {
            NestedRecord n;
            if (!flatjson::nestedFields(t, kRecordFields, kPlatformRecordKeys, kMetricKeys, n))
                continue;
            ++accepted;
            const char *what = t.c_str();
            simdjson::dom::object o;
            QVERIFY2(dom.parse(t).get_object().get(o) == simdjson::SUCCESS, what);
            RecordStrings top;
            strings(o, kRecordFields, top);
            for (std::size_t k = 0; k < std::size(kRecordFields); ++k)
                QVERIFY2(n.top[k] == top[k], what);
            bool keysOnly = true;
            for (auto field : o)
                keysOnly = keysOnly && (field.key == "time" || field.key == "type" || field.key == "record");
            QVERIFY2(n.keysOnly == keysOnly, what);
            simdjson::dom::object rec;
            const bool hasRecord = o["record"].get_object().get(rec) == simdjson::SUCCESS;
            QVERIFY2(n.hasRecord == hasRecord, what);
            if (!hasRecord)
                continue;
            std::string_view r[std::size(kPlatformRecordKeys)];
            strings(rec, kPlatformRecordKeys, r);
            for (std::size_t k = 0; k < std::size(kPlatformRecordKeys); ++k)
                QVERIFY2(n.record[k] == r[k], what);
            simdjson::dom::object metrics;
            const bool hasMetrics = rec["metrics"].get_object().get(metrics) == simdjson::SUCCESS;
            QVERIFY2(n.hasMetrics == hasMetrics, what);
            if (!hasMetrics)
                continue;
            ++withMetrics;
            for (std::size_t k = 0; k < std::size(kMetricKeys); ++k)
                QVERIFY2(same(metricOf(n, k), num(metrics, kMetricKeys[k])),
                    (t + " " + std::string(kMetricKeys[k])).c_str());
        }
        // Every fixture record is read without the DOM, and so are most mutations.
        NestedRecord n;
        for (std::size_t i = 0; i < fromFixture; ++i)
            QVERIFY2(flatjson::nestedFields(shapes[i], kRecordFields, kPlatformRecordKeys, kMetricKeys, n),
                shapes[i].c_str());
        QVERIFY2(accepted > texts.size() / 4, qPrintable(QString::number(accepted)));
        QVERIFY(withMetrics > fromFixture / 3);
        // What is left to the DOM: -0, an exponent, a 20-digit integer, a \u escape read.
        for (std::size_t i : { fromFixture + 3, fromFixture + 6, fromFixture + 9 })
            QVERIFY2(!flatjson::nestedFields(shapes[i], kRecordFields, kPlatformRecordKeys, kMetricKeys, n),
                shapes[i].c_str());
        QVERIFY(flatjson::nestedFields(shapes[fromFixture], kRecordFields, kPlatformRecordKeys, kMetricKeys, n));
        QCOMPARE(n.record[RecStatus], std::string_view("success"));
        QCOMPARE(metricOf(n, MetDuration), 200.0);
        QVERIFY(std::isnan(metricOf(n, MetBilled)));
        QVERIFY(flatjson::nestedFields(shapes[fromFixture + 1], kRecordFields, kPlatformRecordKeys, kMetricKeys, n));
        QCOMPARE(metricOf(n, MetRestore), 7.5); // a number in a string, as num() reads it
        QVERIFY(flatjson::nestedFields(shapes[fromFixture + 4], kRecordFields, kPlatformRecordKeys, kMetricKeys, n));
        QVERIFY(!n.hasRecord); // the first "record" is an array
        // Metrics of 1 to 18 digits with the point anywhere: read exactly as the DOM reads
        // them (up to 15 digits without from_chars).
        std::mt19937_64 rng(12);
        for (int i = 0; i < 20000; ++i) {
            const int digits = 1 + int(rng() % 18);
            std::string number = std::to_string(1 + rng() % 9);
            while (int(number.size()) < digits)
                number += char('0' + rng() % 10);
            if (const std::size_t point = rng() % std::size_t(digits); point > 0)
                number.insert(point, ".");
            const std::string t
                = "{\"type\":\"platform.report\",\"record\":{\"metrics\":{\"durationMs\":" + number + "}}}";
            QVERIFY2(flatjson::nestedFields(t, kRecordFields, kPlatformRecordKeys, kMetricKeys, n), t.c_str());
            simdjson::dom::object o, rec, metrics;
            QVERIFY(dom.parse(t).get_object().get(o) == simdjson::SUCCESS);
            QVERIFY(o["record"].get_object().get(rec) == simdjson::SUCCESS);
            QVERIFY(rec["metrics"].get_object().get(metrics) == simdjson::SUCCESS);
            QVERIFY2(same(metricOf(n, MetDuration), num(metrics, "durationMs")), t.c_str());
        }
    }

    // The ingest reads a record of a layout it has met by matching the layout's bytes
    // (flatjson::Shapes). Whatever it reads that way must be what nestedFields() reads,
    // field for field, into a Nested reused from any record before: over a JSON-format
    // log read in order, and over every one-byte change of records whose layout it knows
    // (a change to a value is still matched; a change anywhere else must not be).
    void shapesReadWhatTheNestedReaderReads()
    {
        using Shapes
            = flatjson::Shapes<std::size(kRecordFields), std::size(kPlatformRecordKeys), std::size(kMetricKeys)>;
        // Reads t with the cache (into `reused`) and with nestedFields() (into a fresh
        // Nested), checks they agree, and learns t's layout when the cache did not know
        // it. Returns whether the cache read it.
        NestedRecord reused;
        const auto check = [&](Shapes &shapes, const std::string &t, bool learn) {
            NestedRecord fresh;
            flatjson::Recording recording;
            const bool hit = shapes.read(t, reused);
            const bool ok
                = flatjson::nestedFields(t, kRecordFields, kPlatformRecordKeys, kMetricKeys, fresh, &recording);
            if (hit && !(ok && reused == fresh))
                return -1;
            if (!hit && ok && learn)
                shapes.learn(t, fresh, recording);
            return hit ? 1 : 0;
        };
        std::vector<std::string> lines;
        for (const char *name :
            { "lambda/generated/json-200-seed1.log", "lambda/generated/json-importtime-6000-seed2.log" }) {
            QFile file(testutil::fixture(QString::fromLatin1(name)));
            QVERIFY(file.open(QIODevice::ReadOnly));
            for (const QByteArray &line : file.readAll().split('\n'))
                if (line.startsWith('{'))
                    lines.push_back(line.trimmed().toStdString());
        }
        QVERIFY(lines.size() > 1000);
        Shapes shapes;
        std::size_t hits = 0;
        for (const std::string &t : lines) {
            const int r = check(shapes, t, true);
            QVERIFY2(r >= 0, t.c_str());
            hits += std::size_t(r);
        }
        // Lambda repeats a handful of layouts: all but the first record of each is matched.
        QVERIFY2(hits > lines.size() * 9 / 10, qPrintable(QStringLiteral("%1 of %2").arg(hits).arg(lines.size())));
        QVERIFY(shapes.size() > 1 && shapes.size() <= Shapes::kMaxShapes);
        // Application records that add keys as they please (a new layout almost every
        // time) between the platform records: the cache keeps the layouts that repeat.
        {
            Shapes mixed;
            std::mt19937 rng(5);
            std::size_t platform = 0, platformHits = 0;
            for (std::size_t i = 0; i < 4000; ++i) {
                std::string t = lines[i % lines.size()];
                const bool app = t.find("\"type\":\"platform.") == std::string::npos;
                if (app) {
                    t = "{\"timestamp\": \"2024-06-01T00:00:00.000Z\", \"level\": \"INFO\"";
                    for (int k = int(rng() % 4); k >= 0; --k)
                        t += ", \"k" + std::to_string(rng() % 40) + "\": \"v\"";
                    t += "}";
                }
                const int r = check(mixed, t, true);
                QVERIFY2(r >= 0, t.c_str());
                if (!app) {
                    ++platform;
                    platformHits += std::size_t(r);
                }
            }
            QVERIFY2(platformHits > platform * 9 / 10,
                qPrintable(QStringLiteral("%1 of %2").arg(platformHits).arg(platform)));
        }

        // One record of each kind the fixture holds (and an application record with a
        // number, true and null), each changed by one byte everywhere, with a cache that
        // knows only its layout.
        std::vector<std::string> originals;
        for (const std::string &t : lines) {
            const std::size_t at = t.find("\"type\":\"");
            const std::string type = at == std::string::npos ? std::string("app") : t.substr(at, 30);
            if (std::none_of(originals.begin(), originals.end(), [&](const std::string &o) {
                    return o.find(type) != std::string::npos
                        || (type == "app" && o.find("\"type\":\"") == std::string::npos);
                }))
                originals.push_back(t);
        }
        originals.push_back("{\"level\": \"INFO\", \"n\": 12, \"ok\": true, \"requestId\": null, \"message\": \"m\"}");
        QVERIFY(originals.size() >= 5);
        const std::string alphabet = std::string("\"\\{}[]:,. \t0159-eEaflnrstu") + '\0' + '\x1f' + '\xc3';
        std::size_t valueChanges = 0, tried = 0;
        for (const std::string &original : originals) {
            for (const std::string &t : byteMutations(original, alphabet)) {
                Shapes one;
                QVERIFY(check(one, original, true) == 0);
                QCOMPARE(one.size(), std::size_t(1));
                const int r = check(one, t, false);
                QVERIFY2(r >= 0, t.c_str());
                valueChanges += std::size_t(r);
                ++tried;
            }
        }
        // Many changes fall inside a value (a digit, a letter of a string) and are matched.
        QVERIFY2(valueChanges > tried / 10, qPrintable(QStringLiteral("%1 of %2").arg(valueChanges).arg(tried)));
        // What the cache must leave to nestedFields() (which leaves it to the DOM): an
        // escape in a value that is read, a negative metric, a value of another kind.
        const std::string report = "{\"time\":\"t\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"r\","
                                   "\"metrics\":{\"durationMs\":1.5,\"billedDurationMs\":2}}}";
        Shapes one;
        QVERIFY(check(one, report, true) == 0);
        NestedRecord n;
        QVERIFY(one.read(report, n));
        QCOMPARE(n.record[RecRequestId], std::string_view("r"));
        QCOMPARE(metricOf(n, MetDuration), 1.5);
        for (const std::string &t : {
                 std::string("{\"time\":\"t\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"r\\\"\","
                             "\"metrics\":{\"durationMs\":1.5,\"billedDurationMs\":2}}}"),
                 std::string("{\"time\":\"t\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"r\","
                             "\"metrics\":{\"durationMs\":-1.5,\"billedDurationMs\":2}}}"),
                 std::string("{\"time\":\"t\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"r\","
                             "\"metrics\":{\"durationMs\":\"1.5\",\"billedDurationMs\":2}}}"),
                 std::string("{\"time\":\"t\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"r\","
                             "\"metrics\":{\"durationMs\":1.5,\"billedDurationMs\":2}}} x"),
             })
            QVERIFY2(!one.read(t, n), t.c_str());
    }

    // The guess that orders the JSON readers ("platform. after a quote in the first 64
    // bytes) is 16 bytes at a time for a record of 64 bytes or more: the same answer as
    // the plain definition, at every place and length.
    void platformGuessIsThePlainDefinition()
    {
        const auto plain = [](std::string_view js) {
            const std::size_t n = std::min<std::size_t>(js.size(), 64);
            for (std::size_t q = 1; q + 9 <= n; ++q)
                if (js[q - 1] == '"' && js.substr(q, 9) == "platform.")
                    return true;
            return false;
        };
        std::mt19937 rng(9);
        const std::string pieces[] = { "\"platform.", "platform.", "\"p", "p", "\"", "x", "{\"time\":\"", "plat" };
        std::size_t yes = 0, tried = 0;
        for (int i = 0; i < 20000; ++i) {
            std::string js;
            const std::size_t length = rng() % 100;
            while (js.size() < length)
                js += pieces[rng() % std::size(pieces)];
            js.resize(length);
            const bool want = plain(js);
            QVERIFY2(platformTypeNearStart(js) == want, js.c_str());
            yes += want;
            ++tried;
        }
        QVERIFY(yes > tried / 10 && yes < tried * 9 / 10);
        const std::string report = "{\"time\":\"2024-06-01T00:00:00.000Z\",\"type\":\"platform.report\",\"record\":{}}";
        QVERIFY(platformTypeNearStart(report));
        QVERIFY(!platformTypeNearStart(std::string(60, ' ') + "\"platform.report\""));
    }

    void platformRecordFieldsReadAsTheDomReadsThem()
    {
        // A platform.* record is valid JSON (the ingest's DOM parsed it), so the query
        // language reads its top-level fields by skipping the others, nested "record"
        // included. On the fixture's records, and on every byte mutation of them that is
        // still valid JSON, each answer must be at_key()'s.
        QFile file(testutil::fixture(QStringLiteral("lambda/generated/json-200-seed1.log")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        std::vector<std::string> records;
        for (const QByteArray &line : file.readAll().split('\n'))
            if (line.contains("\"type\":\"platform."))
                records.push_back(line.toStdString());
        QVERIFY(records.size() > 100);
        simdjson::dom::parser dom;
        const std::string_view keys[] = { "type", "time", "record", "level", "requestId", "status", "", "tim" };
        std::size_t checked = 0, answered = 0;
        const auto check = [&](const std::string &t) {
            simdjson::dom::object o;
            if (dom.parse(t).get_object().get(o) != simdjson::SUCCESS)
                return; // not valid JSON: never given to validField()
            for (std::string_view key : keys) {
                ++checked;
                flatjson::Field f;
                if (!flatjson::validField(t, key, f))
                    continue;
                ++answered;
                simdjson::dom::element v;
                if (o.at_key(key).get(v) != simdjson::SUCCESS) {
                    QVERIFY2(f.kind == flatjson::Field::Kind::Absent, (t + " " + std::string(key)).c_str());
                    continue;
                }
                switch (v.type()) {
                case simdjson::dom::element_type::STRING:
                    QVERIFY2(f.kind == flatjson::Field::Kind::String && f.text == std::string_view(v.get_string()),
                        (t + " " + std::string(key)).c_str());
                    break;
                case simdjson::dom::element_type::BOOL:
                    QVERIFY2(
                        f.kind == (bool(v.get_bool()) ? flatjson::Field::Kind::True : flatjson::Field::Kind::False),
                        t.c_str());
                    break;
                case simdjson::dom::element_type::NULL_VALUE:
                    QVERIFY2(f.kind == flatjson::Field::Kind::Null, t.c_str());
                    break;
                default:
                    QFAIL((t + " " + std::string(key) + ": answered for a number, object or array").c_str());
                }
            }
        };
        for (const std::string &r : records)
            check(r);
        QVERIFY2(answered * 4 > checked * 3, qPrintable(QStringLiteral("%1 of %2").arg(answered).arg(checked)));
        const std::string alphabet = std::string("\"\\{}[]:, \t0aelnrstu") + '\xc3';
        for (std::size_t r = 0; r < records.size(); r += 9)
            for (std::size_t i = 0; i < records[r].size(); ++i)
                for (char c : alphabet) {
                    std::string t = records[r];
                    t.insert(t.begin() + std::ptrdiff_t(i), c);
                    check(t);
                    t = records[r];
                    t[i] = c;
                    check(t);
                }
        // Escapes, duplicates and values that are not strings, written out.
        for (const char *t : { "{\"type\":\"a\\\"b\",\"time\":\"x\"}", "{\"t\\u0069me\":\"x\",\"time\":\"y\"}",
                 "{\"record\":{\"type\":\"in\"},\"type\":\"out\",\"type\":\"again\"}",
                 "{\"level\":[1,{\"a\":\"]\"}],\"time\":5}", "{ }", "{\"requestId\":null,\"status\":true}" })
            check(t);
    }

    void levelNamesInAnyCase()
    {
        // Every spelling of every level name (and status), in every mix of cases, reads as its level;
        // near misses read as none.
        const auto eachCase = [](const std::string &lower, const auto &check) {
            for (unsigned mask = 0; mask < (1u << lower.size()); ++mask) {
                std::string s = lower;
                for (std::size_t i = 0; i < s.size(); ++i)
                    if (mask >> i & 1u)
                        s[i] = char(std::toupper(static_cast<unsigned char>(s[i])));
                check(s);
            }
        };
        const std::pair<const char *, Level> names[] = { { "info", Level::Info }, { "error", Level::Error },
            { "warning", Level::Warn }, { "warn", Level::Warn }, { "debug", Level::Debug }, { "trace", Level::Trace },
            { "critical", Level::Fatal }, { "fatal", Level::Fatal } };
        for (const auto &[name, level] : names)
            eachCase(name, [level = level](const std::string &s) {
                QVERIFY2(parseLevel(s) == level, s.c_str());
                QVERIFY2(parseLevel(s + "S") == Level::None, s.c_str());
                QVERIFY2(parseLevel(s.substr(0, s.size() - 1)) == Level::None, s.c_str());
                QVERIFY2(parseLevel(" " + s) == Level::None, s.c_str());
            });
        QCOMPARE(parseLevel(""), Level::None);
        QCOMPARE(parseLevel("NOTICE"), Level::None);
        // The same for a platform record's status.
        const std::pair<const char *, Status> statuses[] = { { "success", Status::Success }, { "error", Status::Error },
            { "failure", Status::Failure }, { "timeout", Status::Timeout } };
        for (const auto &[name, status] : statuses)
            eachCase(name, [status = status](const std::string &s) {
                QVERIFY2(parseStatus(s) == status, s.c_str());
                QVERIFY2(parseStatus(s + "s") == Status::Unknown, s.c_str());
                QVERIFY2(parseStatus(s.substr(1)) == Status::Unknown, s.c_str());
            });
        QCOMPARE(parseStatus(""), Status::Unknown);
    }

    void timestampsInAnyOrderOfDates()
    {
        // parseTimestamp() remembers the last date and minute it read: times of many dates in any
        // order (a date seen before, a new one, back again) and bad times that share a
        // good one's date must read exactly as each does on its own (formatIsoTimestamp
        // round trip), and a date's bytes never pass for a date the cache has not checked.
        std::uint64_t seed = 7;
        const auto next = [&] {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            return seed;
        };
        const TimeMs base = 1717200000000; // 2024-06-01
        for (int i = 0; i < 20000; ++i) {
            const TimeMs ms = base + TimeMs(next() % (400ull * 86400000)) - 200ll * 86400000;
            const std::string iso = formatIsoTimestamp(ms);
            const auto t = parseTimestamp(iso);
            QVERIFY2(t && t->ms == ms, iso.c_str());
            if (i % 7 == 0) { // the same date, a bad time of day
                std::string bad = iso;
                bad[11] = '9';
                QVERIFY2(!parseTimestamp(bad), bad.c_str());
            }
            if (i % 3 == 0) { // it also remembers the minute: the same minute, other seconds
                const TimeMs ms2 = ms / 60000 * 60000 + TimeMs(next() % 60000);
                const std::string iso2 = formatIsoTimestamp(ms2);
                QCOMPARE(iso2.substr(0, 16), iso.substr(0, 16));
                const auto t2 = parseTimestamp(iso2);
                QVERIFY2(t2 && t2->ms == ms2, iso2.c_str());
                for (const auto &[at, c] : { std::pair { 17, 'x' }, { 18, ':' }, { 16, '.' }, { 17, '7' } }) {
                    std::string bad = iso2; // its minute is remembered; its seconds are not seconds
                    bad[std::size_t(at)] = c;
                    QVERIFY2(!parseTimestamp(bad), bad.c_str());
                }
                std::string badMinute = iso2; // the same date and hour, minute 60 or "6x"
                badMinute[14] = '6';
                QVERIFY2(!parseTimestamp(badMinute), badMinute.c_str());
                badMinute[15] = 'x';
                QVERIFY2(!parseTimestamp(badMinute), badMinute.c_str());
                for (const TimeMs later : { ms2 + 60000, ms2 + 600000, ms2 + 3600000 }) { // another minute
                    const std::string iso3 = formatIsoTimestamp(later);
                    QVERIFY2(parseTimestamp(iso3) && parseTimestamp(iso3)->ms == later, iso3.c_str());
                    QVERIFY2(parseTimestamp(iso2) && parseTimestamp(iso2)->ms == ms2, iso2.c_str());
                }
                std::string space = iso2; // a space for the T: the same time
                space[10] = ' ';
                QVERIFY2(parseTimestamp(space) && parseTimestamp(space)->ms == ms2, space.c_str());
            }
        }
        QVERIFY(parseTimestamp("2024-06-01T00:00:00Z"));
        QVERIFY(!parseTimestamp(std::string(19, '\0')));
        QVERIFY(!parseTimestamp("2024-06-32T00:00:00Z"));
        QVERIFY(!parseTimestamp("2024-00-01T00:00:00Z"));
        QCOMPARE(parseTimestamp("2024-06-01T00:00:01Z")->ms, base + 1000);
    }

    void reportLines_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<double>("duration");
        QTest::addColumn<double>("billed");
        QTest::addColumn<int>("memory");
        QTest::addColumn<int>("maxMemory");
        QTest::addColumn<double>("init");
        QTest::addColumn<QString>("status");
        // Documentation layout with runs of spaces (tabs rendered as spaces).
        QTest::newRow("docs spaces")
            << "REPORT RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95  Duration: 15.74 ms  Billed "
               "Duration: 16 ms Memory Size: 128 MB Max Memory Used: 56 MB  Init Duration: 130.49 ms"
            << 15.74 << 16.0 << 128 << 56 << 130.49 << "";
        QTest::newRow("raw event tabs")
            << "REPORT RequestId: 4ce9340a-b765-490f-ad8a-02ab3415e2bf\tDuration: 26.73 ms\tBilled "
               "Duration: 27 ms \tMemory Size: 128 MB\tMax Memory Used: 75 MB\t"
            << 26.73 << 27.0 << 128 << 75 << qQNaN() << "";
        QTest::newRow("RIE init first")
            << "REPORT RequestId: 3624be1f-0000-0000-0000-000000000000\tInit Duration: 0.53 "
               "ms\tDuration: 902.44 ms\tBilled Duration: 1000 ms\tMemory Size: 128 MB\tMax Memory "
               "Used: 128 MB\t"
            << 902.44 << 1000.0 << 128 << 128 << 0.53 << "";
        QTest::newRow("timeout")
            << "REPORT RequestId: 13222b1e-0000-0000-0000-000000000000\tDuration: 3000.00 ms\tBilled "
               "Duration: 3000 ms\tMemory Size: 1024 MB\tMax Memory Used: 64 MB\tStatus: timeout"
            << 3000.0 << 3000.0 << 1024 << 64 << qQNaN() << "timeout";
        QTest::newRow("xray same line")
            << "REPORT RequestId: 6bc28136-0000-0000-0000-000000000000\tDuration: 2.28 ms\tBilled "
               "Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 65 MB\tInit Duration: 158.13 "
               "ms\tXRAY TraceId: 1-5e34a614-10bdxmplf1fb44f07bc535a1\tSegmentId: "
               "07f5xmpl2d1f6f85\tSampled: true"
            << 2.28 << 3.0 << 128 << 65 << 158.13 << "";
        QTest::newRow("xray next line")
            << "REPORT RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95\tDuration: 15.74 ms\tBilled "
               "Duration: 147 ms\tMemory Size: 128 MB\tMax Memory Used: 56 MB\tInit Duration: "
               "130.49 ms\nXRAY TraceId: 1-5e34a614-10bdxmplf1fb44f07bc535a1\tSegmentId: "
               "07f5xmpl2d1f6f85\tSampled: true"
            << 15.74 << 147.0 << 128 << 56 << 130.49 << "";
    }
    void reportLines()
    {
        QFETCH(QString, line);
        QFETCH(double, duration);
        QFETCH(double, billed);
        QFETCH(int, memory);
        QFETCH(int, maxMemory);
        QFETCH(double, init);
        QFETCH(QString, status);
        const std::string s = line.toStdString();
        const TextFields f = classifyText(s);
        QCOMPARE(f.kind, EventKind::Report);
        QVERIFY(f.problem.empty());
        QVERIFY(looksLikeRequestId(f.requestId));
        QCOMPARE(f.durationMs, duration);
        QCOMPARE(f.billedDurationMs, billed);
        QCOMPARE(f.memorySizeMB, memory);
        QCOMPARE(f.maxMemoryUsedMB, maxMemory);
        if (qIsNaN(init))
            QVERIFY(std::isnan(f.initDurationMs));
        else
            QCOMPARE(f.initDurationMs, init);
        QCOMPARE(QString::fromUtf8(statusName(f.status).data(), qsizetype(statusName(f.status).size())), status);
        if (line.contains(QLatin1String("XRAY")))
            QCOMPARE(std::string(f.xrayTraceId), std::string("1-5e34a614-10bdxmplf1fb44f07bc535a1"));
    }

    void initAndOtherLines()
    {
        TextFields f = classifyText("INIT_REPORT Init Duration: 10020.95 ms\tPhase: init\tStatus: timeout");
        QCOMPARE(f.kind, EventKind::InitReport);
        QCOMPARE(f.initDurationMs, 10020.95);
        QCOMPARE(f.status, Status::Timeout);
        QCOMPARE(std::string(f.phase), std::string("init"));
        // Blog rendering: tabs shown as single spaces.
        f = classifyText("INIT_REPORT Init Duration: 10009.13 ms Phase: init Status: timeout");
        QCOMPARE(f.initDurationMs, 10009.13);
        QCOMPARE(f.status, Status::Timeout);
        f = classifyText(
            "INIT_REPORT Init Duration: 229.04 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError");
        QCOMPARE(f.status, Status::Error);
        QCOMPARE(std::string(f.errorType), std::string("Runtime.ImportModuleError"));
        f = classifyText(
            "INIT_START Runtime Version: python:3.12.v36\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:1e2f");
        QCOMPARE(f.kind, EventKind::InitStart);
        QCOMPARE(std::string(f.runtimeVersion), std::string("python:3.12.v36"));
        f = classifyText("START RequestId: cd447e35-b8b6-48fe-842e-3d437204e52d Version: $LATEST");
        QCOMPARE(f.kind, EventKind::Start);
        QCOMPARE(std::string(f.requestId), std::string("cd447e35-b8b6-48fe-842e-3d437204e52d"));
        f = classifyText("END RequestId: cd447e35-b8b6-48fe-842e-3d437204e52d");
        QCOMPARE(f.kind, EventKind::End);
        f = classifyText("RESTORE_REPORT Restore Duration: 518.37 ms");
        QCOMPARE(f.kind, EventKind::RestoreReport);
        QCOMPARE(f.restoreDurationMs, 518.37);
        // A SnapStart REPORT (AWS's documented line): "Restore Duration" is also the tail
        // of "Billed Restore Duration", which must not overwrite it, in either order.
        for (const char *line :
            { "REPORT RequestId: 5ab6b9f8-0000-4000-8000-000000000001\tDuration: 24.74 ms\tBilled Duration: 138 "
              "ms\tMemory Size: 128 MB\tMax Memory Used: 73 MB\tRestore Duration: 396.67 ms\tBilled Restore "
              "Duration: 113 ms",
                "REPORT RequestId: 5ab6b9f8-0000-4000-8000-000000000001 Billed Restore Duration: 113 ms Restore "
                "Duration: 396.67 ms Duration: 24.74 ms Billed Duration: 138 ms" }) {
            f = classifyText(line);
            QCOMPARE(f.kind, EventKind::Report);
            QCOMPARE(f.restoreDurationMs, 396.67);
            QCOMPARE(f.durationMs, 24.74);
            QCOMPARE(f.billedDurationMs, 138.0);
        }
        f = classifyText(
            "2024-06-01T00:00:31.745Z 58989008-6a17-49af-9b56-9643d037cdff Task timed out after 30.00 seconds");
        QCOMPARE(f.kind, EventKind::TimedOut);
        QCOMPARE(std::string(f.requestId), std::string("58989008-6a17-49af-9b56-9643d037cdff"));
        QCOMPARE(f.time, TimeMs(1717200031745));
        f = classifyText(
            "[WARNING]\t2024-06-01T00:00:00.654Z\tcd447e35-b8b6-48fe-842e-3d437204e52d\tDownstream API slow");
        QCOMPARE(f.kind, EventKind::AppLog);
        QCOMPARE(f.level, Level::Warn);
        QCOMPARE(f.time, TimeMs(1717200000654));
        f = classifyText(
            "2019-06-05T19:30:03.173Z\t4ce9340a-b765-490f-ad8a-02ab3415e2bf\tINFO\tEVENT\r{\r  \"key\": \"value\"\r}");
        QCOMPARE(f.kind, EventKind::AppLog);
        QCOMPARE(f.level, Level::Info);
        f = classifyText("[ERROR] Runtime.ImportModuleError: Unable to import module 'app': No module named 'x'");
        QCOMPARE(f.kind, EventKind::AppLog);
        QCOMPARE(f.level, Level::Error);
        f = classifyText("processed 333 records");
        QCOMPARE(f.kind, EventKind::Text);
        f = classifyText("REPORT RequestId: broken");
        QVERIFY(!f.problem.empty());
    }

    void importLines()
    {
        ImportLine l;
        std::string_view problem;
        QVERIFY(parseImportLine("import time:       241 |        241 |     _codecs", l, problem));
        QCOMPARE(l.selfUs, 241);
        QCOMPARE(l.cumulativeUs, 241);
        QCOMPARE(l.level, 2);
        QCOMPARE(std::string(l.module), std::string("_codecs"));
        QVERIFY(parseImportLine("import time:     11988 |      20571 | encodings", l, problem));
        QCOMPARE(l.level, 0);
        // Spacing collapsed, as the CloudWatch console shows it.
        QVERIFY(parseImportLine("import time: 144 | 144 | _io", l, problem));
        QCOMPARE(l.selfUs, 144);
        QCOMPARE(l.level, 0);
        // Very large numbers overflow the %9ld width.
        QVERIFY(parseImportLine("import time: 1234567890 | 12345678901 | big", l, problem));
        QCOMPARE(l.cumulativeUs, 12345678901LL);
        // Python 3.14 -X importtime=2: name right-aligned in a field of width 2*level.
        QVERIFY(parseImportLine("import time: cached    | cached     |   os", l, problem));
        QVERIFY(l.cached);
        QCOMPARE(l.pad, 3);
        // Cut mid-line: no module.
        QVERIFY(!parseImportLine("import time:      5017 |       5071 |                                 ", l, problem));
        QVERIFY(!problem.empty());
        QVERIFY(!parseImportLine("import time:      50x7 |       5071 | foo", l, problem));
        QVERIFY(!parseImportLine("import time:      5017 ", l, problem));
        QVERIFY(isImportHeader("import time: self [us] | cumulative | imported package"));
        QCOMPARE(classifyText("import time: self [us] | cumulative | imported package").kind, EventKind::ImportHeader);
    }

    void streamNames()
    {
        StreamName n = parseStreamName("2024/06/01/[$LATEST]35bf992dc9e9c616612e7696a6cecc1b");
        QVERIFY(n.isLambda);
        QVERIFY(n.function.empty());
        QCOMPARE(std::string(n.version), std::string("$LATEST"));
        n = parseStreamName("2024/06/01/orders-api[$LATEST]35bf992dc9e9c616612e7696a6cecc1b");
        QCOMPARE(std::string(n.function), std::string("orders-api"));
        QVERIFY(!parseStreamName("teststream").isLambda);
        QCOMPARE(std::string(functionFromArn("arn:aws:lambda:eu-central-1:825765399535:function:tenner-notifier")),
            std::string("tenner-notifier"));
        QCOMPARE(std::string(functionFromArn("arn:aws:lambda:eu-central-1:1:function:fn:prod")), std::string("fn"));
    }

    void prefixes()
    {
        PrefixedLine p = splitPrefix(LinePrefix::TailDetailed,
            "2024-06-01T00:00:00.057000+00:00 2024/06/01/[$LATEST]5f1c0ffee0ddba11cafe0123456789ab import time: x");
        QVERIFY(p.ok);
        QCOMPARE(std::string(p.stream), std::string("2024/06/01/[$LATEST]5f1c0ffee0ddba11cafe0123456789ab"));
        QCOMPARE(std::string(p.message), std::string("import time: x"));
        p = splitPrefix(LinePrefix::SamLogs,
            "2023/07/05/[56]374cd7798d2a4e36a494a23d658b9741 2023-07-05T10:16:34.686000 END RequestId: x");
        QVERIFY(p.ok);
        QCOMPARE(std::string(p.message), std::string("END RequestId: x"));
        QVERIFY(!splitPrefix(LinePrefix::TailDetailed, "import time: x").ok);
    }

    void detection()
    {
        QCOMPARE(detectFormat("{\"events\": [{\"logStreamName\": \"a\"}]}").container, Container::LogEventsJson);
        QCOMPARE(detectFormat("{\n    \"events\": [\n").container, Container::LogEventsJson);
        QCOMPARE(detectFormat("{\"results\":[[{\"field\":\"@timestamp\",\"value\":\"x\"}]]}").container,
            Container::QueryResultsJson);
        QCOMPARE(detectFormat("{\"time\":\"2024-06-01T00:00:00.103Z\",\"type\":\"platform.initStart\"}\n").container,
            Container::Lines);
        QCOMPARE(
            detectFormat("@timestamp,@message\n2024-06-01 00:00:00.000,hello\n").container, Container::InsightsCsv);
        QCOMPARE(detectFormat("**CloudWatch Logs Insights**    \nregion: eu-west-1\n").container,
            Container::InsightsMarkdown);
        QCOMPARE(detectFormat(std::string_view("ab\0cd", 5)).container, Container::NotALog);
        // "<ts> <request id> Task timed out" lines are not a downloader's prefix.
        QCOMPARE(detectFormat("START RequestId: a\n2024-06-01T00:00:31.745Z 58989008-6a17-49af-9b56-9643d037cdff Task "
                              "timed out after 30.00 seconds\nEND RequestId: a\n")
                     .prefix,
            LinePrefix::None);
    }
};

QTEST_GUILESS_MAIN(TstTextParse)
#include "tst_textparse.moc"
