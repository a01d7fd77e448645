// SPDX-License-Identifier: MIT
#include "cloudtarget.h"

#include "cloudjob.h"

#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QStringListModel>

namespace coldscope::cloudui {

namespace {
QString key(const QString &profile)
{
    return QStringLiteral("cloudwatch/logGroups/") + (profile.isEmpty() ? QStringLiteral("(default)") : profile);
}
} // namespace

void fillProfiles(QComboBox *combo)
{
    combo->setEditable(true);
    combo->addItem(QString());
    combo->addItems(CloudJob::profiles());
    combo->setToolTip(QObject::tr("AWS CLI profile (--profile); empty: the AWS CLI's default"));
    combo->setCurrentText(QSettings().value(QStringLiteral("cloudwatch/profile")).toString());
}

void fillRegions(QComboBox *combo)
{
    combo->setEditable(true);
    combo->addItem(QString());
    combo->addItems({ QStringLiteral("us-east-1"), QStringLiteral("us-east-2"), QStringLiteral("us-west-1"),
        QStringLiteral("us-west-2"), QStringLiteral("eu-west-1"), QStringLiteral("eu-west-2"),
        QStringLiteral("eu-central-1"), QStringLiteral("eu-north-1"), QStringLiteral("ap-northeast-1"),
        QStringLiteral("ap-southeast-1"), QStringLiteral("ap-southeast-2"), QStringLiteral("ap-south-1"),
        QStringLiteral("sa-east-1"), QStringLiteral("ca-central-1") });
    combo->setToolTip(QObject::tr("AWS Region (--region); empty: the profile's Region"));
    combo->setCurrentText(QSettings().value(QStringLiteral("cloudwatch/region")).toString());
}

cloud::AwsTarget target(const QComboBox *profile, const QComboBox *region)
{
    QSettings s;
    s.setValue(QStringLiteral("cloudwatch/profile"), profile->currentText().trimmed());
    s.setValue(QStringLiteral("cloudwatch/region"), region->currentText().trimmed());
    return { profile->currentText().trimmed().toStdString(), region->currentText().trimmed().toStdString() };
}

QStringList rememberedLogGroups(const QString &profile)
{
    return QSettings().value(key(profile)).toStringList();
}

void rememberLogGroups(const QString &profile, const QStringList &names)
{
    QStringList all = rememberedLogGroups(profile);
    for (const QString &n : names)
        if (!n.isEmpty() && !all.contains(n))
            all << n;
    all.sort();
    while (all.size() > 500)
        all.removeLast();
    QSettings().setValue(key(profile), all);
}

QCompleter *logGroupCompleter(QLineEdit *edit, const QString &profile)
{
    auto *c = new QCompleter(new QStringListModel(rememberedLogGroups(profile), edit), edit);
    c->setCaseSensitivity(Qt::CaseInsensitive);
    c->setFilterMode(Qt::MatchContains);
    edit->setCompleter(c);
    return c;
}

void setCompletions(QCompleter *completer, const QStringList &names)
{
    if (auto *m = qobject_cast<QStringListModel *>(completer->model()))
        m->setStringList(names);
}

QStringList splitLogGroups(const QString &text)
{
    static const QRegularExpression sep(QStringLiteral("[,\\s]+"));
    return text.split(sep, Qt::SkipEmptyParts);
}

} // namespace coldscope::cloudui
