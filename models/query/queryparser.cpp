// SPDX-License-Identifier: MIT
// Recursive-descent parser for the Logs Insights query language.
#include "functions.h"
#include "queryast.h"
#include "querylexer.h"
#include "queryregex.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace coldscope::query {

namespace {

struct PeriodUnit {
    const char *name;
    double ms;
    double binLimit; // largest count bin() accepts: below the next unit up
};
constexpr PeriodUnit kPeriodUnits[] = {
    { "ms", 1, 1000 },
    { "s", 1000, 60 },
    { "sec", 1000, 60 },
    { "m", 60000, 60 },
    { "min", 60000, 60 },
    { "h", 3600000, 24 },
    { "hr", 3600000, 24 },
    { "d", 86400000, 1e12 },
    { "w", 604800000, 1e12 },
    { "mo", 2592000000.0, 1e12 },
    { "q", 7776000000.0, 1e12 },
    { "y", 31536000000.0, 1e12 },
};

const PeriodUnit *periodUnit(const std::string &unit)
{
    for (const PeriodUnit &u : kPeriodUnits)
        if (unit == u.name)
            return &u;
    return nullptr;
}

double periodMs(double count, const std::string &unit, int column)
{
    const PeriodUnit *u = periodUnit(unit);
    if (!u)
        throw QueryError(column, "unknown time unit '" + unit + "': expected ms, s, m, h, d, w, mo, q or y");
    if (count <= 0)
        throw QueryError(column, "a time period must be positive");
    return count * u->ms;
}

const std::set<std::string> &keywords()
{
    static const std::set<std::string> k { "and", "or", "not", "like", "in", "as", "by", "asc", "desc", "into",
        "multi" };
    return k;
}

class Parser
{
public:
    Parser(const std::string &text, std::vector<Token> tokens)
        : m_text(text)
        , m_t(std::move(tokens))
    {
    }

    Query parseQuery()
    {
        Query q;
        q.text = m_text;
        if (peek().type == Token::Type::Pipe)
            next(); // a leading pipe is harmless
        while (peek().type != Token::Type::End) {
            q.commands.push_back(command());
            if (peek().type == Token::Type::Pipe) {
                next();
                if (peek().type == Token::Type::End)
                    throw QueryError(col(peek()), "expected a command after '|'");
                continue;
            }
            if (peek().type != Token::Type::End)
                throw QueryError(col(peek()), "expected '|' or the end of the query, found " + describe(peek()));
        }
        if (q.commands.empty())
            throw QueryError(1, "empty query: expected a command such as fields, filter or stats");
        // dedup: only limit may follow.
        for (std::size_t i = 0; i < q.commands.size(); ++i)
            if (q.commands[i].kind == Command::Kind::Dedup)
                for (std::size_t j = i + 1; j < q.commands.size(); ++j)
                    if (q.commands[j].kind != Command::Kind::Limit)
                        throw QueryError(q.commands[j].column, "only limit may follow dedup");
        return q;
    }

private:
    const Token &peek(std::size_t ahead = 0) const { return m_t[std::min(m_pos + ahead, m_t.size() - 1)]; }
    const Token &next() { return m_t[std::min(m_pos++, m_t.size() - 1)]; }
    static int col(const Token &t) { return t.begin + 1; }

    std::string describe(const Token &t) const
    {
        if (t.type == Token::Type::End)
            return "the end of the query";
        return "'" + m_text.substr(std::size_t(t.begin), std::size_t(t.end - t.begin)) + "'";
    }
    bool isWord(const Token &t, const char *w) const { return t.type == Token::Type::Ident && lower(t.text) == w; }
    bool isOp(const Token &t, const char *op) const { return t.type == Token::Type::Op && t.text == op; }
    void expectOp(const char *op)
    {
        if (!isOp(peek(), op))
            throw QueryError(col(peek()), std::string("expected '") + op + "', found " + describe(peek()));
        next();
    }

    std::string fieldName(const char *what)
    {
        const Token &t = peek();
        if (t.type == Token::Type::QuotedIdent || (t.type == Token::Type::Ident && !keywords().count(lower(t.text)))) {
            next();
            return t.text;
        }
        throw QueryError(col(t), std::string("expected ") + what + ", found " + describe(t));
    }

