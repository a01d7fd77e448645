// SPDX-License-Identifier: MIT
#include "sourcetext.h"

#include "textparse.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

namespace coldscope {

namespace {

std::string errnoText(const std::string &what, const std::string &path)
{
    return path + ": " + what + ": " + std::strerror(errno);
}

struct Fd {
    int fd = -1;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

bool writeAll(int fd, const char *p, std::size_t left)
{
    while (left > 0) {
        const ssize_t w = ::write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += w;
        left -= std::size_t(w);
    }
    return true;
}

} // namespace

Utf16Kind detectUtf16(std::string_view head)
{
    Utf16Kind k;
    if (head.size() >= 2 && head[0] == '\xFF' && head[1] == '\xFE'
        && !(head.size() >= 4 && head[2] == '\0' && head[3] == '\0')) { // not UTF-32LE
        k.utf16 = true;
        k.bomBytes = 2;
        return k;
    }
    if (head.size() >= 2 && head[0] == '\xFE' && head[1] == '\xFF') {
        k.utf16 = k.bigEndian = true;
        k.bomBytes = 2;
        return k;
    }
    const std::size_t pairs = std::min<std::size_t>(head.size(), 4096) / 2;
    if (pairs < 8)
        return k;
    std::size_t zeroEven = 0, zeroOdd = 0;
    for (std::size_t i = 0; i < pairs; ++i) {
        zeroEven += head[2 * i] == '\0';
        zeroOdd += head[2 * i + 1] == '\0';
    }
    // ASCII text in UTF-16LE: every odd byte NUL, (almost) no even one.
    if (zeroOdd * 10 >= pairs * 9 && zeroEven * 20 <= pairs) {
        k.utf16 = true;
    } else if (zeroEven * 10 >= pairs * 9 && zeroOdd * 20 <= pairs) {
        k.utf16 = k.bigEndian = true;
    }
    return k;
}

void appendUtf8FromUtf16(std::string_view bytes, bool bigEndian, std::string &out, std::uint32_t &pending)
{
    // pending: bit 31 = an odd byte waits (its value in bits 16..23); bits 0..15 = a
    // high surrogate waiting for its low half (0 = none).
    std::size_t i = 0;
    auto unit = [&](unsigned char a, unsigned char b) -> std::uint32_t {
        return bigEndian ? (std::uint32_t(a) << 8 | b) : (std::uint32_t(b) << 8 | a);
    };
    auto take = [&](std::uint32_t u) {
        std::uint32_t &high = pending;
        const std::uint32_t h = high & 0xFFFF;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (h)
                appendUtf8(0xFFFD, out);
            high = (high & 0xFFFF0000u) | u;
            return;
        }
        if (u >= 0xDC00 && u <= 0xDFFF) {
            if (h) {
                appendUtf8(0x10000 + ((h - 0xD800) << 10) + (u - 0xDC00), out);
                high &= 0xFFFF0000u;
            } else {
                appendUtf8(0xFFFD, out);
            }
            return;
        }
        if (h) {
            appendUtf8(0xFFFD, out);
            high &= 0xFFFF0000u;
        }
        appendUtf8(u, out);
    };
    if ((pending & 0x80000000u) && !bytes.empty()) {
        const auto a = static_cast<unsigned char>((pending >> 16) & 0xFF);
        pending &= 0xFFFFu;
        take(unit(a, static_cast<unsigned char>(bytes[0])));
        i = 1;
    }
    for (; i + 1 < bytes.size(); i += 2)
        take(unit(static_cast<unsigned char>(bytes[i]), static_cast<unsigned char>(bytes[i + 1])));
    if (i < bytes.size())
        pending = (pending & 0xFFFFu) | 0x80000000u | (std::uint32_t(static_cast<unsigned char>(bytes[i])) << 16);
}

namespace {

bool isPowerShellRecordLine(std::string_view line)
{
    std::size_t i = 0;
    while (i < line.size() && line[i] == ' ')
        ++i;
    const std::string_view t = line.substr(i);
    if (t.empty() || line == " ")
        return true; // the blank and one-space lines that close a record
    if (t.rfind("+ ", 0) == 0 || t == "+")
        return true; // the echoed command, its ~~~ underline, CategoryInfo, FullyQualifiedErrorId
    // "At line:1 char:1" / "At C:\...\x.ps1:12 char:5"; Japanese Windows: "発生場所 ..."
    return (t.rfind("At ", 0) == 0 && t.find(" char:") != std::string_view::npos)
        || t.rfind("\xE7\x99\xBA\xE7\x94\x9F\xE5\xA0\xB4\xE6\x89\x80", 0) == 0;
}

} // namespace

std::vector<std::string> repairPowerShellCapture(std::string &text)
{
    std::vector<std::string> notes;
    // Lines without their CR/LF; ends[i] = where line i's terminator starts.
    std::vector<std::pair<std::size_t, std::size_t>> lines; // [begin, end) of the content
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t nl = text.find('\n', pos);
        const std::size_t next = nl == std::string::npos ? text.size() : nl + 1;
        if (nl == std::string::npos)
            nl = text.size();
        std::size_t e = nl;
        if (e > pos && text[e - 1] == '\r')
            --e;
        lines.emplace_back(pos, e);
        pos = next;
    }
    auto view = [&](std::size_t k) {
        return std::string_view(text).substr(lines[k].first, lines[k].second - lines[k].first);
    };
    std::vector<std::uint8_t> drop(lines.size(), 0);
    std::size_t stripPrefix = 0; // bytes of "python.exe : " to drop from the first line
    std::size_t wrapperLines = 0;
    if (!lines.empty()) {
        // "<program>.exe : <first stderr line>" followed by the record's wrapper lines.
        const std::string_view first = view(0);
        const std::size_t colon = first.find(".exe : ");
        if (colon != std::string_view::npos && first.substr(0, colon).find(' ') == std::string_view::npos
            && lines.size() > 1 && isPowerShellRecordLine(view(1))) {
            stripPrefix = colon + 7;
            for (std::size_t k = 1; k < lines.size() && isPowerShellRecordLine(view(k)); ++k) {
                const std::string_view t = view(k);
                // The record's first line itself may have been cut: its rest comes before "At ...".
                drop[k] = 1;
                ++wrapperLines;
                if (t.find("FullyQualifiedErrorId") != std::string_view::npos) {
                    // what follows is the record's closing blank/one-space line, if any
                    if (k + 1 < lines.size() && (view(k + 1) == " " || view(k + 1).empty())) {
                        drop[k + 1] = 1;
                        ++wrapperLines;
                    }
                    break;
                }
            }
        }
    }
    // The console width: the widest line, when some "import time:" line reaches it.
    std::size_t width = 0;
    for (std::size_t k = 0; k < lines.size(); ++k)
        if (!drop[k])
            width = std::max(width, utf8Length(view(k)) - (k == 0 ? utf8Length(view(0).substr(0, stripPrefix)) : 0));
    std::vector<std::uint8_t> joinNext(lines.size(), 0);
    std::size_t joined = 0;
    if (width >= 40) {
        for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
            if (drop[k] || drop[k + 1])
                continue;
            std::string_view line = view(k);
            if (k == 0)
                line.remove_prefix(stripPrefix);
            const std::string_view rest = view(k + 1);
            if (line.rfind("import time:", 0) == 0 && utf8Length(line) == width && !rest.empty()
                && rest.rfind("import time:", 0) != 0 && rest.find(" | ") == std::string_view::npos) {
                joinNext[k] = 1;
                ++joined;
            }
        }
    }
    if (stripPrefix == 0 && joined == 0)
        return notes;
    std::string out;
    out.reserve(text.size());
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (drop[k])
            continue;
        std::string_view line = view(k);
        if (k == 0)
            line.remove_prefix(stripPrefix);
        out += line;
        if (!joinNext[k] && (k + 1 < lines.size() || lines[k].second < text.size()))
            out += '\n';
    }
    text = std::move(out);
    if (stripPrefix)
        notes.push_back("removed the error-record wrapper Windows PowerShell put around the first stderr line ("
            + std::to_string(wrapperLines) + " lines)");
    if (joined)
        notes.push_back("re-joined " + std::to_string(joined) + " importtime lines cut at the console width ("
            + std::to_string(width) + " columns)");
    return notes;
}

