#include "rules/values.h"

#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

namespace vbhc {
namespace {

std::optional<int> Digits(std::string_view s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::optional<int> Roman(std::string_view s) {
  static const char* kRoman[] = {"I", "II", "III", "IV", "V", "VI",
                                 "VII", "VIII", "IX", "X", "XI", "XII"};
  std::string upper;
  for (char c : s) upper.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c));
  for (int i = 0; i < 12; ++i) {
    if (upper == kRoman[i]) return i + 1;
  }
  return std::nullopt;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

std::string Pad(int n, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, n);
  return buf;
}

const Capture* Group(const RuleMatch& m, const std::string& name) {
  auto it = m.groups.find(name);
  return it == m.groups.end() || it->second.text.empty() ? nullptr : &it->second;
}

std::string SetField(const RuleMatch& m, const std::string& name) {
  auto it = m.rule->set.find(name);
  return it == m.rule->set.end() ? std::string() : it->second;
}

// Reads the date parts named prefix+"day", … from the captures.
// A part of a period's start missing from the text is its end's when a
// finer part is written: "từ ngày 17 đến ngày 20 tháng 11 năm 2025" starts
// on 2025-11-17, "từ ngày 15/11 đến ngày 20/11/2025" on 2025-11-15; "từ năm
// 2021 đến tháng 6/2025" takes no month.  `shared_from` names the groups
// that lend them ("end_"), or "" for none.
std::optional<std::string> DateFromGroups(const RuleMatch& m, const RuleSet& rules,
                                          const std::string& prefix, std::string* warning,
                                          bool* any, const std::string& shared_from = "") {
  const Capture* y = Group(m, prefix + "year");
  const Capture* mo = Group(m, prefix + "month");
  const Capture* d = Group(m, prefix + "day");
  const Capture* q = Group(m, prefix + "quarter");
  *any = y || mo || d || q;
  if (!*any) return std::nullopt;
  if (!shared_from.empty()) {
    if (!mo && d) mo = Group(m, shared_from + "month");
    if (!y && (mo || d || q)) y = Group(m, shared_from + "year");
  }
  auto number = [&](const Capture* c) -> std::optional<int> {
    return c ? ParseSmallNumber(c->text, rules) : std::nullopt;
  };
  std::optional<int> year;
  if (y) {
    year = Digits(y->text);
    if (year && y->text.size() == 2) *year += 2000;  // "quý II/23"
  }
  return IsoDate(year, number(mo), number(d), number(q), warning);
}

std::string Trimmed(std::string_view s) {
  const std::string_view ws = " \n,;:.";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

// Collapses line breaks inside a captured phrase ("Ủy ban nhân\ndân").
std::string OneLine(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
  return Trimmed(out);
}

}  // namespace

std::optional<int> ParseSmallNumber(std::string_view text, const RuleSet& rules) {
  if (auto d = Digits(text)) return d;
  // Two digits a PDF copy split with a space ("tháng 0 5"): rules decide where.
  if (text.size() == 3 && text[1] == ' ') {
    if (auto d = Digits(std::string{text[0], text[2]})) return d;
  }
  if (auto r = Roman(text)) return r;
  for (const char* list : {"number_words", "english_months"}) {
    if (const VocabEntry* e = rules.LookupVocab(list, OneLine(text))) {
      auto it = e->attrs.find("value");
      if (it != e->attrs.end()) return Digits(it->second);
    }
  }
  return std::nullopt;
}

std::optional<std::string> IsoDate(std::optional<int> year, std::optional<int> month,
                                   std::optional<int> day, std::optional<int> quarter,
                                   std::string* warning) {
  if (quarter) {
    if (!year || *quarter < 1 || *quarter > 4) return std::nullopt;
    return std::to_string(*year) + "-Q" + std::to_string(*quarter);
  }
  if (month && (*month < 1 || *month > 12)) {
    if (warning) *warning = "impossible date: month " + std::to_string(*month);
    return std::nullopt;
  }
  if (day && (*day < 1 || *day > 31)) {
    if (warning) *warning = "impossible date: day " + std::to_string(*day);
    return std::nullopt;
  }
  if (day && month && *day > DaysIn(year.value_or(2000), *month)) {
    if (warning) {
      *warning = "impossible date: " + Pad(*day, 2) + "/" + Pad(*month, 2) +
                 (year ? "/" + std::to_string(*year) : std::string()) + " (month " +
                 std::to_string(*month) + " has " +
                 std::to_string(DaysIn(year.value_or(2000), *month)) + " days)";
    }
    return std::nullopt;
  }
  if (year && (*year < 1000 || *year > 2999)) return std::nullopt;
  if (year && month && day) return Pad(*year, 4) + "-" + Pad(*month, 2) + "-" + Pad(*day, 2);
  if (year && month) return Pad(*year, 4) + "-" + Pad(*month, 2);
  if (year && !day) return Pad(*year, 4);
  if (!year && month && day) return "--" + Pad(*month, 2) + "-" + Pad(*day, 2);
  if (!year && !month && day) return "---" + Pad(*day, 2);
  return std::nullopt;
}

std::string CanonicalNumber(std::string_view raw, const RuleSet& rules) {
  std::string compact;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t start = pos;
    char32_t c = DecodeUtf8(raw, &pos);
    if (c == ' ' || c == '\n') continue;
    if (c == 0x00D0) {
      AppendUtf8(0x0110, &compact);
      continue;
    }
    compact.append(raw.substr(start, pos - start));
  }
  // Restore diacritics of symbol codes typed without them (QD-UBND -> QĐ-UBND).
  std::string out;
  size_t token_start = 0;
  for (size_t i = 0; i <= compact.size(); ++i) {
    if (i < compact.size() && compact[i] != '/' && compact[i] != '-' && compact[i] != '&') continue;
    std::string token = compact.substr(token_start, i - token_start);
    bool ascii = !token.empty();
    for (char c : token) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    const VocabEntry* e = ascii ? rules.LookupVocab("symbol_codes", token) : nullptr;
    out += e ? e->text : token;
    if (i < compact.size()) out.push_back(compact[i]);
    token_start = i + 1;
  }
  return out;
}

