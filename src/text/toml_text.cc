#include "text/toml_text.h"

#include <cstdio>

#include "text/vietnamese.h"

namespace vbhc {
namespace {

// toml++ 3.3 (Debian 12) reaches __builtin_unreachable() when it asks whether
// a non-ASCII character is whitespace (is_non_ascii_horizontal_whitespace
// misses most code points; found by tests/fuzz/rules_fuzzer on files with a
// stray letter after a value).  So toml++ is given ASCII only: every
// non-ASCII code point and every backtick becomes "`HEX`", and the strings
// of the parsed tree are decoded back.  Lines are unchanged; columns of
// toml++'s messages are mapped back by DecodedColumn.
std::string EncodeForToml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  char hex[16];
  for (size_t pos = 0; pos < text.size();) {
    unsigned char b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80 && b != '`') {
      out.push_back(static_cast<char>(b));
      ++pos;
      continue;
    }
    char32_t c = b < 0x80 ? b : DecodeUtf8(text, &pos);
    if (b < 0x80) ++pos;
    // "`%X`", written by hand: snprintf per letter was most of the rules'
    // load after toml++ itself (issue #22: start-up).
    size_t n = 0;
    do {
      hex[n++] = "0123456789ABCDEF"[c & 0xF];
      c >>= 4;
    } while (c != 0);
    out.push_back('`');
    while (n > 0) out.push_back(hex[--n]);
    out.push_back('`');
  }
  return out;
}

// Returns the value of the hex digits `digits` ("1EA1"), or -1 when one is
// not a hex digit or there are none.
long HexValue(std::string_view digits) {
  if (digits.empty()) return -1;
  long value = 0;
  for (char d : digits) {
    const int v = d >= '0' && d <= '9' ? d - '0' : d >= 'A' && d <= 'F' ? d - 'A' + 10 : d >= 'a' && d <= 'f' ? d - 'a' + 10 : -1;
    if (v < 0) return -1;
    value = value * 16 + v;
  }
  return value;
}

std::string DecodeFromToml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t tick = text.find('`', i);
    out.append(text.substr(i, tick == std::string_view::npos ? std::string_view::npos : tick - i));
    if (tick == std::string_view::npos) break;
    const size_t close = text.find('`', tick + 1);
    const long value = close != std::string_view::npos && close - tick <= 7 ? HexValue(text.substr(tick + 1, close - tick - 1)) : -1;
    if (value >= 0) {
      AppendUtf8(static_cast<char32_t>(value), &out);
      i = close + 1;
    } else {
      out.push_back('`');
      i = tick + 1;
    }
  }
  return out;
}

// Returns the column in the original line of column `column` of line `line`
// of the encoded text.
int DecodedColumn(std::string_view encoded, int line, int column) {
  size_t pos = 0;
  for (int l = 1; l < line && pos != std::string_view::npos; ++l) {
    pos = encoded.find('\n', pos);
    if (pos != std::string_view::npos) ++pos;
  }
  if (pos == std::string_view::npos) return column;
  int original = 1;
  for (int c = 1; c < column && pos < encoded.size() && encoded[pos] != '\n'; ++c, ++original) {
    if (encoded[pos] == '`') {
      size_t close = encoded.find('`', pos + 1);
      if (close != std::string_view::npos) {
        c += static_cast<int>(close - pos);
        pos = close;
      }
    }
    ++pos;
  }
  return original;
}

// Decodes every string value of the tree in place.
void DecodeStrings(toml::node& node) {
  if (toml::table* t = node.as_table()) {
    for (auto&& [key, value] : *t) DecodeStrings(value);
  } else if (toml::array* a = node.as_array()) {
    for (auto& value : *a) DecodeStrings(value);
  } else if (toml::value<std::string>* s = node.as_string()) {
    s->get() = DecodeFromToml(s->get());
  }
}

}  // namespace

std::optional<toml::table> ParseTomlText(const std::string& name, std::string_view content,
                                         std::string* error) {
  const std::string encoded = EncodeForToml(content);
  toml::parse_result result = toml::parse(encoded, name);
  if (!result) {
    const toml::parse_error& e = result.error();
    int line = static_cast<int>(e.source().begin.line);
    int column = DecodedColumn(encoded, line, static_cast<int>(e.source().begin.column));
    *error = name + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
             DecodeFromToml(e.description());
    return std::nullopt;
  }
  toml::table table = std::move(result.table());
  DecodeStrings(table);
  return table;
}

std::string TomlKey(const toml::key& key) { return DecodeFromToml(key.str()); }

}  // namespace vbhc