SourceText::~SourceText()
{
    if (m_mapped && m_data)
        ::munmap(const_cast<char *>(m_data), m_size);
}

std::unique_ptr<SourceText> SourceText::fromString(std::string data)
{
    std::unique_ptr<SourceText> t(new SourceText);
    if (const Utf16Kind k = detectUtf16(data); k.utf16) {
        std::string utf8;
        std::uint32_t pending = 0;
        appendUtf8FromUtf16(std::string_view(data).substr(k.bomBytes), k.bigEndian, utf8, pending);
        data = std::move(utf8);
        t->m_utf16 = k.name();
        t->m_notes.push_back("decoded from " + std::string(k.name()));
        for (auto &n : repairPowerShellCapture(data))
            t->m_notes.push_back(std::move(n));
    }
    t->m_owned = std::move(data);
    t->m_owned.reserve(t->m_owned.size() + 64); // simdjson reads up to 64 bytes past the end
    t->m_data = t->m_owned.data();
    t->m_size = t->m_owned.size();
    t->m_fileSize = t->m_size;
    return t;
}

// A gzip stream is stopped once it has expanded to more than kGzipBombMinBytes and more
// than kGzipBombRatio times the compressed bytes read: real logs compress 5 to 30 times.
constexpr std::uint64_t kGzipBombMinBytes = std::uint64_t(64) << 20;
constexpr std::uint64_t kGzipBombRatio = 100;

