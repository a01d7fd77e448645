// SPDX-License-Identifier: MIT
#pragma once

// The findings of what the workspace shows (issue #14), with the thresholds and the
// price the user keeps in the settings. The Findings pane, presentation mode and the
// report all read advice through here, so they agree.

#include "advice.h"

#include <cstddef>
#include <memory>

namespace coldscope {

class Workspace;

// The settings ("findings/..." keys); the engine's defaults for any key not stored.
AdviceSettings loadAdviceSettings();
void saveAdviceSettings(const AdviceSettings &settings);

// What the advice on a workspace reads, taken on the workspace's thread: when two builds
// are compared, build B with the comparison (so the regression finding can appear), else
// the loaded log. advise() then runs on any thread (the Findings pane's worker); it is
// empty when nothing is loaded.
struct AdviceInput {
    std::shared_ptr<const LogData> data;
    std::shared_ptr<const ImportDiff> diff;
    AdviceSettings settings;

    Advice advise() const;
    std::size_t invocations() const; // of the log advised on: how long advise() takes
};
AdviceInput adviceInput(const Workspace &ws, const AdviceSettings &settings);

// The advice on what the workspace shows, as the report takes it (adviceInput().advise()).
Advice workspaceAdvice(const Workspace &ws, const AdviceSettings &settings);

} // namespace coldscope
