// SPDX-License-Identifier: MIT
#include "findingsettings.h"

#include "workspace.h"

#include <QSettings>

#include <cmath>

namespace coldscope {

namespace {

struct Key {
    const char *name;
    double AdviceSettings::*field;
};

constexpr Key kKeys[] = {
    { "findings/pricePerGbS", &AdviceSettings::pricePerGbS },
    { "findings/initLimitMs", &AdviceSettings::initLimitMs },
    { "findings/headroomP99Ms", &AdviceSettings::headroomP99Ms },
    { "findings/importShare", &AdviceSettings::importShare },
    { "findings/heavyImportShare", &AdviceSettings::heavyImportShare },
    { "findings/memoryLow", &AdviceSettings::memoryLow },
    { "findings/memoryHigh", &AdviceSettings::memoryHigh },
    { "findings/coldStartRatio", &AdviceSettings::coldStartRatio },
    { "findings/regressionPct", &AdviceSettings::regressionPct },
    { "findings/regressionCriticalPct", &AdviceSettings::regressionCriticalPct },
};

} // namespace

AdviceSettings loadAdviceSettings()
{
    AdviceSettings s;
    const QSettings settings;
    for (const Key &k : kKeys) {
        bool ok = false;
        const double v = settings.value(QLatin1String(k.name)).toDouble(&ok);
        if (ok && std::isfinite(v) && v >= 0)
            s.*k.field = v;
    }
    return s;
}

void saveAdviceSettings(const AdviceSettings &s)
{
    QSettings settings;
    for (const Key &k : kKeys)
        settings.setValue(QLatin1String(k.name), s.*k.field);
}

Advice workspaceAdvice(const Workspace &ws, const AdviceSettings &settings)
{
    // As the report does: a comparison, when there is one, is what the workspace shows.
    const auto diff = ws.comparison();
    if (diff && !diff->b.data.empty() && diff->b.data.back())
        return advise(*diff->b.data.back(), settings, diff.get());
    if (const auto data = ws.data())
        return advise(*data, settings);
    Advice none;
    none.settings = settings;
    return none;
}

} // namespace coldscope
