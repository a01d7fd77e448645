// SPDX-License-Identifier: MIT
// The Logs Insights result importers: get-query-results JSON, the console's CSV and
// Markdown exports. The first byte chooses which one the rest is made to look like.
#include "loader.h"

using namespace coldscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    static const char *const heads[] = { "{\"results\":", "@timestamp,@message\n",
        "**CloudWatch Logs Insights**    \nquery-string:\n  ```\n", "| @timestamp | @message |\n| --- | --- |\n" };
    std::string bytes = heads[data[0] % 4];
    bytes.append(reinterpret_cast<const char *>(data) + 1, size - 1);
    loadBytes(std::move(bytes), "results");
    return 0;
}
