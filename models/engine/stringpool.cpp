// SPDX-License-Identifier: MIT
#include "stringpool.h"

#include <algorithm>
#include <cstring>

namespace coldscope {

namespace {
constexpr std::size_t kChunk = 64 * 1024;
}

StringPool::StringPool()
{
    m_views.emplace_back();
}

std::string_view StringPool::store(std::string_view s)
{
    if (m_chunks.empty() || m_chunkUsed + s.size() > m_chunkSize) {
        m_chunkSize = std::max(kChunk, s.size());
        m_chunks.emplace_back(new char[m_chunkSize]);
        m_chunkUsed = 0;
    }
    char *dst = m_chunks.back().get() + m_chunkUsed;
    std::memcpy(dst, s.data(), s.size());
    m_chunkUsed += s.size();
    return { dst, s.size() };
}

void StringPool::reserve(std::size_t n)
{
    m_views.reserve(n);
    m_index.reserve(n);
}

std::uint32_t StringPool::intern(std::string_view s)
{
    if (s.empty())
        return 0;
    auto it = m_index.find(s);
    if (it != m_index.end())
        return it->second;
    const std::string_view kept = store(s);
    const auto id = std::uint32_t(m_views.size());
    m_views.push_back(kept);
    m_index.emplace(kept, id);
    return id;
}

std::uint32_t StringPool::find(std::string_view s) const
{
    if (s.empty())
        return 0;
    auto it = m_index.find(s);
    return it == m_index.end() ? 0 : it->second;
}

} // namespace coldscope
