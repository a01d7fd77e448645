// SPDX-License-Identifier: MIT
// importtime runs rebuilt from any lines: every node is reached once from the roots,
// parents come before their children, and totals never overflow.
#include "importtree.h"
#include "textparse.h"

#include <cstdlib>
#include <string>
#include <vector>

using namespace coldscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    std::vector<ImportRec> recs;
    std::vector<std::uint32_t> lengths;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = text.size();
        ImportLine line;
        std::string_view problem;
        if (parseImportLine(text.substr(pos, nl - pos), line, problem)) {
            ImportRec r;
            r.selfUs = line.selfUs;
            r.cumulativeUs = line.cumulativeUs;
            r.level = std::int16_t(std::min(line.level, 32000));
            r.pad = std::int16_t(std::min(line.pad, 32000));
            r.cached = line.cached;
            recs.push_back(r);
            lengths.push_back(std::uint32_t(line.module.size()));
        }
        pos = nl + 1;
    }
    const ImportRun run = buildImportRun(recs, lengths);
    std::vector<int> seen(run.nodes.size(), 0);
    std::vector<std::uint32_t> todo(run.roots.begin(), run.roots.end());
    while (!todo.empty()) {
        const std::uint32_t n = todo.back();
        todo.pop_back();
        if (n >= run.nodes.size() || seen[n]++)
            std::abort(); // out of range, or reached twice
        for (auto c : run.nodes[n].children) {
            if (c <= n || run.nodes[c].parent != int(n))
                std::abort(); // children after their parent, and pointing back to it
            todo.push_back(c);
        }
    }
    for (int s : seen)
        if (s != 1)
            std::abort(); // a node no root reaches
    if (run.totalSelfUs < 0 || run.totalUs < 0)
        std::abort();
    return 0;
}
