// SPDX-License-Identifier: MIT
#include "session.h"
#include "jsontext.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>

namespace coldscope {

std::string fileFingerprint(const QString &path, std::int64_t *size)
{
    if (!QFileInfo(path).isFile())
        return {}; // a FIFO or a device would block the read (or never end)
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const qint64 n = f.size();
    if (size)
        *size = n;
    constexpr qint64 kChunk = 1 << 20;
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(f.read(kChunk));
    if (n > 2 * kChunk) {
        f.seek(n - kChunk);
        h.addData(f.read(kChunk));
    } else if (n > kChunk) {
        h.addData(f.readAll());
    }
    const QByteArray sz = QByteArray::number(n);
    h.addData(sz);
    return h.result().toHex().toStdString();
}

std::string sessionToJson(const Session &s)
{
    nlohmann::ordered_json j;
    j["format"] = "coldscope-session";
    j["version"] = s.version;
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const auto &f : s.files)
        files.push_back({ { "path", f.path }, { "role", f.role }, { "size", f.size }, { "hash", f.hash } });
    j["files"] = std::move(files);
    j["tab"] = s.tab;
    j["run"] = s.run;
    j["selected_module"] = s.selectedModule;
    j["zoom_path"] = s.zoomPath;
    j["time_range"]
        = { { "from", s.rangeFrom == kNoTime ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.rangeFrom) },
              { "to", s.rangeTo == kNoTime ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.rangeTo) } };
    j["query"] = s.query;
    j["pinned_queries"] = s.pinnedQueries;
    j["notes"] = { { "modules", s.moduleNotes }, { "invocations", s.invocationNotes } };
    return jsonText(j, 2) + "\n";
}

namespace {

// A whole number in [lo, hi] from a session field; anything else (a string, 1e30, 2.5)
// is an error the caller reports, never a conversion out of range.
template <typename T> T integer(const nlohmann::json &v, T lo, T hi)
{
    if (v.is_number_integer()) {
        if (v.is_number_unsigned()) {
            const auto u = v.get<std::uint64_t>();
            if (u <= std::uint64_t(hi) && (lo <= 0 || u >= std::uint64_t(lo)))
                return T(u);
        } else {
            const auto i = v.get<std::int64_t>();
            if (i >= std::int64_t(lo) && i <= std::int64_t(hi))
                return T(i);
        }
    }
    throw std::out_of_range(
        "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", found " + v.dump());
}

} // namespace

SessionLoad sessionFromJson(const std::string &text)
{
    SessionLoad out;
    if (!jsonDepthWithin(text, kMaxJsonDepth)) {
        out.error = "not a coldscope session: the JSON is nested too deeply";
        return out;
    }
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        out.error = "not a coldscope session: the file is not valid JSON (damaged?)";
        return out;
    }
    const auto format = j.find("format");
    if (format == j.end() || !format->is_string() || format->get<std::string>() != "coldscope-session") {
        out.error = "not a coldscope session (no \"format\": \"coldscope-session\")";
        return out;
    }
    Session &s = out.session;
    const auto version = j.find("version");
    try {
        s.version = version == j.end() ? 0 : integer<int>(*version, 0, 1000000);
    } catch (const std::exception &e) {
        out.error = std::string("not a coldscope session: \"version\" ") + e.what();
        return out;
    }
    if (s.version > Session::kVersion)
        out.warnings.push_back("this session was saved by a newer coldscope (version " + std::to_string(s.version)
            + "); opening what this version understands");
    // Read field by field: a damaged or unexpected field is reported and skipped.
    auto field = [&](const char *name, auto &&read) {
        if (!j.contains(name))
            return;
        try {
            read(j.at(name));
        } catch (const std::exception &e) {
            out.warnings.push_back(std::string("ignored the session's \"") + name + "\": " + e.what());
        }
    };
    field("files", [&](const nlohmann::json &v) {
        for (const auto &f : v) {
            Session::File file;
            file.path = f.at("path").get<std::string>();
            file.role = f.value("role", std::string("main"));
            file.size = f.contains("size") ? integer<std::int64_t>(f.at("size"), -1, INT64_MAX) : -1;
            file.hash = f.value("hash", std::string());
            s.files.push_back(std::move(file));
        }
    });
    field("tab", [&](const nlohmann::json &v) { s.tab = v.get<std::string>(); });
    field("run", [&](const nlohmann::json &v) { s.run = integer<int>(v, 0, 1 << 30); });
    field("selected_module", [&](const nlohmann::json &v) { s.selectedModule = v.get<std::string>(); });
    field("zoom_path", [&](const nlohmann::json &v) { s.zoomPath = v.get<std::vector<std::string>>(); });
    field("time_range", [&](const nlohmann::json &v) {
        // Years 1 to 9999 in ms: what a time can be.
        constexpr TimeMs kMin = -62135596800000, kMax = 253402300799999;
        s.rangeFrom = v.at("from").is_null() ? kNoTime : integer<TimeMs>(v.at("from"), kMin, kMax);
        s.rangeTo = v.at("to").is_null() ? kNoTime : integer<TimeMs>(v.at("to"), kMin, kMax);
    });
    field("query", [&](const nlohmann::json &v) { s.query = v.get<std::string>(); });
    field("pinned_queries", [&](const nlohmann::json &v) { s.pinnedQueries = v.get<std::vector<std::string>>(); });
    field("notes", [&](const nlohmann::json &v) {
        if (v.contains("modules"))
            s.moduleNotes = v.at("modules").get<std::map<std::string, std::string>>();
        if (v.contains("invocations"))
            s.invocationNotes = v.at("invocations").get<std::map<std::string, std::string>>();
    });
    return out;
}

bool saveSession(const Session &s, const QString &path, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error)
            *error = f.errorString();
        return false;
    }
    const std::string text = sessionToJson(s);
    f.write(text.data(), qint64(text.size()));
    if (!f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

SessionLoad loadSession(const QString &path)
{
    if (QFileInfo(path).exists() && !QFileInfo(path).isFile()) {
        SessionLoad out;
        out.error = path.toStdString() + ": not a regular file";
        return out;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        SessionLoad out;
        out.error = path.toStdString() + ": " + f.errorString().toStdString();
        return out;
    }
    SessionLoad out = sessionFromJson(f.readAll().toStdString());
    if (!out.ok()) {
        out.error = path.toStdString() + ": " + out.error;
        return out;
    }
    // Relative paths are relative to the session file.
    const QFileInfo self(path);
    for (auto &file : out.session.files) {
        QFileInfo fi(QString::fromStdString(file.path));
        if (fi.isRelative())
            fi = QFileInfo(self.dir(), QString::fromStdString(file.path));
        file.path = fi.filePath().toStdString();
        if (!fi.exists()) {
            out.warnings.push_back(file.path + ": missing (moved or deleted since the session was saved)");
            continue;
        }
        std::int64_t size = -1;
        const std::string hash = fileFingerprint(fi.filePath(), &size);
        if ((file.size >= 0 && size != file.size) || (!file.hash.empty() && hash != file.hash))
            out.warnings.push_back(file.path
                + ": changed since the session was saved (size or content differs); "
                  "selections and notes may not match any more");
    }
    return out;
}

} // namespace coldscope
