#include "text/composing_codec.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>

#include "text/toml_text.h"
#include "text/vietnamese.h"

namespace vbhc {

// The rule files compiled into the binary (generated: tools/embed_rules.cmake).
extern const std::vector<std::pair<std::string, std::string>>& EmbeddedRuleFiles();

namespace {

std::u32string ToU32(std::string_view utf8) {
  std::u32string out;
  for (size_t pos = 0; pos < utf8.size();) out.push_back(DecodeUtf8(utf8, &pos));
  return out;
}

// Returns the NFC form of `s` when it is a single code point, else 0.
char32_t ComposeOne(const std::u32string& s) {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(s.data()),
                                                       static_cast<int32_t>(s.size()));
  icu::UnicodeString composed = nfc->normalize(u, status);
  if (U_FAILURE(status) || composed.countChar32() != 1) return 0;
  return static_cast<char32_t>(composed.char32At(0));
}

// A Vietnamese letter as its parts: base letter, shape mark (circumflex,
// breve, horn or 0) and tone mark (or 0).
struct LetterParts {
  char32_t base;
  char32_t shape;
  char32_t tone;
};

uint64_t PartsKey(char32_t base, char32_t shape, char32_t tone) {
  return static_cast<uint64_t>(base) << 42 | static_cast<uint64_t>(shape) << 21 | tone;
}

// Every Vietnamese letter with a vowel (upper and lower case, with and
// without tone) and đ Đ, by code point and by parts; composed by ICU once.
struct VietnameseLetterTable {
  std::unordered_map<char32_t, LetterParts> parts;
  std::unordered_map<uint64_t, char32_t> by_parts;
};
const VietnameseLetterTable& VietnameseLetters() {
  static const VietnameseLetterTable table = [] {
    VietnameseLetterTable t;
    struct {
      char32_t base;
      std::u32string shapes;
    } vowels[] = {{U'a', U"\u0302\u0306"}, {U'e', U"\u0302"}, {U'i', U""},
                  {U'o', U"\u0302\u031B"}, {U'u', U"\u031B"}, {U'y', U""}};
    const std::u32string tones = U"\u0300\u0301\u0303\u0309\u0323";
    auto add = [&t](char32_t base, char32_t shape, char32_t tone) {
      std::u32string s(1, base);
      if (shape) s.push_back(shape);
      if (tone) s.push_back(tone);
      char32_t letter = ComposeOne(s);
      t.parts[letter] = {base, shape, tone};
      t.by_parts[PartsKey(base, shape, tone)] = letter;
    };
    for (const auto& v : vowels) {
      for (char32_t base : {v.base, static_cast<char32_t>(v.base - 'a' + 'A')}) {
        std::u32string shapes(1, U'\0');  // no shape, then each shape
        shapes += v.shapes;
        for (char32_t shape : shapes) {
          add(base, shape, 0);
          for (char32_t tone : tones) add(base, shape, tone);
        }
      }
    }
    add(U'đ', 0, 0);
    add(U'Đ', 0, 0);
    return t;
  }();
  return table;
}

// Returns the Vietnamese letter that `letter` with combining `marks` added
// makes (at most one shape and one tone in all), or 0.
char32_t ComposeLetter(char32_t letter, const std::u32string& marks) {
  const VietnameseLetterTable& table = VietnameseLetters();
  auto it = table.parts.find(letter);
  if (it == table.parts.end()) return 0;
  LetterParts p = it->second;
  for (char32_t m : marks) {
    char32_t& slot = IsToneMark(m) ? p.tone : p.shape;
    if (slot != 0) return 0;
    slot = m;
  }
  auto found = table.by_parts.find(PartsKey(p.base, p.shape, p.tone));
  return found == table.by_parts.end() ? 0 : found->second;
}

// Returns the strings of array `node` (a TOML array of strings).
std::vector<std::string> Strings(const toml::node* node) {
  std::vector<std::string> out;
  if (const toml::array* a = node ? node->as_array() : nullptr) {
    for (const toml::node& item : *a) {
      if (const auto* s = item.as_string()) out.push_back(s->get());
    }
  }
  return out;
}

}  // namespace

