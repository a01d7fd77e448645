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

// UTF-16 input: which byte order, and how many bytes of byte order mark to skip.
// Without a mark, only a NUL in every other byte of mostly-ASCII text decides.
struct Utf16Kind {
    bool utf16 = false;
    bool bigEndian = false;
    std::size_t bomBytes = 0;
    std::string_view name() const { return !utf16 ? "" : bigEndian ? "UTF-16BE" : "UTF-16LE"; }
};
Utf16Kind detectUtf16(std::string_view head);
// Appends the UTF-8 form of UTF-16 code units (unpaired surrogates become U+FFFD).
// `pending` carries an odd byte or a high surrogate across chunks.
void appendUtf8FromUtf16(std::string_view bytes, bool bigEndian, std::string &out, std::uint32_t &pending);

// What Windows PowerShell 5.1 does to a native program's stderr redirected with "2>":
// the first line becomes an error record ("python.exe : <line>", then "At line:1
// char:1", the echoed command, "+ CategoryInfo ...", "+ FullyQualifiedErrorId :
// NativeCommandError" and a line of one space), and long lines are cut at the console
// width. Removes the record's wrapper around the first line and re-joins importtime
// lines where the cut is certain: a line exactly as wide as the widest line, cut inside
// an "import time:" line, whose rest does not start a line of its own. Returns notes
// saying what it did (none when the text has neither).
std::vector<std::string> repairPowerShellCapture(std::string &text);

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
    // The input was UTF-16 (Windows PowerShell 5.1's "2>" writes UTF-16LE with a BOM);
    // bytes() are its UTF-8 transcoding. Empty for UTF-8 input.
    std::string_view utf16() const { return m_utf16; }
    // How the bytes were changed on the way in (decoding, PowerShell's wrapper removed).
    const std::vector<std::string> &notes() const { return m_notes; }

    // Appends a chunk of unescaped text; returns the offset of its first byte.
    std::uint64_t appendArena(std::string chunk);
    std::string_view at(std::uint64_t offset, std::uint32_t length) const;

    // Drop mapped pages of [from, to) from this process' resident set (they are
    // read again from the page cache on the next access).
    void releasePages(std::uint64_t from, std::uint64_t to) const;
    // The same after a read at random: drops the whole 2 MiB-aligned blocks that hold
    // [from, to). Linux maps a page-cache folio whole on a read fault, and a file's folios
    // are up to 2 MiB on recent kernels, so a few hundred bytes read here and there would
    // leave hundreds of MB of the mapping resident. (The mapping is shared and read-only:
    // a page dropped while another thread reads it is read again from the page cache.)
    void releaseAround(std::uint64_t from, std::uint64_t to) const;

private:
    SourceText() = default;

    const char *m_data = nullptr;
    std::uint64_t m_size = 0;
    std::uint64_t m_fileSize = 0;
    bool m_gzip = false;
    std::string_view m_utf16; // "UTF-16LE", "UTF-16BE" or empty
    std::vector<std::string> m_notes;
    bool m_mapped = false;
    std::string m_owned; // fromString()
    std::vector<std::uint64_t> m_arenaBase;
    std::vector<std::string> m_arena;
};

} // namespace coldscope
