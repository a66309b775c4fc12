#include "rules/pattern_syntax.h"

#include "text/vietnamese.h"

namespace vbhc {
namespace {

// Returns the length of the character at `pos` (one byte where it is not
// valid UTF-8: RE2 refuses such a pattern anyway).
size_t CharLength(std::string_view p, size_t pos) {
  size_t next = pos;
  DecodeUtf8(p, &next);
  return next - pos;
}

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

// True for `(?flags)`, which changes the flags of what follows it.
bool IsFlagDirective(std::string_view atom) {
  if (atom.size() < 4 || atom.substr(0, 2) != "(?") return false;
  for (char c : atom.substr(2, atom.size() - 3)) {
    if (!(c == '-' || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))) return false;
  }
  return true;
}

// True when `atom` (quantifier apart) matches one fixed character.
bool IsLiteral(std::string_view atom) {
  if (atom.empty()) return false;
  if (atom[0] == '\\') return atom.size() == 2 && !IsAsciiAlnum(atom[1]);  // \. \/ \%
  return std::string_view("[()|.^$*+?").find(atom[0]) == std::string_view::npos;
}

}  // namespace

size_t TokenLength(std::string_view p, size_t pos) {
  if (pos >= p.size()) return 0;
  const char c = p[pos];
  if (c == '\\') {
    if (pos + 1 >= p.size()) return 0;
    const char n = p[pos + 1];
    if ((n == 'p' || n == 'P' || n == 'x') && pos + 2 < p.size() && p[pos + 2] == '{') {
      size_t close = p.find('}', pos + 3);
      return close == std::string_view::npos ? 0 : close + 1 - pos;
    }
    if (n == 'p' || n == 'P') return pos + 2 < p.size() ? 3 : 0;  // \pL
    return 1 + CharLength(p, pos + 1);
  }
  if (c == '[') {
    size_t k = pos + 1;
    if (k < p.size() && p[k] == '^') ++k;
    if (k < p.size() && p[k] == ']') ++k;  // a leading ']' is a member
    while (k < p.size() && p[k] != ']') {
      if (p[k] == '\\') {
        size_t len = TokenLength(p, k);
        if (len == 0) return 0;
        k += len;
      } else if (p.substr(k, 2) == "[:") {
        size_t close = p.find(":]", k + 2);
        if (close == std::string_view::npos) return 0;
        k = close + 2;
      } else {
        ++k;
      }
    }
    return k < p.size() ? k + 1 - pos : 0;
  }
  return CharLength(p, pos);
}

size_t AtomLength(std::string_view p, size_t pos) {
  if (pos >= p.size() || p[pos] != '(') return TokenLength(p, pos);
  int depth = 0;
  for (size_t k = pos; k < p.size();) {
    size_t len = TokenLength(p, k);
    if (len == 0) return 0;
    if (p[k] == '(') ++depth;
    if (p[k] == ')' && --depth == 0) return k + 1 - pos;
    k += len;
  }
  return 0;
}

size_t QuantifierLength(std::string_view p, size_t pos, bool* optional) {
  *optional = false;
  if (pos >= p.size()) return 0;
  size_t k = pos;
  if (p[k] == '*' || p[k] == '?') {
    *optional = true;
    ++k;
  } else if (p[k] == '+') {
    ++k;
  } else if (p[k] == '{') {
    size_t close = p.find('}', k);
    if (close == std::string_view::npos) return 0;
    std::string_view counts = p.substr(k + 1, close - k - 1);
    if (counts.empty() || counts[0] == ',' ||
        counts.find_first_not_of("0123456789,") != std::string_view::npos) {
      return 0;  // a literal '{'
    }
    *optional = counts.find_first_not_of('0') == std::string_view::npos ||
                counts.find_first_not_of('0') == counts.find(',');
    k = close + 1;
  } else {
    return 0;
  }
  if (k < p.size() && p[k] == '?') ++k;  // non-greedy
  return k - pos;
}

// A counted repeat allowing this many or more ("[^.;:()]{0,90}") becomes
// "*" for the prefilter: the set's DFA would otherwise count each step.
constexpr int kWideRepeat = 8;

// The widened space of the rule loader ("(?:[ ]*\n[ ]*|[ ]+)": spaces, or one
// line break among spaces) and the looser class the prefilter reads for it.
constexpr std::string_view kWidenedSpace = "(?:[ ]*\\n[ ]*|[ ]+)";
constexpr std::string_view kLooseSpace = "(?:[ \\n]+)";  // a group: a quantifier may follow

// Returns `p` with its wide counted repeats made "*" and its widened spaces
// "(?:[ \n]+)": each matches a superset of what it replaces.
std::string Loosen(std::string_view p) {
  std::string out;
  for (size_t k = 0; k < p.size();) {
    if (p.substr(k, kWidenedSpace.size()) == kWidenedSpace) {
      out += kLooseSpace;
      k += kWidenedSpace.size();
      continue;
    }
    const size_t len = TokenLength(p, k);
    if (len == 0) return out.append(p.substr(k));
    out.append(p.substr(k, len));
    k += len;
    bool optional = false;
    const size_t quantifier = QuantifierLength(p, k, &optional);
    const std::string_view q = p.substr(k, quantifier);
    if (quantifier > 0 && q[0] == '{') {
      const size_t comma = q.find(',');
      const std::string_view upper = comma == std::string_view::npos ? std::string_view() : q.substr(comma + 1);
      const bool wide = comma != std::string_view::npos &&
                        (upper.empty() || upper[0] == '}' || std::atoi(std::string(upper).c_str()) >= kWideRepeat);
      out += wide ? std::string_view("*") : q;
    } else {
      out += q;
    }
    k += quantifier;
  }
  return out;
}

// A class of more letters than this many bytes ("[a-zđàá…]", the rules'
// {VI_LETTER}) is as wide a lead as \pL for the set's DFA.
constexpr size_t kWideClassBytes = 32;

// Returns true when `atom` holds a wide class: \p{…}, \P{…}, a negated
// class, or a class of many characters.
bool IsWide(std::string_view atom) {
  if (atom.find("\\p") != std::string_view::npos || atom.find("\\P") != std::string_view::npos ||
      atom.find("[^") != std::string_view::npos) {
    return true;
  }
  for (size_t k = 0; k < atom.size();) {
    const size_t len = TokenLength(atom, k);
    if (len == 0) return false;
    if (atom[k] == '[' && len > kWideClassBytes) return true;
    k += len;
  }
  return false;
}

std::string PrefilterPattern(std::string_view pattern) {
  const std::string loose = Loosen(pattern);
  std::string_view p = loose;
  // Cutting the lead off a top-level alternation, or dropping a directive
  // that sets the flags of the rest, would change what the rest means; and
  // inside \Q…\E brackets and backslashes are literal, which the walk
  // does not follow.
  if (p.find("\\Q") != std::string_view::npos) return std::string(p);
  for (size_t k = 0; k < p.size();) {
    size_t len = AtomLength(p, k);
    if (len == 0 || p[k] == '|' || IsFlagDirective(p.substr(k, len))) return std::string(p);
    k += len;
  }
  bool wide_lead = false;
  for (size_t k = 0; k < p.size();) {
    const size_t len = AtomLength(p, k);
    const std::string_view atom = p.substr(k, len);
    bool optional = false;
    const size_t quantifier = QuantifierLength(p, k + len, &optional);
    if (IsLiteral(atom) && !optional) return wide_lead ? std::string(p.substr(k)) : std::string(p);
    if (IsWide(atom)) wide_lead = true;
    k += len + quantifier;
  }
  return std::string(p);
}

}  // namespace vbhc
