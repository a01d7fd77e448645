// SPDX-License-Identifier: MIT
#pragma once

#include <QPlainTextEdit>
#include <QSyntaxHighlighter>

class QCompleter;
class QStringListModel;

namespace coldscope {

// Colours commands, functions, fields, strings, regular expressions and comments.
class QueryHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    // `editor`: whose palette the colours are chosen for.
    QueryHighlighter(QTextDocument *doc, const QWidget *editor);

protected:
    void highlightBlock(const QString &text) override;

private:
    const QWidget *m_editor;
};

// The query editor: highlighting, completion of commands, functions and the
// fields found in the open files, Ctrl+Enter runs, the error marked at its column.
class QueryEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit QueryEditor(QWidget *parent = nullptr);
    void setFields(const QStringList &fields);
    QStringList completions() const;
    // column: 1-based character offset in the query (0 clears).
    void markError(int column);
    QCompleter *completer() const { return m_completer; }

signals:
    void runRequested();

protected:
    void keyPressEvent(QKeyEvent *e) override;

protected:
    void changeEvent(QEvent *e) override; // a new palette: highlight again in its colours

private:
    void complete();
    QString wordUnderCursor() const;

    QCompleter *m_completer;
    QueryHighlighter *m_highlighter = nullptr;
    QStringListModel *m_words;
};

} // namespace coldscope
