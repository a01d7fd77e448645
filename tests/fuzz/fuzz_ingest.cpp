// SPDX-License-Identifier: MIT
// Log ingest from a buffer: every format, through detection, on the calling thread.
#include "loader.h"

using namespace coldscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    LoadOptions options;
    options.threads = 1;
    loadBytes(std::string(reinterpret_cast<const char *>(data), size), "fuzz.log", options);
    return 0;
}
