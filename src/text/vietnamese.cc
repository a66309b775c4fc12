#include "text/vietnamese.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "text/simd_bytes.h"

namespace vbhc {
namespace {

// Combining tone marks of Vietnamese (grave, acute, hook above, tilde, dot below).
bool IsVowelBase(char32_t lower) {
  switch (lower) {
    case U'a': case U'ă': case U'â': case U'e': case U'ê': case U'i':
    case U'o': case U'ô': case U'ơ': case U'u': case U'ư': case U'y':
      return true;
    default:
      return false;
  }
}

const icu::Normalizer2* Nfd() {
  static const icu::Normalizer2* nfd = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFDInstance(status);
  }();
  return nfd;
}

const icu::Normalizer2* Nfc() {
  static const icu::Normalizer2* nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFCInstance(status);
  }();
  return nfc;
}

// A letter split into its base (with shape marks: â, ơ, ư…) and its tone mark.
struct Split {
  char32_t base = 0;   // precomposed base letter, original case
  char32_t tone = 0;   // combining tone mark, 0 when none
  bool ok = true;      // false when the letter carries marks we do not model
};

Split ComputeSplitTone(char32_t c) {
  Split out;
  icu::UnicodeString decomposition;
  if (!Nfd()->getDecomposition(static_cast<UChar32>(c), decomposition)) {
    out.base = c;
    return out;
  }
  std::vector<UChar32> cps;
  for (int32_t i = 0; i < decomposition.length();) {
    UChar32 cp = decomposition.char32At(i);
    cps.push_back(cp);
    i += U16_LENGTH(cp);
  }
  char32_t base = static_cast<char32_t>(cps[0]);
  for (size_t i = 1; i < cps.size(); ++i) {
    char32_t mark = static_cast<char32_t>(cps[i]);
    if (IsToneMark(mark)) {
      if (out.tone != 0) out.ok = false;
      out.tone = mark;
    } else {
      UChar32 composed = Nfc()->composePair(static_cast<UChar32>(base), mark);
      if (composed < 0) {
        out.ok = false;
      } else {
        base = static_cast<char32_t>(composed);
      }
    }
  }
  out.base = base;
  return out;
}

// Letters of the Latin blocks are split once, at first use: the tone pass
// looks at two letters of most Vietnamese words.
constexpr char32_t kSplitTableSize = 0x2000;

Split SplitTone(char32_t c) {
  static const std::vector<Split> table = [] {
    std::vector<Split> t(kSplitTableSize);
    for (char32_t i = 0; i < kSplitTableSize; ++i) t[i] = ComputeSplitTone(i);
    return t;
  }();
  return c < kSplitTableSize ? table[c] : ComputeSplitTone(c);
}

char32_t WithTone(char32_t base, char32_t tone) {
  if (tone == 0) return base;
  UChar32 composed = Nfc()->composePair(static_cast<UChar32>(base), static_cast<UChar32>(tone));
  return composed < 0 ? base : static_cast<char32_t>(composed);
}

constexpr char32_t kFoldTableSize = 0x2500;

std::vector<std::string> BuildFoldTable(bool keep_case) {
  std::vector<std::string> t(kFoldTableSize);
  for (char32_t c = 0; c < kFoldTableSize; ++c) {
    char32_t base = c;
    icu::UnicodeString decomposition;
    if (c >= 0x80 && Nfd()->getDecomposition(static_cast<UChar32>(c), decomposition) &&
        decomposition.length() > 0) {
      base = static_cast<char32_t>(decomposition.char32At(0));
    }
    // Combining marks on their own fold to nothing.
    if (base >= 0x0300 && base <= 0x036F) continue;
    if (!keep_case) base = static_cast<char32_t>(u_tolower(static_cast<UChar32>(base)));
    if (base == 0x0111) base = U'd';  // đ and Đ have no decomposition
    if (base == 0x0110) base = U'D';
    AppendUtf8(base, &t[c]);
  }
  return t;
}

// Folded forms of U+0000..U+24FF, computed once from ICU's decompositions.
const std::vector<std::string>& FoldTable(bool keep_case) {
  static const std::vector<std::string> tables[2] = {BuildFoldTable(false),
                                                     BuildFoldTable(true)};
  return tables[keep_case ? 1 : 0];
}

}  // namespace

bool IsToneMark(char32_t c) {
  return c == 0x0300 || c == 0x0301 || c == 0x0309 || c == 0x0303 || c == 0x0323;
}