std::string FollowingIssuer(std::string_view text, size_t pos, const RuleSet& rules,
                            bool accentless) {
  std::string_view rest = text.substr(std::min(pos, text.size()));
  size_t lead = rest.find_first_not_of(" \n");
  if (lead == std::string_view::npos) return {};
  rest.remove_prefix(lead);
  std::string first_word(rest.substr(0, rest.find_first_of(" \n")));
  if (FoldString(first_word) != "cua") return {};
  rest.remove_prefix(first_word.size());
  std::vector<std::string> words;
  size_t at = 0;
  while (words.size() < 10) {
    size_t b = rest.find_first_not_of(" \n", at);
    if (b == std::string_view::npos) break;
    size_t e = rest.find_first_of(" \n,;.:()|\"", b);
    if (e == std::string_view::npos) e = rest.size();
    if (e == b) break;
    std::string word(rest.substr(b, e - b));
    words.push_back(word);
    at = e;
    if (e < rest.size() && rest[e] != ' ' && rest[e] != '\n') break;
  }
  // Cut at the first stop word (also two-word stops: "về việc", "đối với").
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    auto stop = [&](const std::string& w) {
      return rules.LookupVocab("issuer_stops", w, /*keep_diacritics=*/!accentless) != nullptr;
    };
    if (stop(words[i]) || (i + 1 < words.size() && stop(words[i] + " " + words[i + 1]))) {
      break;
    }
    out += (out.empty() ? "" : " ") + words[i];
  }
  if (out.empty()) return {};
  size_t p = 0;
  char32_t c = DecodeUtf8(out, &p);
  std::string folded_first;
  FoldCodePoint(c, &folded_first, /*keep_case=*/true);
  if (folded_first.empty() || folded_first[0] < 'A' || folded_first[0] > 'Z') return {};
  return out;
}

