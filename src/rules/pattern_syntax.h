// The few facts about RE2 pattern syntax the rule loader needs: where a
// token or an atom ends, and which part of a pattern a prefilter can use.
//
//   TokenLength("\\p{Lu}x", 0)            == 6   (one escape)
//   AtomLength("(?:a|b)+c", 0)            == 7   (the whole group)
//   PrefilterPattern("(?P<place>\\pL+), ngày") == ", ngày"
//
// Only what is needed to walk a pattern the loader has already compiled with
// RE2 (so it is well-formed); on anything it does not follow, the functions
// answer conservatively (length 0, pattern unchanged).
#ifndef VBHC_RULES_PATTERN_SYNTAX_H_
#define VBHC_RULES_PATTERN_SYNTAX_H_

#include <string>
#include <string_view>

namespace vbhc {

// Returns the length of the token at `pos`: an escape (`\.`, `\pL`,
// `\p{Lu}`, `\x{1EA0}`), a character class (`[^\]a-z]`, `[[:digit:]]`), or
// one UTF-8 character (`(` and `)` included); 0 when it is cut off.
size_t TokenLength(std::string_view pattern, size_t pos);

// Returns the length of the atom at `pos`: a group with everything in it up
// to its `)`, else a token (quantifiers not included); 0 when it is cut off.
size_t AtomLength(std::string_view pattern, size_t pos);

// Returns the length of the quantifier at `pos` (`*`, `+?`, `{2,5}`, …; 0
// when there is none) and sets *optional when it allows zero repeats.
size_t QuantifierLength(std::string_view pattern, size_t pos, bool* optional);

// Returns the part of `pattern` the RE2::Set prefilter can stand for it:
// the pattern from its first required literal on, when what comes before
// holds a wide class (\pL, \p{Lu}, [^…], a class of dozens of letters such
// as {VI_LETTER}) — such a lead makes the set's DFA track a possible match
// at every letter (measured: one rule that starts with a place name halved
// the set's speed). Whatever matches the pattern
// contains a match of this suffix, so the prefilter still never misses a
// chunk; it may pass a few more. Returns `pattern` unchanged when it has a
// top-level `|`, an inline flag like `(?i)`, a `\Q…\E` quote, or no such
// lead.  Either way its wide counted repeats (`[^.;]{0,90}`) become `*` and
// the loader's widened spaces `(?:[ ]*\n[ ]*|[ ]+)` become `(?:[ \n]+)`:
// supersets again, which keep the set's DFA small (a count is a state per step).
std::string PrefilterPattern(std::string_view pattern);

}  // namespace vbhc

#endif  // VBHC_RULES_PATTERN_SYNTAX_H_
