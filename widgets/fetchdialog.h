// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QPushButton;

namespace coldscope {

class CloudJob;

// File > Fetch from CloudWatch…: a slice of a log group (filter-log-events through the
// AWS CLI, on a worker thread) into a gzip JSON file, with progress and Cancel. When it
// ends (or is cancelled: the file keeps what was fetched) fetched() names the file.
class FetchDialog : public QDialog
{
    Q_OBJECT
public:
    explicit FetchDialog(QWidget *parent = nullptr);
    ~FetchDialog() override;

    QLineEdit *logGroup() const { return m_group; }
    QLineEdit *start() const { return m_start; }
    QLineEdit *end() const { return m_end; }
    QLineEdit *filterPattern() const { return m_pattern; }
    QCheckBox *coldStartsOnly() const { return m_coldStarts; }
    QLineEdit *output() const { return m_out; }
    QComboBox *profile() const { return m_profile; }
    QComboBox *region() const { return m_region; }
    QLabel *status() const { return m_status; }
    QPushButton *fetchButton() const { return m_fetch; }
    CloudJob *job() const { return m_job; }
    void startFetch();
    void cancelFetch();

signals:
    void fetched(const QString &path);

private:
    QLineEdit *m_group;
    QComboBox *m_profile;
    QComboBox *m_region;
    QLineEdit *m_start;
    QLineEdit *m_end;
    QLineEdit *m_pattern;
    QCheckBox *m_coldStarts;
    QLineEdit *m_prefix;
    QLineEdit *m_out;
    QLabel *m_status;
    QPushButton *m_fetch;
    QPushButton *m_cancel;
    QCompleter *m_completer;
    CloudJob *m_job;
};

} // namespace coldscope
