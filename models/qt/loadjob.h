// SPDX-License-Identifier: MIT
#pragma once

#include "jobtracker.h"
#include "loader.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <memory>

namespace coldscope {

// Loads one file on a worker thread. Progress is sampled by a timer (so a fast
// parser never floods the event loop); a newer start() or cancel() makes the
// running load stop and its result is dropped (JobTracker).
class LoadJob : public QObject
{
    Q_OBJECT
public:
    explicit LoadJob(QObject *parent = nullptr);
    ~LoadJob() override;

    void start(const QString &path);
    void startBytes(const QByteArray &bytes, const QString &name);
    void cancel();
    bool isRunning() const { return m_jobs.isRunning(); }
    // Blocks until the current load has finished (tests, shutdown).
    void wait();

signals:
    void progress(double fraction, const QString &stage);
    void loaded(std::shared_ptr<const coldscope::LogData> data);
    void failed(const QString &error, bool cancelled);

private:
    void launch(std::function<LoadResult(const LoadOptions &)> work);
    void poll();

    struct Progress {
        std::atomic<double> fraction { 0.0 };
        std::atomic<const char *> stage { "opening" };
    };
    std::shared_ptr<Progress> m_progress;
    QTimer m_timer;
    JobTracker m_jobs { this };
};

} // namespace coldscope
