// Normalizer: turns the bytes of one document into the text that rules match,
// with a map back to the original byte offsets.
//
//   vbhc::NormalizedText n = vbhc::Normalize(raw_bytes);
//   // n.text: NFC, one tone placement, LF line ends, single spaces, ASCII '-'.
//   vbhc::Span original = n.map.ToSource({start, end});
//   vbhc::FoldedText f = vbhc::Fold(n);  // "quyết định" -> "quyet dinh"
//
// What Normalize does, in order, per code point of the input:
//   * invalid UTF-8 (truncated, overlong, surrogate, out of range, stray
//     continuation byte) -> U+FFFD plus a warning with the byte offset;
//   * a UTF-8 BOM at offset 0 is dropped; CR LF and lone CR -> LF;
//   * NBSP, tab, other Unicode spaces and C0 controls -> space, and a run of
//     spaces -> one space; zero-width characters and soft hyphens are dropped
//     (they sit inside words, where a space would split the word);
//   * hyphen, non-breaking hyphen, figure/en/em dash, minus -> '-';
//     Ð/ð (Icelandic eth, a frequent typo) -> Đ/đ;
//   * optionally markdown emphasis '*' is dropped (`**Số:** 12`, `năm* *2025`);
//   * Unicode NFC by ICU, segment by segment, so NFD input (also with the dot
//     below before the circumflex) composes and the map stays exact;
//   * one tone placement on the open rhymes oa, oe, uy (see PlaceTone).
// Never fails: any byte sequence gives a text, a map and warnings.
#ifndef VBHC_TEXT_NORMALIZER_H_
#define VBHC_TEXT_NORMALIZER_H_

#include <string>
#include <string_view>
#include <vector>

#include "text/offset_map.h"
#include "text/vietnamese.h"

namespace vbhc {

struct NormalizeOptions {
  ToneStyle tone_style = ToneStyle::kOfficial;
  // Drop markdown emphasis markers ('*'), as crawled pages carry them inside
  // headers and dates.  On for extraction, off for `vbhc normalize`.
  bool strip_emphasis = false;
  // Build the map back to the input (NormalizedText::map).  Off when only the
  // text is wanted: the map is then empty and ToSource answers {0, 0}.
  bool build_map = true;
};

// A problem met in the input, at original byte offsets.
struct Warning {
  Span span;
  std::string message;
};

struct NormalizedText {
  std::string text;            // normalized UTF-8
  OffsetMap map;               // text bytes -> original input bytes
  std::vector<Warning> warnings;
};

// A lower-case, accentless view of a normalized text.
struct FoldedText {
  std::string text;   // folded UTF-8 ("quyet dinh so 12/qd-ubnd")
  OffsetMap map;      // folded bytes -> normalized text bytes
};

// Returns the normalized text of `input` (any bytes).
NormalizedText Normalize(std::string_view input, const NormalizeOptions& options = {});
// The same into *out, reusing its buffers: for a stream of chunks, where a
// fresh megabyte per chunk cost more in page faults than normalizing it.
void Normalize(std::string_view input, const NormalizeOptions& options, NormalizedText* out);

// Returns a position p where `input` can be cut so that normalizing [0, p)
// and [p, end) apart gives exactly the normalization of the whole: after the
// last line break, else after the last space that an ASCII letter or digit
// follows; 0 when there is none (read more).  For streaming a file through
// Normalize in bounded memory; the same cuts suit the 8-bit legacy
// encodings and VIQR.
size_t NormalizationCut(std::string_view input);

// Returns the last character boundary of `input` (> 0 when input has two
// characters): the cut of last resort for a line with no space over many
// megabytes, where a word or a run of spaces may be split.
size_t CharacterBoundaryCut(std::string_view input);

// Returns the folded view of `normalized`: diacritics removed, đ -> d, lower
// case unless `keep_case` (the matcher keeps case so that rules can ask for
// upper-case symbol codes).  Its map points into normalized.text.
FoldedText Fold(const NormalizedText& normalized, bool keep_case = false);

// Returns Fold of a plain string (used to fold rule patterns and vocabulary).
std::string FoldString(std::string_view s);

}  // namespace vbhc

#endif  // VBHC_TEXT_NORMALIZER_H_
