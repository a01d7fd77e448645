// SPDX-License-Identifier: MIT
#pragma once

#include <QFont>
#include <QObject>
#include <QPalette>
#include <QPointer>

class QLabel;
class QMenu;

namespace coldscope {

class MainWindow;
class Workspace;

// Presentation mode (View > Presentation mode, F11): full screen, larger text, a
// high-contrast palette; Page Down / Page Up step through the findings: first the
// engine's (issue #14, worst first, a title card each over the Findings tab), then the
// workspace's (pinned queries, notes on modules, notes on invocations), each shown
// where it lives.
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
    int findingCount() const; // title cards, then the workspace's findings
    int titleCards() const; // the engine's findings shown first (at most kTitleCards)
    static constexpr int kTitleCards = 5;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void placeCard();
    MainWindow *m_window;
    Workspace *m_ws;
    bool m_on = false;
    int m_finding = -1;
    QFont m_normalFont;
    QPalette m_normalPalette;
    QLabel *m_banner = nullptr;
    QPointer<QWidget> m_central; // the window's central widget, which the card's filter watches
};

} // namespace coldscope
