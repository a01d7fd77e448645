// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace coldscope::cli {

// An option that takes a value (--format json).
struct Option {
    std::string name;
    // What the handler reads when the option is not given; without one, the option is absent.
    std::optional<std::string> defaultValue;
    // Every occurrence is kept (report --query, diff --a/--b); other options may be given once.
    bool repeatable = false;
    bool required = false;
};

inline constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();

// The words that are not options, as the synopsis names them ("FILE", "FILE... QUERY"),
// so that the arity errors read like the synopsis.
struct Positionals {
    std::string names;
    std::size_t min = 0;
    std::size_t max = 0;
};

struct Args;
using Handler = std::function<int(const Args &)>;

// One entry of the command table (cli.cpp): what the parser checks and what --help,
// `help COMMAND`, --man and the usage errors print.
struct Command {
    std::string name;
    std::string synopsis;
    std::string help;
    std::vector<std::string> flags;
    std::vector<Option> options;
    Positionals positionals;
    // The handler needs a QGuiApplication, so it lives with Qt (app/render.cpp) and the
    // executable hands it to run(); this library declares the command without linking Qt.
    bool needsGui = false;
    Handler handler; // empty when needsGui
};

// A command's words after its name, checked against its table entry.
struct Args {
    const Command *command = nullptr;
    std::vector<std::string> positionals;
    std::set<std::string> flags;
    // Given options, and the defaults of the others; every value of a repeatable one.
    std::map<std::string, std::vector<std::string>> options;

    bool flag(const std::string &name) const { return flags.count(name) > 0; }
    bool has(const std::string &option) const { return options.count(option) > 0; }
    // The option's value ("" when absent); the last one of a repeatable option.
    const std::string &value(const std::string &option) const;
    const std::vector<std::string> &values(const std::string &option) const;
    // "coldscope COMMAND: problem" and the synopsis on stderr; returns 2, bad usage.
    int usageError(const std::string &problem) const;
};

int usageError(const Command &command, const std::string &problem);

// Reads `words` (what follows the command's name) by the command's entry: nullopt, with
// the problem in `error`, when they do not fit it.
std::optional<Args> parse(const Command &command, const std::vector<std::string> &words, std::string &error);

} // namespace coldscope::cli