    Command command()
    {
        const Token &t = peek();
        if (t.type != Token::Type::Ident)
            throw QueryError(col(t),
                "expected a command (fields, display, filter, stats, sort, limit, parse, dedup, unnest), found "
                    + describe(t));
        const std::string name = lower(t.text);
        Command c;
        c.column = col(t);
        next();
        if (name == "fields" || name == "display") {
            c.kind = name == "fields" ? Command::Kind::Fields : Command::Kind::Display;
            c.items = projections();
        } else if (name == "filter") {
            c.kind = Command::Kind::Filter;
            c.expr = expr();
        } else if (name == "stats") {
            c.kind = Command::Kind::Stats;
            c.items = projections();
            if (isWord(peek(), "by")) {
                next();
                c.by = projections();
            }
            // Items without an aggregate are arithmetic over earlier aliases
            // (provisonedMemoryMB - maxMemoryUsedMB); at least one item aggregates.
            int slot = 0;
            for (auto &p : c.items)
                assignSlots(*p.expr, slot);
            if (slot == 0)
                throw QueryError(c.column, "stats needs an aggregate function such as count(), avg(), sum() or pct()");
        } else if (name == "sort") {
            c.kind = Command::Kind::Sort;
            if (isWord(peek(), "by"))
                next();
            do {
                SortKey k;
                k.expr = expr();
                if (isWord(peek(), "asc")) {
                    next();
                    k.ascending = true;
                } else if (isWord(peek(), "desc")) {
                    next();
                }
                c.sort.push_back(std::move(k));
            } while (isOp(peek(), ",") && (next(), true));
        } else if (name == "limit") {
            c.kind = Command::Kind::Limit;
            if (isWord(peek(), "any"))
                next();
            const Token &n = peek();
            if (n.type != Token::Type::Number || n.number < 1 || n.number != std::floor(n.number))
                throw QueryError(col(n), "expected a positive whole number after limit, found " + describe(n));
            if (n.number > 100000)
                throw QueryError(col(n), "limit is at most 100000 (as in CloudWatch Logs Insights)");
            c.limit = std::int64_t(n.number);
            next();
        } else if (name == "parse") {
            c.kind = Command::Kind::Parse;
            if (peek().type != Token::Type::String && peek().type != Token::Type::Regex) {
                c.expr = expr();
            } else {
                auto f = std::make_unique<Expr>();
                f->kind = Expr::Kind::Field;
                f->name = "@message";
                f->text = "@message";
                c.expr = std::move(f);
            }
            const Token &p = peek();
            if (p.type == Token::Type::String) {
                c.glob = p.text;
                if (c.glob.find('*') == std::string::npos)
                    throw QueryError(
                        col(p), "a parse pattern needs at least one * (or use a /regex/ with named groups)");
            } else if (p.type == Token::Type::Regex) {
                c.regex = Regex::compile(p.text, col(p));
            } else {
                throw QueryError(
                    col(p), "expected a \"glob * pattern\" or a /regex/ after parse, found " + describe(p));
            }
            next();
            if (isWord(peek(), "multi")) {
                next();
                c.multi = true;
            }
            if (isWord(peek(), "as")) {
                next();
                do {
                    c.aliases.push_back(fieldName("a field name"));
                } while (isOp(peek(), ",") && (next(), true));
            }
            if (!c.glob.empty()) {
                const auto stars = std::size_t(std::count(c.glob.begin(), c.glob.end(), '*'));
                if (c.aliases.size() != stars)
                    throw QueryError(col(p),
                        "the pattern has " + std::to_string(stars) + " * but " + std::to_string(c.aliases.size())
                            + " names follow 'as'");
            } else if (c.aliases.empty()) {
                bool named = false;
                for (const auto &n : c.regex->groupNames())
                    named = named || !n.empty();
                if (!named)
                    throw QueryError(col(p), "a parse /regex/ needs named groups (?<name>...) or 'as' names");
            }
        } else if (name == "dedup") {
            c.kind = Command::Kind::Dedup;
            do {
                c.dedupFields.push_back(fieldName("a field name"));
            } while (isOp(peek(), ",") && (next(), true));
        } else if (name == "unnest") {
            c.kind = Command::Kind::Unnest;
            auto f = std::make_unique<Expr>();
            f->kind = Expr::Kind::Field;
            f->column = col(peek());
            f->name = fieldName("a field holding a list");
            f->text = f->name;
            c.expr = std::move(f);
            if (!isWord(peek(), "into"))
                throw QueryError(col(peek()), "expected 'into' after the unnest field, found " + describe(peek()));
            next();
            c.into = fieldName("a new field name");
        } else if (name == "head" || name == "tail") {
            throw QueryError(c.column, name + " is deprecated in Logs Insights: use limit");
        } else {
            if (isCloudOnly(name))
                throw QueryError(
                    c.column, t.text + " is not available offline: it runs only in CloudWatch Logs Insights");
            throw QueryError(c.column,
                "unknown command '" + t.text
                    + "': expected fields, display, filter, stats, sort, limit, parse, dedup or unnest");
        }
        return c;
    }

