// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cmath>

namespace coldscope {

// The one mapping between a value range (µs, ms) and pixels, shared by the
// icicle, the waterfall and their hit-tests.
struct TimeAxis {
    double start = 0; // value at pixel `left`
    double end = 1; // value at pixel `left + width`
    double left = 0;
    double width = 1;

    double span() const { return end - start; }
    double toPixel(double v) const { return left + (v - start) / std::max(span(), 1e-12) * width; }
    double toValue(double px) const { return start + (px - left) / std::max(width, 1e-12) * span(); }
    double pixelsFor(double length) const { return length / std::max(span(), 1e-12) * width; }

    // Zoom by `factor` (< 1 zooms in) keeping the value under pixel `px` fixed, never
    // outside [lo, hi] and never narrower than minSpan.
    void zoomAround(double px, double factor, double lo, double hi, double minSpan)
    {
        const double anchor = toValue(px);
        double newSpan = std::clamp(span() * factor, minSpan, hi - lo);
        double newStart = anchor - (px - left) / width * newSpan;
        newStart = std::clamp(newStart, lo, hi - newSpan);
        start = newStart;
        end = newStart + newSpan;
    }
    // Pan by a pixel delta, clamped to [lo, hi].
    void pan(double dxPixels, double lo, double hi)
    {
        const double s = span();
        const double newStart = std::clamp(start - dxPixels / width * s, lo, hi - s);
        start = newStart;
        end = newStart + s;
    }
};

} // namespace coldscope
