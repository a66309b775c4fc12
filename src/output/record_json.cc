#include "output/record_json.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <sstream>

#include "output/vietnamese_format.h"
#include "text/encoding.h"

namespace vbhc {
namespace {

std::string Str(const Json& v) {
  if (v.is_null()) return "—";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// What nlohmann::json writes for `v` on one line, invalid UTF-8 replaced.
std::string Dump(const Json& v) { return v.dump(-1, ' ', false, Json::error_handler_t::replace); }

void AppendString(const std::string& s, std::string* out) {
  // Most strings need no escape and are valid UTF-8: copied as they are.
  // The others (quotes, backslashes, controls, invalid bytes) go through
  // nlohmann::json's own escaping, so the output is the same either way.
  const bool plain = std::none_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\';
  });
  if (plain && IsValidUtf8(s)) {
    out->push_back('"');
    out->append(s);
    out->push_back('"');
  } else {
    out->append(Dump(Json(s)));
  }
}

// Appends `v` as nlohmann::json's dump(-1) would write it.  Records are
// mostly objects, arrays, short strings and integers: those are written
// here, skipping the per-byte UTF-8 state machine of the library's
// serializer (a quarter of the cost of a record); floating-point numbers
// are left to the library, for its shortest round-trip form.
void AppendJson(const Json& v, std::string* out) {
  switch (v.type()) {
    case Json::value_t::object: {
      out->push_back('{');
      bool first = true;
      for (const auto& [key, value] : v.items()) {
        if (!first) out->push_back(',');
        first = false;
        AppendString(key, out);
        out->push_back(':');
        AppendJson(value, out);
      }
      out->push_back('}');
      return;
    }
    case Json::value_t::array: {
      out->push_back('[');
      bool first = true;
      for (const Json& value : v) {
        if (!first) out->push_back(',');
        first = false;
        AppendJson(value, out);
      }
      out->push_back(']');
      return;
    }
    case Json::value_t::string:
      AppendString(v.get_ref<const std::string&>(), out);
      return;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: {
      char digits[24];
      auto written = v.is_number_unsigned()
                         ? std::to_chars(digits, digits + sizeof digits, v.get<uint64_t>())
                         : std::to_chars(digits, digits + sizeof digits, v.get<int64_t>());
      out->append(digits, written.ptr);
      return;
    }
    case Json::value_t::boolean:
      out->append(v.get<bool>() ? "true" : "false");
      return;
    case Json::value_t::null:
      out->append("null");
      return;
    default:  // floating point (and kinds records never hold)
      out->append(Dump(v));
      return;
  }
}

}  // namespace

std::string RecordToJsonLine(const Json& record) {
  std::string line;
  AppendJson(record, &line);
  line.push_back('\n');
  return line;
}


