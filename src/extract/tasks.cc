#include "extract/tasks.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <set>
#include <utility>

#include "extract/cues.h"
#include "extract/item_index.h"
#include "extract/scope.h"
#include "text/vietnamese.h"

namespace vbhc {
namespace {

// A lead or partner list is a name or a list of names, not a paragraph; the
// addressees of a Prime Minister's telegram or directive run to ~45 words
// ("Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ, …, đơn vị liên quan": dev 117).
constexpr int kMaxLeadWords = 60;
// How far a cue is looked for from a position (the longest cue is shorter).
constexpr size_t kCueWindow = 64;
// A task's text as written, on one line, at most about this many bytes.
constexpr size_t kTaskBytes = 300;
// After a name in a label's value, this many words make a sentence.
constexpr long kSentenceWords = 5;
// An agency heading is a name, not a sentence.
constexpr long kMaxHeadingWords = 30;
// A lead after an opening phrase is a name of a few words.
constexpr long kMaxIntroLeadWords = 14;
// The lines of a list wrapped over ';' that a closing clause is read over.
constexpr size_t kClosingBytes = 1000;
// A label is the short text before ':' that opens a line.
constexpr size_t kLabelBytes = 80;

bool IsSpace(char c) { return c == ' ' || c == '\n'; }

// Returns `s` without the spaces, commas, stops and emphasis around it.
Span Trim(const std::string& text, Span s) {
  auto junk = [](char c) { return IsSpace(c) || c == ',' || c == '.' || c == ';' || c == ':' || c == '*'; };
  while (s.begin < s.end && junk(text[s.begin])) ++s.begin;
  while (s.end > s.begin && junk(text[s.end - 1])) --s.end;
  return s;
}

// Returns the text of `s` on one line, cut at a word near kTaskBytes.
std::string OneLine(const std::string& text, Span s, size_t max_bytes) {
  std::string out = text.substr(s.begin, s.size());
  std::replace(out.begin(), out.end(), '\n', ' ');
  if (out.size() > max_bytes) {
    size_t space = out.rfind(' ', max_bytes);
    out = out.substr(0, space == std::string::npos ? max_bytes : space) + " …";
  }
  return out;
}

// Where a lead scan stopped, and why.
struct LeadScan {
  enum Stop { kFailed, kCue, kColon, kEnd };
  Span lead;             // trimmed
  size_t end = 0;        // where the cue, the ':' or the end of the scanned span is
  Stop stop = kFailed;
  bool report = false;   // the cue says the work is done or under way
  bool adverbial = false;  // the cue opens a phrase of manner, not the work ("trong phạm vi")
};

// A task's time, read from a label value, a table cell or a sentence.
struct TaskTime {
  Json deadline = nullptr;
  std::string recurrence;
  const Item* source = nullptr;  // the item that gave the deadline
};

// Where the time of a task read from a sentence is looked for: its own
// span, then a labelled time below it in its block, before the next task
// ("… bảo đảm thống nhất, đồng bộ. / Thời gian hoàn thành trước ngày
// 31/12/2025."); a task that leads into a list ("… một số nội dung trọng
// tâm sau:") takes the first deadline of its list.  Not the heading above
// it: a section's year is not each assignment's deadline.
constexpr TimeScope::Step kSentenceTaskLadder[] = {
    {TimeScope::kOwn, TimeScope::kDeadline, TimeScope::kFirst},
    {TimeScope::kBlockAfter, TimeScope::kLabelledTime, TimeScope::kFirst},
};
constexpr TimeScope::Step kListTaskLadder[] = {
    {TimeScope::kOwn, TimeScope::kDeadline, TimeScope::kFirst},
    {TimeScope::kBlockAfter, TimeScope::kDeadline, TimeScope::kFirst},
};

// A task found, before its time is scoped: tasks read from sentences take
// their time by the ladders above once every task is known (the next task
// bounds a block); labelled blocks and table rows give their own.
struct Found {
  enum Scoping { kGiven, kSentence, kLeadsList };
  Span span, lead;
  Json partners;
  std::string task;
  TaskTime time;
  Scoping scoping = kGiven;
};

class TaskFinder {
 public:
  TaskFinder(const Structure& structure, const KeyedText& keyed, const std::vector<Item>& items,
             const std::vector<RuleMatch>& matches, const RuleSet& rules, bool accentless);

  std::vector<Item> Run();

 private:
  std::string Key(Span s) const { return keyed_.Key(s); }
  size_t Raw(Span s, std::string_view key, size_t at) const;
  LeadScan ScanLead(size_t begin, size_t limit, bool need_head) const;
  void ExtendOverRelative(size_t begin, size_t limit, LeadScan* scan) const;
  void NamesOverSemicolon(size_t semicolon, size_t limit, LeadScan* scan) const;
  std::string LabelOf(const Paragraph& p, Span* value) const;
  size_t LabelledTask(size_t first);
  size_t TableTasks(size_t header);
  void SentenceTasks(size_t index);
  void ClauseTasks(Span sentence, size_t paragraph);
  Span BlockAfter(size_t paragraph) const { return structure_.BlockOf(paragraph, Structure::kNumbered); }
  bool AgencyHeading(const LeadScan& scan, size_t paragraph) const;
  bool CueBefore(size_t pos) const;
  size_t SkipCues(size_t start, size_t limit) const;
  Span SentenceOverSemicolons(Span sentence) const;
  LeadScan ClauseLead(size_t start, size_t limit, size_t paragraph, bool opens) const;
  LeadScan LeadAfterIntro(size_t start, size_t limit, size_t paragraph) const;
  bool OpensTaskSection(const Paragraph& p, bool open) const;
  bool NamedItem(const LeadScan& scan, size_t paragraph) const;
  TaskTime TimeOf(Span s, Span line) const;
  bool NamesAgency(Span lead) const;
  Span LeadOfValue(Span value) const;
  bool ContinuesLine(const Paragraph& p) const;
  static TaskTime TimeOfItem(const Item* item);
  void ScopeTimes();
  void LabelTimes();
  Json Partners(Span after_lead) const;
  bool OpensAddressees(const Paragraph& p) const;
  const VocabEntry* CueAt(const Cues& cues, size_t pos, size_t limit, size_t* end) const;
  bool CapitalAt(size_t pos, size_t limit) const;
  const VocabEntry* CueBeforeName(size_t pos, size_t limit) const;
  void Emit(Found& found);

