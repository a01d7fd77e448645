// SPDX-License-Identifier: MIT
#include "cli.h"

#include <string>
#include <vector>

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (coldscope::cli::isCommand(args))
        return coldscope::cli::run(args);
    return 0;
}
