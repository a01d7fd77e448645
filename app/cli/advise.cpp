// SPDX-License-Identifier: MIT
// `coldscope advise`: the findings of a log (and of a second build), for people and CI.
#include "headless.h"

#include "advice.h"
#include "importdiff.h"
#include "jsontext.h"
#include "logdata.h"
#include "textparse.h"

#include <cmath>
#include <iostream>

namespace coldscope::cli {

int adviseCommand(const Args &a)
{
    AdviceSettings settings;
    if (a.has("--price-per-gb-s")) {
        const auto p = parseDouble(a.value("--price-per-gb-s"));
        if (!p || !std::isfinite(*p) || *p < 0)
            return a.usageError("--price-per-gb-s takes a price in USD per GB-second, e.g. 0.0000166667");
        settings.pricePerGbS = *p;
    }
    std::optional<Severity> failOn;
    if (a.has("--fail-on")) {
        const std::string &s = a.value("--fail-on");
        if (s == "critical")
            failOn = Severity::Critical;
        else if (s == "warning")
            failOn = Severity::Warning;
        else
            return a.usageError("--fail-on takes warning or critical");
    }
    int rc = 0;
    std::shared_ptr<const LogData> first = load(a.positionals[0], rc);
    if (!first)
        return rc;
    std::shared_ptr<const LogData> subject = first;
    std::optional<ImportDiff> diff;
    if (a.positionals.size() == 2) {
        // FILE is the previous build, FILE_B the new one: the findings are FILE_B's.
        subject = load(a.positionals[1], rc);
        if (!subject)
            return rc;
        if (!first->runs.empty() && !subject->runs.empty())
            diff = diffImports({ first }, { subject });
        else
            std::cerr << "coldscope advise: no importtime table in "
                      << (first->runs.empty() ? first->path : subject->path) << ": no regression check\n";
    }
    const Advice advice = advise(*subject, settings, diff ? &*diff : nullptr);
    if (a.flag("--json"))
        std::cout << jsonText(adviceJson(advice), 2) << '\n';
    else
        std::cout << adviceText(advice);
    const std::optional<Severity> worst = advice.worst();
    if (failOn && worst && *worst <= *failOn) {
        std::cerr << "coldscope advise: a " << severityName(*worst) << " finding (--fail-on " << severityName(*failOn)
                  << ")\n";
        return 1;
    }
    return 0;
}

} // namespace coldscope::cli