  const Structure& structure_;
  const std::string& text_;
  const KeyedText& keyed_;
  Cues labels_, heads_, ends_, cues_, lead_ins_, not_tasks_, recurrences_, open_, starts_, sections_,
      enacting_, stop_reading_, intros_, relatives_, mains_, plurals_, not_tables_, addressees_;
  CueIndex not_tasks_index_;  // not_tasks_ over the document, asked per sentence
  bool in_task_section_ = false;  // under a "Tổ chức thực hiện" heading
  bool in_recipients_ = false;    // from "Nơi nhận:" to the next heading
  bool in_addressees_ = false;    // "Kính gửi:" and the list items under it
  ItemIndex dates_, times_;  // deadlines and periods: scope_
  std::vector<Item> task_times_;  // task_time matches, as items
  TimeScope scope_;
  std::vector<Found> found_;
  std::vector<Item> out_;
  std::vector<Item> time_deadlines_;
  std::set<std::pair<size_t, size_t>> deadline_spans_;
};

TaskFinder::TaskFinder(const Structure& structure, const KeyedText& keyed, const std::vector<Item>& items,
                       const std::vector<RuleMatch>& matches, const RuleSet& rules, bool accentless)
    : structure_(structure),
      text_(structure.text()),
      keyed_(keyed),
      labels_(rules, "task_labels", accentless),
      heads_(rules, "agency_heads", accentless),
      ends_(rules, "task_lead_ends", accentless),
      cues_(rules, "task_cues", accentless),
      lead_ins_(rules, "task_lead_ins", accentless),
      not_tasks_(rules, "task_not_tasks", accentless),
      recurrences_(rules, "task_time_recurrences", accentless),
      open_(rules, "task_time_open", accentless),
      starts_(rules, "task_time_starts", accentless),
      sections_(rules, "task_sections", accentless),
      enacting_(rules, "task_enacting", accentless),
      stop_reading_(rules, "task_stop_reading", accentless),
      intros_(rules, "task_intro_phrases", accentless),
      relatives_(rules, "task_lead_relatives", accentless),
      mains_(rules, "task_lead_mains", accentless),
      plurals_(rules, "task_lead_plurals", accentless),
      not_tables_(rules, "task_not_tables", accentless),
      addressees_(rules, "task_addressees", accentless),
      not_tasks_index_(not_tasks_, keyed),
      scope_(structure, items) {
  task_times_ = ItemsOfDimension(matches, rules, "task_time");
  for (const Item& t : task_times_) times_.Add(&t);
  for (const Item& item : items) {
    if (item.dimension == "deadline") deadline_spans_.insert({item.span.begin, item.span.end});
    if (item.dimension == "date") dates_.Add(&item);
  }
  for (ItemIndex* index : {&dates_, &times_}) index->Sort();
  scope_.Sort();
  LabelTimes();  // adds labelled times in text order
  scope_.Sort();
}

// The deadlines of lines and sentences that open with a time label
// ("Thời gian hoàn thành trước ngày 31/12/2025", "Thời hạn: …"): the time of
// the task above them (kSentenceTaskLadder).
void TaskFinder::LabelTimes() {
  for (const Item* d : scope_.Within(TimeScope::kDeadline, {0, text_.size()})) {
    const Paragraph& p = structure_.paragraphs()[structure_.IndexOf(d->span.begin)];
    const Span sentence = structure_.SentenceOf(d->span.begin);
    for (size_t start : {p.body.begin, std::max(sentence.begin, p.body.begin)}) {
      const Span window{start, std::min(p.body.end, start + kCueWindow)};
      if (Attr(labels_.AtStart(Key(window)), "role") == "time") {
        scope_.Add(TimeScope::kLabelledTime, d);
        break;
      }
    }
  }
}

// Returns the offset in the text of offset `at` of `key`, the key of `s`.
size_t TaskFinder::Raw(Span s, std::string_view key, size_t at) const {
  return s.begin + RawOffset(key, std::string_view(text_).substr(s.begin, s.size()), at);
}

// Reads a lead from `begin`: an agency head (when `need_head`), then words
// up to a lower-case end cue (not right after a plural marker, vocab
// task_lead_plurals: a noun then, "các tổ chức"; nor a noun cue after a comma), a ':' or a stop.  Parentheses go with the name.
LeadScan TaskFinder::ScanLead(size_t begin, size_t limit, bool need_head) const {
  LeadScan scan;
  size_t pos = begin;
  if (need_head) {
    const VocabEntry* head = CueAt(heads_, begin, limit, &pos);
    if (!head) return scan;
    if (Attr(head, "name") == "yes" && !CapitalAt(pos, limit)) return scan;  // "Bộ Công an", not "Báo cáo"
  }
  std::string previous_storage, window_storage;
  std::string_view previous;
  for (int words = 0; pos < limit; ++words) {
    while (pos < limit && (IsSpace(text_[pos]) || text_[pos] == ',')) ++pos;
    if (pos >= limit || words > kMaxLeadWords) break;
    const char c = text_[pos];
    if (c == '.' || c == ';' || c == ':') {
      scan.stop = c == ':' ? LeadScan::kColon : LeadScan::kFailed;
      scan.end = pos;
      if (c == ';' && need_head) NamesOverSemicolon(pos, limit, &scan);
      break;
    }
    if (c == '(') {
      size_t close = text_.find(')', pos);
      pos = close == std::string::npos || close >= limit ? limit : close + 1;
      continue;
    }
    size_t after = pos;
    const char32_t first = DecodeUtf8(text_, &after);
    // A capitalised cue opening a line ends a lead wrapped as a heading:
    // "1.1. Giao Sở Nông nghiệp / và Môi trường / Khẩn trương chia sẻ …".
    const bool opens_line = structure_.LineStartsAt(pos) && pos > begin;
    if ((u_islower(static_cast<UChar32>(first)) || opens_line) && !plurals_.AtStart(previous)) {
      const Span window{pos, std::min(limit, pos + kCueWindow)};
      const VocabEntry* cue = ends_.AtStart(keyed_.View(window, &window_storage));
      // "Các đoàn thể, tổ chức xã hội:": after a comma a cue that is also
      // a noun (noun = "yes") goes on with the list of names.
      const size_t comma = text_.find_last_not_of(' ', pos - 1);
      if (cue && Attr(cue, "noun") == "yes" && comma != std::string::npos && text_[comma] == ',') cue = nullptr;
      // "Chủ tịch UBND tỉnh giao Giám đốc Sở …": a task cue before a name
      // passes the work on (ClauseLead gives it to the name), while "Ban An
      // toàn giao thông" goes on.
      if (!cue) cue = CueBeforeName(pos, limit);
      if (cue) {
        scan.stop = LeadScan::kCue;
        scan.end = pos;
        scan.report = !Attr(cue, "report").empty();
        scan.adverbial = !Attr(cue, "adverbial").empty();
        ExtendOverRelative(begin, limit, &scan);
        break;
      }
    }
    size_t word_end = pos;
    while (word_end < limit && !IsSpace(text_[word_end]) && std::string_view(",.;:(").find(text_[word_end]) == std::string_view::npos) ++word_end;
    previous = keyed_.View({pos, word_end}, &previous_storage);
    pos = word_end;
  }
  if (scan.stop == LeadScan::kFailed && pos >= limit) {
    scan.stop = LeadScan::kEnd;
    scan.end = limit;
  }
  scan.lead = Trim(text_, {begin, scan.end});
  if (scan.lead.size() == 0) scan.stop = LeadScan::kFailed;
  return scan;
}

// "Yêu cầu Giám đốc các sở, Thủ trưởng các ban ngành, đơn vị cấp tỉnh; các
// cơ quan Trung ương đóng trên địa bàn tỉnh và Chủ tịch UBND các cấp tập
// trung …": names alone up to a ';' go on with the names after it when an
// end cue ends those.
void TaskFinder::NamesOverSemicolon(size_t semicolon, size_t limit, LeadScan* scan) const {
  const size_t next = text_.find_first_not_of(' ', semicolon + 1);
  if (next == std::string::npos || next >= limit) return;
  const LeadScan rest = ScanLead(next, limit, /*need_head=*/true);  // names: "các cơ quan …", not "kinh phí …"
  if (rest.stop != LeadScan::kCue || rest.report) return;
  scan->stop = LeadScan::kCue;
  scan->end = rest.end;
}

// "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này
// có trách nhiệm …": a class of agencies named by a relative clause (vocab
// task_lead_relatives) runs to the main verb after it (task_lead_mains).
void TaskFinder::ExtendOverRelative(size_t begin, size_t limit, LeadScan* scan) const {
  if (!heads_.AtStart(Key({begin, std::min(limit, begin + kCueWindow)})) ||
      !plurals_.AtStart(Key({begin, std::min(limit, begin + kCueWindow)})) ||
      !relatives_.AtStart(Key({scan->end, std::min(limit, scan->end + kCueWindow)}))) {
    return;
  }
  const size_t stop = FindFirstOf(text_, ".;:", scan->end, limit);
  const std::string key = Key({scan->end, stop});
  const size_t main = mains_.FirstAt(key);
  if (main == std::string::npos) return;
  scan->end = Raw({scan->end, stop}, key, main);
  scan->report = false;
}

// Returns the role of a labelled line ("Đơn vị chủ trì: …" -> "lead") and
// sets *value to what follows the ':'; "" when `p` is no labelled line.
std::string TaskFinder::LabelOf(const Paragraph& p, Span* value) const {
  if (p.kind == Paragraph::kBlank || p.kind == Paragraph::kTableRow) return {};
  std::string_view body(text_.data() + p.body.begin, p.body.size());
  const size_t colon = body.substr(0, kLabelBytes).find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  const std::string key = Key(Trim(text_, {p.body.begin, p.body.begin + colon}));
  size_t end = 0;
  const VocabEntry* label = labels_.AtStart(key, &end);
  // The label is the cue and a few words more ("Đơn vị chủ trì tham mưu thực hiện").
  if (!label || std::count(key.begin(), key.end(), ' ') > 7) return {};
  *value = Trim(text_, {p.body.begin + colon + 1, p.body.end});
  return Attr(label, "role");
}

// A block of labelled lines from paragraph `first` on: the task is the item
// or heading above it (or its "Nội dung:" line).  Returns the index of the
// first paragraph after the block.
size_t TaskFinder::LabelledTask(size_t first) {
  const std::vector<Paragraph>& ps = structure_.paragraphs();
  Span lead, partners, time, content, time_line;
  size_t next = first, last = first;
  for (; next < ps.size(); ++next) {
    if (ps[next].kind == Paragraph::kBlank) continue;
    Span value;
    const std::string role = LabelOf(ps[next], &value);
    if (role.empty() && ContinuesLine(ps[next])) continue;  // a label's value wrapped after ';'
    if (role.empty()) break;
    if (role == "lead" && lead.size() > 0) break;  // the next task's block
    Span* slot = role == "lead" ? &lead : role == "partners" ? &partners : role == "time" ? &time
                 : role == "content" ? &content : nullptr;
    if (slot && slot->size() == 0) *slot = value;
    if (role == "time" && time_line.size() == 0) time_line = ps[next].span;
    last = next;
  }
  if (lead.size() == 0) return std::max(next, first + 1);
  size_t task_index = first;
  while (task_index > 0 && ps[task_index - 1].kind == Paragraph::kBlank) --task_index;
  Span value;
  const bool has_item = task_index > 0 && LabelOf(ps[task_index - 1], &value).empty();
  if (has_item) --task_index;
  // The item above names the work of this block: a task read from its own
  // sentences ("Các cơ quan … ưu tiên chọn lựa …" over "Đơn vị chủ trì: …")
  // gives way to the block's lead.
  while (has_item && !found_.empty() && found_.back().span.begin >= ps[task_index].span.begin) found_.pop_back();
  const Span task = content.size() > 0 ? content : has_item ? Trim(text_, ps[task_index].body) : Span{};
  const Span lead_span = LeadOfValue(lead);
  found_.push_back({{ps[task_index].span.begin, ps[last].span.end}, lead_span,
                    partners.size() > 0 ? Json(OneLine(text_, partners, kTaskBytes)) : Json(nullptr),
                    OneLine(text_, task, kTaskBytes), time.size() > 0 ? TimeOf(time, time_line) : TaskTime{}});
  return next;
}

// Returns the lead written as a label's value or a table cell: the whole
// value ("Ban Quản lý dự án đầu tư xây dựng tỉnh"), cut before an end cue
// only when a sentence follows the name ("Bộ Công an tiến hành rà soát các
// văn bản …").
Span TaskFinder::LeadOfValue(Span value) const {
  const LeadScan scan = ScanLead(value.begin, value.end, /*need_head=*/false);
  // "Sở Nội vụ, các sở, ban, ngành Thành phố trong phạm vi chức năng, nhiệm
  // vụ của mình và các cơ quan … có liên quan": names go on over a phrase of manner.
  if (scan.stop != LeadScan::kCue || scan.adverbial) return value;
  const std::string_view rest(text_.data() + scan.end, value.end - scan.end);
  return std::count(rest.begin(), rest.end(), ' ') >= kSentenceWords ? scan.lead : value;
}

// A task table: its header row names the lead column (and the time,
// partner and content columns); each row below is a task.  Returns the
// index of the first paragraph after the table, or `header` + 1 when the
// row is no task table's header.
size_t TaskFinder::TableTasks(size_t header) {
  const std::vector<Paragraph>& ps = structure_.paragraphs();
  const std::vector<Span> head = structure_.CellsOf(ps[header]);
  int lead = -1, partners = -1, time = -1, content = -1;
  for (size_t c = 0; c < head.size(); ++c) {
    // A table of administrative procedures names who performs each, which
    // assigns nothing ("Tên thủ tục hành chính | … | Cơ quan thực hiện").
    if (not_tables_.Find(Key(head[c]))) return header + 1;
    const std::string role = Attr(labels_.AtStart(Key(head[c])), "role");
    int* column = role == "lead" ? &lead : role == "partners" ? &partners : role == "time" ? &time
                  : role == "content" ? &content : nullptr;
    if (column && *column < 0) *column = static_cast<int>(c);
  }
  if (lead < 0) return header + 1;
  size_t row = header + 1;
  for (; row < ps.size() && ps[row].kind == Paragraph::kTableRow; ++row) {
    const std::vector<Span> cells = structure_.CellsOf(ps[row]);
    if (static_cast<int>(cells.size()) <= lead) continue;
    const Span lead_cell = Trim(text_, cells[lead]);
    if (lead_cell.size() == 0 || Key(lead_cell).find_first_not_of("-: ") == std::string::npos) continue;
    auto cell = [&](int c) { return c >= 0 && c < static_cast<int>(cells.size()) ? Trim(text_, cells[c]) : Span{}; };
    Span task = cell(content);
    for (size_t c = 0; task.size() == 0 && c < cells.size(); ++c) {
      if (static_cast<int>(c) != lead && static_cast<int>(c) != time && static_cast<int>(c) != partners &&
          cells[c].size() > 12) {
        task = Trim(text_, cells[c]);
      }
    }
    const Span partner_cell = cell(partners);
    found_.push_back({Trim(text_, ps[row].span), LeadOfValue(lead_cell),
                      partner_cell.size() > 0 ? Json(OneLine(text_, partner_cell, kTaskBytes)) : Json(nullptr),
                      OneLine(text_, task, kTaskBytes), time >= 0 ? TimeOf(cell(time), cell(time)) : TaskTime{}});
  }
  return row;
}

// The tasks of a paragraph's sentences.
void TaskFinder::SentenceTasks(size_t index) {
  const Paragraph& p = structure_.paragraphs()[index];
  for (size_t pos = p.body.begin; pos < p.body.end;) {
    Span sentence = structure_.SentenceOf(pos);
    sentence = {std::max(sentence.begin, pos), std::min(sentence.end, p.body.end)};
    if (sentence.end <= pos) sentence.end = p.body.end;
    ClauseTasks(sentence, index);
    pos = sentence.end;
  }
}

// The tasks of one sentence: its start and each clause after ';' may open
// with a lead-in, a cue and an agency that is given work.  A task runs to
// the next one of the sentence; an agency heading ("1. Sở Công Thương:")
// runs over the block below it.
void TaskFinder::ClauseTasks(Span sentence, size_t paragraph) {
  if (not_tasks_index_.AnyIn(SentenceOverSemicolons(sentence))) return;
  std::vector<size_t> starts{sentence.begin};
  for (size_t at = FindFirstOf(text_, ";", sentence.begin, sentence.end); at < sentence.end;
       at = FindFirstOf(text_, ";", at + 1, sentence.end)) {
    starts.push_back(at + 1);
  }
  // The paragraph's first sentence opens it; so does the one after an
  // article's label when a cue gives the work ("Điều 2. Giao Giám đốc Sở
  // …", where "Điều 2." is a sentence); a name alone there may be cut by a
  // line break ("Điều 3. Sở Công" over "Thương chịu trách nhiệm …").
  const Span body = structure_.paragraphs()[paragraph].body;
  const size_t label = Structure::ArticleLabelLength(std::string_view(text_).substr(body.begin, body.size()));
  const bool opens = sentence.begin == body.begin ||
                     (label > 0 && sentence.begin == body.begin + label &&
                      cues_.AtStart(Key({sentence.begin, std::min(sentence.end, sentence.begin + kCueWindow)})));
  std::vector<std::pair<size_t, LeadScan>> found;
  for (size_t i = 0; i < starts.size(); ++i) {
    const size_t start = SkipCues(starts[i], sentence.end);
    if (!found.empty() && start < found.back().second.end) continue;  // inside a lead over a ';'
    LeadScan scan = ClauseLead(start, sentence.end, paragraph, opens && i == 0);
    if (scan.stop == LeadScan::kFailed) scan = LeadAfterIntro(start, sentence.end, paragraph);
    if (scan.stop != LeadScan::kFailed) found.emplace_back(start, scan);
  }
  for (size_t i = 0; i < found.size(); ++i) {
    const LeadScan& scan = found[i].second;
    Span span{i == 0 ? sentence.begin : found[i].first, i + 1 < found.size() ? found[i + 1].first : sentence.end};
    Span work{scan.stop == LeadScan::kColon ? scan.end + 1 : scan.end, span.end};
    if (scan.stop != LeadScan::kCue && Trim(text_, work).size() == 0) {  // a heading: the block below
      span.end = BlockAfter(paragraph).end;
      work = {work.begin, span.end};
    }
    // "… thực hiện tốt một số nội dung trọng tâm sau:": the list below is its work.
    const Span trimmed = Trim(text_, span);
    const Span body = structure_.paragraphs()[paragraph].body;
    const size_t last = body.size() > 0 ? text_.find_last_not_of(" *_", body.end - 1) : std::string::npos;
    const bool leads_list = trimmed.end == Trim(text_, body).end && last != std::string::npos &&
                            last >= body.begin && text_[last] == ':';
    found_.push_back({trimmed, scan.lead, Partners(work), OneLine(text_, Trim(text_, work), kTaskBytes), TaskTime{},
                      leads_list ? Found::kLeadsList : Found::kSentence});
  }
}

// Returns `sentence` and, when it ends a line with ';', the lines after it
// up to the stop that ends the sentence they make: the closing clause
// wraps its list of office holders so ("Giám đốc: Trung tâm …;\nChủ tịch
// UBND các xã … chịu trách nhiệm thi hành Quyết định này./.").
Span TaskFinder::SentenceOverSemicolons(Span sentence) const {
  const size_t last = text_.find_last_not_of(" *_", sentence.end == 0 ? 0 : sentence.end - 1);
  if (last == std::string::npos || last < sentence.begin || text_[last] != ';') return sentence;
  return {sentence.begin, FindFirstOf(text_, ".", sentence.end, sentence.end + kClosingBytes)};
}

// Returns where the lead of a clause from `start` begins: past the spaces,
// an article's label ("Điều 2."), a lead-in ("Thứ nhất,") and a cue ("Giao",
// "Đề nghị", "Trách nhiệm của").
size_t TaskFinder::SkipCues(size_t start, size_t limit) const {
  while (start < limit && IsSpace(text_[start])) ++start;
  // "Điều 2. Giao Giám đốc Sở …": the article's label opens its first clause.
  start += Structure::ArticleLabelLength(std::string_view(text_).substr(start, limit - start));
  for (const Cues* skip : {&lead_ins_, &cues_}) {
    CueAt(*skip, start, limit, &start);
    while (start < limit && (IsSpace(text_[start]) || text_[start] == ',')) ++start;
  }
  return start;
}

// The lead of a clause, or a failed scan: an agency and a lower-case end
// cue ("Sở Tư pháp chủ trì"); or, opening its paragraph, an agency heading:
// a name before ':' ("2. Sở Tài chính: bố trí …", "9. Báo và Phát thanh …,
// Sở Văn hóa …:", anyone in a section of assignments) or a numbered heading
// that is only a name ("3. Sở Nội vụ", "1. Trách nhiệm của Sở Văn hóa …").
LeadScan TaskFinder::ClauseLead(size_t start, size_t limit, size_t paragraph, bool opens) const {
  LeadScan scan = ScanLead(start, limit, /*need_head=*/true);
  if (scan.stop == LeadScan::kCue) {
    const Span window{scan.end, std::min(limit, scan.end + kCueWindow)};
    const std::string key = Key(window);
    size_t cue_end = 0;
    // "Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở …": the work goes to
    // the one named after the cue.
    if (cues_.AtStart(key, &cue_end)) return ClauseLead(SkipCues(scan.end, limit), limit, paragraph, false);
    // "Chính phủ" relays work ("Chính phủ yêu cầu các bộ …") but takes none.
    const bool relays = Attr(heads_.AtStart(Key({start, std::min(limit, start + kCueWindow)})), "relay") == "yes";
    if (relays || scan.report || (start == SkipCues(start, limit) && !CueBefore(start) && enacting_.AtStart(key))) {
      scan.stop = LeadScan::kFailed;
    }
    return scan;
  }
  if (!opens) return LeadScan{};
  if (scan.stop == LeadScan::kFailed) {
    scan = ScanLead(start, limit, /*need_head=*/false);
    if (scan.stop != LeadScan::kColon || !NamedItem(scan, paragraph) ||
        !(in_task_section_ || NamesAgency(scan.lead))) {
      return LeadScan{};
    }
  }
  if (!AgencyHeading(scan, paragraph)) return LeadScan{};
  // A name and a list of names after ':' is an address ("Các Bộ: Nội vụ, Tư
  // pháp"), not work: the work holds a word that gives it.
  const Span work = scan.stop == LeadScan::kColon ? Span{scan.end + 1, BlockAfter(paragraph).end} : BlockAfter(paragraph);
  if (!ends_.Find(Key(work))) return LeadScan{};
  return scan;
}

// The lead after an opening phrase that runs to a comma ("Trên cơ sở đề
// nghị của các Bộ, cơ quan liên quan, Bộ Tài chính khẩn trương rà soát …",
// "Trước ngày 15/12/2025, Sở Nội vụ tổng hợp …"): at the first comma of the
// clause after which an agency and an end cue stand; else a failed scan.
LeadScan TaskFinder::LeadAfterIntro(size_t start, size_t limit, size_t paragraph) const {
  if (!intros_.AtStart(Key({start, std::min(limit, start + kCueWindow)}))) return LeadScan{};
  const size_t clause_end = FindFirstOf(text_, ";:", start, limit);
  for (size_t comma = text_.find(',', start); comma < clause_end; comma = text_.find(',', comma + 1)) {
    LeadScan scan = ClauseLead(SkipCues(comma + 1, limit), limit, paragraph, /*opens=*/false);
    if (scan.stop != LeadScan::kCue) continue;
    // Not a name of the opening phrase: "… của Bộ Chính trị, Ban Bí thư và
    // Văn bản số 9671 …", "…, Ban Tổ chức Trung ương, trên cơ sở …".
    const std::string_view lead(text_.data() + scan.lead.begin, scan.lead.size());
    const bool digits = lead.find_first_of("0123456789") != std::string_view::npos;
    const long words = std::count(lead.begin(), lead.end(), ' ') + 1;
    if (digits || words > kMaxIntroLeadWords || intros_.AtStart(Key({scan.end, std::min(limit, scan.end + kCueWindow)}))) {
      continue;
    }
    return scan;
  }
  return LeadScan{};
}

// Returns the cue of `cues` that starts at `pos` (within `limit`), or null;
// sets *end, when one does, to where it ends in the text.
const VocabEntry* TaskFinder::CueAt(const Cues& cues, size_t pos, size_t limit, size_t* end) const {
  const Span window{pos, std::min(limit, pos + kCueWindow)};
  std::string storage;
  const std::string_view key = keyed_.View(window, &storage);
  size_t key_end = 0;
  const VocabEntry* cue = cues.AtStart(key, &key_end);
  if (cue) *end = Raw(window, key, key_end);
  return cue;
}

// Returns true when the first word from `pos` (spaces skipped), before
// `limit`, opens with a capital letter.
bool TaskFinder::CapitalAt(size_t pos, size_t limit) const {
  size_t at = text_.find_first_not_of(' ', pos);
  if (at == std::string::npos || at >= limit) return false;
  return u_isupper(static_cast<UChar32>(DecodeUtf8(text_, &at)));
}

// Returns the task cue ("giao", "yêu cầu") that starts at `pos` when a
// capitalized word follows it (work passed on to a name), else null.
const VocabEntry* TaskFinder::CueBeforeName(size_t pos, size_t limit) const {
  size_t end = 0;
  const VocabEntry* cue = CueAt(cues_, pos, limit, &end);
  return cue && CapitalAt(end, limit) ? cue : nullptr;
}

// Returns whether a task cue ("Giao", "Đề nghị") stands right before `pos`
// in its clause.
bool TaskFinder::CueBefore(size_t pos) const {
  size_t from = pos > kCueWindow ? pos - kCueWindow : 0;
  if (const size_t stop = FindLastOf(text_, ".;:\n", from, pos); stop != std::string::npos) from = stop + 1;
  const std::string key = Key({from, pos});
  return cues_.AtEnd(key) != nullptr;
}

// An agency named before ':' gives it the work after the colon or below
// it ("2. Sở Tài chính: bố trí kinh phí …", "1. Sở Công Thương:"): at the
// start of its paragraph, a name of a few words, not a line of capitals
// (the header's issuer lines).
bool TaskFinder::AgencyHeading(const LeadScan& scan, size_t paragraph) const {
  const Paragraph& p = structure_.paragraphs()[paragraph];
  const std::string_view lead(text_.data() + scan.lead.begin, scan.lead.size());
  if (std::count(lead.begin(), lead.end(), ' ') >= kMaxHeadingWords) return false;
  if (!HasLowercaseLetter(text_.substr(p.span.begin, p.span.size()))) return false;
  if (scan.stop == LeadScan::kColon) return true;
  // Only a name: the whole of a numbered heading or item.
  return scan.stop == LeadScan::kEnd && scan.lead.end == Trim(text_, p.body).end && structure_.MarkerRankOf(p) >= Structure::kNumbered;
}

// Returns whether the lead before a ':' names someone in a numbered item:
// "9. Báo và Phát thanh - Truyền hình …:", "2. Doanh nghiệp, cộng đồng:";
// not "Ngày công báo:", "Nơi nhận:", "- Lưu:".
bool TaskFinder::NamedItem(const LeadScan& scan, size_t paragraph) const {
  const Paragraph& p = structure_.paragraphs()[paragraph];
  const size_t first = text_.find_first_not_of(' ', p.span.begin);
  if (first >= p.body.begin || !std::isdigit(static_cast<unsigned char>(text_[first]))) return false;
  size_t at = scan.lead.begin;
  const char32_t c = DecodeUtf8(text_, &at);
  const std::string_view lead(text_.data() + scan.lead.begin, scan.lead.size());
  return u_isupper(static_cast<UChar32>(c)) && lead.find_first_of("0123456789") == std::string_view::npos;
}

// Returns whether an agency head begins one of the words of `lead` (and a
// capitalised name follows one that needs it: "Sở Văn hóa", not "xã hội").
bool TaskFinder::NamesAgency(Span lead) const {
  for (size_t pos = lead.begin; pos < lead.end;) {
    if (ScanLead(pos, lead.end, /*need_head=*/true).stop != LeadScan::kFailed) return true;
    const size_t space = text_.find(' ', pos);
    if (space == std::string::npos) break;
    pos = space + 1;
  }
  return false;
}

// Returns whether `p` goes on with the line above: prose that opens in lower
// case ("khoản 7 Điều 21; …" under "+ Nội dung: quy định chi tiết: …").
bool TaskFinder::ContinuesLine(const Paragraph& p) const {
  if (p.kind != Paragraph::kProse) return false;
  size_t at = p.body.begin;
  return u_islower(static_cast<UChar32>(DecodeUtf8(text_, &at)));
}

// Returns whether the section under heading `p` holds assignments: a
// heading naming them opens one ("IV. TỔ CHỨC THỰC HIỆN", "Điều 3. Tổ chức
// thực hiện"); another major heading (a Roman numeral, an article, a line of
// capitals) closes it; a numbered sub-heading keeps what was.
bool TaskFinder::OpensTaskSection(const Paragraph& p, bool open) const {
  if (sections_.Find(Key(p.body))) return true;
  const std::string_view line(text_.data() + p.span.begin, p.span.size());
  const char first = line.empty() ? ' ' : line[line.find_first_not_of(' ') == std::string_view::npos ? 0 : line.find_first_not_of(' ')];
  const bool numbered = std::isdigit(static_cast<unsigned char>(first)) || first == '-' || first == '+';
  return numbered && open;
}

// The partners: the names after "phối hợp (với)" in the task's work.
Json TaskFinder::Partners(Span work) const {
  const std::string key = Key(work);
  for (std::string_view cue : {std::string_view("phối hợp với"), std::string_view("phối hợp"),
                               std::string_view("phoi hop voi"), std::string_view("phoi hop")}) {
    size_t at = key.find(cue);
    if (at == std::string::npos || !Cues::WordEdge(key, at) || !Cues::WordEdge(key, at + cue.size())) continue;
    size_t from = Raw(work, key, at + cue.size());
    LeadScan scan = ScanLead(from, work.end, /*need_head=*/false);
    if (scan.lead.size() > 0 && scan.stop != LeadScan::kFailed) return OneLine(text_, scan.lead, kTaskBytes);
    break;
  }
  return nullptr;
}

// The time of a task written as a label value or a table cell: a deadline
// read by a deadline rule, else a period's end, a date, a bare year or
// quarter; none when it only starts ("Từ 01/7/2025") or runs on ("năm
// 2025 và các năm tiếp theo"); and the recurrence its words give.
TaskTime TaskFinder::TimeOf(Span s, Span line) const {
  TaskTime time;
  const std::string key = Key(s);
  time.recurrence = Attr(recurrences_.Find(key), "recurrence");
  if (open_.Find(key)) return time;
  // A deadline rule may have read the label with its value ("Thời gian
  // hoàn thành: Tháng 12/2025").
  std::vector<const Item*> found = scope_.Within(TimeScope::kDeadline, line);
  if (found.empty()) found = scope_.Within(TimeScope::kAnyPeriod, s);
  if (found.empty() && starts_.AtStart(key) && key.find("đến") == std::string::npos &&
      key.find("den") == std::string::npos) {
    return time;
  }
  if (found.empty()) found = dates_.Within(s);
  if (found.empty()) found = times_.Within(s);
  if (found.empty()) return time;
  const Item* item = found.front()->dimension == "date" || found.front()->dimension == "task_time" ? found.back() : found.front();
  TaskTime from_item = TimeOfItem(item);
  if (from_item.recurrence.empty()) from_item.recurrence = time.recurrence;
  return from_item;
}

TaskTime TaskFinder::TimeOfItem(const Item* item) {
  TaskTime time;
  if (!item) return time;
  time.source = item;
  time.deadline = TimeScope::Value(*item);
  if (item->fields.contains("recurrence")) time.recurrence = item->fields["recurrence"];
  return time;
}

// Gives each task read from a sentence the time its ladder finds, in the
// block up to the next task; a labelled time below it joins its span.
void TaskFinder::ScopeTimes() {
  std::stable_sort(found_.begin(), found_.end(), [](const Found& a, const Found& b) { return a.span.begin < b.span.begin; });
  for (size_t i = 0; i < found_.size(); ++i) {
    Found& f = found_[i];
    if (f.scoping == Found::kGiven) continue;
    size_t limit = std::string::npos;
    for (size_t j = i + 1; j < found_.size() && limit == std::string::npos; ++j) {
      if (found_[j].span.begin >= f.span.end) limit = found_[j].span.begin;
    }
    const Scope scope = scope_.Of(f.span, limit);
    const Item* item = scope_.Governing(scope, f.scoping == Found::kLeadsList ? std::span<const TimeScope::Step>(kListTaskLadder)
                                                                                : std::span<const TimeScope::Step>(kSentenceTaskLadder));
    f.time = TimeOfItem(item);
    // "Hằng năm, Sở Nội vụ tổng hợp …": words before the lead may say the
    // work recurs.
    if (f.time.recurrence.empty() && f.lead.begin > f.span.begin) {
      f.time.recurrence = Attr(recurrences_.Find(Key({f.span.begin, f.lead.begin})), "recurrence");
    }
    // The list a task leads into stays out of its span: the list is long
    // (an archive stores each task's text) and its items may be tasks of
    // their own; a labelled time line joins it.
    if (f.scoping == Found::kSentence && item && item->span.begin >= f.span.end) {
      f.span.end = std::max(f.span.end, Trim(text_, {item->span.begin, structure_.SentenceOf(item->span.begin).end}).end);
    }
  }
}

void TaskFinder::Emit(Found& found) {
  const TaskTime& time = found.time;
  Json fields = Json::object();
  fields["lead"] = OneLine(text_, found.lead, kTaskBytes);
  fields["partners"] = std::move(found.partners);
  fields["task"] = std::move(found.task);
  fields["deadline"] = time.deadline;
  if (!time.recurrence.empty()) fields["recurrence"] = time.recurrence;
  out_.push_back({"task", "task", found.span, std::move(fields)});
  // The time of a task is also a deadline (SPEC section 9).
  const Item* source = time.source;
  if (source && source->dimension != "deadline" && !time.deadline.is_null() &&
      deadline_spans_.insert({source->span.begin, source->span.end}).second) {
    Json value = Json::object();
    value["value"] = time.deadline;
    time_deadlines_.push_back({"deadline", "task.time", source->span, std::move(value)});
  }
}

// Returns true when `p` names the addressees of a letter or a telegram
// ("Kính gửi: …", "THỦ TƯỚNG CHÍNH PHỦ điện:"), whose names take no work.
bool TaskFinder::OpensAddressees(const Paragraph& p) const {
  const std::string key = Key(p.body);
  const VocabEntry* opening = addressees_.AtStart(key);
  if (opening && Attr(opening, "at") != "end") return true;
  std::string_view before_colon = key;
  while (!before_colon.empty() && before_colon.back() == ' ') before_colon.remove_suffix(1);
  if (before_colon.empty() || before_colon.back() != ':') return false;
  before_colon.remove_suffix(1);
  const VocabEntry* closing = addressees_.AtEnd(before_colon);
  return closing && Attr(closing, "at") == "end";
}

std::vector<Item> TaskFinder::Run() {
  const std::vector<Paragraph>& ps = structure_.paragraphs();
  for (size_t i = 0; i < ps.size();) {
    const Paragraph& p = ps[i];
    Span value;
    // The addressees: the paragraph that names them and the list under it.
    if (p.kind != Paragraph::kListItem && p.kind != Paragraph::kBlank) in_addressees_ = OpensAddressees(p);
    if (in_addressees_) {
      ++i;
      continue;
    }
    if (p.kind == Paragraph::kTableRow) {
      i = TableTasks(i);
    } else if (!LabelOf(p, &value).empty()) {
      const size_t before = found_.size();
      const size_t next = LabelledTask(i);
      if (found_.size() == before) SentenceTasks(i);
      i = next;
    } else {
      // The recipients ("Nơi nhận:"), up to the next heading: a plan issued
      // with a decision follows the decision's recipients.
      if (stop_reading_.AtStart(Key(p.body))) in_recipients_ = true;
      if (p.kind == Paragraph::kHeading) {
        in_recipients_ = false;
        in_task_section_ = OpensTaskSection(p, in_task_section_);
      }
      if (in_recipients_) {
        ++i;
        continue;
      }
      if (p.kind != Paragraph::kBlank) SentenceTasks(i);
      ++i;
    }
  }
  ScopeTimes();
  for (Found& f : found_) Emit(f);
  for (Item& d : time_deadlines_) out_.push_back(std::move(d));
  return std::move(out_);
}

}  // namespace

std::vector<Item> FindTasks(const Structure& structure, const KeyedText& keyed,
                            const std::vector<Item>& items, const std::vector<RuleMatch>& matches,
                            const RuleSet& rules, bool accentless) {
  return TaskFinder(structure, keyed, items, matches, rules, accentless).Run();
}

}  // namespace vbhc
