// TomlText: parses TOML text with toml++ safely, for the rule files and the
// legacy-encoding tables under rules/.
//
//   std::string error;
//   std::optional<toml::table> t = vbhc::ParseTomlText("rules/x.toml", text, &error);
//   if (!t) std::cerr << error << "\n";   // "rules/x.toml:3:7: expected ..."
//
// toml++ 3.3 (Debian 12) reaches __builtin_unreachable() on most non-ASCII
// code points after a value (found by tests/fuzz/rules_fuzzer), so toml++ is
// only ever given ASCII: every non-ASCII code point and every backtick is
// written "`HEX`" before parsing, and the strings and keys of the parsed tree
// are decoded back.  Lines are unchanged and columns are mapped back, so
// error positions refer to the original text.
#ifndef VBHC_TEXT_TOML_TEXT_H_
#define VBHC_TEXT_TOML_TEXT_H_

// Built with TOML_HEADER_ONLY=1 and TOML_EXCEPTIONS=0 (CMakeLists.txt).
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>

namespace vbhc {

// Returns the parsed table with every string value decoded; std::nullopt and
// `*error` = "NAME:LINE:COLUMN: message" when `content` is not valid TOML.
std::optional<toml::table> ParseTomlText(const std::string& name, std::string_view content,
                                         std::string* error);

// Returns a key of a table returned by ParseTomlText as written in the file
// (keys are not decoded in place: toml++ keys are immutable).
std::string TomlKey(const toml::key& key);

}  // namespace vbhc

#endif  // VBHC_TEXT_TOML_TEXT_H_
