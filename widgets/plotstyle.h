// SPDX-License-Identifier: MIT
#pragma once

class QCustomPlot;
class QPalette;

namespace coldscope {

// Gives a plot the widget palette's colours (light, dark, high contrast) instead of
// QCustomPlot's fixed white.
void applyPalette(QCustomPlot *plot, const QPalette &palette);

} // namespace coldscope
