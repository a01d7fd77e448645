// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace coldscope {

// Interns strings; id 0 is always the empty string. Views stay valid for the
// pool's lifetime (storage grows in fixed chunks, never moves).
class StringPool
{
public:
    StringPool();
    StringPool(StringPool &&) noexcept = default;
    StringPool &operator=(StringPool &&) noexcept = default;
    StringPool(const StringPool &) = delete;
    StringPool &operator=(const StringPool &) = delete;

    std::uint32_t intern(std::string_view s);
    // Returns 0 when absent (or when s is empty).
    std::uint32_t find(std::string_view s) const;
    std::string_view view(std::uint32_t id) const { return m_views[id]; }
    std::size_t size() const { return m_views.size(); }
    void reserve(std::size_t n);

private:
    std::string_view store(std::string_view s);

    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::size_t m_chunkUsed = 0;
    std::size_t m_chunkSize = 0;
    std::vector<std::string_view> m_views;
    std::unordered_map<std::string_view, std::uint32_t> m_index;
};

} // namespace coldscope
