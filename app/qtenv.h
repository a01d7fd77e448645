// SPDX-License-Identifier: MIT
#pragma once

namespace coldscope {

// What Qt needs before a QApplication exists, so that it prints nothing of its own:
// a private XDG_RUNTIME_DIR when the session has none (root shells, CI, containers).
void prepareQtEnvironment();

// For the commands that draw offscreen (render, report): drops the messages Qt and
// QCustomPlot print about drawing widgets that were never on a screen, and passes every
// other message through unchanged.
void filterOffscreenMessages();

} // namespace coldscope
