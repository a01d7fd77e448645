// SPDX-License-Identifier: MIT
#pragma once

#include "requestpool.h"
#include "stringpool.h"
#include "textparse.h"
#include "types.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

namespace coldscope {

// One importtime line as parsed (before the tree is rebuilt).
struct ImportRec {
    std::int64_t selfUs = 0;
    std::int64_t cumulativeUs = 0;
    std::uint32_t module = 0; // id in EventStore::modules
    std::int16_t level = 0;
    std::int16_t pad = 0;
    bool cached = false;
};

// Facts from platform records that are not numbers: the function and the
// execution environment a record names.
struct Origin {
    std::uint32_t function = 0; // id in functions
    std::uint32_t instance = 0; // id in streams (platform.initStart instanceId)
};

namespace EventFlag {
enum : std::uint8_t {
    TimeEstimated = 1 << 0, // no timestamp of its own; taken from neighbours in the same stream
    MultiLine = 1 << 1, // continuation lines were folded into this event
    ErrorRecord = 1 << 2, // an unhandled-error record: traceback, errorType, Runtime.* error
    Damaged = 1 << 3, // claimed a shape (importtime, JSON, REPORT) but did not parse; kept as text
    Arena = 1 << 4, // message lives in the unescaped arena (container formats)
    // A platform.* record whose top-level keys are only "time", "type" and "record" (as
    // simdjson's DOM read them): a query asking for any other top-level field of it is
    // answered "absent" without reading the text again.
    PlatformKeysOnly = 1 << 5,
};
}

// Byte offsets of the events' messages in 4 bytes an event: the low 32 bits in a
// column, the high bits by run (a run starts where they change). A file under 4 GB
// has one run, and a bigger one a run per 4 GB; a block's column gets a run more
// where an unescaped message (kArenaOffset) follows a message of the text.
class OffsetColumn
{
public:
    std::uint64_t operator[](std::size_t i) const
    {
        if (m_runs.size() == 1) [[likely]]
            return m_runs.front().high | m_low[i];
        return highOf(i) | m_low[i];
    }
    void push_back(std::uint64_t offset)
    {
        const std::uint64_t high = offset & ~kLowMask;
        if (m_runs.empty() || m_runs.back().high != high)
            m_runs.push_back({ m_low.size(), high });
        m_low.push_back(std::uint32_t(offset & kLowMask));
    }
    // n offsets more, offsetAt(k) the k-th, as n push_back() calls would store them.
    template <typename OffsetAt> void append(std::size_t n, OffsetAt offsetAt)
    {
        std::size_t i = m_low.size();
        m_low.resize(i + n);
        for (std::size_t k = 0; k < n; ++k, ++i) {
            const std::uint64_t offset = offsetAt(k);
            const std::uint64_t high = offset & ~kLowMask;
            if (m_runs.empty() || m_runs.back().high != high) [[unlikely]]
                m_runs.push_back({ i, high });
            m_low[i] = std::uint32_t(offset & kLowMask);
        }
    }
    std::size_t size() const { return m_low.size(); }
    void reserve(std::size_t n) { m_low.reserve(n); }
    void clear()
    {
        m_low.clear();
        m_runs.clear();
    }

private:
    static constexpr std::uint64_t kLowMask = 0xFFFFFFFFu;
    struct Run {
        std::size_t first; // index of its first event
        std::uint64_t high;
    };
    std::uint64_t highOf(std::size_t i) const;

