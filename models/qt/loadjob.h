// SPDX-License-Identifier: MIT
#pragma once

#include "loader.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <memory>
#include <thread>

namespace coldscope {

// Loads one file on a worker thread. Progress is sampled by a timer (so a fast
// parser never floods the event loop); a newer start() or cancel() makes the
// running load stop and its result is dropped (generation counter).
class LoadJob : public QObject
{
    Q_OBJECT
public:
    explicit LoadJob(QObject *parent = nullptr);
    ~LoadJob() override;

    void start(const QString &path);
    void startBytes(const QByteArray &bytes, const QString &name);
    void cancel();
    bool isRunning() const { return m_running; }
    // Blocks until the current load has finished (tests, shutdown).
    void wait();

signals:
    void progress(double fraction, const QString &stage);
    void loaded(std::shared_ptr<const coldscope::LogData> data);
    void failed(const QString &error, bool cancelled);

private:
    void launch(std::function<LoadResult(const LoadOptions &)> work);
    void poll();

    struct Shared {
        std::atomic<bool> cancel { false };
        std::atomic<double> fraction { 0.0 };
        std::atomic<const char *> stage { "opening" };
    };
    std::shared_ptr<Shared> m_shared;
    std::thread m_thread;
    QTimer m_timer;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace coldscope
