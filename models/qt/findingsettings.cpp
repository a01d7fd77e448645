// SPDX-License-Identifier: MIT
#include "findingsettings.h"

#include "workspace.h"

#include <QSettings>

#include <algorithm>
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
    const auto diff = ws.comparison();
    auto data = ws.data();
    if (!data && diff && !diff->b.data.empty())
        data = diff->b.data.back();
    if (!data) {
        Advice none;
        none.settings = settings;
        return none;
    }
    // The comparison is about this log when the log is its build B.
    const bool isB = diff && std::any_of(diff->b.data.begin(), diff->b.data.end(), [&](const auto &d) {
        return d == data || (d && d->path == data->path);
    });
    return advise(*data, settings, isB ? diff.get() : nullptr);
}

} // namespace coldscope
