// SPDX-License-Identifier: MIT
#pragma once

#include "cloudjobs.h"
#include "jobtracker.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace coldscope {

// CloudWatch work for the window, on worker threads (models/cloud through the user's AWS
// CLI): a query run there, a fetch into a file, the log group names for completion.
// Progress arrives queued on this object's thread; cancel() stops the query (stop-query)
// or the fetch (the file keeps what was fetched). A new query or fetch cancels the one
// running; listing log groups runs on its own.
class CloudJob : public QObject
{
    Q_OBJECT
public:
    explicit CloudJob(QObject *parent = nullptr);
    ~CloudJob() override;

    void runQuery(cloud::QueryRequest request);
    void fetch(cloud::FetchRequest request, const QString &outPath);
    void listLogGroups(const cloud::AwsTarget &target, const QString &prefix = {});
    void cancel();
    bool isRunning() const { return m_jobs.isRunning(); }
    void wait();

    void setAwsExecutable(const QString &path) { m_aws = path.toStdString(); } // default: aws on PATH
    void setPollInterval(std::chrono::milliseconds interval) { m_poll = interval; } // default 1 s

    // Profile names from the AWS CLI's configuration files (section names only; no
    // value is read): ~/.aws/config ([default], [profile NAME]) and ~/.aws/credentials,
    // or the files AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE name.
    static QStringList profiles();

signals:
    void queryProgress(const QString &queryId, const QString &status, double recordsMatched, double recordsScanned,
        double bytesScanned);
    void queryFinished(std::shared_ptr<const coldscope::query::Result> result, double bytesScanned);
    void queryFailed(const QString &message, bool cancelled);
    void fetchProgress(qulonglong pages, qulonglong events, qulonglong bytes);
    // ok, or cancelled / failed with the file still holding what was fetched (written).
    void fetchFinished(const QString &path, bool ok, bool cancelled, bool written, const QString &error);
    void logGroupsListed(const QStringList &names, const QString &error);

private:
    std::string m_aws = "aws";
    std::chrono::milliseconds m_poll { 1000 };
    JobTracker m_jobs { this };
    JobTracker m_lists { this };
};

} // namespace coldscope
