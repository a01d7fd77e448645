// SPDX-License-Identifier: MIT
#pragma once

#include "queryengine.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

namespace coldscope {

// Runs one query on a worker thread; a new run() or cancel() stops the old one and
// drops its result (generation counter).
class QueryJob : public QObject
{
    Q_OBJECT
public:
    explicit QueryJob(QObject *parent = nullptr);
    ~QueryJob() override;

    void run(const QString &text, std::vector<query::Source> sources, query::Options options);
    void cancel();
    bool isRunning() const { return m_running; }
    void wait();

signals:
    void finished(std::shared_ptr<const coldscope::query::Result> result);
    void failed(int column, const QString &message, bool cancelled);

private:
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::thread m_thread;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace coldscope
