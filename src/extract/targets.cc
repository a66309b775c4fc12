#include "extract/targets.h"

#include <algorithm>
#include <cmath>

#include "extract/cues.h"
#include "extract/item_index.h"
#include "extract/structure.h"

namespace vbhc {
namespace {

// Returns `v` as a JSON integer when it is whole ("100", not "100.0").
Json NumberJson(double v) { return std::floor(v) == v ? Json(static_cast<int64_t>(v)) : Json(v); }

// A numbered line of fewer words than this, with no stop, is a sub-heading.
constexpr long kSubHeadingWords = 12;

bool Contains(Span outer, Span inner) {
  return outer.begin <= inner.begin && inner.end <= outer.end;
}

// How far a target's scope reaches around it.  Real sentences and goal
// paragraphs are far shorter; the bound keeps a 50 MB one-line input linear.
constexpr size_t kScopeBytes = 3000;

Span Clamp(Span s, size_t center_begin, size_t center_end) {
  size_t lo = center_begin > kScopeBytes ? center_begin - kScopeBytes : 0;
  return {std::max(s.begin, lo), std::min(s.end, center_end + kScopeBytes)};
}

struct Candidate {
  const RuleMatch* match;
  Span value_span;
  Json fields;
  Span sentence;
};

// A subject as written, on one line, without the spaces and commas around
// it, and at most ~240 bytes.
std::string TidySubject(std::string_view raw) {
  std::string subject(raw);
  for (char& c : subject) {
    if (c == '\n') c = ' ';
  }
  size_t b = subject.find_first_not_of(" ,");
  size_t e = subject.find_last_not_of(" ,");
  subject = b == std::string::npos ? std::string() : subject.substr(b, e - b + 1);
  if (subject.size() > 240) {
    size_t space = subject.rfind(' ', 240);
    subject = subject.substr(0, space == std::string::npos ? 240 : space) + " …";
  }
  return subject;
}

// What surrounds one candidate value: the spans that may govern it, the
// items inside them, and the keys of the text before and after it in its
// clause.
struct Scope {
  Span sentence, paragraph;
  size_t clause_begin = 0, clause_end = 0;
  std::string before, after;          // keys: clause start -> value, value -> clause end
  std::optional<Span> heading;        // the section heading above, clamped
  std::optional<Span> lead_in;        // the line ending with ':' over its list item
  std::vector<const Item*> deadlines, periods;  // inside the paragraph
};

// The targets of one document: each `target_value` match is scoped, kept
// when a goal governs it, and given its comparator, deadline and subject.
class TargetFinder {
 public:
  TargetFinder(const Structure& structure, const KeyedText& keyed, const std::vector<Item>& items,
               const std::vector<RuleMatch>& matches, const RuleSet& rules, bool accentless);

  std::vector<Item> Run(const std::vector<const RuleMatch*>& values);

 private:
  std::string Keyed(Span s) const;
  Scope ScopeOf(const RuleMatch& m) const;
  bool IsGoal(const RuleMatch& m, const Scope& scope) const;
  bool ContinuesCounts(const Scope& scope) const;
  bool GoalVerbBefore(const Scope& scope) const;
  std::string Recurrence(const RuleMatch& m, const Scope& scope) const;
  std::optional<Span> LeadInOf(size_t pos) const;
  std::string Comparator(const RuleMatch& m, const Scope& scope) const;
  Json GoverningDeadline(const RuleMatch& m, const Scope& scope) const;
  const Item* DeadlineInSentence(const RuleMatch& m, const Scope& scope) const;
  const Item* YearInSentence(const RuleMatch& m, const Scope& scope) const;
  std::string Subject(const RuleMatch& m, const Scope& scope) const;
  std::string SubjectBefore(const RuleMatch& m, const Scope& scope) const;
  Json Fields(const RuleMatch& m, const Scope& scope) const;

