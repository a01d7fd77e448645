// SPDX-License-Identifier: MIT
#include "qtenv.h"

#include <QByteArray>
#include <QDir>
#include <QString>
#include <QtGlobal>

#include <cerrno>

#include <sys/stat.h>
#include <unistd.h>

namespace coldscope {

void prepareQtEnvironment()
{
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        return;
    // The directory Qt would fall back to (and warn about), made as the XDG spec asks:
    // owned by us, mode 0700.
    const QByteArray dir = QDir::tempPath().toLocal8Bit() + "/runtime-" + QByteArray::number(uint(::getuid()));
    if (::mkdir(dir.constData(), 0700) != 0 && errno != EEXIST)
        return;
    struct stat st {
    };
    if (::stat(dir.constData(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::getuid()) {
        if ((st.st_mode & 0777) != 0700)
            ::chmod(dir.constData(), 0700);
        qputenv("XDG_RUNTIME_DIR", dir);
    }
}

namespace {

QtMessageHandler g_previous = nullptr;

// Each is Qt or QCustomPlot noting that a widget which was never shown on a screen is
// drawn into an image (the offscreen platform has no window manager; a plot in a
// hidden tab gets a resize event with no size during QWidget::grab). The picture is
// drawn all the same.
bool isOffscreenNoise(const QString &msg)
{
    return msg == QLatin1String("This plugin does not support propagateSizeHints()")
        || msg == QLatin1String("This plugin does not support setParent!")
        || msg == QLatin1String("void QCPLayer::drawToPaintBuffer() paint buffer returned inactive painter")
        || msg == QLatin1String("QPainter::begin: Paint device returned engine == 0, type: 2");
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &msg)
{
    if ((type == QtWarningMsg || type == QtDebugMsg) && isOffscreenNoise(msg))
        return;
    if (g_previous)
        g_previous(type, context, msg);
}

} // namespace

void filterOffscreenMessages()
{
    g_previous = qInstallMessageHandler(handler);
}

} // namespace coldscope
