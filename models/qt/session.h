// SPDX-License-Identifier: MIT
#pragma once

#include "types.h"

#include <QString>

#include <map>
#include <string>
#include <vector>

namespace coldscope {

// A saved piece of work (.coldscope, JSON): the open files (with size and a hash so a
// changed file is noticed), the selection, zoom, time range, query, pinned queries
// and notes. Versioned; saved atomically.
struct Session {
    static constexpr int kVersion = 1;
    int version = kVersion;

    struct File {
        std::string path;
        std::string role = "main"; // main, a, b
        std::int64_t size = -1;
        std::string hash; // sha256 of the first and last MiB and the size (fast on huge logs)
        bool operator==(const File &) const = default;
    };
    std::vector<File> files;
    int run = 0;
    std::string selectedModule;
    std::vector<std::string> zoomPath; // icicle zoom, outermost first
    TimeMs rangeFrom = kNoTime, rangeTo = kNoTime;
    std::string query;
    std::vector<std::string> pinnedQueries;
    std::map<std::string, std::string> moduleNotes; // module -> note
    std::map<std::string, std::string> invocationNotes; // request id -> note
    std::string tab;

    bool operator==(const Session &) const = default;
};

struct SessionLoad {
    Session session;
    std::vector<std::string> warnings; // what could not be restored, and why
    std::string error; // nothing could be read
    bool ok() const { return error.empty(); }
};

// Fingerprint of a file as stored in sessions; empty when unreadable.
std::string fileFingerprint(const QString &path, std::int64_t *size = nullptr);

std::string sessionToJson(const Session &s);
SessionLoad sessionFromJson(const std::string &text);
// Writes atomically (QSaveFile): the old session stays intact if writing fails.
bool saveSession(const Session &s, const QString &path, QString *error = nullptr);
// Reads a session and checks its files (missing, or changed since it was saved).
SessionLoad loadSession(const QString &path);

} // namespace coldscope
