// SPDX-License-Identifier: MIT
#pragma once

// The layouts of the JSON records a log repeats, learned from nestedFields() and matched
// byte for byte. Lambda writes each kind of record with the same keys in the same order
// and the same punctuation: {"time":"…","type":"platform.report","record":{"requestId":
// "…","metrics":{"durationMs":…}}}, and an application's JsonFormatter {"timestamp": "…",
// "level": "…", "message": "…", …}. Once one record of a layout has been read, the next
// one is read by comparing the bytes between its values with the layout's (a few word
// compares) and scanning only the values, instead of reading each key, looking it up
// and skipping white space around each colon and comma.
//
// The answer is nestedFields()'s, or none: a layout is the text outside the values
// (keys, punctuation, white space, exactly) plus the kind of each value (string, number,
// true, false, null) and where nestedFields() put it. nestedFields() decides everything
// from those alone, so a record with the same text outside its values and values of the
// same kinds reads the same; each value is still scanned and checked as nestedFields()
// checks it (an escaped string where one is read, a negative metric, a bad number: no
// answer). A record that matches no layout is left to nestedFields().

#include "flatjson.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace coldscope {

namespace flatjson {

template <std::size_t T, std::size_t R, std::size_t M> class Shapes
{
public:
    static constexpr std::size_t kMaxShapes = 8;
    static constexpr std::size_t kMaxText = 1024; // bytes outside the values of one layout

    // Reads `js` as nestedFields() would when it matches a known layout; false otherwise
    // (`out` is then unchanged).
    bool read(std::string_view js, Nested<T, R, M> &out)
    {
        if (m_count == 0)
            return false;
        const char *const begin = js.data();
        const char *const e = begin + js.size();
        Span got[Recording::kMaxValues]; // left uninitialized: value j is written before it is read
        std::uint32_t tried = 0;
        // First the layout that followed the last one matched the last time (a START is
        // followed by application records, a runtimeDone by a REPORT).
        std::size_t at = m_follows[m_last]; // the layout being matched
        std::size_t j = 0; // its next value
        const char *p = begin; // just past value j - 1
        for (;;) {
            const Shape &s = m_shapes[at];
            tried |= 1u << at;
            bool matched = true;
            for (; j < s.values.size(); ++j) {
                const Value &v = s.values[j];
                if (!literal(p, e, s.text.data() + v.textAt, v.textLength)) {
                    matched = false;
                    break;
                }
                const char *q = p + v.textLength;
                std::string_view text;
                if (!scanValue(q, e, v, text)) {
                    matched = false;
                    break;
                }
                got[j] = { text.data(), text.size() };
                p = q;
            }
            if (matched && literal(p, e, s.text.data() + s.tailAt, s.tailLength) && p + s.tailLength == e) {
                fill(s, got, out);
                m_hits[at] += m_hits[at] < UINT32_MAX;
                m_follows[m_last] = std::uint8_t(at);
                m_last = std::uint8_t(at);
                return true;
            }
            // Another layout with the same text and kinds before value j, and a different
            // j-th part, goes on from here.
            std::size_t next = kMaxShapes;
            for (std::size_t cand = 0; cand < m_count; ++cand)
                if (!(tried >> cand & 1u) && m_common[at][cand] == j) {
                    next = cand;
                    break;
                }
            if (next == kMaxShapes)
                return false;
            at = next;
        }
    }

    // Learns the layout of `js`, which nestedFields() has just read into `out` with
    // `recording`.
    //
    // When every slot is taken, a layout is learned only the second time it is met
    // within a while (a hash of it is kept in a small table the first time), and then
    // replaces the layout matched least often (whose counts are then halved, so that a
    // layout the log no longer writes leaves in time). A log whose application records
    // add keys as they please then keeps the layouts it repeats.
    void learn(std::string_view js, const Nested<T, R, M> &out, const Recording &recording)
    {
        if (!recording.learnable)
            return;
        Shape s;
        const char *p = js.data();
        for (std::size_t i = 0; i < recording.count; ++i) {
            const RecordedValue &r = recording.values[i];
            if (r.end == nullptr || r.begin < p)
                return;
            Value v;
            v.textAt = std::uint32_t(s.text.size());
            v.textLength = std::uint32_t(r.begin - p);
            v.kind = r.kind;
            v.output = r.output;
            v.slot = r.slot;
            s.text.append(p, r.begin);
            s.values.push_back(v);
            p = r.end;
        }
        const char *const e = js.data() + js.size();
        s.tailAt = std::uint32_t(s.text.size());
        s.tailLength = std::uint32_t(e - p);
        s.text.append(p, e);
        if (s.text.size() > kMaxText)
            return;
        s.keysOnly = out.keysOnly;
        s.hasRecord = out.hasRecord;
        s.hasMetrics = out.hasMetrics;
        s.topSet = out.topSet;
        s.recordSet = out.recordSet;
        s.metricSet = out.metricSet;
        for (std::size_t k = 0; k < M; ++k)
            s.metricIsString[k] = out.metricIsString[k];
        for (std::size_t u = 0; u < m_count; ++u)
            if (m_shapes[u].text == s.text && sameValues(m_shapes[u], s))
                return; // known (it failed on a value: an escape, a negative metric)
        if (m_count == kMaxShapes) {
            const std::uint64_t h = layoutHash(s);
            std::uint64_t &seen = m_seen[h % std::size(m_seen)];
            if (seen != h) {
                seen = h;
                return;
            }
            seen = 0;
        }
        std::size_t slot = m_count;
        if (m_count < kMaxShapes) {
            ++m_count;
        } else {
            slot = 0;
            for (std::size_t u = 1; u < m_count; ++u)
                if (m_hits[u] < m_hits[slot])
                    slot = u;
            for (std::uint32_t &h : m_hits)
                h /= 2;
        }
        m_hits[slot] = 0;
        m_shapes[slot] = std::move(s);
        for (std::size_t u = 0; u < m_count; ++u)
            m_common[slot][u] = m_common[u][slot] = commonPrefix(m_shapes[slot], m_shapes[u]);
        m_follows[m_last] = std::uint8_t(slot);
        m_last = std::uint8_t(slot);
    }

    std::size_t size() const { return m_count; }

private:
    struct Value {
        std::uint32_t textAt = 0, textLength = 0; // the text before the value
        ValueKind kind = ValueKind::Null;
        Output output = Output::None;
        std::uint8_t slot = 0;
    };
    struct Shape {
        std::string text; // the bytes outside the values, one after the other
        std::vector<Value> values;
        std::uint32_t tailAt = 0, tailLength = 0; // after the last value
        bool keysOnly = true, hasRecord = false, hasMetrics = false;
        unsigned topSet = 0, recordSet = 0, metricSet = 0;
        bool metricIsString[M] = {};
    };

    struct Span { // a value's text, without string_view's initialization
        const char *data;
        std::size_t size;
    };

    // Whether the n bytes at p are `text` (word compares, no call to memcmp).
    [[gnu::always_inline]] static bool literal(const char *p, const char *e, const char *text, std::size_t n)
    {
        return std::size_t(e - p) >= n && sameKey({ p, n }, { text, n });
    }

    // Value v of a layout at p, checked as nestedFields() checks it there.
    [[gnu::always_inline]] static bool scanValue(const char *&p, const char *e, const Value &v, std::string_view &text)
    {
        switch (v.kind) {
        case ValueKind::String: {
            bool escaped = false;
            // An escaped value where one is read: nestedFields() asks the DOM.
            return scanString(p, e, text, escaped) && !(escaped && v.output != Output::None);
        }
        case ValueKind::Number:
            // A metric read as a number must not be negative ("-0" reads as 0 from the DOM).
            if (p < e && *p == '-' && v.output == Output::Metric)
                return false;
            return scanNumber(p, e, text);
        case ValueKind::True:
            return scanWord(p, e, "true");
        case ValueKind::False:
            return scanWord(p, e, "false");
        case ValueKind::Null:
            return scanWord(p, e, "null");
        }
        return false;
    }

    static void fill(const Shape &s, const Span *got, Nested<T, R, M> &out)
    {
        out.reset();
        out.keysOnly = s.keysOnly;
        out.hasRecord = s.hasRecord;
        out.hasMetrics = s.hasMetrics;
        out.topSet = s.topSet;
        out.recordSet = s.recordSet;
        out.metricSet = s.metricSet;
        for (unsigned set = s.metricSet; set != 0; set &= set - 1)
            out.metricIsString[__builtin_ctz(set)] = s.metricIsString[__builtin_ctz(set)];
        for (std::size_t j = 0; j < s.values.size(); ++j) {
            const Value &v = s.values[j];
            switch (v.output) {
            case Output::None:
                break;
            case Output::Top: // a string's text; anything else reads as empty
                if (v.kind == ValueKind::String)
                    out.top[v.slot] = { got[j].data, got[j].size };
                break;
            case Output::Record:
                if (v.kind == ValueKind::String)
                    out.record[v.slot] = { got[j].data, got[j].size };
                break;
            case Output::Metric: // a string's text or a number's digits
                if (v.kind == ValueKind::String || v.kind == ValueKind::Number)
                    out.metrics[v.slot] = { got[j].data, got[j].size };
                break;
            }
        }
    }

    // A hash of a layout: its text outside the values, and each value's place in it,
    // kind and output.
    static std::uint64_t layoutHash(const Shape &s)
    {
        std::uint64_t h = 0x243F6A8885A308D3u;
        const auto mix = [&h](std::uint64_t x) { h = (h ^ x) * 0x9E3779B97F4A7C15u; };
        const char *p = s.text.data();
        std::size_t n = s.text.size();
        for (; n >= 8; n -= 8, p += 8) {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            mix(w);
        }
        std::uint64_t w = 0;
        std::memcpy(&w, p, n);
        mix(w ^ std::uint64_t(s.text.size()) << 48);
        for (const Value &v : s.values)
            mix(std::uint64_t(v.textAt) | std::uint64_t(v.kind) << 32 | std::uint64_t(v.output) << 40
                | std::uint64_t(v.slot) << 48);
        return h | 1; // never 0, an empty slot
    }

    static bool sameValue(const Shape &a, const Shape &b, std::size_t j)
    {
        const Value &x = a.values[j], &y = b.values[j];
        return x.kind == y.kind
            && std::string_view(a.text).substr(x.textAt, x.textLength)
            == std::string_view(b.text).substr(y.textAt, y.textLength);
    }

    static bool sameValues(const Shape &a, const Shape &b)
    {
        if (a.values.size() != b.values.size())
            return false;
        for (std::size_t j = 0; j < a.values.size(); ++j)
            if (!sameValue(a, b, j) || a.values[j].output != b.values[j].output || a.values[j].slot != b.values[j].slot)
                return false;
        return true;
    }

    // How many values two layouts share from the start: the same text before each and
    // the same kind (then nestedFields() put them in the same place).
    static std::uint8_t commonPrefix(const Shape &a, const Shape &b)
    {
        std::size_t j = 0;
        while (j < a.values.size() && j < b.values.size() && sameValue(a, b, j))
            ++j;
        return std::uint8_t(j);
    }

    std::array<Shape, kMaxShapes> m_shapes;
    // Of two layouts, how many values they share from the start (commonPrefix()).
    std::uint8_t m_common[kMaxShapes][kMaxShapes] = {};
    std::uint8_t m_follows[kMaxShapes] = {}; // the layout matched after each, the last time
    std::uint8_t m_last = 0; // the layout matched (or learned) last
    std::uint32_t m_hits[kMaxShapes] = {}; // records matched, halved at each replacement
    std::uint64_t m_seen[64] = {}; // hashes of layouts met once while every slot was taken
    std::size_t m_count = 0;
};

} // namespace flatjson

} // namespace coldscope
