#include "extract/header.h"

#include <algorithm>
#include <string>

#include "extract/cues.h"
#include "text/normalizer.h"
#include "text/vietnamese.h"

namespace vbhc {
namespace {

// How far around the `Số:` line the other header parts may stand.
constexpr size_t kHeaderBefore = 1500;
constexpr size_t kHeaderAfter = 2000;
// How far below the number's line a letter's "V/v …" line may stand.
constexpr size_t kSubjectLineReach = 300;
// How many wrapped lines may follow it.
constexpr size_t kSubjectLineWraps = 3;
// How many lines a title may take (the longest amend several documents).
constexpr size_t kTitleLines = 16;

// Strips markdown and table decoration: "| **QUYẾT ĐỊNH** |" -> "QUYẾT ĐỊNH".
std::string StripDecoration(std::string_view line) {
  const std::string_view junk = " |#*_-\t";
  size_t b = line.find_first_not_of(junk);
  if (b == std::string_view::npos) return {};
  size_t e = line.find_last_not_of(junk);
  return std::string(line.substr(b, e - b + 1));
}

// Returns line `line` of `text` without its decoration.
std::string StrippedLine(std::string_view text, Span line) {
  return StripDecoration(text.substr(line.begin, line.size()));
}

std::vector<Span> Lines(const std::string& text, size_t from, size_t to) {
  std::vector<Span> lines;
  size_t pos = from;
  while (pos < to) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string::npos || nl > to ? to : nl;
    lines.push_back({pos, end});
    pos = end + 1;
  }
  return lines;
}

// The first two words of each motto (vocab mottos) in capitals, as written
// and without accents: "CỘNG"/"HÒA", "CONG"/"HOA", "ĐẢNG"/"CỘNG", …
using MottoWords = std::vector<std::pair<std::string, std::string>>;

MottoWords MottoWordsOf(const RuleSet& rules) {
  MottoWords words;
  for (const VocabEntry& motto : rules.Vocab("mottos")) {
    for (const std::string& form : {UpperCase(motto.text), UpperCase(FoldString(motto.text))}) {
      const size_t first = form.find(' ');
      if (first == std::string::npos) continue;
      const size_t second = form.find(' ', first + 1);
      words.emplace_back(form.substr(0, first), form.substr(first + 1, second == std::string::npos ? second : second - first - 1));
    }
  }
  return words;
}

// Returns where a motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN
// VIỆT NAM") starts in `s` (the last one, or the first with `first`), or
// npos.  Its words may stand apart by spaces, line breaks or emphasis
// ("**CỘNG\nHÒA XÃ HỘI"); accentless copies write "CONG HOA".
size_t FindMotto(std::string_view s, bool first, const MottoWords& mottos) {
  size_t found = std::string_view::npos;
  for (const auto& [one, two] : mottos) {
    size_t at = first ? s.find(one) : s.rfind(one);
    while (at != std::string_view::npos) {
      size_t p = at + one.size();
      while (p < s.size() && (s[p] == ' ' || s[p] == '\n' || s[p] == '*' || s[p] == '_')) ++p;
      if (p > at + one.size() && s.substr(p, two.size()) == two) break;
      at = first ? s.find(one, at + 1) : (at == 0 ? std::string_view::npos : s.rfind(one, at - 1));
    }
    if (at != std::string_view::npos && (found == std::string_view::npos || (first ? at < found : at > found))) found = at;
  }
  return found;
}

// The issuer stands before "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": upper-case
// segments (lines or table cells), e.g. "BỘ TÀI CHÍNH" + "TỔNG CỤC THUẾ".
// A header table copied column by column puts the left column first (the
// issuer, then "Số: …") and the national motto after the number: then the
// issuer stands right before the number's line.
std::vector<std::string> FindIssuer(const std::string& text, size_t region_begin, size_t number_begin,
                                    size_t region_end, const MottoWords& mottos) {
  std::string region = text.substr(region_begin, number_begin - region_begin);
  size_t marker = FindMotto(region, /*first=*/false, mottos);
  if (marker == std::string::npos) {
    // Column order: only when the motto follows, so that a "Số: …" line
    // outside an official header takes no issuer.
    if (FindMotto(std::string_view(text).substr(number_begin, region_end - number_begin), /*first=*/true, mottos) ==
        std::string_view::npos) {
      return {};
    }
    marker = region.size();
  }
  std::string before = region.substr(0, marker);
  std::vector<std::string> segments;  // lines and table cells
  size_t pos = 0;
  while (pos <= before.size()) {
    size_t next = before.find_first_of("|\n", pos);
    if (next == std::string::npos) next = before.size();
    segments.push_back(StripDecoration(std::string_view(before).substr(pos, next - pos)));
    pos = next + 1;
  }
  // Upward from the motto: lines of capitals, one blank line allowed between
  // two of them (bold markup split off: "**ỦY BAN NHÂN DÂN\n**\nTỈNH …").
  std::vector<std::string> issuer;
  size_t blanks = 0;
  for (auto it = segments.rbegin(); it != segments.rend(); ++it) {
    std::string s = *it;
    size_t dashes = s.find("---");
    if (dashes != std::string::npos) s = StripDecoration(s.substr(0, dashes));
    if (s.empty()) {
      if (!issuer.empty() && ++blanks > 1) break;
      continue;
    }
    if (HasLowercaseLetter(s) || issuer.size() >= 4) break;
    issuer.insert(issuer.begin(), s);
    blanks = 0;
  }
  return issuer;
}

std::string JoinLines(const std::vector<std::string>& lines, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) out += (out.empty() ? "" : " ") + lines[i];
  return out;
}

