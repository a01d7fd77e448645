// SPDX-License-Identifier: MIT
// The lexer of the Logs Insights query language.
#include "querylexer.h"

#include "queryast.h"

#include <cctype>
#include <cstdlib>
#include <cstring>

namespace coldscope::query {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto &c : out)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

namespace {

bool identStart(char c)
{
    return std::isalpha(static_cast<unsigned char>(c)) || c == '@' || c == '_';
}
bool identChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '@' || c == '_' || c == '.';
}

class Lexer
{
public:
    explicit Lexer(const std::string &s)
        : m_s(s)
    {
    }

    std::vector<Token> run()
    {
        std::vector<Token> out;
        std::size_t i = 0;
        while (true) {
            // White space and comments ('#' to the end of the line).
            while (i < m_s.size()) {
                if (std::isspace(static_cast<unsigned char>(m_s[i]))) {
                    ++i;
                } else if (m_s[i] == '#') {
                    while (i < m_s.size() && m_s[i] != '\n')
                        ++i;
                } else {
                    break;
                }
            }
            Token t;
            t.begin = int(i);
            if (i >= m_s.size()) {
                t.end = t.begin;
                out.push_back(t);
                return out;
            }
            const char c = m_s[i];
            if (c == '"' || c == '\'') {
                t.type = Token::Type::String;
                ++i;
                while (i < m_s.size() && m_s[i] != c) {
                    if (m_s[i] == '\\' && i + 1 < m_s.size()) {
                        const char e = m_s[i + 1];
                        t.text += e == 'n' ? '\n' : e == 't' ? '\t' : e;
                        i += 2;
                    } else {
                        t.text += m_s[i++];
                    }
                }
                if (i >= m_s.size())
                    throw QueryError(t.begin + 1, "unterminated string: expected a closing " + std::string(1, c));
                ++i;
            } else if (c == '`') {
                t.type = Token::Type::QuotedIdent;
                const std::size_t close = m_s.find('`', i + 1);
                if (close == std::string::npos)
                    throw QueryError(t.begin + 1, "unterminated field name: expected a closing `");
                t.text = m_s.substr(i + 1, close - i - 1);
                i = close + 1;
            } else if (c == '/' && regexAllowed(out)) {
                t.type = Token::Type::Regex;
                ++i;
                bool inClass = false;
                while (i < m_s.size() && (m_s[i] != '/' || inClass)) {
                    if (m_s[i] == '\\' && i + 1 < m_s.size()) {
                        if (m_s[i + 1] != '/')
                            t.text += '\\';
                        t.text += m_s[i + 1];
                        i += 2;
                        continue;
                    }
                    if (m_s[i] == '[')
                        inClass = true;
                    else if (m_s[i] == ']')
                        inClass = false;
                    t.text += m_s[i++];
                }
                if (i >= m_s.size())
                    throw QueryError(t.begin + 1, "unterminated regular expression: expected a closing /");
                ++i;
            } else if (std::isdigit(static_cast<unsigned char>(c))
                || (c == '.' && i + 1 < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[i + 1])))) {
                std::size_t j = i;
                while (j < m_s.size() && (std::isdigit(static_cast<unsigned char>(m_s[j])) || m_s[j] == '.'))
                    ++j;
                if (j < m_s.size() && (m_s[j] == 'e' || m_s[j] == 'E') && j + 1 < m_s.size()
                    && (std::isdigit(static_cast<unsigned char>(m_s[j + 1]))
                        || ((m_s[j + 1] == '-' || m_s[j + 1] == '+') && j + 2 < m_s.size()
                            && std::isdigit(static_cast<unsigned char>(m_s[j + 2]))))) {
                    j += 2;
                    while (j < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[j])))
                        ++j;
                }
                t.number = std::strtod(m_s.substr(i, j - i).c_str(), nullptr);
                t.type = Token::Type::Number;
                std::size_t k = j;
                while (k < m_s.size() && std::isalpha(static_cast<unsigned char>(m_s[k])))
                    ++k;
                if (k > j) {
                    t.type = Token::Type::Period;
                    t.unit = lower(m_s.substr(j, k - j));
                }
                i = k;
            } else if (identStart(c)) {
                t.type = Token::Type::Ident;
                std::size_t j = i;
                while (j < m_s.size() && identChar(m_s[j]))
                    ++j;
                t.text = m_s.substr(i, j - i);
                i = j;
            } else if (c == '|') {
                t.type = Token::Type::Pipe;
                t.text = "|";
                ++i;
            } else {
                static const char *ops[] = { "==", "!=", "<>", "<=", ">=", "=~", "=", "<", ">", "+", "-", "*", "/", "%",
                    "^", "(", ")", "[", "]", "," };
                bool found = false;
                for (const char *op : ops) {
                    const std::size_t n = std::strlen(op);
                    if (m_s.compare(i, n, op) == 0) {
                        t.type = Token::Type::Op;
                        t.text = op;
                        i += n;
                        found = true;
                        break;
                    }
                }
                if (!found)
                    throw QueryError(t.begin + 1, std::string("unexpected character '") + c + "'");
            }
            t.end = int(i);
            out.push_back(t);
        }
    }

private:
    // '/' starts a regular expression where a value is expected after like, =~, in,
    // an opening bracket or a comma, or as parse's pattern.
    static bool regexAllowed(const std::vector<Token> &prev)
    {
        if (prev.empty())
            return false;
        const Token &p = prev.back();
        if (p.type == Token::Type::Op)
            return p.text == "=~" || p.text == "(" || p.text == "," || p.text == "[" || p.text == "=" || p.text == "=="
                || p.text == "!=";
        if (p.type == Token::Type::Ident) {
            const std::string l = lower(p.text);
            if (l == "like" || l == "parse" || l == "in")
                return true;
            // parse <field> /regex/
            return prev.size() >= 2 && prev[prev.size() - 2].type == Token::Type::Ident
                && lower(prev[prev.size() - 2].text) == "parse";
        }
        if (p.type == Token::Type::QuotedIdent)
            return prev.size() >= 2 && prev[prev.size() - 2].type == Token::Type::Ident
                && lower(prev[prev.size() - 2].text) == "parse";
        return false;
    }

    const std::string &m_s;
};

} // namespace

std::vector<Token> tokenize(const std::string &text)
{
    return Lexer(text).run();
}

} // namespace coldscope::query
