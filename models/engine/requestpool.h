// SPDX-License-Identifier: MIT
#pragma once

#include "stringpool.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace coldscope {

// A request id read back from a RequestPool: either the pool's own bytes or the
// canonical text rebuilt from 16 binary bytes. It converts to std::string_view for as
// long as it lives (keep the RequestText, not the view, where the text must outlive
// the expression).
class RequestText
{
public:
    RequestText() = default;
    explicit RequestText(std::string_view kept)
        : m_kept(kept.data())
        , m_size(std::uint32_t(kept.size()))
    {
    }
    std::string_view view() const
    {
        return m_kept ? std::string_view(m_kept, m_size) : std::string_view(m_buf, m_size);
    }
    operator std::string_view() const { return view(); } // NOLINT: meant to read as a string
    std::string str() const { return std::string(view()); }
    bool operator==(std::string_view other) const { return view() == other; }

private:
    friend class RequestPool;
    const char *m_kept = nullptr; // the pool's bytes, or null: the text is in m_buf
    std::uint32_t m_size = 0;
    char m_buf[36] = {};
};

// Interns request ids; id 0 is always the empty id. Lambda's request ids are UUIDs in
// their canonical text (36 characters, lower-case hex): those are kept as their 16
// bytes, in a flat array indexed by id. Anything else (upper case, an id from another
// source, a truncated line's half id) is kept as text, exactly as read, in a StringPool
// beside it. Reading an id back gives its exact text either way.
//
// A log holds about one request id per invocation, a million in a 1 GB log: 16 bytes
// an id where a string took its 36 bytes, a length and a pointer.
class RequestPool
{
public:
    RequestPool();
    RequestPool(RequestPool &&) noexcept = default;
    RequestPool &operator=(RequestPool &&) noexcept = default;
    RequestPool(const RequestPool &) = delete;
    RequestPool &operator=(const RequestPool &) = delete;

    std::uint32_t intern(std::string_view s);
    // Interns every id of `from`; returns their ids here, by their ids in `from` (0 stays 0).
    std::vector<std::uint32_t> internAll(const RequestPool &from);
    // Returns 0 when absent (or when s is empty).
    std::uint32_t find(std::string_view s) const;
    RequestText view(std::uint32_t id) const;
    std::string text(std::uint32_t id) const { return view(id).str(); }
    std::size_t size() const { return m_keys.size(); }
    void reserve(std::size_t n);
    // Back to only the empty id, keeping the memory (a block's pool is refilled).
    void clear();
    // Gives back the hash index once a file's ids are all in (8 bytes for each of up to
    // two slots an id: 16 MB in a 1 GB log). Reading back is unchanged; find() then
    // scans, and the next intern() rebuilds the index.
    void releaseIndex();

    struct Key {
        std::uint64_t hi = 0;
        std::uint64_t lo = 0;
        bool operator==(const Key &) const = default;
    };
    // The 16 bytes of a canonical UUID's text (8-4-4-4-12 lower-case hex digits);
    // false for any other text.
    static bool parseUuid(std::string_view s, Key &out);

private:
    struct Slot {
        std::uint32_t hash = 0;
        std::uint32_t id = 0; // 0 = empty slot
    };
    static std::uint32_t hashOf(const Key &k);
    bool isText(std::uint32_t id) const { return (m_textBits[id >> 6] >> (id & 63)) & 1u; }
    std::uint32_t lookup(const Key &k, std::uint32_t h) const; // 0 when absent
    std::uint32_t insert(const Key &k, std::uint32_t h); // k is absent
    std::uint32_t internText(std::string_view s);
    std::uint32_t newId(const Key &k, bool text);
    void grow(std::size_t slots);
    bool indexReleased() const { return m_slots.empty() && m_keys.size() > 1; }
    void rebuildIndex();

    std::vector<Key> m_keys; // by id: the UUID's bytes, or (for a text id) {0, its id in m_text}
    std::vector<std::uint64_t> m_textBits; // by id: 1 = kept as text
    StringPool m_text; // the ids that are not canonical UUIDs
    std::vector<std::uint32_t> m_textIds; // by id in m_text: the id here
    std::vector<Slot> m_slots; // UUID ids only; size a power of two, at most 3/4 full
    std::uint32_t m_last = 0; // id of the last one interned (0 = none)
    char m_lastText[36] = {}; // and its text when it is a UUID
};

} // namespace coldscope