// Returns the number of words of `s`.
size_t Words(std::string_view s) {
  size_t words = 0;
  for (size_t i = 0; i < s.size(); ++i) words += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
  return words;
}

// Sets the issuer from its header lines: the last line that begins a body
// (vocab issuer_bodies: "TỔNG CỤC THUẾ", "SỞ GIÁO DỤC VÀ ĐÀO TẠO") starts
// it, and the lines above, two words at least, name its parent body ("BỘ TÀI
// CHÍNH"; not "VĂN" over "PHÒNG CHÍNH PHỦ"); in a header copied flat, the last
// body that may begin inside a line.
void SetIssuer(const std::vector<std::string>& lines, const RuleSet& rules, Json* doc) {
  if (lines.empty()) return;
  const Cues bodies(rules, "issuer_bodies", /*accentless=*/true);
  const std::string all = JoinLines(lines, 0, lines.size());
  size_t split = 0;  // where the issuer starts in `all`
  for (size_t i = lines.size(), at = all.size(); i-- > 1;) {
    at -= lines[i].size() + 1;
    if (bodies.AtStart(CueKey(lines[i], /*accentless=*/true)) && Words(all.substr(0, at)) >= 2) {
      split = at + 1;
      break;
    }
  }
  if (split == 0) {
    for (size_t at = all.find(' '); at != std::string::npos; at = all.find(' ', at + 1)) {
      const VocabEntry* body = bodies.AtStart(CueKey(all.substr(at + 1), /*accentless=*/true));
      if (!body || Attr(body, "inline") != "yes" || Words(all.substr(0, at)) < 2) continue;
      split = at + 1;
      // "TỔNG CỤC THUẾ": the body's own words hold no other ("CỤC THUẾ").
      for (size_t w = 1; w < Words(body->text) && at != std::string::npos; ++w) at = all.find(' ', at + 1);
      if (at == std::string::npos) break;
    }
  }
  (*doc)["issuer"] = all.substr(split);
  if (split > 0) (*doc)["issuer_parent"] = all.substr(0, split - 1);
}

// The header_date match nearest to the number (one before it counts
// double), within the header region.
const RuleMatch* NearestDate(const std::vector<RuleMatch>& matches, const RuleMatch& number,
                             size_t region_begin, size_t region_end) {
  const RuleMatch* date = nullptr;
  size_t best = SIZE_MAX;
  for (const RuleMatch& m : matches) {
    if (m.rule->dimension != "header_date") continue;
    if (m.span.end < region_begin || m.span.begin > region_end) continue;
    size_t distance = m.span.begin > number.span.begin ? m.span.begin - number.span.begin
                                                       : 2 * (number.span.begin - m.span.begin);
    if (distance < best) {
      best = distance;
      date = &m;
    }
  }
  return date;
}

