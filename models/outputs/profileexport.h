// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"

#include <nlohmann/json.hpp>

namespace coldscope {

// An import run in formats other tools open, so the profile can be shared with
// someone who does not have coldscope.
//
// speedscope (https://www.speedscope.app/file-format-schema.json): an "evented"
// profile in microseconds; each import opens at its start and closes at start +
// cumulative, children laid out from their parent's start (self time last).
nlohmann::ordered_json speedscopeJson(const LogData &d, const ImportRun &run, const std::string &name);

// Chrome trace event format ("X" complete events, ts/dur in µs), which Perfetto and
// chrome://tracing open.
nlohmann::ordered_json chromeTraceJson(const LogData &d, const ImportRun &run, const std::string &name);

} // namespace coldscope
