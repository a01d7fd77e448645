// SPDX-License-Identifier: MIT
#pragma once

#include "advice.h"
#include "importdiff.h"
#include "logdata.h"
#include "queryengine.h"

#include <memory>
#include <string>
#include <vector>

namespace coldscope {

// Everything a reviewer needs on one page: the findings (what to fix first), the figures, the slowest imports, the
// comparison, the pinned queries with their results, the notes and the pictures.
struct ReportInput {
    std::string title;
    std::vector<std::shared_ptr<const LogData>> files;
    std::shared_ptr<const ImportDiff> diff; // when two builds are compared
    struct PinnedQuery {
        std::string query;
        query::Result result;
        std::string error;
    };
    std::vector<PinnedQuery> queries;
    struct Picture {
        std::string title;
        std::string png; // bytes, embedded in HTML
        std::string file; // relative path, linked from Markdown
    };
    std::vector<Picture> pictures;
    std::vector<std::pair<std::string, std::string>> notes; // subject, text
    std::string generated; // date line
    // The findings' thresholds and price (the window's settings); the findings come
    // first: of every file, or of build B with the comparison.
    AdviceSettings adviceSettings;
    // Colours of the HTML page (CSS rules after the layout's), from the window's style
    // module: the page layout is here, its colours are not.
    std::string colorCss;
};

// Every string that came from a log is escaped: HTML gets entities; Markdown gets
// table-safe cells with <, > and & as entities (GitHub renders raw HTML in Markdown).
std::string reportHtml(const ReportInput &in);
std::string reportMarkdown(const ReportInput &in);

std::string htmlEscape(std::string_view s);
std::string markdownCell(std::string_view s);
std::string base64(std::string_view bytes);

} // namespace coldscope
