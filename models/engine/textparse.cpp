// SPDX-License-Identifier: MIT
#include "textparse.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace coldscope {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isSpace(char c)
{
    return isAsciiSpace(c);
}

// Reads exactly n digits at s[pos].
[[gnu::always_inline]] inline bool digits(std::string_view s, std::size_t pos, std::size_t n, int &out)
{
    if (pos + n > s.size())
        return false;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = s[pos + i];
        if (!isDigit(c))
            return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

std::string_view skipSpaces(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
        ++i;
    return s.substr(i);
}

// Token up to the next space or tab.
std::string_view token(std::string_view s)
{
    std::size_t i = 0;
#ifdef __SSE2__
    for (; i + 16 <= s.size(); i += 16) { // request ids and the like: 16 bytes at a time
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s.data() + i));
        const __m128i space
            = _mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(c, _mm_set1_epi8('\t')));
        const __m128i brk
            = _mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(c, _mm_set1_epi8('\r')));
        if (const int stop = _mm_movemask_epi8(_mm_or_si128(space, brk)); stop != 0)
            return s.substr(0, i + std::size_t(__builtin_ctz(unsigned(stop))));
    }
#endif
    while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
        ++i;
    return s.substr(0, i);
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'a' && x <= 'z')
            x = char(x - 32);
        if (y >= 'a' && y <= 'z')
            y = char(y - 32);
        if (x != y)
            return false;
    }
    return true;
}

// The "Key: value" vocabulary of Lambda's platform lines. Fields are separated by
// TABs in real events but by single or double spaces in the documentation, so the
// scanner looks for known keys at word starts instead of splitting on separators.
enum class Key : std::uint8_t {
    BilledRestoreDuration,
    BilledDuration,
    InitDuration,
    RestoreDuration,
    MaxMemoryUsed,
    MemorySize,
    Duration,
    Status,
    ErrorType,
    Phase,
    XrayTraceId,
    SegmentId,
    Sampled,
    RequestId,
    RuntimeVersionArn,
    RuntimeVersion,
    Version,
};

struct KeyName {
    std::string_view text;
    Key key;
};

// Longer keys first where one is a prefix of another.
constexpr std::array<KeyName, 17> kKeys { {
    { "Billed Restore Duration", Key::BilledRestoreDuration },
    { "Billed Duration", Key::BilledDuration },
    { "Init Duration", Key::InitDuration },
    { "Restore Duration", Key::RestoreDuration },
    { "Max Memory Used", Key::MaxMemoryUsed },
    { "Memory Size", Key::MemorySize },
    { "Duration", Key::Duration },
    { "Status", Key::Status },
    { "Error Type", Key::ErrorType },
    { "Phase", Key::Phase },
    { "XRAY TraceId", Key::XrayTraceId },
    { "SegmentId", Key::SegmentId },
    { "Sampled", Key::Sampled },
    { "RequestId", Key::RequestId },
    { "Runtime Version ARN", Key::RuntimeVersionArn },
    { "Runtime Version", Key::RuntimeVersion },
    { "Version", Key::Version },
} };

// The keys by their first byte, each byte's in kKeys' order (so a longer key is still
// tried before its prefix): a word start looks only at the keys it can begin, and most
// (numbers, units, ids) at none.
struct KeysByFirst {
    std::array<std::uint8_t, kKeys.size()> order {}; // indexes into kKeys
    std::array<std::uint8_t, 257> from {}; // byte c's keys: order[from[c]] up to order[from[c + 1]]
};
constexpr KeysByFirst keysByFirst()
{
    KeysByFirst t;
    std::size_t n = 0;
    for (std::size_t c = 0; c < 256; ++c) {
        t.from[c] = std::uint8_t(n);
        for (std::size_t k = 0; k < kKeys.size(); ++k)
            if (static_cast<unsigned char>(kKeys[k].text[0]) == c)
                t.order[n++] = std::uint8_t(k);
    }
    t.from[256] = std::uint8_t(n);
    return t;
}
constexpr KeysByFirst kKeysByFirst = keysByFirst();

