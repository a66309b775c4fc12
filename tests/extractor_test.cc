#include "extract/extractor.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace vbhc {
namespace {

const RuleSet& Rules() { return testing_util::ShippedRules(); }

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

TEST(ExtractorTest, NfdCopyGivesSameValues) {
  Extractor extractor(Rules());
  for (const auto& [path, raw] : testing_util::Utf8Corpus()) {
    SCOPED_TRACE(path);
    std::string nfd = ToNfd(raw);
    ASSERT_NE(raw, nfd);
    Json a = extractor.Extract(raw, path);
    Json b = extractor.Extract(nfd, path);
    EXPECT_EQ(testing_util::Values(a), testing_util::Values(b));
    // Spans still slice the NFD bytes to the item text.
    for (const Json& item : b["dates"]) {
      size_t s = item["span"][0], e = item["span"][1];
      EXPECT_EQ(nfd.substr(s, e - s), item["text"].get<std::string>());
    }
  }
}

TEST(ExtractorTest, AccentlessCopyGivesSameValues) {
  Extractor extractor(Rules());
  for (const auto& [path, raw] : testing_util::Utf8Corpus()) {
    SCOPED_TRACE(path);
    std::string bare = StripDiacritics(raw);
    Json a = extractor.Extract(raw, path);
    Json b = extractor.Extract(bare, path);
    EXPECT_EQ(testing_util::Values(a), testing_util::Values(b));
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

TEST(ExtractorTest, HeaderIssuerInEveryLayout) {
  struct {
    const char* name;
    std::string text;
    Json issuer;  // null: none
    Json parent = nullptr;  // issuer_parent, absent when null
  } cases[] = {
      {"table row by row", "| ỦY BAN NHÂN DÂN TỈNH TÂY NINH ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| Số: 2631/QĐ-UBND | Tây Ninh, ngày 14 tháng 10 năm 2021 |\n",
       "ỦY BAN NHÂN DÂN TỈNH TÂY NINH"},
      {"lines, motto first", "BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\nSố: 1414/TCT-CS\nHà Nội, ngày 04 tháng 05 năm 2013\n",
       "TỔNG CỤC THUẾ", "BỘ TÀI CHÍNH"},
      // Issue #17: a body under a parent body, also in a header copied flat;
      // a wrapped first word is no parent; a blank line left by bold markup
      // does not cut the issuer; a place line begins no body.
      {"parent, flat", "| BỘ TÀI CHÍNH TỔNG CỤC THUẾ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| Số: 1414/TCT-CS | Hà Nội, ngày 04 tháng 05 năm 2013 |\n",
       "TỔNG CỤC THUẾ", "BỘ TÀI CHÍNH"},
      {"parent of a Sở", "UBND THÀNH PHỐ HÀ NỘI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/SGDĐT-VP\n",
       "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "UBND THÀNH PHỐ HÀ NỘI"},
      {"one body on two lines", "ỦY BAN NHÂN DÂN\n\nTỈNH HÀ TĨNH\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 2873/QĐ-UBND\n",
       "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"},
      {"a name's syllable is no body", "BỘ QUỐC PHÒNG\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/QĐ-BQP\n",
       "BỘ QUỐC PHÒNG"},
      {"wrapped first word", "ỦY\nBAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 4085/UBND-ĐT\n",
       "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"},
      // Column by column: the left column (issuer, number), then the right.
      {"columns", "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n-------\nSố: 141/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\nBắc Ninh, ngày 20 tháng 3 năm 2024\n",
       "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"},
      {"number and motto on one line", "BỘ NỘI VỤ\n-------\nSố: 1234/QĐ-BNV    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 05 tháng 3 năm 2024\n",
       "BỘ NỘI VỤ"},
      {"accentless", "SO NOI VU\nTINH MAU SON\n-------\nCONG HOA XA HOI CHU NGHIA VIET NAM\nSo: 212/QD-SNV\nMau Son, ngay 18 thang 02 nam 2025\n",
       "SO NOI VU TINH MAU SON"},
      {"accentless columns", "SO NOI VU\n-------\nSo: 212/QD-SNV\nCONG HOA XA HOI CHU NGHIA VIET NAM\n", "SO NOI VU"},
      // The motto's words wrapped apart, in emphasis (a web copy's table).
      {"motto wrapped", "|\n**VĂN\nPHÒNG CHÍNH PHỦ**\n--------\n|\n|\n**CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\nSố: 11298/VPCP-KTTH\n",
       "VĂN PHÒNG CHÍNH PHỦ"},
      // The Party's motto stands opposite a Party body as the State's does
      // (a resolution of a provincial Party committee, of the Central Committee).
      {"party, columns", "TỈNH ỦY HÀ TĨNH\n*\nSố 45-NQ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Tĩnh, ngày 12 tháng 3 năm 2025\n",
       "TỈNH ỦY HÀ TĨNH"},
      {"party, table", "| BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 57-NQ/TW | ĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 22 tháng 12 năm 2024 |\n",
       "BAN CHẤP HÀNH TRUNG ƯƠNG"},
      {"party, accentless", "TINH UY HA TINH\n*\nDANG CONG SAN VIET NAM\nSo 45-NQ/TU\n", "TINH UY HA TINH"},
      // No motto anywhere near: not an official header's issuer.
      {"no motto", "THÔNG BÁO MỚI\nSố: 12/TB-VP\nHà Nội, ngày 05 tháng 3 năm 2024\n", nullptr},
      // A line with lower-case letters is not the issuer.
      {"prose above", "Trang chủ\nSố: 12/TB-VP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", nullptr},
  };
  Extractor extractor(Rules());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Json r = extractor.Extract(c.text, "x");
    ASSERT_FALSE(r["document"].is_null());
    EXPECT_EQ(r["document"]["issuer"], c.issuer);
    EXPECT_EQ(r["document"].contains("issuer_parent") ? r["document"]["issuer_parent"] : Json(nullptr), c.parent);
  }
}

// Issue #17: the place is the place-and-date line's own, not the end of the
// number's line above it ("Số: 57/KH-UBND" gave "UBND Mẫu Sơn").
TEST(ExtractorTest, PlaceFromItsOwnLine) {
  Extractor extractor(Rules());
  for (const std::string& text : {std::string("ỦY BAN NHÂN DÂN\nTỈNH MẪU SƠN\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 57/KH-UBND\nMẫu Sơn, ngày 05 tháng 3 năm 2024\n"),
                                  std::string("| Số: 88/SNV-TCBC | **Mẫu Sơn, ngày 09 tháng 4 năm 2024** |\n| SỞ NỘI VỤ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n")}) {
    SCOPED_TRACE(text);
    Json d = extractor.Extract(text, "x")["document"];
    ASSERT_FALSE(d.is_null());
    EXPECT_EQ(d["place"], "Mẫu Sơn");
    EXPECT_EQ(d["date"].get<std::string>().substr(0, 4), "2024");
  }
}

// Issue #17: the title runs from the type line to where the body begins.
TEST(ExtractorTest, TitleEndsWhereTheBodyBegins) {
  const std::string head = "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 2873/QĐ-UBND\nHà Tĩnh, ngày 19 tháng 11 năm 2025\n";
  struct {
    const char* name;
    std::string body;
    Json type, title;
  } cases[] = {
      {"signer's title", "QUYẾT ĐỊNH\nCÔNG\nBỐ DANH MỤC THỦ TỤC HÀNH CHÍNH\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
       "Quyết định", "CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH"},
      {"preamble", "QUYẾT ĐỊNH\nVề việc phê duyệt Kế hoạch\nCăn cứ Luật Tổ chức chính quyền địa phương;\n", "Quyết định",
       "Về việc phê duyệt Kế hoạch"},
      {"signer wrapped", "CÔNG ĐIỆN\nVỀ VIỆC TĂNG CƯỜNG CÔNG TÁC\nỨNG PHÓ MƯA LŨ\nTHỦ\nTƯỚNG CHÍNH PHỦ điện:\n", "Công điện",
       "VỀ VIỆC TĂNG CƯỜNG CÔNG TÁC ỨNG PHÓ MƯA LŨ"},
      {"prose under capitals", "THÔNG BÁO\nKẾT LUẬN CỦA PHÓ THỦ TƯỚNG\nTẠI CUỘC HỌP\nNgày 28 tháng 11 năm 2025, tại Trụ sở Chính phủ\n",
       "Thông báo", "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG TẠI CUỘC HỌP"},
      {"type word wrapped", "QUYẾT\nĐỊNH\n\nVỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH\n\nBỘ\nTRƯỞNG BỘ CÔNG THƯƠNG\n", "Quyết định",
       "VỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH"},
      // A line of capitals under the type line naming who issues it goes
      // with the type line; a title in sentence case opening so stays.
      {"issuer under the type", "NGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề phát triển kinh tế số\n\nI. TÌNH HÌNH\n", "Nghị quyết",
       "về phát triển kinh tế số"},
      {"title opening with của", "KẾ HOẠCH\nCủa Ủy ban nhân dân tỉnh về chuyển đổi số\n\nCăn cứ Luật;\n", "Kế hoạch",
       "Của Ủy ban nhân dân tỉnh về chuyển đổi số"},
      // A title of several lines in sentence case goes on over them.
      {"long title", "KẾ HOẠCH\nThực hiện chuyển đổi số\ntrong cơ quan hành chính nhà nước\ntỉnh Hà Tĩnh\n\nCăn cứ Luật;\n", "Kế hoạch",
       "Thực hiện chuyển đổi số trong cơ quan hành chính nhà nước tỉnh Hà Tĩnh"},
  };
  Extractor extractor(Rules());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Json d = extractor.Extract(head + c.body, "x")["document"];
    ASSERT_FALSE(d.is_null());
    EXPECT_EQ(d["type"], c.type);
    EXPECT_EQ(d["title"], c.title);
  }
}

// A letter's "V/v …" line gives its type and title, on the number's line or
// just below it (a header copied column by column).
TEST(ExtractorTest, LetterSubjectLine) {
  struct {
    const char* name;
    std::string text;
    Json type, title;
  } cases[] = {
      {"same line", "| SỞ NỘI VỤ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| Số: 88/SNV-TCBC V/v báo cáo quý I | Mẫu Sơn, ngày 09 tháng 4 năm 2024 |\n",
       "Công văn", "V/v báo cáo quý I"},
      {"line below", "SỞ NỘI VỤ\n-------\nSố: 88/SNV-TCBC\nV/v báo cáo số lượng công chức\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nMẫu Sơn, ngày 09 tháng 4 năm 2024\n",
       "Công văn", "V/v báo cáo số lượng công chức"},
      // Wrapped over lines, in emphasis, to the end of its table cell.
      {"wrapped", "**BỘ NỘI VỤ**\n-------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\nSố: 10989/BNV-TCBC\n*V/v\nđề xuất biên chế giai đoạn 2026-2031*\n|\n*Hà Nội, ngày 21 tháng 11 năm 2025*\n",
       "Công văn", "V/v đề xuất biên chế giai đoạn 2026-2031"},
      {"wrapped to the date", "VĂN PHÒNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 11298/VPCP-KTTH\nV/v: động lực tăng\ntrưởng kinh tế\nHà Nội, ngày 17 tháng 11 năm 2025\n",
       "Công văn", "V/v: động lực tăng trưởng kinh tế"},
      // Far below, in the body, it is not the header's.
      {"body", "SỞ NỘI VỤ\nSố: 88/SNV-TCBC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" + std::string(400, '.') + "\nV/v trả lời kiến nghị\n",
       nullptr, nullptr},
  };
  Extractor extractor(Rules());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Json d = extractor.Extract(c.text, "x")["document"];
    ASSERT_FALSE(d.is_null());
    EXPECT_EQ(d["type"], c.type);
    EXPECT_EQ(d["title"], c.title);
  }
}

// The hex is written by table now (issue #6); the digest must not change.
TEST(ExtractorTest, Sha256HexOfKnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace vbhc
