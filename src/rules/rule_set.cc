#include "rules/rule_set.h"

#include <algorithm>
#include <map>
#include <thread>

#include "rules/pattern_syntax.h"
#include "rules/thread_ordinal.h"

namespace vbhc {
namespace {

// Returns the code point ending just before byte `pos`, or 0 at the start.
char32_t CharBefore(std::string_view text, size_t pos) {
  if (pos == 0) return 0;
  size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return DecodeUtf8(text, &start);
}

char32_t CharAt(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  return DecodeUtf8(text, &pos);
}

// A match must not start or end inside a word: RE2's \b knows only ASCII.
bool OnWordBoundaries(std::string_view text, size_t begin, size_t end) {
  if (end <= begin) return false;
  if (IsWordChar(CharAt(text, begin)) && IsWordChar(CharBefore(text, begin))) return false;
  char32_t last = CharBefore(text, end);
  if (IsWordChar(last) && IsWordChar(CharAt(text, end))) return false;
  return true;
}

size_t NextCharStart(std::string_view text, size_t pos) {
  ++pos;
  while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

// RE2's default is 8 MiB per regex; a rule that needs more is reported, not
// silently truncated to "no match".
constexpr int64_t kRe2MaxMem = 16 << 20;
constexpr int64_t kSetMaxMem = 256 << 20;
// Rules per prefilter set.  One DFA over every rule tracks every mix of
// their partial matches: on the dev texts one set of 88 rules spent ~1,100
// instructions per byte building states; small sets stay in their caches
// (measured, whole run: one set 1,558M instructions; sets of 4, 8, 16 rules
// 1,245M, 1,162M, 1,185M).  A pattern that opens with a letter adds few
// states (most bytes leave it at its start), so such rules share sets of
// 64, the others sets of 12: RE2::Set::Match over the dev texts 333M -> 266M
// instructions, and with three times the rules (tools/bench's synthetic
// ones) 723M -> 336M (against one set per 8 rules in order).
constexpr size_t kSetGroup = 12;
constexpr size_t kLetterLedSetGroup = 64;

// Returns true when `pattern` opens with a letter (ASCII or not).
bool OpensWithLetter(std::string_view pattern) {
  if (pattern.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(pattern[0]);
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

RE2::Options RuleSet::RuleOptions() {
  RE2::Options options;
  options.set_case_sensitive(false);
  // Leftmost-longest: "ngày 15" must take DAY = 15, not stop at 1 because
  // 0?[1-9] comes first in the alternation.
  options.set_longest_match(true);
  options.set_log_errors(false);
  options.set_max_mem(kRe2MaxMem);
  return options;
}

RE2::Options RuleSet::SetOptions() {
  RE2::Options options = RuleOptions();
  options.set_max_mem(kSetMaxMem);
  options.set_longest_match(false);  // only "which rules match" is asked
  return options;
}

RuleSet::ViewMatchers RuleSet::CompileView(bool folded, bool borrow_rules) const {
  ViewMatchers m;
  const char* what = folded ? "accentless form of the pattern" : "pattern";
  auto where = [](const Rule& rule) { return rule.where.str() + ": " + rule.id + ": "; };
  std::vector<std::string> prefilters(rules_.size());
  std::vector<size_t> letter_led, others;
  for (size_t index = 0; index < rules_.size(); ++index) {
    const Rule* rule = rules_[index].get();
    const std::string& pattern = folded ? rule->folded_pattern : rule->expanded;
    if (borrow_rules && !folded) {
      m.rules.push_back(rule->re.get());
    } else {
      auto re = std::make_unique<RE2>(pattern, RuleOptions());
      if (!re->ok()) {
        m.errors.push_back(where(*rule) + what + " does not compile: " + re->error());
        re.reset();
      }
      m.rules.push_back(re.get());
      m.owned_rules.push_back(std::move(re));
    }
    prefilters[index] = PrefilterPattern(pattern);
    (OpensWithLetter(prefilters[index]) ? letter_led : others).push_back(index);
  }
  for (const auto& [members, group] : {std::pair{&others, kSetGroup}, std::pair{&letter_led, kLetterLedSetGroup}}) {
    for (size_t k = 0; k < members->size(); ++k) {
      if (k % group == 0) {
        m.sets.push_back(std::make_unique<RE2::Set>(SetOptions(), RE2::UNANCHORED));
        m.set_rules.emplace_back();
      }
      const size_t index = (*members)[k];
      std::unique_ptr<RE2::Set>& set = m.sets.back();
      std::string error;
      if (set && set->Add(prefilters[index], &error) < 0) {
        m.errors.push_back(where(*rules_[index]) + what + " cannot join the RE2::Set: " + error);
        set.reset();
      }
      m.set_rules.back().push_back(static_cast<int>(index));
    }
  }
  for (std::unique_ptr<RE2::Set>& set : m.sets) {
    if (set && !set->Compile()) {
      m.errors.push_back(std::string("rules: the ") + (folded ? "accentless " : "") +
                         "prefilter RE2::Set does not compile (out of memory?)");
      set.reset();
    }
  }
  return m;
}

const RuleSet::Shard& RuleSet::GetShard(unsigned index) const {
  const Shard* shard = shards_[index].load(std::memory_order_acquire);
  if (shard != nullptr) return *shard;
  std::lock_guard<std::mutex> lock(shards_mutex_);
  shard = shards_[index].load(std::memory_order_relaxed);
  if (shard != nullptr) return *shard;
  auto made = std::make_unique<Shard>();
  made->accented = CompileView(/*folded=*/false, /*borrow_rules=*/index == 0);
  shard = made.get();
  shard_store_.push_back(std::move(made));
  shards_[index].store(shard, std::memory_order_release);
  return *shard;
}

unsigned RuleSet::ShardLimit() {
  static const unsigned limit = [] {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    return std::clamp((cores + kThreadsPerShard - 1) / kThreadsPerShard, 2u, kMaxShards);
  }();
  return limit;
}

const RuleSet::Shard& RuleSet::ThisThreadShard() const {
  return GetShard((ThisThreadOrdinal() / kThreadsPerShard) % ShardLimit());
}

size_t RuleSet::ShardCount() const {
  std::lock_guard<std::mutex> lock(shards_mutex_);
  return shard_store_.size();
}

const RuleSet::ViewMatchers& RuleSet::Accentless(const Shard& shard) const {
  std::call_once(shard.accentless_once, [&] {
    shard.accentless = std::make_unique<ViewMatchers>(CompileView(/*folded=*/true, /*borrow_rules=*/false));
  });
  return *shard.accentless;
}

const std::vector<std::string>& RuleSet::AccentlessErrors() const {
  return Accentless(GetShard(0)).errors;
}

MatchInput MatchInput::For(const NormalizedText& n) {
  size_t letters = 0, marked = 0;
  const std::string& s = n.text;
  for (size_t pos = 0; pos < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') ++letters;
      ++pos;
      continue;
    }
    // Vietnamese letters are decided by their bytes, the rest decoded.
    const unsigned char next = pos + 1 < s.size() ? static_cast<unsigned char>(s[pos + 1]) : 0;
    if (StartsVietnameseLetter(b, next)) {
      ++letters;
      ++marked;
      pos += b == 0xE1 ? 3 : 2;
      continue;
    }
    char32_t c = DecodeUtf8(s, &pos);
    if (IsWordChar(c)) {
      ++letters;
      ++marked;
    }
  }
  bool accentless = letters >= 20 && marked * 50 < letters;
  return ForView(n, accentless);
}

MatchInput MatchInput::ForView(const NormalizedText& n, bool folded) {
  MatchInput in;
  in.normalized = &n;
  if (folded) in.folded = std::make_unique<FoldedText>(Fold(n, /*keep_case=*/true));
  return in;
}

std::string RuleSet::error() const {
  std::string out;
  for (const std::string& e : errors_) out += e + "\n";
  return out;
}

const Rule* RuleSet::FindRule(std::string_view id) const {
  for (const auto& r : rules_) {
    if (r->id == id) return r.get();
  }
  return nullptr;
}

const std::vector<VocabEntry>& RuleSet::Vocab(std::string_view name) const {
  static const std::vector<VocabEntry> kEmpty;
  auto it = vocab_.find(name);
  return it == vocab_.end() ? kEmpty : it->second;
}

const VocabEntry* RuleSet::LookupVocab(std::string_view name, std::string_view text,
                                       bool keep_diacritics) const {
  const auto& index = keep_diacritics ? vocab_lower_index_ : vocab_index_;
  auto list = index.find(name);
  if (list == index.end()) return nullptr;
  auto it = list->second.find(keep_diacritics ? LowerCase(text) : FoldString(text));
  return it == list->second.end() ? nullptr : it->second;
}

const VocabEntry* RuleSet::LookupVocabAttr(std::string_view name, std::string_view attr,
                                           std::string_view value) const {
  std::string key = FoldString(value);
  for (const VocabEntry& e : Vocab(name)) {
    auto it = e.attrs.find(std::string(attr));
    if (it != e.attrs.end() && FoldString(it->second) == key) return &e;
  }
  return nullptr;
}

const RuleSet::VocabKeys& RuleSet::KeyedVocab(std::string_view name, bool folded) const {
  static const VocabKeys kEmpty;
  auto it = vocab_keys_.find(name);
  return it == vocab_keys_.end() ? kEmpty : it->second[folded ? 1 : 0];
}

const DimensionSettings& RuleSet::Dimension(std::string_view name) const {
  static const DimensionSettings kDefault;
  auto it = dimensions_.find(name);
  return it == dimensions_.end() ? kDefault : it->second;
}

int YieldedGroup(const RE2& re) {
  const auto item = re.NamedCapturingGroups().find("item");
  return item == re.NamedCapturingGroups().end() ? 0 : item->second;
}

// First each prefilter set over every chunk, then each rule over its
// chunks, so that one DFA at a time is in use (measured: about 3% faster
// than the sets' and the rules' DFAs taking turns paragraph after paragraph).
std::vector<std::pair<int, uint32_t>> RuleSet::Candidates(const ViewMatchers& view, std::string_view text,
                                                         const std::vector<Span>& chunks, std::string* error) const {
  std::vector<std::pair<int, uint32_t>> work;  // (rule index, chunk index)
  std::vector<int> candidates;
  for (size_t g = 0; g < view.sets.size(); ++g) {
    const RE2::Set* set = view.sets[g].get();
    const std::vector<int>& members = view.set_rules[g];
    for (size_t c = 0; c < chunks.size(); ++c) {
      candidates.clear();
      RE2::Set::ErrorInfo info;
      if (set == nullptr || (!set->Match(text.substr(chunks[c].begin, chunks[c].size()), &candidates, &info) &&
                             info.kind != RE2::Set::kNoError)) {
        if (error && set) *error = "RE2::Set prefilter failed (DFA out of memory); ran every rule";
        candidates.clear();
        for (size_t i = 0; i < members.size(); ++i) candidates.push_back(static_cast<int>(i));
      }
      for (int index : candidates) work.emplace_back(members[index], static_cast<uint32_t>(c));
    }
  }
  std::sort(work.begin(), work.end());
  return work;
}

std::vector<RuleMatch> RuleSet::Match(const MatchInput& input, std::string* error,
                                      std::string_view dimension, Prefilter prefilter) const {
  std::vector<RuleMatch> found;
  if (!ok()) return found;
  const std::string_view text = input.text();
  const bool folded = input.folded != nullptr;

  // Prefilter, paragraph by paragraph (blank lines apart): the RE2::Set says
  // which rules match in a paragraph, and only those run on it, so the cost
  // of a rule is paid where it can match, not once per document.
  std::vector<Span> chunks;
  if (prefilter == Prefilter::kWholeText) {
    chunks.push_back({0, text.size()});
  } else {
    size_t start = 0;
    for (size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n', nl + 1)) {
      size_t next = text.find_first_not_of(' ', nl + 1);
      if (next != std::string_view::npos && text[next] == '\n') {
        chunks.push_back({start, nl});
        start = next;
        nl = next;
      }
    }
    chunks.push_back({start, text.size()});
  }
  const Shard& shard = ThisThreadShard();
  const ViewMatchers& view = folded ? Accentless(shard) : shard.accented;
  if (!view.errors.empty() && error) *error = view.errors.front();  // a rule that did not compile here
  std::vector<re2::StringPiece> groups;
  std::vector<std::pair<int, uint32_t>> work = Candidates(view, text, chunks, error);
  for (const auto& [index, c] : work) {
    const Span& chunk = chunks[c];
    const Rule& rule = *rules_[index];
    if (!dimension.empty() && rule.dimension != dimension) continue;
    const RE2* compiled = view.rules[index];
    if (compiled == nullptr) continue;  // reported in *error
    const RE2& re = *compiled;
    groups.resize(re.NumberOfCapturingGroups() + 1);
    // A rule with an `item` group reads its context around the item: the
    // item alone is the match, and the search goes on after it, so that
    // each member of a list sharing a year ("tháng 10, tháng 11 năm 2025")
    // is found in turn.
    const int item = YieldedGroup(re);
    size_t pos = chunk.begin;
    while (pos <= chunk.end) {
      if (!re.Match(text, pos, chunk.end, RE2::UNANCHORED, groups.data(),
                    static_cast<int>(groups.size()))) {
        break;
      }
      size_t begin = groups[0].data() - text.data();
      size_t end = begin + groups[0].size();
      if (!OnWordBoundaries(text, begin, end)) {
        if (begin >= chunk.end) break;
        pos = NextCharStart(text, begin);
        continue;
      }
      if (item != 0 && groups[item].data() != nullptr) {
        begin = groups[item].data() - text.data();
        end = begin + groups[item].size();
      }
      RuleMatch m;
      m.rule = &rule;
      m.span = input.ToNormalized({begin, end});
      m.groups.Reserve(re.NamedCapturingGroups().size());
      for (const auto& [name, group] : re.NamedCapturingGroups()) {
        const re2::StringPiece& g = groups[group];
        if (g.data() == nullptr) continue;
        size_t gb = g.data() - text.data();
        Span ns = input.ToNormalized({gb, gb + g.size()});
        m.groups.Add(name, {input.normalized->text.substr(ns.begin, ns.size()), ns});
      }
      found.push_back(std::move(m));
      pos = end > begin ? end : NextCharStart(text, begin);
    }
  }

  // Settle overlaps within each dimension: longest, then priority, then order.
  std::vector<size_t> order(found.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const RuleMatch& x = found[a];
    const RuleMatch& y = found[b];
    if (x.rule->dimension_rank != y.rule->dimension_rank) return x.rule->dimension_rank < y.rule->dimension_rank;
    if (x.span.size() != y.span.size()) return x.span.size() > y.span.size();
    if (x.rule->priority != y.rule->priority) return x.rule->priority > y.rule->priority;
    if (x.rule != y.rule) return x.rule->index < y.rule->index;
    return x.span.begin < y.span.begin;
  });
  // Accepted spans per dimension, keyed by begin; they never overlap, so one
  // neighbour on each side decides a clash: O(n log n) for any document.
  std::map<std::string_view, std::map<size_t, size_t>> taken;
  auto clashes = [](const std::map<size_t, size_t>& spans, Span s) {
    auto it = spans.lower_bound(s.begin);
    if (it != spans.end() && it->first < s.end) return true;
    if (it != spans.begin() && std::prev(it)->second > s.begin) return true;
    return false;
  };
  std::vector<RuleMatch> kept;
  for (size_t i : order) {
    RuleMatch& m = found[i];
    auto& spans = taken[m.rule->dimension];
    if (clashes(spans, m.span)) continue;
    spans.emplace(m.span.begin, m.span.end);
    kept.push_back(std::move(m));
  }
  // A dimension yields to others where they matched (a horizon "định hướng
  // đến năm 2030" is a period, so "đến năm 2030" inside it is no deadline).
  std::vector<RuleMatch> out;
  for (RuleMatch& m : kept) {
    bool yielded = false;
    for (const std::string& other : Dimension(m.rule->dimension).yields_to) {
      auto it = taken.find(other);
      if (it != taken.end() && clashes(it->second, m.span)) yielded = true;
    }
    if (!yielded) out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const RuleMatch& a, const RuleMatch& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.rule->dimension_rank < b.rule->dimension_rank;
  });
  return out;
}

}  // namespace vbhc
