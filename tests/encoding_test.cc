// Legacy encodings: every corpus document converted by the test itself into
// TCVN3, VISCII and Windows-1258 (glibc iconv) and into the mojibake form of
// each (legacy bytes read as Windows-1252, saved as UTF-8) is detected and
// gives the same values as the UTF-8 original; real UTF-8 is never mistaken.
#include "encoding.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "extractor.h"
#include "test_util.h"

namespace vbhc {
namespace {

const RuleSet& Rules() { return testing_util::ShippedRules(); }

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

}  // namespace
}  // namespace vbhc
