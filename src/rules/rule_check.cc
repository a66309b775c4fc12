#include "rules/rule_check.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "rules/values.h"
#include "text/encoding.h"

namespace vbhc {
namespace {

// Fields that are copied as written and so cannot survive the loss of
// diacritics; accentless checks skip them.
bool KeepsDiacritics(const std::string& field) {
  return field == "issuer" || field == "place" || field == "subject" || field == "unit";
}

std::string FieldString(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return v.dump();
}

std::string StripDiacritics(const std::string& text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) FoldCodePoint(DecodeUtf8(text, &pos), &out, /*keep_case=*/true);
  return out;
}

std::string Location(const Rule& rule, const RuleExample& e) {
  return e.where.str() +
         ": " + rule.id + ": ";
}

std::vector<std::pair<Span, Json>> ItemsOf(const RuleSet& rules, const Rule& rule,
                                           const std::string& text, bool accentless) {
  const NormalizedText normalized = Normalize(text, {ToneStyle::kOfficial, true});
  MatchInput input = MatchInput::ForView(normalized, accentless);
  std::vector<std::pair<Span, Json>> out;
  for (const RuleMatch& m : rules.Match(input)) {
    if (m.rule != &rule) continue;
    std::string warning;
    if (auto fields = BuildFields(m, rules, &warning)) out.emplace_back(m.span, *fields);
  }
  return out;
}

bool FieldsMatch(const Json& fields, const std::map<std::string, std::string>& expected,
                 bool accentless) {
  for (const auto& [key, value] : expected) {
    if (accentless && KeepsDiacritics(key)) continue;
    if (!fields.contains(key)) return value == "null";
    if (FieldString(fields[key]) != value) return false;
  }
  return true;
}

// Returns the first match of `re` in `text` (whole, by `anchor`) in *whole
// and the span, inside `text`, that it yields: its `item` group when it has
// one (RuleSet::Match), else the whole match.
std::optional<std::pair<size_t, size_t>> YieldedSpan(const RE2& re, const std::string& text, RE2::Anchor anchor,
                                                     re2::StringPiece* whole) {
  std::vector<re2::StringPiece> groups(re.NumberOfCapturingGroups() + 1);
  if (!re.Match(text, 0, text.size(), anchor, groups.data(), static_cast<int>(groups.size()))) return std::nullopt;
  *whole = groups[0];
  const int item = YieldedGroup(re);
  const re2::StringPiece& yielded = groups[item].data() ? groups[item] : groups[0];
  const size_t begin = yielded.data() - text.data();
  return std::make_pair(begin, begin + yielded.size());
}

// Returns a message when another rule of the same dimension and priority
// matches the very text this rule matches in `text` and yields the same
// span: which one wins would then depend on file order alone.
std::string AmbiguousTie(const RuleSet& rules, const Rule& rule, const std::string& text) {
  re2::StringPiece whole;
  const auto span = YieldedSpan(*rule.re, text, RE2::UNANCHORED, &whole);
  if (!span) return {};
  const std::string matched(whole.data(), whole.size());
  const size_t offset = whole.data() - text.data();
  for (const auto& other : rules.rules()) {
    if (other.get() == &rule || other->dimension != rule.dimension ||
        other->priority != rule.priority) {
      continue;
    }
    re2::StringPiece other_whole;
    const auto other_span = YieldedSpan(*other->re, matched, RE2::ANCHOR_BOTH, &other_whole);
    if (other_span && other_span->first + offset == span->first && other_span->second + offset == span->second) {
      return "ambiguous: '" + matched + "' is matched as a whole by " + other->id +
             " with the same priority; give one a priority";
    }
  }
  return {};
}

}  // namespace

size_t RuleCheckReport::failed() const {
  return std::count_if(results.begin(), results.end(),
                       [](const ExampleResult& r) { return !r.passed; });
}

std::vector<std::string> DescribeRuleItems(const RuleSet& rules, const Rule& rule,
                                           const std::string& text, bool accentless) {
  std::vector<std::string> out;
  for (const auto& [span, fields] : ItemsOf(rules, rule, text, accentless)) {
    out.push_back(fields.dump());
  }
  return out;
}

RuleCheckReport CheckRules(const RuleSet& rules, const std::vector<std::string>& corpus) {
  RuleCheckReport report;
  // The accentless view is compiled on first use; here, before any example.
  for (const std::string& e : rules.AccentlessErrors()) {
    report.results.push_back({nullptr, "accentless view compiles", "", false, e});
  }
  std::vector<bool> fired(rules.rules().size(), false);
  for (const std::string& doc : corpus) {
    DecodedInput decoded = DecodeInput(doc);
    NormalizedText n = Normalize(decoded.identity ? std::string_view(doc) : std::string_view(decoded.text),
                                 {ToneStyle::kOfficial, true});
    MatchInput input = MatchInput::For(n);
    for (const RuleMatch& m : rules.Match(input)) {
      for (size_t i = 0; i < rules.rules().size(); ++i) {
        if (rules.rules()[i].get() == m.rule) fired[i] = true;
      }
    }
  }
  for (size_t i = 0; i < rules.rules().size(); ++i) {
    const Rule& rule = *rules.rules()[i];
    std::string where = rule.where.str() + ": " + rule.id + ": ";
    if (rule.examples.empty() || rule.counter_examples.empty()) {
      report.results.push_back({&rule, "has examples", "", false,
                                where + "a rule needs at least one example and one counter-example"});
    }
    if (!corpus.empty() && !fired[i]) {
      report.results.push_back({&rule, "fires on the corpus", "", false,
                                where + "never fires on the corpus"});
    }
    for (const RuleExample& e : rule.examples) {
      for (bool accentless : {false, true}) {
        std::string text = accentless ? StripDiacritics(e.text) : e.text;
        ExampleResult r{&rule, accentless ? "accentless example" : "example", text, false, ""};
        auto items = ItemsOf(rules, rule, text, accentless);
        for (const auto& [span, fields] : items) {
          if (FieldsMatch(fields, e.expected, accentless)) r.passed = true;
        }
        if (!r.passed) {
          std::string got;
          for (const auto& [span, fields] : items) got += (got.empty() ? "" : " ") + fields.dump();
          r.message = Location(rule, e) + r.what + " '" + text + "' gives " +
                      (got.empty() ? std::string("nothing") : got);
        }
        report.results.push_back(r);
        if (!accentless) {
          std::string tie =
              AmbiguousTie(rules, rule, Normalize(text, {ToneStyle::kOfficial, true}).text);
          if (!tie.empty()) {
            report.results.push_back({&rule, "unambiguous", text, false, Location(rule, e) + tie});
          }
        }
      }
    }
    for (const RuleExample& e : rule.counter_examples) {
      ExampleResult r{&rule, "counter-example", e.text, true, ""};
      auto items = ItemsOf(rules, rule, e.text, false);
      if (!items.empty()) {
        r.passed = false;
        r.message = Location(rule, e) + "counter-example '" + e.text + "' gives " +
                    items.front().second.dump();
      }
      report.results.push_back(r);
    }
  }
  return report;
}

}  // namespace vbhc
