// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"

#include <span>

namespace coldscope {

// Deeper nesting is folded at this depth (CPython's recursion limit is 1000; real
// import chains are a few dozen deep) so that no crafted input makes views recurse.
inline constexpr int kMaxImportDepth = 500;

// Rebuilds the import tree of one importtime table.
//
// CPython prints a line when an import *finishes*, so the file is in post-order
// (children before their parent) and nesting is only in the indentation: 2 spaces
// per level after "| ". A line is the parent of the lines just before it that are
// indented deeper. Where the indentation was lost (a table copied from the
// CloudWatch console collapses runs of spaces), nesting is rebuilt from the times:
// a parent's cumulative minus its self time is the sum of its children's cumulative,
// within the rounding of each line. A table cut mid-import (INIT timeout) leaves
// finished children without their parent; they are kept under placeholder nodes.
//
// `lines` are event indices of ImportLine events of `store`, in file order.
ImportRun buildImportRun(const EventStore &store, std::span<const std::uint32_t> lines);

// Same, straight from parsed records (tests and benchmarks).
ImportRun buildImportRun(std::span<const ImportRec> records, std::span<const std::uint32_t> moduleLengths = {});

} // namespace coldscope
