#include "text/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/unistr.h>

#include <array>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "text/simd_bytes.h"

namespace vbhc {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

std::string Hex(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", b);
  return buf;
}

// Decodes the code point at input[pos]; on invalid UTF-8 returns U+FFFD,
// sets *error and consumes the maximal ill-formed subpart (Unicode 3.9 / W3C
// practice: one replacement character per maximal subpart).
char32_t DecodeChecked(std::string_view in, size_t pos, size_t* len, std::string* error) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(in[i]); };
  unsigned char b0 = byte(pos);
  *len = 1;
  if (b0 < 0x80) return b0;
  if (b0 < 0xC0) {
    *error = "stray continuation byte " + Hex(b0);
    return kReplacement;
  }
  if (b0 < 0xC2) {
    *error = "overlong 2-byte sequence starting " + Hex(b0);
    return kReplacement;
  }
  if (b0 > 0xF4) {
    *error = "byte " + Hex(b0) + " never occurs in UTF-8";
    return kReplacement;
  }
  int need = b0 < 0xE0 ? 1 : b0 < 0xF0 ? 2 : 3;
  char32_t c = b0 < 0xE0 ? (b0 & 0x1F) : b0 < 0xF0 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int i = 1; i <= need; ++i) {
    if (pos + i >= in.size()) {
      *len = i;
      *error = "truncated " + std::to_string(need + 1) + "-byte sequence at end of input";
      return kReplacement;
    }
    unsigned char b = byte(pos + i);
    unsigned char lo = 0x80, hi = 0xBF;
    if (i == 1) {
      if (b0 == 0xE0) lo = 0xA0;
      if (b0 == 0xED) hi = 0x9F;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    }
    if (b < lo || b > hi) {
      *len = i;
      if (b >= 0x80 && b <= 0xBF && i == 1) {
        *error = b0 == 0xED ? "UTF-16 surrogate encoded in UTF-8"
                 : b0 == 0xF4 ? "code point above U+10FFFF"
                              : "overlong " + std::to_string(need + 1) + "-byte sequence";
      } else {
        *error = "truncated " + std::to_string(need + 1) + "-byte sequence (byte " + Hex(b) +
                 " is not a continuation byte)";
      }
      return kReplacement;
    }
    c = (c << 6) | (b & 0x3F);
  }
  *len = need + 1;
  return c;
}

bool IsHorizontalSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == 0x0B || c == 0x0C || c == 0x00A0 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000 ||
         (c < 0x20 && c != '\n' && c != '\r') || c == 0x7F;
}

bool IsDroppedFormat(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF ||
         c == 0x00AD;
}

bool IsDash(char32_t c) {
  return (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 ||
         c == 0xFF0D;
}

// Returns the Latin letter a Cyrillic one looks like, or 0.  Copies typed or
// converted with a Russian keyboard layout slip them into symbols ("09/2022/
// ТТ-BNV" with a Cyrillic Т); a Vietnamese administrative text has no
// Cyrillic of its own (issue #17).
char32_t LatinLookalike(char32_t c) {
  switch (c) {
    case 0x0410: return 'A';
    case 0x0412: return 'B';
    case 0x0415: return 'E';
    case 0x041A: return 'K';
    case 0x041C: return 'M';
    case 0x041D: return 'H';
    case 0x041E: return 'O';
    case 0x0420: return 'P';
    case 0x0421: return 'C';
    case 0x0422: return 'T';
    case 0x0425: return 'X';
    case 0x0430: return 'a';
    case 0x0435: return 'e';
    case 0x043E: return 'o';
    case 0x0440: return 'p';
    case 0x0441: return 'c';
    case 0x0445: return 'x';
    default: return 0;
  }
}

const icu::Normalizer2* NfcInstance() {
  static const icu::Normalizer2* nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFCInstance(status);
  }();
  return nfc;
}

class CharClassTable;
const CharClassTable& CharClasses();
uint8_t CharClassOf(char32_t c);
constexpr uint8_t kCopyable = 1;
constexpr uint8_t kStartsSegment = 2;

// Builds the normalized text: collects NFC segments (a starter and the marks
// that follow it) and writes each, composed, with the source range it covers.
class Builder {
 public:
  explicit Builder(NormalizedText* out) : out_(out) {}

