#include "targets.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace vbhc {
namespace {


bool Contains(Span outer, Span inner) {
  return outer.begin <= inner.begin && inner.end <= outer.end;
}

// How cue words and text are compared: lower case, and without diacritics
// only for a document typed without them.
std::string Key(std::string_view s, bool accentless) {
  return accentless ? FoldString(s) : LowerCase(s);
}

// A cue list, keyed once at load time: "Ít nhất" -> "ít nhất" (or "it nhat").
struct Cues {
  const RuleSet::VocabKeys& folded;  // longest first: "ít nhất từ" wins over "ít nhất"

  Cues(const RuleSet& rules, const char* list, bool accentless)
      : folded(rules.KeyedVocab(list, accentless)) {}

  static bool WordEdge(const std::string& s, size_t pos) {
    if (pos == 0 || pos >= s.size()) return true;
    unsigned char a = static_cast<unsigned char>(s[pos - 1]);
    unsigned char b = static_cast<unsigned char>(s[pos]);
    auto word = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
    return !(word(a) && word(b));
  }

  // Returns the cue occurring as whole words anywhere in `folded_text`.
  const VocabEntry* Find(const std::string& folded_text) const {
    for (const auto& [cue, entry] : folded) {
      for (size_t at = folded_text.find(cue); at != std::string::npos;
           at = folded_text.find(cue, at + 1)) {
        if (WordEdge(folded_text, at) && WordEdge(folded_text, at + cue.size())) return entry;
      }
    }
    return nullptr;
  }

  // Returns the cue that ends `folded_text` (trailing spaces ignored); sets
  // *begin, when given, to where it starts in `folded_text`.
  const VocabEntry* AtEnd(const std::string& folded_text, size_t* begin = nullptr) const {
    size_t end = folded_text.find_last_not_of(' ');
    if (end == std::string::npos) return nullptr;
    std::string_view t(folded_text.data(), end + 1);
    for (const auto& [cue, entry] : folded) {
      if (t.size() >= cue.size() && t.substr(t.size() - cue.size()) == cue &&
          Cues::WordEdge(folded_text, t.size() - cue.size())) {
        if (begin) *begin = t.size() - cue.size();
        return entry;
      }
    }
    return nullptr;
  }

  // Returns the cue that starts `folded_text` (leading spaces ignored); sets
  // *end, when given, to where it ends in `folded_text`.
  const VocabEntry* AtStart(const std::string& folded_text, size_t* end = nullptr) const {
    size_t begin = folded_text.find_first_not_of(' ');
    if (begin == std::string::npos) return nullptr;
    for (const auto& [cue, entry] : folded) {
      if (folded_text.compare(begin, cue.size(), cue) == 0 &&
          WordEdge(folded_text, begin + cue.size())) {
        if (end) *end = begin + cue.size();
        return entry;
      }
    }
    return nullptr;
  }

  // Returns the offset of the last cue in `folded_text`, or npos.
  size_t LastAt(const std::string& folded_text) const {
    size_t best = std::string::npos;
    for (const auto& [cue, entry] : folded) {
      for (size_t at = folded_text.rfind(cue); at != std::string::npos;
           at = at > 0 ? folded_text.rfind(cue, at - 1) : std::string::npos) {
        if (WordEdge(folded_text, at) && WordEdge(folded_text, at + cue.size())) {
          if (best == std::string::npos || at > best) best = at;
          break;
        }
      }
    }
    return best;
  }

