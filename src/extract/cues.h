// Cues: the cue-word lists of rules/ (vocab lists such as comparator_cues,
// goal_cues, task_cues) looked for in text as whole words.
//
//   vbhc::Cues goals(rules, "goal_cues", accentless);
//   std::string key = vbhc::CueKey("Phấn đấu đến năm 2025 …", accentless);
//   if (goals.Find(key)) …                      // "phấn đấu" occurs as words
//   size_t at; goals.AtEnd(key, &at);          // a cue that ends the text
//
// Text and cues are compared by their key: lower case, and without
// diacritics only for a document typed without them ("cơ quan" is not "có").
// A key has the characters of its text, not always its bytes: RawOffset maps
// an offset back.
#ifndef VBHC_EXTRACT_CUES_H_
#define VBHC_EXTRACT_CUES_H_

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_set.h"

namespace vbhc {

// Returns the key of `s`: lower case, and folded (no diacritics) when
// `accentless`.
std::string CueKey(std::string_view s, bool accentless);

// Returns the offset in `raw` of offset `at` of `key`, its key: the two have
// the same characters, not always the same bytes.
size_t RawOffset(std::string_view key, std::string_view raw, size_t at);

// A set of bytes asked in one step: std::string_view::find_first_of reads
// the set once per byte of the text (a call to memchr each).
class ByteSet {
 public:
  explicit ByteSet(std::string_view set) {
    for (char c : set) {
      const unsigned char b = static_cast<unsigned char>(c);
      bits_[b >> 6] |= uint64_t{1} << (b & 63);
    }
  }
  bool Has(char c) const {
    const unsigned char b = static_cast<unsigned char>(c);
    return (bits_[b >> 6] >> (b & 63)) & 1;
  }

 private:
  uint64_t bits_[4] = {0, 0, 0, 0};
};

// Returns the offset of the first byte of `set` in text[from, limit), or
// `limit` when there is none.  Every search for a stop in a pass is bounded
// so: an unbounded one from each value of a text with no stop read the rest
// of the text each time (quadratic).
// Returns the offset of the last byte of `set` in text[from, limit), or
// std::string::npos when there is none (bounded for the same reason).
inline size_t FindLastOf(std::string_view text, std::string_view set, size_t from, size_t limit) {
  limit = std::min(limit, text.size());
  if (from >= limit) return std::string::npos;
  const ByteSet bytes(set);
  for (size_t i = limit; i > from; --i) {
    if (bytes.Has(text[i - 1])) return i - 1;
  }
  return std::string::npos;
}
inline size_t FindFirstOf(std::string_view text, std::string_view set, size_t from, size_t limit) {
  limit = std::min(limit, text.size());
  if (from >= limit) return limit;
  if (set.size() == 1) {
    const void* at = std::memchr(text.data() + from, set[0], limit - from);
    return at == nullptr ? limit : static_cast<size_t>(static_cast<const char*>(at) - text.data());
  }
  const ByteSet bytes(set);
  for (size_t i = from; i < limit; ++i) {
    if (bytes.Has(text[i])) return i;
  }
  return limit;
}

// Returns attribute `name` of a vocab entry ("comparator" = ">="), or "".
std::string Attr(const VocabEntry* e, const char* name);

// The keys of spans of one text, made by slicing one lowered copy where
// lower case keeps the bytes (accented text), else span by span.
class KeyedText {
 public:
  KeyedText(const std::string& text, bool accentless);

  // Returns the key of `s` (a span of text()).
  std::string Key(Span s) const;
  // Returns the key of `s` without a copy where lower case keeps the bytes
  // (a view of the lowered text), else made in *storage: for the scans that
  // ask at every word (issue #22).  Valid while this and *storage are.
  std::string_view View(Span s, std::string* storage) const;
  // Returns the key of the whole text when spans' keys are slices of it
  // (lower case kept every byte count), else nullopt.
  std::optional<std::string_view> Sliceable() const {
    return sliceable_ ? std::optional<std::string_view>(lowered_) : std::nullopt;
  }
  const std::string& text() const { return text_; }
  bool accentless() const { return accentless_; }

 private:
  const std::string& text_;
  const bool accentless_;
  std::string lowered_;
  bool sliceable_ = false;
};

// A cue list, keyed once at load time: "Ít nhất" -> "ít nhất" (or "it nhat").
// Every search takes a key (CueKey) and matches whole words only; longer cues
// win over their prefixes ("ít nhất từ" over "ít nhất").
class Cues {
 public:
  // The cues by their first byte, each bucket longest first: AtStart reads
  // only the bucket of the text's first byte (a lead scan asks at every word).
  using Bucket = std::vector<const std::pair<std::string, const VocabEntry*>*>;
  struct Buckets {
    std::array<Bucket, 256> by_first;
    // second[a][b]: a cue of bucket `a` has `b` as its second byte, or has
    // one byte only; Find passes most word starts by this bit alone.
    std::array<std::bitset<256>, 256> second;
  };

  Cues(const RuleSet& rules, const char* list, bool accentless);

  // Returns true when [pos-1, pos] is not inside a word of `s`.
  static bool WordEdge(std::string_view s, size_t pos);

  // Returns the cue occurring as whole words anywhere in `key`, or null.
  const VocabEntry* Find(std::string_view key) const;

  // Returns the cue that ends `key` (trailing spaces ignored), or null; sets
  // *begin, when given, to where it starts in `key`.
  const VocabEntry* AtEnd(std::string_view key, size_t* begin = nullptr) const;

  // Returns the cue that starts `key` (leading spaces ignored), or null; sets
  // *end, when given, to where it ends in `key`.
  const VocabEntry* AtStart(std::string_view key, size_t* end = nullptr) const;

  // Returns the offset of the last cue in `key`, or npos; sets *entry, when
  // given, to that cue's entry.
  size_t LastAt(std::string_view key, const VocabEntry** entry = nullptr) const;

  // Returns the offset of the first cue in `key`, or npos; sets *entry, when
  // given, to that cue's entry.
  size_t FirstAt(std::string_view key, const VocabEntry** entry = nullptr) const;
  // Returns every [begin, end) where a cue's bytes occur in `key`, word
  // edges or not, by begin.
  std::vector<Span> Occurrences(std::string_view key) const;

 private:
  const Bucket* BucketAt(std::string_view key, size_t at) const;

  const RuleSet::VocabKeys& keyed_;  // longest first
  const Buckets& buckets_;
};

// Where a cue list occurs in a document, found once, for a list asked about
// many spans (the tasks pass asks whether each sentence holds a
// not-a-task cue: searching each sentence's key was ~5% of extract).
//
//   vbhc::CueIndex not_tasks(cues, keyed);
//   if (not_tasks.AnyIn(sentence)) …   // == cues.Find(keyed.Key(sentence)) != nullptr
class CueIndex {
 public:
  CueIndex(const Cues& cues, const KeyedText& keyed);
  // Returns true when a cue occurs as whole words in the key of `s`.
  bool AnyIn(Span s) const;

 private:
  struct Hit {
    Span span;
    bool edge_before, edge_after;  // word edges in the whole text
  };
  const Cues& cues_;
  const KeyedText& keyed_;
  bool indexed_ = false;  // false: keys are not slices (accentless text); AnyIn asks Find
  std::vector<Hit> hits_;
};

}  // namespace vbhc

#endif  // VBHC_EXTRACT_CUES_H_
