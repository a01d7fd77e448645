// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace coldscope {

// Serialises JSON built from log text. Log lines are bytes, not promised
// UTF-8 (a truncated multi-byte character, a Latin-1 path); nlohmann's
// default dump() throws on those. Every JSON the product writes goes through
// here, so an invalid byte becomes U+FFFD instead of aborting the command.
template <class Json> std::string jsonText(const Json &j, int indent = -1)
{
    return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

// A JSON message indented for reading; the text unchanged when it is not JSON.
inline std::string prettyJson(std::string_view text)
{
    const auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    return j.is_discarded() ? std::string(text) : jsonText(j, 2);
}

} // namespace coldscope