  // Returns the offset of the first cue in `folded_text`, or npos.
  size_t FirstAt(const std::string& folded_text) const {
    size_t best = std::string::npos;
    for (const auto& [cue, entry] : folded) {
      for (size_t at = folded_text.find(cue); at != std::string::npos && at < best;
           at = folded_text.find(cue, at + 1)) {
        if (WordEdge(folded_text, at) && WordEdge(folded_text, at + cue.size())) {
          best = at;
          break;
        }
      }
    }
    return best;
  }
};

// Returns the offset in `raw` of offset `at` of `folded`, its folded or
// lowered form: the two have the same characters, not always the same bytes.
size_t RawOffset(std::string_view folded, std::string_view raw, size_t at) {
  size_t characters = 0;
  for (size_t i = 0; i < at && i < folded.size(); ++i) characters += (static_cast<unsigned char>(folded[i]) & 0xC0) != 0x80;
  size_t offset = 0;
  for (size_t n = 0; offset < raw.size() && n < characters; ++n) DecodeUtf8(raw, &offset);
  return offset;
}

std::string Attr(const VocabEntry* e, const char* name) {
  if (!e) return {};
  auto it = e->attrs.find(name);
  return it == e->attrs.end() ? std::string() : it->second;
}

// A title line ("1. Mục tiêu", "II. NHIỆM VỤ") is shorter than this; a
// wrapped line of prose is mostly longer.
constexpr size_t kTitleBytes = 48;

// Sentences, paragraphs and section headings of a document.  Lines wrapped
// inside a paragraph (PDF and web copies) are joined first: a line break is
// soft when its line does not end a sentence and the next line does not start
// a list item.  Joining replaces '\n' by ' ', so offsets stay those of the text.
class Structure {
 public:
  explicit Structure(const std::string& text) : unwrapped_(text) {
    Unwrap();
    for (size_t pos = 0; pos <= unwrapped_.size();) {
      size_t nl = unwrapped_.find('\n', pos);
      if (nl == std::string::npos) nl = unwrapped_.size();
      paragraphs_.push_back({pos, nl});
      if (IsHeading(paragraphs_.back())) headings_.push_back(paragraphs_.back());
      pos = nl + 1;
    }
    OpenSentences();
  }
  ~Structure() {
    if (text_) utext_close(text_);
  }
  Structure(const Structure&) = delete;
  Structure& operator=(const Structure&) = delete;

  Span ParagraphOf(size_t pos) const { return Find(paragraphs_, pos); }

  // Returns the sentence around `pos`.  Values are asked for in text order,
  // so the sentences are walked forward from the last one, one boundary at a
  // time: ICU's cheap path.  Asking ICU for the boundaries around each value
  // instead made it back up from a safe point and scan again every time
  // (half of that cost); an out-of-order `pos` still asks that way.
  Span SentenceOf(size_t pos) const {
    if (iterator_ == nullptr) return ParagraphOf(pos);
    const int32_t size = static_cast<int32_t>(unwrapped_.size());
    if (size == 0) return {0, 0};
    const int32_t at = std::min(static_cast<int32_t>(std::min<size_t>(pos, INT32_MAX)), size - 1);
    if (static_cast<size_t>(at) < sentence_.begin) {
      int32_t end = iterator_->following(at);
      if (end == icu::BreakIterator::DONE) end = size;
      int32_t start = iterator_->preceding(end);
      if (start == icu::BreakIterator::DONE) start = 0;
      sentence_ = {static_cast<size_t>(start), static_cast<size_t>(end)};
    }
    // A line break ends a sentence (UAX #29 SB4): the walk starts again at
    // the value's paragraph, skipping paragraphs with no value.
    if (static_cast<size_t>(at) >= sentence_.end) {
      const size_t paragraph = ParagraphOf(static_cast<size_t>(at)).begin;
      if (paragraph > sentence_.end) sentence_ = {paragraph, paragraph};
    }
    while (static_cast<size_t>(at) >= sentence_.end) {
      int32_t next = iterator_->following(static_cast<int32_t>(sentence_.end));
      if (next == icu::BreakIterator::DONE) next = size;
      sentence_ = {sentence_.end, static_cast<size_t>(next)};
    }
    return sentence_;
  }
  const std::string& text() const { return unwrapped_; }

  // Returns the heading line that governs `pos` (the nearest one before it).
  std::optional<Span> HeadingOf(size_t pos) const {
    auto it = std::upper_bound(headings_.begin(), headings_.end(), pos,
                               [](size_t p, const Span& s) { return p < s.end; });
    if (it == headings_.begin()) return std::nullopt;
    return *(it - 1);
  }

