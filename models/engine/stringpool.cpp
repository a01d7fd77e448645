// SPDX-License-Identifier: MIT
#include "stringpool.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace coldscope {

namespace {
constexpr std::size_t kChunk = 64 * 1024;
}

StringPool::StringPool()
{
    static const char kEmpty[1] = { 0 }; // id 0: length 0
    m_starts.push_back(kEmpty);
}

const char *StringPool::store(std::string_view s)
{
    const bool small = s.size() < kLongLength;
    const std::size_t need = s.size() + (small ? 1 : 1 + sizeof(std::uint32_t));
    if (m_chunks.empty() || m_chunkUsed + need > m_chunkSize) {
        m_chunkSize = std::max(kChunk, need);
        m_chunks.emplace_back(new char[m_chunkSize]);
        m_chunkUsed = 0;
    }
    char *start = m_chunks.back().get() + m_chunkUsed;
    char *dst = start;
    if (small) {
        *dst++ = char(s.size());
    } else {
        *dst++ = char(kLongLength);
        const auto n = std::uint32_t(s.size());
        std::memcpy(dst, &n, sizeof n);
        dst += sizeof n;
    }
    std::memcpy(dst, s.data(), s.size());
    m_chunkUsed += need;
    return start;
}

std::uint32_t StringPool::hashOf(std::string_view s)
{
    // 64-bit multiply-mix over 8-byte words (request ids are 36 bytes: 5 words).
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = s.size() * kMul;
    const char *p = s.data();
    std::size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * kMul;
        h ^= h >> 29;
    }
    if (n > 0) {
        std::uint64_t w = 0;
        std::memcpy(&w, p, n);
        h = (h ^ w) * kMul;
    }
    h ^= h >> 32;
    h *= kMul;
    return std::uint32_t(h >> 32);
}

std::uint32_t StringPool::lookup(std::string_view s, std::uint32_t h) const
{
    if (m_slots.empty())
        return 0;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        const Slot &slot = m_slots[i];
        if (slot.id == 0)
            return 0;
        if (slot.hash == h && view(slot.id) == s)
            return slot.id;
    }
}

void StringPool::grow(std::size_t slots)
{
    std::size_t size = 16;
    while (size < slots)
        size *= 2;
    if (size <= m_slots.size())
        return;
    std::vector<Slot> old = std::exchange(m_slots, std::vector<Slot>(size));
    const std::size_t mask = size - 1;
    for (const Slot &slot : old) {
        if (slot.id == 0)
            continue;
        std::size_t i = slot.hash & mask;
        while (m_slots[i].id != 0)
            i = (i + 1) & mask;
        m_slots[i] = slot;
    }
}

void StringPool::reserve(std::size_t n)
{
    m_starts.reserve(n);
    grow(n + n / 3 + 1);
}

void StringPool::clear()
{
    // Keep a lone ordinary chunk (the common block pool); anything more is given back.
    if (m_chunks.size() != 1 || m_chunkSize != kChunk) {
        m_chunks.clear();
        m_chunkSize = 0;
    }
    m_chunkUsed = 0;
    m_starts.resize(1);
    std::fill(m_slots.begin(), m_slots.end(), Slot {});
    m_last = 0;
}

std::uint32_t StringPool::internNonEmpty(std::string_view s)
{
    if (m_last != 0 && view(m_last) == s)
        return m_last;
    const std::uint32_t h = hashOf(s);
    if (std::uint32_t id = lookup(s, h)) {
        m_last = id;
        return id;
    }
    m_last = insert(s, h);
    return m_last;
}

std::uint32_t StringPool::insert(std::string_view s, std::uint32_t h)
{
    if ((m_starts.size() + 1) * 4 > m_slots.size() * 3)
        grow(std::max<std::size_t>(16, m_slots.size() * 2));
    const auto id = std::uint32_t(m_starts.size());
    m_starts.push_back(store(s));
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = h & mask;
    while (m_slots[i].id != 0)
        i = (i + 1) & mask;
    m_slots[i] = { h, id };
    return id;
}

std::vector<std::uint32_t> StringPool::internAll(const StringPool &from)
{
    const std::size_t n = from.size();
    std::vector<std::uint32_t> ids(n, 0);
    if (n <= 1)
        return ids;
    std::vector<std::uint32_t> hashes(n);
    for (std::size_t k = 1; k < n; ++k)
        hashes[k] = hashOf(from.view(std::uint32_t(k)));
    // Room for all of them now: no growth (and no rehash) between a prefetch and its probe.
    grow((m_starts.size() + n) + (m_starts.size() + n) / 3 + 1);
    m_starts.reserve(m_starts.size() + n);
    constexpr std::size_t kAhead = 8;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t k = 1; k < n; ++k) {
        if (k + kAhead < n)
            __builtin_prefetch(&m_slots[hashes[k + kAhead] & mask]);
        const std::string_view s = from.view(std::uint32_t(k));
        if (s.empty())
            continue;
        std::uint32_t id = lookup(s, hashes[k]);
        if (id == 0)
            id = insert(s, hashes[k]);
        ids[k] = id;
    }
    return ids;
}

std::uint32_t StringPool::find(std::string_view s) const
{
    if (s.empty())
        return 0;
    return lookup(s, hashOf(s));
}

} // namespace coldscope
