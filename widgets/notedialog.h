// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

#include <optional>

class QPlainTextEdit;

namespace coldscope {

// A note on a module or an invocation: several lines of text. Enter starts a new line;
// Ctrl+Enter (or the OK button) confirms, Escape cancels.
class NoteDialog : public QDialog
{
    Q_OBJECT
public:
    NoteDialog(const QString &label, const QString &text, QWidget *parent = nullptr);

    QString text() const;
    QPlainTextEdit *editor() const { return m_edit; }

    // Asks for a note; nothing when cancelled.
    static std::optional<QString> getNote(QWidget *parent, const QString &label, const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPlainTextEdit *m_edit;
};

} // namespace coldscope
