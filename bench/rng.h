// SPDX-License-Identifier: MIT
#pragma once

// The benchmarks' random numbers: xorshift64, reproducible from a seed on every platform
// (std's distributions are not), so a seed names the same generated log everywhere.

#include <cstdint>

namespace coldscope::bench {

struct Rng {
    std::uint64_t s = 0x9E3779B97F4A7C15ull; // never 0: xorshift would stay at 0
    std::uint64_t next()
    {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
    double uniform() { return double(next() >> 11) / double(1ull << 53); }
    int below(int n) { return int(next() % std::uint64_t(n)); }
};

} // namespace coldscope::bench
