// SPDX-License-Identifier: MIT
#include "queryjob.h"

#include <QMetaObject>

namespace coldscope {

QueryJob::QueryJob(QObject *parent)
    : QObject(parent)
{
}

void QueryJob::cancel()
{
    m_jobs.cancel();
}

void QueryJob::wait()
{
    m_jobs.wait();
}

void QueryJob::run(const QString &text, std::vector<query::Source> sources, query::Options options)
{
    struct Outcome {
        std::shared_ptr<const query::Result> result;
        int column = 0;
        QString error;
    };
    m_jobs.start(
        [text = text.toStdString(), sources = std::move(sources), options](const std::atomic<bool> &cancelled) mutable {
            options.cancel = &cancelled;
            Outcome o;
            try {
                o.result = std::make_shared<const query::Result>(query::run(text, sources, options));
            } catch (const query::QueryError &e) {
                o.column = e.column;
                o.error = QString::fromStdString(e.what());
            } catch (const std::exception &e) {
                o.error = QString::fromStdString(e.what());
            }
            return o;
        },
        [this](Outcome o, bool cancelled) {
            if (o.result && !cancelled)
                emit finished(o.result);
            else
                emit failed(o.column, cancelled ? tr("query cancelled") : o.error, cancelled);
        });
}

} // namespace coldscope
