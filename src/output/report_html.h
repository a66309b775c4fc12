// ReportHtml: one self-contained HTML page for clerks (issue #18): no network,
// no external assets, in Vietnamese.  For each document: the header card,
// "Ai làm gì, đến khi nào" (the tasks, by deadline, overdue ones marked
// against `today`), the targets, a timeline of deadlines, each cited document
// once (linked when it is in the same report), the warnings with their line
// numbers, and the full text with every extracted item highlighted (its value
// and rule on hover).  Several documents get an index at the top.
//
//   std::vector<ReportDocument> docs = {{record, original_bytes}};
//   std::string page = vbhc::ReportHtml(docs, "2025-12-01");
#ifndef VBHC_OUTPUT_REPORT_HTML_H_
#define VBHC_OUTPUT_REPORT_HTML_H_

#include <string>
#include <vector>

#include "rules/values.h"

namespace vbhc {

struct ReportDocument {
  Json record;          // the plan record (Extractor::Record)
  std::string original;  // the input's bytes, which the record's spans slice
};

// Returns the page.  `today` is an ISO day: tasks due before it are overdue.
// A cited document in the same report is linked to it; else, with
// `search_link` ("/search?number=" from vbhc serve --db), to a search of the
// index for its number.
std::string ReportHtml(const std::vector<ReportDocument>& documents, const std::string& today,
                       const std::string& search_link = "");

// Returns `s` with & < > " ' escaped for HTML text and attributes.
std::string HtmlEscape(std::string_view s);

}  // namespace vbhc

#endif  // VBHC_OUTPUT_REPORT_HTML_H_
