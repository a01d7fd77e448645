// SPDX-License-Identifier: MIT
// Writes large, realistic Lambda cold-start logs for benchmarks, in each format
// coldscope reads. Deterministic: same arguments, same bytes.
//
//   genlog --format text|json|filter-log-events|tail --size-mb N [--seed S]
//          [--importtime FILE] [--importtime-every K] [--max-uses U] [--env-every MS] --out FILE
//
// --max-uses U: each environment serves 1..U invocations (default 20..219);
// --env-every MS: a new environment starts every MS ms on average (default 30000).
// Many short-lived environments (many log streams) at real concurrency:
//   genlog --format json --size-mb 330 --max-uses 23 --env-every 2000 --out many.log
//
// Shapes follow the shared fixtures (lambda/generated): one execution environment
// at a time (stream-contiguous, like a per-stream download), INIT_START, optional
// importtime table, invocations with START / app logs / END / REPORT, occasional
// errors and timeouts.
#include "rng.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using coldscope::bench::Rng;

namespace {

std::string uuid(Rng &r)
{
    static const char *hex = "0123456789abcdef";
    std::string u(36, '-');
    for (int i = 0; i < 36; ++i)
        if (i != 8 && i != 13 && i != 18 && i != 23)
            u[std::size_t(i)] = hex[r.below(16)];
    return u;
}

std::string iso(std::int64_t ms)
{
    const std::int64_t secs = ms / 1000;
    const int milli = int(ms % 1000);
    std::int64_t days = secs / 86400;
    const std::int64_t rem = secs % 86400;
    days += 719468;
    const std::int64_t era = days / 146097;
    const unsigned doe = unsigned(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = std::int64_t(yoe) + era * 400 + (m <= 2);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04" PRId64 "-%02u-%02uT%02d:%02d:%02d.%03dZ", y, m, d, int(rem / 3600),
        int(rem % 3600 / 60), int(rem % 60), milli);
    return buf;
}

std::string jsonEscape(const std::string &s)
{
    std::string o;
    o.reserve(s.size() + 8);
    for (char c : s) {
        switch (c) {
        case '"':
            o += "\\\"";
            break;
        case '\\':
            o += "\\\\";
            break;
        case '\n':
            o += "\\n";
            break;
        case '\t':
            o += "\\t";
            break;
        default:
            o += c;
        }
    }
    return o;
}

const char *kMessages[] = { "Processing order id=%d", "Fetched item from DynamoDB id=%d",
    "Calling downstream API id=%d", "Request complete id=%d", "Downstream API slow, retrying id=%d" };

struct Writer {
    std::string format;
    FILE *out;
    std::string stream;
    std::uint64_t bytes = 0;
    bool firstEvent = true;
    std::uint64_t eventId = 0;

    void text(std::int64_t t, const std::string &msg)
    {
        std::string line;
        if (format == "filter-log-events") {
            line = std::string(firstEvent ? "" : ",\n") + "        {\n            \"logStreamName\": \""
                + jsonEscape(stream) + "\",\n            \"timestamp\": " + std::to_string(t)
                + ",\n            \"message\": \"" + jsonEscape(msg + "\n") + "\",\n            \"ingestionTime\": "
                + std::to_string(t + 900) + ",\n            \"eventId\": \"" + std::to_string(t)
                + std::to_string(1000000000000000000ull + eventId++) + std::string(20, '0') + "\"\n        }";
            firstEvent = false;
        } else if (format == "tail") {
            line = iso(t);
            line.pop_back();
            line += "000+00:00 " + stream + " " + msg + "\n";
        } else {
            line = msg + "\n";
        }
        std::fwrite(line.data(), 1, line.size(), out);
        bytes += line.size();
    }
};

} // namespace

