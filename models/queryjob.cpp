// SPDX-License-Identifier: MIT
#include "queryjob.h"

#include <QMetaObject>
#include <QPointer>

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
    QPointer<QueryJob> self(this);
    m_thread = std::thread(
        [self, flag, generation, text = text.toStdString(), sources = std::move(sources), options]() mutable {
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
            if (!self)
                return;
            QMetaObject::invokeMethod(self.data(), [self, generation, result, column, error, cancelled] {
                if (!self || generation != self->m_generation)
                    return;
                self->m_running = false;
                if (result && !cancelled)
                    emit self->finished(result);
                else
                    emit self->failed(column, cancelled ? tr("query cancelled") : error, cancelled);
            });
        });
}

} // namespace coldscope
