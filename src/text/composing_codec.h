// ComposingCodec: the legacy encodings that write a Vietnamese letter as a
// base letter followed by mark characters — VNI-Windows ("Vieät" = Việt) and
// VIQR ("Vie^.t").  Neither glibc iconv nor ICU has them, so their tables are
// data files (rules/encodings/*.toml) and this class reads them.
//
//   const vbhc::ComposingCodec* vni = vbhc::ShippedComposingCodec("vni");
//   std::vector<vbhc::SourceUnit> units = …;   // code points with source spans
//   vbhc::DecodedInput d;
//   vni->Decode(units, &d);                     // d.text == "Quyết định", d.map
//   std::u32string back = vni->Encode("Quyết định");   // U"Quyeát ñònh"
//
// A table has `letters` (a key that is a whole letter: VNI "ñ" = đ, VIQR "dd"
// = đ) and `marks` (a key that adds combining marks to the letter before it:
// VNI "á" = circumflex + acute, VIQR "^" = circumflex).  A mark joins the
// letter before it only when the two make one Vietnamese letter and the word
// has no tone yet (and a tone goes on the word's shaped vowel â ă ê ô ơ ư
// when it has one: "dda^u?" is "đâu?", not "đâủ"); otherwise the mark is an
// ordinary character.  Objects are
// immutable after construction and safe to share between threads.
#ifndef VBHC_TEXT_COMPOSING_CODEC_H_
#define VBHC_TEXT_COMPOSING_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/encoding.h"

namespace vbhc {

// One character of the input with the bytes it came from.
struct SourceUnit {
  char32_t c;
  uint32_t begin;
  uint32_t end;
};

class ComposingCodec {
 public:
  // Reads the table in TOML `text` (`file` names it in errors).  Never throws:
  // check ok().
  ComposingCodec(const std::string& file, std::string_view text);

  // Returns true when the table loaded; error() says why not ("file:line: …").
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  // Returns the encoding's name as reported in source.encoding ("vni").
  const std::string& name() const { return name_; }
  // Returns true when the encoding is also read from its Windows-1252 mojibake.
  bool mojibake() const { return mojibake_; }

  // Appends the decoding of `units` to d->text and d->map (each output letter
  // maps to the source bytes of its base and marks).
  void Decode(const std::vector<SourceUnit>& units, DecodedInput* d) const;

  // Returns NFC `utf8` written in this encoding, as the code points of the
  // table's keys (Windows-1252 characters for VNI, ASCII for VIQR); other
  // characters are kept as they are.  Used to make test documents.
  std::u32string Encode(std::string_view utf8) const;

 private:
  struct Mark {
    std::u32string key;
    std::u32string marks;  // combining marks
    bool tone = false;     // adds a tone mark
    bool punctuation = false;
  };
  // Returns the letter that `letter` followed by mark `mark` makes, or 0.
  char32_t Compose(char32_t letter, size_t mark) const;
  // Returns true when the punctuation-like mark at units [at, next) is a mark.
  bool PunctuationIsMark(const std::vector<SourceUnit>& units, size_t at, size_t next) const;
  // Returns true when `c` starts a mark key.
  bool IsMarkStart(char32_t c) const;

  std::string name_;
  std::string error_;
  bool mojibake_ = false;
  char32_t escape_ = 0;
  std::vector<std::pair<std::u32string, char32_t>> letters_;  // longest key first
  std::vector<Mark> marks_;                                   // longest key first
  std::unordered_map<uint64_t, char32_t> compose_;            // letter << 8 | mark
  struct LetterInfo {
    bool toned = false;   // carries a tone mark
    bool shaped = false;  // â ă ê ô ơ ư, with or without tone
  };
  std::unordered_map<char32_t, LetterInfo> letter_info_;  // every Vietnamese letter
  std::unordered_map<char32_t, std::u32string> encode_;
};

// Returns the codec of rules/encodings/NAME.toml compiled into the binary
// ("vni", "viqr"), or nullptr.
const ComposingCodec* ShippedComposingCodec(std::string_view name);

// Returns the names of the shipped composing codecs.
std::vector<std::string> ShippedComposingCodecNames();

}  // namespace vbhc

#endif  // VBHC_TEXT_COMPOSING_CODEC_H_
