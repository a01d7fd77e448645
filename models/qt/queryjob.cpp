// SPDX-License-Identifier: MIT
#include "queryjob.h"

#include <QMetaObject>

namespace coldscope {

QueryJob::QueryJob(QObject *parent)
    : QObject(parent)
{
}

QueryJob::~QueryJob()
{
    cancel();
    wait();
}

void QueryJob::cancel()
{
    if (m_cancel)
        *m_cancel = true;
}

void QueryJob::wait()
{
    if (m_thread.joinable())
        m_thread.join();
}

void QueryJob::run(const QString &text, std::vector<query::Source> sources, query::Options options)
{
    cancel();
    wait();
    const quint64 generation = ++m_generation;
    auto flag = std::make_shared<std::atomic<bool>>(false);
    m_cancel = flag;
    m_running = true;
    // The destructor joins this thread, so `this` outlives it; a result posted to a job
    // deleted since is dropped with the job's pending events.
    m_thread = std::thread(
        [this, flag, generation, text = text.toStdString(), sources = std::move(sources), options]() mutable {
            options.cancel = flag.get();
            std::shared_ptr<const query::Result> result;
            int column = 0;
            QString error;
            try {
                result = std::make_shared<const query::Result>(query::run(text, sources, options));
            } catch (const query::QueryError &e) {
                column = e.column;
                error = QString::fromStdString(e.what());
            } catch (const std::exception &e) {
                error = QString::fromStdString(e.what());
            }
            const bool cancelled = flag->load();
            QMetaObject::invokeMethod(this, [this, generation, result, column, error, cancelled] {
                if (generation != m_generation)
                    return;
                m_running = false;
                if (result && !cancelled)
                    emit finished(result);
                else
                    emit failed(column, cancelled ? tr("query cancelled") : error, cancelled);
            });
        });
}

} // namespace coldscope