// The first space (isSpace) at or after `from`, or s.size().
std::size_t nextSpace(std::string_view s, std::size_t from)
{
    std::size_t i = from;
#ifdef __SSE2__
    for (; i + 16 <= s.size(); i += 16) { // '\t' to '\r' are 9 to 13
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s.data() + i));
        const __m128i control
            = _mm_and_si128(_mm_cmpgt_epi8(c, _mm_set1_epi8('\t' - 1)), _mm_cmplt_epi8(c, _mm_set1_epi8('\r' + 1)));
        if (const int at = _mm_movemask_epi8(_mm_or_si128(control, _mm_cmpeq_epi8(c, _mm_set1_epi8(' ')))); at != 0)
            return i + std::size_t(__builtin_ctz(unsigned(at)));
    }
#endif
    while (i < s.size() && !isSpace(s[i]))
        ++i;
    return i;
}

template <typename F> void scanKeyValues(std::string_view s, F &&onField)
{
    struct Match {
        std::size_t at;
        std::size_t valueAt;
        Key key;
    };
    std::array<Match, 24> matches {};
    std::size_t count = 0;
    std::size_t i = 0;
    bool wordStart = true; // i == 0, or s[i - 1] is a space
    while (i < s.size() && count < matches.size()) {
        const auto first = static_cast<unsigned char>(s[i]);
        if (wordStart && kKeysByFirst.from[first] != kKeysByFirst.from[first + 1]) {
            bool found = false;
            for (std::size_t at = kKeysByFirst.from[first]; at < kKeysByFirst.from[first + 1]; ++at) {
                const KeyName &k = kKeys[kKeysByFirst.order[at]];
                if (s.size() - i > k.text.size() && s.compare(i, k.text.size(), k.text) == 0
                    && s[i + k.text.size()] == ':') {
                    std::size_t v = i + k.text.size() + 1;
                    while (v < s.size() && (s[v] == ' ' || s[v] == '\t'))
                        ++v;
                    matches[count++] = { i, v, k.key };
                    i = v;
                    wordStart = isSpace(s[v - 1]);
                    found = true;
                    break;
                }
            }
            if (found)
                continue;
        }
        // The next word starts after the next space (which may be s[i] itself).
        i = nextSpace(s, i) + 1;
        wordStart = true;
    }
    for (std::size_t m = 0; m < count; ++m) {
        const std::size_t end = m + 1 < count ? matches[m + 1].at : s.size();
        onField(matches[m].key, trim(s.substr(matches[m].valueAt, end - matches[m].valueAt)));
    }
}

double leadingNumber(std::string_view v)
{
    auto d = parseDouble(token(v));
    return d ? *d : kNaN;
}

void readPlatformFields(std::string_view message, TextFields &f)
{
    scanKeyValues(message, [&](Key key, std::string_view value) {
        switch (key) {
        case Key::RequestId:
            f.requestId = token(value);
            break;
        case Key::Duration:
            f.durationMs = saneFigure(leadingNumber(value), kMaxDurationMs);
            break;
        case Key::BilledDuration:
            f.billedDurationMs = saneFigure(leadingNumber(value), kMaxDurationMs);
            break;
        case Key::InitDuration:
            f.initDurationMs = saneFigure(leadingNumber(value), kMaxDurationMs);
            break;
        case Key::RestoreDuration:
            f.restoreDurationMs = saneFigure(leadingNumber(value), kMaxDurationMs);
            break;
        case Key::BilledRestoreDuration:
            break;
        case Key::MemorySize: {
            const double d = saneFigure(leadingNumber(value), kMaxMemoryMB);
            if (!std::isnan(d))
                f.memorySizeMB = std::int32_t(d);
            break;
        }
        case Key::MaxMemoryUsed: {
            const double d = saneFigure(leadingNumber(value), kMaxMemoryMB);
            if (!std::isnan(d))
                f.maxMemoryUsedMB = std::int32_t(d);
            break;
        }
        case Key::Status:
            f.status = parseStatus(token(value));
            break;
        case Key::ErrorType:
            f.errorType = token(value);
            break;
        case Key::Phase:
            f.phase = token(value);
            break;
        case Key::XrayTraceId:
            f.xrayTraceId = token(value);
            break;
        case Key::SegmentId:
            f.xraySegmentId = token(value);
            break;
        case Key::RuntimeVersion:
            f.runtimeVersion = token(value);
            break;
        case Key::Sampled:
        case Key::RuntimeVersionArn:
        case Key::Version:
            break;
        }
    });
}

