// SPDX-License-Identifier: MIT
#pragma once

#include <QFont>
#include <QObject>
#include <QPalette>

class QLabel;
class QMenu;

namespace coldscope {

class MainWindow;
class Workspace;

// Presentation mode (View > Presentation mode, F11): full screen, larger text, a
// high-contrast palette; Page Down / Page Up step through the workspace's findings
// (pinned queries, then notes on modules, then notes on invocations), each shown where
// it lives.
class Presentation : public QObject
{
    Q_OBJECT
public:
    explicit Presentation(MainWindow *window);

    void addActions(QMenu *menu);
    void setOn(bool on);
    bool isOn() const { return m_on; }
    void showFinding(int index);
    int currentFinding() const { return m_finding; }
    QString currentFindingText() const;

private:
    MainWindow *m_window;
    Workspace *m_ws;
    bool m_on = false;
    int m_finding = -1;
    QFont m_normalFont;
    QPalette m_normalPalette;
    QLabel *m_banner = nullptr;
};

} // namespace coldscope
