// SPDX-License-Identifier: MIT
// The loader's oracle: a buffer loads the same whether the parallel parse cuts it into
// 4 MB or 256 B blocks (the cut may fall inside a traceback, a pretty-printed JSON
// record or a console copy). Aborts with both results when they differ.
#include "loader.h"
#include "logfingerprint.h"

#include <cstdio>
#include <cstdlib>

using namespace coldscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char *>(data), size);
    LoadOptions big, small;
    big.threads = small.threads = 1;
    small.blockBytes = 256;
    LoadResult a = loadBytes(bytes, "fuzz.log", big);
    LoadResult b = loadBytes(bytes, "fuzz.log", small);
    const std::string fa = a.data ? testutil::fingerprint(*a.data) : a.error;
    const std::string fb = b.data ? testutil::fingerprint(*b.data) : b.error;
    if (fa != fb) {
        std::fprintf(stderr, "the load depends on the block size\n--- 4 MB blocks:\n%s\n--- 256 B blocks:\n%s\n",
            fa.c_str(), fb.c_str());
        std::abort();
    }
    return 0;
}
