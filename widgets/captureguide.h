// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

namespace coldscope {

// Help > Capture import times on Lambda: the setups people use to get importtime
// output and Lambda logs in a form coldscope opens, with copyable snippets.
class CaptureGuide : public QDialog
{
    Q_OBJECT
public:
    explicit CaptureGuide(QWidget *parent = nullptr);

    struct Snippet {
        QString title;
        QString file; // resource path
        QString kind; // yaml, json, shell, dockerfile
        QString text;
        QString explanation;
    };
    static QList<Snippet> snippets();
};

} // namespace coldscope
