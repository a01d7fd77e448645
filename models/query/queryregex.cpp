// SPDX-License-Identifier: MIT
#include "queryregex.h"

#include "queryast.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cstring>

namespace coldscope::query {

namespace {
pcre2_code *code(void *p)
{
    return static_cast<pcre2_code *>(p);
}
pcre2_match_data *md(void *p)
{
    return static_cast<pcre2_match_data *>(p);
}
pcre2_match_context *ctx(void *p)
{
    return static_cast<pcre2_match_context *>(p);
}

bool isPlainLiteral(const std::string &p)
{
    for (char c : p)
        if (std::strchr("\\^$.|?*+()[]{}", c))
            return false;
    return !p.empty();
}
} // namespace

Regex::~Regex()
{
    if (m_matchData)
        pcre2_match_data_free(md(m_matchData));
    if (m_context)
        pcre2_match_context_free(ctx(m_context));
    if (m_code)
        pcre2_code_free(code(m_code));
}

std::shared_ptr<Regex> Regex::compile(const std::string &pattern, int column)
{
    std::shared_ptr<Regex> r(new Regex);
    r->m_pattern = pattern;
    r->m_column = column;
    if (isPlainLiteral(pattern))
        r->m_literal = pattern;
    int err = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code *c = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
        PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &offset, nullptr);
    if (!c) {
        PCRE2_UCHAR buf[256];
        pcre2_get_error_message(err, buf, sizeof buf);
        throw QueryError(column + 1 + int(offset),
            "bad regular expression /" + pattern + "/: " + reinterpret_cast<const char *>(buf));
    }
    pcre2_jit_compile(c, PCRE2_JIT_COMPLETE); // falls back to the interpreter when JIT is unavailable
    r->m_code = c;
    r->m_matchData = pcre2_match_data_create_from_pattern(c, nullptr);
    pcre2_match_context *mc = pcre2_match_context_create(nullptr);
    pcre2_set_match_limit(mc, kMatchLimit);
    pcre2_set_depth_limit(mc, kDepthLimit);
    r->m_context = mc;
    std::uint32_t count = 0;
    pcre2_pattern_info(c, PCRE2_INFO_CAPTURECOUNT, &count);
    r->m_names.assign(count + 1, std::string());
    std::uint32_t nameCount = 0, entrySize = 0;
    PCRE2_SPTR table = nullptr;
    pcre2_pattern_info(c, PCRE2_INFO_NAMECOUNT, &nameCount);
    pcre2_pattern_info(c, PCRE2_INFO_NAMEENTRYSIZE, &entrySize);
    pcre2_pattern_info(c, PCRE2_INFO_NAMETABLE, &table);
    for (std::uint32_t i = 0; i < nameCount; ++i) {
        const PCRE2_SPTR entry = table + i * entrySize;
        const int n = (entry[0] << 8) | entry[1];
        if (std::size_t(n) < r->m_names.size())
            r->m_names[std::size_t(n)] = reinterpret_cast<const char *>(entry + 2);
    }
    return r;
}

int Regex::run(std::string_view s, std::size_t from) const
{
    const int rc = pcre2_match(
        code(m_code), reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), from, 0, md(m_matchData), ctx(m_context));
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT
        || rc == PCRE2_ERROR_HEAPLIMIT)
        throw QueryError(m_column,
            "regular expression /" + m_pattern
                + "/ stopped: it backtracks too much (match limit reached); make it more specific");
    return rc;
}

bool Regex::search(std::string_view s) const
{
    if (m_literal)
        return s.find(*m_literal) != std::string_view::npos;
    return run(s, 0) >= 0; // per row: no group vector to fill
}

bool Regex::find(std::string_view s, std::size_t from, std::vector<std::pair<std::size_t, std::size_t>> &groups) const
{
    const int rc = run(s, from);
    if (rc < 0)
        return false;
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md(m_matchData));
    groups.assign(m_names.size(), { std::string_view::npos, std::string_view::npos });
    for (std::size_t g = 0; g < m_names.size() && g < std::size_t(rc); ++g)
        if (ov[2 * g] != PCRE2_UNSET)
            groups[g] = { ov[2 * g], ov[2 * g + 1] };
    return true;
}

} // namespace coldscope::query
