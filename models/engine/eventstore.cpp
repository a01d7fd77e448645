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

void LineColumn::push_back(std::uint32_t line)
{
    const std::size_t k = m_size & kMask;
    if (k == 0) {
        m_chunks.push_back({ line, kAffine });
    } else {
        Chunk &c = m_chunks.back();
        if (c.each == kAffine && line != c.first + std::uint32_t(k)) {
            // The first break in this chunk: from here on it keeps every line.
            c.each = std::uint32_t(m_each.size());
            for (std::uint32_t j = 0; j < k; ++j)
                m_each.push_back(c.first + j);
        }
        if (c.each != kAffine)
            m_each.push_back(line);
    }
    ++m_size;
}

bool TimeColumn::fits(const Chunk &c, TimeMs t) const
{
    if (c.wide != kNarrow)
        return false;
    if (t == kNoTime || c.base == kNoTime)
        return true;
    const TimeMs d = t - c.base; // both are real times: no overflow
    return d > TimeMs(kNone) && d <= TimeMs(std::numeric_limits<std::int32_t>::max());
}

void TimeColumn::widen(std::size_t chunk)
{
    Chunk &c = m_chunks[chunk];
    const std::size_t first = chunk << kShift;
    const std::size_t at = m_wide.size();
    m_wide.resize(at + kMask + 1, kNoTime);
    for (std::size_t i = first; i < std::min(first + kMask + 1, m_narrow.size()); ++i)
        m_wide[at + (i - first)] = m_narrow[i] == kNone ? kNoTime : c.base + m_narrow[i];
    c.wide = std::uint32_t(at);
}

void TimeColumn::push_back(TimeMs t)
{
    const std::size_t i = m_narrow.size();
    if ((i & kMask) == 0)
        m_chunks.push_back({});
    m_narrow.push_back(kNone);
    set(i, t);
}

void TimeColumn::set(std::size_t i, TimeMs t)
{
    const std::size_t chunk = i >> kShift;
    Chunk &c = m_chunks[chunk];
    if (c.wide == kNarrow && c.base == kNoTime && t != kNoTime)
        c.base = t;
    if (fits(c, t)) {
        m_narrow[i] = t == kNoTime ? kNone : std::int32_t(t - c.base);
        return;
    }
    if (c.wide == kNarrow)
        widen(chunk);
    m_wide[m_chunks[chunk].wide + (i & kMask)] = t;
}

void EventStore::reserve(std::size_t n)
{
    time.reserve(n);
    msgOffset.reserve(n);
    msgLength.reserve(n);
    line.reserve(n);
    stream.reserve(n);
    request.reserve(n);
    kind.reserve(n);
    level.reserve(n);
    flags.reserve(n);
    aux.reserve(n);
}

void EventStore::clear()
{
    time.clear();
    msgOffset.clear();
    msgLength.clear();
    line.clear();
    stream.clear();
    request.clear();
    kind.clear();
    level.clear();
    flags.clear();
    aux.clear();
    metrics.clear();
    origins.clear();
    imports.clear();
    ingestion.clear();
    streams.clear();
    requests.clear();
    functions.clear();
    modules.clear();
    strings.clear();
}

std::size_t EventStore::add(TimeMs t, std::uint64_t offset, std::uint32_t length, std::uint32_t lineNo,
    std::uint32_t streamId, std::uint32_t requestId, EventKind k, Level l, std::uint8_t f)
{
    time.push_back(t);
    msgOffset.push_back(offset);
    msgLength.push_back(length);
    line.push_back(lineNo);
    stream.push_back(streamId);
    request.push_back(requestId);
    kind.push_back(k);
    level.push_back(l);
    flags.push_back(f);
    aux.push_back(-1);
    return time.size() - 1;
}

std::int32_t EventStore::addMetrics(const Metrics &m, const Origin &o)
{
    metrics.push_back(m);
    origins.push_back(o);
    return std::int32_t(metrics.size() - 1);
}

} // namespace coldscope
