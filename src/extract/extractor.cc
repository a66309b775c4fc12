#include "extract/extractor.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cmath>

#include "extract/cues.h"
#include "extract/header.h"
#include "extract/structure.h"
#include "extract/targets.h"
#include "extract/tasks.h"

namespace vbhc {
namespace {

bool Overlaps(Span a, Span b) { return a.begin < b.end && b.begin < a.end; }

// How far from the top a byline's date may stand.
constexpr size_t kBylineReach = 2000;

// The dimensions a record lists, in record order, with their JSON key.
struct DimensionKey {
  const char* dimension;
  const char* key;
};
constexpr DimensionKey kRecordDimensions[] = {
    {"reference", "references"}, {"date", "dates"},      {"period", "periods"},
    {"deadline", "deadlines"},   {"target", "targets"},    {"task", "tasks"},
};

// The document's reference time: its header's date, else the date a byline
// gives ("date: Thu, 02 Jan 2025", "Cập nhật ngày 05/3/2025", vocab
// byline_cues) near the top; "" when none.
std::string ReferenceDate(const Analysis& a, const RuleSet& rules) {
  if (a.document.is_object() && a.document["date"].is_string()) return a.document["date"];
  const Cues bylines(rules, "byline_cues", a.accentless);
  for (const Item& item : a.items) {
    if (item.dimension != "date" || item.span.begin > kBylineReach) continue;
    const std::string& value = item.fields["value"].get_ref<const std::string&>();
    if (value.size() != 10) continue;
    const size_t from = item.span.begin > 40 ? item.span.begin - 40 : 0;
    const size_t line = a.normalized.text.rfind('\n', item.span.begin);
    const size_t begin = line == std::string::npos || line < from ? from : line + 1;
    if (bylines.Find(CueKey(std::string_view(a.normalized.text).substr(begin, item.span.begin - begin), a.accentless))) {
      return value;
    }
  }
  return {};
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(2 * length, '0');
  for (unsigned int i = 0; i < length; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0xF];
  }
  return hex;
}

// The year the document's title names ("Kế hoạch cải cách hành chính năm
// 2026": the plan's own time), or "" when it names none, several, a span
// ("năm 2026 - 2030") or a school year ("năm học 2025-2026"), or when its
// type reports rather than plans (vocab title_year_not_plan).
std::string PlanYear(const Analysis& a, const RuleSet& rules) {
  if (!a.document.is_object() || !a.document["title"].is_string()) return {};
  if (a.document["type"].is_string() && rules.LookupVocab("title_year_not_plan", a.document["type"].get<std::string>())) {
    return {};
  }
  const std::string title = FoldString(a.document["title"].get<std::string>());
  std::string year;
  for (size_t at = title.find("nam "); at != std::string::npos; at = title.find("nam ", at + 1)) {
    if (at > 0 && std::isalnum(static_cast<unsigned char>(title[at - 1]))) continue;
    const size_t digits = at + 4;
    if (digits + 4 > title.size() || !std::all_of(title.begin() + digits, title.begin() + digits + 4, ::isdigit)) continue;
    if (digits + 4 < title.size() && std::isalnum(static_cast<unsigned char>(title[digits + 4]))) continue;
    const size_t after = title.find_first_not_of(' ', digits + 4);
    if (after != std::string::npos && (title[after] == '-' || title.compare(after, 3, "\xE2\x80\x93") == 0)) return {};
    const std::string found = title.substr(digits, 4);
    if (!year.empty() && year != found) return {};
    year = found;
  }
  return year;
}

Analysis Extractor::Analyze(std::string_view bytes) const {
  Analysis a;
  a.decoded = DecodeInput(bytes, options_.encoding);
  std::string_view text = a.decoded.identity ? bytes : std::string_view(a.decoded.text);
  a.normalized = Normalize(text, options_.normalize);
  for (const Warning& w : a.normalized.warnings) a.warnings.push_back({a.TextToOriginal(w.span), w.message});
  MatchInput input = options_.force_view < 0
                         ? MatchInput::For(a.normalized)
                         : MatchInput::ForView(a.normalized, options_.force_view == 1);
  a.accentless = input.folded != nullptr;
  std::string error;
  a.matches = rules_.Match(input, &error);
  if (!error.empty()) a.warnings.push_back({{0, 0}, error});

  std::vector<Span> masks;
  for (const RuleMatch& m : a.matches) {
    if (m.rule->dimension == "mask") masks.push_back(m.span);
  }
  auto masked = [&](Span s) {
    return std::any_of(masks.begin(), masks.end(), [&](Span k) { return Overlaps(k, s); });
  };

  Span own_number;
  a.document = FindHeader(a.normalized, a.matches, rules_, &own_number);

  for (const RuleMatch& m : a.matches) {
    const std::string& dim = m.rule->dimension;
    bool listed = std::any_of(std::begin(kRecordDimensions), std::end(kRecordDimensions),
                              [&](const DimensionKey& d) { return dim == d.dimension; });
    if (!listed || masked(m.span)) continue;
    // The header's own "Số: …" is document.number, not a reference.
    if (dim == "reference" && own_number.size() > 0 && Overlaps(m.span, own_number)) continue;
    std::string warning;
    std::optional<Json> fields = BuildFields(m, rules_, &warning);
    if (!fields) {
      if (!warning.empty()) {
        a.warnings.push_back({a.ToOriginal(m.span), warning});
      }
      continue;
    }
    if (dim == "reference" && !fields->contains("issuer")) {
      std::string issuer = FollowingIssuer(a.normalized.text, m.span.end, rules_, a.accentless);
      if (!issuer.empty()) (*fields)["issuer"] = issuer;
    }
    a.items.push_back({dim, m.rule->id, m.span, std::move(*fields)});
  }
  // One structure of the document, and the keys of its text, for the
  // semantic passes: targets, then tasks (which read the targets' deadlines).
  const Structure structure(a.normalized.text);
  const KeyedText keyed(structure.text(), a.accentless);
  std::vector<Item> found =
      FindTargets(structure, keyed, a.items, a.matches, rules_, a.accentless, ReferenceDate(a, rules_), PlanYear(a, rules_));
  std::vector<Item> tasks = FindTasks(structure, keyed, a.items, a.matches, rules_, a.accentless);
  for (Item& t : tasks) found.push_back(std::move(t));
  // A target inside a mask (a web address, a file name) is none; a task is
  // a sentence or a block, which may hold a masked number (issue #17: a
  // blank "Quyết định số /2025/QĐ-UBND" in a task lost the task).
  for (Item& t : found) {
    if (t.dimension == "task" || !masked(t.span)) a.items.push_back(std::move(t));
  }
  std::stable_sort(a.items.begin(), a.items.end(),
                   [](const Item& x, const Item& y) { return x.span.begin < y.span.begin; });
  return a;
}

Json Extractor::Record(const Analysis& a, std::string_view bytes, const std::string& path) {
  return RecordOf(a, a.items, bytes, path);
}

Json Extractor::Record(Analysis&& a, std::string_view bytes, const std::string& path) {
  std::vector<Item> items = std::move(a.items);
  return RecordOf(a, std::move(items), bytes, path);
}

Json Extractor::RecordOf(const Analysis& a, std::vector<Item> items, std::string_view bytes,
                         const std::string& path) {
  Json record = Json::object();
  record["schema"] = "vbhc.plan/1";
  record["source"] = {{"path", path},
                      {"bytes", bytes.size()},
                      {"sha256", Sha256Hex(bytes)},
                      {"encoding", a.decoded.encoding},
                      {"encoding_confidence", std::round(a.decoded.confidence * 100) / 100}};
  record["document"] = a.document;
  for (const DimensionKey& d : kRecordDimensions) record[d.key] = Json::array();
  for (Item& item : items) {
    Json out = std::move(item.fields);
    // The text is the original bytes; for a legacy encoding, their UTF-8.
    Span in_text = a.normalized.map.ToSource(item.span);
    Span original = a.TextToOriginal(in_text);
    out["text"] = a.decoded.identity ? std::string(bytes.substr(original.begin, original.size()))
                                     : a.decoded.text.substr(in_text.begin, in_text.size());
    out["span"] = {original.begin, original.end};
    out["rule"] = item.rule;
    for (const DimensionKey& d : kRecordDimensions) {
      if (item.dimension == d.dimension) record[d.key].push_back(std::move(out));
    }
  }
  Json warnings = Json::array();
  for (const Warning& w : a.warnings) {
    warnings.push_back({{"span", {w.span.begin, w.span.end}}, {"message", w.message}});
  }
  record["warnings"] = std::move(warnings);
  return record;
}

Json Extractor::Extract(std::string_view bytes, const std::string& path) const {
  return Record(Analyze(bytes), bytes, path);
}

}  // namespace vbhc
