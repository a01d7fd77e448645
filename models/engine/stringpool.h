// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace coldscope {

// Interns strings; id 0 is always the empty string. Views stay valid for the
// pool's lifetime (storage grows in fixed chunks, never moves).
//
// The index is an open-addressing table of (hash, id) pairs in one flat array: a
// lookup touches one or two cache lines instead of walking a bucket's nodes, and a
// pool holds no per-string heap node (a log has about one request id per invocation,
// so this is the engine's busiest table). The last string interned is remembered:
// consecutive events of one request intern the same id without hashing.
class StringPool
{
public:
    StringPool();
    StringPool(StringPool &&) noexcept = default;
    StringPool &operator=(StringPool &&) noexcept = default;
    StringPool(const StringPool &) = delete;
    StringPool &operator=(const StringPool &) = delete;

    // 0 for the empty string (inline: most optional fields of a record are absent).
    std::uint32_t intern(std::string_view s) { return s.empty() ? 0 : internNonEmpty(s); }
    // Interns every string of `from`; returns its ids here, by its ids (0 stays 0). A
    // block's pool joins the file's this way: hashes first, then the probes with the
    // table's slots fetched a few strings ahead (they are cache misses in a big pool).
    std::vector<std::uint32_t> internAll(const StringPool &from);
    // Returns 0 when absent (or when s is empty).
    std::uint32_t find(std::string_view s) const;
    std::string_view view(std::uint32_t id) const
    {
        // Each string is kept after its length: one byte below 255, else 255 and four bytes.
        const auto *p = reinterpret_cast<const unsigned char *>(m_starts[id]);
        std::uint32_t n = p[0];
        if (n != kLongLength) [[likely]]
            return { reinterpret_cast<const char *>(p + 1), n };
        std::memcpy(&n, p + 1, sizeof n);
        return { reinterpret_cast<const char *>(p + 1 + sizeof n), n };
    }
    std::size_t size() const { return m_starts.size(); }
    void reserve(std::size_t n);
    // Back to only the empty string, keeping the table's memory (and a lone chunk) for
    // reuse: a block's pool is cleared and refilled by the next block.
    void clear();

private:
    static constexpr unsigned char kLongLength = 255;
    const char *store(std::string_view s);
    struct Slot {
        std::uint32_t hash = 0;
        std::uint32_t id = 0; // 0 = empty slot
    };
    static std::uint32_t hashOf(std::string_view s);
    std::uint32_t lookup(std::string_view s, std::uint32_t h) const; // 0 when absent
    std::uint32_t insert(std::string_view s, std::uint32_t h); // s is absent
    void grow(std::size_t slots);

    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::size_t m_chunkUsed = 0;
    std::size_t m_chunkSize = 0;
    // Where each string's length is kept, its bytes after it (8 bytes a string where a
    // string_view took 16: a log holds a request id an invocation).
    std::vector<const char *> m_starts;
    std::vector<Slot> m_slots; // size a power of two, at most 3/4 full
    std::uint32_t internNonEmpty(std::string_view s);
    std::uint32_t m_last = 0; // id of the last string interned (0 = none)
};

} // namespace coldscope
