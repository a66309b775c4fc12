#include "extract/targets.h"

#include <algorithm>
#include <cmath>

#include "extract/cues.h"
#include "extract/item_index.h"
#include "extract/scope.h"
#include "extract/structure.h"

namespace vbhc {
namespace {

// Returns `v` as a JSON integer when it is whole ("100", not "100.0").
Json NumberJson(double v) { return std::floor(v) == v ? Json(static_cast<int64_t>(v)) : Json(v); }

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

// A unit the count rule cut short ("300 tổ hợp | tác") runs on by at most
// this many words before the "và" of the next count.
constexpr long kUnitTailWords = 2;

// What surrounds one candidate value: the spans that may govern it
// (TimeScope) and the keys of the text before and after it in its clause.
struct Context {
  Scope at;
  std::string before, after;  // keys: clause start -> value, value -> clause end
};

// Where a target's deadline is looked for, nearest first: a deadline read
// with the value inside it ("đưa vào khai thác trên 3.000 km … trong năm
// 2025"), its clause (before
// the value, then after it: "02 lớp … trong tháng 6/2025"; then a plan period
// after it: "xây mới 12 phòng học trong giai đoạn 2026 - 2028"), a year named in
// its clause ("năm 2026 đạt 40%, năm 2027 đạt 60%"), its sentence before it,
// else a period stated there ("Trong giai đoạn 2026 - 2030 phấn đấu …": the
// plan's own span before a horizon), its sentence after it; a year named in
// the sentence ("đạt 100% kế hoạch vốn năm 2025"); earlier in its paragraph
// ("Mục tiêu cụ thể đến năm 2025, … . 100% …"); the lead-in over its list
// and the heading above it (a horizon heading gives its items its year:
// "2. Tầm nhìn đến năm 2045"); the year its list of targets is set for; then
// (Fields) the year the document's title names ("Kế hoạch … năm 2026": the
// plan's own time) and the plan's period (kPlanLadder).
constexpr TimeScope::Step kTargetLadder[] = {
    {TimeScope::kAround, TimeScope::kFixedDeadline},
    {TimeScope::kClauseBefore, TimeScope::kFixedDeadline},
    {TimeScope::kClauseAfter, TimeScope::kFixedDeadline},
    {TimeScope::kClauseAfter, TimeScope::kPlanPeriod},
    {TimeScope::kClauseBefore, TimeScope::kYear},
    {TimeScope::kSentenceBefore, TimeScope::kFixedDeadline},
    {TimeScope::kSentenceBefore, TimeScope::kPlanPeriod},
    {TimeScope::kSentenceBefore, TimeScope::kHorizon},
    {TimeScope::kSentenceAfter, TimeScope::kFixedDeadline},
    {TimeScope::kClauseAfter, TimeScope::kYear},
    {TimeScope::kSentenceBefore, TimeScope::kYear},
    {TimeScope::kParagraphBefore, TimeScope::kFixedDeadline},
    {TimeScope::kLeadIn, TimeScope::kFixedDeadline},
    {TimeScope::kLeadIn, TimeScope::kAnyPeriod},
    {TimeScope::kHeading, TimeScope::kFixedDeadline},
    {TimeScope::kHeading, TimeScope::kAnyPeriod},
    {TimeScope::kParagraphBefore, TimeScope::kYear},
    {TimeScope::kHeading, TimeScope::kYear},
};
constexpr TimeScope::Step kPlanLadder[] = {{TimeScope::kDocument, TimeScope::kPlanPeriod}};

// Returns whether `pos` stands inside quotes opened in its sentence: the
// name of a campaign or a programme ("phong trào thi đua “Hoàn thành 3.000
// km đường cao tốc”"), not a goal of the plan.
bool InsideQuotes(const std::string& text, Span sentence, size_t pos) {
  bool straight = false;
  int curly = 0;
  for (size_t i = sentence.begin; i < pos && i < text.size(); ++i) {
    if (text[i] == '"') straight = !straight;
    if (text.compare(i, 3, "\u201C") == 0) ++curly;
    if (text.compare(i, 3, "\u201D") == 0 && curly > 0) --curly;
  }
  return straight || curly > 0;
}

// The targets of one document: each `target_value` match is scoped, kept
// when a goal governs it, and given its comparator, deadline and subject.
class TargetFinder {
 public:
  TargetFinder(const Structure& structure, const KeyedText& keyed, const std::vector<Item>& items,
               const std::vector<RuleMatch>& matches, const RuleSet& rules, bool accentless,
               std::string plan_year);

