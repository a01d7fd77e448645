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

// Whether the arrays and objects in `text` nest at most `maxDepth` deep (strings are
// skipped). JSON from a log is checked before a document is built from it: building
// and copying a document recurse once per level, and 100,000 nested arrays would
// overflow the stack.
inline bool jsonDepthWithin(std::string_view text, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}
inline constexpr int kMaxJsonDepth = 256;

// A JSON message indented for reading; the text unchanged when it is not JSON.
inline std::string prettyJson(std::string_view text)
{
    if (!jsonDepthWithin(text, kMaxJsonDepth))
        return std::string(text);
    const auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    return j.is_discarded() ? std::string(text) : jsonText(j, 2);
}

} // namespace coldscope
