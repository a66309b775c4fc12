#include "extract/cues.h"

#include <cctype>
#include <map>
#include <memory>
#include <mutex>

#include "text/normalizer.h"
#include "text/vietnamese.h"

namespace vbhc {

std::string CueKey(std::string_view s, bool accentless) {
  return accentless ? FoldString(s) : LowerCase(s);
}

size_t RawOffset(std::string_view key, std::string_view raw, size_t at) {
  size_t characters = 0;
  for (size_t i = 0; i < at && i < key.size(); ++i) characters += (static_cast<unsigned char>(key[i]) & 0xC0) != 0x80;
  size_t offset = 0;
  for (size_t n = 0; offset < raw.size() && n < characters; ++n) DecodeUtf8(raw, &offset);
  return offset;
}

std::string Attr(const VocabEntry* e, const char* name) {
  if (!e) return {};
  auto it = e->attrs.find(name);
  return it == e->attrs.end() ? std::string() : it->second;
}

KeyedText::KeyedText(const std::string& text, bool accentless) : text_(text), accentless_(accentless) {
  // Lower case keeps the UTF-8 length of Vietnamese text, so the lowered
  // text is made once and sliced; folding (accentless documents) does not.
  if (!accentless) lowered_ = LowerCase(text);
  sliceable_ = !accentless && lowered_.size() == text.size();
}

std::string KeyedText::Key(Span s) const {
  if (sliceable_) return lowered_.substr(s.begin, s.size());
  return CueKey(std::string_view(text_).substr(s.begin, s.size()), accentless_);
}

std::string_view KeyedText::View(Span s, std::string* storage) const {
  if (sliceable_) return std::string_view(lowered_).substr(s.begin, s.size());
  *storage = CueKey(std::string_view(text_).substr(s.begin, s.size()), accentless_);
  return *storage;
}

namespace {

// The buckets of each keyed list, made once per list and view: the rule
// set's lists live as long as the process, so their addresses key them.
const Cues::Buckets& BucketsOf(const RuleSet::VocabKeys& keyed) {
  static std::mutex mutex;
  static std::map<const RuleSet::VocabKeys*, std::unique_ptr<Cues::Buckets>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  std::unique_ptr<Cues::Buckets>& buckets = cache[&keyed];
  if (!buckets) {
    buckets = std::make_unique<Cues::Buckets>();
    for (const auto& entry : keyed) {
      if (entry.first.empty()) continue;
      const unsigned char first = static_cast<unsigned char>(entry.first[0]);
      buckets->by_first[first].push_back(&entry);
      if (entry.first.size() == 1) {
        buckets->second[first].set();
      } else {
        buckets->second[first].set(static_cast<unsigned char>(entry.first[1]));
      }
    }
  }
  return *buckets;
}

// Returns true when `cue` occurs in `key` at `at`: its second and third
// bytes first, where most words that share a cue's first byte differ
// ("th…" opens eight of the not-a-task cues and countless words).
inline bool StartsAt(std::string_view key, size_t at, const std::string& cue) {
  if (key.size() - at < cue.size()) return false;
  if (cue.size() > 2 && (key[at + 1] != cue[1] || key[at + 2] != cue[2])) return false;
  return key.compare(at, cue.size(), cue) == 0;
}

}  // namespace

Cues::Cues(const RuleSet& rules, const char* list, bool accentless)
    : keyed_(rules.KeyedVocab(list, accentless)), buckets_(BucketsOf(keyed_)) {}

bool Cues::WordEdge(std::string_view s, size_t pos) {
  if (pos == 0 || pos >= s.size()) return true;
  unsigned char a = static_cast<unsigned char>(s[pos - 1]);
  unsigned char b = static_cast<unsigned char>(s[pos]);
  auto word = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
  return !(word(a) && word(b));
}

// Returns the cues that may start at `at` of `key`: the bucket of its byte,
// or null when no cue of it goes on with the next byte.
const Cues::Bucket* Cues::BucketAt(std::string_view key, size_t at) const {
  const unsigned char first = static_cast<unsigned char>(key[at]);
  const unsigned char second = at + 1 < key.size() ? static_cast<unsigned char>(key[at + 1]) : 0;
  return buckets_.second[first].test(second) ? &buckets_.by_first[first] : nullptr;
}

// One pass over the key, reading at each word edge only the cues of its
// byte (a search of the key per cue cost ~4% of extract): of the cues
// found, the first in the list (longest first), as a search cue by cue
// would return.  Buckets keep the list's order.
const VocabEntry* Cues::Find(std::string_view key) const {
  const std::pair<std::string, const VocabEntry*>* best = nullptr;
  for (size_t at = 0; at < key.size(); ++at) {
    const auto* bucket = BucketAt(key, at);
    if (bucket == nullptr || !WordEdge(key, at)) continue;
    for (const auto* keyed : *bucket) {
      if (best != nullptr && keyed >= best) break;
      const std::string& cue = keyed->first;
      if (!StartsAt(key, at, cue)) continue;
      if (WordEdge(key, at + cue.size())) {
        best = keyed;
        break;
      }
    }
  }
  return best == nullptr ? nullptr : best->second;
}

const VocabEntry* Cues::AtEnd(std::string_view key, size_t* begin) const {
  size_t end = key.find_last_not_of(' ');
  if (end == std::string::npos) return nullptr;
  std::string_view t(key.data(), end + 1);
  for (const auto& [cue, entry] : keyed_) {
    if (t.size() >= cue.size() && t.substr(t.size() - cue.size()) == cue &&
        WordEdge(key, t.size() - cue.size())) {
      if (begin) *begin = t.size() - cue.size();
      return entry;
    }
  }
  return nullptr;
}

const VocabEntry* Cues::AtStart(std::string_view key, size_t* end) const {
  size_t begin = key.find_first_not_of(' ');
  if (begin == std::string::npos) return nullptr;
  for (const auto* keyed : buckets_.by_first[static_cast<unsigned char>(key[begin])]) {
    const auto& [cue, entry] = *keyed;
    if (key.compare(begin, cue.size(), cue) == 0 && WordEdge(key, begin + cue.size())) {
      if (end) *end = begin + cue.size();
      return entry;
    }
  }
  return nullptr;
}

size_t Cues::LastAt(std::string_view key, const VocabEntry** found) const {
  size_t best = std::string::npos;
  for (const auto& [cue, entry] : keyed_) {
    for (size_t at = key.rfind(cue); at != std::string::npos;
         at = at > 0 ? key.rfind(cue, at - 1) : std::string::npos) {
      if (WordEdge(key, at) && WordEdge(key, at + cue.size())) {
        if (best == std::string::npos || at > best) {
          best = at;
          if (found) *found = entry;
        }
        break;
      }
    }
  }
  return best;
}

size_t Cues::FirstAt(std::string_view key, const VocabEntry** found) const {
  size_t best = std::string::npos;
  for (const auto& [cue, entry] : keyed_) {
    for (size_t at = key.find(cue); at != std::string::npos && at < best; at = key.find(cue, at + 1)) {
      if (WordEdge(key, at) && WordEdge(key, at + cue.size())) {
        best = at;
        if (found) *found = entry;
        break;
      }
    }
  }
  return best;
}

std::vector<Span> Cues::Occurrences(std::string_view key) const {
  std::vector<Span> found;
  for (size_t at = 0; at < key.size(); ++at) {
    const auto* bucket = BucketAt(key, at);
    if (bucket == nullptr) continue;
    for (const auto* keyed : *bucket) {
      const std::string& cue = keyed->first;
      if (StartsAt(key, at, cue)) found.push_back({at, at + cue.size()});
    }
  }
  return found;
}

CueIndex::CueIndex(const Cues& cues, const KeyedText& keyed) : cues_(cues), keyed_(keyed) {
  const std::optional<std::string_view> text = keyed.Sliceable();
  if (!text) return;
  indexed_ = true;
  for (const Span& o : cues.Occurrences(*text)) {
    hits_.push_back({o, Cues::WordEdge(*text, o.begin), Cues::WordEdge(*text, o.end)});
  }
}

// A cue at the key's start or end has a word edge there whatever the text
// around the span holds (Cues::WordEdge on the key).
bool CueIndex::AnyIn(Span s) const {
  if (!indexed_) {
    std::string storage;
    return cues_.Find(keyed_.View(s, &storage)) != nullptr;
  }
  auto it = std::lower_bound(hits_.begin(), hits_.end(), s.begin,
                             [](const Hit& h, size_t pos) { return h.span.begin < pos; });
  for (; it != hits_.end() && it->span.begin < s.end; ++it) {
    if (it->span.end > s.end) continue;
    if ((it->edge_before || it->span.begin == s.begin) && (it->edge_after || it->span.end == s.end)) return true;
  }
  return false;
}

}  // namespace vbhc
