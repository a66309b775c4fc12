// RuleSet: the compiled rules of rules/**/*.toml, matched against a document.
//
//   auto rules = vbhc::RuleSet::LoadEmbedded();          // or LoadDirectory("rules")
//   if (!rules->ok()) { std::cerr << rules->error(); return 3; }
//   vbhc::MatchInput in = vbhc::MatchInput::For(normalized);  // picks accented or folded view
//   std::vector<vbhc::RuleMatch> found = rules->Match(in);
//
// A rule file holds named pieces, vocabulary lists and rules:
//
//   [pieces]
//   DAY = '(?:0?[1-9]|[12][0-9]|3[01])'
//
//   [[rule]]
//   id = "date.dmy_words"              # readable, hand-chosen, unique
//   dimension = "date"
//   pattern = '''ngày (?P<day>{DAY}) tháng (?P<month>{MONTH}) năm (?P<year>{YEAR})'''
//   examples = [ { text = "ngày 14 tháng 10 năm 2021", value = "2021-10-14" } ]
//   counter_examples = [ "Điều 5" ]
//
// Pattern conventions (see rules/README.md):
//   * leftmost-longest matching (POSIX), so the order of alternatives does
//     not matter;
//   * matching is case-insensitive; a space matches any run of spaces and at
//     most one line break, so wrapped lines still match;
//   * every match must start and end on a Vietnamese word boundary (checked
//     by the engine: RE2's \b is ASCII-only);
//   * the same rule also matches accentless text through the folded view.
//
// Overlaps within a dimension are settled by: longest match, then higher
// `priority`, then the rule that comes first (file order, files sorted by path).
//
// A RuleSet is immutable after loading and safe to share between threads;
// groups of threads match through their own compiled copies of the rules
// (made on first use), so no lock is shared by every thread on the hot path.
#ifndef VBHC_RULES_RULE_SET_H_
#define VBHC_RULES_RULE_SET_H_

#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "text/normalizer.h"
#include "text/offset_map.h"

namespace vbhc {

// One entry of a vocabulary list (rules/vocab/*.toml).
struct VocabEntry {
  std::string text;                          // as written: "Quyết định"
  std::map<std::string, std::string> attrs;  // code = "QĐ", value = "8", …
};

// Where a rule or example came from, for messages.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  // Returns "file:line:column", the prefix of every message about it.
  std::string str() const { return file + ":" + std::to_string(line) + ":" + std::to_string(column); }
};

struct RuleExample {
  std::string text;
  std::map<std::string, std::string> expected;  // field -> expected value
  SourceLocation where;
};

struct Rule {
  std::string id;
  std::string dimension;
  // The position of `dimension` among the rule set's dimension names, sorted:
  // compares as the name does, without comparing strings.
  int dimension_rank = 0;
  std::string pattern;        // as written in the file
  std::string expanded;       // pieces expanded, spaces widened
  int priority = 0;
  size_t index = 0;           // position in the rule set (file order)
  std::map<std::string, std::string> set;  // constant fields of every match
  std::vector<RuleExample> examples;
  std::vector<RuleExample> counter_examples;
  SourceLocation where;
  std::unique_ptr<RE2> re;     // on the normalized text
  std::string folded_pattern;  // `expanded` without diacritics, for the folded view
};

// Per-dimension settings ([dimensions.NAME] tables).
struct DimensionSettings {
  std::vector<std::string> yields_to;  // dropped where these dimensions matched
};

// The text a RuleSet matches: the normalized text or its folded view.
struct MatchInput {
  const NormalizedText* normalized = nullptr;
  std::unique_ptr<FoldedText> folded;  // set when matching accentless text
  std::string_view text() const { return folded ? folded->text : normalized->text; }
  // Maps a span of text() to a span of normalized->text.
  Span ToNormalized(Span s) const { return folded ? folded->map.ToSource(s) : s; }

  // Returns the input for `n`, choosing the folded view when the text is
  // written without diacritics (under 2% of its letters carry any).
  static MatchInput For(const NormalizedText& n);
  // Returns the input for `n` with the view forced.
  static MatchInput ForView(const NormalizedText& n, bool folded);
};

struct Capture {
  std::string text;  // normalized text of the group
  Span span;         // in the normalized text
};

// The named groups of a match that took part in it, sorted by name (as a
// std::map would be): a flat vector, since a match has a handful and a
// document makes thousands of matches.
class Captures {
 public:
  using Entry = std::pair<std::string, Capture>;
  using const_iterator = std::vector<Entry>::const_iterator;

