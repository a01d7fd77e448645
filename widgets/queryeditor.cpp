// SPDX-License-Identifier: MIT
#include "queryeditor.h"

#include "queryast.h"
#include "style.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextBlock>

namespace coldscope {

namespace {
QStringList toQt(const std::vector<std::string> &v)
{
    QStringList out;
    for (const auto &s : v)
        out << QString::fromStdString(s);
    return out;
}
} // namespace

QueryHighlighter::QueryHighlighter(QTextDocument *doc, const QWidget *editor)
    : QSyntaxHighlighter(doc)
    , m_editor(editor)
{
}

void QueryHighlighter::highlightBlock(const QString &text)
{
    static const QStringList commands = toQt(query::commandNames());
    static const QStringList functions = toQt(query::functionNames());
    // Colours readable on the editor's own background (light, dark, presentation).
    const style::Syntax syn = style::syntax(m_editor ? m_editor->palette() : QPalette());
    QTextCharFormat command, function, field, string, regex, comment, keyword, number;
    command.setForeground(syn.command);
    command.setFontWeight(QFont::Bold);
    function.setForeground(syn.function);
    field.setForeground(syn.field);
    string.setForeground(syn.string);
    regex.setForeground(syn.regex);
    comment.setForeground(syn.comment);
    comment.setFontItalic(true);
    keyword.setForeground(syn.keyword);
    number.setForeground(syn.number);
    static const QRegularExpression word(QStringLiteral("[A-Za-z_@][A-Za-z0-9_@.]*"));
    for (auto it = word.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString w = m.captured();
        const QString l = w.toLower();
        if (commands.contains(l))
            setFormat(int(m.capturedStart()), int(m.capturedLength()), command);
        else if (std::any_of(functions.begin(), functions.end(), [&](const QString &f) { return f.toLower() == l; })
            && text.mid(int(m.capturedEnd())).trimmed().startsWith(QLatin1Char('(')))
            setFormat(int(m.capturedStart()), int(m.capturedLength()), function);
        else if (QStringList { QStringLiteral("and"), QStringLiteral("or"), QStringLiteral("not"),
                     QStringLiteral("like"), QStringLiteral("in"), QStringLiteral("as"), QStringLiteral("by"),
                     QStringLiteral("asc"), QStringLiteral("desc") }
                     .contains(l))
            setFormat(int(m.capturedStart()), int(m.capturedLength()), keyword);
        else if (w.startsWith(QLatin1Char('@')) || w.contains(QLatin1Char('.')))
            setFormat(int(m.capturedStart()), int(m.capturedLength()), field);
    }
    static const QRegularExpression numbers(QStringLiteral("\\b[0-9]+(\\.[0-9]+)?(ms|s|m|h|d|w|mo|q|y)?\\b"));
    for (auto it = numbers.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), number);
    }
    static const QRegularExpression strings(
        QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"?|'(?:[^'\\\\]|\\\\.)*'?|`[^`]*`?"));
    for (auto it = strings.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), string);
    }
    static const QRegularExpression regexes(QStringLiteral("(?<=like|=~|parse|\\(|,)\\s*/(?:[^/\\\\]|\\\\.)*/?"));
    for (auto it = regexes.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), regex);
    }
    const int hash = int(text.indexOf(QLatin1Char('#')));
    if (hash >= 0 && format(hash) != string)
        setFormat(hash, int(text.size()) - hash, comment);
}

QueryEditor::QueryEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_completer(new QCompleter(this))
    , m_words(new QStringListModel(this))
{
    m_highlighter = new QueryHighlighter(document(), this);
    QFont mono(QStringLiteral("DejaVu Sans Mono"));
    mono.setStyleHint(QFont::Monospace);
    setFont(mono);
    setTabChangesFocus(true);
    setPlaceholderText(tr("fields @timestamp, @message | filter @message like /Task timed out/ | sort @timestamp desc\n"
                          "Ctrl+Enter runs the query."));
    m_completer->setModel(m_words);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setWidget(this);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, [this](const QString &completion) {
        QTextCursor c = textCursor();
        const int typed = int(wordUnderCursor().size());
        c.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, typed);
        c.insertText(completion);
        setTextCursor(c);
    });
    setFields({});
}

QStringList QueryEditor::completions() const
{
    return m_words->stringList();
}

void QueryEditor::setFields(const QStringList &fields)
{
    QStringList words = toQt(query::commandNames());
    words << QStringLiteral("by") << QStringLiteral("as") << QStringLiteral("like") << QStringLiteral("desc")
          << QStringLiteral("asc");
    for (const QString &f : toQt(query::functionNames()))
        words << f;
    words << fields;
    words.removeDuplicates();
    m_words->setStringList(words);
}

QString QueryEditor::wordUnderCursor() const
{
    const QString before = textCursor().block().text().left(textCursor().positionInBlock());
    static const QRegularExpression tail(QStringLiteral("[A-Za-z0-9_@.]*$"));
    return tail.match(before).captured();
}

void QueryEditor::complete()
{
    const QString prefix = wordUnderCursor();
    if (prefix.size() < 1) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(prefix);
    if (m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    QRect r = cursorRect();
    r.setWidth(m_completer->popup()->sizeHintForColumn(0)
        + m_completer->popup()->verticalScrollBar()->sizeHint().width() + 20);
    m_completer->complete(r);
}

void QueryEditor::keyPressEvent(QKeyEvent *e)
{
    if (m_completer->popup()->isVisible()) {
        switch (e->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
            if (!(e->modifiers() & Qt::ControlModifier)) {
                e->ignore(); // the popup takes it
                return;
            }
            m_completer->popup()->hide();
            break;
        default:
            break;
        }
    }
    if ((e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter) && (e->modifiers() & Qt::ControlModifier)) {
        emit runRequested();
        return;
    }
    if (e->key() == Qt::Key_Space && (e->modifiers() & Qt::ControlModifier)) {
        complete();
        return;
    }
    QPlainTextEdit::keyPressEvent(e);
    if (!e->text().isEmpty() && (e->text().at(0).isLetterOrNumber() || e->text() == QLatin1String("@")))
        complete();
    else
        m_completer->popup()->hide();
}

void QueryEditor::markError(int column)
{
    QList<QTextEdit::ExtraSelection> marks;
    if (column > 0) {
        QTextEdit::ExtraSelection sel;
        sel.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        const style::Syntax syn = style::syntax(palette());
        sel.format.setUnderlineColor(syn.errorUnderline);
        sel.format.setBackground(syn.errorBackground);
        QTextCursor c(document());
        const int pos = std::min(column - 1, int(toPlainText().size()));
        c.setPosition(std::max(0, pos == int(toPlainText().size()) ? pos - 1 : pos));
        c.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor);
        sel.cursor = c;
        marks << sel;
    }
    setExtraSelections(marks);
}

void QueryEditor::changeEvent(QEvent *e)
{
    QPlainTextEdit::changeEvent(e);
    if (e->type() == QEvent::PaletteChange && m_highlighter)
        m_highlighter->rehighlight();
}

} // namespace coldscope
