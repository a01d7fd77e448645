// SPDX-License-Identifier: MIT
#include "eventstore.h"

#include <algorithm>

namespace coldscope {

std::uint64_t OffsetColumn::highOf(std::size_t i) const
{
    // The last run that starts at or before i.
    const auto after
        = std::upper_bound(m_runs.begin(), m_runs.end(), i, [](std::size_t at, const Run &r) { return at < r.first; });
    return after == m_runs.begin() ? 0 : std::prev(after)->high;
}

void LineColumn::pushSlow(std::uint32_t line)
{
    const std::size_t k = m_size & kMask;
    ++m_size;
    if (k == 0) {
        m_chunks.push_back({ line, Affine, 0 });
        return;
    }
    // Only the last chunk is ever open, so its m_near or m_each entries are the last ones.
    Chunk &c = m_chunks.back();
    const std::uint32_t expected = c.first + std::uint32_t(k);
    const bool near = line >= expected && line - expected <= 0xFFFFu;
    if (c.kind == Affine) {
        if (line == expected)
            return;
        c.kind = near ? Near : Each;
        if (near) {
            c.at = m_near.size();
            m_near.resize(m_near.size() + k, 0);
        } else {
            c.at = m_each.size();
            for (std::uint32_t j = 0; j < k; ++j)
                m_each.push_back(c.first + j);
        }
    } else if (c.kind == Near && !near) {
        const std::size_t at = m_each.size();
        for (std::uint32_t j = 0; j < k; ++j)
            m_each.push_back(c.first + j + m_near[c.at + j]);
        m_near.resize(c.at);
        c.kind = Each;
        c.at = at;
    }
    if (c.kind == Near)
        m_near.push_back(std::uint16_t(line - expected));
    else
        m_each.push_back(line);
}

} // namespace coldscope