ComposingCodec::ComposingCodec(const std::string& file, std::string_view text) {
  std::optional<toml::table> table = ParseTomlText(file, text, &error_);
  if (!table) return;
  const toml::table* encoding = (*table)["encoding"].as_table();
  const toml::table* letters = (*table)["letters"].as_table();
  const toml::table* marks = (*table)["marks"].as_table();
  if (!encoding || !letters || !marks) {
    error_ = file + ":1:1: needs the tables [encoding], [letters] and [marks]";
    return;
  }
  name_ = (*encoding)["name"].value_or(std::string());
  mojibake_ = (*encoding)["mojibake"].value_or(false);
  std::u32string escape = ToU32((*encoding)["escape"].value_or(std::string()));
  if (name_.empty() || escape.size() > 1) {
    error_ = file + ": [encoding] needs a name and at most a one-character escape";
    return;
  }
  escape_ = escape.empty() ? 0 : escape[0];
  std::vector<std::string> punctuation = Strings((*encoding)["punctuation"].node());

  for (auto&& [key, value] : *letters) {
    std::u32string k = ToU32(TomlKey(key)), v = ToU32(value.value_or(std::string()));
    if (k.empty() || v.size() != 1) {
      error_ = file + ":" + std::to_string(value.source().begin.line) +
               ": a letter is one character, for a non-empty key";
      return;
    }
    letters_.emplace_back(k, v[0]);
  }
  for (auto&& [key, value] : *marks) {
    Mark m;
    m.key = ToU32(TomlKey(key));
    m.marks = ToU32(value.value_or(std::string()));
    bool combining = !m.marks.empty();
    for (char32_t c : m.marks) {
      combining = combining && u_getCombiningClass(static_cast<UChar32>(c)) != 0;
      m.tone = m.tone || IsToneMark(c);
    }
    if (m.key.empty() || !combining) {
      error_ = file + ":" + std::to_string(value.source().begin.line) +
               ": a mark is one or more combining marks, for a non-empty key";
      return;
    }
    m.punctuation = std::find(punctuation.begin(), punctuation.end(), TomlKey(key)) != punctuation.end();
    marks_.push_back(m);
  }
  if (marks_.size() > 255) {
    error_ = file + ": more than 255 marks";
    return;
  }
  std::stable_sort(letters_.begin(), letters_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::stable_sort(marks_.begin(), marks_.end(),
                   [](const Mark& a, const Mark& b) { return a.key.size() > b.key.size(); });

  for (const auto& [letter, parts] : VietnameseLetters().parts) {
    letter_info_[letter] = {parts.tone != 0, parts.shape != 0};
  }
  for (const auto& [letter, info] : letter_info_) {
    for (size_t m = 0; m < marks_.size(); ++m) {
      char32_t r = ComposeLetter(letter, marks_[m].marks);
      if (r != 0) compose_[static_cast<uint64_t>(letter) << 8 | m] = r;
    }
  }

  // The encoder: the shortest key sequence for every letter, letters first,
  // then letters with one mark, then two (VIQR writes shape and tone apart).
  for (const auto& [key, letter] : letters_) {
    auto it = encode_.find(letter);
    if (it == encode_.end() || key.size() < it->second.size()) encode_[letter] = key;
  }
  for (int round = 0; round < 2; ++round) {
    for (const auto& [packed, result] : compose_) {
      char32_t letter = static_cast<char32_t>(packed >> 8);
      const Mark& mark = marks_[packed & 0xFF];
      if (letter_info_.at(letter).toned) continue;  // the tone is typed last: "o^." not "o.^"
      auto base = encode_.find(letter);
      std::u32string candidate;
      if (base != encode_.end()) {
        candidate = base->second + mark.key;
      } else if (letter < 0x80) {
        candidate = std::u32string(1, letter) + mark.key;
      } else {
        continue;
      }
      auto it = encode_.find(result);
      if (it == encode_.end() || candidate.size() < it->second.size() ||
          (candidate.size() == it->second.size() && candidate < it->second)) {
        encode_[result] = candidate;
      }
    }
  }
}

char32_t ComposingCodec::Compose(char32_t letter, size_t mark) const {
  auto it = compose_.find(static_cast<uint64_t>(letter) << 8 | mark);
  return it == compose_.end() ? 0 : it->second;
}

bool ComposingCodec::PunctuationIsMark(const std::vector<SourceUnit>& units, size_t at,
                                       size_t next) const {
  if (next < units.size() && IsWordChar(units[next].c)) return true;  // inside a word
  size_t i = next;
  while (i < units.size() && (units[i].c == ' ' || units[i].c == '\t' || units[i].c == '\n' ||
                              units[i].c == '\r')) {
    ++i;
  }
  // A sentence ends at the end of the text or before a capital or a digit;
  // anything else ("thi. tra^'n", "so+? - nga`nh", "vi..") goes on.
  bool sentence_end = i == units.size() ||
                      (i > next && (u_isupper(static_cast<UChar32>(units[i].c)) ||
                                    u_isdigit(static_cast<UChar32>(units[i].c))));
  if (!sentence_end) return true;
  // A heading in capitals does not end with a period ("BO^. NO^.I VU."),
  // but a Roman numeral does ("II. NHIE^.M VU.").
  size_t letters = 0;
  bool upper = true, roman = true;
  for (size_t j = at; j-- > 0;) {
    char32_t c = units[j].c;
    if (IsWordChar(c)) {
      ++letters;
      upper = upper && !u_islower(static_cast<UChar32>(c));
      roman = roman && c < 0x80 && std::string_view("IVXLCDM").find(static_cast<char>(c)) != std::string_view::npos;
    } else if (!IsMarkStart(c)) {
      break;
    }
  }
  return letters >= 2 && upper && !roman;
}

bool ComposingCodec::IsMarkStart(char32_t c) const {
  for (const Mark& m : marks_) {
    if (m.key[0] == c) return true;
  }
  return false;
}

void ComposingCodec::Decode(const std::vector<SourceUnit>& units, DecodedInput* d) const {
  // The letter being built, written out when the next character is not one
  // of its marks.
  bool have_pending = false;
  SourceUnit pending{};
  bool word_toned = false, word_shaped = false;
  auto flush = [&] {
    if (!have_pending) return;
    size_t before = d->text.size();
    AppendUtf8(pending.c, &d->text);
    if (pending.c < 0x80 && pending.end == pending.begin + 1) {
      d->map.AppendVerbatim(1, pending.begin);
    } else {
      d->map.Append(d->text.size() - before, pending.begin, pending.end);
    }
    have_pending = false;
  };
  auto matches = [&](const std::u32string& key, size_t at) {
    if (at + key.size() > units.size()) return false;
    for (size_t k = 0; k < key.size(); ++k) {
      if (units[at + k].c != key[k]) return false;
    }
    return true;
  };
  auto start = [&](char32_t c, uint32_t begin, uint32_t end) {
    flush();
    pending = {c, begin, end};
    have_pending = true;
    auto info = letter_info_.find(c);
    if (info != letter_info_.end()) {
      word_toned = word_toned || info->second.toned;
      word_shaped = word_shaped || info->second.shaped;
    } else if (!IsWordChar(c)) {
      word_toned = word_shaped = false;
    }
  };

  for (size_t i = 0; i < units.size();) {
    const SourceUnit& u = units[i];
    if (escape_ != 0 && u.c == escape_ && i + 1 < units.size()) {
      start(units[i + 1].c, u.begin, units[i + 1].end);
      i += 2;
      continue;
    }
    bool joined = false;
    if (have_pending) {
      for (size_t m = 0; m < marks_.size() && !joined; ++m) {
        const Mark& mark = marks_[m];
        if (!matches(mark.key, i) || (mark.tone && word_toned)) continue;
        auto info = letter_info_.find(pending.c);
        if (mark.tone && word_shaped && info != letter_info_.end() && !info->second.shaped) continue;
        char32_t r = Compose(pending.c, m);
        if (r == 0 || (mark.punctuation && !PunctuationIsMark(units, i, i + mark.key.size()))) continue;
        pending.c = r;
        pending.end = units[i + mark.key.size() - 1].end;
        word_toned = word_toned || mark.tone;
        word_shaped = word_shaped || letter_info_.at(r).shaped;
        i += mark.key.size();
        joined = true;
      }
    }
    if (joined) continue;
    bool lettered = false;
    for (const auto& [key, letter] : letters_) {
      if (!matches(key, i)) continue;
      start(letter, u.begin, units[i + key.size() - 1].end);
      i += key.size();
      lettered = true;
      break;
    }
    if (lettered) continue;
    start(u.c, u.begin, u.end);
    ++i;
  }
  flush();
}

std::u32string ComposingCodec::Encode(std::string_view utf8) const {
  const std::u32string in = ToU32(utf8);
  std::u32string out;
  // Returns the first `n` characters (or fewer, at the end) that the text
  // from in[i] encodes to: what the decoder will read there.
  auto upcoming = [&](size_t i, size_t n) {
    std::u32string ahead;
    for (; i < in.size() && ahead.size() < n; ++i) {
      auto it = encode_.find(in[i]);
      ahead += it != encode_.end() ? it->second : std::u32string(1, in[i]);
    }
    return ahead.substr(0, n);
  };
  // Returns true when the decoder would read literal in[i] as (the start of)
  // a key: a mark after a letter, or the first character of a letter key,
  // also with what the next character encodes to ("dd" in "address"; "D"
  // before "Đ" in "SGDĐT", which encodes as "DD").
  auto needs_escape = [&](size_t i) {
    if (!out.empty() && IsWordChar(out.back()) && IsMarkStart(in[i])) return true;
    for (const auto& [key, letter] : letters_) {
      if (upcoming(i, key.size()) == key) return true;
    }
    return false;
  };
  for (size_t i = 0; i < in.size(); ++i) {
    auto it = encode_.find(in[i]);
    if (it != encode_.end()) {
      out += it->second;
      continue;
    }
    if (escape_ != 0 && needs_escape(i)) out.push_back(escape_);
    out.push_back(in[i]);
  }
  return out;
}

namespace {

using CodecMap = std::map<std::string, std::unique_ptr<ComposingCodec>, std::less<>>;

// The codecs of rules/encodings/*.toml compiled into the binary; a table that
// does not load is left out (tests/encoding_test.cc loads each one itself).
const CodecMap& ShippedCodecs() {
  static const CodecMap codecs = [] {
    CodecMap out;
    const std::string prefix = "rules/encodings/";
    for (const auto& [file, text] : EmbeddedRuleFiles()) {
      if (file.compare(0, prefix.size(), prefix) != 0) continue;
      auto codec = std::make_unique<ComposingCodec>(file, text);
      if (codec->ok()) out[codec->name()] = std::move(codec);
    }
    return out;
  }();
  return codecs;
}

}  // namespace

const ComposingCodec* ShippedComposingCodec(std::string_view name) {
  auto it = ShippedCodecs().find(name);
  return it == ShippedCodecs().end() ? nullptr : it->second.get();
}

std::vector<std::string> ShippedComposingCodecNames() {
  std::vector<std::string> names;
  for (const auto& [name, codec] : ShippedCodecs()) names.push_back(name);
  return names;
}

}  // namespace vbhc
