// SPDX-License-Identifier: MIT
#include "style.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace coldscope::style {

namespace {
bool isDark(const QPalette &pal)
{
    return pal.color(QPalette::Base).lightness() < 128;
}
} // namespace

QColor init()
{
    return QColor(70, 120, 200);
}
QColor invocation()
{
    return QColor(60, 160, 110);
}
QColor timeout()
{
    return QColor(220, 50, 40);
}
QColor error()
{
    return QColor(235, 140, 30);
}
QColor initOf(bool b)
{
    return b ? init() : QColor(130, 170, 230);
}
QColor durationOf(bool b)
{
    return b ? invocation() : QColor(140, 210, 170);
}

QColor packageColor(const QString &pkg)
{
    // FNV-1a over the name: the same package gets the same colour in every run,
    // every file and both sides of a comparison.
    std::uint32_t h = 2166136261u;
    for (const QChar c : pkg) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    const int hue = int(h % 360);
    const int sat = 90 + int((h >> 9) % 70);
    const int val = 205 + int((h >> 17) % 40);
    return QColor::fromHsv(hue, sat, val);
}
QColor placeholder()
{
    return QColor(190, 190, 190);
}
QColor heat(double f)
{
    f = std::clamp(f, 0.0, 1.0);
    return QColor::fromHsvF(float(0.16 * (1.0 - f)), float(0.25 + 0.7 * f), float(1.0 - 0.25 * f));
}
QColor dimmed(const QColor &c)
{
    return QColor::fromHsvF(c.hsvHueF(), c.hsvSaturationF() * 0.15f, 0.93f);
}
QColor hatch()
{
    return QColor(0, 0, 0, 90);
}
QColor labelOn(const QColor &background)
{
    // Whichever of black and white contrasts more (the WCAG ratio, not lightness): for
    // any background one of them reaches at least 4.58:1, so labels and legend chips are
    // always AA on whatever the box's colour.
    const QColor dark(Qt::black), light(Qt::white);
    return contrastRatio(background, dark) >= contrastRatio(background, light) ? dark : light;
}

QColor delta(double deltaUs, double scaleUs)
{
    if (deltaUs == 0 || scaleUs <= 0)
        return noise();
    const double f = std::min(1.0, std::sqrt(std::abs(deltaUs) / scaleUs));
    return QColor::fromHsvF(deltaUs > 0 ? 0.0f : 0.6f, float(0.15 + 0.75 * f), float(0.98 - 0.2 * f));
}
QColor slower()
{
    return QColor(192, 57, 43);
}
QColor faster()
{
    return QColor(42, 111, 176);
}
QColor deltaText(bool slower, const QPalette &pal)
{
    if (isDark(pal) || pal.color(QPalette::Window).lightness() < 128)
        return slower ? QColor(255, 120, 110) : QColor(130, 177, 255);
    return slower ? QColor(170, 45, 35) : QColor(30, 95, 160);
}
QColor noise()
{
    return QColor(215, 215, 215);
}

QColor selectionOutline(const QPalette &pal)
{
    return pal.color(QPalette::Text);
}
QColor rangeFill()
{
    return QColor(255, 200, 0, 50);
}
QColor rangeLine()
{
    return QColor(200, 150, 0);
}
QColor invalidInput(const QPalette &pal)
{
    return isDark(pal) ? QColor(255, 110, 100) : QColor(200, 40, 40);
}
QColor severity(bool errorLevel, const QPalette &pal)
{
    if (errorLevel)
        return isDark(pal) ? QColor(255, 110, 100) : QColor(190, 30, 30);
    return isDark(pal) ? QColor(240, 180, 60) : QColor(160, 95, 0);
}

Chip findingChip(int severity, const QPalette &pal)
{
    // Light: saturated fills; dark: lighter fills with dark text, not glaring on black.
    static const Chip light[] = { { QColor(176, 32, 32), QColor(255, 255, 255) },
        { QColor(255, 196, 40), QColor(20, 20, 20) }, { QColor(21, 96, 180), QColor(255, 255, 255) } };
    static const Chip dark[] = { { QColor(255, 128, 118), QColor(0, 0, 0) }, { QColor(255, 204, 64), QColor(0, 0, 0) },
        { QColor(130, 177, 255), QColor(0, 0, 0) } };
    const std::size_t i = std::size_t(std::clamp(severity, 0, 2));
    return isDark(pal) ? dark[i] : light[i];
}

