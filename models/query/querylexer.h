// SPDX-License-Identifier: MIT
#pragma once

// The tokens of the Logs Insights query language, for the parser.

#include <string>
#include <string_view>
#include <vector>

namespace coldscope::query {

// ASCII lower case: keywords, commands and units match in any case.
std::string lower(std::string_view s);

struct Token {
    enum class Type { End, Ident, QuotedIdent, Number, String, Regex, Period, Op, Pipe };
    Type type = Type::End;
    std::string text; // identifier / string content / regex source / operator
    double number = 0;
    std::string unit; // Period
    int begin = 0; // offsets into the query
    int end = 0;
};

// The tokens of a query, ending with one of type End; throws QueryError at the
// column of a character that starts no token or of an unterminated one.
std::vector<Token> tokenize(const std::string &text);

} // namespace coldscope::query