    static bool isAggregateCall(const Expr &e)
    {
        return e.kind == Expr::Kind::Call && e.function && e.function->isAggregate();
    }

    // Numbers the aggregate calls of a stats item; returns whether it has any.
    bool assignSlots(Expr &e, int &slot)
    {
        if (isAggregateCall(e)) {
            e.aggSlot = slot++;
            for (auto &a : e.args)
                if (hasAggregate(*a))
                    throw QueryError(a->column, "aggregate functions cannot be nested");
            return true;
        }
        bool any = false;
        for (auto &a : e.args)
            any = assignSlots(*a, slot) || any;
        return any;
    }
    bool hasAggregate(const Expr &e) const
    {
        if (isAggregateCall(e))
            return true;
        return std::any_of(e.args.begin(), e.args.end(), [&](const ExprPtr &a) { return hasAggregate(*a); });
    }

    std::vector<Projection> projections()
    {
        std::vector<Projection> out;
        do {
            Projection p;
            p.expr = expr();
            if (isWord(peek(), "as")) {
                next();
                p.alias = fieldName("a name after 'as'");
            }
            out.push_back(std::move(p));
        } while (isOp(peek(), ",") && (next(), true));
        return out;
    }

    void setText(Expr &e, int begin) const
    {
        const int end = m_t[m_pos > 0 ? m_pos - 1 : 0].end;
        std::string s = m_text.substr(std::size_t(begin), std::size_t(std::max(0, end - begin)));
        // Column names keep the text as written, with runs of white space folded.
        std::string folded;
        bool space = false;
        for (char c : s) {
            if (std::isspace(static_cast<unsigned char>(c))) {
                space = true;
                continue;
            }
            if (space && !folded.empty())
                folded += ' ';
            space = false;
            folded += c;
        }
        e.text = folded;
        e.column = begin + 1;
    }

    ExprPtr binary(const std::string &op, ExprPtr l, ExprPtr r, int begin)
    {
        auto e = std::make_unique<Expr>();
        e->kind = Expr::Kind::Binary;
        e->name = op;
        e->op = opFromName(op, false);
        e->args.push_back(std::move(l));
        e->args.push_back(std::move(r));
        setText(*e, begin);
        return e;
    }

    // Nesting (parentheses, function calls, not, unary minus, ^) is bounded: the
    // parser and the evaluator recurse, and a hostile query must not overflow the stack.
    static constexpr int kMaxNesting = 100;
    struct Nest {
        Parser &p;
        Nest(Parser &parser)
            : p(parser)
        {
            if (++p.m_nesting > kMaxNesting)
                throw QueryError(p.col(p.peek()),
                    "the expression is nested too deeply (more than " + std::to_string(kMaxNesting) + " levels)");
        }
        ~Nest() { --p.m_nesting; }
        Nest(const Nest &) = delete;
        Nest &operator=(const Nest &) = delete;
    };

    ExprPtr expr()
    {
        const Nest nest(*this);
        return orExpr();
    }

