// OffsetMap: maps byte spans of a derived text (normalized or folded view)
// back to byte spans of the text it was derived from.
//
//   NormalizedText n = Normalize(raw);
//   Span s = n.map.ToSource({10, 25});   // raw.substr(s.begin, s.size())
//
// Every byte of the derived text comes from a source unit (a code point, a
// CR LF pair, a run of spaces, an NFC segment) and maps to that unit's
// [begin, end).  Bytes copied verbatim map one to one.  Ranges never decrease,
// so a derived span maps to the source range from its first byte's begin to
// its last byte's end: inside the source and on the boundaries of the units
// that produced it.
//
// Stored as segments, not per byte: a run of verbatim bytes (most of any
// Vietnamese text once it is NFC) is one segment, so the map costs a few
// bytes per changed character instead of eight per byte.
#ifndef VBHC_TEXT_OFFSET_MAP_H_
#define VBHC_TEXT_OFFSET_MAP_H_

#include <algorithm>
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
  OffsetMap() = default;
  // A map with `recording` false keeps only the derived size: ToSource then
  // answers {0, 0}.  For callers that want the derived text alone (`vbhc
  // normalize`), where the map of decomposed text costs a third of the time.
  explicit OffsetMap(bool recording) : recording_(recording) {}
  bool recording() const { return recording_; }

  // Records that the next `count` derived bytes all come from the source unit
  // [begin, end) (a replaced or recomposed character).
  void Append(size_t count, uint32_t begin, uint32_t end) {
    if (count == 0) return;
    if (!recording_) {
      size_ += count;
      return;
    }
    if (segments_.empty() || segments_.back().verbatim || segments_.back().source_begin != begin ||
        segments_.back().source_end != end) {
      segments_.push_back({static_cast<uint32_t>(size_), begin, end, false});
    }
    size_ += count;
  }

  // Records that the next `count` derived bytes are source bytes
  // [begin, begin + count), copied unchanged.
  void AppendVerbatim(size_t count, uint32_t begin) {
    if (count == 0) return;
    if (!recording_) {
      size_ += count;
      return;
    }
    if (!segments_.empty() && segments_.back().verbatim && segments_.back().source_end == begin) {
      segments_.back().source_end += static_cast<uint32_t>(count);
    } else {
      segments_.push_back({static_cast<uint32_t>(size_), begin,
                           static_cast<uint32_t>(begin + count), true});
    }
    size_ += count;
  }

  // Copies the mapping of `from`'s derived bytes [begin, end) to the end of
  // this map (used when a later pass copies most of a text unchanged).
  void AppendRange(const OffsetMap& from, size_t begin, size_t end) {
    if (begin >= end) return;
    if (!recording_ || !from.recording_) {
      Append(end - begin, 0, 0);
      return;
    }
    // One search, then the segments in order: linear in the segments copied.
    for (size_t i = from.SegmentOf(begin); begin < end; ++i) {
      const Segment& s = from.segments_[i];
      size_t seg_end = i + 1 < from.segments_.size() ? from.segments_[i + 1].derived_begin : from.size_;
      size_t stop = std::min(end, seg_end);
      if (s.verbatim) {
        AppendVerbatim(stop - begin, static_cast<uint32_t>(s.source_begin + (begin - s.derived_begin)));
      } else {
        Append(stop - begin, s.source_begin, s.source_end);
      }
      begin = stop;
    }
  }

  // Widens the source range of the last derived byte to end at `end` (used
  // when a run of spaces collapses into the space already written).
  void ExtendLast(uint32_t end) {
    if (segments_.empty()) return;
    Segment& last = segments_.back();
    if (!last.verbatim) {
      last.source_end = end;
      return;
    }
    uint32_t last_source = last.source_end - 1;
    if (last.derived_begin + 1 == size_) {
      last.verbatim = false;
      last.source_begin = last_source;
      last.source_end = end;
      return;
    }
    last.source_end -= 1;
    segments_.push_back({static_cast<uint32_t>(size_ - 1), last_source, end, false});
  }

  size_t size() const { return size_; }
  size_t segments() const { return segments_.size(); }

  // Returns the source span of derived span [begin, end).  An empty derived
  // span maps to an empty source span at the corresponding position.
  Span ToSource(Span derived) const {
    if (segments_.empty()) return {0, 0};
    if (derived.begin >= size_) {
      uint32_t end = ByteSource(size_ - 1).end;
      return {end, end};
    }
    Span first = ByteSource(derived.begin);
    if (derived.end <= derived.begin) return {first.begin, first.begin};
    size_t last = std::min(derived.end, size_) - 1;
    return {first.begin, ByteSource(last).end};
  }

 private:
  struct Segment {
    uint32_t derived_begin;
    uint32_t source_begin;
    uint32_t source_end;
    bool verbatim;
  };

  size_t SegmentOf(size_t derived) const {
    auto it = std::upper_bound(segments_.begin(), segments_.end(), derived,
                               [](size_t d, const Segment& s) { return d < s.derived_begin; });
    return static_cast<size_t>(it - segments_.begin()) - 1;
  }

  Span ByteSource(size_t derived) const {
    const Segment& s = segments_[SegmentOf(derived)];
    if (!s.verbatim) return {s.source_begin, s.source_end};
    size_t at = s.source_begin + (derived - s.derived_begin);
    return {at, at + 1};
  }

  std::vector<Segment> segments_;
  size_t size_ = 0;
  bool recording_ = true;
};

}  // namespace vbhc

#endif  // VBHC_TEXT_OFFSET_MAP_H_
