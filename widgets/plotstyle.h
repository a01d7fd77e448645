// SPDX-License-Identifier: MIT
#pragma once

class QCustomPlot;
class QPalette;

namespace coldscope {

// Gives a plot its palette's colours (light, dark, high contrast) instead of
// QCustomPlot's fixed white, now and whenever the palette changes (the plot then
// replots itself). Call once, after the plot's legend is set up; what is added to
// the plot later inherits the colours.
void followPalette(QCustomPlot *plot);

} // namespace coldscope