  std::vector<Item> Run(const std::vector<const RuleMatch*>& values);

 private:
  std::string Keyed(Span s) const;
  Context ContextOf(const RuleMatch& m) const;
  bool IsGoal(const RuleMatch& m, const Context& c) const;
  bool IsResult(const RuleMatch& m, const Context& c) const;
  bool ContinuesCounts(const RuleMatch& m, const Context& c) const;
  bool TimedObject(const RuleMatch& m, const Context& c) const;
  bool GoalVerbBefore(const Context& c) const;
  std::string Recurrence(const RuleMatch& m, const Context& c) const;
  std::string Comparator(const RuleMatch& m, const Context& c) const;
  std::string Subject(const RuleMatch& m, const Context& c) const;
  std::string SubjectBefore(const RuleMatch& m, const Context& c) const;
  const Item* FirstDeadlineFrom(size_t from, const Context& c) const;
  Json Fields(const RuleMatch& m, const Context& c) const;

  const RuleSet& rules_;
  const std::string plan_year_;  // the year the document's title names, or ""
  const bool accentless_;
  const Structure& structure_;
  const std::string& flat_;
  const KeyedText& keyed_;
  Cues comparators_, after_, goals_, section_goals_, reports_, reports_after_, recurrences_,
      stops_, changes_, connectors_, indicators_, predicates_, not_units_,
      goal_verbs_, not_after_, criteria_, recurrences_after_, timed_verbs_, reports_opening_, done_after_, awards_,
      baselines_before_, baselines_after_;
  std::vector<Item> target_years_;
  TimeScope scope_;
  std::vector<Candidate> accepted_;
};

TargetFinder::TargetFinder(const Structure& structure, const KeyedText& keyed, const std::vector<Item>& items,
                           const std::vector<RuleMatch>& matches, const RuleSet& rules,
                           bool accentless, std::string plan_year)
    : rules_(rules),
      plan_year_(std::move(plan_year)),
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
      recurrences_after_(rules, "recurrence_after", accentless),
      timed_verbs_(rules, "count_timed_verbs", accentless),
      reports_opening_(rules, "report_sentence_cues", accentless),
      done_after_(rules, "report_done_after", accentless),
      awards_(rules, "award_criteria_cues", accentless),
      baselines_before_(rules, "baseline_before", accentless),
      baselines_after_(rules, "baseline_after", accentless),
      scope_(structure, items) {
  // "Các chỉ tiêu chủ yếu năm 2024": the year a list of targets is set for.
  target_years_ = ItemsOfDimension(matches, rules, "target_year");
  for (const Item& y : target_years_) scope_.Add(TimeScope::kYear, &y);
  scope_.Sort();
}
std::string TargetFinder::Keyed(Span s) const { return keyed_.Key(s); }

Context TargetFinder::ContextOf(const RuleMatch& m) const {
  Context c;
  c.at = scope_.Of(m.span);
  c.before = Keyed({c.at.clause.begin, m.span.begin});
  c.after = Keyed({m.span.end, c.at.clause.end});
  return c;
}

// Results, rates and thresholds are not goals.  A goal is stated in the
// sentence, earlier in its paragraph, or by the section heading above it; or
// a comparator leads to the value with a deadline in the sentence.
// Returns whether a value reports a result or sets a rate or criterion: a
// report cue in its clause or opening its sentence ("Đến nay, 100% các xã
// …", "9 tháng đầu năm 2025, …"), done work after it ("100% các xã đã
// có"), an award's criterion ("Tập thể được tặng Bằng khen phải có 100%
// …"), a measure against the plan without a goal in the clause, the value a
// change starts from ("tăng từ 85% lên 95%").
bool TargetFinder::IsResult(const RuleMatch& m, const Context& s) const {
  // "phấn đấu giải ngân đạt 100% kế hoạch vốn": a goal stated in the clause
  // itself measures against the plan, not a result; so does a goal verb or
  // a goal sentence with its time in the clause ("trong năm 2026 hoàn thành
  // 100% kế hoạch vốn", "Phấn đấu …: đến 31/12/2026 đạt 100% kế hoạch vốn");
  // a past time is a result (FindTargets).
  const Span clause_before{s.at.clause.begin, m.span.begin};
  const bool timed = !scope_.Within(TimeScope::kYear, clause_before).empty() ||
                     !scope_.Within(TimeScope::kFixedDeadline, clause_before).empty();
  const bool goal_in_clause =
      goals_.Find(s.before) != nullptr ||
      (timed && (goal_verbs_.Find(s.before) || goals_.Find(Keyed({s.at.sentence.begin, m.span.begin}))));
  const std::string sentence_before = Keyed({s.at.sentence.begin, m.span.begin});
  if (reports_.Find(s.before) || reports_.AtStart(s.after) || done_after_.Find(s.after) ||
      reports_opening_.Find(sentence_before) || awards_.Find(sentence_before) ||
      (!goal_in_clause && reports_after_.AtStart(s.after)) ||
      (baselines_before_.AtEnd(s.before) && baselines_after_.AtStart(s.after))) {
    return true;
  }
  // "cao hơn so với bình quân chung của cả nước (54,4%)": a figure alone in
  // brackets compares like the clause before the bracket.
  if (s.at.clause.begin > s.at.sentence.begin && flat_[s.at.clause.begin - 1] == '(' &&
      s.before.find_first_not_of(' ') == std::string::npos) {
    size_t outer = s.at.clause.begin - 1;
    while (outer > s.at.sentence.begin && std::string_view(",;:(").find(flat_[outer - 1]) == std::string_view::npos) --outer;
    if (reports_.Find(Keyed({outer, s.at.clause.begin - 1}))) return true;
  }
  return false;
}

bool TargetFinder::IsGoal(const RuleMatch& m, const Context& s) const {
  if (IsResult(m, s)) return false;
  // A list below "… đáp ứng ít nhất 01 trong 02 tiêu chí sau đây:" sets
  // criteria; one below "Mục tiêu …:" or "Phấn đấu đến năm 2025:" goals.
  const std::string lead_in = s.at.lead_in ? Keyed(*s.at.lead_in) : std::string();
  if (!lead_in.empty() && criteria_.Find(lead_in) && !section_goals_.Find(lead_in)) return false;
  bool goal = goals_.Find(Keyed({s.at.paragraph.begin, s.at.sentence.end})) != nullptr;
  // "I. MỤC TIÊU" over "1. Lộ trình thực hiện" over "- Năm 2027: 70% …".
  for (const std::optional<Span>& heading : {s.at.heading, s.at.section}) {
    if (!goal && heading) goal = section_goals_.Find(Keyed(*heading)) != nullptr;
  }
  if (!goal && !lead_in.empty()) goal = goals_.Find(lead_in) || section_goals_.Find(lead_in);
  const bool deadline_in_sentence = !scope_.Within(TimeScope::kFixedDeadline, s.at.sentence).empty();
  // A goal verb's count is a goal with a deadline in its sentence ("hoàn
  // thành 5.000 km vào năm 2030"), when it recurs ("tổ chức 02 hội nghị/năm")
  // and as a planned quantity of a list or table ("- Lắp đặt mới: 120 trạm").
  const bool verb_count = m.groups.count("unit") && (GoalVerbBefore(s) || TimedObject(m, s) || ContinuesCounts(m, s));
  const Paragraph::Kind kind = structure_.paragraphs()[structure_.IndexOf(m.span.begin)].kind;
  const bool planned = verb_count && (!Recurrence(m, s).empty() || kind == Paragraph::kListItem ||
                                      kind == Paragraph::kTableRow);
  if (!goal && !planned && !(deadline_in_sentence && (comparators_.AtEnd(s.before) || verb_count))) return false;
  // A bare count ("20 mô hình") is a goal as the object of a goal verb or
  // continuing counted goals; a describing count ("có 22 phòng nội vụ") is not.
  const auto bare = m.rule->set.find("bare");
  return bare == m.rule->set.end() || GoalVerbBefore(s) || ContinuesCounts(m, s) || TimedObject(m, s);
}

// Returns whether a goal verb stands right before the value in its clause,
// or before the ':' that opens the clause ("Lắp đặt mới: 120 trạm").
bool TargetFinder::GoalVerbBefore(const Context& s) const {
  if (goal_verbs_.AtEnd(s.before)) return true;
  if (s.before.find_first_not_of(' ') != std::string::npos || s.at.clause.begin == 0 ||
      flat_[s.at.clause.begin - 1] != ':') {
    return false;
  }
  const size_t from = std::max(s.at.sentence.begin, s.at.paragraph.begin);
  return s.at.clause.begin - 1 > from && goal_verbs_.AtEnd(Keyed({from, s.at.clause.begin - 1}));
}

// The recurrence of a value: a cue before it in its sentence ("Mỗi năm tổ
// chức …") or right after it ("02 hội nghị/năm"); "" for none.
std::string TargetFinder::Recurrence(const RuleMatch& m, const Context& s) const {
  // Not beyond a ';' after which a deadline of its own comes first ("Hằng
  // năm tổ chức tập huấn; đến năm 2030 đạt 100% …"); a list of counted goals
  // shares it ("Mỗi năm … ít nhất từ 10 …; 5 công chức …").
  size_t from = s.at.sentence.begin;
  if (size_t semicolon = FindLastOf(flat_, ";", from + 1, m.span.begin); semicolon != std::string::npos) {
    const bool own_deadline = !scope_.Within(TimeScope::kFixedDeadline, {semicolon + 1, m.span.begin}).empty();
    if (own_deadline) from = semicolon + 1;
  }
  // The cue right after the value is its own ("… mỗi tháng”, … 02 hội nghị/năm").
  std::string recurrence = Attr(recurrences_after_.AtStart(s.after), "recurrence");
  if (recurrence.empty()) recurrence = Attr(recurrences_.Find(Keyed({from, m.span.begin})), "recurrence");
  return recurrence;
}

// A bare count is a goal continuing a list of counted goals in the same
// sentence: at the head of its clause ("ít nhất 10 …; 5 …"), or right
// after the last one, joined by "và" ("750 hợp tác xã, 300 tổ hợp tác và
// 12 liên hiệp": the rest of a unit longer than the rule read, then "và").
bool TargetFinder::ContinuesCounts(const RuleMatch& m, const Context& s) const {
  const auto same = [&](const Candidate& c) { return c.sentence == s.at.sentence && c.fields["metric"] == "count"; };
  if (s.before.find_first_not_of(" -+") == std::string::npos) return std::any_of(accepted_.begin(), accepted_.end(), same);
  if (accepted_.empty() || !same(accepted_.back()) || accepted_.back().match->span.end > m.span.begin) return false;
  const std::string between = Keyed({accepted_.back().match->span.end, m.span.begin});
  size_t and_at = 0;
  const VocabEntry* joined = connectors_.AtEnd(between, &and_at);
  // "và", "hoặc" join counts; "vào", "trong" … introduce a time (time = "yes").
  if (between.find_first_of("0123456789.;:()") != std::string::npos || !joined || !Attr(joined, "time").empty()) {
    return false;
  }
  return std::count(between.begin(), between.begin() + and_at, ' ') <= kUnitTailWords;
}

// "Đến năm 2030, toàn tỉnh có 26.000 thành viên tham gia 750 hợp tác xã": a
// bare count after a verb of having (vocab count_timed_verbs) is a goal when
// a deadline stands before it in its sentence; "toàn tỉnh có 22 phòng nội
// vụ" describes.
bool TargetFinder::TimedObject(const RuleMatch& m, const Context& s) const {
  return timed_verbs_.AtEnd(s.before) &&
         !scope_.Within(TimeScope::kFixedDeadline, {s.at.sentence.begin, m.span.begin}).empty();
}

std::string TargetFinder::Comparator(const RuleMatch& m, const Context& s) const {
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

// Returns the first deadline of the value's paragraph that starts at or
// after `from`, or nullptr.
const Item* TargetFinder::FirstDeadlineFrom(size_t from, const Context& c) const {
  const std::vector<const Item*> found = scope_.Within(TimeScope::kFixedDeadline, {from, c.at.paragraph.end});
  return found.empty() ? nullptr : found.front();
}

// The subject: what follows the value (and a comparator after it: "95% trở
// lên cán bộ") up to its predicate or clause end; else the indicator before.
std::string TargetFinder::Subject(const RuleMatch& m, const Context& s) const {
  size_t subject_begin = m.span.end;
  size_t after_cue_end = 0;
  // A comparator ("trở lên") or a recurrence ("/năm") right after the value is not the subject.
  if (after_.AtStart(s.after, &after_cue_end) || recurrences_after_.AtStart(s.after, &after_cue_end)) {
    subject_begin += RawOffset(s.after, std::string_view(flat_).substr(m.span.end, s.at.clause.end - m.span.end),
                               after_cue_end);
  }
  const size_t subject_end = FindFirstOf(flat_, ";.", subject_begin, s.at.sentence.end);
  std::string tail = Keyed({subject_begin, subject_end});
  // Keys may differ in byte length from the text; cut on the text instead.
  std::string_view raw_tail(flat_.data() + subject_begin, subject_end - subject_begin);
  const size_t stop = stops_.FirstAt(tail);
  size_t cut = stop == std::string::npos ? raw_tail.size() : RawOffset(tail, raw_tail, stop);
  // A deadline ends the subject: "02 lớp tập huấn trong tháng 6/2024".
  // A subject that is only a later stage ("80%, cuối năm 2024 đạt …",
  // "80% và đến hết năm 2025 …") is then empty: it is the subject of the
  // next target in the sentence (Run).
  if (const Item* d = FirstDeadlineFrom(subject_begin, s); d && d->span.begin < subject_begin + cut) {
    cut = d->span.begin - subject_begin;
    while (true) {
      const std::string kept = Keyed({subject_begin, subject_begin + cut});
      size_t at = 0;
      if (!connectors_.AtEnd(kept, &at)) break;
      cut = RawOffset(kept, raw_tail, at);
    }
  }
  std::string subject = TidySubject(raw_tail.substr(0, cut));
  return subject.empty() ? SubjectBefore(m, s) : subject;
}

// "Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98%": with nothing measured after
// the value, the indicator named before it in its clause, up to its
// predicate (the last one: "Tỷ lệ trường học đạt chuẩn quốc gia đạt trên
// 70%"), the comparator or a deadline.
std::string TargetFinder::SubjectBefore(const RuleMatch& m, const Context& s) const {
  const size_t at = indicators_.FirstAt(s.before);
  if (at == std::string::npos) return {};
  std::string_view raw_before(flat_.data() + s.at.clause.begin, m.span.begin - s.at.clause.begin);
  size_t end = s.before.size();
  if (size_t p = predicates_.LastAt(s.before.substr(at)); p != std::string::npos && p > 0) end = at + p;
  if (size_t c; comparators_.AtEnd(s.before, &c) && c > at) end = std::min(end, c);
  const size_t from = RawOffset(s.before, raw_before, at);
  size_t to = RawOffset(s.before, raw_before, end);
  if (const Item* d = FirstDeadlineFrom(s.at.clause.begin + from, s); d && d->span.begin < s.at.clause.begin + to) {
    to = d->span.begin - s.at.clause.begin;
  }
  return TidySubject(raw_before.substr(from, to - from));
}

Json TargetFinder::Fields(const RuleMatch& m, const Context& s) const {
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
    const Item* governing = scope_.Governing(s.at, kTargetLadder);
    if (!governing && !plan_year_.empty()) {
      fields["deadline"] = plan_year_;
    } else {
      if (!governing) governing = scope_.Governing(s.at, kPlanLadder);
      fields["deadline"] = governing ? TimeScope::Value(*governing) : Json(nullptr);
    }
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
    const Context context = ContextOf(*m);
    // "năm 2030 thành lập …", "Điều 5 …": a year or a label, not a count.
    if (m->groups.count("unit") && not_after_.AtEnd(context.before)) continue;
    if (InsideQuotes(flat_, context.at.sentence, m->span.begin) || !IsGoal(*m, context)) continue;
    accepted_.push_back({m, m->span, Fields(*m, context), context.at.sentence});
  }
  // Staged targets share the subject written after the last of them:
  // "đạt trên 80%, cuối năm 2024 đạt trên 90% và đến hết năm 2025 đạt 100% cán bộ …".
  for (size_t i = accepted_.size(); i-- > 0;) {
    Candidate& c = accepted_[i];
    // Not over a ';': "tăng 7,5%/năm; 100% số xã …" are two targets.
    if (c.fields["subject"] == "" && i + 1 < accepted_.size() && accepted_[i + 1].sentence == c.sentence &&
        FindFirstOf(flat_, ";", c.match->span.end, accepted_[i + 1].match->span.begin) >=
            accepted_[i + 1].match->span.begin) {
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
                              bool accentless, const std::string& reference_date, const std::string& plan_year) {
  std::vector<const RuleMatch*> values;
  for (const RuleMatch& m : matches) {
    if (m.rule->dimension == "target_value" || m.rule->dimension == "target_count_open") values.push_back(&m);
  }
  if (values.empty()) return {};
  std::vector<Item> targets = TargetFinder(structure, keyed, items, matches, rules, accentless, plan_year).Run(values);
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
