// SPDX-License-Identifier: MIT
// Import trees rebuilt from real -X importtime output, checked against values this
// test computes itself from the raw lines.
#include "testutil.h"

#include "importtree.h"
#include "loader.h"
#include "summary.h"

#include <QTest>

#include <map>

using namespace coldscope;

namespace {

std::shared_ptr<LogData> load(const QString &path)
{
    LoadResult r = loadFile(path.toStdString());
    if (!r.data)
        qFatal("%s", r.error.c_str());
    return r.data;
}

QString name(const LogData &d, const ImportNode &n)
{
    return QString::fromUtf8(d.moduleName(n).data(), qsizetype(d.moduleName(n).size()));
}

// Parent of each line by the indentation rule, computed independently: the
// parent of line k is the first later line with a smaller level.
std::vector<int> referenceParents(const std::vector<testutil::RefLine> &ref)
{
    std::vector<int> parent(ref.size(), -1);
    for (std::size_t k = 0; k < ref.size(); ++k)
        for (std::size_t j = k + 1; j < ref.size(); ++j)
            if (ref[j].level < ref[k].level) {
                parent[k] = int(j);
                break;
            }
    return parent;
}

} // namespace

class TstImportTree : public QObject
{
    Q_OBJECT
private slots:
    void realLogs_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &f : testutil::fixtures(QStringLiteral("importtime"), { QStringLiteral("*.log") }))
            QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
        for (const QString &f : testutil::fixtures(QStringLiteral("compare"), { QStringLiteral("*.log") }))
            QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
    }
    void realLogs()
    {
        QFETCH(QString, path);
        const auto ref = testutil::referenceImportLines(testutil::readAll(path));
        QVERIFY(!ref.empty());
        auto d = load(path);
        QCOMPARE(d->runs.size(), std::size_t(1));
        const ImportRun &run = d->runs.front();
        qint64 sumSelf = 0;
        int maxLevel = 0;
        std::vector<std::pair<QString, qint64>> roots;
        for (const auto &l : ref) {
            sumSelf += l.self;
            maxLevel = std::max(maxLevel, l.level);
            if (l.level == 0)
                roots.emplace_back(l.module, l.cumulative);
        }
        QCOMPARE(run.imports, qint64(ref.size()));
        QCOMPARE(run.totalSelfUs, sumSelf);
        QCOMPARE(run.maxDepth, maxLevel);
        QVERIFY(!run.truncated);
        QCOMPARE(run.roots.size(), roots.size());
        for (std::size_t i = 0; i < roots.size(); ++i) {
            QCOMPARE(name(*d, run.nodes[run.roots[i]]), roots[i].first);
            QCOMPARE(run.nodes[run.roots[i]].cumulativeUs, roots[i].second);
        }
        // Every line's parent is the one the indentation says.
        const auto parents = referenceParents(ref);
        std::map<std::uint32_t, std::size_t> lineOfEvent;
        for (std::size_t n = 0; n < run.nodes.size(); ++n)
            lineOfEvent[run.nodes[n].event] = n;
        QCOMPARE(lineOfEvent.size(), ref.size());
        std::vector<std::size_t> nodeOfLine;
        for (const auto &[event, node] : lineOfEvent)
            nodeOfLine.push_back(node);
        for (std::size_t k = 0; k < ref.size(); ++k) {
            const ImportNode &n = run.nodes[nodeOfLine[k]];
            QCOMPARE(name(*d, n), ref[k].module);
            QCOMPARE(n.selfUs, ref[k].self);
            if (parents[k] < 0)
                QCOMPARE(n.parent, -1);
            else
                QCOMPARE(std::size_t(n.parent), nodeOfLine[std::size_t(parents[k])]);
        }
        // Import order: pre-order, children after their parent and in file order.
        for (std::size_t n = 0; n < run.nodes.size(); ++n)
            for (std::size_t c = 1; c < run.nodes[n].children.size(); ++c)
                QVERIFY(run.nodes[run.nodes[n].children[c - 1]].event < run.nodes[run.nodes[n].children[c]].event);
    }

    void truncatedRunKeepsFinishedChildren()
    {
        const QString path = testutil::fixture(QStringLiteral("variants/boto3-json-numpy-requests.truncated.log"));
        const auto ref = testutil::referenceImportLines(testutil::readAll(path));
        auto d = load(path);
        QCOMPARE(d->runs.size(), std::size_t(1));
        const ImportRun &run = d->runs.front();
        QCOMPARE(run.imports, qint64(ref.size()));
        QVERIFY(run.truncated);
        QCOMPARE(d->skippedLines, std::uint64_t(1)); // the line cut mid-way
        QCOMPARE(d->diagnostics.front().line, std::uint32_t(testutil::readAll(path).count('\n') + 1));
        // Lines still waiting for their parent when the log ends hang under placeholders.
        int placeholders = 0;
        for (const ImportNode &n : run.nodes) {
            if (!n.placeholder)
                continue;
            ++placeholders;
            QVERIFY(!n.children.empty());
            qint64 sum = 0;
            for (auto c : n.children)
                sum += run.nodes[c].cumulativeUs;
            QCOMPARE(n.cumulativeUs, sum);
        }
        QVERIFY(placeholders > 0);
        // Depths are still the file's indentation.
        int maxLevel = 0;
        for (const auto &l : ref)
            maxLevel = std::max(maxLevel, l.level);
        QCOMPARE(run.maxDepth, maxLevel);
    }

    // The CloudWatch console collapses runs of spaces: rebuild nesting from times.
    void collapsedSpacingRebuildsFromTimes()
    {
        const QString path = testutil::fixture(QStringLiteral("importtime/boto3-json-numpy-requests.log"));
        const QByteArray original = testutil::readAll(path);
        QByteArray collapsed;
        for (const QByteArray &line : original.split('\n'))
            collapsed += line.simplified() + '\n';
        auto a = load(path);
        LoadResult rb = loadBytes(collapsed.toStdString(), "collapsed");
        QVERIFY(rb.data);
        const ImportRun &ra = a->runs.front();
        const ImportRun &rbRun = rb.data->runs.front();
        QVERIFY(rbRun.depthFromTimes);
        QCOMPARE(rbRun.imports, ra.imports);
        QCOMPARE(rbRun.totalSelfUs, ra.totalSelfUs);
        // Same parent for (nearly) every module. Ambiguous cases exist when a child's
        // cumulative time equals a sibling's rounding slack; allow a handful.
        std::map<QString, QString> parentA, parentB;
        for (const ImportNode &n : ra.nodes)
            parentA[name(*a, n)] = n.parent < 0 ? QString() : name(*a, ra.nodes[std::size_t(n.parent)]);
        for (const ImportNode &n : rbRun.nodes)
            parentB[name(*rb.data, n)] = n.parent < 0 ? QString() : name(*rb.data, rbRun.nodes[std::size_t(n.parent)]);
        int same = 0;
        for (const auto &[module, parent] : parentA)
            same += parentB.count(module) && parentB[module] == parent;
        QVERIFY2(same >= int(parentA.size()) - 5,
            qPrintable(QStringLiteral("%1 of %2 parents match").arg(same).arg(parentA.size())));
    }

    // Python 3.14 -X importtime=2, lines built with CPython's own format strings.
    void cachedLines()
    {
        auto timed = [](long self, long cum, int level, const char *name) {
            return QStringLiteral("import time: %1 | %2 | %3%4\n")
                .arg(self, 9)
                .arg(cum, 10)
                .arg(QString(level * 2, QLatin1Char(' ')))
                .arg(QLatin1String(name));
        };
        auto cached = [](int level, const char *name) {
            // "%*s" right-aligns the name in a field of width level*2.
            return QStringLiteral("import time: cached    | cached     | %1\n").arg(QLatin1String(name), level * 2);
        };
        QString text = QStringLiteral("import time: self [us] | cumulative | imported package\n");
        text += timed(10, 10, 2, "c");
        text += cached(2, "os"); // width 4 > len 2: level recoverable from the padding
        text += timed(5, 20, 1, "b");
        text += timed(7, 27, 0, "a");
        LoadResult r = loadBytes(text.toStdString(), "cached");
        QVERIFY(r.data);
        const ImportRun &run = r.data->runs.front();
        QCOMPARE(run.imports, qint64(3));
        QCOMPARE(run.cachedLines, qint64(1));
        QCOMPARE(run.roots.size(), std::size_t(1));
        const ImportNode &a = run.nodes[run.roots[0]];
        QCOMPARE(name(*r.data, a), QStringLiteral("a"));
        QCOMPARE(a.children.size(), std::size_t(1));
        const ImportNode &b = run.nodes[a.children[0]];
        QCOMPARE(b.children.size(), std::size_t(2)); // c and the cached os
        QVERIFY(run.nodes[b.children[1]].cached);
        QCOMPARE(name(*r.data, run.nodes[b.children[1]]), QStringLiteral("os"));
    }

    void hostileDepthIsBounded()
    {
        std::string text;
        for (int level = 3000; level >= 0; --level)
            text += "import time:         1 |          1 | " + std::string(std::size_t(level) * 2, ' ') + "m\n";
        LoadResult r = loadBytes(text, "deep");
        QVERIFY(r.data);
        QVERIFY(r.data->runs.front().maxDepth <= kMaxImportDepth);
        QVERIFY(!treeJson(*r.data).dump().empty());
    }
};

QTEST_GUILESS_MAIN(TstImportTree)
#include "tst_importtree.moc"