  // Adds code point `c` read from source [begin, end); `verbatim` when the
  // source bytes are exactly the UTF-8 of `c`.
  void Push(char32_t c, uint32_t begin, uint32_t end, bool verbatim) {
    if (c == ' ') {
      Flush();
      if (!out_->text.empty() && out_->text.back() == ' ') {
        out_->map.ExtendLast(end);
        return;
      }
      Emit(c, begin, end, verbatim);
      return;
    }
    if (c < 0x300 || (c < 0x10000 ? (CharClassOf(c) & kStartsSegment) != 0
                                  : NfcInstance()->hasBoundaryBefore(static_cast<UChar32>(c)))) {
      Flush();
    }
    if (pending_.empty()) {
      pending_begin_ = begin;
      pending_verbatim_ = true;
    }
    pending_.push_back(c);
    pending_end_ = end;
    pending_verbatim_ = pending_verbatim_ && verbatim;
  }

  // Adds a whole NFC segment: `segment` (a starter and its marks) read from
  // source [begin, end), valid UTF-8 written as is.
  void PushSegment(const std::u32string& segment, uint32_t begin, uint32_t end) {
    Flush();
    pending_ = segment;
    pending_begin_ = begin;
    pending_end_ = end;
    pending_verbatim_ = true;
    Flush();
  }

  // Appends source bytes [begin, end) that need no change and that no
  // combining mark follows (for ASCII runs the caller keeps the last byte).
  void PushVerbatim(std::string_view input, size_t begin, size_t end) {
    Flush();
    out_->text.append(input.substr(begin, end - begin));
    out_->map.AppendVerbatim(end - begin, static_cast<uint32_t>(begin));
  }

  void Flush() {
    if (pending_.empty()) return;
    if (pending_.size() == 1 && pending_[0] < 0x300) {
      Emit(pending_[0], pending_begin_, pending_end_, pending_verbatim_);
    } else {
      const Composed& composed = Compose(pending_);
      out_->text.append(composed.utf8);
      if (composed.already && pending_verbatim_) {
        out_->map.AppendVerbatim(composed.utf8.size(), pending_begin_);
      } else {
        out_->map.Append(composed.utf8.size(), pending_begin_, pending_end_);
      }
    }
    pending_.clear();
  }

 private:
  void Emit(char32_t c, uint32_t begin, uint32_t end, bool verbatim) {
    size_t before = out_->text.size();
    AppendUtf8(c, &out_->text);
    if (verbatim) {
      out_->map.AppendVerbatim(out_->text.size() - before, begin);
    } else {
      out_->map.Append(out_->text.size() - before, begin, end);
    }
  }

  struct Composed {
    std::string utf8;  // the NFC of a segment
    bool already;      // the segment was NFC
  };

  // Returns the NFC of `segment` (a starter and its marks).  Decomposed
  // Vietnamese repeats a few hundred segments (a vowel, a shape mark, a
  // tone), so short ones are composed by ICU once and remembered.
  const Composed& Compose(const std::u32string& segment) {
    uint64_t key = 0;
    const bool cacheable = segment.size() <= 3;
    if (cacheable) {
      for (char32_t c : segment) key = key << 21 | c;
      key |= static_cast<uint64_t>(segment.size()) << 63;
      auto it = cache_.find(key);
      if (it != cache_.end()) return it->second;
    }
    icu::UnicodeString u;
    for (char32_t c : segment) u.append(static_cast<UChar32>(c));
    UErrorCode status = U_ZERO_ERROR;
    Composed result;
    result.already = NfcInstance()->isNormalized(u, status) && U_SUCCESS(status);
    icu::UnicodeString composed = result.already ? u : NfcInstance()->normalize(u, status);
    if (U_FAILURE(status)) composed = u;
    composed.toUTF8String(result.utf8);
    if (!cacheable) {
      scratch_ = std::move(result);
      return scratch_;
    }
    if (cache_.size() > 4096) cache_.clear();  // hostile input: keep it small
    return cache_.emplace(key, std::move(result)).first->second;
  }

  NormalizedText* out_;
  std::unordered_map<uint64_t, Composed> cache_;
  Composed scratch_;
  std::u32string pending_;
  uint32_t pending_begin_ = 0;
  uint32_t pending_end_ = 0;
  bool pending_verbatim_ = true;
};