// "[INFO]\t2024-06-01T00:00:00.653Z\t<request id>\tmessage" (Python runtime) and
// "[ERROR] Runtime.ImportModuleError: ..." (unhandled errors in text mode).
bool readPythonPrefix(std::string_view line, TextFields &f)
{
    const std::size_t close = line.find(']');
    if (line.empty() || line[0] != '[' || close == std::string_view::npos || close > 12)
        return false;
    const Level lvl = parseLevel(line.substr(1, close - 1));
    if (lvl == Level::None)
        return false;
    if (close + 1 < line.size() && line[close + 1] != '\t' && line[close + 1] != ' ')
        return false;
    f.kind = EventKind::AppLog;
    f.level = lvl;
    std::string_view rest = skipSpaces(line.substr(close + 1));
    if (auto t = parseTimestamp(rest)) {
        f.time = t->ms;
        rest = skipSpaces(rest.substr(t->length));
        const std::string_view id = token(rest);
        if (looksLikeRequestId(id)) {
            f.requestId = id;
            rest = skipSpaces(rest.substr(id.size()));
        }
    }
    f.body = rest;
    return true;
}

// Node.js console: "2019-06-05T19:30:03.173Z\t<request id>\tINFO\tmessage"; also the
// "<ts> <request id> Task timed out after 3.00 seconds" line Lambda writes itself.
bool readTimestampPrefix(std::string_view line, TextFields &f)
{
    auto t = parseTimestamp(line);
    if (!t)
        return false;
    std::string_view rest = line.substr(t->length);
    if (rest.empty() || (rest[0] != '\t' && rest[0] != ' '))
        return false;
    rest = skipSpaces(rest);
    const std::string_view id = token(rest);
    // Before the first request (during INIT) the Node.js runtime writes the literal
    // "undefined" where the request id goes.
    const bool noRequest = id == "undefined";
    if (!noRequest && !looksLikeRequestId(id))
        return false;
    f.time = t->ms;
    if (!noRequest)
        f.requestId = id;
    rest = skipSpaces(rest.substr(id.size()));
    const std::string_view lvlTok = token(rest);
    const Level lvl = parseLevel(lvlTok);
    if (lvl != Level::None && rest.size() > lvlTok.size()
        && (rest[lvlTok.size()] == '\t' || rest[lvlTok.size()] == ' ')) {
        f.kind = EventKind::AppLog;
        f.level = lvl;
        f.body = skipSpaces(rest.substr(lvlTok.size()));
    }
    return true;
}

} // namespace

bool startsWith(std::string_view s, std::string_view p)
{
    return s.substr(0, p.size()) == p;
}

std::string_view firstLine(std::string_view s)
{
    // Not string_view::find_first_of, which calls memchr once per character.
    std::size_t i = 0;
#ifdef __SSE2__
    for (; i + 16 <= s.size(); i += 16) { // every message is scanned: 16 bytes at a time
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s.data() + i));
        const int stop = _mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(c, _mm_set1_epi8('\r'))));
        if (stop != 0)
            return s.substr(0, i + std::size_t(__builtin_ctz(unsigned(stop))));
    }
#endif
    for (; i < s.size(); ++i)
        if (s[i] == '\n' || s[i] == '\r')
            return s.substr(0, i);
    return s;
}

void appendUtf8(std::uint32_t cp, std::string &out)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

