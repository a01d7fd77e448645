// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaObject>
#include <QObject>

#include <atomic>
#include <memory>
#include <thread>
#include <utility>

namespace coldscope {

// "The newest job wins", written once: one job at a time on a worker thread. Starting
// another job (or cancel()) raises the running job's cancel flag and drops its result
// (generation counter); a finished job hands its result back by value, queued, on the
// thread of `context`, which must own the tracker (so the destructor, which joins the
// worker, runs before the context's pending events are dropped). Loading, queries and
// the events filter all run through one of these.
class JobTracker
{
public:
    explicit JobTracker(QObject *context)
        : m_context(context)
    {
    }
    ~JobTracker()
    {
        cancel();
        wait();
    }
    JobTracker(const JobTracker &) = delete;
    JobTracker &operator=(const JobTracker &) = delete;

    // work(const std::atomic<bool> &cancelled) -> Result runs on the worker;
    // done(Result &&, bool cancelled) runs on the context's thread, only for the newest job.
    template <typename Work, typename Done> void start(Work work, Done done)
    {
        cancel();
        wait(); // a cancelled job stops within one unit of its work
        const quint64 generation = ++m_generation;
        auto flag = std::make_shared<std::atomic<bool>>(false);
        m_cancel = flag;
        m_running = true;
        m_thread = std::thread([this, generation, flag, work = std::move(work), done = std::move(done)]() mutable {
            auto result = work(std::as_const(*flag));
            QMetaObject::invokeMethod(
                m_context,
                [this, generation, flag, result = std::move(result), done = std::move(done)]() mutable {
                    if (generation != m_generation)
                        return; // superseded by a newer job
                    m_running = false;
                    done(std::move(result), flag->load());
                },
                Qt::QueuedConnection);
        });
    }

    void cancel()
    {
        if (m_cancel)
            *m_cancel = true;
    }
    // Blocks until the worker has finished (its result is still delivered, queued).
    void wait()
    {
        if (m_thread.joinable())
            m_thread.join();
    }
    // Forget the running job: its result will be dropped.
    void discard()
    {
        cancel();
        ++m_generation;
        m_running = false;
    }
    bool isRunning() const { return m_running; }
    // The flag of the running job, for work that polls a plain pointer.
    const std::atomic<bool> *cancelFlag() const { return m_cancel.get(); }

private:
    QObject *m_context;
    std::thread m_thread;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace coldscope
