// SPDX-License-Identifier: MIT
#pragma once

// The findings of what the workspace shows (issue #14), with the thresholds and the
// price the user keeps in the settings. The Findings pane, presentation mode and the
// report all read advice through here, so they agree.

#include "advice.h"

namespace coldscope {

class Workspace;

// The settings ("findings/..." keys); the engine's defaults for any key not stored.
AdviceSettings loadAdviceSettings();
void saveAdviceSettings(const AdviceSettings &settings);

// The advice on what the workspace shows, as the report takes it: when two builds are
// compared, build B with the comparison (so the regression finding can appear), else
// the loaded log. Empty when nothing is loaded.
Advice workspaceAdvice(const Workspace &ws, const AdviceSettings &settings);

} // namespace coldscope
