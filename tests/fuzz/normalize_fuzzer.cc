// libFuzzer target: the normalizer and its offset map on any bytes.
// Property: every span of the normalized text (and of the folded view) maps
// to a span inside the input that does not cut a well-formed UTF-8 character.
#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "text/normalizer.h"

namespace {

// True when `pos` is inside a well-formed multi-byte character of `in`.
bool CutsCharacter(std::string_view in, size_t pos) {
  if (pos == 0 || pos >= in.size()) return false;
  if ((static_cast<unsigned char>(in[pos]) & 0xC0) != 0x80) return false;
  for (size_t back = 1; back <= 3 && back <= pos; ++back) {
    unsigned char lead = static_cast<unsigned char>(in[pos - back]);
    if ((lead & 0xC0) == 0x80) continue;
    size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 1;
    if (len <= back || pos - back + len > in.size()) return false;
    size_t probe = pos - back;
    char32_t c = vbhc::DecodeUtf8(in, &probe);
    // DecodeUtf8 does not validate; check the continuation bytes ourselves.
    for (size_t i = 1; i < len; ++i) {
      if ((static_cast<unsigned char>(in[pos - back + i]) & 0xC0) != 0x80) return false;
    }
    return c != 0xFFFD && !(c >= 0xD800 && c <= 0xDFFF) && c <= 0x10FFFF &&
           !(len == 3 && c < 0x800) && !(len == 4 && c < 0x10000) && !(len == 2 && c < 0x80);
  }
  return false;
}

void Check(std::string_view input, const vbhc::NormalizedText& n) {
  const size_t size = n.text.size();
  // A few hundred spans, spread over the text by a fixed pseudo-random walk.
  uint64_t state = size * 2654435761u + 1;
  for (int k = 0; k < 300 && size > 0; ++k) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    size_t b = (state >> 33) % (size + 1);
    size_t e = std::min(size, b + (state >> 13) % 96);
    {
      // Only spans on character boundaries of the normalized text.
      if ((b < size && (static_cast<unsigned char>(n.text[b]) & 0xC0) == 0x80) ||
          (e < size && (static_cast<unsigned char>(n.text[e]) & 0xC0) == 0x80)) {
        continue;
      }
      vbhc::Span s = n.map.ToSource({b, e});
      if (s.begin > s.end || s.end > input.size()) std::abort();
      if (CutsCharacter(input, s.begin) || CutsCharacter(input, s.end)) std::abort();
    }
  }
  for (const vbhc::Warning& w : n.warnings) {
    if (w.span.end > input.size() || w.span.begin > w.span.end) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (bool strip : {false, true}) {
    vbhc::NormalizedText n = vbhc::Normalize(input, {vbhc::ToneStyle::kOfficial, strip});
    Check(input, n);
    vbhc::FoldedText f = vbhc::Fold(n);
    for (size_t b = 0; b < f.text.size(); b += 3) {
      vbhc::Span s = f.map.ToSource({b, f.text.size()});
      if (s.end > n.text.size()) std::abort();
    }
  }
  vbhc::NormalizedText modern = vbhc::Normalize(input, {vbhc::ToneStyle::kModern, false});
  Check(input, modern);
  return 0;
}