 private:
  static bool StartsListItem(std::string_view line) {
    size_t i = line.find_first_not_of(" |#");
    if (i == std::string_view::npos) return false;
    line.remove_prefix(i);
    if (line.empty()) return false;
    char c = line[0];
    if (c == '-' || c == '+' || c == '|' || c == '#' || line.substr(0, 3) == "\xE2\x80\xA2") return true;
    size_t digits = 0;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
    if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')')) return true;
    if (line.size() >= 2 && std::islower(static_cast<unsigned char>(c)) && line[1] == ')') return true;
    return false;
  }

  // "1. Mục tiêu" over "Giai đoạn 2021 - 2030, phấn đấu …": a short title
  // line, then a line of prose that starts a sentence, is a heading of its
  // own, not the first half of a wrapped line (which goes on in lower case,
  // or, in a heading wrapped over two lines, in capitals).
  bool TitleOverProse(Span line, std::string_view next) const {
    if (line.size() >= kTitleBytes || !IsHeading(line)) return false;
    size_t pos = 0;
    const char32_t first = DecodeUtf8(next, &pos);
    return u_isupper(static_cast<UChar32>(first)) && HasLowercaseLetter(next);
  }

  void Unwrap() {
    size_t line_start = 0;
    for (size_t i = 0; i < unwrapped_.size(); ++i) {
      if (unwrapped_[i] != '\n') continue;
      std::string_view line(unwrapped_.data() + line_start, i - line_start);
      size_t next_end = unwrapped_.find('\n', i + 1);
      if (next_end == std::string::npos) next_end = unwrapped_.size();
      std::string_view next(unwrapped_.data() + i + 1, next_end - i - 1);
      size_t last = line.find_last_not_of(" |");
      size_t first_next = next.find_first_not_of(' ');
      bool soft = last != std::string_view::npos && first_next != std::string_view::npos &&
                  std::string_view(".:;!?").find(line[last]) == std::string_view::npos &&
                  !StartsListItem(next) && !TitleOverProse({line_start, i}, next.substr(first_next));
      if (soft) unwrapped_[i] = ' ';
      line_start = i + 1;
    }
  }

  // Points the thread's sentence iterator at the text (one Structure at a
  // time per thread: FindTargets makes one per document).
  void OpenSentences() {
    UErrorCode status = U_ZERO_ERROR;
    static thread_local std::unique_ptr<icu::BreakIterator> iterator(
        icu::BreakIterator::createSentenceInstance(icu::Locale("vi"), status));
    if (!iterator || unwrapped_.size() >= INT32_MAX) return;
    status = U_ZERO_ERROR;
    text_ = utext_openUTF8(nullptr, unwrapped_.data(), static_cast<int64_t>(unwrapped_.size()), &status);
    if (U_FAILURE(status)) return;
    iterator->setText(text_, status);
    if (U_SUCCESS(status)) iterator_ = iterator.get();
  }

  static Span Find(const std::vector<Span>& spans, size_t pos) {
    auto it = std::upper_bound(spans.begin(), spans.end(), pos,
                               [](size_t p, const Span& s) { return p < s.begin; });
    if (it == spans.begin()) return spans.front();
    return *(it - 1);
  }

  bool IsHeading(Span p) const {
    std::string_view line(unwrapped_.data() + p.begin, p.size());
    size_t i = line.find_first_not_of(" |#-");
    if (i == std::string_view::npos) return false;
    line.remove_prefix(i);
    // "Điều 2. Các chỉ tiêu chủ yếu": an article of a decision or resolution.
    for (std::string_view article : {std::string_view("Điều "), std::string_view("ĐIỀU "),
                                     std::string_view("Dieu "), std::string_view("DIEU ")}) {
      if (line.substr(0, article.size()) != article) continue;
      size_t d = article.size();
      while (d < line.size() && std::isdigit(static_cast<unsigned char>(line[d]))) ++d;
      if (d > article.size() && d < line.size() && (line[d] == '.' || line[d] == ':')) return true;
    }
    // "1. Mục tiêu", "2. Nhiệm vụ, giải pháp": a numbered line short enough to
    // be a title, with no sentence ending (list items end with . or ;).
    {
      size_t d = 0;
      while (d < line.size() && std::isdigit(static_cast<unsigned char>(line[d]))) ++d;
      std::string_view rest = d > 0 && d < 3 && d < line.size() && line[d] == '.' ? line.substr(d + 1) : std::string_view();
      size_t last = rest.find_last_not_of(" |");
      if (!rest.empty() && last != std::string_view::npos && rest.size() < 80 &&
          std::string_view(".;,:").find(rest[last]) == std::string_view::npos &&
          rest.find_first_of("0123456789%") == std::string_view::npos) {
        return true;
      }
    }
    // "II. MỤC TIÊU", "III. NHIỆM VỤ": a Roman numeral and a dot.
    size_t roman = 0;
    while (roman < line.size() && std::string_view("IVX").find(line[roman]) != std::string_view::npos) ++roman;
    if (roman > 0 && roman < line.size() && line[roman] == '.') return true;
    // A line of capitals (at least three letters, none lower case); most
    // lines are prose and stop at their second letter.
    if (line.size() >= 200) return false;
    std::string kept;
    size_t upper = 0;
    for (size_t pos = 0; pos < line.size();) {
      kept.clear();
      FoldCodePoint(DecodeUtf8(line, &pos), &kept, /*keep_case=*/true);
      for (char c : kept) {
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') ++upper;
      }
    }
    return upper >= 3;
  }

  std::string unwrapped_;
  std::vector<Span> paragraphs_;
  std::vector<Span> headings_;
  UText* text_ = nullptr;
  icu::BreakIterator* iterator_ = nullptr;  // the thread's, set to text_
  mutable Span sentence_{0, 0};             // SentenceOf's last answer: two boundaries
};

