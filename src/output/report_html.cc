#include "output/report_html.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "output/record_json.h"
#include "output/vietnamese_format.h"

namespace vbhc {
namespace {

// The page's own style: one block, no external asset (it works from a USB stick).
constexpr const char* kStyle = R"css(
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:72em;color:#222;line-height:1.45}
h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:2px solid #2a5d8f;padding-bottom:.2em;margin-top:2.5em}
h3{font-size:1.05em;color:#2a5d8f;margin-top:1.6em}
.card{border:1px solid #ccd;border-radius:6px;padding:.8em 1.2em;background:#f7f9fc}
.card dt{font-weight:bold;float:left;width:11em}.card dd{margin:0 0 .3em 11em}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #ccd;padding:.35em .6em;text-align:left;vertical-align:top}
th{background:#e8eef6}tr.overdue td{background:#fde8e8}.overdue-label{color:#b00;font-weight:bold}
.timeline li{margin:.2em 0}.none{color:#777;font-style:italic}
.text{white-space:pre-wrap;border:1px solid #ccd;padding:1em;background:#fff;font-size:.92em}
mark{border-radius:3px;padding:0 .1em;cursor:help}
mark.date{background:#dfe9ff}mark.deadline{background:#ffe2b8}mark.period{background:#e5d9ff}
mark.reference{background:#d8f2d8}mark.target{background:#ffd6e0}
.warning{color:#8a5a00}nav li{margin:.2em 0}
)css";

std::string Text(const Json& v) { return v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump(); }

// Returns the line number (from 1) of byte `offset` of `text`.
size_t LineOf(const std::string& text, size_t offset) {
  return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

void HeaderCard(const Json& doc, std::ostringstream& out) {
  if (doc.is_null()) {
    out << "<p class=\"none\">Không có phần đầu văn bản chính thức (tin bài, bản trích).</p>\n";
    return;
  }
  out << "<dl class=\"card\">";
  auto row = [&](const char* label, const std::string& value) {
    if (!value.empty()) out << "<dt>" << label << "</dt><dd>" << HtmlEscape(value) << "</dd>";
  };
  row("Loại văn bản", Text(doc["type"]));
  row("Số, ký hiệu", Text(doc["number"]));
  row("Ngày ban hành", doc["date"].is_string() ? VietnameseDate(doc["date"].get<std::string>()) : "");
  row("Nơi ban hành", Text(doc["place"]));
  row("Cơ quan ban hành", Text(doc["issuer"]));
  if (doc.contains("issuer_parent")) row("Cơ quan chủ quản", Text(doc["issuer_parent"]));
  row("Trích yếu", Text(doc["title"]));
  out << "</dl>\n";
}

// The tasks sorted by deadline (undated last), overdue ones marked.
void TaskTable(const Json& tasks, const std::string& today, std::ostringstream& out) {
  out << "<h3>Ai làm gì, đến khi nào</h3>\n";
  if (tasks.empty()) {
    out << "<p class=\"none\">Không thấy nhiệm vụ được giao.</p>\n";
    return;
  }
  std::vector<const Json*> sorted;
  for (const Json& t : tasks) sorted.push_back(&t);
  auto end_of = [](const Json& t) -> std::string {
    const auto bounds = t["deadline"].is_string() ? IsoBounds(t["deadline"].get<std::string>()) : std::nullopt;
    return bounds ? bounds->second : "";
  };
  std::stable_sort(sorted.begin(), sorted.end(), [&](const Json* a, const Json* b) {
    const std::string ea = end_of(*a), eb = end_of(*b);
    return !ea.empty() && (eb.empty() || ea < eb);
  });
  out << "<table class=\"tasks\"><tr><th>Chủ trì</th><th>Phối hợp</th><th>Nhiệm vụ</th><th>Thời hạn</th></tr>\n";
  for (const Json* t : sorted) {
    const std::string end = end_of(*t);
    const bool overdue = !end.empty() && end < today;
    out << "<tr" << (overdue ? " class=\"overdue\"" : "") << "><td>" << HtmlEscape(Text((*t)["lead"])) << "</td><td>"
        << HtmlEscape(Text((*t)["partners"])) << "</td><td>" << HtmlEscape(Text((*t)["task"])) << "</td><td>"
        << HtmlEscape(WhenInWords(*t, "deadline"))
        << (overdue ? " <span class=\"overdue-label\">(quá hạn)</span>" : "") << "</td></tr>\n";
  }
  out << "</table>\n";
}

void TargetTable(const Json& targets, std::ostringstream& out) {
  out << "<h3>Chỉ tiêu</h3>\n";
  if (targets.empty()) {
    out << "<p class=\"none\">Không thấy chỉ tiêu định lượng.</p>\n";
    return;
  }
  out << "<table class=\"targets\"><tr><th>Đối tượng, chỉ số</th><th>Mức</th><th>Thời hạn</th><th>Chiều</th></tr>\n";
  for (const Json& t : targets) {
    const std::string value = TargetLevel(t);
    const std::string change = t.contains("change") ? (t["change"] == "decrease" ? "giảm" : "tăng") : "";
    out << "<tr><td>" << HtmlEscape(Text(t.value("subject", Json("")))) << "</td><td>" << HtmlEscape(value)
        << "</td><td>" << HtmlEscape(WhenInWords(t, "deadline")) << "</td><td>" << change << "</td></tr>\n";
  }
  out << "</table>\n";
}

void Timeline(const Json& deadlines, std::ostringstream& out) {
  out << "<h3>Các mốc thời hạn</h3>\n";
  if (deadlines.empty()) {
    out << "<p class=\"none\">Không thấy thời hạn.</p>\n";
    return;
  }
  std::map<std::string, std::set<std::string>> by_value;  // ISO order, each text once
  for (const Json& d : deadlines) by_value[Text(d["value"])].insert(Text(d["text"]));
  out << "<ul class=\"timeline\">\n";
  for (const auto& [value, texts] : by_value) {
    out << "<li><b>" << HtmlEscape(VietnameseDate(value)) << "</b>: ";
    bool first = true;
    for (const std::string& t : texts) out << (first ? "" : "; ") << "“" << HtmlEscape(t) << "”", first = false;
    out << "</li>\n";
  }
  out << "</ul>\n";
}

// Returns `s` percent-encoded for a URL's query.
std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

void References(const Json& refs, const std::map<std::string, size_t>& in_report, const std::string& search_link,
                std::ostringstream& out) {
  out << "<h3>Văn bản được viện dẫn</h3>\n";
  if (refs.empty()) {
    out << "<p class=\"none\">Không viện dẫn văn bản nào.</p>\n";
    return;
  }
  out << "<ul class=\"references\">\n";
  std::set<std::string> seen;
  for (const Json& r : refs) {
    const std::string number = Text(r["number"]);
    if (!seen.insert(number).second) continue;
    std::string label = (r.contains("type") ? Text(r["type"]) + " " : "") + "số " + number;
    if (r.contains("date")) label += " ngày " + VietnameseDate(Text(r["date"]));
    if (r.contains("issuer")) label += " của " + Text(r["issuer"]);
    auto it = in_report.find(number);
    out << "<li>";
    if (it != in_report.end()) {
      out << "<a href=\"#doc-" << it->second << "\">" << HtmlEscape(label) << "</a>";
    } else if (!search_link.empty()) {
      out << "<a href=\"" << HtmlEscape(search_link + UrlEncode(number)) << "\">" << HtmlEscape(label) << "</a>";
    } else {
      out << HtmlEscape(label);
    }
    out << "</li>\n";
  }
  out << "</ul>\n";
}

void Warnings(const Json& warnings, const std::string& original, std::ostringstream& out) {
  if (warnings.empty()) return;
  out << "<h3>Cảnh báo</h3>\n<ul>\n";
  for (const Json& w : warnings) {
    out << "<li class=\"warning\">Dòng " << LineOf(original, w["span"][0].get<size_t>()) << ": "
        << HtmlEscape(WarningInVietnamese(Text(w["message"]))) << "</li>\n";
  }
  out << "</ul>\n";
}

// The full text with each item highlighted; an item inside another keeps
// the outer one's mark.  Legacy encodings' spans slice the original bytes,
// not their UTF-8: their text is shown plain.
void FullText(const Json& record, const std::string& original, std::ostringstream& out) {
  out << "<h3>Toàn văn</h3>\n<div class=\"text\">";
  struct Mark {
    size_t begin, end;
    std::string kind, title;
  };
  std::vector<Mark> marks;
  if (Text(record["source"]["encoding"]) == "utf-8") {
    for (const auto& [key, kind] : {std::pair{"references", "reference"}, {"dates", "date"}, {"periods", "period"},
                                    {"deadlines", "deadline"}, {"targets", "target"}}) {
      for (const Json& item : record[key]) {
        Json value = item;
        for (const char* drop : {"text", "span", "rule"}) value.erase(drop);
        marks.push_back({item["span"][0].get<size_t>(), item["span"][1].get<size_t>(), kind,
                         std::string(kind) + " " + value.dump() + " — " + Text(item["rule"])});
      }
    }
  }
  std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end > b.end);
  });
  size_t pos = 0;
  for (const Mark& m : marks) {
    if (m.begin < pos || m.end > original.size()) continue;  // inside the previous mark
    out << HtmlEscape(std::string_view(original).substr(pos, m.begin - pos)) << "<mark class=\"" << m.kind
        << "\" title=\"" << HtmlEscape(m.title) << "\">" << HtmlEscape(std::string_view(original).substr(m.begin, m.end - m.begin))
        << "</mark>";
    pos = m.end;
  }
  out << HtmlEscape(std::string_view(original).substr(std::min(pos, original.size()))) << "</div>\n";
}

std::string Title(const Json& record) {
  const Json& doc = record["document"];
  if (doc.is_null()) return Text(record["source"]["path"]);
  return Text(doc["type"]) + " số " + Text(doc["number"]) + (doc["title"].is_string() ? " — " + Text(doc["title"]) : "");
}

}  // namespace

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string ReportHtml(const std::vector<ReportDocument>& documents, const std::string& today,
                       const std::string& search_link) {
  std::map<std::string, size_t> in_report;  // a document's own number -> its anchor
  for (size_t i = 0; i < documents.size(); ++i) {
    const Json& doc = documents[i].record["document"];
    if (doc.is_object() && doc["number"].is_string()) in_report.emplace(doc["number"].get<std::string>(), i);
  }
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>"
      << HtmlEscape(documents.size() == 1 ? Title(documents[0].record) : "Báo cáo vbhc: " + std::to_string(documents.size()) + " văn bản")
      << "</title><style>" << kStyle << "</style></head><body>\n";
  out << "<h1>Báo cáo văn bản</h1>\n<p>Lập bởi vbhc; ngày đối chiếu thời hạn: " << HtmlEscape(VietnameseDate(today))
      << ".</p>\n";
  if (documents.size() > 1) {
    out << "<nav><h2>Mục lục</h2><ol>\n";
    for (size_t i = 0; i < documents.size(); ++i) {
      out << "<li><a href=\"#doc-" << i << "\">" << HtmlEscape(Title(documents[i].record)) << "</a> ("
          << documents[i].record["tasks"].size() << " nhiệm vụ)</li>\n";
    }
    out << "</ol></nav>\n";
  }
  for (size_t i = 0; i < documents.size(); ++i) {
    const Json& r = documents[i].record;
    out << "<section id=\"doc-" << i << "\"><h2>" << HtmlEscape(Title(r)) << "</h2>\n<p class=\"none\">Tệp: "
        << HtmlEscape(Text(r["source"]["path"])) << "</p>\n";
    HeaderCard(r["document"], out);
    TaskTable(r["tasks"], today, out);
    TargetTable(r["targets"], out);
    Timeline(r["deadlines"], out);
    References(r["references"], in_report, search_link, out);
    Warnings(r["warnings"], documents[i].original, out);
    FullText(r, documents[i].original, out);
    out << "</section>\n";
  }
  out << "</body></html>\n";
  return out.str();
}

}  // namespace vbhc