  // Returns the group `name`, or end().
  const_iterator find(std::string_view name) const {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), name,
                               [](const Entry& e, std::string_view n) { return e.first < n; });
    return it != entries_.end() && it->first == name ? it : entries_.end();
  }
  // Returns 1 when group `name` took part in the match, else 0.
  size_t count(std::string_view name) const { return find(name) != end() ? 1 : 0; }
  // Returns the group `name`; throws std::out_of_range when it is absent.
  const Capture& at(std::string_view name) const {
    auto it = find(name);
    if (it == end()) throw std::out_of_range("no capture group " + std::string(name));
    return it->second;
  }
  const_iterator begin() const { return entries_.begin(); }
  const_iterator end() const { return entries_.end(); }
  size_t size() const { return entries_.size(); }

  void Reserve(size_t n) { entries_.reserve(n); }
  // Adds group `name`; names must come in increasing order.
  void Add(const std::string& name, Capture capture) { entries_.emplace_back(name, std::move(capture)); }

 private:
  std::vector<Entry> entries_;
};

struct RuleMatch {
  const Rule* rule = nullptr;
  Span span;  // in the normalized text
  Captures groups;
};

// Returns the capture group of `re` whose span a match yields: its `item`
// group when the rule has one (the rest of the pattern is context read for
// its values), else 0, the whole match.
int YieldedGroup(const RE2& re);

class RuleSet {
 public:
  // Loads every *.toml under `dir` (sorted by path).  Never throws: check ok().
  static std::unique_ptr<RuleSet> LoadDirectory(const std::string& dir);
  // Loads the rules compiled into the binary from rules/ at build time.
  static std::unique_ptr<RuleSet> LoadEmbedded();
  // Loads from (name, content) pairs; names are used in messages.
  static std::unique_ptr<RuleSet> LoadFiles(
      const std::vector<std::pair<std::string, std::string>>& files);

  // True when every file parsed and every rule compiled.
  bool ok() const { return errors_.empty(); }
  // Returns all load errors, one "file:line:col: rule id: message" per line.
  std::string error() const;
  const std::vector<std::string>& errors() const { return errors_; }
  // Returns load warnings (e.g. ASCII-only \b or \w in a pattern).
  const std::vector<std::string>& warnings() const { return warnings_; }

