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

AdviceInput adviceInput(const Workspace &ws, const AdviceSettings &settings)
{
    AdviceInput in;
    in.settings = settings;
    const auto diff = ws.comparison();
    if (diff && !diff->b.data.empty() && diff->b.data.back()) {
        in.data = diff->b.data.back();
        in.diff = diff;
    } else {
        in.data = ws.data();
    }
    return in;
}

Advice AdviceInput::advise() const
{
    if (data)
        return coldscope::advise(*data, settings, diff.get());
    Advice none;
    none.settings = settings;
    return none;
}

std::size_t AdviceInput::invocations() const
{
    return data ? data->invocations.size() : 0;
}

Advice workspaceAdvice(const Workspace &ws, const AdviceSettings &settings)
{
    return adviceInput(ws, settings).advise();
}

} // namespace coldscope
