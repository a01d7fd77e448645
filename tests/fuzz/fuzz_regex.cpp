// SPDX-License-Identifier: MIT
// parse patterns and regular expressions: a glob or /regex/ from the input applied to
// messages, with the match limits that stop runaway patterns.
#include "loader.h"
#include "queryengine.h"

using namespace coldscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const std::shared_ptr<const LogData> log(
        loadBytes("START RequestId: 5f0f0a5e-7b1c-4c43-9c2a-0e0c0b5a2f11 Version: $LATEST\n"
                  "import time:       100 |        350 | json.decoder\n"
                  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n"
                  "REPORT RequestId: 5f0f0a5e-7b1c-4c43-9c2a-0e0c0b5a2f11\tDuration: 3.00 ms\n",
            "r.log")
            .data);
    const std::string pattern(reinterpret_cast<const char *>(data), size);
    for (const std::string &q : { "parse @message /" + pattern + "/ | stats count(*)",
             "parse @message \"" + pattern + "\" as a, b | display a, b",
             "filter @message like /" + pattern + "/ | fields @message" }) {
        try {
            query::run(q, { { log, "r.log" } });
        } catch (const query::QueryError &) {
        }
    }
    return 0;
}
