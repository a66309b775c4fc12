#include "text/encoding.h"

#include <iconv.h>
#include <unicode/uchar.h>

#include <array>
#include <atomic>
#include <cstring>
#include <unordered_set>

#include "text/composing_codec.h"
#include "text/normalizer.h"
#include "text/simd_bytes.h"
#include "text/utf8_blocks.h"
#include "text/vietnamese.h"

namespace vbhc {
namespace {

#if defined(__SSE2__)
// The 16-byte ops of utf8_blocks.h.
struct Sse2 {
  using V = __m128i;
  static constexpr size_t kWidth = 16;
  static V Load(const unsigned char* p) { return simd::Load(p); }
  static V Splat(int byte) { return simd::Splat(byte); }
  static V Eq(V x, int value) { return simd::Eq(x, value); }
  static V InRange(V x, int low, int high) { return simd::InRange(x, low, high); }
  static V TopBits(V x, int top) { return simd::TopBits(x, top); }
  static V Or(V a, V b) { return simd::Or(a, b); }
  static V And(V a, V b) { return simd::And(a, b); }
  static V AndNot(V a, V b) { return simd::AndNot(a, b); }
  static V Xor(V a, V b) { return _mm_xor_si128(a, b); }
  static uint32_t Bits(V x) { return simd::Bits(x); }
  // A sum of ones (_mm_sad_epu8): without -mpopcnt __builtin_popcount is a
  // call into libgcc per block.
  static size_t CountContinuations(V x) {
    const __m128i sums = _mm_sad_epu8(And(TopBits(x, 0x80), Splat(1)), _mm_setzero_si128());
    return static_cast<size_t>(_mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4));
  }
};
#endif

// One code point per byte of a single-byte encoding (0 when undefined).
using ByteTable = std::array<char32_t, 256>;

// Reads glibc iconv's table for `charset` one byte at a time.
ByteTable TableFromIconv(const char* charset) {
  ByteTable table{};
  iconv_t cd = iconv_open("UTF-32LE", charset);
  if (cd == reinterpret_cast<iconv_t>(-1)) return table;
  for (int b = 0; b < 256; ++b) {
    char in[1] = {static_cast<char>(b)};
    char out[16];
    char* in_ptr = in;
    char* out_ptr = out;
    size_t in_left = 1, out_left = sizeof out;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
    size_t r = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    // Flush: decoders that wait for a combining mark hold the base letter.
    iconv(cd, nullptr, nullptr, &out_ptr, &out_left);
    if (r == static_cast<size_t>(-1) && in_left != 0) continue;
    if (sizeof out - out_left >= 4) {
      table[b] = static_cast<unsigned char>(out[0]) | static_cast<unsigned char>(out[1]) << 8 |
                 static_cast<unsigned char>(out[2]) << 16 | static_cast<char32_t>(static_cast<unsigned char>(out[3])) << 24;
    }
  }
  iconv_close(cd);
  return table;
}

struct Legacy {
  const char* name;     // as reported in source.encoding
  const char* charset;  // glibc iconv name
  bool lacks_toned_capitals = false;
};
constexpr Legacy kLegacy[] = {
    // TCVN3 (ABC) has no upper-case toned vowels; TCVN5712-1 (VN1) puts them
    // in control positions that ABC text does not use.
    {"tcvn3", "TCVN5712-1", true},
    {"viscii", "VISCII"},
    {"windows-1258", "CP1258"},
};

const ByteTable& TableOf(size_t legacy_index) {
  static const std::array<ByteTable, std::size(kLegacy)> tables = [] {
    std::array<ByteTable, std::size(kLegacy)> t;
    for (size_t i = 0; i < std::size(kLegacy); ++i) t[i] = TableFromIconv(kLegacy[i].charset);
    return t;
  }();
  return tables[legacy_index];
}

// Windows-1252, from iconv: what each byte reads as (0 where undefined).
const ByteTable& Cp1252Table() {
  static const ByteTable table = TableFromIconv("CP1252");
  return table;
}

// Windows-1252 reversed: the code point a byte was read as -> the byte.
int Cp1252Byte(char32_t c) {
  const ByteTable& table = Cp1252Table();
  if (c < 0x80) return static_cast<int>(c);
  for (int b = 0x80; b < 256; ++b) {
    if (table[b] == c) return b;
  }
  // The five bytes Windows-1252 leaves undefined are often read as C1 controls.
  if (c >= 0x80 && c <= 0x9F) return static_cast<int>(c);
  return -1;
}

// Returns the code point of byte `b`: ASCII as itself, except the control
// positions where TCVN 5712 (VN1) and VISCII put letters; U+FFFD if undefined.
char32_t ByteToCodePoint(unsigned char b, const ByteTable& table) {
  if (b >= 0x20 && b < 0x80) return b;
  if (b == '\n' || b == '\r' || b == '\t') return b;
  return table[b] != 0 ? table[b] : (b < 0x20 ? b : 0xFFFD);
}


// TCVN3 has no upper-case toned vowels: capitals were set with the lower-case
// codes in an upper-case font (.VnTimeH), so "SỞ NỘI VỤ" arrives as "Sở NộI
// Vụ".  A word with a lower-case toned vowel and a capital after it ("NộI",
// "ủY") or two capitals is a broken capital word; in a run of words on one
// line without any other lower-case letter that holds one, every toned vowel
// becomes a capital.  Title case ("Số: 12/QĐ-UBND", "Sở Nội vụ") is left
// alone.  Each Vietnamese capital has the UTF-8 length of its small letter,
// so the offset map of `text` stays right.
void RestoreTonedCapitals(std::string* text) {
  size_t run_begin = 0;
  bool run_broken = false;
  auto close_run = [&](size_t run_end) {
    if (run_broken) {
      for (size_t pos = run_begin; pos < run_end;) {
        size_t at = pos;
        char32_t c = DecodeUtf8(*text, &pos);
        if (ToneOf(c) == 0) continue;
        std::string upper, original;
        AppendUtf8(static_cast<char32_t>(u_toupper(static_cast<UChar32>(c))), &upper);
        AppendUtf8(c, &original);
        if (upper.size() == original.size()) text->replace(at, upper.size(), upper);
      }
    }
    run_begin = run_end;
    run_broken = false;
  };
  size_t pos = 0;
  while (pos < text->size()) {
    size_t at = pos;
    char32_t c = DecodeUtf8(*text, &pos);
    if (c == '\n') {
      close_run(pos);
      continue;
    }
    if (!IsWordChar(c)) continue;
    // A word: [at, end).
    size_t capitals = 0, end = at;
    bool toned_small = false, capital_after = false, other_small = false;
    for (size_t p = at; p < text->size();) {
      size_t next = p;
      char32_t w = DecodeUtf8(*text, &next);
      if (!IsWordChar(w)) break;
      if (ToneOf(w) != 0 && u_islower(static_cast<UChar32>(w))) {
        toned_small = true;
      } else if (u_isupper(static_cast<UChar32>(w))) {
        ++capitals;
        capital_after = capital_after || toned_small;
      } else if (u_islower(static_cast<UChar32>(w))) {
        other_small = true;
      }
      p = end = next;
    }
    if (other_small) {
      close_run(at);
      run_begin = end;
    } else {
      run_broken = run_broken || (toned_small && (capital_after || capitals >= 2));
    }
    pos = end;
  }
  close_run(text->size());
}

// Decodes single-byte `bytes` through `table`, one code point per byte.
DecodedInput DecodeBytes(std::string_view bytes, const ByteTable& table, const char* name) {
  DecodedInput d;
  d.encoding = name;
  d.identity = false;
  d.text.reserve(bytes.size() * 2);
  for (size_t i = 0; i < bytes.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(bytes[i]);
    char32_t c = ByteToCodePoint(b, table);
    size_t before = d.text.size();
    AppendUtf8(c, &d.text);
    d.map.Append(d.text.size() - before, static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1));
  }
  return d;
}

