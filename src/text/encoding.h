// Encoding: detects how a document's bytes encode Vietnamese and converts them
// to UTF-8, with a map back to the original bytes.
//
//   vbhc::DecodedInput d = vbhc::DecodeInput(bytes);          // detect
//   vbhc::DecodedInput d = vbhc::DecodeInput(bytes, "tcvn3");  // forced
//   // d.encoding: "utf-8", "tcvn3", "viscii", "windows-1258", or the mojibake
//   // forms "tcvn3+cp1252", … (legacy bytes read as Windows-1252 and saved
//   // as UTF-8: "QuyÕt ®Þnh" is TCVN3 "Quyết định").
//
// The tables come from glibc iconv (TCVN5712-1 decodes TCVN3/ABC bytes,
// VISCII, CP1258), read one byte at a time so that every character keeps
// its own source offset; combining tone marks (TCVN3, Windows-1258) are
// composed later by the normalizer.  Detection scores each candidate by the
// share of its words that are common Vietnamese syllables; real UTF-8 wins
// unless a legacy reading is clearly more Vietnamese.
#ifndef VBHC_TEXT_ENCODING_H_
#define VBHC_TEXT_ENCODING_H_

#include <string>
#include <string_view>
#include <vector>

#include "text/offset_map.h"

namespace vbhc {

struct DecodedInput {
  std::string encoding = "utf-8";
  double confidence = 1.0;  // 0..1
  bool identity = true;     // text is the input itself (UTF-8)
  std::string text;         // UTF-8 (empty when identity: use the input)
  OffsetMap map;            // text bytes -> input bytes (when !identity)
};

// Returns the names accepted by DecodeInput's `forced` argument.
const std::vector<std::string>& KnownEncodings();

// Returns `bytes` decoded: as `forced` when it is not empty (a name of
// KnownEncodings(); an unknown name gives encoding "unknown:NAME" and the
// input as UTF-8), else as detected.
DecodedInput DecodeInput(std::string_view bytes, std::string_view forced = {});

// Returns true when `s` is valid UTF-8 (no overlong form, surrogate or code
// point over U+10FFFF); *any_high, when given, says whether it has a byte
// over 0x7F.
bool IsValidUtf8(std::string_view s, bool* any_high = nullptr);

// Returns true when at least 20 of the non-ASCII sequences of `s` are valid
// UTF-8 characters and at most one in 20 is not: UTF-8 with a few bad bytes,
// which DecodeInput reads as UTF-8 without trying legacy decoders.
bool MostlyUtf8(std::string_view s);

// Returns the share (0..1) of the words of UTF-8 `text` that are common
// Vietnamese syllables: the detection score.
double VietnameseScore(std::string_view text);

}  // namespace vbhc

#endif  // VBHC_TEXT_ENCODING_H_
