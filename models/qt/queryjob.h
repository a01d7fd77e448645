// SPDX-License-Identifier: MIT
#pragma once

#include "jobtracker.h"
#include "queryengine.h"

#include <QObject>
#include <QString>

#include <memory>

namespace coldscope {

// Runs one query on a worker thread; a new run() or cancel() stops the old one and
// drops its result (JobTracker).
class QueryJob : public QObject
{
    Q_OBJECT
public:
    explicit QueryJob(QObject *parent = nullptr);

    void run(const QString &text, std::vector<query::Source> sources, query::Options options);
    void cancel();
    bool isRunning() const { return m_jobs.isRunning(); }
    void wait();

signals:
    void finished(std::shared_ptr<const coldscope::query::Result> result);
    void failed(int column, const QString &message, bool cancelled);

private:
    JobTracker m_jobs { this };
};

} // namespace coldscope