char32_t ToneOf(char32_t c) { return SplitTone(c).tone; }

bool IsWordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  // utf8proc's category table is a plain array lookup: cheaper per call than
  // ICU's property trie on this hot path (two calls per candidate match).
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

char32_t DecodeUtf8(std::string_view s, size_t* pos) {
  unsigned char b0 = static_cast<unsigned char>(s[*pos]);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || *pos + len > s.size()) {
    ++*pos;
    return 0xFFFD;
  }
  char32_t c = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int i = 1; i < len; ++i) c = (c << 6) | (static_cast<unsigned char>(s[*pos + i]) & 0x3F);
  *pos += len;
  return c;
}

void FoldCodePoint(char32_t c, std::string* out, bool keep_case) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(!keep_case && c >= 'A' && c <= 'Z' ? c + 32 : c));
  } else if (c < kFoldTableSize) {
    out->append(FoldTable(keep_case)[c]);
  } else {
    AppendUtf8(keep_case ? c : static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))), out);
  }
}

bool HasLowercaseLetter(std::string_view s) {
  std::string folded;
  size_t pos = 0;
  while (pos < s.size()) FoldCodePoint(DecodeUtf8(s, &pos), &folded, /*keep_case=*/true);
  return std::any_of(folded.begin(), folded.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::string UpperCase(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) {
    AppendUtf8(static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(DecodeUtf8(s, &pos)))), &out);
  }
  return out;
}

std::string LowerCase(std::string_view s) {
  // utf8proc's mapping, tabled below U+2000 (all of Latin and Vietnamese):
  // this runs over whole documents (the target pass lowers each once).
  static const std::vector<char32_t> kLower = [] {
    std::vector<char32_t> t(0x2000);
    for (char32_t c = 0; c < t.size(); ++c) {
      t[c] = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
    }
    return t;
  }();
  std::string out;
  out.reserve(s.size() + 16);
  size_t pos = 0;
  while (pos < s.size()) {
#if defined(__SSE2__)
    // The ASCII bytes before the next other one, sixteen at a time: lowered
    // as a block, kept as far as they go (a Vietnamese word's letters are
    // mostly ASCII; its tone-marked vowel is not).
    if (pos + 16 <= s.size()) {
      const __m128i v = simd::Load(reinterpret_cast<const unsigned char*>(s.data()) + pos);
      const size_t ascii = static_cast<size_t>(__builtin_ctz(simd::Bits(v) | 0x10000));
      if (ascii > 1) {
        const __m128i lowered = simd::Or(v, simd::And(simd::InRange(v, 'A', 'Z'), simd::Splat(0x20)));
        const size_t w = out.size();
        out.resize(w + 16);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out.data() + w), lowered);
        out.resize(w + ascii);
        pos += ascii;
        continue;
      }
    }
#endif
    unsigned char b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++pos;
      continue;
    }
    char32_t c = DecodeUtf8(s, &pos);
    AppendUtf8(c < kLower.size() ? kLower[c] : static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c))), &out);
  }
  return out;
}

std::optional<std::u32string> PlaceTone(std::u32string_view syllable, ToneStyle style) {
  const size_t n = syllable.size();
  if (n < 2) return std::nullopt;
  Split first = SplitTone(syllable[n - 2]);
  Split second = SplitTone(syllable[n - 1]);
  if (!first.ok || !second.ok) return std::nullopt;
  char32_t a = static_cast<char32_t>(u_tolower(static_cast<UChar32>(first.base)));
  char32_t b = static_cast<char32_t>(u_tolower(static_cast<UChar32>(second.base)));
  bool open_rhyme = (a == U'o' && (b == U'a' || b == U'e')) || (a == U'u' && b == U'y');
  if (!open_rhyme) return std::nullopt;
  // The onset must be consonants only, and not qu (quý: u is part of the onset)
  // or gi (già: i is part of the onset, and gi+oa does not occur).
  for (size_t i = 0; i + 2 < n; ++i) {
    Split s = SplitTone(syllable[i]);
    char32_t lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(s.base)));
    if (!s.ok || s.tone != 0 || IsVowelBase(lower) || lower > 0x7F) {
      if (lower != U'đ') return std::nullopt;
    }
  }
  if (n >= 3) {
    char32_t before = static_cast<char32_t>(u_tolower(static_cast<UChar32>(syllable[n - 3])));
    if (before == U'q') return std::nullopt;
  }
  char32_t tone = first.tone != 0 ? first.tone : second.tone;
  if (tone == 0 || (first.tone != 0 && second.tone != 0)) return std::nullopt;
  bool tone_on_first = style == ToneStyle::kOfficial;
  if ((first.tone != 0) == tone_on_first) return std::nullopt;  // already right
  std::u32string out(syllable);
  out[n - 2] = WithTone(first.base, tone_on_first ? tone : 0);
  out[n - 1] = WithTone(second.base, tone_on_first ? 0 : tone);
  return out;
}

