// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coldscope::query {

// A PCRE2 regular expression with match limits, so that a pattern that would run
// away (catastrophic backtracking) stops with an error instead of hanging. Plain
// literals skip the regex engine. Not thread-safe: one query uses it at a time.
struct Regex {
    ~Regex();
    Regex(const Regex &) = delete;
    Regex &operator=(const Regex &) = delete;

    // Throws QueryError(column, ...) when the pattern does not compile.
    static std::shared_ptr<Regex> compile(const std::string &pattern, int column);

    // Is there a match anywhere in `s`? Throws QueryError when a limit is hit.
    bool search(std::string_view s) const;
    // Match at or after `from`; fills `groups` with [begin, end) per group (0 = whole,
    // npos for unset groups). Returns false when there is no match.
    bool find(std::string_view s, std::size_t from, std::vector<std::pair<std::size_t, std::size_t>> &groups) const;

    const std::vector<std::string> &groupNames() const { return m_names; } // index = group number
    const std::optional<std::string> &literal() const { return m_literal; }

    static constexpr unsigned kMatchLimit = 2'000'000;
    static constexpr unsigned kDepthLimit = 10'000;

private:
    Regex() = default;
    int run(std::string_view s, std::size_t from) const; // pcre2_match; < 0: no match
    std::string m_pattern;
    std::vector<std::string> m_names;
    std::optional<std::string> m_literal;
    void *m_code = nullptr;
    void *m_matchData = nullptr;
    void *m_context = nullptr;
    int m_column = 0;
};

} // namespace coldscope::query
