// SPDX-License-Identifier: MIT
#include "importtree.h"

#include <algorithm>
#include <functional>

namespace coldscope {

namespace {

struct Built {
    std::vector<ImportNode> nodes; // creation (post-) order
    std::vector<std::uint32_t> roots;
    bool timeMode = false;
};

// Depth of a Python 3.14 "cached" line. Its name is right-aligned in a field of
// width 2*level, so the padding tells the level when the name is shorter than the
// field; otherwise take it as a child of the next timed line's parent-to-be.
int cachedLevel(const ImportRec &r, std::size_t nameLength, int nextTimedLevel)
{
    if (r.pad > 1)
        return int((std::size_t(r.pad - 1) + nameLength) / 2);
    const int guess = nextTimedLevel < 0 ? 1 : nextTimedLevel + 1;
    return std::max(0, std::min(guess, int(nameLength / 2)));
}

Built build(std::span<const ImportRec> recs, std::span<const std::uint32_t> events,
    const std::function<std::size_t(std::size_t)> &nameLength)
{
    Built b;
    const std::size_t n = recs.size();
    std::vector<int> levels(n, 0);
    int nextTimed = -1;
    for (std::size_t k = n; k-- > 0;) {
        if (recs[k].cached) {
            levels[k] = cachedLevel(recs[k], nameLength(k), nextTimed);
        } else {
            levels[k] = recs[k].level;
            nextTimed = recs[k].level;
        }
        levels[k] = std::min(levels[k], kMaxImportDepth);
    }
    // Indentation lost? Every line at level 0 although some import has children.
    bool timeMode = false;
    if (std::all_of(levels.begin(), levels.end(), [](int l) { return l == 0; })) {
        for (const auto &r : recs)
            if (!r.cached && r.cumulativeUs - r.selfUs > 2) {
                timeMode = true;
                break;
            }
    }

    struct Pending {
        std::uint32_t node;
        int level;
        int height; // levels below and including this node
    };
    std::vector<Pending> stack;
    b.timeMode = timeMode;
    b.nodes.reserve(n + 4);
    auto adopt = [&](std::uint32_t parent, std::vector<std::uint32_t> &popped) {
        std::reverse(popped.begin(), popped.end());
        for (std::uint32_t c : popped)
            b.nodes[c].parent = std::int32_t(parent);
        b.nodes[parent].children = std::move(popped);
    };
    // Indentation: the parent of a line is the nearest following line exactly one level
    // less indented; only when there is none, the nearest following line with less
    // indentation. In a clean post-order table both are the same line; they differ when
    // two processes wrote their tables into one stream (multiprocessing) and a line sits
    // two levels deeper than the line after it. This is tuna's rule (nschloe/tuna,
    // test_importprofile_multiprocessing, issue #53).
    std::vector<std::int32_t> parentOf;
    if (!timeMode) {
        parentOf.assign(n, -1);
        const int maxLevel = n == 0 ? 0 : *std::max_element(levels.begin(), levels.end());
        std::vector<std::int32_t> nearest(std::size_t(maxLevel) + 1, -1);
        for (std::size_t k = n; k-- > 0;) {
            const int level = levels[k];
            if (level > 0) {
                std::int32_t p = nearest[std::size_t(level - 1)];
                if (p < 0) // the nearest following line of any smaller indentation
                    for (int l = level - 2; l >= 0; --l)
                        if (nearest[std::size_t(l)] >= 0 && (p < 0 || nearest[std::size_t(l)] < p))
                            p = nearest[std::size_t(l)];
                parentOf[k] = p;
            }
            nearest[std::size_t(level)] = std::int32_t(k);
        }
    }
    for (std::size_t k = 0; k < n; ++k) {
        const ImportRec &r = recs[k];
        ImportNode node;
        node.module = r.module;
        node.selfUs = r.selfUs;
        node.cumulativeUs = r.cumulativeUs;
        node.cached = r.cached;
        node.event = events.empty() ? std::uint32_t(k) : events[k];
        const auto id = std::uint32_t(b.nodes.size());
        b.nodes.push_back(std::move(node));
        std::vector<std::uint32_t> popped;
        int height = 1;
        if (timeMode) {
            const std::int64_t target = r.cumulativeUs - r.selfUs;
            std::int64_t acc = 0;
            while (!stack.empty() && stack.back().height < kMaxImportDepth) {
                const std::int64_t tol = std::int64_t(popped.size()) + 1;
                if (target - acc <= tol)
                    break;
                const ImportNode &top = b.nodes[stack.back().node];
                if (acc + top.cumulativeUs > target + tol + 1)
                    break;
                acc += top.cumulativeUs;
                height = std::max(height, stack.back().height + 1);
                popped.push_back(stack.back().node);
                stack.pop_back();
            }
            adopt(id, popped);
            stack.push_back({ id, 0, height });
        } else if (parentOf[k] < 0) {
            stack.push_back({ id, levels[k], height }); // a root, or waits for a parent that never printed
        }
    }
    if (!timeMode) {
        // Nodes were created in file order, so node id == line index; children are
        // listed in file (= import) order.
        for (std::size_t k = 0; k < n; ++k)
            if (parentOf[k] >= 0) {
                b.nodes[k].parent = parentOf[k];
                b.nodes[std::size_t(parentOf[k])].children.push_back(std::uint32_t(k));
            }
    }
    // A table cut mid-import: finished children wait for parents that never printed.
    while (!stack.empty() && stack.back().level > 0) {
        const int level = stack.back().level - 1;
        ImportNode ph;
        ph.placeholder = true;
        ph.event = b.nodes.empty() ? 0 : b.nodes.back().event;
        const auto id = std::uint32_t(b.nodes.size());
        b.nodes.push_back(std::move(ph));
        std::vector<std::uint32_t> popped;
        while (!stack.empty() && stack.back().level > level) {
            popped.push_back(stack.back().node);
            stack.pop_back();
        }
        for (std::uint32_t c : popped)
            b.nodes[id].cumulativeUs += b.nodes[c].cumulativeUs;
        adopt(id, popped);
        stack.push_back({ id, level, 0 });
    }
    for (const auto &p : stack)
        b.roots.push_back(p.node);
    return b;
}

ImportRun finish(Built b)
{
    ImportRun run;
    run.depthFromTimes = b.timeMode;
    // Re-number in pre-order so that node order is import (start) order.
    std::vector<std::uint32_t> order;
    order.reserve(b.nodes.size());
    std::vector<std::uint32_t> todo(b.roots.rbegin(), b.roots.rend());
    while (!todo.empty()) {
        const std::uint32_t id = todo.back();
        todo.pop_back();
        order.push_back(id);
        const auto &ch = b.nodes[id].children;
        todo.insert(todo.end(), ch.rbegin(), ch.rend());
    }
    std::vector<std::uint32_t> newId(b.nodes.size(), 0);
    for (std::size_t i = 0; i < order.size(); ++i)
        newId[order[i]] = std::uint32_t(i);
    run.nodes.resize(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        ImportNode &dst = run.nodes[i];
        dst = std::move(b.nodes[order[i]]);
        if (dst.parent >= 0)
            dst.parent = std::int32_t(newId[std::size_t(dst.parent)]);
        for (auto &c : dst.children)
            c = newId[c];
    }
    for (auto r : b.roots)
        run.roots.push_back(newId[r]);
    // Depth, start offsets and totals in one pre-order sweep (parents come first).
    std::int64_t rootStart = 0;
    for (auto r : run.roots) {
        run.nodes[r].startUs = rootStart;
        rootStart += run.nodes[r].cumulativeUs;
        run.totalUs += run.nodes[r].cumulativeUs;
    }
    for (auto &node : run.nodes) {
        if (node.parent >= 0)
            node.depth = run.nodes[std::size_t(node.parent)].depth + 1;
        std::int64_t childStart = node.startUs;
        for (auto c : node.children) {
            run.nodes[c].startUs = childStart;
            childStart += run.nodes[c].cumulativeUs;
        }
        if (node.placeholder) {
            run.truncated = true;
            continue;
        }
        if (node.cached) {
            ++run.cachedLines;
        } else {
            ++run.imports;
            run.totalSelfUs += node.selfUs;
        }
        run.maxDepth = std::max(run.maxDepth, node.depth);
    }
    return run;
}

} // namespace

ImportRun buildImportRun(const EventStore &store, std::span<const std::uint32_t> lines)
{
    std::vector<ImportRec> recs;
    recs.reserve(lines.size());
    for (auto e : lines)
        recs.push_back(*store.importOf(e));
    return finish(build(recs, lines, [&](std::size_t k) { return store.modules.view(recs[k].module).size(); }));
}

ImportRun buildImportRun(std::span<const ImportRec> records, std::span<const std::uint32_t> moduleLengths)
{
    return finish(build(
        records, {}, [&](std::size_t k) -> std::size_t { return k < moduleLengths.size() ? moduleLengths[k] : 0; }));
}

} // namespace coldscope