// How far a target's scope reaches around it.  Real sentences and goal
// paragraphs are far shorter; the bound keeps a 50 MB one-line input linear.
constexpr size_t kScopeBytes = 3000;

Span Clamp(Span s, size_t center_begin, size_t center_end) {
  size_t lo = center_begin > kScopeBytes ? center_begin - kScopeBytes : 0;
  return {std::max(s.begin, lo), std::min(s.end, center_end + kScopeBytes)};
}

// Items sorted by start, with the ones inside a span found by binary search.
class ItemIndex {
 public:
  void Add(const Item* item) { items_.push_back(item); }
  void Sort() {
    std::stable_sort(items_.begin(), items_.end(),
                     [](const Item* a, const Item* b) { return a->span.begin < b->span.begin; });
  }
  // Returns the items whose span lies inside `scope`, in document order.
  std::vector<const Item*> Within(Span scope) const {
    std::vector<const Item*> out;
    auto it = std::lower_bound(items_.begin(), items_.end(), scope.begin,
                               [](const Item* i, size_t p) { return i->span.begin < p; });
    for (; it != items_.end() && (*it)->span.begin < scope.end; ++it) {
      if ((*it)->span.end <= scope.end) out.push_back(*it);
    }
    return out;
  }
  const std::vector<const Item*>& all() const { return items_; }

 private:
  std::vector<const Item*> items_;
};

struct Candidate {
  const RuleMatch* match;
  Span value_span;
  Json fields;
  Span sentence;
};

}  // namespace