std::size_t utf8Length(std::string_view s)
{
    std::size_t n = 0;
    for (char c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

std::optional<double> parseDouble(std::string_view s)
{
    s = trim(s);
    if (s.empty())
        return std::nullopt;
    if (s.front() == '+')
        s.remove_prefix(1);
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::optional<std::int64_t> parseInt(std::string_view s)
{
    s = trim(s);
    std::int64_t v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::string_view kindName(EventKind k)
{
    switch (k) {
    case EventKind::Text:
        return "text";
    case EventKind::AppLog:
        return "log";
    case EventKind::AppJson:
        return "log.json";
    case EventKind::ImportHeader:
        return "importtime.header";
    case EventKind::ImportLine:
        return "importtime";
    case EventKind::Start:
        return "START";
    case EventKind::End:
        return "END";
    case EventKind::Report:
        return "REPORT";
    case EventKind::InitStart:
        return "INIT_START";
    case EventKind::InitReport:
        return "INIT_REPORT";
    case EventKind::RestoreStart:
        return "RESTORE_START";
    case EventKind::RestoreReport:
        return "RESTORE_REPORT";
    case EventKind::TimedOut:
        return "timeout";
    case EventKind::PlatformInitStart:
        return "platform.initStart";
    case EventKind::PlatformInitRuntimeDone:
        return "platform.initRuntimeDone";
    case EventKind::PlatformInitReport:
        return "platform.initReport";
    case EventKind::PlatformStart:
        return "platform.start";
    case EventKind::PlatformRuntimeDone:
        return "platform.runtimeDone";
    case EventKind::PlatformReport:
        return "platform.report";
    case EventKind::PlatformRestoreStart:
        return "platform.restoreStart";
    case EventKind::PlatformRestoreRuntimeDone:
        return "platform.restoreRuntimeDone";
    case EventKind::PlatformRestoreReport:
        return "platform.restoreReport";
    case EventKind::PlatformOther:
        return "platform";
    case EventKind::QueryRow:
        return "row";
    case EventKind::Count_:
        break;
    }
    return "?";
}

std::string_view levelName(Level l)
{
    switch (l) {
    case Level::None:
        return "";
    case Level::Trace:
        return "TRACE";
    case Level::Debug:
        return "DEBUG";
    case Level::Info:
        return "INFO";
    case Level::Warn:
        return "WARN";
    case Level::Error:
        return "ERROR";
    case Level::Fatal:
        return "FATAL";
    }
    return "";
}

std::string_view statusName(Status s)
{
    switch (s) {
    case Status::Unknown:
        return "";
    case Status::Success:
        return "success";
    case Status::Error:
        return "error";
    case Status::Failure:
        return "failure";
    case Status::Timeout:
        return "timeout";
    }
    return "";
}

namespace {

// The value a name stands for, case-insensitively: the names as the runtimes and Lambda
// write them are compared exactly first (a JSON log's every record has one), then in
// any case.
template <typename T, std::size_t N>
T byName(std::string_view s, const std::pair<std::string_view, T> (&names)[N], T none)
{
#pragma GCC unroll 8 // the exact pass, unrolled: each name a compare of constants
    for (const auto &[name, value] : names)
        if (s == name)
            return value;
    for (const auto &[name, value] : names)
        if (equalsNoCase(s, name))
            return value;
    return none;
}

constexpr std::pair<std::string_view, Level> kLevelNames[] = { { "INFO", Level::Info }, { "ERROR", Level::Error },
    { "WARNING", Level::Warn }, { "WARN", Level::Warn }, { "DEBUG", Level::Debug }, { "TRACE", Level::Trace },
    { "CRITICAL", Level::Fatal }, { "FATAL", Level::Fatal } };

constexpr std::pair<std::string_view, Status> kStatusNames[] = { { "success", Status::Success },
    { "error", Status::Error }, { "failure", Status::Failure }, { "timeout", Status::Timeout } };

} // namespace

Level parseLevel(std::string_view s)
{
    return byName(s, kLevelNames, Level::None);
}

Status parseStatus(std::string_view s)
{
    return byName(s, kStatusNames, Status::Unknown);
}

TimeMs daysFromCivil(int y, unsigned m, unsigned d)
{
    // Howard Hinnant's algorithm.
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return TimeMs(era) * 146097 + TimeMs(doe) - 719468;
}

std::optional<ParsedTime> parseTimestamp(std::string_view s)
{
    // The first 16 bytes ("2024-06-01T00:03") of the last time this thread parsed, when
    // they were a valid date and minute, and that minute in seconds: a log's lines come
    // minutes at a time, so most times read only their seconds and what follows.
    struct Minute {
        char prefix[16] = {};
        TimeMs seconds = 0;
        bool valid = false;
    };
    thread_local Minute last;
    if (s.size() < 19)
        return std::nullopt;
    TimeMs minute;
    if (last.valid && std::memcmp(s.data(), last.prefix, 16) == 0) {
        minute = last.seconds;
    } else {
        int Y, M, D, h, m;
        if (!digits(s, 0, 4, Y) || s[4] != '-' || !digits(s, 5, 2, M) || s[7] != '-' || !digits(s, 8, 2, D) || M < 1
            || M > 12 || D < 1 || D > 31)
            return std::nullopt;
        if ((s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, m) || h > 23
            || m > 59)
            return std::nullopt;
        minute = ((daysFromCivil(Y, unsigned(M), unsigned(D)) * 24 + h) * 60 + m) * 60;
        std::memcpy(last.prefix, s.data(), 16);
        last.seconds = minute;
        last.valid = true;
    }
    int sec;
    if (s[16] != ':' || !digits(s, 17, 2, sec) || sec > 60)
        return std::nullopt;
    std::size_t i = 19;
    int ms = 0;
    if (s.size() >= 23 && s[19] == '.' && isDigit(s[20]) && isDigit(s[21]) && isDigit(s[22])
        && (s.size() == 23 || !isDigit(s[23]))) {
        // Milliseconds, as Lambda and the runtimes write them: read at once.
        ms = (s[20] - '0') * 100 + (s[21] - '0') * 10 + (s[22] - '0');
        i = 23;
    } else if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        int n = 0;
        while (i < s.size() && isDigit(s[i])) {
            if (n < 3)
                ms = ms * 10 + (s[i] - '0');
            ++n;
            ++i;
        }
        if (n == 0)
            return std::nullopt;
        for (; n < 3; ++n)
            ms *= 10;
    }
    int offsetMin = 0;
    if (i < s.size() && s[i] == 'Z') {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int oh = 0, om = 0;
        const int sign = s[i] == '-' ? -1 : 1;
        if (digits(s, i + 1, 2, oh)) {
            std::size_t j = i + 3;
            if (j < s.size() && s[j] == ':')
                ++j;
            if (digits(s, j, 2, om)) {
                offsetMin = sign * (oh * 60 + om);
                i = j + 2;
            }
        }
    }
    const TimeMs t = minute + sec;
    return ParsedTime { (t - TimeMs(offsetMin) * 60) * 1000 + ms, i };
}

void civilFromMs(TimeMs ms, int &Y, unsigned &M, unsigned &D, int &h, int &m, int &s, int &milli)
{
    TimeMs secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    milli = int(ms - secs * 1000);
    TimeMs days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    TimeMs rem = secs - days * 86400;
    h = int(rem / 3600);
    m = int(rem % 3600 / 60);
    s = int(rem % 60);
    days += 719468;
    const TimeMs era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = unsigned(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    D = doy - (153 * mp + 2) / 5 + 1;
    M = mp < 10 ? mp + 3 : mp - 9;
    Y = int(yoe) + int(era) * 400 + (M <= 2);
}

std::string formatTimestamp(TimeMs ms)
{
    if (ms == kNoTime)
        return {};
    if (!validTime(ms))
        return "(time out of range)";
    int Y, h, m, s, milli;
    unsigned M, D;
    civilFromMs(ms, Y, M, D, h, m, s, milli);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d.%03d", Y, M, D, h, m, s, milli);
    return buf;
}

std::string formatIsoTimestamp(TimeMs ms)
{
    std::string t = formatTimestamp(ms);
    if (!t.empty()) {
        t[10] = 'T';
        t += 'Z';
    }
    return t;
}

bool looksLikeRequestId(std::string_view s)
{
    if (s.size() != 36)
        return false;
#ifdef __SSE2__
    // Bytes 0-15, 16-31 and 20-35 at once: each a letter or digit, but for the dashes at
    // 8, 13, 18 and 23 (c | 0x20 is a lower-case letter only for a letter; a byte >= 0x80
    // is negative as a signed byte, so in neither range).
    const auto classes = [](const char *p, int &word, int &dash) {
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i lower = _mm_or_si128(c, _mm_set1_epi8(0x20));
        const __m128i letter = _mm_and_si128(
            _mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
        const __m128i digit
            = _mm_and_si128(_mm_cmpgt_epi8(c, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(c, _mm_set1_epi8('9' + 1)));
        word = _mm_movemask_epi8(_mm_or_si128(letter, digit));
        dash = _mm_movemask_epi8(_mm_cmpeq_epi8(c, _mm_set1_epi8('-')));
    };
    int w0, d0, w1, d1, w2, d2;
    classes(s.data(), w0, d0);
    classes(s.data() + 16, w1, d1);
    classes(s.data() + 20, w2, d2);
    constexpr int kDash0 = (1 << 8) | (1 << 13), kDash1 = (1 << 2) | (1 << 7), kDash2 = 1 << 3;
    return d0 == kDash0 && w0 == (0xFFFF & ~kDash0) && d1 == kDash1 && w1 == (0xFFFF & ~kDash1) && d2 == kDash2
        && w2 == (0xFFFF & ~kDash2);
#else
    for (std::size_t i = 0; i < 36; ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            return false;
        }
    }
    return true;
#endif
}

bool isImportHeader(std::string_view line)
{
    return startsWith(line, "import time: self [us]");
}

bool parseImportLine(std::string_view line, ImportLine &out, std::string_view &problem)
{
    constexpr std::string_view prefix = "import time:";
    if (!startsWith(line, prefix)) {
        problem = "expected 'import time:'";
        return false;
    }
    std::string_view rest = skipSpaces(line.substr(prefix.size()));
    bool outOfRange = false;
    auto field = [&](std::int64_t &value, bool &cached) -> bool {
        const std::size_t bar = rest.find('|');
        if (bar == std::string_view::npos)
            return false;
        const std::string_view num = trim(rest.substr(0, bar));
        rest = rest.substr(bar + 1);
        if (num == "cached") {
            cached = true;
            value = 0;
            return true;
        }
        auto v = parseInt(num);
        if (v && (*v < 0 || *v > kMaxImportUs)) { // more than a day: the line is corrupt, not slow
            outOfRange = true;
            return false;
        }
        if (!v)
            return false;
        value = *v;
        return true;
    };
    bool selfCached = false, cumCached = false;
    if (!field(out.selfUs, selfCached) || !field(out.cumulativeUs, cumCached)) {
        problem = outOfRange ? "import time out of range (more than a day, or negative)"
                             : "expected 'import time: <self us> | <cumulative us> | <module>'";
        return false;
    }
    out.cached = selfCached || cumCached;
    std::size_t pad = 0;
    while (pad < rest.size() && rest[pad] == ' ')
        ++pad;
    out.module = trimRight(rest.substr(pad));
    if (out.module.empty()) {
        problem = "import line without a module name (cut mid-line?)";
        return false;
    }
    if (std::any_of(out.module.begin(), out.module.end(), [](char c) { return c == ' ' || c == '\t' || c == '|'; })) {
        problem = "module name contains spaces (interleaved output?)";
        return false;
    }
    out.pad = int(pad);
    out.level = out.cached ? 0 : (pad > 0 ? int(pad - 1) / 2 : 0);
    return true;
}

TextFields classifyText(std::string_view message)
{
    TextFields f;
    const std::string_view line = firstLine(message);
    if (line.empty())
        return f;
    switch (line[0]) {
    case 'i':
        if (startsWith(line, "import time:")) {
            if (isImportHeader(line)) {
                f.kind = EventKind::ImportHeader;
            } else if (parseImportLine(trimRight(line), f.import, f.problem)) {
                f.kind = EventKind::ImportLine;
            }
            return f;
        }
        break;
    case 'S':
        if (startsWith(line, "START RequestId:")) {
            f.kind = EventKind::Start;
            readPlatformFields(line, f);
            return f;
        }
        break;
    case 'E':
        if (startsWith(line, "END RequestId:")) {
            f.kind = EventKind::End;
            readPlatformFields(line, f);
            return f;
        }
        break;
    case 'R':
        if (startsWith(line, "REPORT RequestId:")) {
            f.kind = EventKind::Report;
            readPlatformFields(message, f); // XRAY may be on the second line
            if (f.requestId.empty() || std::isnan(f.durationMs))
                f.problem = message.find("Duration:") != std::string_view::npos && !f.requestId.empty()
                    ? "REPORT line whose Duration is not a number of ms from 0 to a year"
                    : "REPORT line without RequestId or Duration";
            return f;
        }
        if (startsWith(line, "RESTORE_START")) {
            f.kind = EventKind::RestoreStart;
            readPlatformFields(line, f);
            return f;
        }
        if (startsWith(line, "RESTORE_REPORT")) {
            f.kind = EventKind::RestoreReport;
            readPlatformFields(line, f);
            return f;
        }
        if (startsWith(line, "RequestId: ")) { // "RequestId: <id> Error: Runtime exited ..."
            readPlatformFields(line, f);
            f.level = Level::Error;
            return f;
        }
        break;
    case 'I':
        if (startsWith(line, "INIT_START")) {
            f.kind = EventKind::InitStart;
            readPlatformFields(line, f);
            return f;
        }
        if (startsWith(line, "INIT_REPORT")) {
            f.kind = EventKind::InitReport;
            readPlatformFields(line, f);
            if (std::isnan(f.initDurationMs))
                f.problem = "INIT_REPORT line without Init Duration";
            return f;
        }
        break;
    case '[':
        if (readPythonPrefix(line, f))
            return f;
        break;
    case 'L':
        if (startsWith(line, "LAMBDA_WARNING:")) {
            f.level = Level::Warn;
            return f;
        }
        break;
    default:
        break;
    }
    if (line[0] >= '0' && line[0] <= '9')
        readTimestampPrefix(line, f);
    if (f.kind == EventKind::Text && line.find("Task timed out after") != std::string_view::npos) {
        f.kind = EventKind::TimedOut;
        f.level = Level::Error;
        f.status = Status::Timeout;
    }
    return f;
}

StreamName parseStreamName(std::string_view stream)
{
    StreamName n;
    int y, m, d;
    if (stream.size() < 12 || !digits(stream, 0, 4, y) || stream[4] != '/' || !digits(stream, 5, 2, m)
        || stream[7] != '/' || !digits(stream, 8, 2, d) || stream[10] != '/')
        return n;
    const std::string_view rest = stream.substr(11);
    const std::size_t open = rest.find('[');
    if (open == std::string_view::npos)
        return n;
    const std::size_t close = rest.find(']', open);
    if (close == std::string_view::npos)
        return n;
    n.isLambda = true;
    n.function = rest.substr(0, open);
    n.version = rest.substr(open + 1, close - open - 1);
    return n;
}

std::string_view functionFromArn(std::string_view arn)
{
    constexpr std::string_view marker = ":function:";
    const std::size_t at = arn.find(marker);
    if (at == std::string_view::npos)
        return {};
    std::string_view name = arn.substr(at + marker.size());
    const std::size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(0, colon);
}

} // namespace coldscope
