// SPDX-License-Identifier: MIT
#pragma once

#include <QSharedPointer>

class QCustomPlot;
class QCPAxisTicker;
class QPalette;

namespace coldscope {

// Gives a plot its palette's colours (light, dark, high contrast) instead of
// QCustomPlot's fixed white, now and whenever the palette changes (the plot then
// replots itself); its axis and legend text follow the widget's font the same way.
// Call once, after the plot's legend is set up; what is added to
// the plot later inherits the colours.
void followPalette(QCustomPlot *plot);

// Shows the plot's legend as a row above the plot, in one line, in a smaller font:
// it never covers the data (an inset legend does once the data fills the plot).
void legendAbove(QCustomPlot *plot);

// A UTC date-time axis (keys in seconds since the epoch) whose labels are as precise as
// the tick step needs: no two ticks ever carry the same label (seconds, then
// milliseconds, when zoomed in; the date when ticks are days apart).
QSharedPointer<QCPAxisTicker> timeTicker();

} // namespace coldscope
