// SPDX-License-Identifier: MIT
#pragma once

// Reading fields of flat JSON objects without a DOM. The application records of Lambda's
// JSON log format are flat objects of strings ({"timestamp": ..., "level": ...,
// "message": ..., "requestId": ...}); a byte scanner reads their few fields about twice
// as fast as building simdjson's DOM of them. Anything it does not handle (a nested
// value, a number, a byte outside ASCII, a \u escape, an escaped key or an escaped value
// asked for) it leaves to the DOM, and when it answers, the answer is the DOM's: the text
// is valid JSON with nothing after the object, and the first field of a name counts.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string_view>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace coldscope {

namespace flatjson {

// Scanning helpers of flatStrings(): p moves forward, never past e.
[[gnu::always_inline]] inline void skipSpace(const char *&p, const char *e)
{
    // Most calls stand on a byte above ' ' (a quote, a colon, a comma, a brace, a digit).
    if (p<e &&static_cast<unsigned char>(*p)> ' ') [[likely]]
        return;
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

// Whether a key met in the text is `name` (a key of the caller's list): inline, in 8-,
// 4- and 1-byte loads, without a call to memcmp for each candidate of the same length.
[[gnu::always_inline]] inline bool sameKey(std::string_view key, std::string_view name)
{
    if (key.size() != name.size())
        return false;
    const char *a = key.data();
    const char *b = name.data();
    std::size_t n = key.size();
    for (; n >= 8; n -= 8, a += 8, b += 8) {
        std::uint64_t x, y;
        std::memcpy(&x, a, 8);
        std::memcpy(&y, b, 8);
        if (x != y)
            return false;
    }
    if (n >= 4) { // the last 4 bytes of the rest overlap its first 4 when n < 8
        std::uint32_t x, y, u, v;
        std::memcpy(&x, a, 4);
        std::memcpy(&y, b, 4);
        std::memcpy(&u, a + n - 4, 4);
        std::memcpy(&v, b + n - 4, 4);
        return x == y && u == v;
    }
    for (; n > 0; --n, ++a, ++b)
        if (*a != *b)
            return false;
    return true;
}

[[gnu::always_inline]] inline bool scanWord(const char *&p, const char *e, std::string_view w)
{
    if (std::size_t(e - p) < w.size() || std::memcmp(p, w.data(), w.size()) != 0)
        return false;
    p += w.size();
    return true;
}

// The names a reader looks for, by length: bit i of at[n] when keys[i] has n bytes (the
// last slot holds every length from 31 up). A key met in the text is compared only with
// the names of its length, not with all of them.
template <std::size_t N> struct ByLength {
    static_assert(N <= 32);
    static constexpr std::size_t kSlots = 32;
    std::uint32_t at[kSlots] = {};
    constexpr explicit ByLength(const std::string_view (&keys)[N])
    {
        for (std::size_t i = 0; i < N; ++i)
            at[std::min(keys[i].size(), kSlots - 1)] |= 1u << i;
    }
    constexpr std::uint32_t candidates(std::size_t length) const { return at[std::min(length, kSlots - 1)]; }
};

// A reader's names with their table by length, made once (constexpr) beside the names.
template <std::size_t N> struct KeySet {
    const std::string_view (&names)[N];
    ByLength<N> byLength;
    constexpr explicit KeySet(const std::string_view (&keys)[N])
        : names(keys)
        , byLength(keys)
    {
    }
};

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
inline bool flatStrings(std::string_view js, const KeySet<N> &keySet, std::string_view (&out)[N])
{
    const std::string_view(&keys)[N] = keySet.names;
    const ByLength<N> &byLength = keySet.byLength;
    const char *p = js.data();
    const char *const e = p + js.size();
    unsigned seen = 0; // bit i: keys[i] met
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
            for (std::uint32_t c = byLength.candidates(key.size()) & ~seen; c != 0; c &= c - 1)
                if (const auto i = std::size_t(__builtin_ctz(c)); sameKey(key, keys[i])) {
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

// The same with the names' table made here (tests, fuzzers: the ingest keeps its own).
template <std::size_t N>
inline bool flatStrings(std::string_view js, const std::string_view (&keys)[N], std::string_view (&out)[N])
{
    return flatStrings(js, KeySet<N>(keys), out);
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

// A JSON number at p, by the grammar (-?(0|[1-9][0-9]*)(.[0-9]+)?), its text in `text`.
// False as well for what the DOM may read differently or refuse: an exponent (simdjson
// refuses a number beyond a double's range) and more than 18 digits (an integer beyond
// 64 bits).
[[gnu::always_inline]] inline bool scanNumber(const char *&p, const char *e, std::string_view &text)
{
    const char *const begin = p;
    if (p < e && *p == '-')
        ++p;
    if (p >= e || *p < '0' || *p > '9')
        return false;
    int digits = 0;
    if (*p == '0') {
        ++p;
        ++digits;
    } else {
        while (p < e && *p >= '0' && *p <= '9') {
            ++p;
            ++digits;
        }
    }
    if (p < e && *p == '.') {
        ++p;
        if (p >= e || *p < '0' || *p > '9')
            return false;
        while (p < e && *p >= '0' && *p <= '9') {
            ++p;
            ++digits;
        }
    }
    if (digits > 18 || (p < e && (*p == 'e' || *p == 'E' || (*p >= '0' && *p <= '9'))))
        return false;
    text = { begin, std::size_t(p - begin) };
    return true;
}

// Skips one JSON value, checking it as simdjson would (within what scanString() and
// scanNumber() accept); false: ask the DOM.
inline bool skipValue(const char *&p, const char *e, int depth)
{
    if (p >= e || depth > 32)
        return false;
    std::string_view text;
    bool escaped = false;
    switch (*p) {
    case '"':
        return scanString(p, e, text, escaped);
    case '{':
    case '[': {
        const bool object = *p == '{';
        const char close = object ? '}' : ']';
        ++p;
        skipSpace(p, e);
        if (p < e && *p == close) {
            ++p;
            return true;
        }
        for (;;) {
            if (object) {
                if (!scanString(p, e, text, escaped))
                    return false;
                skipSpace(p, e);
                if (p >= e || *p != ':')
                    return false;
                ++p;
                skipSpace(p, e);
            }
            if (!skipValue(p, e, depth + 1))
                return false;
            skipSpace(p, e);
            if (p < e && *p == ',') {
                ++p;
                skipSpace(p, e);
                continue;
            }
            if (p < e && *p == close) {
                ++p;
                return true;
            }
            return false;
        }
    }
    case 't':
        return scanWord(p, e, "true");
    case 'f':
        return scanWord(p, e, "false");
    case 'n':
        return scanWord(p, e, "null");
    default:
        return scanNumber(p, e, text);
    }
}

// Walks the fields of the object at p (at its '{'), calling field(key) with p at each
// value; field must move p past the value (false: ask the DOM). Keys must not hold
// escapes: the caller compares them as they are written.
template <typename Field> [[gnu::always_inline]] inline bool walkObject(const char *&p, const char *e, Field &&field)
{
    if (p >= e || *p != '{')
        return false;
    ++p;
    skipSpace(p, e);
    if (p < e && *p == '}') {
        ++p;
        return true;
    }
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
        if (!field(key))
            return false;
        skipSpace(p, e);
        if (p < e && *p == ',') {
            ++p;
            skipSpace(p, e);
            continue;
        }
        if (p < e && *p == '}') {
            ++p;
            return true;
        }
        return false;
    }
}

// The index of `key` among `keys` when no earlier field had that name (seen bit i), or N.
template <std::size_t N>
[[gnu::always_inline]] inline std::size_t firstOf(
    std::string_view key, const std::string_view (&keys)[N], const ByLength<N> &byLength, unsigned &seen)
{
    for (std::uint32_t c = byLength.candidates(key.size()); c != 0; c &= c - 1)
        if (const auto i = std::size_t(__builtin_ctz(c)); sameKey(key, keys[i])) {
            if (seen >> i & 1u)
                return N;
            seen |= 1u << i;
            return i;
        }
    return N;
}

// A string field's value for strings(): its text, or empty for any other value.
// False: ask the DOM (an escaped string, or a value it does not accept).
[[gnu::always_inline]] inline bool stringValue(const char *&p, const char *e, std::string_view &out, int depth)
{
    if (p < e && *p == '"') {
        bool escaped = false;
        return scanString(p, e, out, escaped) && !escaped;
    }
    out = {};
    return skipValue(p, e, depth);
}

// Where nestedFields() found each scalar value of a record, in the order of the text, and
// which output it went to: what a Shapes cache (jsonshapes.h) learns a layout from.
enum class ValueKind : std::uint8_t { String, Number, True, False, Null };
enum class Output : std::uint8_t { None, Top, Record, Metric };
struct RecordedValue {
    const char *begin = nullptr, *end = nullptr;
    ValueKind kind = ValueKind::Null;
    Output output = Output::None;
    std::uint8_t slot = 0;
};
struct Recording {
    static constexpr std::size_t kMaxValues = 32;
    bool learnable = true; // false: a nested object or array other than the record and its metrics, or too many values
    std::size_t count = 0;
    RecordedValue values[kMaxValues];
    void clear()
    {
        learnable = true;
        count = 0;
    }
    // A value at p (before it is read), to be closed by done() once p is past it.
    [[gnu::always_inline]] void add(const char *p, const char *e, Output output, std::size_t slot)
    {
        if (!learnable || p >= e)
            return;
        ValueKind kind;
        switch (*p) {
        case '"':
            kind = ValueKind::String;
            break;
        case 't':
            kind = ValueKind::True;
            break;
        case 'f':
            kind = ValueKind::False;
            break;
        case 'n':
            kind = ValueKind::Null;
            break;
        case '{':
        case '[':
            learnable = false;
            return;
        default:
            kind = ValueKind::Number;
            break;
        }
        if (count == kMaxValues) {
            learnable = false;
            return;
        }
        values[count++] = { p, nullptr, kind, output, std::uint8_t(slot) };
    }
    [[gnu::always_inline]] void done(const char *p)
    {
        if (learnable && count > 0 && values[count - 1].end == nullptr)
            values[count - 1].end = p;
    }
};

// What the ingest reads of a platform.* record (and of any other object with nested
// values), without a DOM:
// - `top`: the string values of `topKeys` at the top level, as strings() gives them;
// - `keysOnly`: no top-level field but "time", "type" and "record";
// - `hasRecord` and `record`: the first "record" field, when it is an object, and the
//   string values of `recordKeys` in it;
// - `hasMetrics` and `metrics`: that record's first "metrics" field, when it is an
//   object, and the text of `metricKeys` in it: a number's digits, a string's text
//   (`metricIsString`), or empty for anything else.
// Returns false for what it leaves to simdjson's DOM (see scanString(), scanNumber(),
// and an escaped key or value where one is read); when it returns true, `js` is valid
// JSON with nothing after the object, and everything above is what the DOM would give.
template <std::size_t T, std::size_t R, std::size_t M> struct Nested {
    std::string_view top[T];
    bool keysOnly = true;
    bool hasRecord = false;
    std::string_view record[R];
    bool hasMetrics = false;
    std::string_view metrics[M];
    bool metricIsString[M] = {};
    // Bit i: top[i], record[i] or metrics[i] (and metricIsString[i]) was written by the
    // last read, the only ones the next read has to clear.
    unsigned topSet = 0, recordSet = 0, metricSet = 0;

    // Back to a fresh Nested, in place and clearing only what the last read wrote (a
    // record sets 3 to 8 of the 24 fields): `*this = {}` built a zeroed temporary and
    // copied its 400 bytes over.
    void reset()
    {
        for (unsigned set = topSet; set != 0; set &= set - 1)
            top[__builtin_ctz(set)] = {};
        for (unsigned set = recordSet; set != 0; set &= set - 1)
            record[__builtin_ctz(set)] = {};
        for (unsigned set = metricSet; set != 0; set &= set - 1) {
            metrics[__builtin_ctz(set)] = {};
            metricIsString[__builtin_ctz(set)] = false;
        }
        topSet = recordSet = metricSet = 0;
        keysOnly = true;
        hasRecord = false;
        hasMetrics = false;
    }
    // Two reads gave the same fields (the tests' and the fuzzer's comparison).
    bool operator==(const Nested &) const = default;
};

template <std::size_t T, std::size_t R, std::size_t M>
inline bool nestedFields(std::string_view js, const KeySet<T> &topSet, const KeySet<R> &recordSet,
    const KeySet<M> &metricSet, Nested<T, R, M> &out, Recording *recording = nullptr)
{
    const std::string_view(&topKeys)[T] = topSet.names;
    const std::string_view(&recordKeys)[R] = recordSet.names;
    const std::string_view(&metricKeys)[M] = metricSet.names;
    const ByLength<T> &topByLength = topSet.byLength;
    const ByLength<R> &recordByLength = recordSet.byLength;
    const ByLength<M> &metricByLength = metricSet.byLength;
    const char *p = js.data();
    const char *const e = p + js.size();
    out.reset();
    if (recording)
        recording->clear();
    unsigned &topSeen = out.topSet; // a key's first field is the one read, and marks it set
    bool recordSeen = false;
    skipSpace(p, e);
    // A scalar value read into `output` (or skipped), recorded when asked to.
    const auto value = [&](Output output, std::size_t slot, auto read) __attribute__((always_inline))
    {
        if (recording)
            recording->add(p, e, output, slot);
        const bool ok = read();
        if (recording)
            recording->done(p);
        return ok;
    };
    const bool ok = walkObject(
        p, e, [&](std::string_view key) __attribute__((always_inline)) {
            if (key != "time" && key != "type" && key != "record")
                out.keysOnly = false;
            if (const std::size_t k = firstOf(key, topKeys, topByLength, topSeen); k < T)
                return value(Output::Top, k, [&] { return stringValue(p, e, out.top[k], 1); });
            if (key != "record" || recordSeen || p >= e || *p != '{') {
                recordSeen = recordSeen || key == "record";
                return value(Output::None, 0, [&] { return skipValue(p, e, 1); });
            }
            recordSeen = true;
            out.hasRecord = true;
            unsigned &recordSeenKeys = out.recordSet;
            bool metricsSeen = false;
            return walkObject(
                p, e, [&](std::string_view rkey) __attribute__((always_inline)) {
                    if (const std::size_t k = firstOf(rkey, recordKeys, recordByLength, recordSeenKeys); k < R)
                        return value(Output::Record, k, [&] { return stringValue(p, e, out.record[k], 2); });
                    if (rkey != "metrics" || metricsSeen || p >= e || *p != '{') {
                        metricsSeen = metricsSeen || rkey == "metrics";
                        return value(Output::None, 0, [&] { return skipValue(p, e, 2); });
                    }
                    metricsSeen = true;
                    out.hasMetrics = true;
                    unsigned &metricSeen = out.metricSet;
                    return walkObject(
                        p, e, [&](std::string_view mkey) __attribute__((always_inline)) {
                            const std::size_t k = firstOf(mkey, metricKeys, metricByLength, metricSeen);
                            if (k == M)
                                return value(Output::None, 0, [&] { return skipValue(p, e, 3); });
                            return value(Output::Metric, k, [&] {
                                if (p < e && *p == '"') {
                                    bool escaped = false;
                                    out.metricIsString[k] = true;
                                    return scanString(p, e, out.metrics[k], escaped) && !escaped;
                                }
                                if (p < e && (*p == '-' || (*p >= '0' && *p <= '9')))
                                    return *p != '-'
                                        && scanNumber(p, e, out.metrics[k]); // "-0" reads as 0 from the DOM
                                return skipValue(p, e, 3);
                            });
                        });
                });
        });
    if (!ok)
        return false;
    skipSpace(p, e);
    return p == e;
}

// The same with the names' tables made here (tests, fuzzers: the ingest keeps its own).
template <std::size_t T, std::size_t R, std::size_t M>
inline bool nestedFields(std::string_view js, const std::string_view (&topKeys)[T],
    const std::string_view (&recordKeys)[R], const std::string_view (&metricKeys)[M], Nested<T, R, M> &out,
    Recording *recording = nullptr)
{
    return nestedFields(js, KeySet<T>(topKeys), KeySet<R>(recordKeys), KeySet<M>(metricKeys), out, recording);
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
