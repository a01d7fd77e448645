// SPDX-License-Identifier: MIT
// The Findings pane (issue #14): cards in the engine's order, evidence buttons that
// select through the workspace, the settings, the empty states, the report's and
// presentation mode's first findings, and `render --view findings`.
#include "guitestutil.h"
#include "testutil.h"

#include "advice.h"
#include "exporting.h"
#include "findingsettings.h"
#include "findingspanel.h"
#include "format.h"
#include "presentation.h"
#include "report.h"
#include "style.h"
#include "workspace.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace coldscope;

namespace {

const QString kTimeout = QStringLiteral("lambda/generated/json-200-seed1.log"); // init-timeout (critical)
const QString kImports = QStringLiteral("lambda/generated/json-importtime-6000-seed2.log"); // heavy-import, ...

// The card of the first finding with `id`, or -1.
int cardOf(const FindingsPanel &p, const std::string &id)
{
    const auto all = p.advice().all();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i]->id == id)
            return int(i);
    return -1;
}

QString currentTab(const MainWindow &w)
{
    const auto *tabs = w.findChild<QTabWidget *>();
    return tabs->tabText(tabs->currentIndex()).remove(QLatin1Char('&'));
}

} // namespace

class TstFindings : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().remove(QStringLiteral("findings")); } // the engine's defaults

    void cardsFollowTheEngineOrder()
    {
        Workspace ws;
        auto p = testutil::show<FindingsPanel>(ws);
        testutil::load(ws, testutil::fixture(kTimeout));
        const Advice expected = advise(*ws.data(), AdviceSettings {});
        const auto all = expected.all();
        QVERIFY(!all.empty());
        QCOMPARE(all.front()->id, std::string("init-timeout"));
        QCOMPARE(p->cardCount(), int(all.size()));
        for (int i = 0; i < p->cardCount(); ++i) {
            const QString text = p->cardText(i);
            QVERIFY2(text.startsWith(
                         QString::fromStdString(std::string(severityName(all[std::size_t(i)]->severity))).toUpper()),
                qPrintable(text));
            QVERIFY2(text.contains(QString::fromStdString(all[std::size_t(i)]->title)), qPrintable(text));
            QVERIFY2(text.contains(QString::fromStdString(all[std::size_t(i)]->detail)), qPrintable(text));
        }
        QVERIFY(p->stateText().isEmpty());
        // The figures: one line per function, INIT against the limit.
        QCOMPARE(p->figuresText().count(QLatin1Char('\n')) + 1, qsizetype(expected.functions.size()));
        QVERIFY2(p->figuresText().contains(QLatin1String("of the 10")), qPrintable(p->figuresText()));
        // ... in the one unit rule of the Details pane and the header (ms below 10 s).
        const FunctionAdvice &f = expected.functions.front();
        QVERIFY2(p->figuresText().contains(
                     QStringLiteral("INIT p50 %1").arg(QString::fromStdString(formatMs(f.initP50, 0)))),
            qPrintable(p->figuresText()));
    }

    void aBigLogsAdviceIsWorkedOutOffTheGuiThread()
    {
        // From setBackgroundFrom() invocations on, the advice is worked out on a worker:
        // when the workspace says the data changed, the pane shows that it is working and
        // no card yet; the cards arrive later, the same as the engine's.
        Workspace ws;
        auto p = testutil::show<FindingsPanel>(ws);
        p->setBackgroundFrom(1);
        bool workingAtChange = false;
        int cardsAtChange = -1;
        QString stateAtChange;
        // Connected after the pane: runs right after its slot, on the GUI thread.
        connect(&ws, &Workspace::dataChanged, this, [&] {
            workingAtChange = p->isWorking();
            cardsAtChange = p->cardCount();
            stateAtChange = p->stateText();
        });
        testutil::load(ws, testutil::fixture(kTimeout));
        QVERIFY(workingAtChange);
        QCOMPARE(cardsAtChange, 0);
        QVERIFY2(stateAtChange.startsWith(QLatin1String("Working out")), qPrintable(stateAtChange));
        QTRY_VERIFY_WITH_TIMEOUT(!p->isWorking(), 30000);
        const Advice expected = advise(*ws.data(), AdviceSettings {});
        const auto all = expected.all();
        QVERIFY(!all.empty());
        QCOMPARE(p->cardCount(), int(all.size()));
        for (int i = 0; i < p->cardCount(); ++i)
            QCOMPARE(p->advice().all()[std::size_t(i)]->id, all[std::size_t(i)]->id);
        QVERIFY(p->stateText().isEmpty());
        // A second log while the first is worked out: only the newest advice is shown.
        testutil::load(ws, testutil::fixture(kImports));
        testutil::load(ws, testutil::fixture(kTimeout));
        QTRY_VERIFY_WITH_TIMEOUT(!p->isWorking(), 30000);
        QCOMPARE(p->advice().file, ws.data()->path);
        QCOMPARE(p->cardCount(), int(all.size()));
        // Below the threshold, right away.
        p->setBackgroundFrom(std::size_t(1) << 40);
        testutil::load(ws, testutil::fixture(kImports));
        QVERIFY(!p->isWorking());
        QCOMPARE(p->advice().file, ws.data()->path);
    }

    void emptyAndNoFindingsStates()
    {
        Workspace ws;
        auto p = testutil::show<FindingsPanel>(ws);
        QCOMPARE(p->cardCount(), 0);
        QVERIFY(p->stateText().contains(QLatin1String("No log yet")));
        QVERIFY(p->figuresText().isEmpty());
        testutil::load(ws, testutil::fixture(kImports));
        QVERIFY(p->cardCount() > 0);
        // Thresholds nothing crosses: no findings, the figures stay.
        AdviceSettings none;
        none.initLimitMs = none.headroomP99Ms = 1e9;
        none.importShare = none.heavyImportShare = none.coldStartRatio = none.memoryHigh = 1e9;
        none.memoryLow = 0;
        none.regressionPct = none.regressionCriticalPct = 1e9;
        p->setSettings(none);
        QCOMPARE(p->cardCount(), 0);
        QVERIFY2(p->stateText().startsWith(QLatin1String("No findings")), qPrintable(p->stateText()));
        QVERIFY(p->figuresText().contains(QLatin1String("cold starts")));
    }

    void theWindowOpensOnFindingsAndTheButtonsJump()
    {
        auto w = testutil::openWindow(testutil::fixture(kImports));
        Workspace *ws = w->workspace();
        QCOMPARE(currentTab(*w), QStringLiteral("Findings"));
        QCOMPARE(w->findChild<QTabWidget *>()->currentIndex(), 0);
        auto *p = w->findChild<FindingsPanel *>();
        QVERIFY(p);
        const int heavy = cardOf(*p, "heavy-import");
        QVERIFY(heavy >= 0);
        QVERIFY(cardOf(*p, "imports-dominate-init") >= 0);
        const std::string module = p->advice().all()[std::size_t(heavy)]->evidence.modules.at(0);
        QVERIFY(ws->selectedModule() != module);
        QAbstractButton *b = p->evidenceButton(heavy);
        QVERIFY(b);
        QVERIFY(b->text().contains(QString::fromStdString(module)));
        QTest::mouseClick(b, Qt::LeftButton);
        QCOMPARE(ws->selectedModule(), module);
        QCOMPARE(ws->currentView(), QStringLiteral("Imports"));
        QCOMPARE(currentTab(*w), QStringLiteral("Imports"));
        // A new file: the Findings tab again.
        testutil::load(*ws, testutil::fixture(kTimeout));
        QCOMPARE(currentTab(*w), QStringLiteral("Findings"));
        const int timeout = cardOf(*p, "init-timeout");
        QVERIFY(timeout >= 0);
        const auto &ev = p->advice().all()[std::size_t(timeout)]->evidence;
        QCOMPARE(ws->invocation(), -1);
        QCOMPARE(ws->selectedEvent(), -1);
        QTest::mouseClick(p->evidenceButton(timeout), Qt::LeftButton);
        QCOMPARE(currentTab(*w), QStringLiteral("Timeline"));
        if (!ev.invocations.empty()) {
            QCOMPARE(ws->invocation(), ev.invocations.front());
        } else { // timed-out INITs with no invocation: the first one's INIT_REPORT line
            QVERIFY(!ev.initPhases.empty());
            const InitPhase &phase = ws->data()->initPhases.at(std::size_t(ev.initPhases.front()));
            if (phase.invocation >= 0)
                QCOMPARE(ws->invocation(), phase.invocation);
            else
                QCOMPARE(ws->selectedEvent(), int(phase.startEvent));
        }
        // A headroom or cold-start card selects the worst invocation.
        for (int c = 0; c < p->cardCount(); ++c) {
            const Finding &f = *p->advice().all()[std::size_t(c)];
            if (f.evidence.modules.empty() && !f.evidence.invocations.empty()) {
                ws->setCurrentView(QStringLiteral("Findings"));
                QTest::mouseClick(p->evidenceButton(c), Qt::LeftButton);
                QCOMPARE(ws->invocation(), f.evidence.invocations.front());
                QCOMPARE(currentTab(*w), QStringLiteral("Timeline"));
                QCOMPARE(ws->focus(), Workspace::Focus::Invocation);
            }
        }
    }

    void priceIsASetting()
    {
        Workspace ws;
        auto p = testutil::show<FindingsPanel>(ws);
        testutil::load(ws, testutil::fixture(kImports));
        const FunctionAdvice f = p->advice().functions.at(0); // a copy: a new price recomputes the advice
        QVERIFY(f.hasCost && f.usd > 0);
        const QString before = p->figuresText();
        QVERIFY2(before.contains(QLatin1String("$0.0000166667 per GB-s")), qPrintable(before));
        p->editSettings();
        auto *dialog = p->findChild<FindingsSettingsDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->priceBox()->value(), AdviceSettings {}.pricePerGbS);
        dialog->priceBox()->setValue(0.001);
        dialog->accept();
        QCOMPARE(p->settings().pricePerGbS, 0.001);
        QCOMPARE(loadAdviceSettings().pricePerGbS, 0.001); // kept
        const QString after = p->figuresText();
        QVERIFY2(after != before, qPrintable(after));
        QVERIFY2(after.contains(QLatin1String("$0.001 per GB-s")), qPrintable(after));
        QVERIFY(p->advice().functions.at(0).usd > f.usd * 50);
        // A new pane reads the kept price.
        FindingsPanel again(&ws);
        QCOMPARE(again.settings().pricePerGbS, 0.001);
    }

    void comparisonGivesTheRegression()
    {
        Workspace ws;
        auto p = testutil::show<FindingsPanel>(ws);
        testutil::compare(ws, testutil::fixture(QStringLiteral("compare/buildA-boto3-json-numpy-requests.log")),
            testutil::fixture(QStringLiteral("compare/buildB-plus-pandas.log")));
        const int r = cardOf(*p, "regression");
        QVERIFY2(r >= 0, qPrintable(p->stateText()));
        QCOMPARE(p->advice().file, ws.comparison()->b.data.back()->path); // build B's findings
        // Its modules are build B's: the comparison shows them.
        QVERIFY(!p->advice().all()[std::size_t(r)]->evidence.modules.empty());
        QTest::mouseClick(p->evidenceButton(r), Qt::LeftButton);
        QCOMPARE(ws.currentView(), QStringLiteral("Compare"));
    }

    void chipsAreReadableOnLightAndDark()
    {
        QPalette light, dark;
        light.setColor(QPalette::Base, Qt::white);
        dark.setColor(QPalette::Base, QColor(30, 30, 30));
        for (const QPalette &pal : { light, dark })
            for (int s = 0; s < 3; ++s) {
                const style::Chip c = style::findingChip(s, pal);
                QVERIFY2(style::contrastRatio(c.background, c.text) >= 4.5, qPrintable(c.background.name()));
            }
        QVERIFY(style::findingChip(0, light).background != style::findingChip(0, dark).background);
        QVERIFY(style::findingChip(0, light).background != style::findingChip(1, light).background);
        QCOMPARE(style::contrastRatio(Qt::black, Qt::white), 21.0);
    }

    void chipsFollowADarkPalette()
    {
        Workspace ws;
        auto p = testutil::show<FindingsPanel>(ws, QSize(1000, 700));
        testutil::load(ws, testutil::fixture(kTimeout));
        QVERIFY(p->cardCount() > 0);
        const QPalette light = p->palette();
        QVERIFY(p->chip(0)->styleSheet().contains(style::findingChip(0, light).background.name()));
        const QPalette dark = style::darkPalette();
        p->setPalette(dark);
        QVERIFY(p->cardCount() > 0);
        QVERIFY2(p->chip(0)->styleSheet().contains(style::findingChip(0, dark).background.name()),
            qPrintable(p->chip(0)->styleSheet()));
        p->grab().save(QStringLiteral("findings-dark.png")); // to look at, like mainwindow-sample.png
    }

    void reportStartsWithFindings()
    {
        QTemporaryDir tmp;
        Workspace ws;
        testutil::load(ws, testutil::fixture(kTimeout));
        const Advice advice = advise(*ws.data(), AdviceSettings {});
        for (const QString &name : { QStringLiteral("r.html"), QStringLiteral("r.md") }) {
            QString error;
            QVERIFY2(writeReport(ws, tmp.filePath(name), &error), qPrintable(error));
            const QString text = QString::fromUtf8(testutil::readAll(tmp.filePath(name)));
            const bool html = name.endsWith(QLatin1String("html"));
            const QString section = html ? QStringLiteral("<h2>") : QStringLiteral("\n## ");
            const qsizetype first = text.indexOf(section);
            QVERIFY(first >= 0);
            QVERIFY2(text.mid(first + section.size()).startsWith(QLatin1String("Findings")), qPrintable(name));
            QVERIFY(text.indexOf(QLatin1String("Cold-start figures")) > first);
            // The rows in the engine's order.
            qsizetype at = first;
            for (const Finding *f : advice.all()) {
                const QString title = html ? QString::fromStdString(htmlEscape(f->title))
                                           : QString::fromStdString(markdownCell(f->title));
                const qsizetype next = text.indexOf(title, at);
                QVERIFY2(next > at, qPrintable(title));
                at = next;
            }
        }
    }

    void presentationStartsWithFindings()
    {
        auto w = testutil::openWindow(testutil::fixture(kImports));
        Workspace *ws = w->workspace();
        Presentation *show = w->presentation();
        const Advice advice = advise(*ws->data(), AdviceSettings {});
        const auto all = advice.all();
        QVERIFY(all.size() >= 2);
        QCOMPARE(show->titleCards(), int(std::min<std::size_t>(all.size(), Presentation::kTitleCards)));
        QVERIFY(show->titleCards() >= std::min<int>(3, int(all.size())));
        ws->pinQuery(QStringLiteral("filter @type = \"REPORT\" | stats count(*)"));
        QCOMPARE(show->findingCount(), show->titleCards() + 1);
        ws->setCurrentView(QStringLiteral("Timeline"));
        show->setOn(true);
        QCOMPARE(show->currentFinding(), 0);
        QCOMPARE(ws->currentView(), QStringLiteral("Findings"));
        for (int i = 0; i < show->titleCards(); ++i) {
            show->showFinding(i);
            QVERIFY2(
                show->currentFindingText().contains(QString::fromStdString(all[std::size_t(i)]->title).toHtmlEscaped()),
                qPrintable(show->currentFindingText()));
        }
        QSignalSpy done(ws, &Workspace::queryDone);
        QTest::keyClick(w.get(), Qt::Key_PageDown); // after the title cards: the pinned query
        QCOMPARE(show->currentFinding(), show->titleCards());
        QVERIFY(done.wait(30000));
        QCOMPARE(ws->currentView(), QStringLiteral("Search"));
        show->setOn(false);
    }

    void renderTheFindingsView()
    {
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("findings.png"));
        QProcess p;
        p.start(QStringLiteral(COLDSCOPE_BIN),
            { QStringLiteral("render"), testutil::fixture(kImports), QStringLiteral("--view"),
                QStringLiteral("findings"), QStringLiteral("--out"), out, QStringLiteral("--width"),
                QStringLiteral("900"), QStringLiteral("--height"), QStringLiteral("600") });
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QImage img(out);
        QCOMPARE(img.size(), QSize(900, 600));
    }
};

QTEST_MAIN(TstFindings)
#include "tst_findings.moc"
