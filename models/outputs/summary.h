// SPDX-License-Identifier: MIT
#pragma once

// The CLI's JSON documents for summary and tree (contracts: keys in this order).

#include "stats.h"

#include <nlohmann/json.hpp>

namespace coldscope {

// The CLI's JSON contracts (issue #2), keys in the documented order.
// `keep` narrows the invocation figures (e.g. to one function); the imports stay the file's.
nlohmann::ordered_json summaryJson(const LogData &d, const std::function<bool(const Invocation &)> &keep = {});
nlohmann::ordered_json distributionJson(const Distribution &dist);
nlohmann::ordered_json treeJson(const LogData &d);
nlohmann::ordered_json runJson(const LogData &d, const ImportRun &run);

} // namespace coldscope
