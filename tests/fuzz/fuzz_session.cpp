// SPDX-License-Identifier: MIT
// The .coldscope session reader: any bytes give a session, warnings, or one error.
#include "session.h"

using namespace coldscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const SessionLoad l = sessionFromJson(std::string(reinterpret_cast<const char *>(data), size));
    if (l.ok())
        sessionFromJson(sessionToJson(l.session)); // what was read writes back
    return 0;
}
