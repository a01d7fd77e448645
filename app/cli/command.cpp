// SPDX-License-Identifier: MIT
#include "command.h"

#include <algorithm>
#include <iostream>

namespace coldscope::cli {

const std::string &Args::value(const std::string &option) const
{
    static const std::string none;
    const auto it = options.find(option);
    return it == options.end() || it->second.empty() ? none : it->second.back();
}

const std::vector<std::string> &Args::values(const std::string &option) const
{
    static const std::vector<std::string> none;
    const auto it = options.find(option);
    return it == options.end() ? none : it->second;
}

int Args::usageError(const std::string &problem) const
{
    return cli::usageError(*command, problem);
}

int usageError(const Command &command, const std::string &problem)
{
    std::cerr << "coldscope " << command.name << ": " << problem << "\nUsage: " << command.synopsis << '\n';
    return 2;
}

std::optional<Args> parse(const Command &command, const std::vector<std::string> &words, std::string &error)
{
    Args a;
    a.command = &command;
    const auto isFlag = [&](const std::string &w) {
        return std::find(command.flags.begin(), command.flags.end(), w) != command.flags.end();
    };
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string &w = words[i];
        if (w.rfind("--", 0) != 0) {
            a.positionals.push_back(w);
            continue;
        }
        if (isFlag(w)) {
            a.flags.insert(w);
            continue;
        }
        const auto opt = std::find_if(
            command.options.begin(), command.options.end(), [&](const Option &o) { return o.name == w; });
        if (opt == command.options.end()) {
            error = "unknown option " + w;
            return std::nullopt;
        }
        if (i + 1 >= words.size()) {
            error = w + " needs a value";
            return std::nullopt;
        }
        std::vector<std::string> &values = a.options[w];
        if (!values.empty() && !opt->repeatable) {
            error = w + " given twice";
            return std::nullopt;
        }
        values.push_back(words[++i]);
    }
    const Positionals &p = command.positionals;
    if (a.positionals.size() < p.min) {
        error = a.positionals.empty() ? "missing " + p.names : "too few arguments (expected " + p.names + ")";
        return std::nullopt;
    }
    if (a.positionals.size() > p.max) {
        error = "unexpected argument " + a.positionals[p.max] + " (expected " + p.names + ")";
        return std::nullopt;
    }
    for (const Option &o : command.options) {
        if (a.options.count(o.name))
            continue;
        if (o.required) {
            error = "missing " + o.name;
            return std::nullopt;
        }
        if (o.defaultValue)
            a.options[o.name] = { *o.defaultValue };
    }
    return a;
}

} // namespace coldscope::cli
