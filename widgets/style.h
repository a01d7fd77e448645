// SPDX-License-Identifier: MIT
#pragma once

// Every colour the views draw with, by what it means. Views ask for "the timeout
// colour", never for an RGB value, so that a timeout looks the same on the timeline,
// in the waterfall, in the search chart and in a legend; colours that sit on the
// window's background follow its palette (a dark desktop, presentation mode).

#include <QColor>
#include <QPalette>
#include <QString>

#include <string>

namespace coldscope::style {

// Phases and outcomes (timeline bars, waterfall rows, chart series, legends).
QColor init(); // the INIT phase
QColor invocation(); // an invocation that succeeded
QColor timeout();
QColor error();
// Box plots of two builds: A lighter, B darker.
QColor initOf(bool b);
QColor durationOf(bool b);

// Import profiles.
QColor packageColor(const QString &topLevelPackage); // stable hash: the same in every file
QColor placeholder(); // an import whose line never came
QColor heat(double fraction); // self time, 0 (short) .. 1 (long)
QColor dimmed(const QColor &c); // not matching a search
QColor hatch(); // pattern over modules new in build B
QColor labelOn(const QColor &background); // text drawn on a coloured box: black or white, >= 4.5:1

// Comparisons.
QColor delta(double deltaUs, double scaleUs); // slower red, faster blue, stronger with the change
QColor slower(); // the strongest of each, for text
QColor faster();
QColor noise(); // a change within the noise
QColor deltaText(bool slower, const QPalette &pal); // slower / faster as text on the window (>= 4.5:1)

// Marks on the window's background.
QColor selectionOutline(const QPalette &pal);
QColor rangeFill();
QColor rangeLine();
QColor invalidInput(const QPalette &pal); // a filter or query that does not parse
QColor severity(bool errorLevel, const QPalette &pal); // ERROR / WARN rows of a table

// A finding's severity chip (0 critical, 1 warning, 2 info): its fill and its text,
// at least WCAG AA contrast (4.5:1) on a light and on a dark palette.
struct Chip {
    QColor background, text;
};
Chip findingChip(int severity, const QPalette &pal);
double contrastRatio(const QColor &a, const QColor &b); // WCAG 2.x, 1..21

// Series of a chart, in order.
QColor series(int index);

// Query highlighting, readable on the editor's background (light or dark).
struct Syntax {
    QColor command, function, field, string, regex, comment, keyword, number, errorUnderline, errorBackground;
};
Syntax syntax(const QPalette &pal);

// The title band of an exported picture.
struct Band {
    QColor background, title, sources, rule, page;
};
Band band();

// A legend chip: a coloured box and its label, as rich text; the label in `text`, else
// in labelOn(c) (at least 4.5:1 on the chip whatever the window's palette).
QString swatch(const QColor &c, const QString &label, const QColor &text = QColor());

// The colours of an HTML report (CSS rules).
std::string reportCss();

// A dark desktop (Fusion's dark colours): `render` with COLDSCOPE_PALETTE=dark, and the
// tests that check the views follow a dark palette.
QPalette darkPalette();

// Presentation mode: black background, white text, a yellow highlight.
QPalette presentationPalette();

} // namespace coldscope::style