  const RuleSet& rules_;
  const bool accentless_;
  const Structure& structure_;
  const std::string& flat_;
  const KeyedText& keyed_;
  Cues comparators_, after_, goals_, section_goals_, reports_, reports_after_, recurrences_,
      stops_, changes_, connectors_, indicators_, predicates_, not_units_,
      goal_verbs_, not_after_, criteria_, recurrences_after_;
  std::vector<Item> target_years_;
  ItemIndex deadline_index_, period_index_, year_index_;
  const Item* plan_period_ = nullptr;
  std::vector<Candidate> accepted_;
};

TargetFinder::TargetFinder(const Structure& structure, const KeyedText& keyed, const std::vector<Item>& items,
                           const std::vector<RuleMatch>& matches, const RuleSet& rules,
                           bool accentless)
    : rules_(rules),
      accentless_(accentless),
      structure_(structure),
      flat_(structure_.text()),
      keyed_(keyed),
      comparators_(rules, "comparator_cues", accentless),
      after_(rules, "comparator_after", accentless),
      goals_(rules, "goal_cues", accentless),
      section_goals_(rules, "section_goal_cues", accentless),
      reports_(rules, "report_cues", accentless),
      reports_after_(rules, "report_after_cues", accentless),
      recurrences_(rules, "recurrence_cues", accentless),
      stops_(rules, "subject_stops", accentless),
      changes_(rules, "change_cues", accentless),
      connectors_(rules, "subject_connectors", accentless),
      indicators_(rules, "indicator_cues", accentless),
      predicates_(rules, "indicator_predicates", accentless),
      not_units_(rules, "count_not_units", accentless),
      goal_verbs_(rules, "count_goal_verbs", accentless),
      not_after_(rules, "count_not_after", accentless),
      criteria_(rules, "criteria_cues", accentless),
      recurrences_after_(rules, "recurrence_after", accentless) {
  // "Các chỉ tiêu chủ yếu năm 2024": the year a list of targets is set for.
  target_years_ = ItemsOfDimension(matches, rules, "target_year");
  for (const Item& y : target_years_) year_index_.Add(&y);
  year_index_.Sort();
  for (const Item& item : items) {
    if (item.dimension == "deadline" && !item.fields.contains("recurrence")) deadline_index_.Add(&item);
    if (item.dimension == "period") period_index_.Add(&item);
  }
  deadline_index_.Sort();
  period_index_.Sort();
  for (const Item* p : period_index_.all()) {
    if (p->fields["kind"] == "period") {
      plan_period_ = p;
      break;
    }
  }
}

std::string TargetFinder::Keyed(Span s) const { return keyed_.Key(s); }

Scope TargetFinder::ScopeOf(const RuleMatch& m) const {
  Scope s;
  const Capture& value = m.groups.at("value");
  s.sentence = Clamp(structure_.SentenceOf(value.span.begin), m.span.begin, m.span.end);
  s.paragraph = Clamp(structure_.ParagraphOf(value.span.begin), m.span.begin, m.span.end);
  s.deadlines = deadline_index_.Within(s.paragraph);
  s.periods = period_index_.Within(s.paragraph);
  // The clause: back to the last , ; : ( in the sentence.
  s.clause_begin = s.sentence.begin;
  for (size_t i = m.span.begin; i > s.sentence.begin; --i) {
    char c = flat_[i - 1];
    if (c == ',' || c == ';' || c == ':' || c == '(') {
      s.clause_begin = i;
      break;
    }
  }
  s.before = Keyed({s.clause_begin, m.span.begin});
  s.clause_end = flat_.find_first_of(",;.", m.span.end);
  if (s.clause_end == std::string::npos || s.clause_end > s.sentence.end) s.clause_end = s.sentence.end;
  s.after = Keyed({m.span.end, s.clause_end});
  s.heading = structure_.HeadingOf(value.span.begin);
  s.lead_in = LeadInOf(value.span.begin);
  if (s.heading) *s.heading = Clamp(*s.heading, s.heading->begin, s.heading->begin);
  return s;
}

// Results, rates and thresholds are not goals.  A goal is stated in the
// sentence, earlier in its paragraph, or by the section heading above it; or
// a comparator leads to the value with a deadline in the sentence.
bool TargetFinder::IsGoal(const RuleMatch& m, const Scope& s) const {
  // "phấn đấu giải ngân đạt 100% kế hoạch vốn": a goal stated in the clause
  // itself measures against the plan, not a result.
  const bool goal_in_clause = goals_.Find(s.before) != nullptr;
  if (reports_.Find(s.before) || reports_.AtStart(s.after) ||
      (!goal_in_clause && reports_after_.AtStart(s.after))) {
    return false;
  }
  // "cao hơn so với bình quân chung của cả nước (54,4%)": a figure alone in
  // brackets compares like the clause before the bracket.
  if (s.clause_begin > s.sentence.begin && flat_[s.clause_begin - 1] == '(' &&
      s.before.find_first_not_of(' ') == std::string::npos) {
    size_t outer = s.clause_begin - 1;
    while (outer > s.sentence.begin && std::string_view(",;:(").find(flat_[outer - 1]) == std::string_view::npos) --outer;
    if (reports_.Find(Keyed({outer, s.clause_begin - 1}))) return false;
  }
  // A list below "… đáp ứng ít nhất 01 trong 02 tiêu chí sau đây:" sets
  // criteria; one below "Mục tiêu …:" or "Phấn đấu đến năm 2025:" goals.
  const std::string lead_in = s.lead_in ? Keyed(*s.lead_in) : std::string();
  if (!lead_in.empty() && criteria_.Find(lead_in) && !section_goals_.Find(lead_in)) return false;
  bool goal = goals_.Find(Keyed({s.paragraph.begin, s.sentence.end})) != nullptr;
  if (!goal && s.heading) goal = section_goals_.Find(Keyed(*s.heading)) != nullptr;
  if (!goal && !lead_in.empty()) goal = goals_.Find(lead_in) || section_goals_.Find(lead_in);
  bool deadline_in_sentence = std::any_of(s.deadlines.begin(), s.deadlines.end(), [&](const Item* d) {
    return Contains(s.sentence, d->span);
  });
  // A goal verb's count is a goal with a deadline in its sentence ("hoàn
  // thành 5.000 km vào năm 2030"), when it recurs ("tổ chức 02 hội nghị/năm")
  // and as a planned quantity of a list or table ("- Lắp đặt mới: 120 trạm").
  const bool verb_count = m.groups.count("unit") && GoalVerbBefore(s);
  const Paragraph::Kind kind = structure_.paragraphs()[structure_.IndexOf(m.span.begin)].kind;
  const bool planned = verb_count && (!Recurrence(m, s).empty() || kind == Paragraph::kListItem ||
                                      kind == Paragraph::kTableRow);
  if (!goal && !planned && !(deadline_in_sentence && (comparators_.AtEnd(s.before) || verb_count))) return false;
  // A bare count ("20 mô hình") is a goal as the object of a goal verb or
  // continuing counted goals; a describing count ("có 22 phòng nội vụ") is not.
  const auto bare = m.rule->set.find("bare");
  return bare == m.rule->set.end() || GoalVerbBefore(s) || ContinuesCounts(s);
}

// Returns the lead-in of the list item holding `pos`: the line ending with
// ':' that the items of its marker above it lead back to ("Phấn đấu đến năm
// 2025:", "- Thôn miền núi là thôn đáp ứng … tiêu chí sau đây:").
std::optional<Span> TargetFinder::LeadInOf(size_t pos) const {
  const std::vector<Paragraph>& ps = structure_.paragraphs();
  size_t i = structure_.IndexOf(pos);
  if (i >= ps.size() || ps[i].kind != Paragraph::kListItem) return std::nullopt;
  auto marker = [&](const Paragraph& p) { return flat_.substr(p.span.begin, std::min<size_t>(1, p.body.begin - p.span.begin)); };
  const std::string own = marker(ps[i]);
  while (i-- > 0) {
    if (ps[i].kind == Paragraph::kBlank || (ps[i].kind == Paragraph::kListItem && marker(ps[i]) == own)) continue;
    const size_t last = flat_.find_last_not_of(" *_", ps[i].span.end - 1);
    if (last == std::string::npos || last < ps[i].span.begin) return std::nullopt;
    // A sub-heading passes down to its list too: "2. Tầm nhìn đến năm 2045".
    const std::string_view body(flat_.data() + ps[i].body.begin, ps[i].body.size());
    const bool sub_heading = ps[i].kind == Paragraph::kListItem && ps[i].body.begin > ps[i].span.begin &&
                             std::count(body.begin(), body.end(), ' ') < kSubHeadingWords &&
                             std::string_view(".;,").find(flat_[last]) == std::string_view::npos;
    if (flat_[last] != ':' && !sub_heading) return std::nullopt;
    return ps[i].span;
  }
  return std::nullopt;
}

// Returns whether a goal verb stands right before the value in its clause,
// or before the ':' that opens the clause ("Lắp đặt mới: 120 trạm").
bool TargetFinder::GoalVerbBefore(const Scope& s) const {
  if (goal_verbs_.AtEnd(s.before)) return true;
  if (s.before.find_first_not_of(' ') != std::string::npos || s.clause_begin == 0 ||
      flat_[s.clause_begin - 1] != ':') {
    return false;
  }
  const size_t from = std::max(s.sentence.begin, s.paragraph.begin);
  return s.clause_begin - 1 > from && goal_verbs_.AtEnd(Keyed({from, s.clause_begin - 1}));
}

// The recurrence of a value: a cue before it in its sentence ("Mỗi năm tổ
// chức …") or right after it ("02 hội nghị/năm"); "" for none.
std::string TargetFinder::Recurrence(const RuleMatch& m, const Scope& s) const {
  // Not beyond a ';' after which a deadline of its own comes first ("Hằng
  // năm tổ chức tập huấn; đến năm 2030 đạt 100% …"); a list of counted goals
  // shares it ("Mỗi năm … ít nhất từ 10 …; 5 công chức …").
  size_t from = s.sentence.begin;
  if (size_t semicolon = flat_.rfind(';', m.span.begin); semicolon != std::string::npos && semicolon > from) {
    const bool own_deadline = std::any_of(s.deadlines.begin(), s.deadlines.end(), [&](const Item* d) {
      return d->span.begin > semicolon && d->span.end <= m.span.begin;
    });
    if (own_deadline) from = semicolon + 1;
  }
  std::string recurrence = Attr(recurrences_.Find(Keyed({from, m.span.begin})), "recurrence");
  if (recurrence.empty()) recurrence = Attr(recurrences_after_.AtStart(s.after), "recurrence");
  return recurrence;
}

// A bare count is a goal only at the head of its clause, continuing a list
// of counted goals in the same sentence ("ít nhất 10 …; 5 …").
bool TargetFinder::ContinuesCounts(const Scope& s) const {
  if (s.before.find_first_not_of(" -+") != std::string::npos) return false;
  return std::any_of(accepted_.begin(), accepted_.end(), [&](const Candidate& c) {
    return c.sentence == s.sentence && c.fields["metric"] == "count";
  });
}

std::string TargetFinder::Comparator(const RuleMatch& m, const Scope& s) const {
  std::string comparator = "=";
  if (const VocabEntry* cue = comparators_.AtEnd(s.before)) comparator = Attr(cue, "comparator");
  if (m.groups.count("cue")) {
    if (const VocabEntry* cue = comparators_.AtEnd(CueKey(m.groups.at("cue").text, accentless_))) {
      comparator = Attr(cue, "comparator");
    }
  }
  if (const VocabEntry* cue = after_.AtStart(s.after)) comparator = Attr(cue, "comparator");
  return comparator;
}

// The deadline in the value's sentence that governs it: its own clause
// before the value, its own clause after it ("02 lớp … trong tháng
// 6/2025"), the sentence before it; else a period stated in the sentence
// ("Trong giai đoạn 2026 - 2030 phấn đấu …"): the plan's own span before a
// horizon ("giai đoạn 2021 - 2030, tầm nhìn đến năm 2045, phấn đấu …":
// 2030), a horizon when it is the only one; else the sentence after it.
const Item* TargetFinder::DeadlineInSentence(const RuleMatch& m, const Scope& s) const {
  const Item* best = nullptr;
  for (const Item* d : s.deadlines) {
    if (d->span.begin >= s.clause_begin && d->span.end <= m.span.begin) best = d;
  }
  if (best) return best;
  for (const Item* d : s.deadlines) {
    if (d->span.begin >= m.span.end && d->span.end <= s.clause_end) return d;
  }
  // "năm 2026 đạt 40%, năm 2027 đạt 60%, đến năm 2030 đạt 100%": a year
  // named in the value's own clause governs it before the sentence's others.
  if (std::vector<const Item*> years = year_index_.Within({s.clause_begin, m.span.begin}); !years.empty()) {
    return years.back();
  }
  for (const Item* d : s.deadlines) {
    if (Contains(s.sentence, d->span) && d->span.end <= m.span.begin) best = d;
  }
  if (best) return best;
  for (bool horizon : {false, true}) {
    for (const Item* p : s.periods) {
      if (Contains(s.sentence, p->span) && p->span.end <= m.span.begin &&
          (p->fields["kind"] != "period") == horizon) {
        best = p;
      }
    }
    if (best) return best;
  }
  for (const Item* d : s.deadlines) {
    if (Contains(s.sentence, d->span) && d->span.begin >= m.span.end) return d;
  }
  return nullptr;
}

// A year named in the value's sentence: after it in its clause ("đạt 100%
// kế hoạch vốn năm 2025"), else before it ("chỉ tiêu … năm 2025, trong đó
// phấn đấu … (10%)").
const Item* TargetFinder::YearInSentence(const RuleMatch& m, const Scope& s) const {
  std::vector<const Item*> after = year_index_.Within({m.span.end, s.clause_end});
  if (!after.empty()) return after.front();
  std::vector<const Item*> before = year_index_.Within({s.sentence.begin, m.span.begin});
  return before.empty() ? nullptr : before.back();
}

// The governing deadline, by scope: the sentence, earlier in the paragraph
// ("Mục tiêu cụ thể đến năm 2025, … . 100% …"), the goal heading above the
// list, the year the targets are set for, the plan's period; else null.
Json TargetFinder::GoverningDeadline(const RuleMatch& m, const Scope& s) const {
  const Item* best = DeadlineInSentence(m, s);
  if (!best) best = YearInSentence(m, s);
  if (!best) {
    for (const Item* d : s.deadlines) {
      if (Contains(s.paragraph, d->span) && d->span.end <= m.span.begin) best = d;
    }
  }
  if (!best && s.lead_in) {
    for (const Item* d : deadline_index_.Within(*s.lead_in)) best = d;
    if (!best) {
      for (const Item* p : period_index_.Within(*s.lead_in)) best = p;
    }
  }
  if (!best && s.heading) {
    for (const Item* d : deadline_index_.Within(*s.heading)) best = d;
    // "2. Tầm nhìn đến năm 2045": a horizon heading gives its items its year.
    if (!best) {
      for (const Item* p : period_index_.Within(*s.heading)) best = p;
    }
  }
  if (!best) {
    for (const Item* y : year_index_.Within({s.paragraph.begin, m.span.begin})) best = y;
    if (!best && s.heading) {
      for (const Item* y : year_index_.Within(*s.heading)) best = y;
    }
  }
  if (best) return best->dimension == "period" ? best->fields["end"] : best->fields["value"];
  if (plan_period_) return plan_period_->fields["end"];
  return nullptr;
}

// The subject: what follows the value (and a comparator after it: "95% trở
// lên cán bộ") up to its predicate or clause end; else the indicator before.
std::string TargetFinder::Subject(const RuleMatch& m, const Scope& s) const {
  size_t subject_begin = m.span.end;
  size_t after_cue_end = 0;
  // A comparator ("trở lên") or a recurrence ("/năm") right after the value is not the subject.
  if (after_.AtStart(s.after, &after_cue_end) || recurrences_after_.AtStart(s.after, &after_cue_end)) {
    subject_begin += RawOffset(s.after, std::string_view(flat_).substr(m.span.end, s.clause_end - m.span.end),
                               after_cue_end);
  }
  size_t subject_end = flat_.find_first_of(";.", subject_begin);
  if (subject_end == std::string::npos || subject_end > s.sentence.end) subject_end = s.sentence.end;
  std::string tail = Keyed({subject_begin, subject_end});
  // Keys may differ in byte length from the text; cut on the text instead.
  std::string_view raw_tail(flat_.data() + subject_begin, subject_end - subject_begin);
  const size_t stop = stops_.FirstAt(tail);
  size_t cut = stop == std::string::npos ? raw_tail.size() : RawOffset(tail, raw_tail, stop);
  // A deadline ends the subject: "02 lớp tập huấn trong tháng 6/2024".
  // A subject that is only a later stage ("80%, cuối năm 2024 đạt …",
  // "80% và đến hết năm 2025 …") is then empty: it is the subject of the
  // next target in the sentence (Run).
  for (const Item* d : s.deadlines) {
    if (d->span.begin >= subject_begin && d->span.begin < subject_begin + cut) {
      cut = d->span.begin - subject_begin;
      while (true) {
        const std::string kept = Keyed({subject_begin, subject_begin + cut});
        size_t at = 0;
        if (!connectors_.AtEnd(kept, &at)) break;
        cut = RawOffset(kept, raw_tail, at);
      }
      break;
    }
  }
  std::string subject = TidySubject(raw_tail.substr(0, cut));
  return subject.empty() ? SubjectBefore(m, s) : subject;
}

// "Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98%": with nothing measured after
// the value, the indicator named before it in its clause, up to its
// predicate (the last one: "Tỷ lệ trường học đạt chuẩn quốc gia đạt trên
// 70%"), the comparator or a deadline.
std::string TargetFinder::SubjectBefore(const RuleMatch& m, const Scope& s) const {
  const size_t at = indicators_.FirstAt(s.before);
  if (at == std::string::npos) return {};
  std::string_view raw_before(flat_.data() + s.clause_begin, m.span.begin - s.clause_begin);
  size_t end = s.before.size();
  if (size_t p = predicates_.LastAt(s.before.substr(at)); p != std::string::npos && p > 0) end = at + p;
  if (size_t c; comparators_.AtEnd(s.before, &c) && c > at) end = std::min(end, c);
  const size_t from = RawOffset(s.before, raw_before, at);
  size_t to = RawOffset(s.before, raw_before, end);
  for (const Item* d : s.deadlines) {
    if (d->span.begin >= s.clause_begin + from && d->span.begin < s.clause_begin + to) {
      to = d->span.begin - s.clause_begin;
      break;
    }
  }
  return TidySubject(raw_before.substr(from, to - from));
}

Json TargetFinder::Fields(const RuleMatch& m, const Scope& s) const {
  Json fields = Json::object();
  const auto metric = m.rule->set.find("metric");
  const bool percent = metric != m.rule->set.end() && metric->second == "percent";
  fields["metric"] = percent ? "percent" : "count";
  // "ít nhất hai lớp": a small number in words (vocab number_words).
  const std::string& written = m.groups.at("value").text;
  fields["value"] = NumberJson(ParseVietnameseNumber(written).value_or(ParseSmallNumber(written, rules_).value_or(0)));
  if (auto max = m.groups.find("value_max"); max != m.groups.end()) {
    fields["value_max"] = NumberJson(ParseVietnameseNumber(max->second.text).value_or(0));
  }
  if (!percent && m.groups.count("unit")) fields["unit"] = m.groups.at("unit").text;
  fields["comparator"] = Comparator(m, s);
  // The direction of change the clause gives: "giảm ít nhất 10% số vụ" (the
  // last cue before the value: "tăng … để giảm 5%" is a decrease).
  const VocabEntry* change = nullptr;
  changes_.LastAt(s.before, &change);
  if (const std::string direction = Attr(change, "change"); !direction.empty()) fields["change"] = direction;
  std::string recurrence = Recurrence(m, s);
  if (recurrence.empty()) {
    fields["deadline"] = GoverningDeadline(m, s);
  } else {
    fields["deadline"] = nullptr;
    fields["recurrence"] = recurrence;
  }
  fields["subject"] = Subject(m, s);
  return fields;
}

std::vector<Item> TargetFinder::Run(const std::vector<const RuleMatch*>& values) {
  for (const RuleMatch* m : values) {
    // A count's unit is the noun after its number; some nouns there count
    // no goal: time, money, multiples ("ít nhất 2 năm", "trên 500 triệu đồng").
    if (auto unit = m->groups.find("unit"); unit != m->groups.end() && not_units_.AtStart(Keyed(unit->second.span))) {
      continue;
    }
    Scope scope = ScopeOf(*m);
    // "năm 2030 thành lập …", "Điều 5 …": a year or a label, not a count.
    if (m->groups.count("unit") && not_after_.AtEnd(scope.before)) continue;
    if (!IsGoal(*m, scope)) continue;
    accepted_.push_back({m, m->span, Fields(*m, scope), scope.sentence});
  }
  // Staged targets share the subject written after the last of them:
  // "đạt trên 80%, cuối năm 2024 đạt trên 90% và đến hết năm 2025 đạt 100% cán bộ …".
  for (size_t i = accepted_.size(); i-- > 0;) {
    Candidate& c = accepted_[i];
    if (c.fields["subject"] == "" && i + 1 < accepted_.size() && accepted_[i + 1].sentence == c.sentence) {
      c.fields["subject"] = accepted_[i + 1].fields["subject"];
    }
  }
  std::vector<Item> out;
  for (Candidate& c : accepted_) {
    if (c.fields["subject"] == "") c.fields.erase("subject");
    out.push_back({"target", c.match->rule->id, c.match->span, std::move(c.fields)});
  }
  return out;
}

}  // namespace

std::vector<Item> FindTargets(const Structure& structure, const KeyedText& keyed, const std::vector<Item>& items,
                              const std::vector<RuleMatch>& matches, const RuleSet& rules,
                              bool accentless, const std::string& reference_date) {
  std::vector<const RuleMatch*> values;
  for (const RuleMatch& m : matches) {
    if (m.rule->dimension == "target_value" || m.rule->dimension == "target_count_open") values.push_back(&m);
  }
  if (values.empty()) return {};
  std::vector<Item> targets = TargetFinder(structure, keyed, items, matches, rules, accentless).Run(values);
  if (reference_date.empty()) return targets;
  std::erase_if(targets, [&](const Item& t) {
    const Json& deadline = t.fields["deadline"];
    if (!deadline.is_string()) return false;
    const auto bounds = IsoBounds(deadline.get<std::string>());
    return bounds && bounds->second < reference_date;
  });
  return targets;
}

}  // namespace vbhc