std::vector<Item> FindTargets(const NormalizedText& normalized, const std::vector<Item>& items,
                              const std::vector<RuleMatch>& matches, const RuleSet& rules,
                              bool accentless) {
  std::vector<const RuleMatch*> values;
  for (const RuleMatch& m : matches) {
    if (m.rule->dimension == "target_value") values.push_back(&m);
  }
  if (values.empty()) return {};

  const std::string& text = normalized.text;
  Structure structure(text);
  const std::string& flat = structure.text();
  Cues comparators(rules, "comparator_cues", accentless),
      after(rules, "comparator_after", accentless), goals(rules, "goal_cues", accentless),
      section_goals(rules, "section_goal_cues", accentless),
      reports(rules, "report_cues", accentless), reports_after(rules, "report_after_cues", accentless),
      recurrences(rules, "recurrence_cues", accentless),
      stops(rules, "subject_stops", accentless), connectors(rules, "subject_connectors", accentless),
      indicators(rules, "indicator_cues", accentless), predicates(rules, "indicator_predicates", accentless);
  // A subject as written, on one line, without the spaces and commas around
  // it, and at most ~240 bytes.
  auto tidy = [](std::string_view raw) {
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
  };
  // Lower case keeps the UTF-8 length of Vietnamese text, so the lowered text
  // is made once and sliced; folding (accentless documents) does not.
  const std::string lowered = accentless ? std::string() : LowerCase(flat);
  const bool sliceable = !accentless && lowered.size() == flat.size();
  auto folded = [&](Span s) {
    if (sliceable) return lowered.substr(s.begin, s.size());
    return Key(std::string_view(flat).substr(s.begin, s.size()), accentless);
  };

  // "Các chỉ tiêu chủ yếu năm 2024": the year a list of targets is set for.
  std::vector<Item> target_years;
  for (const RuleMatch& m : matches) {
    if (m.rule->dimension != "target_year") continue;
    std::string ignored;
    if (std::optional<Json> f = BuildFields(m, rules, &ignored)) target_years.push_back({"target_year", m.rule->id, m.span, *f});
  }
  ItemIndex deadline_index, period_index, year_index;
  for (const Item& y : target_years) year_index.Add(&y);
  year_index.Sort();
  for (const Item& item : items) {
    if (item.dimension == "deadline" && !item.fields.contains("recurrence")) deadline_index.Add(&item);
    if (item.dimension == "period") period_index.Add(&item);
  }
  deadline_index.Sort();
  period_index.Sort();
  const Item* plan_period = nullptr;
  for (const Item* p : period_index.all()) {
    if (p->fields["kind"] == "period") {
      plan_period = p;
      break;
    }
  }

  std::vector<Candidate> accepted;
  for (const RuleMatch* m : values) {
    const Capture& value = m->groups.at("value");
    Span sentence = Clamp(structure.SentenceOf(value.span.begin), m->span.begin, m->span.end);
    Span paragraph = Clamp(structure.ParagraphOf(value.span.begin), m->span.begin, m->span.end);
    std::vector<const Item*> deadlines = deadline_index.Within(paragraph);
    std::vector<const Item*> periods = period_index.Within(paragraph);
    // The clause: back to the last , ; : ( in the sentence.
    size_t clause_begin = sentence.begin;
    for (size_t i = m->span.begin; i > sentence.begin; --i) {
      char c = flat[i - 1];
      if (c == ',' || c == ';' || c == ':' || c == '(') {
        clause_begin = i;
        break;
      }
    }
    std::string before = folded({clause_begin, m->span.begin});
    size_t clause_end = flat.find_first_of(",;.", m->span.end);
    if (clause_end == std::string::npos || clause_end > sentence.end) clause_end = sentence.end;
    std::string after_text = folded({m->span.end, clause_end});
    // Results, rates and thresholds are not goals.
    if (reports.Find(before) || reports.AtStart(after_text) || reports_after.AtStart(after_text)) continue;
    // A goal is stated in the sentence, earlier in its paragraph, or by the
    // section heading above it.
    bool goal = goals.Find(folded({paragraph.begin, sentence.end})) != nullptr;
    std::optional<Span> heading = structure.HeadingOf(value.span.begin);
    if (heading) *heading = Clamp(*heading, heading->begin, heading->begin);
    if (!goal && heading) goal = section_goals.Find(folded(*heading)) != nullptr;
    bool deadline_in_sentence = std::any_of(deadlines.begin(), deadlines.end(), [&](const Item* d) {
      return Contains(sentence, d->span);
    });
    if (!goal && !(deadline_in_sentence && comparators.AtEnd(before))) continue;

    const bool bare = m->rule->id == "target.count_bare";
    if (bare) {
      // A bare count is a goal only at the head of its clause, continuing a
      // list of counted goals in the same sentence ("ít nhất 10 …; 5 …").
      if (before.find_first_not_of(" -+") != std::string::npos) continue;
      bool follows_count = std::any_of(accepted.begin(), accepted.end(), [&](const Candidate& c) {
        return c.sentence == sentence && c.fields["metric"] == "count";
      });
      if (!follows_count) continue;
    }

    Json fields = Json::object();
    bool percent = m->rule->id == "target.percent";
    fields["metric"] = percent ? "percent" : "count";
    double v = ParseVietnameseNumber(value.text).value_or(0);
    if (std::floor(v) == v) {
      fields["value"] = static_cast<int64_t>(v);
    } else {
      fields["value"] = v;
    }
    if (!percent && m->groups.count("unit")) fields["unit"] = m->groups.at("unit").text;
    std::string comparator = "=";
    if (const VocabEntry* cue = comparators.AtEnd(before)) comparator = Attr(cue, "comparator");
    if (m->groups.count("cue")) {
      if (const VocabEntry* cue = comparators.AtEnd(Key(m->groups.at("cue").text, accentless))) {
        comparator = Attr(cue, "comparator");
      }
    }
    if (const VocabEntry* cue = after.AtStart(after_text)) comparator = Attr(cue, "comparator");
    fields["comparator"] = comparator;

    // The governing deadline, by scope.
    std::string recurrence = Attr(recurrences.Find(folded({sentence.begin, m->span.begin})), "recurrence");
    Json deadline = nullptr;
    if (recurrence.empty()) {
      const Item* best = nullptr;
      for (const Item* d : deadlines) {  // its own clause, before the value
        if (d->span.begin >= clause_begin && d->span.end <= m->span.begin) best = d;
      }
      if (!best) {  // its own clause, after the value ("02 lớp … trong tháng 6/2025")
        for (const Item* d : deadlines) {
          if (d->span.begin >= m->span.end && d->span.end <= clause_end) {
            best = d;
            break;
          }
        }
      }
      if (!best) {  // the same sentence, before the value
        for (const Item* d : deadlines) {
          if (Contains(sentence, d->span) && d->span.end <= m->span.begin) best = d;
        }
      }
      if (!best) {  // a period stated in the sentence ("Trong giai đoạn 2026 - 2030 phấn đấu …");
        // the plan's own span before a horizon ("giai đoạn 2021 - 2030, tầm nhìn
        // đến năm 2045, phấn đấu …": 2030), a horizon when it is the only one
        for (bool horizon : {false, true}) {
          for (const Item* p : periods) {
            if (Contains(sentence, p->span) && p->span.end <= m->span.begin &&
                (p->fields["kind"] != "period") == horizon) {
              best = p;
            }
          }
          if (best) break;
        }
      }
      if (!best) {  // the same sentence, after the value
        for (const Item* d : deadlines) {
          if (Contains(sentence, d->span) && d->span.begin >= m->span.end) {
            best = d;
            break;
          }
        }
      }
      if (!best) {  // earlier in the paragraph ("Mục tiêu cụ thể đến năm 2025, … . 100% …")
        for (const Item* d : deadlines) {
          if (Contains(paragraph, d->span) && d->span.end <= m->span.begin) best = d;
        }
      }
      if (!best && heading) {  // the goal heading above the list
        for (const Item* d : deadline_index.Within(*heading)) best = d;
      }
      if (!best) {  // the year the targets are set for, in the paragraph or heading
        for (const Item* y : year_index.Within({paragraph.begin, m->span.begin})) best = y;
        if (!best && heading) {
          for (const Item* y : year_index.Within(*heading)) best = y;
        }
      }
      if (best) {
        deadline = best->dimension == "period" ? best->fields["end"] : best->fields["value"];
      } else if (plan_period) {
        deadline = plan_period->fields["end"];
      }
    } else {
      fields["recurrence"] = recurrence;
    }
    fields["deadline"] = deadline;
    if (!recurrence.empty()) {
      Json reordered = Json::object();
      for (const char* k : {"metric", "value", "unit", "comparator", "deadline", "recurrence"}) {
        if (fields.contains(k)) reordered[k] = fields[k];
      }
      fields = reordered;
    }

    // The subject: what follows the value (and a comparator after it: "95%
    // trở lên cán bộ") up to its predicate or clause end.
    size_t subject_begin = m->span.end;
    size_t after_cue_end = 0;
    if (after.AtStart(after_text, &after_cue_end)) {
      subject_begin += RawOffset(after_text, std::string_view(flat).substr(m->span.end, clause_end - m->span.end),
                                 after_cue_end);
    }
    size_t subject_end = flat.find_first_of(";.", subject_begin);
    if (subject_end == std::string::npos || subject_end > sentence.end) subject_end = sentence.end;
    std::string tail = folded({subject_begin, subject_end});
    // Keys may differ in byte length from the text; cut on the text instead.
    std::string_view raw_tail(flat.data() + subject_begin, subject_end - subject_begin);
    const size_t stop = stops.FirstAt(tail);
    size_t cut = stop == std::string::npos ? raw_tail.size() : RawOffset(tail, raw_tail, stop);
    // A deadline ends the subject: "02 lớp tập huấn trong tháng 6/2024".
    // A subject that is only a later stage ("80%, cuối năm 2024 đạt …",
    // "80% và đến hết năm 2025 …") is then empty: it is the subject of the
    // next target in the sentence (below).
    for (const Item* d : deadlines) {
      if (d->span.begin >= subject_begin && d->span.begin < subject_begin + cut) {
        cut = d->span.begin - subject_begin;
        while (true) {
          const std::string kept = folded({subject_begin, subject_begin + cut});
          size_t at = 0;
          if (!connectors.AtEnd(kept, &at)) break;
          cut = RawOffset(kept, raw_tail, at);
        }
        break;
      }
    }
    std::string subject = tidy(raw_tail.substr(0, cut));
    // "Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98%": with nothing measured
    // after the value, the indicator named before it in its clause, up to
    // its predicate (the last one: "Tỷ lệ trường học đạt chuẩn quốc gia đạt
    // trên 70%"), the comparator or a deadline.
    const size_t at = subject.empty() ? indicators.FirstAt(before) : std::string::npos;
    if (at != std::string::npos) {
      std::string_view raw_before(flat.data() + clause_begin, m->span.begin - clause_begin);
      size_t end = before.size();
      if (size_t p = predicates.LastAt(before.substr(at)); p != std::string::npos && p > 0) end = at + p;
      if (size_t c; comparators.AtEnd(before, &c) && c > at) end = std::min(end, c);
      const size_t from = RawOffset(before, raw_before, at);
      size_t to = RawOffset(before, raw_before, end);
      for (const Item* d : deadlines) {
        if (d->span.begin >= clause_begin + from && d->span.begin < clause_begin + to) {
          to = d->span.begin - clause_begin;
          break;
        }
      }
      subject = tidy(raw_before.substr(from, to - from));
    }
    fields["subject"] = subject;
    accepted.push_back({m, m->span, fields, sentence});
  }

  // Staged targets share the subject written after the last of them:
  // "đạt trên 80%, cuối năm 2024 đạt trên 90% và đến hết năm 2025 đạt 100% cán bộ …".
  for (size_t i = accepted.size(); i-- > 0;) {
    Candidate& c = accepted[i];
    bool empty_subject = c.fields["subject"] == "";
    if (empty_subject && i + 1 < accepted.size() &&
        accepted[i + 1].sentence == c.sentence) {
      c.fields["subject"] = accepted[i + 1].fields["subject"];
    }
  }

  std::vector<Item> out;
  for (Candidate& c : accepted) {
    if (c.fields["subject"] == "") c.fields.erase("subject");
    out.push_back({"target", c.match->rule->id, c.match->span, std::move(c.fields)});
  }
  return out;
}

}  // namespace vbhc