// Returns the type named by line `i` of `lines`, or by it joined with the
// next when the type word wraps ("QUYẾT / ĐỊNH"); *taken is then the lines
// it takes.
const VocabEntry* TypeLine(const std::string& text, const std::vector<Span>& lines, size_t i,
                           const RuleSet& rules, size_t* taken) {
  const std::string line = StrippedLine(text, lines[i]);
  if (line.empty() || line.size() > 40) return nullptr;
  *taken = 1;
  if (const VocabEntry* type = rules.LookupVocab("doc_types", line)) return type;
  if (i + 1 >= lines.size()) return nullptr;
  const std::string next = StrippedLine(text, lines[i + 1]);
  if (next.empty() || line.size() + next.size() > 40 || HasLowercaseLetter(line + next)) return nullptr;
  *taken = 2;
  return rules.LookupVocab("doc_types", line + " " + next);
}

// Returns whether title line `j` begins the body instead (vocab title_ends:
// the signer's title, also wrapped: "THỦ / TƯỚNG CHÍNH PHỦ điện:"; "Căn cứ
// …", "Kính gửi"), or is prose under a title of capitals.
bool EndsTitle(const std::string& text, const std::vector<Span>& lines, size_t j, const std::string& title,
               const Cues& ends) {
  const std::string t = StrippedLine(text, lines[j]);
  if (ends.AtStart(CueKey(t, /*accentless=*/true))) return true;
  if (j + 1 < lines.size() && ends.AtStart(CueKey(t + " " + StrippedLine(text, lines[j + 1]), true))) {
    return true;
  }
  return !HasLowercaseLetter(title) && HasLowercaseLetter(t);
}

// Type line: a line after `after` that is exactly a document type
// ("QUYẾT ĐỊNH"); the lines below it, up to a blank line or the body, are
// the title.
void FindTypeLine(const std::string& text, size_t after, size_t region_end, const RuleSet& rules,
                  Json* doc) {
  std::vector<Span> lines = Lines(text, after, region_end);
  for (size_t i = 0; i < lines.size(); ++i) {
    size_t taken = 1;
    const VocabEntry* type = TypeLine(text, lines, i, rules, &taken);
    if (!type) continue;
    (*doc)["type"] = type->text;
    const Cues ends(rules, "title_ends", /*accentless=*/true);
    // "NGHỊ QUYẾT / CỦA BỘ CHÍNH TRỊ": who issues it goes with the type line.
    const Cues issuers(rules, "type_line_issuers", /*accentless=*/true);
    if (i + taken < lines.size()) {
      const std::string below = StrippedLine(text, lines[i + taken]);
      if (!HasLowercaseLetter(below) && issuers.AtStart(CueKey(below, /*accentless=*/true))) ++taken;
    }
    std::string title;
    for (size_t j = i + taken; j < lines.size() && j < i + taken + kTitleLines; ++j) {
      std::string t = StrippedLine(text, lines[j]);
      if (t.empty()) {
        if (title.empty()) continue;
        break;
      }
      if (!title.empty() && EndsTitle(text, lines, j, title, ends)) break;
      title += (title.empty() ? "" : " ") + t;
    }
    if (!title.empty()) (*doc)["title"] = title;
    return;
  }
}

