// Facts about Vietnamese letters used by the normalizer and the matcher.
//
//   vbhc::IsWordChar(U'ế')           -> true   (letters and digits of any script)
//   vbhc::FoldCodePoint(U'Ế', &out)  -> out == "e"   (lower case, no diacritics)
//   vbhc::PlaceTone(U"thuỷ", ToneStyle::kOfficial) -> U"thủy"
//
// Tone marks are handled through ICU's canonical decomposition and composition
// rather than a hand-typed table of 134 precomposed letters, so every letter
// Unicode knows is covered, upper and lower case alike.
#ifndef VBHC_TEXT_VIETNAMESE_H_
#define VBHC_TEXT_VIETNAMESE_H_

#include <optional>
#include <string>
#include <string_view>

namespace vbhc {

// Where the tone mark sits on the open rhymes oa, oe, uy.
enum class ToneStyle {
  kOfficial,  // hòa, hòe, thủy, Ủy: the templates of Decree 30/2020/NĐ-CP.
  kModern,    // hoà, hoè, thuỷ, Uỷ: the 1980s school-book placement.
};

// Returns true for letters and digits (any script); used for word boundaries.
bool IsWordChar(char32_t c);

// True when UTF-8 lead byte `b`, followed by `next`, starts a letter that
// Vietnamese writes (U+00C0-U+01BF but × and ÷, U+1E80-U+1EFF): decided from
// the bytes, for scans that must not decode every character.  False says
// nothing: other characters may be letters too (IsWordChar decides).
inline bool StartsVietnameseLetter(unsigned char b, unsigned char next) {
  return (b >= 0xC4 && b <= 0xC6) || (b == 0xC3 && next != 0x97 && next != 0xB7) ||
         (b == 0xE1 && (next == 0xBA || next == 0xBB));
}

// Appends the folded form of `c` to `out` as UTF-8: tone and shape marks
// removed, đ -> d, and lower case unless `keep_case` (Đ -> D then).
void FoldCodePoint(char32_t c, std::string* out, bool keep_case = false);

// Returns the syllable with its tone mark moved to `style`'s place when the
// syllable's rhyme is exactly oa, oe or uy (no final consonant) and its onset is
// not qu/gi; std::nullopt when nothing changes.  `syllable` is NFC letters.
std::optional<std::u32string> PlaceTone(std::u32string_view syllable, ToneStyle style);

// Returns true for the five tone marks U+0300, U+0301, U+0303, U+0309, U+0323.
bool IsToneMark(char32_t c);

// Returns the tone mark that letter `c` carries ("ế" -> U+0301), or 0.
char32_t ToneOf(char32_t c);

// True when `s` has a lower-case letter, with or without diacritics
// ("ỦY BAN NHÂN DÂN": false; "Ủy ban": true).
bool HasLowercaseLetter(std::string_view s);

// Returns `line` with the letters that PDF copies split by spaces joined
// again, where the join is unambiguous.  A word of consonant letters alone
// is no Vietnamese syllable: it joins the next word when it is an onset and
// that word begins with a vowel ("B Ộ" -> "BỘ", "v à" -> "và"), else the word
// before when that word has a vowel and the consonants then end it as a
// final ("trun g" -> "trung", "ươ n g" -> "ương").  Everything else stays:
// acronyms ("HĐND", "Sở KH và ĐT"), list letters ("điểm a, b và c").
std::string JoinSplitLetters(std::string_view line);

// Returns `s` in lower case, diacritics kept ("Cơ Quan" -> "cơ quan").  For
// valid UTF-8, as DecodeUtf8; a few letters change length (Ⱥ -> ⱥ).
std::string LowerCase(std::string_view s);

// Returns `s` in upper case, diacritics kept ("Cộng hòa" -> "CỘNG HÒA"); for
// short strings (vocabulary), a code point at a time.
std::string UpperCase(std::string_view s);

// Appends `c` to `out` as UTF-8.
void AppendUtf8(char32_t c, std::string* out);

// Decodes one code point at `s[*pos]`, advancing *pos; returns U+FFFD for bad
// bytes (advancing by one).  For already-valid UTF-8 (the normalized views).
char32_t DecodeUtf8(std::string_view s, size_t* pos);

}  // namespace vbhc

#endif  // VBHC_TEXT_VIETNAMESE_H_