// Decodes UTF-8 `bytes` that hold legacy bytes read as Windows-1252: each
// UTF-8 character is turned back into its byte, then read through `table`.
// Returns an empty encoding when a character has no Windows-1252 byte.
DecodedInput DecodeMojibake(std::string_view bytes, const ByteTable& table, const char* name) {
  DecodedInput d;
  d.encoding = std::string(name) + "+cp1252";
  d.identity = false;
  for (size_t pos = 0; pos < bytes.size();) {
    size_t begin = pos;
    char32_t c = DecodeUtf8(bytes, &pos);
    // A character with no Windows-1252 byte was written after the damage
    // (or is Vietnamese already): it is kept as it is.
    int b = Cp1252Byte(c);
    char32_t out = b < 0 ? c : ByteToCodePoint(static_cast<unsigned char>(b), table);
    size_t before = d.text.size();
    AppendUtf8(out, &d.text);
    d.map.Append(d.text.size() - before, static_cast<uint32_t>(begin), static_cast<uint32_t>(pos));
  }
  return d;
}

// Decodes `bytes` with a composing codec (VNI, VIQR): as single bytes read
// through Windows-1252 (`mojibake` false; VIQR is ASCII) or as UTF-8 that
// holds such bytes already read as Windows-1252 (`mojibake` true).
DecodedInput DecodeComposing(std::string_view bytes, const ComposingCodec& codec, bool mojibake) {
  const ByteTable& cp1252 = Cp1252Table();
  std::vector<SourceUnit> units;
  units.reserve(bytes.size());
  for (size_t pos = 0; pos < bytes.size();) {
    size_t begin = pos;
    char32_t c;
    if (mojibake) {
      c = DecodeUtf8(bytes, &pos);
    } else {
      unsigned char b = static_cast<unsigned char>(bytes[pos++]);
      c = b < 0x80 || cp1252[b] == 0 ? b : cp1252[b];  // undefined bytes: C1 controls
    }
    units.push_back({c, static_cast<uint32_t>(begin), static_cast<uint32_t>(pos)});
  }
  DecodedInput d;
  d.encoding = codec.name() + (mojibake ? "+cp1252" : "");
  d.identity = false;
  d.text.reserve(bytes.size() + bytes.size() / 4);
  codec.Decode(units, &d);
  return d;
}

