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
