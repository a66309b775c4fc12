#include "text/normalizer.h"
#include "text/vietnamese.h"

#include "test_util.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/unistr.h>
#include <utf8proc.h>

#include <random>
#include <string>
#include <vector>

namespace vbhc {
namespace {

std::string Nfd(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  std::string out;
  nfd->normalize(icu::UnicodeString::fromUTF8(s), status).toUTF8String(out);
  return out;
}

std::string N(const std::string& s, ToneStyle style = ToneStyle::kOfficial) {
  return Normalize(s, {style, false}).text;
}

// Issue #22: the normalizer's table of copyable code points reads ICU's
// NFC_Quick_Check property instead of normalizing each one alone; the two
// agree on every BMP code point of the ICU the build links.
TEST(NormalizerTest, QuickCheckIsNormalizedAlone) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  for (UChar32 c = 0; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    status = U_ZERO_ERROR;
    const bool alone = nfc->isNormalized(icu::UnicodeString(c), status);
    ASSERT_EQ(alone, u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) != UNORM_NO) << std::hex << c;
  }
}

TEST(NormalizerTest, WhitespaceDashesAndEth) {
  struct {
    std::string input;
    std::string expected;
  } cases[] = {
      {"a\r\nb", "a\nb"},
      {"a\rb", "a\nb"},
      {"a\xC2\xA0\xC2\xA0 b", "a b"},          // NBSP run
      {"a\t\tb", "a b"},
      {"a\xE2\x80\x8B" "b", "ab"},             // zero-width space inside a word
      {"Quy\xC2\xAD" "\xE1\xBA\xBFt", "Quyết"},  // soft hyphen
      {"2021\xE2\x80\x93" "2025", "2021-2025"},  // en dash
      {"2021\xE2\x80\x94" "2025", "2021-2025"},  // em dash
      {"2021\xE2\x88\x92" "2025", "2021-2025"},  // minus
      {"2021\xE2\x80\x91" "2025", "2021-2025"},  // non-breaking hyphen
      {"Q\xC3\x90-UBND", "QĐ-UBND"},             // Icelandic Eth
      {"\xC3\xB0i", "đi"},
      {"\xEF\xBB\xBFSố", "Số"},                  // BOM dropped
      {"ỦY B AN NHÂN D Â N", "ỦY B AN NHÂN D Â N"},  // spaced letters stay
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(N(c.input), c.expected);
  }
}