    ExprPtr orExpr()
    {
        const int begin = peek().begin;
        ExprPtr l = andExpr();
        while (isWord(peek(), "or")) {
            next();
            l = binary("or", std::move(l), andExpr(), begin);
        }
        return l;
    }
    ExprPtr andExpr()
    {
        const int begin = peek().begin;
        ExprPtr l = notExpr();
        while (isWord(peek(), "and")) {
            next();
            l = binary("and", std::move(l), notExpr(), begin);
        }
        return l;
    }
    ExprPtr notExpr()
    {
        const int begin = peek().begin;
        if (isWord(peek(), "not")) {
            const Nest nest(*this);
            next();
            auto e = std::make_unique<Expr>();
            e->kind = Expr::Kind::Unary;
            e->name = "not";
            e->op = Op::Not;
            e->args.push_back(notExpr());
            setText(*e, begin);
            return e;
        }
        return comparison();
    }
    ExprPtr comparison()
    {
        const int begin = peek().begin;
        ExprPtr l = additive();
        const Token &t = peek();
        bool negate = false;
        if (isWord(t, "not") && (isWord(peek(1), "like") || isWord(peek(1), "in"))) {
            next();
            negate = true;
        }
        const Token &op = peek();
        if (isWord(op, "like") || isOp(op, "=~")) {
            const bool isLike = isWord(op, "like");
            next();
            const Token &p = peek();
            auto e = std::make_unique<Expr>();
            e->negate = negate;
            if (p.type == Token::Type::Regex) {
                e->kind = Expr::Kind::Regex;
                e->regex = Regex::compile(p.text, col(p));
                e->pattern = p.text;
            } else if (p.type == Token::Type::String && isLike) {
                e->kind = Expr::Kind::Like;
                e->pattern = p.text;
            } else if (p.type == Token::Type::String) {
                e->kind = Expr::Kind::Regex;
                e->regex = Regex::compile(p.text, col(p));
                e->pattern = p.text;
            } else {
                throw QueryError(col(p),
                    std::string("expected a \"string\" or /regex/ after ") + (isLike ? "like" : "=~") + ", found "
                        + describe(p));
            }
            next();
            e->args.push_back(std::move(l));
            setText(*e, begin);
            return e;
        }
        if (isWord(op, "in")) {
            next();
            expectOp("[");
            auto e = std::make_unique<Expr>();
            e->kind = Expr::Kind::In;
            e->negate = negate;
            e->args.push_back(std::move(l));
            if (!isOp(peek(), "]")) {
                do {
                    e->args.push_back(additive());
                } while (isOp(peek(), ",") && (next(), true));
            }
            expectOp("]");
            setText(*e, begin);
            return e;
        }
        if (negate)
            throw QueryError(col(op), "expected like or in after not, found " + describe(op));
        static const char *cmp[] = { "==", "!=", "<>", "<=", ">=", "=", "<", ">" };
        for (const char *c : cmp) {
            if (isOp(op, c)) {
                next();
                std::string name = c;
                if (name == "==")
                    name = "=";
                if (name == "<>")
                    name = "!=";
                return binary(name, std::move(l), additive(), begin);
            }
        }
        return l;
    }
    ExprPtr additive()
    {
        const int begin = peek().begin;
        ExprPtr l = multiplicative();
        while (isOp(peek(), "+") || isOp(peek(), "-")) {
            const std::string op = next().text;
            l = binary(op, std::move(l), multiplicative(), begin);
        }
        return l;
    }
    ExprPtr multiplicative()
    {
        const int begin = peek().begin;
        ExprPtr l = power();
        while (isOp(peek(), "*") || isOp(peek(), "/") || isOp(peek(), "%")) {
            const std::string op = next().text;
            l = binary(op, std::move(l), power(), begin);
        }
        return l;
    }
    ExprPtr power()
    {
        const int begin = peek().begin;
        ExprPtr l = unary();
        if (isOp(peek(), "^")) {
            const Nest nest(*this);
            next();
            return binary("^", std::move(l), power(), begin);
        }
        return l;
    }
    ExprPtr unary()
    {
        const int begin = peek().begin;
        if (isOp(peek(), "-")) {
            const Nest nest(*this);
            next();
            auto e = std::make_unique<Expr>();
            e->kind = Expr::Kind::Unary;
            e->name = "-";
            e->op = Op::Neg;
            e->args.push_back(unary());
            setText(*e, begin);
            return e;
        }
        return primary();
    }
    ExprPtr primary()
    {
        const Token &t = peek();
        const int begin = t.begin;
        auto e = std::make_unique<Expr>();
        switch (t.type) {
        case Token::Type::Number:
            next();
            e->kind = Expr::Kind::Literal;
            e->literal = Value::number(t.number);
            break;
        case Token::Type::String:
            next();
            e->kind = Expr::Kind::Literal;
            e->literal = Value::string(t.text);
            break;
        case Token::Type::Period:
            next();
            e->kind = Expr::Kind::TimePeriod;
            e->periodCount = t.number;
            e->periodUnit = t.unit;
            e->periodMs = periodMs(t.number, t.unit, col(t));
            break;
        case Token::Type::Regex:
            next();
            e->kind = Expr::Kind::Regex;
            e->regex = Regex::compile(t.text, col(t));
            e->pattern = t.text;
            break;
        case Token::Type::QuotedIdent:
            next();
            e->kind = Expr::Kind::Field;
            e->name = t.text;
            break;
        case Token::Type::Ident: {
            const std::string l = lower(t.text);
            if (isOp(peek(1), "(")) {
                next();
                next();
                if (isCloudOnly(l))
                    throw QueryError(
                        col(t), t.text + "() is not available offline: it runs only in CloudWatch Logs Insights");
                e->function = findFunction(l);
                if (!e->function)
                    throw QueryError(col(t), "unknown function '" + t.text + "'");
                e->kind = Expr::Kind::Call;
                e->name = l;
                if (!isOp(peek(), ")")) {
                    do {
                        if (isOp(peek(), "*") && (isOp(peek(1), ")") || isOp(peek(1), ","))) {
                            auto star = std::make_unique<Expr>();
                            star->kind = Expr::Kind::Star;
                            star->text = "*";
                            star->column = col(peek());
                            next();
                            e->args.push_back(std::move(star));
                        } else {
                            e->args.push_back(expr());
                        }
                    } while (isOp(peek(), ",") && (next(), true));
                }
                expectOp(")");
                break;
            }
            if (l == "true" || l == "false") {
                next();
                e->kind = Expr::Kind::Literal;
                e->literal = Value::number(l == "true" ? 1 : 0);
                break;
            }
            if (l == "null") {
                next();
                e->kind = Expr::Kind::Literal;
                break;
            }
            if (keywords().count(l))
                throw QueryError(col(t), "expected a field, value or function, found the keyword '" + t.text + "'");
            next();
            e->kind = Expr::Kind::Field;
            e->name = t.text;
            break;
        }
        case Token::Type::Op:
            if (t.text == "(") {
                next();
                ExprPtr inner = expr();
                expectOp(")");
                setText(*inner, begin); // "(a + b)" keeps its parentheses in a column name
                return inner;
            }
            if (t.text == "[") {
                next();
                e->kind = Expr::Kind::List;
                if (!isOp(peek(), "]")) {
                    do {
                        e->args.push_back(expr());
                    } while (isOp(peek(), ",") && (next(), true));
                }
                expectOp("]");
                break;
            }
            [[fallthrough]];
        default:
            throw QueryError(col(t), "expected a field, value or function, found " + describe(t));
        }
        setText(*e, begin);
        return e;
    }

