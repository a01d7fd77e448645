// SPDX-License-Identifier: MIT
// The Logs Insights lexer, parser and evaluation, over a small Lambda log loaded once.
#include "loader.h"
#include "queryengine.h"
#include "queryformat.h"

#include <memory>

using namespace coldscope;

namespace {
std::shared_ptr<const LogData> sample()
{
    static const std::shared_ptr<const LogData> data = [] {
        std::string text
            = "INIT_START Runtime Version: python:3.12.v27\tRuntime Version ARN: arn\n"
              "import time: self [us] | cumulative | imported package\n"
              "import time:       100 |        150 |   json.decoder\n"
              "import time:       200 |        350 | json\n"
              "START RequestId: 5f0f0a5e-7b1c-4c43-9c2a-0e0c0b5a2f11 Version: $LATEST\n"
              "[INFO]\t2024-06-01T00:00:01.100Z\t5f0f0a5e-7b1c-4c43-9c2a-0e0c0b5a2f11\thello id=7\n"
              "{\"timestamp\":\"2024-06-01T00:00:01Z\",\"level\":\"WARN\",\"message\":\"m\",\"n\":[1,2,{\"k\":\"v\"}]}"
              "\n"
              "2024-06-01T00:00:04.000Z 5f0f0a5e-7b1c-4c43-9c2a-0e0c0b5a2f11 Task timed out after 3.00 seconds\n"
              "END RequestId: 5f0f0a5e-7b1c-4c43-9c2a-0e0c0b5a2f11\n"
              "REPORT RequestId: 5f0f0a5e-7b1c-4c43-9c2a-0e0c0b5a2f11\tDuration: 3000.00 ms\tBilled "
              "Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\tInit Duration: 250.50 ms\t\n";
        return std::shared_ptr<const LogData>(loadBytes(text, "sample.log").data);
    }();
    return data;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    try {
        const query::Result r = query::run(text, { { sample(), "sample.log" } });
        query::format(r, query::OutputFormat::Json, {});
        query::format(r, query::OutputFormat::Markdown, {});
    } catch (const query::QueryError &) {
    }
    return 0;
}
