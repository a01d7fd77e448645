// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"

#include <functional>

namespace coldscope {

// The sequential passes after parsing, in this order:
//  1. environments: events the input did not attach to a log stream are assigned to
//     inferred execution environments (a new one at each INIT_START / initStart;
//     START goes to a pending cold environment, else to an idle one);
//  2. functions per stream (stream name, platform.initStart, functionArn);
//  3. timestamps for events that carry none (START/END/REPORT in plain text logs):
//     END/REPORT take the last earlier time in their stream, the rest the next later;
//  4. invocations and INIT phases; 5. import runs, linked to their cold start.
// `alongside` (if any) runs on the calling thread while the import runs are derived on
// another: it may read anything but the runs and the phases' and invocations' importRun
// (which are written after both finish). The loader works out the summary there.
void deriveAll(LogData &data, const std::function<void()> &alongside = {});

} // namespace coldscope
