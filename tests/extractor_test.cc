#include "extractor.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace vbhc {
namespace {

const RuleSet& Rules() {
  static std::unique_ptr<RuleSet> rules = RuleSet::LoadDirectory(VBHC_SOURCE_DIR "/rules");
  return *rules;
}

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(VBHC_SOURCE_DIR "/corpora")) {
    // corpora/legacy/ holds TCVN3 bytes: the UTF-8 copies below need UTF-8.
    if (e.path().extension() == ".txt" && e.path().parent_path().filename() != "legacy") {
      files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ToNfd(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out;
  icu::Normalizer2::getNFDInstance(status)
      ->normalize(icu::UnicodeString::fromUTF8(s), status)
      .toUTF8String(out);
  return out;
}

std::string StripDiacritics(const std::string& s) {
  std::string out;
  size_t pos = 0;
  while (pos < s.size()) FoldCodePoint(DecodeUtf8(s, &pos), &out, /*keep_case=*/true);
  return out;
}

// The values of a record, without text, span, and the fields copied as
// written (issuer, place, title), which lose their diacritics with the input.
std::string Values(Json record) {
  Json out = Json::object();
  if (!record["document"].is_null()) {
    out["number"] = record["document"]["number"];
    out["date"] = record["document"]["date"];
    out["type"] = record["document"]["type"];
  }
  for (const char* key : {"references", "dates", "periods", "deadlines", "targets"}) {
    Json list = Json::array();
    for (Json item : record[key]) {
      for (const char* drop : {"text", "span", "issuer", "subject", "unit"}) item.erase(drop);
      list.push_back(item);
    }
    out[key] = list;
  }
  return out.dump();
}

TEST(ExtractorTest, NfdCopyGivesSameValues) {
  Extractor extractor(Rules());
  for (const std::string& path : CorpusFiles()) {
    SCOPED_TRACE(path);
    std::string raw = Read(path);
    std::string nfd = ToNfd(raw);
    ASSERT_NE(raw, nfd);
    Json a = extractor.Extract(raw, path);
    Json b = extractor.Extract(nfd, path);
    EXPECT_EQ(Values(a), Values(b));
    // Spans still slice the NFD bytes to the item text.
    for (const Json& item : b["dates"]) {
      size_t s = item["span"][0], e = item["span"][1];
      EXPECT_EQ(nfd.substr(s, e - s), item["text"].get<std::string>());
    }
  }
}

TEST(ExtractorTest, AccentlessCopyGivesSameValues) {
  Extractor extractor(Rules());
  for (const std::string& path : CorpusFiles()) {
    SCOPED_TRACE(path);
    std::string raw = Read(path);
    std::string bare = StripDiacritics(raw);
    Json a = extractor.Extract(raw, path);
    Json b = extractor.Extract(bare, path);
    EXPECT_EQ(Values(a), Values(b));
  }
}

TEST(ExtractorTest, ImpossibleDateIsAWarningNotADate) {
  Extractor extractor(Rules());
  std::string text = "Quyết định ngày 31/02/2021 và ngày 14/10/2021";
  Json r = extractor.Extract(text, "x");
  ASSERT_EQ(r["dates"].size(), 1u);
  EXPECT_EQ(r["dates"][0]["value"], "2021-10-14");
  ASSERT_EQ(r["warnings"].size(), 1u);
  EXPECT_EQ(r["warnings"][0]["span"], Json::parse("[22, 32]"));
  EXPECT_NE(r["warnings"][0]["message"].get<std::string>().find("impossible date: 31/02/2021"),
            std::string::npos);
}

TEST(ExtractorTest, HeaderFields) {
  Extractor extractor(Rules());
  std::string text =
      "| ỦY BAN NHÂN DÂN TỈNH TÂY NINH ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
      "| Số: 2631/QĐ-UBND | Tây Ninh, ngày 14 tháng 10 năm 2021 |\n\nQUYẾT ĐỊNH\n"
      "Về việc ban hành Kế hoạch\n\nCăn cứ Quyết định số 2631/QĐ-UBND ngày 14/10/2021;\n";
  Json r = extractor.Extract(text, "x");
  EXPECT_EQ(r["document"]["number"], "2631/QĐ-UBND");
  EXPECT_EQ(r["document"]["date"], "2021-10-14");
  EXPECT_EQ(r["document"]["type"], "Quyết định");
  EXPECT_EQ(r["document"]["place"], "Tây Ninh");
  EXPECT_EQ(r["document"]["issuer"], "ỦY BAN NHÂN DÂN TỈNH TÂY NINH");
  EXPECT_EQ(r["document"]["title"], "Về việc ban hành Kế hoạch");
  // The same number cited in the body is a reference; the header's is not.
  ASSERT_EQ(r["references"].size(), 1u);
  EXPECT_GT(r["references"][0]["span"][0].get<size_t>(), text.find("Căn cứ"));
  // A news article has no header.
  EXPECT_TRUE(extractor.Extract("UBND tỉnh vừa ban hành Quyết định số 12/QĐ-UBND.", "n")["document"].is_null());
}

}  // namespace
}  // namespace vbhc