// A letter's subject line "V/v …" stands on the number's line or, in a
// header copied column by column, on one of the lines right below it.
// Returns it from "V/v" on, or "" when there is none.
std::string SubjectLine(const std::string& text, const RuleMatch& number, size_t region_end) {
  const std::string number_line = text.substr(number.span.begin,
                                              text.find('\n', number.span.end) - number.span.begin);
  if (size_t vv = number_line.find("V/v"); vv != std::string::npos) return number_line.substr(vv);
  const size_t below = std::min(text.size(), number.span.begin + number_line.size() + 1);
  const std::vector<Span> lines_below = Lines(text, below, region_end);
  for (size_t i = 0; i < lines_below.size() && lines_below[i].begin < below + kSubjectLineReach; ++i) {
    std::string subject_line = StrippedLine(text, lines_below[i]);
    if (subject_line.rfind("V/v", 0) != 0) continue;
    // It goes on over wrapped lines (prose) to the end of its table cell
    // ("|"), a blank line, the motto, or the place and date.
    for (size_t j = i + 1; j < lines_below.size() && j <= i + kSubjectLineWraps; ++j) {
      std::string more = StrippedLine(text, lines_below[j]);
      if (more.empty() || !HasLowercaseLetter(more) || more.rfind("Độc lập", 0) == 0 ||
          more.find(", ngày") != std::string::npos || more.find("Kính gửi") != std::string::npos) {
        break;
      }
      subject_line += " " + more;
    }
    return subject_line;
  }
  return {};
}

// No type line: a title line may name the type ("# Công văn số 2638/…"),
// by a reference to the document's own number; else a letter (Công văn)
// says "V/v …".
Json TypeWithoutTypeLine(const std::vector<RuleMatch>& matches, const RuleSet& rules,
                         const Json& number, bool has_subject_line) {
  std::string ignored;
  for (const RuleMatch& m : matches) {
    if (m.rule->dimension != "reference" || !m.groups.count("type")) continue;
    if (CanonicalNumber(m.groups.at("number").text, rules) != number) continue;
    std::optional<Json> f = BuildFields(m, rules, &ignored);
    if (f && f->contains("type")) return (*f)["type"];
    break;
  }
  return has_subject_line ? Json("Công văn") : Json(nullptr);
}

}  // namespace

Json FindHeader(const NormalizedText& normalized, const std::vector<RuleMatch>& matches,
                const RuleSet& rules, Span* own_number) {
  const std::string& text = normalized.text;
  const RuleMatch* number = nullptr;
  for (const RuleMatch& m : matches) {
    if (m.rule->dimension == "header_number") {
      number = &m;
      break;
    }
  }
  if (!number) return nullptr;
  std::string ignored;
  std::optional<Json> number_fields = BuildFields(*number, rules, &ignored);
  if (!number_fields) return nullptr;
  *own_number = number->groups.count("number") ? number->groups.at("number").span : number->span;

  size_t region_begin = number->span.begin > kHeaderBefore ? number->span.begin - kHeaderBefore : 0;
  size_t region_end = std::min(text.size(), number->span.end + kHeaderAfter);

  Json doc = Json::object();
  doc["type"] = nullptr;
  doc["number"] = (*number_fields)["number"];
  doc["issuer"] = nullptr;
  doc["place"] = nullptr;
  doc["date"] = nullptr;
  doc["title"] = nullptr;

  size_t after = number->span.end;
  if (const RuleMatch* date = NearestDate(matches, *number, region_begin, region_end)) {
    std::optional<Json> f = BuildFields(*date, rules, &ignored);
    if (f) {
      doc["date"] = (*f)["value"];
      if (f->contains("place")) doc["place"] = (*f)["place"];
    }
    after = std::max(after, date->span.end);
  }
  FindTypeLine(text, after, region_end, rules, &doc);
  const std::string subject_line = SubjectLine(text, *number, region_end);
  if (doc["type"].is_null()) doc["type"] = TypeWithoutTypeLine(matches, rules, doc["number"], !subject_line.empty());
  if (doc["title"].is_null() && !subject_line.empty()) {
    std::string t = StripDecoration(subject_line.substr(0, subject_line.find('|')));
    if (!t.empty()) doc["title"] = t;
  }
  // Header lines of PDF copies have their letters split ("B Ộ LAO ĐỘNG"): repaired here only.
  std::vector<std::string> issuer = FindIssuer(text, region_begin, number->span.begin, region_end, MottoWordsOf(rules));
  for (std::string& line : issuer) line = JoinSplitLetters(line);
  SetIssuer(issuer, rules, &doc);
  if (doc["title"].is_string()) doc["title"] = JoinSplitLetters(doc["title"].get<std::string>());
  return doc;
}

}  // namespace vbhc
