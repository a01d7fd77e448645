// SPDX-License-Identifier: MIT
#include "cloudjob.h"

#include <QDir>
#include <QFile>
#include <QMetaObject>
#include <QRegularExpression>

namespace coldscope {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

CloudJob::CloudJob(QObject *parent)
    : QObject(parent)
{
}

CloudJob::~CloudJob() = default;

void CloudJob::cancel()
{
    m_jobs.cancel();
}

void CloudJob::wait()
{
    m_jobs.wait();
    m_lists.wait();
}

void CloudJob::runQuery(cloud::QueryRequest request)
{
    request.pollInterval = m_poll;
    m_jobs.start(
        [this, request = std::move(request), aws = m_aws](const std::atomic<bool> &cancelled) {
            cloud::ProcessAwsRunner runner(aws);
            return cloud::runCloudQuery(request, runner, &cancelled, [this](const cloud::QueryProgress &p) {
                QMetaObject::invokeMethod(
                    this,
                    [this, p] {
                        emit queryProgress(qs(p.queryId), qs(p.status), p.statistics.recordsMatched,
                            p.statistics.recordsScanned, p.statistics.bytesScanned);
                    },
                    Qt::QueuedConnection);
            });
        },
        [this](cloud::QueryOutcome o, bool cancelled) {
            if (o.ok && !cancelled)
                emit queryFinished(
                    std::make_shared<const query::Result>(std::move(o.result)), o.statistics.bytesScanned);
            else if (o.cancelled || cancelled)
                emit queryFailed(
                    o.queryId.empty() ? tr("Cancelled.") : tr("Cancelled; stop-query sent for %1.").arg(qs(o.queryId)),
                    true);
            else
                emit queryFailed(qs(o.error.message()), false);
        });
}

void CloudJob::fetch(cloud::FetchRequest request, const QString &outPath)
{
    m_jobs.start(
        [this, request = std::move(request), out = outPath.toStdString(), aws = m_aws](
            const std::atomic<bool> &cancelled) {
            cloud::ProcessAwsRunner runner(aws);
            return cloud::fetchLogEvents(request, out, runner, &cancelled, [this](const cloud::FetchProgress &p) {
                QMetaObject::invokeMethod(
                    this, [this, p] { emit fetchProgress(p.pages, p.events, p.bytes); }, Qt::QueuedConnection);
            });
        },
        [this, outPath](cloud::FetchOutcome o, bool) {
            emit fetchFinished(outPath, o.ok, o.cancelled, o.written, o.ok ? QString() : qs(o.error.message()));
        });
}

void CloudJob::listLogGroups(const cloud::AwsTarget &target, const QString &prefix)
{
    struct Listed {
        std::vector<std::string> names;
        cloud::CloudError error;
    };
    m_lists.start(
        [target, prefix = prefix.toStdString(), aws = m_aws](const std::atomic<bool> &) {
            cloud::ProcessAwsRunner runner(aws);
            Listed l;
            l.names = cloud::listLogGroups(target, prefix, runner, l.error);
            return l;
        },
        [this](Listed l, bool) {
            QStringList names;
            for (const auto &n : l.names)
                names << qs(n);
            emit logGroupsListed(names, l.error.awsWords.empty() ? QString() : qs(l.error.message()));
        });
}

QStringList CloudJob::profiles()
{
    QStringList out;
    const auto read = [&](const char *env, const QString &fallback, bool config) {
        const QByteArray set = qgetenv(env);
        QFile f(set.isEmpty() ? QDir::homePath() + fallback : QString::fromLocal8Bit(set));
        if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
            return;
        static const QRegularExpression section(QStringLiteral("^\\s*\\[\\s*([^\\]]+?)\\s*\\]"));
        while (!f.atEnd()) {
            const QString line = QString::fromUtf8(f.readLine());
            const auto m = section.match(line);
            if (!m.hasMatch())
                continue; // only section names; keys and values are never looked at
            QString name = m.captured(1);
            if (config) {
                if (name.startsWith(QLatin1String("profile ")))
                    name = name.mid(8).trimmed();
                else if (name != QLatin1String("default"))
                    continue; // [sso-session x], [services x]
            }
            if (!out.contains(name))
                out << name;
        }
    };
    read("AWS_CONFIG_FILE", QStringLiteral("/.aws/config"), true);
    read("AWS_SHARED_CREDENTIALS_FILE", QStringLiteral("/.aws/credentials"), false);
    return out;
}

} // namespace coldscope
