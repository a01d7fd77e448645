// SPDX-License-Identifier: MIT
#include "loadjob.h"

#include "stats.h"

#include <QMetaObject>

namespace coldscope {

LoadJob::LoadJob(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &LoadJob::poll);
}

LoadJob::~LoadJob() = default; // m_jobs cancels and joins

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
    m_jobs.cancel();
}

void LoadJob::wait()
{
    m_jobs.wait();
}

void LoadJob::launch(std::function<LoadResult(const LoadOptions &)> work)
{
    auto sampled = std::make_shared<Progress>();
    m_progress = sampled;
    m_timer.start();
    emit progress(0.0, tr("opening"));
    m_jobs.start(
        [sampled, work = std::move(work)](const std::atomic<bool> &cancelled) {
            LoadOptions opts;
            opts.cancel = &cancelled;
            opts.summarize = true; // every view starts from it
            opts.progress = [sampled](double f, const char *stage) {
                sampled->fraction = f;
                sampled->stage = stage;
            };
            LoadResult r = work(opts);
            if (r.data && !cancelled.load())
                summarize(*r.data); // here, not on the GUI thread: every view starts from it
            return r;
        },
        [this](LoadResult result, bool cancelled) {
            m_timer.stop();
            cancelled = cancelled || result.cancelled;
            if (result.data && !cancelled)
                emit loaded(std::shared_ptr<const LogData>(std::move(result.data)));
            else
                emit failed(QString::fromStdString(result.error), cancelled);
        });
}

void LoadJob::poll()
{
    if (m_progress)
        emit progress(m_progress->fraction.load(), tr(m_progress->stage.load()));
}

} // namespace coldscope