  const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }
  const Rule* FindRule(std::string_view id) const;
  // Returns the vocabulary list `name`, or an empty list.
  const std::vector<VocabEntry>& Vocab(std::string_view name) const;
  // Returns the entry of list `name` whose text folds like `text` (case and
  // diacritics ignored), or null.  With `keep_diacritics`, only case is
  // ignored: "Tài" is then not the stop word "tại".
  const VocabEntry* LookupVocab(std::string_view name, std::string_view text,
                                bool keep_diacritics = false) const;
  // Returns the entry of list `name` whose attribute `attr` folds like
  // `value` ("QD" finds Quyết định by its code), or null.
  const VocabEntry* LookupVocabAttr(std::string_view name, std::string_view attr,
                                    std::string_view value) const;
  const DimensionSettings& Dimension(std::string_view name) const;
  // The entries of list `name` keyed for searching in text: by lower-case
  // text, or by folded text when `folded`; longest key first.  Made once at
  // load time, since every document searches for the same cue lists.
  using VocabKeys = std::vector<std::pair<std::string, const VocabEntry*>>;
  const VocabKeys& KeyedVocab(std::string_view name, bool folded) const;

  // How the RE2::Set prefilter is applied: per paragraph (blank lines apart;
  // no match crosses a blank line), or once on the whole text (the simple
  // path, kept to test that both give the same matches).
  enum class Prefilter { kPerParagraph, kWholeText };

  // Returns every match of every rule on `input`, overlaps within a dimension
  // settled, sorted by (start, dimension).  `dimension` limits the rules
  // considered (empty: all).  Sets *error on RE2::Set failure (DFA out of
  // memory) and then returns what the per-rule fallback found.
  std::vector<RuleMatch> Match(const MatchInput& input, std::string* error = nullptr,
                               std::string_view dimension = {},
                               Prefilter prefilter = Prefilter::kPerParagraph) const;

  // Compiles the matchers of the accentless view now (else the first
  // accentless document does) and returns their errors, one "file:line:col:
  // rule id: message" each.  `vbhc rules check` reports them.
  const std::vector<std::string>& AccentlessErrors() const;

  // Threads match through shards: compiled copies of the rules, one per
  // group of kThreadsPerShard threads (numbered by ThisThreadOrdinal), at
  // most ShardLimit() of them, used in turn past that.
  // RE2 objects are safe to share, but every search takes a reader lock on
  // the object's DFA cache, a cache line that all sharing threads write
  // (upstream, google/re2#569: a shared RE2 ran ~24x slower than per-thread
  // copies on 32 threads). Here two threads sharing one copy ran as fast as
  // two copies (each warms the DFA states the other uses), so threads share
  // by fours. Only threads running at once contend, so the limit follows the
  // cores, not --jobs: each shard costs ~11 ms, ~6 MB and warming its own DFA
  // states (~0.2 s of CPU over a large batch), which 64 threads on 2 cores
  // would pay sixteen times for nothing.
  static constexpr unsigned kThreadsPerShard = 4;
  static constexpr unsigned kMaxShards = 16;
  // Returns ceil(cores / kThreadsPerShard), between 2 and kMaxShards (two at
  // least, so that the copies are made, and tested, on every machine).
  static unsigned ShardLimit();
  // Returns how many shards have been made so far (for tests and benchmarks).
  size_t ShardCount() const;

 private:
  friend class RuleLoader;
  RuleSet() = default;

  // The options every rule is compiled with, and those of the prefilter set.
  static RE2::Options RuleOptions();
  static RE2::Options SetOptions();

  // One view's compiled matchers: each rule's RE2 and the prefilter set.
  struct ViewMatchers {
    std::vector<const RE2*> rules;  // by rule index; null where it does not compile
    // The prefilter: RE2::Sets of a few rules each (rule_set.cc: rules
    // whose prefilter opens with a letter share bigger sets); null where one
    // does not compile.  set_rules[g] holds the rule indices of set g, in
    // the order they were added.
    std::vector<std::unique_ptr<RE2::Set>> sets;
    std::vector<std::vector<int>> set_rules;
    std::vector<std::string> errors;
    std::vector<std::unique_ptr<RE2>> owned_rules;  // what `rules` points to, unless borrowed
  };
  // Compiles the matchers of the accented view (`folded` false) or of the
  // accentless one; with `borrow_rules`, the accented view uses the RE2s the
  // loader compiled (rule->re) instead of copies.
  ViewMatchers CompileView(bool folded, bool borrow_rules) const;

  // Returns the (rule index, chunk index) pairs the prefilter sets let
  // through, sorted; a set that fails lets its every rule through.
  std::vector<std::pair<int, uint32_t>> Candidates(const ViewMatchers& view, std::string_view text,
                                                   const std::vector<Span>& chunks, std::string* error) const;

  // The matchers of one shard.
  struct Shard {
    ViewMatchers accented;  // shard 0 borrows the loader's RE2s
    mutable std::once_flag accentless_once;
    // The accentless (folded) view, compiled on first use: most runs never
    // meet an accentless document, and compiling both views at load
    // doubled the start-up of every command.
    mutable std::unique_ptr<ViewMatchers> accentless;
  };
  // Returns shard `index`, compiling it on first use.
  const Shard& GetShard(unsigned index) const;
  // Returns the shard of the calling thread.
  const Shard& ThisThreadShard() const;
  // Returns the accentless matchers of `shard`, compiling them on first use.
  const ViewMatchers& Accentless(const Shard& shard) const;

  std::vector<std::unique_ptr<Rule>> rules_;
  std::map<std::string, std::vector<VocabEntry>, std::less<>> vocab_;
  std::map<std::string, std::map<std::string, const VocabEntry*>, std::less<>> vocab_index_;
  std::map<std::string, std::map<std::string, const VocabEntry*>, std::less<>> vocab_lower_index_;
  std::map<std::string, std::array<VocabKeys, 2>, std::less<>> vocab_keys_;  // [lower, folded]
  std::map<std::string, DimensionSettings, std::less<>> dimensions_;
  mutable std::array<std::atomic<const Shard*>, kMaxShards> shards_{};
  mutable std::mutex shards_mutex_;
  mutable std::vector<std::unique_ptr<Shard>> shard_store_;  // owns what shards_ points to
  std::vector<std::string> errors_;
  std::vector<std::string> warnings_;
};

}  // namespace vbhc

#endif  // VBHC_RULES_RULE_SET_H_
