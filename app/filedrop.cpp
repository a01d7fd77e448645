// SPDX-License-Identifier: MIT
#include "filedrop.h"

#include "workspace.h"

#include <QApplication>
#include <QDropEvent>
#include <QFileInfo>
#include <QLineEdit>
#include <QMainWindow>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTextEdit>
#include <QUrl>

namespace coldscope {

namespace {

// A widget that takes dropped text: a line edit, or a text edit or its viewport.
bool takesText(QWidget *w)
{
    if (qobject_cast<QLineEdit *>(w) || qobject_cast<QTextEdit *>(w) || qobject_cast<QPlainTextEdit *>(w))
        return true;
    QWidget *p = w->parentWidget();
    return p && (qobject_cast<QTextEdit *>(p) || qobject_cast<QPlainTextEdit *>(p));
}

} // namespace

FileDropFilter::FileDropFilter(QMainWindow *window, Workspace *workspace)
    : QObject(window)
    , m_window(window)
    , m_ws(workspace)
{
    qApp->installEventFilter(this);
}

QStringList FileDropFilter::localFiles(const QMimeData *mime)
{
    QStringList files;
    if (mime)
        for (const QUrl &url : mime->urls())
            if (url.isLocalFile())
                files << url.toLocalFile();
    return files;
}

bool FileDropFilter::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop && type != QEvent::DragLeave)
        return false;
    auto *w = qobject_cast<QWidget *>(watched);
    if (!w || w->window() != m_window)
        return false;
    if (type == QEvent::DragLeave) {
        m_window->statusBar()->clearMessage();
        return false;
    }
    auto *drop = static_cast<QDropEvent *>(event); // QDragEnterEvent and QDragMoveEvent are drop events
    const QStringList files = localFiles(drop->mimeData());
    if (files.isEmpty())
        return false;
    if (type == QEvent::DragEnter) {
        m_window->statusBar()->showMessage(files.size() >= 2
                ? tr("Drop to compare %1 and %2").arg(QFileInfo(files[0]).fileName(), QFileInfo(files[1]).fileName())
                : tr("Drop to open %1").arg(QFileInfo(files[0]).fileName()));
    } else if (type == QEvent::Drop) {
        m_window->statusBar()->clearMessage();
    }
    if (w == m_window || !takesText(w))
        return false; // the window's own handlers, or a view's (the compare drop zones)
    if (type == QEvent::Drop) {
        if (files.size() >= 2) // two builds at once: compare them
            m_ws->compareFiles(files[0], files[1]);
        else
            m_ws->openFile(files[0]);
    }
    drop->acceptProposedAction();
    return true;
}

} // namespace coldscope