// True when ASCII `text` reads like VIQR: a mark right after a vowel and
// before a letter ("Vie^.t", "ca'c", "ddi.a") in at least one word of five;
// accentless Vietnamese and English have almost none.
bool LooksLikeViqr(std::string_view text) {
  auto vowel = [](char c) { return std::string_view("aeiouyAEIOUY").find(c) != std::string_view::npos; };
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  size_t words = 0, marked = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (letter(text[i]) && (i == 0 || !letter(text[i - 1]))) ++words;
    if (i + 2 < text.size() && vowel(text[i]) &&
        std::string_view("^(+'`?~.").find(text[i + 1]) != std::string_view::npos &&
        (letter(text[i + 2]) || std::string_view("'`?~.").find(text[i + 2]) != std::string_view::npos)) {
      ++marked;
    }
  }
  return marked >= 3 && marked * 5 >= words;
}

// Decodes `bytes` as legacy encoding kLegacy[i], or as its mojibake.
DecodedInput DecodeLegacy(std::string_view bytes, size_t i, bool mojibake) {
  DecodedInput d = mojibake ? DecodeMojibake(bytes, TableOf(i), kLegacy[i].name)
                            : DecodeBytes(bytes, TableOf(i), kLegacy[i].name);
  if (kLegacy[i].lacks_toned_capitals) RestoreTonedCapitals(&d.text);
  return d;
}


