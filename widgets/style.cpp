// SPDX-License-Identifier: MIT
#include "style.h"

namespace coldscope::style {

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
