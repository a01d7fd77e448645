// SPDX-License-Identifier: MIT
#pragma once

// Helpers shared by the tests: fixture paths and an independent importtime reader
// (a plain re-implementation of the line format, to check the engine against).

#include <QAbstractItemModel>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace testutil {

inline QString fixture(const QString &rel)
{
    return QStringLiteral(COLDSCOPE_FIXTURES "/") + rel;
}

inline QStringList fixtures(const QString &dir, const QStringList &patterns)
{
    QStringList out;
    for (const QString &f : QDir(fixture(dir)).entryList(patterns, QDir::Files, QDir::Name))
        out << fixture(dir + QLatin1Char('/') + f);
    return out;
}

// Calls fn(index, parent) for every row of `model` (column 0), depth first.
template <typename Fn> void forEachRow(const QAbstractItemModel &model, Fn fn)
{
    std::vector<QModelIndex> todo { QModelIndex() };
    while (!todo.empty()) {
        const QModelIndex p = todo.back();
        todo.pop_back();
        for (int r = 0; r < model.rowCount(p); ++r) {
            const QModelIndex c = model.index(r, 0, p);
            fn(c, p);
            todo.push_back(c);
        }
    }
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

struct RefLine {
    qint64 self;
    qint64 cumulative;
    int level;
    QString module;
};

// Lines exactly as CPython writes them: "import time: %9ld | %10ld | %*s%s".
inline std::vector<RefLine> referenceImportLines(const QByteArray &text)
{
    static const QRegularExpression re(QStringLiteral("^import time:\\s+(\\d+) \\|\\s+(\\d+) \\|( +)(\\S+)$"));
    std::vector<RefLine> out;
    for (const QByteArray &raw : text.split('\n')) {
        const auto m = re.match(QString::fromUtf8(raw).trimmed().isEmpty() ? QString() : QString::fromUtf8(raw));
        if (!m.hasMatch())
            continue;
        out.push_back({ m.captured(1).toLongLong(), m.captured(2).toLongLong(), int((m.captured(3).size() - 1) / 2),
            m.captured(4) });
    }
    return out;
}

#ifdef COLDSCOPE_BIN
struct CliRun {
    int code;
    QByteArray out;
    QByteArray err;
};

// Runs the built coldscope with no display (headless commands need none).
inline CliRun cli(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM")); // render/report choose offscreen themselves
    env.remove(QStringLiteral("XDG_RUNTIME_DIR")); // as in a root shell or CI: coldscope must cope
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(COLDSCOPE_BIN), args);
    if (!p.waitForFinished(120000))
        qFatal("coldscope did not finish");
    return { p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError() };
}

#endif

} // namespace testutil
