// SPDX-License-Identifier: MIT
#include "fetchdialog.h"

#include "cloudjob.h"
#include "cloudtarget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace coldscope {

FetchDialog::FetchDialog(QWidget *parent)
    : QDialog(parent)
    , m_group(new QLineEdit(this))
    , m_profile(new QComboBox(this))
    , m_region(new QComboBox(this))
    , m_start(new QLineEdit(QStringLiteral("-1d"), this))
    , m_end(new QLineEdit(QStringLiteral("now"), this))
    , m_pattern(new QLineEdit(this))
    , m_coldStarts(new QCheckBox(tr("Fetch the cold starts only (INIT, REPORT and importtime lines)"), this))
    , m_prefix(new QLineEdit(this))
    , m_out(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_fetch(new QPushButton(tr("Fetch"), this))
    , m_cancel(new QPushButton(tr("Cancel fetch"), this))
    , m_job(new CloudJob(this))
{
    setWindowTitle(tr("Fetch from CloudWatch"));
    cloudui::fillProfiles(m_profile);
    cloudui::fillRegions(m_region);
    m_group->setPlaceholderText(QStringLiteral("/aws/lambda/my-function"));
    m_completer = cloudui::logGroupCompleter(m_group, m_profile->currentText());
    const QStringList known = cloudui::rememberedLogGroups(m_profile->currentText());
    if (!known.isEmpty())
        m_group->setText(known.first());
    m_start->setToolTip(tr("ISO 8601, or relative to now: -30m, -3h, -2d, -1w"));
    m_end->setToolTip(m_start->toolTip());
    m_pattern->setPlaceholderText(tr("CloudWatch filter pattern (empty: every event)"));
    m_prefix->setPlaceholderText(tr("log stream name prefix (optional)"));
    m_out->setText(
        QDir::home().filePath(QStringLiteral("coldscope-fetch-%1.json.gz")
                                  .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")))));
    m_status->setWordWrap(true);
    m_cancel->setEnabled(false);

    auto *refresh = new QToolButton(this);
    refresh->setText(tr("List"));
    refresh->setToolTip(tr("List the log groups of this profile and Region (aws logs describe-log-groups)"));
    auto *groupRow = new QHBoxLayout;
    groupRow->addWidget(m_group, 1);
    groupRow->addWidget(refresh);
    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    auto *outRow = new QHBoxLayout;
    outRow->addWidget(m_out, 1);
    outRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("Log group:"), groupRow);
    form->addRow(tr("Profile:"), m_profile);
    form->addRow(tr("Region:"), m_region);
    form->addRow(tr("Start:"), m_start);
    form->addRow(tr("End:"), m_end);
    form->addRow(tr("Filter pattern:"), m_pattern);
    form->addRow(QString(), m_coldStarts);
    form->addRow(tr("Log streams:"), m_prefix);
    form->addRow(tr("Save to:"), outRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_fetch, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_fetch, &QPushButton::clicked, this, &FetchDialog::startFetch);
    connect(m_cancel, &QPushButton::clicked, this, &FetchDialog::cancelFetch);
    connect(m_coldStarts, &QCheckBox::toggled, this, [this](bool on) {
        m_pattern->setEnabled(!on);
        if (on)
            m_pattern->setText(QString::fromLatin1(cloud::kColdStartsPattern));
        else
            m_pattern->clear();
    });
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(
            this, tr("Save the fetched events as"), m_out->text(), tr("gzip JSON (*.json.gz)"));
        if (!f.isEmpty())
            m_out->setText(f);
    });
    connect(m_profile, &QComboBox::currentTextChanged, this,
        [this](const QString &p) { cloudui::setCompletions(m_completer, cloudui::rememberedLogGroups(p)); });
    connect(refresh, &QToolButton::clicked, this, [this] {
        m_status->setText(tr("Listing log groups…"));
        m_job->listLogGroups(cloudui::target(m_profile, m_region), m_group->text().trimmed());
    });
    connect(m_job, &CloudJob::logGroupsListed, this, [this](const QStringList &names, const QString &error) {
        if (!error.isEmpty()) {
            m_status->setText(error);
            return;
        }
        cloudui::rememberLogGroups(m_profile->currentText().trimmed(), names);
        cloudui::setCompletions(m_completer, cloudui::rememberedLogGroups(m_profile->currentText().trimmed()));
        m_status->setText(tr("%n log group(s) found.", nullptr, int(names.size())));
        m_completer->complete();
    });
    connect(m_job, &CloudJob::fetchProgress, this, [this](qulonglong pages, qulonglong events, qulonglong bytes) {
        m_status->setText(tr("Page %1: %2 events, %3 fetched")
                              .arg(pages)
                              .arg(QLocale().toString(events), QLocale().formattedDataSize(qint64(bytes))));
    });
    connect(m_job, &CloudJob::fetchFinished, this,
        [this](const QString &path, bool ok, bool cancelled, bool written, const QString &error) {
            m_fetch->setEnabled(true);
            m_cancel->setEnabled(false);
            if (ok || (cancelled && written)) {
                m_status->setText(
                    ok ? tr("Done: %1").arg(path) : tr("Cancelled: %1 holds what was fetched.").arg(path));
                emit fetched(path);
                accept();
                return;
            }
            m_status->setText(written ? error + QLatin1Char('\n') + tr("%1 holds what was fetched.").arg(path) : error);
            if (written)
                emit fetched(path);
        });
}

FetchDialog::~FetchDialog()
{
    m_job->cancel();
}

void FetchDialog::startFetch()
{
    const TimeMs now = cloud::nowMs();
    const auto start = cloud::parseTime(m_start->text().trimmed().toStdString(), now);
    const auto end = cloud::parseTime(
        m_end->text().trimmed().isEmpty() ? std::string("now") : m_end->text().trimmed().toStdString(), now);
    const QString group = m_group->text().trimmed();
    QString problem;
    if (group.isEmpty())
        problem = tr("Name the log group.");
    else if (!start || !end)
        problem = tr("Start and end: ISO 8601 (2024-06-01T00:00:00Z) or relative to now (-30m, -3h, -2d, -1w).");
    else if (*start > *end)
        problem = tr("The start is after the end.");
    else if (m_out->text().trimmed().isEmpty())
        problem = tr("Choose where to save the events.");
    if (!problem.isEmpty()) {
        m_status->setText(problem);
        return;
    }
    cloud::FetchRequest r;
    r.target = cloudui::target(m_profile, m_region);
    r.logGroup = group.toStdString();
    r.start = *start;
    r.end = *end;
    r.filterPattern = m_pattern->text().trimmed().toStdString();
    r.logStreamPrefix = m_prefix->text().trimmed().toStdString();
    cloudui::rememberLogGroups(m_profile->currentText().trimmed(), { group });
    m_fetch->setEnabled(false);
    m_cancel->setEnabled(true);
    m_status->setText(tr("Fetching…"));
    m_job->fetch(r, m_out->text().trimmed());
}

void FetchDialog::cancelFetch()
{
    m_job->cancel();
}

} // namespace coldscope
