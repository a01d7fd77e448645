// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QPalette>

namespace coldscope::style {

// The palette of presentation mode: black background, white text, a yellow highlight.
QPalette presentationPalette();

} // namespace coldscope::style
