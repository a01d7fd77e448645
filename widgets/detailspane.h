// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"
#include "workspace.h"

#include <QTextBrowser>

#include <memory>

namespace coldscope {

// Everything about what the user selected last in the workspace (an event, an import,
// an invocation, with the note on it), or the file's summary. Log content is always
// escaped: a log line holding markup shows as text.
class DetailsPane : public QTextBrowser
{
    Q_OBJECT
public:
    explicit DetailsPane(Workspace *workspace, QWidget *parent = nullptr);

    void showSummary();
    void showLogEvent(int event);
    void showImport(int run, int node);
    void showInvocation(int invocation);

private:
    void showFocus();
    void appendNote();
    QString comparisonHtml() const; // the compared pair's figures, while the log shown is one of its sides

    Workspace *m_ws;
    std::shared_ptr<const LogData> m_data;
};

} // namespace coldscope
