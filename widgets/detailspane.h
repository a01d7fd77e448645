// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"

#include <QTextBrowser>

#include <memory>

namespace coldscope {

// Everything about the selected thing (an event, an import, an invocation), as text.
// Log content is always escaped: a log line holding markup shows as text.
class DetailsPane : public QTextBrowser
{
    Q_OBJECT
public:
    explicit DetailsPane(QWidget *parent = nullptr);

    void setLogData(std::shared_ptr<const LogData> data);
    void showEvent(int event);
    void showImport(int run, int node);
    void showInvocation(int invocation);
    void showSummary();

private:
    std::shared_ptr<const LogData> m_data;
};

// Pretty-prints JSON text (2-space indent); returns the input when it is not JSON.
QString prettyJson(std::string_view text);

} // namespace coldscope
