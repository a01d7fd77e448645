// SPDX-License-Identifier: MIT
#pragma once

// The "where in AWS" fields the Search panel and the fetch dialog share: profile and
// Region (from the AWS CLI's configuration, editable), and the log group names
// remembered per profile for completion (QSettings; names only, never a credential).
#include "cloudwatch.h"

#include <QString>
#include <QStringList>

class QComboBox;
class QCompleter;
class QLineEdit;

namespace coldscope::cloudui {

void fillProfiles(QComboBox *combo); // "" (the AWS CLI's default) first, then the configured ones
void fillRegions(QComboBox *combo);
cloud::AwsTarget target(const QComboBox *profile, const QComboBox *region);

QStringList rememberedLogGroups(const QString &profile);
void rememberLogGroups(const QString &profile, const QStringList &names);
// A completer over the remembered names of the profile, kept on `edit`.
QCompleter *logGroupCompleter(QLineEdit *edit, const QString &profile);
void setCompletions(QCompleter *completer, const QStringList &names);
// "a, b c" -> {a, b, c}: log group names hold no spaces or commas.
QStringList splitLogGroups(const QString &text);

} // namespace coldscope::cloudui
