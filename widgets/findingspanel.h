// SPDX-License-Identifier: MIT
#pragma once

#include "advice.h"
#include "jobtracker.h"
#include "workspace.h"

#include <QDialog>
#include <QWidget>

#include <vector>

class QAbstractButton;
class QDoubleSpinBox;
class QLabel;
class QScrollArea;

namespace coldscope {

// What to fix first (issue #14): the figures of each function on one line, then the
// findings as cards, worst first, each with a button that shows its evidence where it
// lives (a module in Imports, an invocation in Timeline, a query in Search) through the
// workspace. The thresholds and the price are the user's settings.
class FindingsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FindingsPanel(Workspace *workspace, QWidget *parent = nullptr);

    // The advice shown. On a log of many invocations it is worked out on a worker thread
    // (about 70 ms for 95,000 invocations had held up the window's first paint): until
    // then it is empty and isWorking() is true.
    const Advice &advice() const { return m_advice; }
    bool isWorking() const { return m_working; }
    // From how many invocations the advice is worked out off the GUI thread.
    void setBackgroundFrom(std::size_t invocations) { m_backgroundFrom = invocations; }
    AdviceSettings settings() const { return m_settings; }
    void setSettings(const AdviceSettings &settings); // kept in the settings; recomputes
    void editSettings(); // the settings dialog (window-modal, not blocking)

    // What is on screen, for tests and exports.
    QString stateText() const; // the empty or "No findings" state, else empty
    QString figuresText() const; // one line per function
    int cardCount() const { return int(m_cards.size()); }
    QString cardText(int card) const; // severity, title, detail
    QAbstractButton *evidenceButton(int card) const;
    QLabel *chip(int card) const;
    void showEvidence(int card);

protected:
    void changeEvent(QEvent *event) override;

private:
    void recompute();
    void rebuild();

    struct Card {
        QWidget *frame = nullptr;
        QLabel *chip = nullptr, *title = nullptr, *detail = nullptr;
        QAbstractButton *button = nullptr;
        const Finding *finding = nullptr;
    };

    Workspace *m_ws;
    AdviceSettings m_settings;
    Advice m_advice;
    QLabel *m_state;
    QLabel *m_figures;
    QScrollArea *m_scroll;
    std::vector<Card> m_cards;
    bool m_rebuilding = false;
    bool m_working = false; // the advice is being worked out on m_jobs
    std::size_t m_backgroundFrom = 20000;
    JobTracker m_jobs { this }; // last: joined before the members its result writes go
};

// The findings' thresholds and the price per GB-s.
class FindingsSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit FindingsSettingsDialog(const AdviceSettings &settings, QWidget *parent = nullptr);
    AdviceSettings settings() const;
    QDoubleSpinBox *priceBox() const { return m_price; }

private:
    void show(const AdviceSettings &s);

    QDoubleSpinBox *m_price, *m_initLimit, *m_headroom, *m_importShare, *m_heavyImport, *m_memoryLow, *m_memoryHigh,
        *m_coldStarts, *m_regression, *m_regressionCritical;
};

} // namespace coldscope
