// SPDX-License-Identifier: MIT
// The headless commands built from coldscope_cli alone: tests/layers_test.sh checks
// that this links no Qt library and answers like the coldscope executable.
#include "cli.h"

#include <string>
#include <vector>

int main(int argc, char **argv)
{
    return coldscope::cli::run(std::vector<std::string>(argv + 1, argv + argc));
}