TEST(NormalizerTest, NfdComposesIncludingDotBelowOrder) {
  struct {
    std::string input;
    std::string expected;
  } cases[] = {
      {Nfd("Việt Nam"), "Việt Nam"},
      {Nfd("một cộng đồng"), "một cộng đồng"},
      {"Vie\xCC\xA3\xCC\x82t", "Việt"},  // dot below, then circumflex (canonical order)
      {"Vie\xCC\x82\xCC\xA3t", "Việt"},  // circumflex, then dot below
      {"mo\xCC\x82\xCC\xA3t", "một"},
      {Nfd("Ủy ban nhân dân tỉnh Tây Ninh"), "Ủy ban nhân dân tỉnh Tây Ninh"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(N(c.input), c.expected);
  }
}

// Every tone on every open rhyme, lower and upper case, both styles.
TEST(NormalizerTest, TonePlacementFullTable) {
  struct Rhyme {
    std::string official[5];  // tone on the first vowel
    std::string modern[5];    // tone on the second vowel
  };
  const Rhyme rhymes[] = {
      {{"hòa", "hóa", "hỏa", "hõa", "họa"}, {"hoà", "hoá", "hoả", "hoã", "hoạ"}},
      {{"hòe", "hóe", "hỏe", "hõe", "họe"}, {"hoè", "hoé", "hoẻ", "hoẽ", "hoẹ"}},
      {{"thùy", "thúy", "thủy", "thũy", "thụy"}, {"thuỳ", "thuý", "thuỷ", "thuỹ", "thuỵ"}},
      {{"HÒA", "HÓA", "HỎA", "HÕA", "HỌA"}, {"HOÀ", "HOÁ", "HOẢ", "HOÃ", "HOẠ"}},
      {{"THÙY", "THÚY", "THỦY", "THŨY", "THỤY"}, {"THUỲ", "THUÝ", "THUỶ", "THUỸ", "THUỴ"}},
      {{"Ủy", "Úy", "Ùy", "Ũy", "Ụy"}, {"Uỷ", "Uý", "Uỳ", "Uỹ", "Uỵ"}},
      {{"òa", "khỏe", "xòe", "tùy", "lũy"}, {"oà", "khoẻ", "xoè", "tuỳ", "luỹ"}},
  };
  for (const Rhyme& r : rhymes) {
    for (int tone = 0; tone < 5; ++tone) {
      SCOPED_TRACE(r.official[tone] + " / " + r.modern[tone]);
      EXPECT_EQ(N(r.modern[tone]), r.official[tone]);
      EXPECT_EQ(N(r.official[tone]), r.official[tone]);
      EXPECT_EQ(N(r.official[tone], ToneStyle::kModern), r.modern[tone]);
      EXPECT_EQ(N(r.modern[tone], ToneStyle::kModern), r.modern[tone]);
      EXPECT_EQ(N(Nfd(r.modern[tone])), r.official[tone]);
    }
  }
}

TEST(NormalizerTest, TonePlacementLeavesOtherRhymesAlone) {
  for (std::string word : {"hoàng", "quyết", "thuyền", "quý", "quà", "già", "ngoài", "khuya",
                           "hoặc", "toàn", "huỳnh", "Quỳnh", "giúp", "hòa", "thủy", "tuổi"}) {
    SCOPED_TRACE(word);
    EXPECT_EQ(N(word), word);
  }
  EXPECT_EQ(N("Quý"), "Quý");
  EXPECT_EQ(N("QUÝ"), "QUÝ");
}

// Syllables to re-place are found sixteen bytes at a time (issue #6): the
// word end after them may fall anywhere in a block or in the tail, and be
// any character that is not a letter, ASCII or not.
TEST(NormalizerTest, TonePlacementAtEveryBlockOffsetAndWordEnd) {
  struct {
    std::string text;
    std::string expected;
  } cases[] = {
      {"hoà", "hòa"},
      {"thuỷ,", "thủy,"},
      {"khoẻ\n", "khỏe\n"},
      {"hoà\xC3\x97", "hòa\xC3\x97"},          // ×: C3 97 is no letter
      {"hoà\xC3\xB7", "hòa\xC3\xB7"},          // ÷
      {"hoà\xE2\x80\x9D", "hòa\xE2\x80\x9D"},  // ” closing quote
      {"hoà\xE1\xBE\xBD", "hòa\xE1\xBE\xBD"},  // ᾽ Greek koronis: lead E1, no letter
      {"hoà\xC2\xBB", "hòa\xC2\xBB"},          // », lead C2
      {"hoà\xC2\xB0", "hòa\xC2\xB0"},          // °
      {"hoà3", "hòa3"},
      {"HOÀ.", "HÒA."},
      // A letter after the rhyme: the word goes on, nothing moves.
      {"hoàà", "hoàà"},
      {"hoàạ", "hoàạ"},
      {"hoà\xC3\xB0", "hoàđ"},  // ð, read as đ
      {"hoàn", "hoàn"},
  };
  const std::string more = " và cả đoạn văn sau đó nữa";
  for (const auto& c : cases) {
    for (size_t pad = 0; pad < 40; ++pad) {
      std::string prefix = std::string(pad, 'x') + " ";
      SCOPED_TRACE(prefix + c.text);
      EXPECT_EQ(N(prefix + c.text), prefix + c.expected);
      EXPECT_EQ(N(prefix + c.text + more), prefix + c.expected + more);
    }
  }
}

TEST(NormalizerTest, SeedsSpellUyBanAlike) {
  EXPECT_EQ(N("Uỷ ban nhân dân"), N("Ủy ban nhân dân"));
  EXPECT_EQ(N("UỶ BAN NHÂN DÂN"), "ỦY BAN NHÂN DÂN");
}

TEST(NormalizerTest, InvalidUtf8BecomesReplacementWithWarning) {
  struct {
    std::string input;
    std::string expected;
    size_t warnings;
    std::string message_part;
  } cases[] = {
      {"a\x80" "b", "a\xEF\xBF\xBD" "b", 1, "stray continuation"},
      {"a\xC3", "a\xEF\xBF\xBD", 1, "truncated"},
      {"a\xE1\xBA" "b", "a\xEF\xBF\xBD" "b", 1, "truncated"},
      {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD", 2, "overlong"},
      {"\xE0\x80\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3, "overlong"},
      {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3, "surrogate"},
      {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 4, "above U+10FFFF"},
      {"\xFF", "\xEF\xBF\xBD", 1, "never occurs"},
      {"ngày\xE0\xA4", "ngày\xEF\xBF\xBD", 1, "truncated"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    NormalizedText n = Normalize(c.input);
    EXPECT_EQ(n.text, c.expected);
    ASSERT_EQ(n.warnings.size(), c.warnings);
    EXPECT_NE(n.warnings[0].message.find(c.message_part), std::string::npos) << n.warnings[0].message;
    EXPECT_LE(n.warnings[0].span.end, c.input.size());
  }
  // The byte offset of the bad sequence is reported.
  NormalizedText n = Normalize("Số 12\x80 ngày");
  ASSERT_EQ(n.warnings.size(), 1u);
  EXPECT_EQ(n.warnings[0].span, (Span{7, 8}));
}

TEST(NormalizerTest, FoldRemovesDiacriticsAndMaps) {
  NormalizedText n = Normalize("Quyết định số 12/QĐ-UBND");
  FoldedText f = Fold(n);
  EXPECT_EQ(f.text, "quyet dinh so 12/qd-ubnd");
  EXPECT_EQ(Fold(n, /*keep_case=*/true).text, "Quyet dinh so 12/QD-UBND");
  // "dinh" maps back to "định" in the normalized text.
  Span s = f.map.ToSource({6, 10});
  EXPECT_EQ(n.text.substr(s.begin, s.size()), "định");
  EXPECT_EQ(FoldString("ĐƯỜNG Ủy"), "duong uy");
}

TEST(NormalizerTest, LowerCase) {
  struct {
    std::string input;
    std::string expected;
  } cases[] = {
      {"", ""},
      {"ỦY BAN NHÂN DÂN TỈNH", "ủy ban nhân dân tỉnh"},
      {"QUYẾT ĐỊNH SỐ 12/QĐ-UBND NGÀY 14/10/2021", "quyết định số 12/qđ-ubnd ngày 14/10/2021"},
      {"@AZ[`az{ \x7F", "@az[`az{ \x7F"},  // the bytes around A-Z stay
      {"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "abcdefghijklmnopqrstuvwxyz0123456789"},
      {"ÀÁẢÃẠ ĂẮẰẲẴẶ ÂẤẦẨẪẬ ĐƠƯ", "àáảãạ ăắằẳẵặ âấầẩẫậ đơư"},
      {"\xC8\xBA\xE2\x84\xAA", "\xE2\xB1\xA5k"},  // Ⱥ grows to 3 bytes, the Kelvin sign shrinks to 1
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(LowerCase(c.input), c.expected);
  }
}

TEST(NormalizerTest, UpperCase) {
  struct {
    std::string input;
    std::string expected;
  } cases[] = {
      {"", ""},
      {"Cộng hòa xã hội chủ nghĩa Việt Nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
      {"đảng cộng sản", "ĐẢNG CỘNG SẢN"},
      {"àáảãạ ăắằẳẵặ âấầẩẫậ đơư 12/qđ", "ÀÁẢÃẠ ĂẮẰẲẴẶ ÂẤẦẨẪẬ ĐƠƯ 12/QĐ"},
      {"@az[`AZ{", "@AZ[`AZ{"},  // the bytes around a-z stay
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(UpperCase(c.input), c.expected);
  }
}

// LowerCase takes ASCII runs sixteen bytes at a time: at every offset and
// run length it must give what lowering one character at a time gives.
TEST(NormalizerTest, LowerCaseBlocksEqualPerCharacter) {
  auto per_character = [](std::string_view s) {
    std::string out;
    for (size_t pos = 0; pos < s.size();) {
      if (static_cast<unsigned char>(s[pos]) < 0x80) {
        char c = s[pos++];
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
        continue;
      }
      AppendUtf8(static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(DecodeUtf8(s, &pos)))), &out);
    }
    return out;
  };
  const std::vector<std::string> pieces = {"A", "Z", "a", "z", "@", "[", "Q", " ", "1", "/", "Đ", "Ủ",
                                           "ế", "Ư", "\xC3\x97", "\xE2\x80\x93", "\xD0\x96",
                                           "\xF0\x9F\x98\x80", "\xC8\xBA", "\xFF", "\xE1\xBA"};
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    const size_t length = rng() % 60;
    while (s.size() < length) s += rng() % 3 ? pieces[rng() % 9] : pieces[rng() % pieces.size()];
    ASSERT_EQ(LowerCase(s), per_character(s)) << testing::PrintToString(s);
  }
}

TEST(NormalizerTest, OffsetMapOnNfdAndCrlf) {
  std::string raw = Nfd("Số: 12\r\nngày 14 tháng 10");
  NormalizedText n = Normalize(raw);
  size_t at = n.text.find("ngày");
  ASSERT_NE(at, std::string::npos);
  Span s = n.map.ToSource({at, at + std::string("ngày").size()});
  EXPECT_EQ(raw.substr(s.begin, s.size()), Nfd("ngày"));
}

// True when byte `pos` is a continuation byte of a well-formed UTF-8 character
// that starts before it (a span must never cut such a character).
bool InsideValidChar(const std::string& raw, size_t pos) {
  if (pos >= raw.size() || (static_cast<unsigned char>(raw[pos]) & 0xC0) != 0x80) return false;
  for (size_t back = 1; back <= 3 && back <= pos; ++back) {
    unsigned char lead = static_cast<unsigned char>(raw[pos - back]);
    if ((lead & 0xC0) == 0x80) continue;
    size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 1;
    if (len <= back || pos - back + len > raw.size()) return false;
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(raw.substr(pos - back, len));
    (void)status;
    return u.length() > 0 && u.charAt(0) != 0xFFFD;
  }
  return false;
}

// Property: a normalized span between whitespace maps back to original bytes
// that normalize to the same text, lies inside the input and starts and ends
// on UTF-8 character boundaries.
TEST(NormalizerTest, OffsetMapProperty) {
  const std::vector<std::string> pieces = {
      "Quyết", " định", " số", " 12/QĐ-UBND", "\r\n", "\xC2\xA0", "\t", "  ", "Uỷ", " ban",
      Nfd(" Việt"), Nfd(" một"), " hoà", " thuỷ", " khoẻ", " khoẽ", " thuỹ", "\xE2\x80\x93", "\x80", "\xE1\xBA",
      " 85,5%", "\xE2\x80\x8B", "Ð", " quý", "\n", "a", "*", " năm* *2025"};
  std::mt19937 rng(20261123);
  for (int round = 0; round < 400; ++round) {
    std::string raw;
    int count = 1 + static_cast<int>(rng() % 30);
    for (int i = 0; i < count; ++i) raw += pieces[rng() % pieces.size()];
    for (bool strip : {false, true}) {
      NormalizedText n = Normalize(raw, {ToneStyle::kOfficial, strip});
      std::vector<size_t> cuts = {0, n.text.size()};
      for (size_t i = 0; i < n.text.size(); ++i) {
        if (n.text[i] == ' ' || n.text[i] == '\n') {
          cuts.push_back(i);
          cuts.push_back(i + 1);
        }
      }
      // Without the map (vbhc normalize), the text is the same.
      NormalizeOptions text_only{ToneStyle::kOfficial, strip};
      text_only.build_map = false;
      NormalizedText bare = Normalize(raw, text_only);
      EXPECT_EQ(bare.text, n.text) << testing::PrintToString(raw);
      EXPECT_EQ(bare.map.segments(), 0u);
      EXPECT_EQ(bare.map.size(), n.map.size());
      for (int k = 0; k < 20; ++k) {
        size_t a = cuts[rng() % cuts.size()], b = cuts[rng() % cuts.size()];
        if (a > b) std::swap(a, b);
        Span s = n.map.ToSource({a, b});
        SCOPED_TRACE(testing::Message() << "raw=" << testing::PrintToString(raw) << " span "
                                        << a << ".." << b);
        ASSERT_LE(s.begin, s.end);
        ASSERT_LE(s.end, raw.size());
        EXPECT_FALSE(InsideValidChar(raw, s.begin));
        EXPECT_FALSE(InsideValidChar(raw, s.end));
        if (a == b) continue;
        std::string back = Normalize(raw.substr(s.begin, s.size()), {ToneStyle::kOfficial, strip}).text;
        std::string slice = n.text.substr(a, b - a);
        // Edge spaces collapse with their neighbours differently in isolation.
        EXPECT_EQ(back, slice);
      }
    }
  }
}

}  // namespace
}  // namespace vbhc

namespace vbhc {
namespace {

// Streaming (vbhc normalize): a document normalized in chunks cut by
// NormalizationCut reads exactly as the whole, NFC or NFD, whatever the block.
TEST(NormalizerTest, ChunksCutByNormalizationCutNormalizeAsTheWhole) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  for (const auto& [name, text] : testing_util::Utf8Corpus()) {
    std::string decomposed;
    nfd->normalize(icu::UnicodeString::fromUTF8(text), status).toUTF8String(decomposed);
    for (const std::string& doc : {text, decomposed, "Uỷ  ban\r\nhoà  bình " + text + " thuỷ lợi"}) {
      for (size_t first_block : {64u, 300u, 4096u}) {
        size_t block = first_block;
        SCOPED_TRACE(name + " block " + std::to_string(first_block));
        std::string out;
        for (size_t pos = 0; pos < doc.size();) {
          std::string_view buffer = std::string_view(doc).substr(pos, block);
          size_t cut = pos + buffer.size() == doc.size() ? buffer.size() : NormalizationCut(buffer);
          if (cut == 0) {  // no safe cut in this window: as the stream does, read on
            block *= 2;
            continue;
          }
          out += Normalize(buffer.substr(0, cut)).text;
          pos += cut;
        }
        EXPECT_EQ(out, Normalize(doc).text);
      }
    }
  }
}

TEST(NormalizerTest, NormalizationCutOnlyWhereExact) {
  struct {
    std::string input;
    size_t expected;
  } cases[] = {
      {"dòng một\ndòng hai", 12},       // after the line break
      {"hai từ  ba", 10},                // after the space run, before a word
      {"hai ừ", 0},                      // not before ừ: a mark could still join it
      {"abc", 0},                        // no cut inside a word (tone placement)
      {" \xC2\xA0 ", 0},                 // nor inside a run of spaces
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(NormalizationCut(c.input), c.expected);
  }
}

// Long runs of plain Vietnamese are checked sixteen bytes at a time, and
// anything unusual is left to the per-character path (issue #6).  Lines
// under seventeen bytes never reach the block scan, and a line break is a
// cut where normalizing apart gives the same text: so a long text of short
// random lines must normalize as its lines do one by one, whatever falls at
// a block's edge.
TEST(NormalizerTest, BlockScanEqualsPerCharacterPath) {
  const std::vector<std::string> pieces = {
      "a", "b", "Q", "1", " ", " ", "-", "/", "đ", "Đ", "ế", "ủ", "ơ", "ư", "à", "ý",
      "Ạ", "ỹ", "\xC3\x97",          // ×
      "  ",                          // a run of spaces
      "\t", "\r", "\r\n", "\x01", "\x7F", "*",
      "\xC2\xA0",                    // NBSP
      "\xE2\x80\x93",                // en dash
      "\xE2\x80\x9C",                // “
      "\xC3\x90", "\xC3\xB0",        // Ð ð
      "e\xCC\x81", "o\xCC\x9B\xCC\x80",  // NFD é, ờ
      "\xCC\x81",                    // a lone combining mark
      "\xE1\xB8\x80",                // Ḁ: E1 but not BA/BB
      "\xD0\x96",                    // Cyrillic Ж
      "\xF0\x9F\x98\x80",            // emoji
      "\xFF", "\x80", "\xC3", "\xE1\xBA", "\xE1\xBA\x41", "\xC0\xAF", "\xED\xA0\x80",  // invalid
      "hoà", "thuỷ", "Uỷ ban",
  };
  std::mt19937 rng(6);
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> lines;
    std::string whole;
    const int line_count = 4 + static_cast<int>(rng() % 40);
    for (int l = 0; l < line_count; ++l) {
      std::string line;
      // Mostly plain letters, so that blocks pass; now and then anything.
      while (true) {
        const std::string& piece = rng() % 4 == 0 ? pieces[rng() % pieces.size()] : pieces[rng() % 19];
        if (line.size() + piece.size() > 14) break;
        line += piece;
      }
      line += "\n";
      whole += line;
      lines.push_back(line);
    }
    for (bool strip : {false, true}) {
      std::string expected;
      size_t warnings = 0;
      for (const std::string& line : lines) {
        NormalizedText n = Normalize(line, {ToneStyle::kOfficial, strip});
        expected += n.text;
        warnings += n.warnings.size();
      }
      NormalizedText n = Normalize(whole, {ToneStyle::kOfficial, strip});
      ASSERT_EQ(n.text, expected) << testing::PrintToString(whole);
      ASSERT_EQ(n.warnings.size(), warnings) << testing::PrintToString(whole);
    }
  }
}

// vbhc normalize reuses one NormalizedText chunk after chunk (issue #6): what
// a reused one holds must not depend on what it held before.
TEST(NormalizerTest, ReusedResultEqualsFreshOne) {
  const std::string inputs[] = {"Quyết định \xFF số 12", Nfd("Việt Nam hoà bình"), "", "a  b\r\nc",
                                "Uỷ ban \xE1\xBA", "x"};
  NormalizedText reused;
  for (bool map : {true, false}) {
    NormalizeOptions options;
    options.build_map = map;
    for (const std::string& in : inputs) {
      SCOPED_TRACE(testing::PrintToString(in));
      Normalize(in, options, &reused);
      NormalizedText fresh = Normalize(in, options);
      EXPECT_EQ(reused.text, fresh.text);
      ASSERT_EQ(reused.warnings.size(), fresh.warnings.size());
      EXPECT_EQ(reused.map.segments(), fresh.map.segments());
      for (size_t b = 0; b <= fresh.text.size(); ++b) {
        EXPECT_EQ(reused.map.ToSource({b, fresh.text.size()}), fresh.map.ToSource({b, fresh.text.size()}));
      }
    }
  }
}

}  // namespace
}  // namespace vbhc

