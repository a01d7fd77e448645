// SPDX-License-Identifier: MIT
#pragma once

// Turns one block of input into events. Blocks are parsed in parallel, each into
// its own EventStore with its own string pools; the loader appends them in order.

#include "eventstore.h"
#include "formatdetect.h"
#include "logdata.h"

#include <memory>
#include <string>
#include <vector>

namespace coldscope {

// Offsets with this bit set are relative to the block's arena (unescaped text);
// the loader rebases them into the SourceText arena when it appends the block.
inline constexpr std::uint64_t kArenaOffset = std::uint64_t(1) << 63;

struct Block {
    BlockStore store;
    std::string arena;
    std::vector<Diagnostic> diagnostics; // lines are block-relative (1 = the block's first line)
    std::uint64_t skipped = 0;
    std::uint32_t lines = 0; // newline-terminated lines in the block
    bool hasIngestion = false;

    // Empty again, keeping the columns' memory: the loader recycles blocks, so a big
    // file's parse does not fault in (and give back) fresh pages for every block.
    void clear()
    {
        store.clear();
        arena.clear();
        diagnostics.clear();
        skipped = 0;
        lines = 0;
        hasIngestion = false;
    }
};

class BlockParser
{
public:
    BlockParser();
    ~BlockParser();
    BlockParser(const BlockParser &) = delete;
    BlockParser &operator=(const BlockParser &) = delete;

    // Lines in [begin, end) of `text` (begin at a line start chosen by safeSplit()).
    // `text` must stay readable 64 bytes past `end` or the parser copies lines near it.
    void parseLines(std::string_view text, std::uint64_t begin, std::uint64_t end, LinePrefix prefix, Block &out);

    // Objects of a filter-log-events/get-log-events "events" array: spans into `text`
    // with the 1-based line each starts on.
    struct Span {
        std::uint64_t begin;
        std::uint64_t end;
        std::uint32_t line;
        std::string_view stream; // the enclosing document's "logStream" (subscription payloads)
    };
    void parseLogEvents(std::string_view text, const Span *spans, std::size_t count, Block &out);

    // One result table row (get-query-results, CSV, Markdown).
    void addResultRow(const std::vector<std::string> &columns, const std::vector<std::string> &values,
        std::uint32_t lineNo, Block &out);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Moves `pos` forward to the start of a line where a new event surely begins, so that
// no multi-line event is split between two blocks. Returns `end` if there is none.
std::uint64_t safeSplit(std::string_view text, std::uint64_t pos, std::uint64_t end, LinePrefix prefix);

// Whether a line after the one holding offset `from` and starting before `to` is one
// where safeSplit() may cut. The parser folds lines into one event only when it is not,
// so that where the blocks are cut never changes what is loaded.
bool hasSafeCut(std::string_view text, std::uint64_t from, std::uint64_t to, LinePrefix prefix);

// The spans of the objects in every top-level "events" array (filter-log-events,
// get-log-events; concatenated responses allowed) and "logEvents" array (CloudWatch
// Logs subscription payloads, as Firehose writes them to S3), and in the array under
// `eventsKey` (any other document of log events; "[]": a top-level array). Counts lines as it goes;
// `lines` gets the file's count (see lineCount).
std::vector<BlockParser::Span> scanLogEventSpans(
    std::string_view text, const std::atomic<bool> *cancel, std::uint64_t &lines, std::string_view eventsKey = {});

} // namespace coldscope