SourceText::OpenResult SourceText::open(const std::string &path, const std::atomic<bool> *cancel,
    const std::function<void(std::uint64_t, std::uint64_t)> &progress)
{
    OpenResult r;
    Fd in;
    in.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK); // a FIFO must not block the open
    if (in.fd < 0) {
        r.error = errnoText("cannot open", path);
        return r;
    }
    struct stat st {
    };
    if (::fstat(in.fd, &st) != 0) {
        r.error = errnoText("cannot stat", path);
        return r;
    }
    if (S_ISDIR(st.st_mode)) {
        r.error = path + ": is a directory, not a log file";
        return r;
    }
    if (!S_ISREG(st.st_mode)) {
        r.error = path + ": not a regular file";
        return r;
    }
    if (st.st_size == 0) {
        r.error = path + ": the file is empty";
        return r;
    }
    unsigned char magic[2] = { 0, 0 };
    const bool gzip = ::pread(in.fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;

    std::unique_ptr<SourceText> t(new SourceText);
    t->m_fileSize = std::uint64_t(st.st_size);
    t->m_gzip = gzip;
    int mapFd = in.fd;
    Fd tmp;
    if (gzip) {
        // Decompress to an unlinked temporary file and map that: resident memory stays
        // small however large the decompressed log is.
        std::string tmpl = (std::filesystem::temp_directory_path() / "coldscope-gz-XXXXXX").string();
        tmp.fd = ::mkstemp(tmpl.data());
        if (tmp.fd < 0) {
            r.error = errnoText("cannot create a temporary file to decompress", path);
            return r;
        }
        ::unlink(tmpl.c_str());
        const int dupFd = ::dup(in.fd);
        gzFile gz = ::gzdopen(dupFd, "rb");
        if (!gz) {
            ::close(dupFd);
            r.error = path + ": cannot read gzip stream";
            return r;
        }
        ::gzbuffer(gz, 1 << 18);
        std::vector<char> buf(1 << 20);
        std::uint64_t written = 0;
        for (;;) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                ::gzclose(gz);
                r.error = path + ": cancelled";
                return r;
            }
            const int n = ::gzread(gz, buf.data(), unsigned(buf.size()));
            if (n < 0) {
                int errnum = 0;
                const char *msg = ::gzerror(gz, &errnum);
                r.warning = path + ": gzip data damaged after " + std::to_string(written) + " decompressed bytes ("
                    + (msg ? msg : "unknown error") + "); the rest is not read";
                break;
            }
            if (n == 0) {
                int errnum = 0;
                ::gzerror(gz, &errnum);
                if (errnum == Z_BUF_ERROR)
                    r.warning = path + ": gzip stream ends early (truncated download?); read " + std::to_string(written)
                        + " decompressed bytes";
                break;
            }
            const char *p = buf.data();
            std::size_t left = std::size_t(n);
            while (left > 0) {
                const ssize_t w = ::write(tmp.fd, p, left);
                if (w < 0) {
                    ::gzclose(gz);
                    r.error = errnoText("cannot write the decompressed copy", path);
                    return r;
                }
                p += w;
                left -= std::size_t(w);
            }
            written += std::uint64_t(n);
            const auto consumed = std::uint64_t(std::max<z_off_t>(1, ::gzoffset(gz)));
            if (progress)
                progress(consumed, t->m_fileSize);
            if (written > kGzipBombMinBytes && written > kGzipBombRatio * consumed) {
                r.warning = path + ": the gzip data expands more than " + std::to_string(kGzipBombRatio)
                    + " times (logs compress 5 to 30 times: a gzip bomb?); stopped after "
                    + std::to_string(written >> 20) + " MB, the rest is not read";
                break;
            }
        }
        ::gzclose(gz);
        if (written == 0) {
            r.error = path + ": the gzip file holds no data";
            return r;
        }
        t->m_size = written;
        mapFd = tmp.fd;
    } else {
        t->m_size = t->m_fileSize;
    }
    void *p = ::mmap(nullptr, t->m_size, PROT_READ, MAP_SHARED, mapFd, 0);
    if (p == MAP_FAILED) {
        r.error = errnoText("cannot map", path);
        return r;
    }
    ::madvise(p, t->m_size, MADV_SEQUENTIAL);
    t->m_data = static_cast<const char *>(p);
    t->m_mapped = true;
    if (const Utf16Kind k = detectUtf16(std::string_view(t->m_data, std::min<std::uint64_t>(t->m_size, 4096)));
        k.utf16) {
        // Transcode to UTF-8 in another unlinked temporary file and map that instead.
        Fd utf8;
        std::string tmpl = (std::filesystem::temp_directory_path() / "coldscope-u16-XXXXXX").string();
        utf8.fd = ::mkstemp(tmpl.data());
        if (utf8.fd < 0) {
            r.error = errnoText("cannot create a temporary file to decode UTF-16", path);
            return r;
        }
        ::unlink(tmpl.c_str());
        std::string chunk;
        std::uint32_t pending = 0;
        constexpr std::uint64_t kChunk = 1 << 20;
        // Captures small enough to hold are decoded whole, so PowerShell's wrapper and
        // cut lines can be repaired; huge ones are streamed as they are.
        const bool whole = t->m_size <= (std::uint64_t(512) << 20);
        std::uint64_t written = 0;
        t->m_notes.push_back("decoded from " + std::string(k.name()));
        for (std::uint64_t at = k.bomBytes; at < t->m_size; at += kChunk) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                r.error = path + ": cancelled";
                return r;
            }
            if (!whole)
                chunk.clear();
            appendUtf8FromUtf16(
                std::string_view(t->m_data + at, std::min(kChunk, t->m_size - at)), k.bigEndian, chunk, pending);
            if (whole)
                continue;
            if (!writeAll(utf8.fd, chunk.data(), chunk.size())) {
                r.error = errnoText("cannot write the decoded copy", path);
                return r;
            }
            written += chunk.size();
        }
        if (whole) {
            for (auto &n : repairPowerShellCapture(chunk))
                t->m_notes.push_back(std::move(n));
            if (!writeAll(utf8.fd, chunk.data(), chunk.size())) {
                r.error = errnoText("cannot write the decoded copy", path);
                return r;
            }
            written = chunk.size();
        }
        ::munmap(const_cast<char *>(t->m_data), t->m_size);
        t->m_data = nullptr;
        t->m_mapped = false;
        if (written == 0) {
            r.error = path + ": the " + std::string(k.name()) + " file holds no text";
            return r;
        }
        void *q = ::mmap(nullptr, written, PROT_READ, MAP_SHARED, utf8.fd, 0);
        if (q == MAP_FAILED) {
            r.error = errnoText("cannot map", path);
            return r;
        }
        ::madvise(q, written, MADV_SEQUENTIAL);
        t->m_data = static_cast<const char *>(q);
        t->m_size = written;
        t->m_mapped = true;
        t->m_utf16 = k.name();
    }
    r.text = std::move(t);
    return r;
}

