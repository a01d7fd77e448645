// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QStringList>

class QMainWindow;
class QMimeData;

namespace coldscope {

class Workspace;

// Files dropped anywhere on a window open, text fields included: a line or text edit
// would otherwise take the drop and paste the file's URL as text. Installed on the
// application, it acts on the drags over its window that carry local files: it shows a
// cue in the status bar while one is over the window, and opens a drop on a text field
// as the window does (two files: compared).
class FileDropFilter : public QObject
{
    Q_OBJECT
public:
    FileDropFilter(QMainWindow *window, Workspace *workspace);

    static QStringList localFiles(const QMimeData *mime);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QMainWindow *m_window;
    Workspace *m_ws;
};

} // namespace coldscope
