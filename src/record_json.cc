#include "record_json.h"

#include <algorithm>
#include <sstream>

namespace vbhc {
namespace {

std::string Str(const Json& v) {
  if (v.is_null()) return "—";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

}  // namespace

std::string RecordToJsonLine(const Json& record) {
  return record.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string RecordToText(const Json& r) {
  std::ostringstream out;
  out << "== " << Str(r["source"]["path"]) << "\n";
  const Json& doc = r["document"];
  if (doc.is_null()) {
    out << "Văn bản: (không có phần đầu văn bản chính thức)\n";
  } else {
    out << "Văn bản: " << Str(doc["type"]) << " số " << Str(doc["number"]) << " ngày "
        << Str(doc["date"]) << "\n";
    out << "  Cơ quan ban hành: " << Str(doc["issuer"]) << "\n";
    out << "  Trích yếu: " << Str(doc["title"]) << "\n";
  }
  if (!r["references"].empty()) {
    out << "Văn bản được viện dẫn:\n";
    for (const Json& ref : r["references"]) {
      out << "  - " << (ref.contains("type") ? Str(ref["type"]) + " " : "") << Str(ref["number"]);
      if (ref.contains("date")) out << " ngày " << Str(ref["date"]);
      out << "\n";
    }
  }
  if (!r["periods"].empty()) {
    out << "Giai đoạn:\n";
    for (const Json& p : r["periods"]) {
      out << "  - " << Str(p["start"]) << " → " << Str(p["end"]) << " (" << Str(p["kind"]) << ")\n";
    }
  }
  if (!r["deadlines"].empty()) {
    std::vector<Json> deadlines(r["deadlines"].begin(), r["deadlines"].end());
    std::stable_sort(deadlines.begin(), deadlines.end(), [](const Json& a, const Json& b) {
      return Str(a["value"]) < Str(b["value"]);
    });
    out << "Thời hạn:\n";
    for (const Json& d : deadlines) {
      out << "  - " << Str(d["value"]);
      if (d.contains("recurrence")) out << " (" << Str(d["recurrence"]) << ")";
      out << ": " << Str(d["text"]) << "\n";
    }
  }
  if (!r["targets"].empty()) {
    out << "Chỉ tiêu:\n";
    out << "  giá trị        | thời hạn     | đối tượng\n";
    for (const Json& t : r["targets"]) {
      std::string value = Str(t["comparator"]) + " " + Str(t["value"]) +
                          (t["metric"] == "percent" ? "%" : " " + Str(t.value("unit", Json(""))));
      value.resize(std::max<size_t>(value.size(), 14), ' ');
      std::string deadline = Str(t["deadline"]);
      deadline.resize(std::max<size_t>(deadline.size(), 12), ' ');
      out << "  " << value << " | " << deadline << " | " << Str(t.value("subject", Json())) << "\n";
    }
  }
  for (const Json& w : r["warnings"]) {
    out << "Cảnh báo: " << Str(w["message"]) << " tại byte " << w["span"][0].dump() << "\n";
  }
  return out.str();
}

}  // namespace vbhc