namespace {

// The folded letters of `word` ("Ộ" -> "o"), or "" when it has anything but
// letters.
std::string FoldedLetters(std::string_view word) {
  std::string folded;
  for (size_t pos = 0; pos < word.size();) {
    const char32_t c = DecodeUtf8(word, &pos);
    if (!u_isalpha(static_cast<UChar32>(c))) return {};
    FoldCodePoint(c, &folded);
  }
  return folded;
}

bool IsVowel(char c) { return std::string_view("aeiouy").find(c) != std::string_view::npos; }

bool IsOnset(std::string_view c) {
  static constexpr std::string_view kOnsets[] = {"b", "c", "ch", "d", "g", "gh", "h", "k", "kh", "l", "m",
                                                 "n", "ng", "ngh", "nh", "p", "ph", "r", "s", "t", "th",
                                                 "tr", "v", "x"};
  return std::find(std::begin(kOnsets), std::end(kOnsets), c) != std::end(kOnsets);
}

bool IsFinal(std::string_view c) {
  static constexpr std::string_view kFinals[] = {"c", "ch", "m", "n", "ng", "nh", "p", "t"};
  return std::find(std::begin(kFinals), std::end(kFinals), c) != std::end(kFinals);
}

// Returns the tone mark `word` carries, or 0.
char32_t ToneOfWord(std::string_view word) {
  for (size_t pos = 0; pos < word.size();) {
    if (char32_t tone = ToneOf(DecodeUtf8(word, &pos))) return tone;
  }
  return 0;
}

// Returns whether consonants `c` (folded) end the word `before` as its final:
// after its own final ("trun" + "g"; `strong`), or after its vowel when the
// tone allows the final (c, ch, p, t follow only sắc and nặng: "và c" is no
// "vàc").
bool EndsWord(const std::string& before, const std::string& c, bool strong) {
  const std::string folded = FoldedLetters(before);
  const size_t last_vowel = folded.find_last_of("aeiouy");
  if (last_vowel == std::string::npos) return false;
  const std::string final = folded.substr(last_vowel + 1);
  if (strong != !final.empty() || !IsFinal(final + c)) return false;
  if (strong) return true;
  const bool stop = c == "c" || c == "ch" || c == "p" || c == "t";
  const char32_t tone = ToneOfWord(before);
  return !stop || tone == 0x0301 || tone == 0x0323;
}

}  // namespace

std::string JoinSplitLetters(std::string_view line) {
  std::vector<std::string> words;
  for (size_t b = 0; b <= line.size();) {
    size_t e = line.find(' ', b);
    if (e == std::string_view::npos) e = line.size();
    words.emplace_back(line.substr(b, e - b));
    b = e + 1;
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string folded = FoldedLetters(words[i]);
    if (folded.empty() || std::any_of(folded.begin(), folded.end(), IsVowel)) {
      out.push_back(words[i]);
      continue;
    }
    // A word of consonants alone: the final of the word before ("trun g"),
    // the onset of the word after ("B Ộ"), the final after a vowel ("ươ n").
    if (!out.empty() && EndsWord(out.back(), folded, /*strong=*/true)) {
      out.back() += words[i];
    } else if (IsOnset(folded) && i + 1 < words.size() && !FoldedLetters(words[i + 1]).empty() &&
               IsVowel(FoldedLetters(words[i + 1])[0])) {
      out.push_back(words[i] + words[i + 1]);
      ++i;
    } else if (!out.empty() && EndsWord(out.back(), folded, /*strong=*/false)) {
      out.back() += words[i];
    } else {
      out.push_back(words[i]);
    }
  }
  std::string joined;
  for (const std::string& w : out) joined += (joined.empty() ? "" : " ") + w;
  return joined;
}

}  // namespace vbhc