// Per code point below U+1EFA: the ASCII vowel (lower case) under it when it
// is a, e, o, u or y with any marks ("ỏ" -> 'o'), else 0.
using VowelTable = std::array<char, 0x1EFA>;
const VowelTable& VowelBases() {
  static const VowelTable table = [] {
    VowelTable t{};
    std::string folded;
    for (char32_t x = 0; x < t.size(); ++x) {
      if (x >= 0x80 && x < 0xC0) continue;
      if (x > 0x1B0 && x < 0x1EA0) continue;
      folded.clear();
      FoldCodePoint(x, &folded);
      if (folded.size() == 1 && std::string_view("aeouy").find(folded[0]) != std::string_view::npos) t[x] = folded[0];
    }
    return t;
  }();
  return table;
}

char VowelBase(char32_t c) {
  const VowelTable& table = VowelBases();
  return c < table.size() ? table[c] : 0;
}

// True when a letter of the syllable ends at `pos` (no letter follows).
bool WordEndsAt(std::string_view s, size_t pos) {
  if (pos >= s.size()) return true;
  unsigned char b = static_cast<unsigned char>(s[pos]);
  if (b < 0x80) return !((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
  size_t p = pos;
  return !IsWordChar(DecodeUtf8(s, &p));
}

// Returns the start of the code point that ends at `pos` (pos > 0).
size_t PreviousStart(std::string_view s, size_t pos) {
  size_t p = pos - 1;
  while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
  return p;
}

// Returns a mask of the bytes of p[0, 16) (bit k for p[k]) before which a
// syllable ending in a, e or y with a mark on it or on the vowel before may
// end.  A word may end before p[k]: ASCII that is not a letter, or the lead
// byte of a character that may not be a letter (Vietnamese letters, leads
// C3-C6 and E1 BA/BB, are all letters but C3 97 and C3 B7, x and ÷).  And
// p[k-1] may end such a vowel: a continuation byte, or an ASCII a, e or y
// after a non-ASCII byte.  Both tests together leave a sparse mask.
// p[-2] to p[16] must be readable.
uint32_t CandidateEndMaskScalar(const unsigned char* p) {
  uint32_t mask = 0;
  for (int k = 0; k < 16; ++k) {
    const unsigned char b = p[k], next = p[k + 1], before = p[k - 1];
    bool end;
    if (b < 0x80) {
      end = !((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
    } else {
      end = b >= 0xC0 && !StartsVietnameseLetter(b, next);  // not a continuation byte
    }
    const unsigned char lower = before | 0x20;
    const bool vowel_before = (before >= 0x80 && before < 0xC0) ||
                              ((lower == 'a' || lower == 'e' || lower == 'y') && p[k - 2] >= 0x80);
    mask |= static_cast<uint32_t>(end && vowel_before) << k;
  }
  return mask;
}

#if defined(__SSE2__)
// CandidateEndMaskScalar, sixteen bytes at once.
uint32_t CandidateEndMask(const unsigned char* p) {
  using namespace simd;  // NOLINT: the byte tests read as a formula
  const __m128i v = Load(p), next = Load(p + 1), before = Load(p - 1), before2 = Load(p - 2);
  const __m128i letter = InRange(Or(v, Splat(0x20)), 'a', 'z');
  const uint32_t ascii_end = ~Bits(v) & ~Bits(letter) & 0xFFFF;
  // Leads that do not start a Vietnamese letter (StartsVietnameseLetter).
  const __m128i e1 = Eq(v, 0xE1);
  const __m128i other_lead = AndNot(TopBits(v, 0xC0), Or(InRange(v, 0xC3, 0xC6), e1));
  const __m128i sign = And(Eq(v, 0xC3), Or(Eq(next, 0x97), Eq(next, 0xB7)));
  const __m128i other_e1 = AndNot(e1, Or(Eq(next, 0xBA), Eq(next, 0xBB)));
  const uint32_t end = ascii_end | Bits(Or(other_lead, Or(sign, other_e1)));
  const __m128i lower = Or(before, Splat(0x20));
  const __m128i aey = Or(Eq(lower, 'a'), Or(Eq(lower, 'e'), Eq(lower, 'y')));
  const uint32_t vowel_before = Bits(TopBits(before, 0x80)) | (Bits(aey) & Bits(before2));
  return end & vowel_before;
}
#else
uint32_t CandidateEndMask(const unsigned char* p) { return CandidateEndMaskScalar(p); }
#endif

// Returns the ends of the syllables that may need their tone moved: ending
// in o+a, o+e or u+y, one of the two with a mark.  A word-end mask sixteen
// bytes at a time finds the few places to look; `s` is valid UTF-8
// (Normalize's output).  The candidates are checked by PlaceTone.
std::vector<size_t> ToneCandidates(std::string_view s) {
  std::vector<size_t> ends;
  const VowelTable& vowels = VowelBases();
  const size_t n = s.size();
  const unsigned char* u = reinterpret_cast<const unsigned char*>(s.data());
  // The syllable's last letter ends at `end` (a word ends there): is it
  // a, e or y after o or u, one of the two with a mark?
  auto check = [&](size_t end) {
    if (end < 2) return;
    size_t start;
    char second;
    const unsigned char last = u[end - 1];
    if (last < 0x80) {
      second = static_cast<char>(last | 0x20);
      // Most words end in a consonant; two plain letters carry no mark.
      if (!(second == 'a' || second == 'e' || second == 'y') || u[end - 2] < 0x80) return;
      start = end - 1;
    } else if (u[end - 2] >= 0xC3 && u[end - 2] <= 0xC5) {
      start = end - 2;
      second = vowels[(u[start] & 0x1F) << 6 | (last & 0x3F)];
    } else if (end >= 3 && u[end - 3] == 0xE1 && (u[end - 2] == 0xBA || u[end - 2] == 0xBB)) {
      start = end - 3;
      const char32_t c = 0x1000 | (u[end - 2] & 0x3F) << 6 | (last & 0x3F);
      second = c < vowels.size() ? vowels[c] : 0;
    } else {
      return;
    }
    if (start == 0 || !(second == 'a' || second == 'e' || second == 'y') || !WordEndsAt(s, end)) return;
    size_t p = PreviousStart(s, start);
    const char32_t first_cp = DecodeUtf8(s, &p);
    const char first = VowelBase(first_cp);
    const bool marked = last >= 0x80 || first_cp >= 0x80;
    if (marked && ((first == 'o' && (second == 'a' || second == 'e')) || (first == 'u' && second == 'y'))) {
      ends.push_back(end);
    }
  };
  // Ends before byte 2 are too short for two vowels; blocks start there so
  // that the two bytes before each block are readable.
  size_t block = 2;
  for (; block + 17 <= n; block += 16) {
    for (uint32_t mask = CandidateEndMask(u + block); mask != 0; mask &= mask - 1) {
      check(block + static_cast<size_t>(__builtin_ctz(mask)));
    }
  }
  if (n > 2) {
    unsigned char tail[2 + 16 + 17] = {};  // two bytes before, up to 16, then zeros
    std::memcpy(tail, u + block - 2, n - block + 2);
    for (size_t base = 0; block + base < n; base += 16) {
      for (uint32_t mask = CandidateEndMaskScalar(tail + 2 + base); mask != 0; mask &= mask - 1) {
        size_t end = block + base + static_cast<size_t>(__builtin_ctz(mask));
        if (end < n) check(end);
      }
    }
  }
  check(n);
  return ends;
}

// The syllable ending at `end` (its letters back to a non-letter, a digit
// or `floor`) with its tone placed, when that changes it.
struct Replacement {
  size_t start = 0;
  std::u32string letters;  // the syllable as placed
};
std::optional<Replacement> PlacedSyllable(const std::string& s, size_t floor, size_t end,
                                          ToneStyle style, std::u32string* word) {
  size_t start = end;
  while (start > floor) {
    size_t prev = PreviousStart(s, start);
    size_t p = prev;
    char32_t d = DecodeUtf8(s, &p);
    if (!IsWordChar(d) || (d >= '0' && d <= '9')) break;
    start = prev;
  }
  word->clear();
  for (size_t p = start; p < end;) word->push_back(DecodeUtf8(s, &p));
  if (word->size() < 2 || word->size() > 7) return std::nullopt;
  std::optional<std::u32string> fixed = PlaceTone(*word, style);
  if (!fixed) return std::nullopt;
  return Replacement{start, std::move(*fixed)};
}

// Without a map to keep, syllables whose placed form has the same bytes'
// length (all but a few, such as ẽ/õ) are rewritten where they are: no copy
// of the text.  Returns false, changing nothing, when one is not.
bool PlaceTonesInPlace(std::string* text, const std::vector<size_t>& candidates, ToneStyle style) {
  std::vector<std::pair<size_t, std::string>> edits;  // (start, UTF-8)
  std::u32string word;
  size_t floor = 0;
  for (size_t end : candidates) {
    std::optional<Replacement> r = PlacedSyllable(*text, floor, end, style, &word);
    if (!r) continue;
    std::string bytes;
    for (char32_t c : r->letters) AppendUtf8(c, &bytes);
    if (bytes.size() != end - r->start) return false;
    edits.emplace_back(r->start, std::move(bytes));
    floor = end;
  }
  for (const auto& [start, bytes] : edits) text->replace(start, bytes.size(), bytes);
  return true;
}

// Rewrites the tone placement of open-rhyme syllables; `text` is left alone
// when no syllable needs it (the common case).
void FixTonePlacement(NormalizedText* text, ToneStyle style) {
  const std::string& s = text->text;
  std::vector<size_t> candidates = ToneCandidates(s);
  if (candidates.empty()) return;
  if (!text->map.recording() && PlaceTonesInPlace(&text->text, candidates, style)) return;
  NormalizedText out;
  out.map = OffsetMap(text->map.recording());
  bool changed = false;
  size_t copied = 0;  // bytes of s already copied to out
  std::u32string word;
  for (size_t end : candidates) {
    std::optional<Replacement> r = PlacedSyllable(s, copied, end, style, &word);
    if (!r) continue;
    const size_t start = r->start;
    changed = true;
    out.text.append(s, copied, start - copied);
    out.map.AppendRange(text->map, copied, start);
    // The onset keeps its mapping; the two vowels share the source of the pair.
    size_t p = start;
    size_t pair_begin = end;
    std::string piece;
    for (size_t k = 0; k < word.size(); ++k) {
      size_t letter_begin = p;
      DecodeUtf8(s, &p);
      if (k + 2 == word.size()) pair_begin = letter_begin;
      piece.clear();
      AppendUtf8(r->letters[k], &piece);
      out.text.append(piece);
      if (k + 2 < word.size()) {
        out.map.AppendRange(text->map, letter_begin, p);
      } else {
        Span src = text->map.ToSource({pair_begin, end});
        out.map.Append(piece.size(), static_cast<uint32_t>(src.begin), static_cast<uint32_t>(src.end));
      }
    }
    copied = end;
  }
  if (!changed) return;
  out.text.append(s, copied, s.size() - copied);
  out.map.AppendRange(text->map, copied, s.size());
  text->text = std::move(out.text);
  text->map = std::move(out.map);
}

// Per BMP code point: may it be copied unchanged when the next code point
// starts a new NFC segment (it is NFC by itself and no rule replaces it), and
// does it start a new NFC segment.  Computed from ICU by blocks of 256 code
// points, each on first use: the whole table cost 14M instructions of every
// process's start, and a document uses a few blocks.
class CharClassTable {
 public:
  uint8_t operator[](char32_t c) const {
    const size_t block = c >> 8;
    if (!ready_[block].load(std::memory_order_acquire)) Fill(block);
    return table_[c];
  }

 private:
  void Fill(size_t block) const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (ready_[block].load(std::memory_order_relaxed)) return;
    const icu::Normalizer2* nfc = NfcInstance();
    for (char32_t c = block << 8; c < (block + 1) << 8; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      uint8_t flags = 0;
      if (nfc->hasBoundaryBefore(static_cast<UChar32>(c))) flags |= kStartsSegment;
      bool special = c == '\r' || c == '*' || IsHorizontalSpace(c) || IsDroppedFormat(c) ||
                     IsDash(c) || c == 0x00D0 || c == 0x00F0 || LatinLookalike(c) != 0;
      // A code point alone is NFC unless its NFC_Quick_Check is No (a Maybe,
      // a mark that may compose, is NFC with nothing to compose with): ICU's
      // property, where isNormalized() on each one-letter string cost more
      // (checked equal for the BMP, NormalizerTest.QuickCheckIsNormalizedAlone).
      if (!special && u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NFC_QUICK_CHECK) != UNORM_NO &&
          (flags & kStartsSegment)) {
        flags |= kCopyable;
      }
      table_[c] = flags;
    }
    ready_[block].store(true, std::memory_order_release);
  }

  mutable std::array<uint8_t, 0x10000> table_{};
  mutable std::array<std::atomic<bool>, 0x100> ready_{};
  mutable std::mutex mutex_;
};

const CharClassTable& CharClasses() {
  static const CharClassTable table;
  return table;
}

uint8_t CharClassOf(char32_t c) { return CharClasses()[c]; }

// What CopyableRun does with an ASCII byte.
enum AsciiCopy : uint8_t {
  kAsciiStops,       // needs work: controls, tab, CR, DEL ('*' when emphasis is stripped)
  kAsciiCopies,      // copied as is: printable ASCII and LF
  kAsciiSpaceCopies  // a space: copied unless a space precedes it (runs collapse)
};

constexpr std::array<AsciiCopy, 128> MakeAsciiCopyTable(bool strip_emphasis) {
  std::array<AsciiCopy, 128> t{};
  for (int b = 0x21; b < 0x7F; ++b) t[b] = kAsciiCopies;
  t['\n'] = kAsciiCopies;
  t[' '] = kAsciiSpaceCopies;
  if (strip_emphasis) t['*'] = kAsciiStops;
  return t;
}
constexpr std::array<AsciiCopy, 128> kAsciiCopy = MakeAsciiCopyTable(false);
constexpr std::array<AsciiCopy, 128> kAsciiCopyStrippingEmphasis = MakeAsciiCopyTable(true);

#if defined(__SSE2__)
// True when the facts CopyableBlocks relies on hold for this ICU: every
// character of U+00C0-U+01BF but Ð and ð, and of U+1E80-U+1EFF, is copied
// unchanged (checked once against the character classes, else the block
// scan stays off and the per-character path does all the work).
bool BlockScanHolds(const CharClassTable& classes) {
  static const bool holds = [&] {
    for (char32_t c = 0xC0; c < 0x1C0; ++c) {
      if (c != 0xD0 && c != 0xF0 && !(classes[c] & kCopyable)) return false;
    }
    for (char32_t c = 0x1E80; c < 0x1F00; ++c) {
      if (!(classes[c] & kCopyable)) return false;
    }
    return !(classes[0xD0] & kCopyable) && !(classes[0xF0] & kCopyable);
  }();
  return holds;
}

// Returns the end of the 16-byte blocks from `pos` that hold only what
// normalization copies unchanged, the common case of Vietnamese NFC text:
// printable ASCII, LF, single spaces, and the two- and three-byte letters of
// Vietnamese (leads C3-C6 but Ð/ð, E1 BA/BB), well formed.  Anything else
// (controls, NBSP, dashes, combining marks, other scripts, invalid bytes)
// ends the blocks and is left to the per-character path.  Reads s[pos - 2]
// to s[end + 16]; the end may fall inside a character, and the character
// before it is not known to be complete.
size_t CopyableBlocks(const unsigned char* s, size_t pos, size_t n, bool strip_emphasis) {
  using namespace simd;  // NOLINT: the byte tests read as a formula
  for (; pos + 17 <= n; pos += 16) {
    const __m128i v = Load(s + pos), next = Load(s + pos + 1);
    const __m128i before = Load(s + pos - 1), before2 = Load(s + pos - 2);
    __m128i bad = AndNot(AtMost(v, 0x1F), Eq(v, '\n'));  // controls, CR, tab
    bad = Or(bad, Eq(v, 0x7F));
    if (strip_emphasis) bad = Or(bad, Eq(v, '*'));
    bad = Or(bad, And(Eq(v, ' '), Eq(before, ' ')));  // runs of spaces
    const __m128i latin = InRange(v, 0xC3, 0xC6), e1 = Eq(v, 0xE1);
    bad = Or(bad, AndNot(TopBits(v, 0xC0), Or(latin, e1)));  // other leads
    bad = Or(bad, AndNot(e1, Or(Eq(next, 0xBA), Eq(next, 0xBB))));
    bad = Or(bad, And(Eq(v, 0xC3), Or(Eq(next, 0x90), Eq(next, 0xB0))));  // Ð ð
    // Continuation bytes exactly where the leads before them want them.
    const __m128i wanted = Or(Or(InRange(before, 0xC3, 0xC6), Eq(before, 0xE1)), Eq(before2, 0xE1));
    bad = Or(bad, _mm_xor_si128(TopBits(v, 0x80), wanted));
    if (Bits(bad) != 0) break;
  }
  return pos;
}
#endif

// Returns the end of the run of input from `pos` that normalization copies
// unchanged: printable ASCII and LF, single spaces inside the run, and valid
// two- and three-byte characters that are NFC by themselves and start an NFC
// segment (so each is complete once the next one is read).  *last is the
// start of the run's last character, which the caller handles itself, since
// a combining mark after it would change it.  Most Vietnamese text is one
// long run: the per-character path below is for what needs work.
size_t CopyableRun(std::string_view input, size_t pos, bool strip_emphasis,
                   const CharClassTable& classes, size_t* last) {
  const std::array<AsciiCopy, 128>& ascii = strip_emphasis ? kAsciiCopyStrippingEmphasis : kAsciiCopy;
  const size_t n = input.size();
  const unsigned char* s = reinterpret_cast<const unsigned char*>(input.data());
  size_t run = pos;
  *last = pos;
#if defined(__SSE2__)
  const bool block_scan = BlockScanHolds(classes);
  size_t next_block = pos + 1;  // where a block scan is next worth trying
#endif
  while (run < n) {
#if defined(__SSE2__)
    // Whole blocks first, once the run holds a character (a space opening
    // the run is the caller's); after a block that failed, the characters
    // up to its end are taken one by one.
    if (block_scan && run >= next_block && run >= 2 && run + 17 <= n) {
      size_t end = CopyableBlocks(s, run, n, strip_emphasis);
      next_block = end + 16;
      // The last character of the blocks may be cut or unfinished (E1 BA,
      // then a letter): the per-character path takes it again, from its start.
      end = end > run ? PreviousStart(input, end) : run;
      if (end > run) {
        run = end;
        *last = PreviousStart(input, run);
      }
    }
#endif
    const unsigned char b = s[run];
    if (b < 0x80) {
      // Every character before `run` in the run was copyable, so the only
      // space that can precede this one is an ASCII space in the run.
      AsciiCopy copy = ascii[b];
      if (copy == kAsciiStops || (copy == kAsciiSpaceCopies && (run == pos || s[run - 1] == ' '))) break;
      *last = run++;
      continue;
    }
    char32_t c;
    size_t len;
    if (b >= 0xC2 && b < 0xE0 && run + 1 < n && (s[run + 1] & 0xC0) == 0x80) {
      c = static_cast<char32_t>((b & 0x1F) << 6 | (s[run + 1] & 0x3F));
      len = 2;
    } else if (b >= 0xE0 && b < 0xF0 && run + 2 < n) {
      unsigned char b1 = s[run + 1];
      unsigned char b2 = s[run + 2];
      if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F)) break;
      c = static_cast<char32_t>((b & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F));
      len = 3;
    } else {
      break;
    }
    if (!(classes[c] & kCopyable)) break;
    *last = run;
    run += len;
  }
  return run;
}

}  // namespace

