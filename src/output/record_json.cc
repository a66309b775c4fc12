#include "output/record_json.h"

#include <algorithm>
#include <charconv>
#include <sstream>

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

// Widths of the task table's columns, in characters.
constexpr size_t kLeadColumn = 32;
constexpr size_t kDeadlineColumn = 16;

// Returns a recurrence as a clerk writes it.
std::string RecurrenceWords(const std::string& recurrence) {
  if (recurrence == "regular") return "thường xuyên";
  if (recurrence == "yearly") return "hằng năm";
  if (recurrence == "quarterly") return "hằng quý";
  if (recurrence == "monthly") return "hằng tháng";
  return recurrence;
}

// Returns `s` padded with spaces to `width` characters (code points, not
// bytes: a column of Vietnamese names lines up), or cut to width - 1 and "…".
std::string PadColumns(const std::string& s, size_t width) {
  auto starts = [&](size_t i) { return (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80; };
  size_t characters = 0;
  for (size_t i = 0; i < s.size(); ++i) characters += starts(i);
  if (characters <= width) return s + std::string(width - characters, ' ');
  size_t kept = 0, i = 0;
  for (; i < s.size(); ++i) {
    if (starts(i) && ++kept == width) break;
  }
  return s.substr(0, i) + "…";
}

}  // namespace

std::string RecordToJsonLine(const Json& record) {
  std::string line;
  AppendJson(record, &line);
  line.push_back('\n');
  return line;
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
  if (r.contains("tasks") && !r["tasks"].empty()) {
    out << "Nhiệm vụ (ai làm gì, đến khi nào):\n";
    out << "  " << PadColumns("chủ trì", kLeadColumn) << " | " << PadColumns("thời hạn", kDeadlineColumn)
        << " | nhiệm vụ\n";
    for (const Json& t : r["tasks"]) {
      std::string deadline = t["deadline"].is_null() ? "" : Str(t["deadline"]);
      if (t.contains("recurrence")) deadline += (deadline.empty() ? "" : " ") + RecurrenceWords(Str(t["recurrence"]));
      out << "  " << PadColumns(Str(t["lead"]), kLeadColumn) << " | " << PadColumns(deadline, kDeadlineColumn)
          << " | " << Str(t["task"]) << "\n";
    }
  }
  for (const Json& w : r["warnings"]) {
    out << "Cảnh báo: " << Str(w["message"]) << " tại byte " << w["span"][0].dump() << "\n";
  }
  return out.str();
}

}  // namespace vbhc
