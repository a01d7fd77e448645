// SPDX-License-Identifier: MIT
// The Logs Insights lexer and parser alone: any text gives a Query or a QueryError
// (with its position), never a crash, a hang or unbounded recursion.
#include "queryast.h"

#include <string>

using namespace coldscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    try {
        query::parse(std::string(reinterpret_cast<const char *>(data), size));
    } catch (const query::QueryError &) {
    }
    return 0;
}
