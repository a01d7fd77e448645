// SPDX-License-Identifier: MIT
// The window's CloudWatch parts: "Run in CloudWatch" in the Search panel and File >
// Fetch from CloudWatch…, both on worker threads, against the AWS CLI stand-in
// (tests/aws-standin, see tst_cloud.cpp).
#include "guitestutil.h"
#include "testutil.h"

#include "cloudjob.h"
#include "cloudtarget.h"
#include "fetchdialog.h"
#include "queryeditor.h"
#include "queryresultmodel.h"
#include "searchpanel.h"
#include "workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <nlohmann/json.hpp>

#include <zlib.h>

using namespace coldscope;
using nlohmann::json;

namespace {

const QString kStandin = QStringLiteral(COLDSCOPE_AWS_STANDIN);

std::vector<std::vector<std::string>> calls(const QString &log)
{
    std::vector<std::vector<std::string>> out;
    QFile f(log);
    if (f.open(QIODevice::ReadOnly))
        for (const QByteArray &line : f.readAll().split('\n'))
            if (!line.isEmpty())
                out.push_back(json::parse(line.toStdString()).get<std::vector<std::string>>());
    return out;
}

} // namespace

class TstCloudGui : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    QString useScenario(const QString &dir)
    {
        const QString log = m_dir.filePath(QStringLiteral("calls-%1.jsonl").arg(++m_n));
        qputenv("AWS_STANDIN_DIR", dir.toLocal8Bit());
        qputenv("AWS_STANDIN_LOG", log.toLocal8Bit());
        return log;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // The stand-in is the only `aws` the window can find.
        qputenv("PATH", (kStandin + QStringLiteral(":/usr/bin:/bin")).toLocal8Bit());
    }

    void runInCloudWatch()
    {
        const QString log = useScenario(kStandin + QStringLiteral("/responses/query-doc"));
        Workspace ws;
        auto panel = testutil::show<SearchPanel>(ws);
        panel->cloudJob()->setPollInterval(std::chrono::milliseconds(10));
        panel->setQuery(QStringLiteral("fields @timestamp, @message, @logStream"));
        panel->cloudLogGroups()->setText(QStringLiteral("/aws/lambda/orders-api, /aws/lambda/orders-worker"));
        panel->cloudProfile()->setCurrentText(QString());
        panel->cloudRegion()->setCurrentText(QStringLiteral("eu-west-1"));
        // A range dragged on the timeline becomes the CloudWatch range.
        panel->setTimeRange(1716098400000, 1716102000000);
        QCOMPARE(panel->cloudStart()->text(), QStringLiteral("2024-05-19T06:00:00.000Z"));
        QCOMPARE(panel->cloudEnd()->text(), QStringLiteral("2024-05-19T07:00:00.000Z"));
        QSignalSpy done(panel.get(), &SearchPanel::queryFinished);
        panel->cloudRunButton()->click();
        QVERIFY(panel->isRunning()); // on a worker: the click returned at once
        QVERIFY(!panel->cloudRunButton()->isEnabled());
        QVERIFY(done.wait(30000));
        QVERIFY(!panel->isRunning());
        QCOMPARE(panel->model()->rowCount(), 3);
        QCOMPARE(panel->model()->columnCount(), 3);
        QCOMPARE(panel->model()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("@message"));
        QCOMPARE(panel->model()->data(panel->model()->index(0, 1)).toString(), QStringLiteral("Test BENCHMARK 3"));
        QVERIFY2(panel->statusLabel()->text().contains(QStringLiteral("in CloudWatch")),
            qPrintable(panel->statusLabel()->text()));
        const auto c = calls(log);
        QCOMPARE(c.size(), std::size_t(4));
        QCOMPARE(c[0],
            (std::vector<std::string> { "logs", "start-query", "--log-group-names", "/aws/lambda/orders-api",
                "/aws/lambda/orders-worker", "--start-time", "1716098400", "--end-time", "1716102000", "--query-string",
                "fields @timestamp, @message, @logStream", "--output", "json", "--region", "eu-west-1" }));
        // The names are remembered for completion.
        QVERIFY(cloudui::rememberedLogGroups(QString()).contains(QStringLiteral("/aws/lambda/orders-worker")));
    }

    void cancelSendsStopQuery()
    {
        const QString log = useScenario(kStandin + QStringLiteral("/responses/query-running"));
        Workspace ws;
        auto panel = testutil::show<SearchPanel>(ws);
        panel->cloudJob()->setPollInterval(std::chrono::milliseconds(10));
        panel->setQuery(QStringLiteral("fields @message | pattern @message"));
        panel->cloudLogGroups()->setText(QStringLiteral("/aws/lambda/orders-api"));
        QCOMPARE(panel->cloudRegion()->currentText(), QStringLiteral("eu-west-1")); // remembered
        panel->cloudRegion()->setCurrentText(QString());
        panel->cloudStart()->setText(QStringLiteral("-1h"));
        panel->cloudEnd()->setText(QStringLiteral("now"));
        QSignalSpy failed(panel.get(), &SearchPanel::queryFailed);
        panel->runInCloudWatch();
        QTRY_VERIFY_WITH_TIMEOUT(panel->statusLabel()->text().contains(QStringLiteral("Running")), 20000);
        panel->cancel();
        QVERIFY(failed.wait(20000));
        QVERIFY(!panel->isRunning());
        QVERIFY2(panel->statusLabel()->text().contains(QStringLiteral("stop-query sent for "
                                                                      "82765b94-d048-4ef8-87c1-fd19a76a9d8e")),
            qPrintable(panel->statusLabel()->text()));
        QCOMPARE(calls(log).back(),
            (std::vector<std::string> {
                "logs", "stop-query", "--query-id", "82765b94-d048-4ef8-87c1-fd19a76a9d8e", "--output", "json" }));
    }

    void errorsShowTheAwsWords()
    {
        useScenario(kStandin + QStringLiteral("/responses/error-access-denied"));
        Workspace ws;
        auto panel = testutil::show<SearchPanel>(ws);
        panel->setQuery(QStringLiteral("stats count(*)"));
        panel->cloudLogGroups()->setText(QStringLiteral("/aws/lambda/orders-api"));
        panel->cloudStart()->setText(QStringLiteral("-1h"));
        QSignalSpy failed(panel.get(), &SearchPanel::queryFailed);
        panel->runInCloudWatch();
        QVERIFY(failed.wait(20000));
        const QString shown = panel->errorLabel()->text();
        QVERIFY2(shown.contains(QStringLiteral("(AccessDeniedException) when calling the StartQuery operation"))
                && shown.contains(QStringLiteral("needs the permission logs:StartQuery")),
            qPrintable(shown));
        // Bad input is said, not sent.
        panel->cloudLogGroups()->clear();
        panel->runInCloudWatch();
        QVERIFY(!panel->isRunning());
        QVERIFY(panel->errorLabel()->text().contains(QStringLiteral("Name the log group")));
    }

    void fetchDialogFetchesAndHandsOverTheFile()
    {
        // Two pages chained by a nextToken, cut from the generated filter-log-events fixture.
        const QString scenario = m_dir.filePath(QStringLiteral("pages"));
        QDir().mkpath(scenario);
        const auto all = json::parse(
            testutil::readAll(testutil::fixture(QStringLiteral("lambda/generated/filter-log-events-200-seed1.json")))
                .toStdString());
        json p1 = { { "events", json::array() }, { "nextToken", "page2" } };
        json p2 = { { "events", json::array() } };
        for (std::size_t i = 0; i < all["events"].size(); ++i)
            (i < 120 ? p1 : p2)["events"].push_back(all["events"][i]);
        for (const auto &[name, doc] :
            { std::pair { "filter-log-events.1.json", p1 }, std::pair { "filter-log-events.token-page2.json", p2 } }) {
            QFile f(scenario + QLatin1Char('/') + QLatin1String(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray::fromStdString(doc.dump()));
        }
        const QString log = useScenario(scenario);
        FetchDialog dialog;
        dialog.show();
        dialog.logGroup()->setText(QStringLiteral("/aws/lambda/orders-api"));
        dialog.profile()->setCurrentText(QStringLiteral("dev"));
        dialog.region()->setCurrentText(QString());
        dialog.start()->setText(QStringLiteral("2024-06-01T00:00:00Z"));
        dialog.end()->setText(QStringLiteral("2024-06-01T01:00:00Z"));
        dialog.coldStartsOnly()->setChecked(true);
        QVERIFY(!dialog.filterPattern()->isEnabled());
        const QString out = m_dir.filePath(QStringLiteral("fetched.json.gz"));
        dialog.output()->setText(out);
        QSignalSpy fetched(&dialog, &FetchDialog::fetched);
        dialog.fetchButton()->click();
        QVERIFY(dialog.job()->isRunning());
        QVERIFY(fetched.wait(30000));
        QCOMPARE(fetched.first().first().toString(), out);
        const auto c = calls(log);
        QCOMPARE(c.size(), std::size_t(2));
        QCOMPARE(c[1],
            (std::vector<std::string> { "logs", "filter-log-events", "--log-group-name", "/aws/lambda/orders-api",
                "--start-time", "1717200000000", "--end-time", "1717203600000", "--filter-pattern",
                cloud::kColdStartsPattern, "--no-paginate", "--next-token", "page2", "--output", "json", "--profile",
                "dev" }));
        // The file opens in the window like any log: 202 events.
        Workspace ws;
        testutil::load(ws, out);
        QCOMPARE(ws.data()->events.size(), std::size_t(202));
        // The window offers it in the File menu, with a shortcut.
        MainWindow w;
        bool found = false;
        for (QAction *menu : w.menuBar()->actions())
            if (menu->menu())
                for (QAction *a : menu->menu()->actions())
                    if (a->text() == QStringLiteral("&Fetch from CloudWatch…"))
                        found = !a->shortcut().isEmpty();
        QVERIFY(found);
    }

    void profilesAreSectionNames()
    {
        const QString config = m_dir.filePath(QStringLiteral("config"));
        const QString credentials = m_dir.filePath(QStringLiteral("credentials"));
        QFile a(config);
        QVERIFY(a.open(QIODevice::WriteOnly));
        a.write("[default]\nregion = eu-west-1\n\n[profile dev]\nsso_session = corp\n[sso-session corp]\n"
                "sso_region = us-east-1\n");
        a.close();
        QFile b(credentials);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write("[default]\naws_access_key_id = AKIAEXAMPLE\n[ci]\naws_access_key_id = AKIAEXAMPLE2\n");
        b.close();
        qputenv("AWS_CONFIG_FILE", config.toLocal8Bit());
        qputenv("AWS_SHARED_CREDENTIALS_FILE", credentials.toLocal8Bit());
        QCOMPARE(CloudJob::profiles(),
            (QStringList { QStringLiteral("default"), QStringLiteral("dev"), QStringLiteral("ci") }));
        qunsetenv("AWS_CONFIG_FILE");
        qunsetenv("AWS_SHARED_CREDENTIALS_FILE");
    }
};

QTEST_MAIN(TstCloudGui)
#include "tst_cloudgui.moc"
