// SPDX-License-Identifier: MIT
#pragma once

#include "command.h"

// The CloudWatch commands (models/cloud through the user's AWS CLI): `query --log-group`
// and `fetch`. Exit codes: 0 ok, 2 an error (the AWS CLI's words and what to do on
// stderr) or bad usage, 130 cancelled with Ctrl+C.
namespace coldscope::cli {

int cloudQueryCommand(const Args &a);
int fetchCommand(const Args &a);

} // namespace coldscope::cli
