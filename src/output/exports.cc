#include "output/exports.h"

#include <csv.h>
#include <libical/ical.h>

#include <cstdlib>
#include <memory>
#include <vector>

#include "output/vietnamese_format.h"

namespace vbhc {
namespace {

struct Column {
  const char* name;
  const char* key;  // the item's field; "" for the document's number and path
};

const std::vector<Column>& Columns(const std::string& table) {
  static const std::vector<Column> kTasks = {{"so_ky_hieu", ""}, {"tep", ""}, {"chu_tri", "lead"},
                                             {"phoi_hop", "partners"}, {"nhiem_vu", "task"},
                                             {"thoi_han", "deadline"}, {"lap_lai", "recurrence"}, {"van_ban", "text"}};
  static const std::vector<Column> kTargets = {
      {"so_ky_hieu", ""},         {"tep", ""},           {"loai", "metric"},         {"gia_tri", "value"},
      {"don_vi", "unit"},         {"so_sanh", "comparator"}, {"chieu", "change"},    {"thoi_han", "deadline"},
      {"lap_lai", "recurrence"},  {"doi_tuong", "subject"},  {"van_ban", "text"}};
  static const std::vector<Column> kDeadlines = {{"so_ky_hieu", ""}, {"tep", ""}, {"thoi_han", "value"},
                                                 {"lap_lai", "recurrence"}, {"van_ban", "text"}};
  static const std::vector<Column> kReferences = {{"so_ky_hieu", ""}, {"tep", ""}, {"so_vien_dan", "number"},
                                                  {"loai", "type"}, {"ngay", "date"}, {"co_quan", "issuer"},
                                                  {"van_ban", "text"}};
  static const std::vector<Column> kNone;
  return table == "tasks" ? kTasks : table == "targets" ? kTargets : table == "deadlines" ? kDeadlines
         : table == "references" ? kReferences : kNone;
}

// Appends one field, quoted by libcsv, and its separator.
void Field(const std::string& value, bool last, std::string* out) {
  std::vector<char> buffer(2 * value.size() + 2);
  const size_t n = csv_write(buffer.data(), buffer.size(), value.data(), value.size());
  out->append(buffer.data(), n);
  out->append(last ? "\r\n" : ",");
}

std::string Plain(const Json& v) {
  if (v.is_null()) return "";
  return v.is_string() ? v.get<std::string>() : v.dump();
}

std::string Span(const Json& item) { return item.contains("span") ? item["span"].dump() : ""; }

// libical's text of a component, freed.
std::string IcalText(icalcomponent* c) {
  char* text = icalcomponent_as_ical_string_r(c);
  std::string out(text ? text : "");
  free(text);
  return out;
}

icaltimetype DateOf(const std::string& iso_day) {
  icaltimetype t = icaltime_null_date();
  t.year = std::atoi(iso_day.substr(0, 4).c_str());
  t.month = std::atoi(iso_day.substr(5, 2).c_str());
  t.day = std::atoi(iso_day.substr(8, 2).c_str());
  return t;
}

// The day an event stands on, and its recurrence, for an ISO value: the last
// day of a month, quarter or year; "--06-30" yearly and "---20" monthly from
// the document's own date.  False when there is none.
bool EventDay(const std::string& value, const std::string& document_date, icaltimetype* day,
              icalrecurrencetype_frequency* frequency) {
  *frequency = ICAL_NO_RECURRENCE;
  if (auto bounds = IsoBounds(value)) {
    *day = DateOf(bounds->second);
    return true;
  }
  if (document_date.size() != 10) return false;
  std::string iso;
  if (value.size() == 7 && value.substr(0, 2) == "--") {
    iso = document_date.substr(0, 4) + value.substr(1);
    *frequency = ICAL_YEARLY_RECURRENCE;
  } else if (value.size() == 5 && value.substr(0, 3) == "---") {
    iso = document_date.substr(0, 8) + value.substr(3);
    *frequency = ICAL_MONTHLY_RECURRENCE;
  }
  if (iso.empty() || !IsoBounds(iso)) return false;
  *day = DateOf(iso);
  return true;
}

std::string Event(const std::string& uid, const icaltimetype& day, icalrecurrencetype_frequency frequency,
                  const std::string& summary, const std::string& description) {
  icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
  icaltimetype stamp = day;
  stamp.is_date = 0;
  stamp.hour = stamp.minute = stamp.second = 0;
  stamp.zone = icaltimezone_get_utc_timezone();
  icalcomponent_add_property(event, icalproperty_new_dtstamp(stamp));
  icalcomponent_add_property(event, icalproperty_new_dtstart(day));
  icaltimetype next = day;
  icaltime_adjust(&next, 1, 0, 0, 0);
  icalcomponent_add_property(event, icalproperty_new_dtend(next));
  if (frequency != ICAL_NO_RECURRENCE) {
    icalrecurrencetype rule;
    icalrecurrencetype_clear(&rule);
    rule.freq = frequency;
    icalcomponent_add_property(event, icalproperty_new_rrule(rule));
  }
  icalcomponent_add_property(event, icalproperty_new_summary(summary.c_str()));
  icalcomponent_add_property(event, icalproperty_new_description(description.c_str()));
  std::string text = IcalText(event);
  icalcomponent_free(event);
  return text;
}

std::string Cut(const std::string& s, size_t bytes) {
  if (s.size() <= bytes) return s;
  size_t space = s.rfind(' ', bytes);
  return s.substr(0, space == std::string::npos ? bytes : space) + " …";
}

}  // namespace

bool KnownCsvTable(const std::string& table) { return !Columns(table).empty(); }

std::string CsvHeader(const std::string& table) {
  std::string out = "\xEF\xBB\xBF";  // so that Excel reads UTF-8
  const std::vector<Column>& columns = Columns(table);
  for (size_t i = 0; i < columns.size(); ++i) Field(columns[i].name, i + 1 == columns.size(), &out);
  return out;
}

std::string RecordToCsv(const Json& record, const std::string& table) {
  const std::vector<Column>& columns = Columns(table);
  const Json& doc = record["document"];
  const std::string number = doc.is_object() ? Plain(doc["number"]) : "";
  std::string out;
  for (const Json& item : record[table]) {
    for (size_t i = 0; i < columns.size(); ++i) {
      const std::string key = columns[i].key;
      const std::string value = key.empty() ? (i == 0 ? number : Plain(record["source"]["path"]))
                                            : item.contains(key) ? Plain(item[key]) : "";
      Field(value, i + 1 == columns.size(), &out);
    }
  }
  return out;
}

std::string IcsBegin() { return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//vbhc//vbhc//VI\r\nCALSCALE:GREGORIAN\r\n"; }

std::string IcsEnd() { return "END:VCALENDAR\r\n"; }

std::string RecordToIcs(const Json& record) {
  const Json& doc = record["document"];
  const std::string number = doc.is_object() ? Plain(doc["number"]) : "";
  const std::string document_date = doc.is_object() ? Plain(doc["date"]) : "";
  const std::string where = (number.empty() ? Plain(record["source"]["path"]) : number);
  const std::string uid_base = Plain(record["source"]["sha256"]).substr(0, 16);
  std::string out;
  std::vector<std::pair<size_t, size_t>> task_spans;
  size_t n = 0;
  for (const Json& t : record["tasks"]) {
    task_spans.emplace_back(t["span"][0].get<size_t>(), t["span"][1].get<size_t>());
    icaltimetype day;
    icalrecurrencetype_frequency frequency;
    if (!t["deadline"].is_string() || !EventDay(t["deadline"].get<std::string>(), document_date, &day, &frequency)) continue;
    out += Event(uid_base + "-t" + std::to_string(n++) + "@vbhc", day, frequency,
                 Plain(t["lead"]) + ": " + Cut(Plain(t["task"]), 120),
                 "Nhiệm vụ giao tại " + where + ". Thời hạn: " + VietnameseDate(t["deadline"].get<std::string>()) + ".");
  }
  n = 0;
  for (const Json& d : record["deadlines"]) {
    const size_t begin = d["span"][0].get<size_t>(), end = d["span"][1].get<size_t>();
    bool in_task = false;
    for (const auto& [tb, te] : task_spans) in_task = in_task || (tb <= begin && end <= te);
    icaltimetype day;
    icalrecurrencetype_frequency frequency;
    if (in_task || !EventDay(Plain(d["value"]), document_date, &day, &frequency)) continue;
    out += Event(uid_base + "-d" + std::to_string(n++) + "@vbhc", day, frequency,
                 "Thời hạn: " + Cut(Plain(d["text"]), 120) + " (" + where + ")",
                 "Thời hạn nêu tại " + where + ": " + VietnameseDate(Plain(d["value"])) + ".");
  }
  return out;
}

}  // namespace vbhc
