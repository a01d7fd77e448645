// SPDX-License-Identifier: MIT
#include "requestpool.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace coldscope {

namespace {

constexpr std::size_t kUuidLength = 36;
constexpr char kDigits[] = "0123456789abcdef";

#ifndef __SSE2__
// Lower-case hex digit -> its value; everything else (upper case included) -> 0xFF, so
// that only the canonical text is kept as bytes and read back the same.
constexpr std::array<std::uint8_t, 256> hexTable()
{
    std::array<std::uint8_t, 256> t {};
    for (auto &v : t)
        v = 0xFF;
    for (int c = '0'; c <= '9'; ++c)
        t[std::size_t(c)] = std::uint8_t(c - '0');
    for (int c = 'a'; c <= 'f'; ++c)
        t[std::size_t(c)] = std::uint8_t(c - 'a' + 10);
    return t;
}
constexpr std::array<std::uint8_t, 256> kHex = hexTable();
#endif

bool isDash(std::size_t i)
{
    return i == 8 || i == 13 || i == 18 || i == 23;
}

} // namespace

bool RequestPool::parseUuid(std::string_view s, Key &out)
{
    if (s.size() != kUuidLength || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
        return false;
#ifdef __SSE2__
    // The 32 digits side by side, then checked and turned into nibbles 16 at a time
    // (every byte >= 0x80 is negative as a signed byte, so below both ranges).
    char digits[32];
    std::memcpy(digits, s.data(), 8);
    std::memcpy(digits + 8, s.data() + 9, 4);
    std::memcpy(digits + 12, s.data() + 14, 4);
    std::memcpy(digits + 16, s.data() + 19, 4);
    std::memcpy(digits + 20, s.data() + 24, 12);
    std::uint64_t words[2];
    for (int half = 0; half < 2; ++half) {
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i *>(digits + 16 * half));
        const __m128i isDigit
            = _mm_and_si128(_mm_cmpgt_epi8(c, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(c, _mm_set1_epi8('9' + 1)));
        const __m128i isLower
            = _mm_and_si128(_mm_cmpgt_epi8(c, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(c, _mm_set1_epi8('f' + 1)));
        if (_mm_movemask_epi8(_mm_or_si128(isDigit, isLower)) != 0xFFFF)
            return false;
        // '0'..'9' -> 0..9 and 'a'..'f' -> 10..15: c - 87, plus 39 for a digit.
        const __m128i v = _mm_add_epi8(_mm_sub_epi8(c, _mm_set1_epi8(87)), _mm_and_si128(isDigit, _mm_set1_epi8(39)));
        // Each 16-bit lane holds two digits, the first in its low byte: first << 4 | second.
        const __m128i pairs
            = _mm_or_si128(_mm_and_si128(_mm_slli_epi16(v, 4), _mm_set1_epi16(0x00F0)), _mm_srli_epi16(v, 8));
        unsigned char bytes[16];
        _mm_storeu_si128(reinterpret_cast<__m128i *>(bytes), _mm_packus_epi16(pairs, pairs));
        std::uint64_t w;
        std::memcpy(&w, bytes, 8);
        words[half] = __builtin_bswap64(w); // the first digit is the most significant
    }
#else
    std::uint64_t words[2] = { 0, 0 };
    unsigned bad = 0;
    int digit = 0;
    for (std::size_t i = 0; i < kUuidLength; ++i) {
        if (isDash(i))
            continue;
        const std::uint8_t v = kHex[static_cast<unsigned char>(s[i])];
        bad |= v;
        words[digit >> 4] = (words[digit >> 4] << 4) | (v & 0x0F);
        ++digit;
    }
    if (bad & 0xF0)
        return false;
#endif
    out.hi = words[0];
    out.lo = words[1];
    return true;
}

RequestPool::RequestPool()
{
    m_keys.push_back({});
    m_textBits.push_back(0);
    m_textIds.push_back(0);
}

std::uint32_t RequestPool::hashOf(const Key &k)
{
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = (k.hi ^ (k.lo * kMul)) * kMul;
    h ^= h >> 32;
    h *= kMul;
    return std::uint32_t(h >> 32);
}

std::uint32_t RequestPool::lookup(const Key &k, std::uint32_t h) const
{
    if (m_slots.empty())
        return 0;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        const Slot &slot = m_slots[i];
        if (slot.id == 0)
            return 0;
        if (slot.hash == h && m_keys[slot.id] == k)
            return slot.id;
    }
}

void RequestPool::grow(std::size_t slots)
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

void RequestPool::reserve(std::size_t n)
{
    m_keys.reserve(n);
    m_textBits.reserve(n / 64 + 1);
    grow(n + n / 3 + 1);
}

void RequestPool::clear()
{
    m_keys.resize(1);
    m_textBits.resize(1);
    m_textBits[0] = 0;
    m_text.clear();
    m_textIds.resize(1);
    std::fill(m_slots.begin(), m_slots.end(), Slot {});
    m_last = 0;
}

void RequestPool::releaseIndex()
{
    std::vector<Slot>().swap(m_slots);
    m_last = 0;
}

void RequestPool::rebuildIndex()
{
    // Also reached by a pool that has held only text ids so far: nothing to insert then.
    grow(m_keys.size() + m_keys.size() / 3 + 1);
    const std::size_t mask = m_slots.size() - 1;
    for (std::uint32_t id = 1; id < m_keys.size(); ++id) {
        if (isText(id))
            continue;
        const std::uint32_t h = hashOf(m_keys[id]);
        std::size_t i = h & mask;
        while (m_slots[i].id != 0)
            i = (i + 1) & mask;
        m_slots[i] = { h, id };
    }
}

std::uint32_t RequestPool::newId(const Key &k, bool text)
{
    const auto id = std::uint32_t(m_keys.size());
    m_keys.push_back(k);
    if ((id >> 6) >= m_textBits.size())
        m_textBits.push_back(0);
    if (text)
        m_textBits[id >> 6] |= std::uint64_t(1) << (id & 63);
    return id;
}

std::uint32_t RequestPool::insert(const Key &k, std::uint32_t h)
{
    // Slots count UUID ids only, but bounding by every id keeps the test simple.
    if ((m_keys.size() + 1) * 4 > m_slots.size() * 3)
        grow(std::max<std::size_t>(16, m_slots.size() * 2));
    const std::uint32_t id = newId(k, false);
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = h & mask;
    while (m_slots[i].id != 0)
        i = (i + 1) & mask;
    m_slots[i] = { h, id };
    return id;
}

std::uint32_t RequestPool::internText(std::string_view s)
{
    const std::uint32_t local = m_text.intern(s);
    if (local < m_textIds.size())
        return m_textIds[local];
    const std::uint32_t id = newId({ 0, local }, true);
    m_textIds.push_back(id);
    return id;
}

std::uint32_t RequestPool::intern(std::string_view s)
{
    if (s.empty())
        return 0;
    if (m_last != 0 && s.size() == kUuidLength && std::memcmp(s.data(), m_lastText, kUuidLength) == 0)
        return m_last;
    Key k;
    if (!parseUuid(s, k))
        return internText(s);
    if (indexReleased())
        rebuildIndex();
    const std::uint32_t h = hashOf(k);
    std::uint32_t id = lookup(k, h);
    if (id == 0)
        id = insert(k, h);
    m_last = id;
    std::memcpy(m_lastText, s.data(), kUuidLength);
    return id;
}

std::vector<std::uint32_t> RequestPool::internAll(const RequestPool &from)
{
    const std::size_t n = from.size();
    std::vector<std::uint32_t> ids(n, 0);
    if (n <= 1)
        return ids;
    if (indexReleased())
        rebuildIndex();
    std::vector<std::uint32_t> hashes(n);
    for (std::size_t k = 1; k < n; ++k)
        hashes[k] = hashOf(from.m_keys[k]);
    // Room for all of them now: no growth (and no rehash) between a prefetch and its probe.
    const std::size_t total = m_keys.size() + n;
    grow(total + total / 3 + 1);
    m_keys.reserve(total);
    constexpr std::size_t kAhead = 8;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t k = 1; k < n; ++k) {
        if (k + kAhead < n)
            __builtin_prefetch(&m_slots[hashes[k + kAhead] & mask]);
        const auto id = std::uint32_t(k);
        if (from.isText(id)) {
            ids[k] = internText(from.m_text.view(std::uint32_t(from.m_keys[k].lo)));
            continue;
        }
        std::uint32_t here = lookup(from.m_keys[k], hashes[k]);
        if (here == 0)
            here = insert(from.m_keys[k], hashes[k]);
        ids[k] = here;
    }
    m_last = 0;
    return ids;
}

std::uint32_t RequestPool::find(std::string_view s) const
{
    if (s.empty())
        return 0;
    Key k;
    if (parseUuid(s, k)) {
        if (indexReleased()) {
            for (std::uint32_t id = 1; id < m_keys.size(); ++id)
                if (!isText(id) && m_keys[id] == k)
                    return id;
            return 0;
        }
        return lookup(k, hashOf(k));
    }
    const std::uint32_t local = m_text.find(s);
    return local ? m_textIds[local] : 0;
}

RequestText RequestPool::view(std::uint32_t id) const
{
    if (id == 0)
        return {};
    if (isText(id))
        return RequestText(m_text.view(std::uint32_t(m_keys[id].lo)));
    RequestText r;
    const Key &k = m_keys[id];
    int digit = 0;
    for (std::size_t i = 0; i < kUuidLength; ++i) {
        if (isDash(i)) {
            r.m_buf[i] = '-';
            continue;
        }
        const std::uint64_t word = digit < 16 ? k.hi : k.lo;
        r.m_buf[i] = kDigits[(word >> (4 * (15 - (digit & 15)))) & 0x0F];
        ++digit;
    }
    r.m_size = kUuidLength;
    return r;
}

} // namespace coldscope
