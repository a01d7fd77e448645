// SPDX-License-Identifier: MIT
#pragma once

// Runs the user's AWS CLI (`aws` found on PATH, as a shell would) and collects what it
// prints. The child inherits the environment, so the AWS CLI finds the user's profiles,
// SSO cache and credentials itself; coldscope passes only arguments (never credentials)
// and never writes the command's output or environment anywhere. The child runs in a
// process group of its own: a cancel or a timeout ends it and anything it started.
#include <atomic>
#include <chrono>
#include <string>
#include <vector>

namespace coldscope::cloud {

struct AwsOutput {
    int exitCode = -1;
    std::string out;
    std::string err;
    bool notFound = false; // the executable is not on PATH
    bool cancelled = false;
    bool timedOut = false;
    bool ok() const { return !notFound && !cancelled && !timedOut && exitCode == 0; }
};

class AwsRunner
{
public:
    virtual ~AwsRunner() = default;
    // `args` without the executable. Blocks until the command ends, `cancel` becomes
    // true, or the timeout passes.
    virtual AwsOutput run(const std::vector<std::string> &args, const std::atomic<bool> *cancel) = 0;
};

class ProcessAwsRunner : public AwsRunner
{
public:
    explicit ProcessAwsRunner(
        std::string executable = "aws", std::chrono::milliseconds timeout = std::chrono::minutes(5))
        : m_executable(std::move(executable))
        , m_timeout(timeout)
    {
    }
    AwsOutput run(const std::vector<std::string> &args, const std::atomic<bool> *cancel) override;

private:
    std::string m_executable;
    std::chrono::milliseconds m_timeout;
};

} // namespace coldscope::cloud