std::optional<double> ParseVietnameseNumber(std::string_view text) {
  std::string s;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      s.push_back(c);
    } else if (c == ',') {
      s.push_back('.');
    } else if (c == '.') {
      continue;  // thousands separator in Vietnamese
    } else {
      return std::nullopt;
    }
  }
  if (s.empty() || s == ".") return std::nullopt;
  try {
    return std::stod(s);
  } catch (...) {
    return std::nullopt;
  }
}

std::string ExpandAbbreviations(std::string_view folded, const RuleSet& rules) {
  std::string out;
  size_t pos = 0;
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '&'; };
  while (pos < folded.size()) {
    if (!word_char(folded[pos])) {
      out.push_back(folded[pos++]);
      continue;
    }
    size_t end = pos;
    while (end < folded.size() && word_char(folded[end])) ++end;
    const std::string_view word = folded.substr(pos, end - pos);
    const VocabEntry* e = rules.LookupVocab("agency_abbreviations", word);
    auto expansion = e ? e->attrs.find("expansion") : decltype(e->attrs.end()){};
    if (e && expansion != e->attrs.end()) {
      out += FoldString(expansion->second);
    } else {
      out.append(word);
    }
    pos = end;
  }
  return out;
}

std::optional<std::pair<std::string, std::string>> IsoBounds(std::string_view iso) {
  auto number = [&](size_t at, size_t n) -> int {
    if (at + n > iso.size()) return -1;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(iso[i]))) return -1;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  auto last_day = [](int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
  };
  auto day = [](int year, int month, int d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, d);
    return std::string(buf);
  };
  const int year = number(0, 4);
  if (year < 0) return std::nullopt;
  if (iso.size() == 4) return std::make_pair(day(year, 1, 1), day(year, 12, 31));
  if (iso.size() == 7 && iso[4] == '-' && iso[5] == 'Q' && iso[6] >= '1' && iso[6] <= '4') {
    const int q = iso[6] - '0';
    return std::make_pair(day(year, 3 * q - 2, 1), day(year, 3 * q, last_day(year, 3 * q)));
  }
  const int month = number(5, 2);
  if (iso[4] != '-' || month < 1 || month > 12) return std::nullopt;
  if (iso.size() == 7) return std::make_pair(day(year, month, 1), day(year, month, last_day(year, month)));
  const int d = number(8, 2);
  if (iso.size() != 10 || iso[7] != '-' || d < 1 || d > last_day(year, month)) return std::nullopt;
  return std::make_pair(day(year, month, d), day(year, month, d));
}

std::optional<std::pair<std::string, std::string>> UserDateBounds(std::string_view text) {
  if (auto iso = IsoBounds(text)) return iso;
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == '/' || c == '-' || c == '.') {
      parts.emplace_back();
    } else {
      parts.back().push_back(c);
    }
  }
  auto two = [](const std::string& s) { return s.size() == 1 ? "0" + s : s; };
  std::string iso;
  if (parts.size() == 3 && parts[2].size() == 4) {
    iso = parts[2] + "-" + two(parts[1]) + "-" + two(parts[0]);  // d/m/yyyy
  } else if (parts.size() == 2 && parts[1].size() == 4 && !parts[0].empty() &&
             (parts[0][0] == 'Q' || parts[0][0] == 'q')) {
    iso = parts[1] + "-Q" + parts[0].substr(1);  // Q4/2025
  } else if (parts.size() == 2 && parts[1].size() == 4) {
    iso = parts[1] + "-" + two(parts[0]);  // m/yyyy
  } else {
    return std::nullopt;
  }
  return IsoBounds(iso);
}