NormalizedText Normalize(std::string_view input, const NormalizeOptions& options) {
  NormalizedText out;
  Normalize(input, options, &out);
  return out;
}

void Normalize(std::string_view input, const NormalizeOptions& options, NormalizedText* result) {
  NormalizedText& out = *result;
  out.text.clear();
  out.warnings.clear();
  out.text.reserve(input.size());
  out.map = OffsetMap(options.build_map);
  Builder builder(&out);
  const CharClassTable& classes = CharClasses();
  size_t pos = 0;
  if (input.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  std::string error;
  std::u32string segment;
  while (pos < input.size()) {
    // Fast path: a run that needs no change is copied as is, all but its
    // last character, which a combining mark (NFD) may still modify.
    size_t last = pos;
    size_t run = CopyableRun(input, pos, options.strip_emphasis, classes, &last);
    if (run > pos && last > pos) {
      builder.PushVerbatim(input, pos, last);
      pos = last;
    }
    size_t len = 1;
    unsigned char b = static_cast<unsigned char>(input[pos]);
    // Fast path for decomposed text: an ASCII letter and the combining marks
    // U+0300-U+036F after it ("e" + U+0302 + U+0301), composed at once,
    // when the character after them starts a new segment.
    if (((b | 0x20) >= 'a' && (b | 0x20) <= 'z') && pos + 2 < input.size() &&
        (static_cast<unsigned char>(input[pos + 1]) == 0xCC || static_cast<unsigned char>(input[pos + 1]) == 0xCD)) {
      segment.assign(1, b);
      size_t p = pos + 1;
      while (p + 1 < input.size()) {
        unsigned char m0 = static_cast<unsigned char>(input[p]), m1 = static_cast<unsigned char>(input[p + 1]);
        if ((m1 & 0xC0) != 0x80 || !(m0 == 0xCC || (m0 == 0xCD && m1 <= 0xAF))) break;
        segment.push_back(static_cast<char32_t>((m0 & 0x1F) << 6 | (m1 & 0x3F)));
        p += 2;
      }
      bool next_starts = p >= input.size() || static_cast<unsigned char>(input[p]) < 0x80;
      if (!next_starts) {
        size_t peek = p, ignored = 0;
        std::string peek_error;
        char32_t n = DecodeChecked(input, peek, &ignored, &peek_error);
        next_starts = peek_error.empty() && n < 0x10000 && (classes[n] & kStartsSegment);
      }
      if (segment.size() > 1 && next_starts && !(b == '*' && options.strip_emphasis)) {
        builder.PushSegment(segment, static_cast<uint32_t>(pos), static_cast<uint32_t>(p));
        pos = p;
        continue;
      }
    }
    char32_t c = b < 0x80 ? b : DecodeChecked(input, pos, &len, &error);
    // Fast path for a precomposed letter (ế, ủ, …) not followed by a mark.
    if (b >= 0x80 && error.empty() && c < 0x10000 && (classes[c] & kCopyable)) {
      size_t next = pos + len;
      bool next_starts = next >= input.size();
      if (!next_starts) {
        unsigned char nb = static_cast<unsigned char>(input[next]);
        if (nb < 0x80) {
          next_starts = true;
        } else {
          size_t peek = next, ignored = 0;
          std::string peek_error;
          char32_t n = DecodeChecked(input, peek, &ignored, &peek_error);
          next_starts = !peek_error.empty() || n >= 0x10000 || (classes[n] & kStartsSegment);
        }
      }
      if (next_starts) {
        builder.PushVerbatim(input, pos, next);
        pos = next;
        continue;
      }
    }
    const uint32_t begin = static_cast<uint32_t>(pos);
    uint32_t end = static_cast<uint32_t>(pos + len);
    bool verbatim = error.empty();
    if (!error.empty()) {
      out.warnings.push_back({{begin, end}, "invalid UTF-8: " + error});
      error.clear();
    }
    pos += len;
    if (c == '\r') {
      if (pos < input.size() && input[pos] == '\n') end = static_cast<uint32_t>(++pos);
      c = '\n';
      verbatim = false;
    } else if (IsHorizontalSpace(c)) {
      verbatim = verbatim && c == ' ';
      c = ' ';
    } else if (IsDroppedFormat(c)) {
      continue;
    } else if (IsDash(c)) {
      c = '-';
      verbatim = false;
    } else if (c == 0x00D0) {
      c = 0x0110;
      verbatim = false;
    } else if (c == 0x00F0) {
      c = 0x0111;
      verbatim = false;
    } else if (const char32_t latin = LatinLookalike(c)) {
      c = latin;
      verbatim = false;
    } else if (c == '*' && options.strip_emphasis) {
      continue;
    }
    builder.Push(c, begin, end, verbatim);
  }
  builder.Flush();
  FixTonePlacement(&out, options.tone_style);
}

size_t NormalizationCut(std::string_view input) {
  size_t nl = input.rfind('\n');
  if (nl != std::string_view::npos) return nl + 1;
  // After a space that an ASCII letter or digit follows: the space run ends
  // in the first part, the second starts a word.
  for (size_t i = input.size(); i-- > 1;) {
    if (input[i - 1] == ' ' && std::isalnum(static_cast<unsigned char>(input[i]))) return i;
  }
  return 0;
}

size_t CharacterBoundaryCut(std::string_view input) {
  for (size_t i = input.size(); i-- > 1;) {
    if ((static_cast<unsigned char>(input[i]) & 0xC0) != 0x80) return i;
  }
  return input.size();
}

FoldedText Fold(const NormalizedText& normalized, bool keep_case) {
  FoldedText out;
  const std::string& s = normalized.text;
  out.text.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    size_t begin = pos;
    unsigned char b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      out.text.push_back(static_cast<char>(!keep_case && b >= 'A' && b <= 'Z' ? b + 32 : b));
      out.map.AppendVerbatim(1, static_cast<uint32_t>(pos));
      ++pos;
      continue;
    }
    char32_t c = DecodeUtf8(s, &pos);
    size_t before = out.text.size();
    FoldCodePoint(c, &out.text, keep_case);
    out.map.Append(out.text.size() - before, static_cast<uint32_t>(begin),
                   static_cast<uint32_t>(pos));
  }
  return out;
}

std::string FoldString(std::string_view s) {
  std::string out;
  size_t pos = 0;
  while (pos < s.size()) FoldCodePoint(DecodeUtf8(s, &pos), &out);
  return out;
}

}  // namespace vbhc
