// Legacy encodings: every corpus document converted by the test itself into
// TCVN3, VISCII and Windows-1258 (glibc iconv), VNI-Windows and VIQR (the
// tables of rules/encodings/) and into the mojibake form of each (legacy
// bytes read as Windows-1252, saved as UTF-8) is detected and gives the same
// values as the UTF-8 original; real UTF-8 and accentless ASCII are never
// mistaken.
#include "text/encoding.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <fstream>
#include <sstream>

#include "extract/extractor.h"
#include "test_util.h"
#include "text/composing_codec.h"
#include "text/utf8_blocks.h"

namespace vbhc {
namespace {

const RuleSet& Rules() { return testing_util::ShippedRules(); }

// Runs the detection scans 32 bytes a step (AVX2, where the CPU has it) or
// 16 (SSE2) while in scope: the tests of the scans run both ways.
class ScanWidth {
 public:
  explicit ScanWidth(bool avx2) : was_(EnableAvx2ScansForTesting(avx2)) {}
  ~ScanWidth() { EnableAvx2ScansForTesting(was_); }
  ScanWidth(const ScanWidth&) = delete;
  ScanWidth& operator=(const ScanWidth&) = delete;

 private:
  bool was_;
};

// Converts with iconv; characters the target lacks are transliterated.
std::string Iconv(const std::string& text, const char* to, const char* from) {
  iconv_t cd = iconv_open(to, from);
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(text.size() * 4 + 16, '\0');
  char* in_ptr = const_cast<char*>(text.data());
  char* out_ptr = out.data();
  size_t in_left = text.size(), out_left = out.size();
  while (in_left > 0) {
    if (iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<size_t>(-1)) {
      // Not representable (e.g. “ ” in VISCII): write '?' and go on.
      size_t pos = 0;
      DecodeUtf8(std::string_view(in_ptr, in_left), &pos);
      in_ptr += pos;
      in_left -= pos;
      *out_ptr++ = '?';
      --out_left;
    }
  }
  iconv(cd, nullptr, nullptr, &out_ptr, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

// Legacy bytes read as Windows-1252 and saved as UTF-8.
std::string Mojibake(const std::string& legacy) {
  std::string out;
  for (unsigned char b : legacy) {
    if (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D) {
      AppendUtf8(b, &out);  // undefined in Windows-1252: read as a C1 control
    } else {
      out += Iconv(std::string(1, static_cast<char>(b)), "UTF-8", "CP1252");
    }
  }
  return out;
}

TEST(EncodingTest, RealUtf8IsNeverMistaken) {
  for (const auto& [name, text] : testing_util::Utf8Corpus()) {
    SCOPED_TRACE(name);
    DecodedInput d = DecodeInput(text);
    EXPECT_EQ(d.encoding, "utf-8");
    EXPECT_TRUE(d.identity);
    EXPECT_GE(d.confidence, 0.5);
  }
}

// Issue #22: UTF-8 with a few stray bytes (a Latin-1 letter, a character
// cut short) is UTF-8 without trial decodes, with its records unchanged;
// text where invalid bytes dominate still goes to the legacy decoders.
TEST(EncodingTest, Utf8WithAFewBadBytesIsUtf8) {
  Extractor extractor(Rules());
  for (const auto& [name, text] : testing_util::Utf8Corpus()) {
    SCOPED_TRACE(name);
    // A Latin-1 é and a character cut short, on a line of their own.
    const std::string damaged = text + "\nGhi ch\xFA: caf\xE9, \xE1\xBB\n";
    DecodedInput d = DecodeInput(damaged);
    EXPECT_EQ(d.encoding, "utf-8");
    EXPECT_DOUBLE_EQ(d.confidence, 0.3);
    EXPECT_EQ(testing_util::Values(extractor.Extract(damaged, name)), testing_util::Values(extractor.Extract(text, name)));
  }
  auto letters = [](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "ế";
    return s;
  };
  struct {
    std::string name, text;
    bool mostly_utf8;
  } cases[] = {
      {"20 valid, 1 bad", std::string(20, 'a') + letters(20) + "\xE9", true},
      {"20 valid, 2 bad", letters(20) + "\xE9\xE9", false},
      {"19 valid, 0 bad", letters(19), false},
      {"a cut character: each of its bytes is bad", letters(40) + "\xE1\xBB", true},
      {"a cut character among 20", letters(20) + "\xE1\xBB", false},
      {"overlong is bad", letters(20) + "\xC0\xAF", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(MostlyUtf8(c.text), c.mostly_utf8);
  }
  // Mostly invalid: the TCVN3 bytes of a Vietnamese sentence, one valid character among them.
  std::string tcvn3 = Iconv("Quyết định về việc ban hành kế hoạch cải cách hành chính năm 2025 của tỉnh, "
                            "giao các sở, ngành chủ trì thực hiện các nhiệm vụ được giao đúng tiến độ.", "TCVN5712-1", "UTF-8");
  EXPECT_EQ(DecodeInput(tcvn3 + "ế").encoding, "tcvn3");
}

TEST(EncodingTest, LegacyEncodingsRoundTripThroughDetection) {
  Extractor extractor(Rules());
  struct {
    const char* charset;
    const char* name;
  } encodings[] = {{"TCVN5712-1", "tcvn3"}, {"VISCII", "viscii"}, {"CP1258", "windows-1258"}};
  for (const auto& [name, text] : testing_util::Utf8Corpus()) {
    const std::string expected = testing_util::Values(extractor.Extract(text, name));
    for (const auto& e : encodings) {
      // //TRANSLIT writes '-' for an en dash, '"' for curly quotes: what a
      // typist of the legacy era would have typed.
      std::string legacy = Iconv(text, (std::string(e.charset) + "//TRANSLIT").c_str(), "UTF-8");
      for (bool mojibake : {false, true}) {
        std::string input = mojibake ? Mojibake(legacy) : legacy;
        std::string encoding = std::string(e.name) + (mojibake ? "+cp1252" : "");
        SCOPED_TRACE(name + " as " + encoding);
        Json record = extractor.Extract(input, name);
        EXPECT_EQ(record["source"]["encoding"], encoding);
        EXPECT_EQ(testing_util::Values(record), expected);
        // Spans are offsets into the legacy bytes; the text is their UTF-8.
        for (const Json& item : record["dates"]) {
          size_t s = item["span"][0], t = item["span"][1];
          ASSERT_LE(t, input.size());
          DecodedInput piece = DecodeInput(input.substr(s, t - s), encoding);
          EXPECT_EQ(Normalize(piece.text).text, Normalize(item["text"].get<std::string>()).text);
        }
      }
    }
  }
}

// TCVN3 has no toned capitals: a header typed in the capital font arrives
// with small toned vowels, and is restored; title case is left alone.
TEST(EncodingTest, Tcvn3ToneCapitalsRestored) {
  struct {
    const char* as_typed;  // what the TCVN3 bytes say
    const char* expected;
  } cases[] = {
      {"Sở NộI Vụ TỉNH MẫU SƠN", "SỞ NỘI VỤ TỈNH MẪU SƠN"},
      {"ủY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"},
      {"QUYếT ĐịNH\nVề việc ban hành", "QUYẾT ĐỊNH\nVề việc ban hành"},
      {"| Sở NộI Vụ ------- | CộNG HòA Xã HộI Độc lập", "| SỞ NỘI VỤ ------- | CỘNG HÒA XÃ HỘI Độc lập"},
      {"Số: 12/QĐ-UBND", "Số: 12/QĐ-UBND"},
      {"Sở Nội vụ tỉnh Hà Nam", "Sở Nội vụ tỉnh Hà Nam"},
      {"Vụ Tổ chức", "Vụ Tổ chức"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.as_typed);
    DecodedInput d = DecodeInput(Iconv(c.as_typed, "TCVN5712-1", "UTF-8"), "tcvn3");
    EXPECT_EQ(Normalize(d.text).text, c.expected);
  }
}

// Issue #22: the mojibake scan passes over a Vietnamese letter after C3 in
// its 16-byte blocks without a look; the odd signs around them still count,
// at every offset in a block. "×" is Vietnamese, "÷" (one bit away) is not.
TEST(EncodingTest, MojibakeSignsCountBetweenVietnameseLetters) {
  const std::string prose = "Thành phố Hà Nội, ý kiến về việc lắp đặt máy móc tại trường học ở đây. ";
  for (bool avx2 : {true, false})
  for (size_t shift = 0; shift < 32; ++shift) {
    ScanWidth width(avx2);
    SCOPED_TRACE(testing::Message() << (avx2 ? "32-byte" : "16-byte") << " scan, shift " << shift);
    std::string clean = std::string(shift, 'x'), odd = clean;
    for (int k = 0; k < 3; ++k) {
      clean += prose + "2 × 3 ";
      odd += prose + "2 ÷ 3 ";
    }
    EXPECT_DOUBLE_EQ(DecodeInput(clean).confidence, 0.99);  // valid UTF-8, no sign of mojibake
    EXPECT_NE(DecodeInput(odd).confidence, 0.99);           // three odd signs in ~250 characters: scored
  }
}

// Issue #22: the mojibake scan 32 bytes a step (AVX2) decides as the 16-byte
// one on random Vietnamese texts sprinkled with odd signs and the letters
// whose leads (C5, C6, E2) the scan looks at.
TEST(EncodingTest, MojibakeScanWidthsAgree) {
  const std::vector<std::string> pieces = {"Quyết định ", "trường ", "ơ", "ư", "Ũ", "“", "”", "–", "…", "× ",
                                           "2025 ", "\n", "÷", "Þ", "ƒ", "™", "†", "Œ", "ˆ", "®"};
  std::mt19937 rng(22);
  int scored = 0;
  for (int round = 0; round < 1500; ++round) {
    // Odd signs from dense to about the threshold (1 in 500 characters).
    std::string s;
    const int count = 10 + static_cast<int>(rng() % 1000);
    const unsigned odd_one_in = 2 + rng() % 600;
    for (int k = 0; k < count; ++k) s += rng() % odd_one_in == 0 ? pieces[12 + rng() % 8] : pieces[rng() % 12];
    SCOPED_TRACE(testing::PrintToString(s));
    double wide = 0, narrow = 0;
    {
      ScanWidth width(true);
      wide = DecodeInput(s).confidence;
    }
    {
      ScanWidth width(false);
      narrow = DecodeInput(s).confidence;
    }
    ASSERT_EQ(wide, narrow);
    if (wide != 0.99) ++scored;
  }
  EXPECT_GT(scored, 100);  // both outcomes are met
  EXPECT_LT(scored, 1400);
}

TEST(EncodingTest, KnownMojibakeSample) {
  // "Quyết định" typed in TCVN3 (.VnTime) and read as Windows-1252.
  DecodedInput d = DecodeInput("QuyÕt ®Þnh sè 12/Q§-UBND ngµy 14/10/2021 cña ñy ban nh©n d©n tØnh");
  EXPECT_EQ(d.encoding, "tcvn3+cp1252");
  EXPECT_EQ(Normalize(d.text).text.substr(0, 32), "Quyết định số 12/QĐ-UBND");
}

TEST(EncodingTest, ForcedAndUnknown) {
  EXPECT_EQ(DecodeInput("Quy\xD5t", "tcvn3").text, "Quyết");
  EXPECT_EQ(DecodeInput("abc", "nope").encoding, "unknown:nope");
  EXPECT_EQ(DecodeInput("plain ASCII text").encoding, "utf-8");
}

// Code points of Windows-1252 (what ComposingCodec::Encode gives for VNI)
// as bytes; characters Windows-1252 lacks are transliterated by iconv.
std::string ToCp1252(const std::u32string& text) {
  std::string utf8;
  for (char32_t c : text) AppendUtf8(c, &utf8);
  return Iconv(utf8, "CP1252//TRANSLIT", "UTF-8");
}

TEST(EncodingTest, ShippedTablesLoad) {
  for (const auto& e : std::filesystem::directory_iterator(VBHC_SOURCE_DIR "/rules/encodings")) {
    SCOPED_TRACE(e.path().string());
    ComposingCodec codec(e.path().string(), testing_util::ReadFile(e.path().string()));
    EXPECT_TRUE(codec.ok()) << codec.error();
    EXPECT_NE(ShippedComposingCodec(codec.name()), nullptr);
  }
  EXPECT_EQ(ShippedComposingCodecNames(), (std::vector<std::string>{"viqr", "vni"}));
}

TEST(EncodingTest, BadTablesAreReportedWithTheirLine) {
  struct {
    const char* text;
    const char* error;
  } cases[] = {
      {"[encoding]\nname = 'x'\n", "t.toml:1:1: needs the tables [encoding], [letters] and [marks]"},
      {"[encoding]\nname = 'x'\n[letters]\n[marks]\n'a' = 'b'\n",
       "t.toml:5: a mark is one or more combining marks, for a non-empty key"},
      {"[encoding]\nname = 'x'\n[letters]\n'dd' = 'ab'\n[marks]\n",
       "t.toml:4: a letter is one character, for a non-empty key"},
      {"[encoding\n", "t.toml:1:10: "},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    ComposingCodec codec("t.toml", c.text);
    EXPECT_FALSE(codec.ok());
    EXPECT_EQ(codec.error().substr(0, std::string(c.error).size()), c.error);
  }
}

// Real VNI and VIQR as typists wrote it (Windows-1252 shows VNI bytes so).
TEST(EncodingTest, KnownComposingSamples) {
  struct {
    std::string input;
    const char* encoding;
    const char* expected;
  } cases[] = {
      {"Co\xE4ng ho\xF8" "a xa\xF5 ho\xE4i chu\xFB ngh\xF3" "a Vie\xE4t Nam", "vni",
       "Cộng hòa xã hội chủ nghĩa Việt Nam"},
      {"\xD1o\xE4" "c la\xE4p - T\xF6\xEF do - Ha\xEF" "nh phu\xF9" "c", "vni", "Độc lập - Tự do - Hạnh phúc"},
      {"U\xDBY BAN NHA\xC2N DA\xC2N T\xC6NH", "vni", "ỦY BAN NHÂN DÂN TỈNH"},
      {"U\xFBy ban", "vni", "Ủy ban"},                                  // title case: a lower-case mark
      {"ke\xEA" "t \xF4\xF9t", "vni", "keêt ớt"},                     // breve on e: no letter, kept
      {"n\xE6m a\xF9\xF9", "vni", "nỉm áù"},                          // one tone per word
      {"Coäng hoøa xaõ hoäi", "vni+cp1252", "Cộng hòa xã hội"},
      {"Quyeát ñònh soá 12/QÑ-UBND", "vni+cp1252", "Quyết định số 12/QĐ-UBND"},
      {"Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam", "viqr", "Cộng hòa xã hội chủ nghĩa Việt Nam"},
      {"Quye^'t ddi.nh so^' 12/QDD-UBND", "viqr", "Quyết định số 12/QĐ-UBND"},
      {"DDo^.c la^.p - Tu+. do - Ha.nh phu'c", "viqr", "Độc lập - Tự do - Hạnh phúc"},
      {"ca? nu+o+'c", "viqr", "cả nước"},
      {"Ha` No^.i. Nga`y mai", "viqr", "Hà Nội. Ngày mai"},              // a sentence ends
      {"thi. tra^'n", "viqr", "thị trấn"},                               // a lower-case word follows
      {"co' the^? la`m kho^ng?", "viqr", "có thể làm không?"},
      {"So+? Tu+ pha'p ho?i: ddi dda^u? co' ca?", "viqr", "Sở Tư pháp hỏi: đi đâu? có cả"},
      {"ddi dda^u\\?", "viqr", "đi đâu?"},
      {"II. NHIE^.M VU.", "viqr", "II. NHIỆM VỤ"},
      {"thi\\. Sau", "viqr", "thi. Sau"},                              // RFC 1456 escape
      {"ke^'t qua? ddu'ng (e()", "viqr", "kết quả đúng (e()"},           // "(" after e: no letter
      {"so+? - nga`nh, ddo+n vi..", "viqr", "sở - ngành, đơn vị."},
      {"BO^. NO^.I VU.\nSo^': 12", "viqr", "BỘ NỘI VỤ\nSố: 12"},         // headings have no period
      {"Phu. lu.c A. Danh mu.c", "viqr", "Phụ lục A. Danh mục"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    DecodedInput d = DecodeInput(c.input, c.encoding);
    EXPECT_EQ(d.encoding, c.encoding);
    EXPECT_EQ(Normalize(d.text).text, c.expected);
  }
}

// VIQR writes "đ" as two letters: a literal "d" before it, or a literal
// "dd", takes the escape, else "SGDĐT" would read back as "SGĐDT".
TEST(EncodingTest, ViqrEscapesWhatWouldReadAsALetter) {
  const ComposingCodec& viqr = *ShippedComposingCodec("viqr");
  struct {
    std::string text;
    std::string encoded;
  } cases[] = {
      {"Tờ trình số 215/TTr-SGDĐT", "To+` tri`nh so^' 215/TTr-SG\\DDDT"},
      {"address", "a\\ddress"},
      {"Đà Nẵng", "DDa` Na(~ng"},
      {"SGD", "SGD"},  // nothing after the D: no escape
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    std::string encoded;
    for (char32_t ch : viqr.Encode(c.text)) AppendUtf8(ch, &encoded);
    EXPECT_EQ(encoded, c.encoded);
    EXPECT_EQ(Normalize(DecodeInput(encoded, "viqr").text).text, c.text);
  }
}

TEST(EncodingTest, ComposingEncodingsRoundTripThroughDetection) {
  Extractor extractor(Rules());
  const ComposingCodec& vni = *ShippedComposingCodec("vni");
  const ComposingCodec& viqr = *ShippedComposingCodec("viqr");
  for (const auto& [name, text] : testing_util::Utf8Corpus()) {
    const std::string expected = testing_util::Values(extractor.Extract(text, name));
    const std::string nfc = Normalize(text).text;
    const std::string vni_bytes = ToCp1252(vni.Encode(nfc));
    std::string viqr_text;
    for (char32_t c : viqr.Encode(nfc)) AppendUtf8(c, &viqr_text);
    // Whatever VIQR cannot write (“ ” – …) as a typist of the time would.
    viqr_text = Iconv(viqr_text, "ASCII//TRANSLIT", "UTF-8");
    struct {
      std::string input;
      const char* encoding;
    } forms[] = {{vni_bytes, "vni"}, {Mojibake(vni_bytes), "vni+cp1252"}, {viqr_text, "viqr"}};
    for (const auto& f : forms) {
      SCOPED_TRACE(name + " as " + f.encoding);
      Json record = extractor.Extract(f.input, name);
      EXPECT_EQ(record["source"]["encoding"], f.encoding);
      EXPECT_EQ(testing_util::Values(record), expected);
      for (const char* key : {"dates", "references"}) {
        for (const Json& item : record[key]) {
          size_t s = item["span"][0], t = item["span"][1];
          ASSERT_LE(t, f.input.size());
          DecodedInput piece = DecodeInput(f.input.substr(s, t - s), f.encoding);
          EXPECT_EQ(Normalize(piece.text).text, Normalize(item["text"].get<std::string>()).text);
        }
      }
    }
  }
}

TEST(EncodingTest, AccentlessAndEnglishAsciiAreNotViqr) {
  for (const auto& [name, text] : testing_util::Utf8Corpus()) {
    SCOPED_TRACE(name);
    std::string folded = Fold(Normalize(text)).text;
    folded = Iconv(folded, "ASCII//TRANSLIT", "UTF-8");
    EXPECT_EQ(DecodeInput(folded).encoding, "utf-8");
  }
  EXPECT_EQ(DecodeInput("It's the user's choice, isn't it? You're right; o'clock. Yes. No? a.b.c").encoding,
            "utf-8");
}

// The reference: Unicode's well-formed byte sequences (table 3-7), one
// character at a time.
bool ReferenceValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    auto at = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
    auto cont = [](unsigned char c, unsigned char lo = 0x80, unsigned char hi = 0xBF) { return c >= lo && c <= hi; };
    size_t len = 0;
    if (b < 0x80) len = 1;
    else if (b >= 0xC2 && b <= 0xDF && cont(at(1))) len = 2;
    else if (b == 0xE0 && cont(at(1), 0xA0) && cont(at(2))) len = 3;
    else if (((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) && cont(at(1)) && cont(at(2))) len = 3;
    else if (b == 0xED && cont(at(1), 0x80, 0x9F) && cont(at(2))) len = 3;
    else if (b == 0xF0 && cont(at(1), 0x90) && cont(at(2)) && cont(at(3))) len = 4;
    else if (b >= 0xF1 && b <= 0xF3 && cont(at(1)) && cont(at(2)) && cont(at(3))) len = 4;
    else if (b == 0xF4 && cont(at(1), 0x80, 0x8F) && cont(at(2)) && cont(at(3))) len = 4;
    if (len == 0) return false;
    i += len;
  }
  return true;
}

// Valid one- to three-byte UTF-8 is checked 16 bytes at a time (issue #6):
// random texts, mostly valid Vietnamese with a slip now and then at any
// offset, must be judged as the reference judges them.
TEST(EncodingTest, IsValidUtf8AgreesWithTheReference) {
  const std::vector<std::string> pieces = {
      "a", " ", "Quyết", " định", "đ", "Ủy", "ban", "\n", "2021", "\xC2\xA0", "\xE2\x80\x93",
      "\xE0\xA4\x85",      // अ: E0 with its second byte in A0-BF
      "\xED\x9F\xBF",      // U+D7FF: ED at its limit
      "\xF0\x9F\x98\x80",  // emoji
      "\xF4\x8F\xBF\xBF",  // U+10FFFF
      // Ill-formed:
      "\xFF", "\x80", "\xC3", "\xC0\xAF", "\xE0\x80\x80", "\xED\xA0\x80", "\xE1\xBA", "\xF4\x90\x80\x80",
      "\xF8\x88\x80\x80\x80", "\xC1\xBF",
  };
  std::mt19937 rng(2026);
  for (int round = 0; round < 8000; ++round) {
    std::string s;
    const int count = static_cast<int>(rng() % 60);
    for (int k = 0; k < count; ++k) {
      s += rng() % 8 == 0 ? pieces[rng() % pieces.size()] : pieces[rng() % 10];
    }
    bool high = false;
    ScanWidth width(round % 2 == 0);
    SCOPED_TRACE(testing::Message() << (round % 2 == 0 ? "32-byte" : "16-byte") << " scan: " << testing::PrintToString(s));
    ASSERT_EQ(IsValidUtf8(s, &high), ReferenceValidUtf8(s));
    if (ReferenceValidUtf8(s)) {
      EXPECT_EQ(high, std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
    }
  }
}

}  // namespace
}  // namespace vbhc