std::uint64_t SourceText::appendArena(std::string chunk)
{
    std::uint64_t base = m_size + 1;
    if (!m_arena.empty())
        base = m_arenaBase.back() + m_arena.back().size() + 1;
    chunk.reserve(chunk.size() + 64);
    m_arenaBase.push_back(base);
    m_arena.push_back(std::move(chunk));
    return base;
}

std::string_view SourceText::at(std::uint64_t offset, std::uint32_t length) const
{
    if (offset + length <= m_size)
        return { m_data + offset, length };
    auto it = std::upper_bound(m_arenaBase.begin(), m_arenaBase.end(), offset);
    if (it == m_arenaBase.begin())
        return {};
    const std::size_t idx = std::size_t(it - m_arenaBase.begin()) - 1;
    const std::string &chunk = m_arena[idx];
    const std::uint64_t rel = offset - m_arenaBase[idx];
    if (rel + length > chunk.size())
        return {};
    return { chunk.data() + rel, length };
}

void SourceText::releasePages(std::uint64_t from, std::uint64_t to) const
{
    if (!m_mapped)
        return;
    const std::uint64_t page = std::uint64_t(::sysconf(_SC_PAGESIZE));
    from = (from + page - 1) / page * page;
    // Whole pages inside the range; a range that reaches the end takes the mapping's
    // last, partial page too.
    to = to >= m_size ? (m_size + page - 1) / page * page : to / page * page;
    if (to > from)
        ::madvise(const_cast<char *>(m_data) + from, to - from, MADV_DONTNEED);
}

void SourceText::releaseAround(std::uint64_t from, std::uint64_t to) const
{
    constexpr std::uint64_t kBlock = std::uint64_t(2) << 20;
    if (from >= m_size) // an arena offset, or past the end
        return;
    to = std::min(std::max(to, from + 1), m_size);
    releasePages(from / kBlock * kBlock, std::min(m_size, (to + kBlock - 1) / kBlock * kBlock));
}

} // namespace coldscope
