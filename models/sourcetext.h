// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace coldscope {

// Lines as an editor numbers them: the last one need not end with a newline.
inline std::uint64_t lineCount(std::string_view text, std::uint64_t newlines)
{
    return text.empty() ? 0 : newlines + (text.back() != '\n');
}

// The bytes of one input, read-only: the file memory-mapped, or for gzip input the
// decompressed bytes in an unlinked temporary file, also mapped. Messages that had to
// be unescaped (JSON containers) live in an append-only arena addressed past the end
// of the mapped bytes, so one 64-bit offset names any message.
class SourceText
{
public:
    ~SourceText();
    SourceText(const SourceText &) = delete;
    SourceText &operator=(const SourceText &) = delete;

    struct OpenResult {
        std::unique_ptr<SourceText> text;
        std::string error; // set when nothing could be read
        std::string warning; // set when the input was read only in part (damaged gzip)
    };
    // progress(done, total) is called from the calling thread; cancel is polled.
    static OpenResult open(const std::string &path, const std::atomic<bool> *cancel = nullptr,
        const std::function<void(std::uint64_t, std::uint64_t)> &progress = {});
    static std::unique_ptr<SourceText> fromString(std::string data); // tests and query-result imports

    std::string_view bytes() const { return { m_data, m_size }; }
    std::uint64_t size() const { return m_size; }
    bool wasGzip() const { return m_gzip; }

    // Appends a chunk of unescaped text; returns the offset of its first byte.
    std::uint64_t appendArena(std::string chunk);
    std::string_view at(std::uint64_t offset, std::uint32_t length) const;

    // Drop mapped pages of [from, to) from this process' resident set (they are
    // read again from the page cache on the next access).
    void releasePages(std::uint64_t from, std::uint64_t to) const;

private:
    SourceText() = default;

    const char *m_data = nullptr;
    std::uint64_t m_size = 0;
    std::uint64_t m_fileSize = 0;
    bool m_gzip = false;
    bool m_mapped = false;
    std::string m_owned; // fromString()
    std::vector<std::uint64_t> m_arenaBase;
    std::vector<std::string> m_arena;
};

} // namespace coldscope
