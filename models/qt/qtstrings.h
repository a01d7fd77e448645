// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <string_view>

namespace coldscope {

// Views into the store are not NUL-terminated: always pass the size.
inline QString qs(std::string_view v)
{
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

} // namespace coldscope