// True when UTF-8 `text` holds Latin-1 signs and letters that Vietnamese
// does not use (® Þ § µ ¸ Ð …) or C1 controls, as legacy bytes read as
// Windows-1252 do: at least 3, and 1 in 500 characters.  Runs on every
// document, so it looks at bytes: only the two-byte sequences C2/C3 xx
// (U+0080-U+00FF) and Windows-1252's signs (C5, C6, CB, E2 80/84 leads) are
// decoded; characters are counted as non-continuation bytes.
bool LooksLikeMojibake(std::string_view text) {
  // U+0080-U+00FF that Vietnamese text uses (letters, « » ° ± × · © NBSP, soft
  // hyphen, ² ³ ¹ º ½ ¼ ¾); every other one is odd.
  static const std::array<bool, 128> kOddLatin1 = [] {
    std::array<bool, 128> odd{};
    odd.fill(true);
    static const std::u32string_view kVietnameseLatin1 =
        U"ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý«»°±×·©\u00A0\u00AD²³¹º½¼¾";
    for (char32_t c : kVietnameseLatin1) odd[c - 0x80] = false;
    return odd;
  }();
  // Windows-1252's own signs in 0x80-0x9F that Vietnamese text does not use
  // (the bullet, the euro and the quotes it does use are left out), by code
  // point: all are below U+2123.
  static const std::vector<bool> kWindows1252Sign = [] {
    std::vector<bool> sign(0x2123, false);
    for (char32_t c : std::u32string_view(U"ŒœŠšŸŽžƒˆ˜†‡‰‹›™‚„")) sign[c] = true;
    return sign;
  }();
  size_t chars = 0, odd = 0;
  const size_t n = text.size();
  // Counts the odd sign whose lead byte is at i, if any.
  auto look = [&](size_t i) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0xC2) return;
    if (b <= 0xC3) {
      if (i + 1 < n) {
        char32_t c = static_cast<char32_t>(((b & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F));
        if (c >= 0x80 && c <= 0xFF && kOddLatin1[c - 0x80]) ++odd;
      }
    } else if ((b == 0xC5 || b == 0xC6 || b == 0xCB) && i + 1 < n) {
      char32_t c = static_cast<char32_t>(((b & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F));
      if (kWindows1252Sign[c]) ++odd;
    } else if (b == 0xE2 && i + 2 < n) {
      char32_t c = static_cast<char32_t>(((b & 0x0F) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6) |
                                         (static_cast<unsigned char>(text[i + 2]) & 0x3F));
      if (c < kWindows1252Sign.size() && kWindows1252Sign[c]) ++odd;
    }
  };
  size_t i = 0;
#if defined(__SSE2__)
  // Whole blocks at a time: only the leads of the signs above are looked at
  // (issue #22: this scan was a third of normalizing many small files).
  const auto* u = reinterpret_cast<const unsigned char*>(text.data());
  if (HasAvx2Scans()) {
    i = MojibakeBlocksAvx2(u, i, n, &chars, [](void* f, size_t k) { (*static_cast<decltype(look)*>(f))(k); }, &look);
  }
  i = Utf8Scan<Sse2>::MojibakeBlocks(u, i, n, &chars, look);
#endif
  for (; i < n; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;  // a character starts
    look(i);
  }
  return odd >= 3 && odd * 500 >= chars;
}

// Detection reads at most this much of a document.
constexpr size_t kSampleBytes = 64 * 1024;

}  // namespace

// Runs on every document and on every string of a record: valid one- to
// three-byte UTF-8 is checked 32 bytes at a time where AVX2 is there, else 16
// (SSE2).
bool IsValidUtf8(std::string_view s, bool* any_high) {
  bool high_seen = false;
  if (any_high == nullptr) any_high = &high_seen;
  *any_high = false;
  const size_t n = s.size();
  size_t i = 0;
#if defined(__SSE2__)
  const unsigned char* u = reinterpret_cast<const unsigned char*>(s.data());
  size_t next_block = 2;  // where a block check is next worth trying
#endif
  while (i < n) {
#if defined(__SSE2__)
    if (i >= next_block && i + 16 <= n) {
      size_t end = HasAvx2Scans() ? ValidUtf8BlocksAvx2(u, i, n, any_high) : i;
      end = Utf8Scan<Sse2>::ValidBlocks(u, end, n, any_high);
      next_block = end + 16;
      // The last character of the blocks may go on past them or stop short
      // at the end of the input: the per-byte loop takes it again, from its
      // lead.
      if (end > i) {
        --end;
        while (end > i && (u[end] & 0xC0) == 0x80) --end;
      }
      if (end > i) {
        i = end;
        continue;
      }
    }
#endif
    if (i + 8 <= n) {
      uint64_t block;
      std::memcpy(&block, s.data() + i, 8);
      if ((block & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    *any_high = true;
    int len = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
    if (len == 0 || i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    unsigned char b1 = static_cast<unsigned char>(s[i + 1]);
    if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) ||
        (b == 0xF4 && b1 > 0x8F)) {
      return false;
    }
    i += len;
  }
  return true;
}

const std::vector<std::string>& KnownEncodings() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n = {"utf-8"};
    for (const Legacy& l : kLegacy) {
      n.push_back(l.name);
      n.push_back(std::string(l.name) + "+cp1252");
    }
    for (const std::string& name : ShippedComposingCodecNames()) {
      n.push_back(name);
      if (ShippedComposingCodec(name)->mojibake()) n.push_back(name + "+cp1252");
    }
    return n;
  }();
  return names;
}