    std::vector<std::uint32_t> m_low;
    std::vector<Run> m_runs;
};

// 1-based line numbers, in chunks of 256 events. A chunk whose lines go up by one from
// its first (a JSON-format log, most text) keeps only that first line; one with folded
// continuation lines or skipped lines keeps, in 2 bytes an event, how many lines more
// than one an event lie between its first event and each; one with more than 65,535 or
// with lines out of order keeps each line whole.
class LineColumn
{
public:
    std::uint32_t operator[](std::size_t i) const
    {
        const Chunk &c = m_chunks[i >> kShift];
        const auto k = std::uint32_t(i & kMask);
        switch (c.kind) {
        case Affine:
            return c.first + k;
        case Near:
            return c.first + k + m_near[c.at + k];
        default:
            return m_each[c.at + k];
        }
    }
    [[gnu::always_inline]] void push_back(std::uint32_t line)
    {
        const std::size_t k = m_size & kMask;
        if (k != 0 && m_chunks.back().kind == Affine && line == m_chunks.back().first + std::uint32_t(k)) [[likely]] {
            ++m_size;
            return;
        }
        pushSlow(line);
    }
    std::size_t size() const { return m_size; }
    void reserve(std::size_t n) { m_chunks.reserve((n + kMask) >> kShift); }
    void clear()
    {
        m_chunks.clear();
        m_near.clear();
        m_each.clear();
        m_size = 0;
    }

private:
    static constexpr unsigned kShift = 8;
    static constexpr std::size_t kMask = (std::size_t(1) << kShift) - 1;
    enum Kind : std::uint8_t { Affine, Near, Each };
    [[gnu::noinline]] void pushSlow(std::uint32_t line);
    struct Chunk {
        std::uint32_t first = 0; // line of the chunk's first event
        Kind kind = Affine;
        std::size_t at = 0; // index in m_near or m_each of its first event
    };
    std::vector<Chunk> m_chunks;
    std::vector<std::uint16_t> m_near;
    std::vector<std::uint32_t> m_each;
    std::size_t m_size = 0;
};

// Integers in a narrow type an event. Each chunk of 256 events keeps a base (its first
// value other than `None`) and each event its signed distance from that base; a chunk
// holding a value too far from its base keeps its values whole instead. `None` (an
// absent value) has a code of its own. Columns whose neighbouring values are close
// (times, ids handed out in order of first use, indexes, lengths) take the narrow
// type's size an event.
template <typename Wide, typename Narrow, Wide None> class PackedColumn
{
    static_assert(std::is_signed_v<Narrow> && sizeof(Narrow) < sizeof(Wide));
    static_assert(
        std::is_signed_v<Wide> || sizeof(Wide) < sizeof(std::int64_t), "narrowOf() needs a 64-bit difference");

public:
    Wide operator[](std::size_t i) const
    {
        const Chunk &c = m_chunks[i >> kShift];
        if (c.wide != kNarrow) [[unlikely]]
            return m_wide[c.wide + (i & kMask)];
        const Narrow d = m_narrow[i];
        return d == kNone ? None : Wide(c.base + d);
    }
    Wide back() const { return (*this)[size() - 1]; }
    [[gnu::always_inline]] void push_back(Wide v)
    {
        const std::size_t i = m_narrow.size();
        if ((i & kMask) != 0) [[likely]] {
            // The common case inline: a narrow chunk with a base, and a value near it.
            const Chunk &c = m_chunks.back();
            Narrow d = 0;
            if (c.wide == kNarrow) [[likely]] {
                if (v == None) {
                    m_narrow.push_back(kNone);
                    return;
                }
                if (c.hasBase && narrowOf(v, c.base, d)) [[likely]] {
                    m_narrow.push_back(d);
                    return;
                }
            }
        }
        pushSlow(v);
    }
    // n values more, valueAt(k) the k-th: what n push_back() calls would store, in one
    // loop that writes the narrow column in place (the merge of a block's columns).
    // A chunk begun here is packed a chunk at a time: its values read once, its base
    // found, then every distance computed and checked without a branch a value.
    template <typename ValueAt> void append(std::size_t n, ValueAt valueAt)
    {
        std::size_t i = m_narrow.size();
        m_narrow.resize(i + n);
        m_chunks.reserve((i + n + kMask) >> kShift);
        std::size_t k = 0;
        for (; k < n && (i & kMask) != 0; ++k, ++i) // the rest of the last chunk
            put(i, valueAt(k));
        Wide values[kMask + 1];
        while (k < n) {
            const std::size_t count = std::min(kMask + 1, n - k);
            std::size_t first = count; // the first value other than None
            for (std::size_t j = 0; j < count; ++j) {
                values[j] = valueAt(k + j);
                if (first == count && values[j] != None)
                    first = j;
            }
            Chunk c;
            Narrow *out = m_narrow.data() + i;
            bool fits = true;
            if (first < count) {
                c.base = values[first];
                c.hasBase = true;
                for (std::size_t j = 0; j < count; ++j) {
                    Narrow d;
                    const bool near = narrowOf(values[j], c.base, d);
                    const bool none = values[j] == None;
                    fits &= none | near;
                    out[j] = none ? kNone : d;
                }
            } else {
                std::fill(out, out + count, kNone);
            }
            if (!fits) { // a value too far from the base: the chunk keeps its values whole
                c.wide = std::uint32_t(m_wide.size());
                m_wide.resize(m_wide.size() + kMask + 1, None);
                std::copy(values, values + count, m_wide.begin() + std::ptrdiff_t(c.wide));
            }
            m_chunks.push_back(c);
            i += count;
            k += count;
        }
    }
    [[gnu::always_inline]] void set(std::size_t i, Wide v)
    {
        Chunk &c = m_chunks[i >> kShift];
        if (c.wide == kNarrow) {
            if (v == None) {
                m_narrow[i] = kNone;
                return;
            }
            if (!c.hasBase) {
                c.base = v;
                c.hasBase = true;
            }
            if (Narrow d = 0; narrowOf(v, c.base, d)) {
                m_narrow[i] = d;
                return;
            }
            widen(i >> kShift);
        }
        m_wide[m_chunks[i >> kShift].wide + (i & kMask)] = v;
    }
    std::size_t size() const { return m_narrow.size(); }
    void reserve(std::size_t n)
    {
        m_narrow.reserve(n);
        m_chunks.reserve((n + kMask) >> kShift);
    }
    void clear()
    {
        m_narrow.clear();
        m_chunks.clear();
        m_wide.clear();
    }
    // Whether any value is None: the narrow codes and the wide chunks' values are compared
    // a chunk at a time, without branches (the compiler vectorises each loop).
    bool hasNone() const
    {
        for (std::size_t c = 0; c < m_chunks.size(); ++c) {
            const std::size_t first = c << kShift;
            const std::size_t count = std::min(kMask + 1, m_narrow.size() - first);
            bool any = false;
            if (m_chunks[c].wide == kNarrow) {
                const Narrow *v = m_narrow.data() + first;
                for (std::size_t k = 0; k < count; ++k)
                    any |= v[k] == kNone;
            } else {
                const Wide *v = m_wide.data() + m_chunks[c].wide;
                for (std::size_t k = 0; k < count; ++k)
                    any |= v[k] == None;
            }
            if (any)
                return true;
        }
        return false;
    }
    // Chunks that keep their values whole (for tests and measurement).
    std::size_t wideChunks() const { return m_wide.size() >> kShift; }

private:
    static constexpr unsigned kShift = 8;
    static constexpr std::size_t kMask = (std::size_t(1) << kShift) - 1;
    static constexpr std::uint32_t kNarrow = 0xFFFFFFFFu;
    static constexpr Narrow kNone = std::numeric_limits<Narrow>::min();
    struct Chunk {
        Wide base {};
        std::uint32_t wide = kNarrow; // index in m_wide of its first event's value
        bool hasBase = false;
    };
    // Whether v's distance from base fits the narrow type without taking kNone's code;
    // `out` is that distance when it does (and unspecified when not). No branch, so that
    // append() checks a chunk's values in a straight loop.
    [[gnu::always_inline]] static bool narrowOf(Wide v, Wide base, Narrow &out)
    {
        std::int64_t d = 0;
        bool over = false;
        if constexpr (sizeof(Wide) < sizeof(std::int64_t))
            d = std::int64_t(v) - std::int64_t(base);
        else
            over = __builtin_sub_overflow(std::int64_t(v), std::int64_t(base), &d);
        out = Narrow(d);
        return !over & (d > std::int64_t(kNone)) & (d <= std::numeric_limits<Narrow>::max());
    }
    // Stores v at i, a slot at the end that append() has made (zero in m_narrow).
    [[gnu::always_inline]] void put(std::size_t i, Wide v)
    {
        if ((i & kMask) == 0)
            m_chunks.push_back({});
        Chunk &c = m_chunks.back();
        if (c.wide == kNarrow) [[likely]] {
            if (v == None) {
                m_narrow[i] = kNone;
                return;
            }
            if (!c.hasBase) [[unlikely]] {
                c.base = v;
                c.hasBase = true;
            }
            if (Narrow d = 0; narrowOf(v, c.base, d)) [[likely]] {
                m_narrow[i] = d;
                return;
            }
            // The slots after i in this chunk are copied as they stand and written over
            // as append() reaches them.
            widen(i >> kShift);
        }
        m_wide[m_chunks.back().wide + (i & kMask)] = v;
    }
    [[gnu::noinline]] void pushSlow(Wide v)
    {
        const std::size_t i = m_narrow.size();
        if ((i & kMask) == 0)
            m_chunks.push_back({});
        m_narrow.push_back(kNone);
        set(i, v);
    }
    [[gnu::noinline]] void widen(std::size_t chunk)
    {
        const std::size_t first = chunk << kShift;
        const std::size_t at = m_wide.size();
        m_wide.resize(at + kMask + 1, None);
        const std::size_t end = std::min(first + kMask + 1, m_narrow.size());
        for (std::size_t i = first; i < end; ++i)
            m_wide[at + (i - first)] = (*this)[i];
        m_chunks[chunk].wide = std::uint32_t(at);
    }

    std::vector<Narrow> m_narrow; // one an event; unused in a wide chunk
    std::vector<Chunk> m_chunks;
    std::vector<Wide> m_wide; // 256 a wide chunk
};

// Event times (ms since the epoch, or kNoTime) in 4 bytes an event: ±24 days from a
// chunk's base.
using TimeColumn = PackedColumn<TimeMs, std::int32_t, kNoTime>;

// A column of whole values, one an event: a block's columns while it is parsed (set
// and read as often as they are appended, and short-lived), packed when the block is
// merged into the file's store.
template <typename T> class PlainColumn
{
public:
    T operator[](std::size_t i) const { return m_values[i]; }
    T back() const { return m_values.back(); }
    void push_back(T v) { m_values.push_back(v); }
    void set(std::size_t i, T v) { m_values[i] = v; }
    std::size_t size() const { return m_values.size(); }
    void reserve(std::size_t n) { m_values.reserve(n); }
    void clear() { m_values.clear(); }

private:
    std::vector<T> m_values;
};

// The column types of a store: packed for a file's events, plain for a block's.
struct PackedColumns {
    using Time = TimeColumn;
    using Offsets = OffsetColumn;
    using Lengths = PackedColumn<std::uint32_t, std::int16_t, 0xFFFFFFFFu>;
    using Lines = LineColumn;
    using Ids = PackedColumn<std::uint32_t, std::int16_t, 0u>;
    using Aux = PackedColumn<std::int32_t, std::int16_t, -1>;
};
struct PlainColumns {
    using Time = PlainColumn<TimeMs>;
    using Offsets = PlainColumn<std::uint64_t>;
    using Lengths = PlainColumn<std::uint32_t>;
    using Lines = PlainColumn<std::uint32_t>;
    using Ids = PlainColumn<std::uint32_t>;
    using Aux = PlainColumn<std::int32_t>;
};

// Column store of events: offsets into the source and small typed columns, no
// per-event objects. Index i in every column is event i, in file order.
template <typename Columns> struct BasicEventStore {
    typename Columns::Time time;
    typename Columns::Offsets msgOffset;
    typename Columns::Lengths msgLength;
    typename Columns::Lines line; // 1-based line of the event's first byte in the (decompressed) input
    typename Columns::Ids stream; // id in streams (0 = not named by the input)
    typename Columns::Ids request; // id in requests (0 = none)
    std::vector<EventKind> kind;
    std::vector<Level> level;
    std::vector<std::uint8_t> flags;
    typename Columns::Aux aux; // index in metrics (platform kinds), imports (ImportLine), or -1

    std::vector<Metrics> metrics;
    std::vector<Origin> origins; // parallel to metrics
    std::vector<ImportRec> imports;
    std::vector<TimeMs> ingestion; // parallel to events only when the input carries ingestionTime

    StringPool streams;
    RequestPool requests;
    StringPool functions;
    StringPool modules;
    StringPool strings; // error types, phases, runtime versions

    std::size_t size() const { return time.size(); }
    void reserve(std::size_t n)
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
    // Empties every column and pool, keeping their memory (blocks are recycled).
    void clear()
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

    // Append one event; returns its index.
    std::size_t add(TimeMs t, std::uint64_t offset, std::uint32_t length, std::uint32_t lineNo, std::uint32_t streamId,
        std::uint32_t requestId, EventKind k, Level l, std::uint8_t f)
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
    std::int32_t addMetrics(const Metrics &m, const Origin &o = {})
    {
        metrics.push_back(m);
        origins.push_back(o);
        return std::int32_t(metrics.size() - 1);
    }
    const Metrics *metricsOf(std::size_t i) const
    {
        const std::int32_t a = aux[i];
        return (a >= 0 && kind[i] != EventKind::ImportLine && std::size_t(a) < metrics.size())
            ? &metrics[std::size_t(a)]
            : nullptr;
    }
    const ImportRec *importOf(std::size_t i) const
    {
        const std::int32_t a = aux[i];
        return (a >= 0 && kind[i] == EventKind::ImportLine) ? &imports[std::size_t(a)] : nullptr;
    }
};

// A file's events.
using EventStore = BasicEventStore<PackedColumns>;
// A block's events while it is parsed.
using BlockStore = BasicEventStore<PlainColumns>;

} // namespace coldscope
