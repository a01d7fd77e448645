// SPDX-License-Identifier: MIT
#pragma once

// Reading fields of flat JSON objects without a DOM. The application records of Lambda's
// JSON log format are flat objects of strings ({"timestamp": ..., "level": ...,
// "message": ..., "requestId": ...}); a byte scanner reads their few fields about twice
// as fast as building simdjson's DOM of them. Anything it does not handle (a nested
// value, a number, a byte outside ASCII, a \u escape, an escaped key or an escaped value
// asked for) it leaves to the DOM, and when it answers, the answer is the DOM's: the text
// is valid JSON with nothing after the object, and the first field of a name counts.

#include <cstddef>
#include <cstring>
#include <string_view>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace coldscope {

namespace flatjson {

// Scanning helpers of flatStrings(): p moves forward, never past e.
[[gnu::always_inline]] inline void skipSpace(const char *&p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        ++p;
}

// A string at p (at its '"'): its raw text (escapes kept) and whether it holds any.
// False for an unterminated or invalid string, a control character, a byte outside
// ASCII (simdjson validates UTF-8) and a \u escape (surrogates): the DOM decides those.
[[gnu::always_inline]] inline bool scanString(const char *&p, const char *e, std::string_view &text, bool &escaped)
{
    if (p >= e || *p != '"')
        return false;
    const char *const begin = ++p;
    escaped = false;
    for (;;) {
#ifdef __SSE2__
        // 16 bytes at a time up to the next byte that needs a look: '"', '\\', a control
        // character or a byte >= 0x80 (as signed bytes, both are below 0x20).
        while (e - p >= 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
            const __m128i stop = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
            const int mask = _mm_movemask_epi8(stop);
            if (mask != 0) {
                p += __builtin_ctz(unsigned(mask));
                break;
            }
            p += 16;
        }
#endif
        if (p >= e)
            return false;
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"')
            break;
        if (c < 0x20 || c >= 0x80)
            return false;
        if (c == '\\') {
            if (e - p < 2)
                return false;
            const char x = p[1];
            if (x != '"' && x != '\\' && x != '/' && x != 'b' && x != 'f' && x != 'n' && x != 'r' && x != 't')
                return false;
            escaped = true;
            p += 2;
            continue;
        }
        ++p;
    }
    text = { begin, std::size_t(p - begin) };
    ++p;
    return true;
}

[[gnu::always_inline]] inline bool scanWord(const char *&p, const char *e, std::string_view w)
{
    if (std::size_t(e - p) < w.size() || std::memcmp(p, w.data(), w.size()) != 0)
        return false;
    p += w.size();
    return true;
}

// The string values of `keys` in `js`, without a DOM, when `js` is a flat JSON object
// of ASCII text whose values are strings, true, false or null: the application records
// of Lambda's JSON log format ({"timestamp": ..., "level": ..., "message": ...,
// "requestId": ...}). Returns false for anything else: a nested object or array, a
// number, a byte outside ASCII, a \u escape, an escaped key or an escaped value of one
// of `keys`; the caller then parses `js` with simdjson (`out` is then unspecified). When
// it returns true, `js` is valid JSON (nothing follows the object) and `out` holds what
// strings() reads from simdjson's DOM of it (the first field of a name counts; true,
// false and null read as empty).
template <std::size_t N>
inline bool flatStrings(std::string_view js, const std::string_view (&keys)[N], std::string_view (&out)[N])
{
    const char *p = js.data();
    const char *const e = p + js.size();
    unsigned seen = 0; // bit i: keys[i] met
    static_assert(N <= 32);
    for (std::size_t i = 0; i < N; ++i)
        out[i] = {};
    skipSpace(p, e);
    if (p >= e || *p != '{')
        return false;
    ++p;
    skipSpace(p, e);
    if (p < e && *p == '}') {
        ++p;
    } else {
        for (;;) {
            std::string_view key;
            bool escapedKey = false;
            if (!scanString(p, e, key, escapedKey) || escapedKey)
                return false;
            skipSpace(p, e);
            if (p >= e || *p != ':')
                return false;
            ++p;
            skipSpace(p, e);
            std::size_t k = N; // the first field of one of `keys`, or N
            for (std::size_t i = 0; i < N; ++i)
                if (key.size() == keys[i].size() && !(seen >> i & 1u) && key[0] == keys[i][0] && key == keys[i]) {
                    k = i;
                    seen |= 1u << i;
                    break;
                }
            if (p < e && *p == '"') {
                std::string_view value;
                bool escaped = false;
                if (!scanString(p, e, value, escaped) || (k < N && escaped))
                    return false;
                if (k < N)
                    out[k] = value;
            } else if (!scanWord(p, e, "true") && !scanWord(p, e, "false") && !scanWord(p, e, "null")) {
                return false;
            }
            skipSpace(p, e);
            if (p < e && *p == ',') {
                ++p;
                skipSpace(p, e);
                continue;
            }
            if (p < e && *p == '}') {
                ++p;
                break;
            }
            return false;
        }
    }
    skipSpace(p, e);
    return p == e;
}

// One field of a flat object, as fromDom() would give it.
struct Field {
    enum class Kind : unsigned char { Absent, String, True, False, Null } kind = Kind::Absent;
    std::string_view text; // String: its text (no escapes in it)
};

// The field `key` of `js` (a flat object, as for flatStrings()); false: ask the DOM.
inline bool flatField(std::string_view js, std::string_view key, Field &out)
{
    const char *p = js.data();
    const char *const e = p + js.size();
    bool seen = false;
    out = {};
    skipSpace(p, e);
    if (p >= e || *p != '{')
        return false;
    ++p;
    skipSpace(p, e);
    if (p < e && *p == '}') {
        ++p;
    } else {
        for (;;) {
            std::string_view name;
            bool escapedName = false;
            if (!scanString(p, e, name, escapedName) || escapedName)
                return false;
            skipSpace(p, e);
            if (p >= e || *p != ':')
                return false;
            ++p;
            skipSpace(p, e);
            const bool mine = !seen && name == key;
            seen = seen || mine;
            if (p < e && *p == '"') {
                std::string_view value;
                bool escaped = false;
                if (!scanString(p, e, value, escaped) || (mine && escaped))
                    return false;
                if (mine)
                    out = { Field::Kind::String, value };
            } else if (scanWord(p, e, "true")) {
                if (mine)
                    out.kind = Field::Kind::True;
            } else if (scanWord(p, e, "false")) {
                if (mine)
                    out.kind = Field::Kind::False;
            } else if (scanWord(p, e, "null")) {
                if (mine)
                    out.kind = Field::Kind::Null;
            } else {
                return false;
            }
            skipSpace(p, e);
            if (p < e && *p == ',') {
                ++p;
                skipSpace(p, e);
                continue;
            }
            if (p < e && *p == '}') {
                ++p;
                break;
            }
            return false;
        }
    }
    skipSpace(p, e);
    return p == e;
}

// Skips one JSON value of a text known to be valid: a string, a nested object or array
// (strings inside them included), or a scalar.
inline bool skipValidValue(const char *&p, const char *e)
{
    const auto skipStringAt = [&] { // p at '"'
        for (++p;;) {
#ifdef __SSE2__
            while (e - p >= 16) { // to the next '"' or '\\', 16 bytes at a time
                const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
                const int mask = _mm_movemask_epi8(
                    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
                if (mask != 0) {
                    p += __builtin_ctz(unsigned(mask));
                    break;
                }
                p += 16;
            }
#endif
            if (p >= e)
                return false;
            if (*p == '"')
                break;
            if (*p == '\\' && e - p < 2)
                return false;
            p += *p == '\\' ? 2 : 1;
        }
        ++p;
        return true;
    };
    if (p >= e)
        return false;
    if (*p == '"')
        return skipStringAt();
    if (*p == '{' || *p == '[') {
        int depth = 0;
        while (p < e) {
#ifdef __SSE2__
            // To the next '"', '{', '[', '}' or ']', 16 bytes at a time ('[' | 0x20 is
            // '{' and ']' | 0x20 is '}'; no other byte maps to either).
            while (e - p >= 16) {
                const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
                const __m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
                const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                    _mm_or_si128(_mm_cmpeq_epi8(low, _mm_set1_epi8('{')), _mm_cmpeq_epi8(low, _mm_set1_epi8('}')))));
                if (mask != 0) {
                    p += __builtin_ctz(unsigned(mask));
                    break;
                }
                p += 16;
            }
            if (p >= e)
                return false;
#endif
            const char c = *p;
            if (c == '"') {
                if (!skipStringAt())
                    return false;
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0) {
                ++p;
                return true;
            }
            ++p;
        }
        return false;
    }
    while (p < e && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
        ++p;
    return true;
}

// The top-level field `key` of `js`, a JSON object known to be valid (a record the
// ingest's DOM parsed: a platform.* one), found by skipping over the other fields'
// values without validating them, nested ones included. False: ask the DOM (the value
// is a number, an object, an array or an escaped string; a key before it is escaped).
inline bool validField(std::string_view js, std::string_view key, Field &out)
{
    const char *p = js.data();
    const char *const e = p + js.size();
    out = {};
    skipSpace(p, e);
    if (p >= e || *p != '{')
        return false;
    ++p;
    skipSpace(p, e);
    if (p < e && *p == '}')
        return true; // no fields
    while (p < e && *p == '"') {
        const char *const begin = ++p;
        bool escaped = false;
        while (p < e && *p != '"') {
            if (*p == '\\') {
                escaped = true;
                ++p;
            }
            ++p;
        }
        if (p >= e || escaped)
            return false;
        const std::string_view name(begin, std::size_t(p - begin));
        ++p;
        skipSpace(p, e);
        if (p >= e || *p != ':')
            return false;
        ++p;
        skipSpace(p, e);
        if (p >= e)
            return false;
        if (name == key) { // the first field of the name, as at_key() finds it
            if (*p == '"') {
                std::string_view value;
                bool escapedValue = false;
                if (!scanString(p, e, value, escapedValue) || escapedValue)
                    return false;
                out = { Field::Kind::String, value };
                return true;
            }
            if (scanWord(p, e, "true"))
                out.kind = Field::Kind::True;
            else if (scanWord(p, e, "false"))
                out.kind = Field::Kind::False;
            else if (scanWord(p, e, "null"))
                out.kind = Field::Kind::Null;
            else
                return false;
            return true;
        }
        if (!skipValidValue(p, e))
            return false;
        skipSpace(p, e);
        if (p < e && *p == ',') {
            ++p;
            skipSpace(p, e);
            continue;
        }
        return p < e && *p == '}'; // the last field: absent
    }
    return false;
}

} // namespace flatjson

} // namespace coldscope