int main(int argc, char **argv)
{
    std::string format = "json", outPath, importPath;
    double sizeMb = 100;
    std::uint64_t seed = 1;
    int importEvery = 1;
    int maxUses = 0; // 0: 20 + below(200)
    std::int64_t envEvery = 30000;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--format")
            format = next();
        else if (a == "--size-mb")
            sizeMb = std::atof(next().c_str());
        else if (a == "--seed")
            seed = std::strtoull(next().c_str(), nullptr, 10);
        else if (a == "--out")
            outPath = next();
        else if (a == "--importtime")
            importPath = next();
        else if (a == "--importtime-every")
            importEvery = std::max(1, std::atoi(next().c_str()));
        else if (a == "--max-uses")
            maxUses = std::max(1, std::atoi(next().c_str()));
        else if (a == "--env-every")
            envEvery = std::max<std::int64_t>(1, std::atoll(next().c_str()));
        else {
            std::fprintf(stderr,
                "usage: genlog --format text|json|filter-log-events|tail --size-mb N [--seed S] "
                "[--importtime FILE] [--importtime-every K] [--max-uses U] [--env-every MS] --out FILE\n");
            return 2;
        }
    }
    if (outPath.empty()
        || (format != "text" && format != "json" && format != "filter-log-events" && format != "tail")) {
        std::fprintf(stderr, "genlog: --out and a valid --format are required\n");
        return 2;
    }
    std::vector<std::string> importLines;
    if (!importPath.empty()) {
        std::ifstream in(importPath);
        for (std::string l; std::getline(in, l);)
            if (l.rfind("import time:", 0) == 0 && l.find("self [us]") == std::string::npos)
                importLines.push_back(l);
    }
    FILE *out = std::fopen(outPath.c_str(), "wb");
    if (!out) {
        std::perror(outPath.c_str());
        return 2;
    }
    std::setvbuf(out, nullptr, _IOFBF, 1 << 20);
    Rng r { seed * 0x9E3779B97F4A7C15ull + 1 };
    Writer w { format, out, {} };
    if (format == "filter-log-events")
        std::fputs("{\n    \"events\": [\n", out);
    const std::uint64_t target = std::uint64_t(sizeMb * 1e6);
    std::int64_t t0 = 1717200000000; // 2024-06-01T00:00:00Z
    const bool json = format == "json";
    const std::string runtime = "python:3.12.v36";
    int env = 0;
    while (w.bytes < target) {
        char hex[33];
        for (int i = 0; i < 32; ++i)
            hex[i] = "0123456789abcdef"[r.below(16)];
        hex[32] = 0;
        w.stream = std::string("2024/06/01/[$LATEST]") + hex;
        std::int64_t t = t0 + r.below(600000);
        t0 += envEvery;
        const double init = 400 + r.uniform() * 1200;
        if (json)
            w.text(t,
                "{\"time\":\"" + iso(t)
                    + "\",\"type\":\"platform.initStart\",\"record\":{\"initializationType\":\"on-demand\",\"phase\":"
                      "\"init\",\"runtimeVersion\":\""
                    + runtime + "\",\"functionName\":\"orders-api\",\"functionVersion\":\"$LATEST\"}}");
        else
            w.text(t,
                "INIT_START Runtime Version: " + runtime
                    + "\tRuntime Version ARN: "
                      "arn:aws:lambda:us-east-1::runtime:"
                      "1e2feb89414c343c1027c4d1c386bbc4cd613e30d8f16adf91b7584a2265b1f5");
        if (!importLines.empty() && env % importEvery == 0) {
            w.text(t, "import time: self [us] | cumulative | imported package");
            for (const auto &l : importLines)
                w.text(t, l);
        }
        ++env;
        t += std::int64_t(init);
        if (json) {
            char buf[256];
            std::snprintf(buf, sizeof buf,
                "{\"time\":\"%s\",\"type\":\"platform.initRuntimeDone\",\"record\":{\"initializationType\":\"on-"
                "demand\",\"phase\":\"init\",\"status\":\"success\"}}",
                iso(t).c_str());
            w.text(t, buf);
            std::snprintf(buf, sizeof buf,
                "{\"time\":\"%s\",\"type\":\"platform.initReport\",\"record\":{\"initializationType\":\"on-demand\","
                "\"phase\":\"init\",\"status\":\"success\",\"metrics\":{\"durationMs\":%.2f}}}",
                iso(t).c_str(), init);
            w.text(t, buf);
        }
        const int uses = maxUses > 0 ? 1 + r.below(maxUses) : 20 + r.below(200);
        for (int u = 0; u < uses && w.bytes < target; ++u) {
            const std::string id = uuid(r);
            const bool cold = u == 0;
            const double roll = r.uniform();
            const bool timeout = roll < 0.005, error = !timeout && roll < 0.03;
            const double dur = timeout ? 30000.0 : 5 + r.uniform() * r.uniform() * 400;
            const int mem = 60 + r.below(180);
            if (json)
                w.text(t,
                    "{\"time\":\"" + iso(t) + "\",\"type\":\"platform.start\",\"record\":{\"requestId\":\"" + id
                        + "\",\"version\":\"$LATEST\"}}");
            else
                w.text(t, "START RequestId: " + id + " Version: $LATEST");
            const int logs = 1 + r.below(4);
            for (int k = 0; k < logs; ++k) {
                char msg[128];
                std::snprintf(msg, sizeof msg, kMessages[r.below(5)], r.below(100000));
                const std::int64_t lt = t + std::int64_t(dur * (k + 1) / (logs + 1));
                const char *lvl = r.below(5) == 4 ? "WARNING" : "INFO";
                if (json)
                    w.text(lt,
                        std::string("{\"timestamp\": \"") + iso(lt) + "\", \"level\": \"" + lvl + "\", \"message\": \""
                            + msg + "\", \"logger\": \"root\", \"requestId\": \"" + id + "\"}");
                else
                    w.text(lt, std::string("[") + lvl + "]\t" + iso(lt) + "\t" + id + "\t" + msg);
            }
            if (error) {
                if (json)
                    w.text(t + std::int64_t(dur),
                        "{\"timestamp\": \"" + iso(t + std::int64_t(dur))
                            + "\", \"level\": \"ERROR\", \"message\": \"Unhandled error while processing event\", "
                              "\"logger\": \"root\", \"stackTrace\": [\"  File \\\"/var/task/app.py\\\", line 36, in "
                              "lambda_handler\\n\"], \"errorType\": \"KeyError\", \"errorMessage\": \"'action'\", "
                              "\"requestId\": \""
                            + id + "\"}");
                else
                    w.text(t + std::int64_t(dur),
                        "[ERROR]\t" + iso(t + std::int64_t(dur)) + "\t" + id
                            + "\tUnhandled error while processing event\nTraceback (most recent call last):\n  File "
                              "\"/var/task/app.py\", line 36, in lambda_handler\n    result = "
                              "ACTIONS[event['action']](event['number'])");
            }
            if (timeout && !json)
                w.text(t + 30000, iso(t + 30000) + " " + id + " Task timed out after 30.00 seconds");
            const double billed = std::ceil(dur + (cold ? init : 0));
            const std::int64_t te = t + std::int64_t(dur);
            const char *status = timeout ? "timeout" : error ? "error" : "success";
            if (json) {
                char buf[512];
                std::snprintf(buf, sizeof buf,
                    "{\"time\":\"%s\",\"type\":\"platform.runtimeDone\",\"record\":{\"requestId\":\"%s\",\"status\":\"%"
                    "s\",\"metrics\":{\"durationMs\":%.2f,\"producedBytes\":%d}}}",
                    iso(te).c_str(), id.c_str(), status, dur, r.below(500));
                w.text(te, buf);
                if (cold)
                    std::snprintf(buf, sizeof buf,
                        "{\"time\":\"%s\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"%s\",\"metrics\":{"
                        "\"durationMs\":%.2f,\"billedDurationMs\":%.0f,\"memorySizeMB\":512,\"maxMemoryUsedMB\":%d,"
                        "\"initDurationMs\":%.2f},\"status\":\"%s\"}}",
                        iso(te).c_str(), id.c_str(), dur, billed, mem, init, status);
                else
                    std::snprintf(buf, sizeof buf,
                        "{\"time\":\"%s\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"%s\",\"metrics\":{"
                        "\"durationMs\":%.2f,\"billedDurationMs\":%.0f,\"memorySizeMB\":512,\"maxMemoryUsedMB\":%d},"
                        "\"status\":\"%s\"}}",
                        iso(te).c_str(), id.c_str(), dur, billed, mem, status);
                w.text(te, buf);
            } else {
                w.text(te, "END RequestId: " + id);
                char buf[512];
                std::snprintf(buf, sizeof buf,
                    "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %.0f ms\tMemory Size: 512 MB\tMax "
                    "Memory Used: %d MB\t",
                    id.c_str(), dur, billed, mem);
                std::string rep = buf;
                if (cold) {
                    std::snprintf(buf, sizeof buf, "Init Duration: %.2f ms\t", init);
                    rep += buf;
                }
                if (timeout)
                    rep += "Status: timeout";
                w.text(te, rep);
            }
            t = te + 20 + r.below(2000);
        }
    }
    if (format == "filter-log-events")
        std::fputs("\n    ],\n    \"searchedLogStreams\": []\n}\n", out);
    std::fclose(out);
    std::fprintf(stderr, "genlog: wrote %.1f MB of %s to %s\n", double(w.bytes) / 1e6, format.c_str(), outPath.c_str());
    return 0;
}
