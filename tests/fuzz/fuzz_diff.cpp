// SPDX-License-Identifier: MIT
// The import diff of two inputs (the input split at its first NUL, or in half).
#include "importdiff.h"
#include "loader.h"

#include <cstring>

using namespace coldscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view all(reinterpret_cast<const char *>(data), size);
    std::size_t cut = all.find('\0');
    if (cut == std::string_view::npos)
        cut = size / 2;
    LoadResult a = loadBytes(std::string(all.substr(0, cut)), "a.log");
    LoadResult b = loadBytes(std::string(all.substr(std::min(size, cut + 1))), "b.log");
    if (!a.data || !b.data || a.data->runs.empty() || b.data->runs.empty())
        return 0;
    const ImportDiff d
        = diffImports({ std::shared_ptr<const LogData>(a.data) }, { std::shared_ptr<const LogData>(b.data) });
    diffJson(d);
    return 0;
}