std::optional<Json> BuildFields(const RuleMatch& m, const RuleSet& rules,
                                std::string* warning) {
  const std::string& dimension = m.rule->dimension;
  Json fields = Json::object();
  bool any = false;
  if (dimension == "date" || dimension == "deadline" || dimension == "target_year" ||
      dimension == "task_time") {
    auto iso = DateFromGroups(m, rules, "", warning, &any);
    if (!iso) return std::nullopt;
    std::string recurrence = SetField(m, "recurrence");
    std::string anchor = SetField(m, "anchor");
    if (anchor == "year_end" && iso->size() == 4) *iso += "-12-31";
    // "cuối quý II/2026" -> 2026-06-30.
    if (anchor == "quarter_end" && iso->size() == 7 && (*iso)[5] == 'Q') {
      if (const auto bounds = IsoBounds(*iso)) *iso = bounds->second;
    }
    // "YYYY-MM" only: not "--06-30" (a yearly day) nor "2023-Q2".
    auto digit = [&](size_t i) { return std::isdigit(static_cast<unsigned char>((*iso)[i])) != 0; };
    if (anchor == "month_end" && iso->size() == 7 && digit(0) && digit(5) && digit(6)) {
      const int year = std::stoi(iso->substr(0, 4)), month = std::stoi(iso->substr(5, 2));
      if (month < 1 || month > 12) return std::nullopt;  // DateFromGroups checks; a rule file is untrusted
      const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      iso->push_back('-');
      iso->append(std::to_string(month == 2 && leap ? 29 : kDays[month - 1]));
    }
    if (dimension == "date" && (iso->size() < 7 || (*iso)[0] == '-')) return std::nullopt;
    if (dimension == "deadline" && (*iso)[0] == '-' && recurrence.empty()) return std::nullopt;
    fields["value"] = *iso;
    if (!recurrence.empty()) fields["recurrence"] = recurrence;
    return fields;
  }
  if (dimension == "period") {
    bool any_start = false, any_end = false;
    auto start = DateFromGroups(m, rules, "start_", warning, &any_start, "end_");
    auto end = DateFromGroups(m, rules, "end_", warning, &any_end);
    if (!end || (any_start && !start)) return std::nullopt;
    if (start && *start > *end) return std::nullopt;
    if (start && start->size() == 4 && std::stoi(*end) - std::stoi(*start) > 50) return std::nullopt;
    fields["start"] = start ? Json(*start) : Json(nullptr);
    fields["end"] = *end;
    std::string kind = SetField(m, "kind");
    fields["kind"] = kind.empty() ? "period" : kind;
    return fields;
  }
  if (dimension == "reference" || dimension == "header_number") {
    const Capture* number = Group(m, "number");
    if (!number) return std::nullopt;
    fields["number"] = CanonicalNumber(number->text, rules);
    if (const Capture* type = Group(m, "type")) {
      const VocabEntry* e = rules.LookupVocab("doc_types", OneLine(type->text));
      if (!e) e = rules.LookupVocabAttr("doc_types", "code", OneLine(type->text));
      fields["type"] = e ? e->text : OneLine(type->text);
    } else if (std::string t = SetField(m, "type"); !t.empty()) {
      fields["type"] = t;
    }
    auto date = DateFromGroups(m, rules, "", warning, &any);
    if (date) fields["date"] = *date;
    if (const Capture* issuer = Group(m, "issuer")) fields["issuer"] = OneLine(issuer->text);
    return fields;
  }
  if (dimension == "header_date") {
    auto date = DateFromGroups(m, rules, "", warning, &any);
    if (!date || date->size() != 10) return std::nullopt;
    fields["value"] = *date;
    if (const Capture* place = Group(m, "place")) fields["place"] = OneLine(place->text);
    return fields;
  }
  // Other dimensions (masks, cue words): the captures as written.
  for (const auto& [name, capture] : m.groups) fields[name] = OneLine(capture.text);
  for (const auto& [name, value] : m.rule->set) fields[name] = value;
  return fields;
}

}  // namespace vbhc