double VietnameseScore(std::string_view text) {
  // Frequent syllables of administrative Vietnamese (NFC, official tone placement).
  static const std::unordered_set<std::string> kCommon = {
      "và", "của", "các", "có", "được", "trong", "năm", "người", "cho", "với", "không", "này",
      "là", "những", "đã", "theo", "về", "tại", "một", "thực", "hiện", "quyết", "định", "ủy",
      "ban", "nhân", "dân", "tỉnh", "số", "ngày", "tháng", "công", "tác", "quản", "lý", "đến",
      "kế", "hoạch", "xã", "hội", "cán", "bộ", "chức", "nước", "việt", "nam", "phát", "triển",
      "đồng", "thời", "sở", "để", "từ", "đơn", "vị", "cơ", "quan", "nhà", "hành", "chính",
      "trên", "địa", "bàn", "huyện", "thành", "phố", "văn", "bản", "nghị", "thông", "tư",
      "chỉ", "đạo", "phải", "sau", "khi", "đề", "án", "giai", "đoạn", "mục", "tiêu", "báo",
      "cáo", "tổ", "ngành", "cấp", "đảm", "bảo", "nghiệp", "vụ", "luật", "quy"};
  NormalizedText n = Normalize(text.substr(0, kSampleBytes));
  std::string lower = LowerCase(n.text);
  size_t words = 0, common = 0;
  size_t pos = 0;
  std::string word;
  while (pos < lower.size()) {
    size_t next = pos;
    char32_t c = DecodeUtf8(lower, &next);
    if (IsWordChar(c) && !(c >= '0' && c <= '9')) {
      word.append(lower, pos, next - pos);
    } else if (!word.empty()) {
      ++words;
      common += kCommon.count(word);
      word.clear();
    }
    pos = next;
  }
  if (!word.empty()) {
    ++words;
    common += kCommon.count(word);
  }
  return words == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(words);
}

