// SPDX-License-Identifier: MIT
#include "sourcetext.h"

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

} // namespace

SourceText::~SourceText()
{
    if (m_mapped && m_data)
        ::munmap(const_cast<char *>(m_data), m_size);
}

std::unique_ptr<SourceText> SourceText::fromString(std::string data)
{
    std::unique_ptr<SourceText> t(new SourceText);
    t->m_owned = std::move(data);
    t->m_owned.reserve(t->m_owned.size() + 64); // simdjson reads up to 64 bytes past the end
    t->m_data = t->m_owned.data();
    t->m_size = t->m_owned.size();
    t->m_fileSize = t->m_size;
    return t;
}

SourceText::OpenResult SourceText::open(const std::string &path, const std::atomic<bool> *cancel,
    const std::function<void(std::uint64_t, std::uint64_t)> &progress)
{
    OpenResult r;
    Fd in;
    in.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
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
            if (progress)
                progress(std::uint64_t(std::max<z_off_t>(0, ::gzoffset(gz))), t->m_fileSize);
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
    to = std::min(to, m_size) / page * page; // the mapping is the file's m_size bytes
    if (to > from)
        ::madvise(const_cast<char *>(m_data) + from, to - from, MADV_DONTNEED);
}

} // namespace coldscope
