// SPDX-License-Identifier: MIT
// gzip input (damaged, truncated, concatenated members, bombs) through the file path
// the loader takes, from an in-memory file.
#include "loader.h"

#include <sys/mman.h>
#include <unistd.h>

#include <string>

using namespace coldscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // The loader reads a path: give it a memory file with a gzip header in front, so
    // every input exercises the decompressor.
    const int fd = ::memfd_create("fuzz.gz", 0);
    if (fd < 0)
        return 0;
    static const unsigned char header[] = { 0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03 };
    if (::write(fd, header, sizeof header) == ssize_t(sizeof header) && ::write(fd, data, size) == ssize_t(size))
        loadFile("/proc/self/fd/" + std::to_string(fd));
    ::close(fd);
    return 0;
}