bool MostlyUtf8(std::string_view s) {
  size_t valid = 0, invalid = 0;
  const auto* u = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size();) {
    if (u[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t length = u[i] >= 0xF5 ? 0 : u[i] >= 0xF0 ? 4 : u[i] >= 0xE0 ? 3 : u[i] >= 0xC2 ? 2 : 0;
    const bool ok = length > 0 && i + length <= s.size() && IsValidUtf8(s.substr(i, length));
    ++(ok ? valid : invalid);
    i += ok ? length : 1;
  }
  return valid >= 20 && invalid * 20 <= valid;
}

namespace {

bool CpuHasAvx2() {
#if defined(__x86_64__)
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
#else
  return false;
#endif
}

std::atomic<bool>& Avx2ScansOn() {
  static std::atomic<bool> on{CpuHasAvx2()};
  return on;
}

}  // namespace

bool HasAvx2Scans() { return Avx2ScansOn().load(std::memory_order_relaxed); }

bool EnableAvx2ScansForTesting(bool on) { return Avx2ScansOn().exchange(on && CpuHasAvx2()); }

DecodedInput DecodeInput(std::string_view bytes, std::string_view forced) {
  if (!forced.empty() && forced != "utf-8" && forced != "auto") {
    for (size_t i = 0; i < std::size(kLegacy); ++i) {
      if (forced == kLegacy[i].name) return DecodeLegacy(bytes, i, false);
      if (forced == std::string(kLegacy[i].name) + "+cp1252") {
        return DecodeLegacy(bytes, i, true);
      }
    }
    for (const std::string& name : ShippedComposingCodecNames()) {
      const ComposingCodec& codec = *ShippedComposingCodec(name);
      if (forced == name) return DecodeComposing(bytes, codec, false);
      if (codec.mojibake() && forced == name + "+cp1252") return DecodeComposing(bytes, codec, true);
    }
    DecodedInput d;
    d.encoding = "unknown:" + std::string(forced);
    d.confidence = 0;
    return d;
  }
  DecodedInput utf8;
  if (forced == "utf-8") return utf8;

  const std::string_view sample = bytes.substr(0, kSampleBytes);
  bool any_high = false;
  const bool valid = IsValidUtf8(sample, &any_high);
  // Invalid UTF-8 stops the scan early: high bytes are there all the same.
  if (!valid) any_high = true;
  if (!any_high) {
    // ASCII: UTF-8, unless it is VIQR ("Vie^.t Nam").
    const ComposingCodec* viqr = ShippedComposingCodec("viqr");
    if (viqr == nullptr || !LooksLikeViqr(sample)) return utf8;
    DecodedInput d = DecodeComposing(sample, *viqr, false);
    double score = VietnameseScore(d.text), ascii_score = VietnameseScore(sample);
    if (score < ascii_score + 0.05 || score < 0.08) return utf8;
    d = DecodeComposing(bytes, *viqr, false);
    d.confidence = std::min(1.0, 0.4 + score);
    return d;
  }
  // Valid UTF-8 without the signs of mojibake: UTF-8, with no scoring pass
  // (the common case stays as fast as it was).
  if (valid && !LooksLikeMojibake(sample)) {
    utf8.confidence = 0.99;
    return utf8;
  }
  // UTF-8 with a few bad bytes (a stray Latin-1 letter, a cut character) is
  // UTF-8: no legacy encoding forms valid multi-byte sequences, so trial
  // decodes are for samples where invalid sequences dominate (issue #22:
  // 1% of real files, a quarter of extract time, every one read as UTF-8).
  if (!valid && MostlyUtf8(sample)) {
    utf8.confidence = 0.3;
    return utf8;
  }
  const double utf8_score = VietnameseScore(sample);
  // Candidates: legacy bytes (invalid UTF-8) or their Windows-1252 mojibake.
  double best_score = utf8_score;
  int best = -1;
  for (size_t i = 0; i < std::size(kLegacy); ++i) {
    DecodedInput d = DecodeLegacy(sample, i, valid);
    double score = VietnameseScore(d.text);
    if (score > best_score + 0.05 && score >= 0.08) {
      best_score = score;
      best = static_cast<int>(i);
    }
  }
  // VNI: bytes (invalid UTF-8), or their mojibake (VNI bytes read as
  // Windows-1252 and saved: "Quyeát ñònh").
  const ComposingCodec* best_codec = nullptr;
  for (const std::string& name : ShippedComposingCodecNames()) {
    const ComposingCodec* codec = ShippedComposingCodec(name);
    if (!codec->mojibake()) continue;  // ASCII encodings were decided above
    double score = VietnameseScore(DecodeComposing(sample, *codec, valid).text);
    if (score > best_score + 0.05 && score >= 0.08) {
      best_score = score;
      best_codec = codec;
    }
  }
  if (best_codec != nullptr) {
    DecodedInput d = DecodeComposing(bytes, *best_codec, valid);
    d.confidence = std::min(1.0, 0.4 + best_score);
    return d;
  }
  if (best < 0) {
    utf8.confidence = valid ? std::min(1.0, 0.5 + utf8_score) : 0.3;
    return utf8;
  }
  DecodedInput d = DecodeLegacy(bytes, static_cast<size_t>(best), valid);
  d.confidence = std::min(1.0, 0.4 + best_score);
  return d;
}

}  // namespace vbhc
