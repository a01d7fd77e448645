// SPDX-License-Identifier: MIT
#include "captureguide.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace coldscope {

QList<CaptureGuide::Snippet> CaptureGuide::snippets()
{
    QList<Snippet> out;
    QFile index(QStringLiteral(":/capture/index.json"));
    if (!index.open(QIODevice::ReadOnly))
        return out;
    for (const auto &v : QJsonDocument::fromJson(index.readAll()).array()) {
        const QJsonObject o = v.toObject();
        Snippet s;
        s.title = o.value(QStringLiteral("title")).toString();
        s.file = QStringLiteral(":/capture/") + o.value(QStringLiteral("file")).toString();
        s.kind = o.value(QStringLiteral("kind")).toString();
        s.explanation = o.value(QStringLiteral("explanation")).toString();
        QFile f(s.file);
        if (f.open(QIODevice::ReadOnly))
            s.text = QString::fromUtf8(f.readAll());
        out << s;
    }
    return out;
}

CaptureGuide::CaptureGuide(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Capture import times on Lambda"));
    resize(900, 760);
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    auto *intro = new QLabel(
        tr("<p>Python prints how long every import takes when it runs with <code>-X importtime</code> or "
           "with the environment variable <code>PYTHONPROFILEIMPORTTIME=1</code>. On Lambda the table goes "
           "to CloudWatch Logs, one line per event, next to the INIT_START and REPORT lines. Pick a setup, "
           "deploy, trigger a cold start, download the log, and open it here.</p>"),
        content);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const Snippet &s : snippets()) {
        auto *title
            = new QLabel(QStringLiteral("<h3>%1</h3><p>%2</p>").arg(s.title.toHtmlEscaped(), s.explanation), content);
        title->setWordWrap(true);
        auto *text = new QPlainTextEdit(s.text, content);
        text->setReadOnly(true);
        text->setFont(mono);
        text->setFixedHeight(text->fontMetrics().height() * (int(s.text.count(QLatin1Char('\n'))) + 2) + 8);
        auto *copy = new QPushButton(tr("Copy"), content);
        const QString snippet = s.text;
        connect(copy, &QPushButton::clicked, this, [snippet] { QApplication::clipboard()->setText(snippet); });
        layout->addWidget(title);
        layout->addWidget(text);
        layout->addWidget(copy, 0, Qt::AlignRight);
    }
    layout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *outer = new QVBoxLayout(this);
    outer->addWidget(scroll, 1);
    outer->addWidget(buttons);
}

} // namespace coldscope