namespace {

// Widths of the text view's columns, in terminal columns.
constexpr size_t kLeadColumn = 32;
constexpr size_t kWhenColumn = 22;
constexpr size_t kValueColumn = 16;

// A value's date and recurrence as a clerk reads them; "—" for none.
std::string When(const Json& item, const char* key) {
  const std::string when = WhenInWords(item, key);
  return when.empty() ? "—" : when;
}

void HeaderText(const Json& doc, std::ostringstream& out) {
  if (doc.is_null()) {
    out << "Văn bản: (không có phần đầu văn bản chính thức)\n";
    return;
  }
  out << "Văn bản: " << Str(doc["type"]) << " số " << Str(doc["number"]);
  if (doc["date"].is_string()) out << " ngày " << VietnameseDate(doc["date"].get<std::string>());
  out << "\n  Cơ quan ban hành: " << Str(doc["issuer"]);
  if (doc.contains("issuer_parent")) out << " (thuộc " << Str(doc["issuer_parent"]) << ")";
  out << "\n  Trích yếu: " << Str(doc["title"]) << "\n";
}

// Each cited document once, in order of first citation.
void ReferencesText(const Json& refs, std::ostringstream& out) {
  if (refs.empty()) return;
  out << "Văn bản được viện dẫn:\n";
  std::set<std::string> seen;
  for (const Json& ref : refs) {
    if (!seen.insert(Str(ref["number"])).second) continue;
    out << "  - " << (ref.contains("type") ? Str(ref["type"]) + " " : "") << "số " << Str(ref["number"]);
    if (ref.contains("date")) out << " ngày " << VietnameseDate(Str(ref["date"]));
    if (ref.contains("issuer")) out << " của " << Str(ref["issuer"]);
    out << "\n";
  }
}

void PeriodsAndDeadlinesText(const Json& r, std::ostringstream& out) {
  std::set<std::string> periods;
  for (const Json& p : r["periods"]) {
    const std::string kind = Str(p["kind"]);
    const std::string label = kind == "vision" ? "tầm nhìn đến " : kind == "orientation" ? "định hướng đến " : "";
    periods.insert(p["start"].is_null() ? label + VietnameseDate(Str(p["end"]))
                                        : VietnameseDate(Str(p["start"])) + " – " + VietnameseDate(Str(p["end"])));
  }
  if (!periods.empty()) {
    out << "Giai đoạn:\n";
    for (const std::string& p : periods) out << "  - " << p << "\n";
  }
  if (r["deadlines"].empty()) return;
  std::vector<Json> deadlines(r["deadlines"].begin(), r["deadlines"].end());
  std::stable_sort(deadlines.begin(), deadlines.end(),
                   [](const Json& a, const Json& b) { return Str(a["value"]) < Str(b["value"]); });
  out << "Thời hạn:\n";
  for (const Json& d : deadlines) out << "  - " << PadToWidth(When(d, "value"), kWhenColumn) << " " << Str(d["text"]) << "\n";
}

void TargetsText(const Json& targets, std::ostringstream& out) {
  if (targets.empty()) return;
  out << "Chỉ tiêu:\n  " << PadToWidth("giá trị", kValueColumn) << " | " << PadToWidth("thời hạn", kWhenColumn)
      << " | đối tượng\n";
  for (const Json& t : targets) {
    std::string value = TargetLevel(t);
    if (t.contains("change")) value = (t["change"] == "decrease" ? "giảm " : "tăng ") + value;
    out << "  " << PadToWidth(value, kValueColumn) << " | " << PadToWidth(When(t, "deadline"), kWhenColumn) << " | "
        << Str(t.value("subject", Json())) << "\n";
  }
}

void TasksText(const Json& tasks, std::ostringstream& out) {
  if (tasks.empty()) return;
  out << "Nhiệm vụ (ai làm gì, đến khi nào):\n";
  out << "  " << PadToWidth("chủ trì", kLeadColumn) << " | " << PadToWidth("thời hạn", kWhenColumn) << " | nhiệm vụ\n";
  for (const Json& t : tasks) {
    out << "  " << PadToWidth(Str(t["lead"]), kLeadColumn) << " | " << PadToWidth(When(t, "deadline"), kWhenColumn)
        << " | " << Str(t["task"]) << "\n";
  }
}

}  // namespace

std::string RecordToText(const Json& r) {
  std::ostringstream out;
  out << "== " << Str(r["source"]["path"]) << "\n";
  HeaderText(r["document"], out);
  ReferencesText(r["references"], out);
  PeriodsAndDeadlinesText(r, out);
  TargetsText(r["targets"], out);
  if (r.contains("tasks")) TasksText(r["tasks"], out);
  for (const Json& w : r["warnings"]) {
    out << "Cảnh báo: " << WarningInVietnamese(Str(w["message"])) << " (byte " << w["span"][0].dump() << ")\n";
  }
  return out.str();
}

std::string WhenInWords(const Json& item, const char* key) {
  std::string when = item.contains(key) && item[key].is_string() ? VietnameseDate(item[key].get<std::string>()) : "";
  if (item.contains("recurrence") && when.find("hằng") == std::string::npos) {
    when += (when.empty() ? "" : ", ") + RecurrenceWords(Str(item["recurrence"]));
  }
  return when;
}

std::string TargetLevel(const Json& t) {
  return ComparatorSign(Str(t["comparator"])) + " " + Str(t["value"]) +
         (t["metric"] == "percent" ? "%" : " " + Str(t.value("unit", Json(""))));
}

std::string WarningInVietnamese(const std::string& message) {
  if (message.rfind("invalid UTF-8", 0) == 0) return "byte không hợp lệ trong văn bản UTF-8 (" + message + ")";
  if (message.find("impossible date") != std::string::npos || message.find("not a date") != std::string::npos) {
    return "ngày không có thật (" + message + ")";
  }
  return message;
}

}  // namespace vbhc
