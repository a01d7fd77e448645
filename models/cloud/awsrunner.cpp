// SPDX-License-Identifier: MIT
#include "awsrunner.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace coldscope::cloud {

namespace {

struct Pipe {
    int fd[2] = { -1, -1 };
    ~Pipe()
    {
        for (int f : fd)
            if (f >= 0)
                ::close(f);
    }
    void closeEnd(int i)
    {
        if (fd[i] >= 0)
            ::close(fd[i]);
        fd[i] = -1;
    }
};

// Waits for the child, ending its process group first when asked to.
int reap(pid_t pid, bool kill)
{
    int status = 0;
    if (kill) {
        ::kill(-pid, SIGTERM);
        for (int i = 0; i < 40; ++i) {
            const pid_t r = ::waitpid(pid, &status, WNOHANG);
            if (r == pid || (r < 0 && errno != EINTR))
                break;
            ::usleep(50'000);
        }
        ::kill(-pid, SIGKILL);
    }
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

} // namespace

AwsOutput ProcessAwsRunner::run(const std::vector<std::string> &args, const std::atomic<bool> *cancel)
{
    AwsOutput o;
    Pipe out, err;
    if (::pipe2(out.fd, O_CLOEXEC) != 0 || ::pipe2(err.fd, O_CLOEXEC) != 0) {
        o.err = std::string("cannot create a pipe: ") + std::strerror(errno);
        return o;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.fd[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err.fd[1], 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setpgroup(&attr, 0);
    // The child starts with default signal handling, whatever this process set up.
    sigset_t def;
    sigemptyset(&def);
    sigaddset(&def, SIGINT);
    sigaddset(&def, SIGTERM);
    sigaddset(&def, SIGPIPE);
    posix_spawnattr_setsigdefault(&attr, &def);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

    std::vector<std::string> argvStrings;
    argvStrings.push_back(m_executable);
    argvStrings.insert(argvStrings.end(), args.begin(), args.end());
    std::vector<char *> argv;
    for (auto &s : argvStrings)
        argv.push_back(s.data());
    argv.push_back(nullptr);

    // The user's environment (profiles, SSO cache, proxies), with AWS CLI v2's pager off:
    // its output goes to this process, never to `less`.
    std::vector<std::string> envStrings;
    for (char **e = environ; e && *e; ++e)
        if (std::strncmp(*e, "AWS_PAGER=", 10) != 0)
            envStrings.emplace_back(*e);
    envStrings.emplace_back("AWS_PAGER=");
    std::vector<char *> envp;
    for (auto &s : envStrings)
        envp.push_back(s.data());
    envp.push_back(nullptr);

    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, m_executable.c_str(), &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        o.notFound = rc == ENOENT || rc == EACCES || rc == ENOTDIR;
        o.err = m_executable + ": " + std::strerror(rc);
        return o;
    }
    out.closeEnd(1);
    err.closeEnd(1);

    const auto deadline = std::chrono::steady_clock::now() + m_timeout;
    bool kill = false;
    char buf[65536];
    while (out.fd[0] >= 0 || err.fd[0] >= 0) {
        if (cancel && cancel->load()) {
            o.cancelled = kill = true;
            break;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            o.timedOut = kill = true;
            break;
        }
        pollfd fds[2];
        nfds_t n = 0;
        Pipe *owners[2];
        for (Pipe *p : { &out, &err }) {
            if (p->fd[0] >= 0) {
                fds[n] = { p->fd[0], POLLIN, 0 };
                owners[n++] = p;
            }
        }
        const int ready = ::poll(fds, n, 100);
        if (ready < 0 && errno != EINTR)
            break;
        for (nfds_t i = 0; ready > 0 && i < n; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
            if (got > 0)
                (owners[i] == &out ? o.out : o.err).append(buf, std::size_t(got));
            else if (got == 0 || errno != EINTR)
                owners[i]->closeEnd(0);
        }
    }
    o.exitCode = reap(pid, kill);
    return o;
}

} // namespace coldscope::cloud