namespace vbhc {
namespace {

// Issue #17: header lines of PDF copies with letters split by spaces.
TEST(NormalizerTest, JoinSplitLettersOnlyWhereUnambiguous) {
  struct {
    std::string line;
    std::string expected;
  } cases[] = {
      {"B Ộ LAO ĐỘNG - THƯƠNG BINH V À X Ã HỘI", "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"},
      {"dự toán ngân sách trung ươ n g", "dự toán ngân sách trung ương"},
      {"Ban Chỉ đạo trun g ương", "Ban Chỉ đạo trung ương"},
      {"v à", "và"},
      {"C Ụ C THUẾ", "CỤC THUẾ"},
      // Nothing to repair: acronyms, list letters, letters after a word they
      // cannot end, words that are whole.
      {"HĐND TỈNH", "HĐND TỈNH"},
      {"Sở KH và ĐT", "Sở KH và ĐT"},
      {"điểm a, b và c khoản 1", "điểm a, b và c khoản 1"},
      {"Phụ lục B", "Phụ lục B"},
      {"hạng C", "hạng C"},
      {"Sở Y tế", "Sở Y tế"},
      {"V/v xây dựng", "V/v xây dựng"},
      {"", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.line);
    EXPECT_EQ(JoinSplitLetters(c.line), c.expected);
  }
}

}  // namespace
}  // namespace vbhc
