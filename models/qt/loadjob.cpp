// SPDX-License-Identifier: MIT
#include "loadjob.h"

#include <QMetaObject>

namespace coldscope {

LoadJob::LoadJob(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &LoadJob::poll);
}

LoadJob::~LoadJob()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

void LoadJob::start(const QString &path)
{
    const std::string p = path.toStdString();
    launch([p](const LoadOptions &o) { return loadFile(p, o); });
}

void LoadJob::startBytes(const QByteArray &bytes, const QString &name)
{
    std::string b(bytes.constData(), std::size_t(bytes.size()));
    const std::string n = name.toStdString();
    launch([b = std::move(b), n](const LoadOptions &o) mutable { return loadBytes(std::move(b), n, o); });
}

void LoadJob::cancel()
{
    if (m_shared)
        m_shared->cancel = true;
}

void LoadJob::wait()
{
    if (m_thread.joinable())
        m_thread.join();
}

void LoadJob::launch(std::function<LoadResult(const LoadOptions &)> work)
{
    cancel();
    if (m_thread.joinable())
        m_thread.join(); // a cancelled load stops within one block
    const quint64 generation = ++m_generation;
    auto shared = std::make_shared<Shared>();
    m_shared = shared;
    m_running = true;
    m_timer.start();
    emit progress(0.0, tr("opening"));
    // The destructor joins this thread, so `this` outlives it; a result posted to a job
    // deleted since is dropped with the job's pending events.
    m_thread = std::thread([this, shared, generation, work = std::move(work)] {
        LoadOptions opts;
        opts.cancel = &shared->cancel;
        opts.progress = [shared](double f, const char *stage) {
            shared->fraction = f;
            shared->stage = stage;
        };
        LoadResult result = work(opts);
        std::shared_ptr<const LogData> data = std::move(result.data);
        const QString error = QString::fromStdString(result.error);
        const bool cancelled = result.cancelled || shared->cancel;
        QMetaObject::invokeMethod(this, [this, generation, data, error, cancelled] {
            if (generation != m_generation)
                return; // superseded by a newer load
            m_running = false;
            m_timer.stop();
            if (data && !cancelled)
                emit loaded(data);
            else
                emit failed(error, cancelled);
        });
    });
}

void LoadJob::poll()
{
    if (m_shared)
        emit progress(m_shared->fraction.load(), tr(m_shared->stage.load()));
}

} // namespace coldscope