double contrastRatio(const QColor &a, const QColor &b)
{
    auto lum = [](const QColor &c) {
        auto ch = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
    };
    const double la = lum(a), lb = lum(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor series(int index)
{
    static const QColor colors[]
        = { init(), invocation(), error(), timeout(), QColor(130, 80, 180), QColor(90, 90, 90) };
    return colors[std::size_t(index) % std::size(colors)];
}

Syntax syntax(const QPalette &pal)
{
    if (isDark(pal)) // light on dark, each at least 4.5:1 against a near-black editor
        return { QColor(110, 170, 255), QColor(210, 150, 255), QColor(80, 210, 190), QColor(240, 180, 90),
            QColor(255, 130, 170), QColor(160, 160, 160), QColor(110, 170, 255), QColor(140, 220, 120),
            QColor(255, 90, 90), QColor(90, 30, 30) };
    return { QColor(0, 90, 180), QColor(130, 50, 170), QColor(0, 130, 110), QColor(170, 90, 0), QColor(190, 40, 90),
        QColor(120, 120, 120), QColor(0, 90, 180), QColor(30, 120, 30), QColor(220, 30, 30), QColor(255, 220, 220) };
}

Band band()
{
    return { QColor(245, 247, 250), QColor(40, 40, 40), QColor(90, 90, 90), QColor(210, 210, 210), Qt::white };
}

QString swatch(const QColor &c, const QString &label, const QColor &text)
{
    // The label always has its own colour: the window's text colour (white on a dark
    // desktop) on a light chip would not be readable.
    const QColor fg = text.isValid() ? text : labelOn(c);
    const QString style = QStringLiteral("background:%1;color:%2").arg(c.name(), fg.name());
    return QStringLiteral("<span style='%1'>&nbsp;%2&nbsp;</span>").arg(style, label.toHtmlEscaped());
}

std::string reportCss()
{
    const auto css = [](const QColor &c) { return c.name().toStdString(); };
    return "body{color:" + css(QColor(34, 34, 34)) + "}td,th{border-color:" + css(QColor(204, 204, 204))
        + "}th{background:" + css(QColor(240, 243, 247)) + "}pre{background:" + css(QColor(246, 248, 250))
        + "}img{border-color:" + css(QColor(221, 221, 221)) + "}";
}

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(45, 45, 45));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::AlternateBase, QColor(40, 40, 40));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::Button, QColor(53, 53, 53));
    dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
    dark.setColor(QPalette::Highlight, QColor(42, 130, 218));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::ToolTipBase, QColor(30, 30, 30));
    dark.setColor(QPalette::ToolTipText, QColor(230, 230, 230));
    dark.setColor(QPalette::PlaceholderText, QColor(160, 160, 160));
    dark.setColor(QPalette::Link, QColor(110, 170, 255));
    dark.setColor(QPalette::Disabled, QPalette::Text, QColor(150, 150, 150));
    dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(150, 150, 150));
    dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(150, 150, 150));
    return dark;
}

QPalette presentationPalette()
{
    QPalette hc;
    hc.setColor(QPalette::Window, QColor(0, 0, 0));
    hc.setColor(QPalette::WindowText, Qt::white);
    hc.setColor(QPalette::Base, QColor(16, 16, 16));
    hc.setColor(QPalette::AlternateBase, QColor(34, 34, 34));
    hc.setColor(QPalette::Text, Qt::white);
    hc.setColor(QPalette::Button, QColor(32, 32, 32));
    hc.setColor(QPalette::ButtonText, Qt::white);
    hc.setColor(QPalette::Highlight, QColor(255, 212, 0));
    hc.setColor(QPalette::HighlightedText, Qt::black);
    hc.setColor(QPalette::ToolTipBase, Qt::black);
    hc.setColor(QPalette::ToolTipText, Qt::white);
    hc.setColor(QPalette::PlaceholderText, QColor(190, 190, 190));
    return hc;
}

} // namespace coldscope::style
