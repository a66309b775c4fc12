// OffsetMap: maps byte spans of a derived text (normalized or folded view)
// back to byte spans of the text it was derived from.
//
//   NormalizedText n = Normalize(raw);
//   Span s = n.map.ToSource({10, 25});   // raw.substr(s.begin, s.size())
//
// Every byte of the derived text records the [begin, end) source range of the
// unit it came from (a code point, a CR LF pair, a run of spaces, an NFC
// segment).  Ranges are non-decreasing, so a derived span maps to the source
// range from the first byte's begin to the last byte's end: always inside the
// source and on the boundaries of the units that produced it.
#ifndef VBHC_OFFSET_MAP_H_
#define VBHC_OFFSET_MAP_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vbhc {

// A half-open byte range [begin, end).
struct Span {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
  bool operator==(const Span&) const = default;
};

class OffsetMap {
 public:
  // Records that the next `count` derived bytes come from source [begin, end).
  void Append(size_t count, uint32_t begin, uint32_t end) {
    for (size_t i = 0; i < count; ++i) {
      begin_.push_back(begin);
      end_.push_back(end);
    }
  }
  void Reserve(size_t n) {
    begin_.reserve(n);
    end_.reserve(n);
  }
  // Widens the source range of the last derived byte to end at `end` (used
  // when a run of spaces collapses into the space already written).
  void ExtendLast(uint32_t end) {
    if (!end_.empty()) end_.back() = end;
  }
  size_t size() const { return begin_.size(); }

  // Returns the source span of derived span [begin, end).  An empty derived
  // span maps to an empty source span at the corresponding position.
  Span ToSource(Span derived) const {
    if (begin_.empty()) return {0, 0};
    if (derived.begin >= begin_.size()) return {end_.back(), end_.back()};
    if (derived.end <= derived.begin) {
      return {begin_[derived.begin], begin_[derived.begin]};
    }
    size_t last = derived.end - 1 < end_.size() ? derived.end - 1 : end_.size() - 1;
    return {begin_[derived.begin], end_[last]};
  }

  // Returns the map of this view straight to the source of `inner`'s source:
  // if this maps C -> B and `inner` maps B -> A, the result maps C -> A.
  OffsetMap ComposeWith(const OffsetMap& inner) const {
    OffsetMap out;
    out.Reserve(size());
    for (size_t i = 0; i < size(); ++i) {
      Span s = inner.ToSource({begin_[i], end_[i]});
      out.begin_.push_back(static_cast<uint32_t>(s.begin));
      out.end_.push_back(static_cast<uint32_t>(s.end));
    }
    return out;
  }

 private:
  std::vector<uint32_t> begin_;
  std::vector<uint32_t> end_;
};

}  // namespace vbhc

#endif  // VBHC_OFFSET_MAP_H_