    const std::string &m_text;
    std::vector<Token> m_t;
    int m_nesting = 0;
    std::size_t m_pos = 0;
};

} // namespace

Query parse(const std::string &text)
{
    std::vector<Token> tokens;
    try {
        tokens = tokenize(text);
    } catch (const QueryError &) {
        // Cloud-only commands have syntax of their own (SOURCE logGroups(namePrefix: [...]));
        // name the command rather than the character that stopped the lexer.
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t b = start;
            while (b < text.size() && std::isspace(static_cast<unsigned char>(text[b])))
                ++b;
            std::size_t e = b;
            while (e < text.size() && std::isalpha(static_cast<unsigned char>(text[e])))
                ++e;
            const std::string word = lower(text.substr(b, e - b));
            if (!word.empty() && isCloudOnly(word))
                throw QueryError(int(b) + 1,
                    text.substr(b, e - b) + " is not available offline: it runs only in CloudWatch Logs Insights");
            const std::size_t pipe = text.find('|', e);
            if (pipe == std::string::npos)
                break;
            start = pipe + 1;
        }
        throw;
    }
    Parser p(text, std::move(tokens));
    return p.parseQuery();
}

Op opFromName(std::string_view name, bool unary)
{
    if (unary)
        return name == "not" ? Op::Not : name == "-" ? Op::Neg : Op::None;
    static const std::pair<std::string_view, Op> ops[] = { { "and", Op::And }, { "or", Op::Or }, { "=", Op::Eq },
        { "!=", Op::Ne }, { "<", Op::Lt }, { "<=", Op::Le }, { ">", Op::Gt }, { ">=", Op::Ge }, { "+", Op::Add },
        { "-", Op::Sub }, { "*", Op::Mul }, { "/", Op::Div }, { "%", Op::Mod }, { "^", Op::Pow } };
    for (const auto &[text, op] : ops)
        if (text == name)
            return op;
    return Op::None;
}

const std::vector<std::string> &commandNames()
{
    static const std::vector<std::string> c { "fields", "display", "filter", "stats", "sort", "limit", "parse", "dedup",
        "unnest" };
    return c;
}

const std::vector<std::string> &cloudOnlyNames()
{
    static const std::vector<std::string> c { "pattern", "diff", "anomaly", "SOURCE", "join", "filterIndex", "lookup",
        "unmask", "logcompare", "addtotals" };
    return c;
}

double binLimit(const std::string &unit)
{
    const PeriodUnit *u = periodUnit(unit);
    return u ? u->binLimit : 0;
}

bool isCloudOnly(const std::string &lowerName)
{
    return std::any_of(
        cloudOnlyNames().begin(), cloudOnlyNames().end(), [&](const std::string &c) { return lower(c) == lowerName; });
}

} // namespace coldscope::query
