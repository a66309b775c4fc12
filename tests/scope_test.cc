// Table tests of the scope mechanism (issue #16): the spans around an item
// on a document's Structure, and the time a ladder of steps finds there.
// Targets and tasks walk their own ladders (targets.cc, tasks.cc) on this one
// TimeScope; their tables test the ladders through whole documents.
#include "extract/scope.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "extract/structure.h"
#include "test_util.h"

namespace vbhc {
namespace {

// A time item written in a case: its dimension, its text, its value (a
// period's value is its end).
struct TimeText {
  std::string dimension;
  std::string text;
  std::string value;
  std::string kind = "period";  // a period's kind
};

// Returns the item of `t`, at its first occurrence in `text`.
Item ItemOf(const std::string& text, const TimeText& t) {
  const size_t at = text.find(t.text);
  EXPECT_NE(at, std::string::npos) << t.text;
  Json fields = Json::object();
  if (t.dimension == "period") {
    fields["end"] = t.value;
    fields["kind"] = t.kind;
  } else {
    fields["value"] = t.value;
    if (t.value.rfind("--", 0) == 0) fields["recurrence"] = "yearly";  // "--12-15"
  }
  return {t.dimension, "test", {at, at + t.text.size()}, fields};
}

// One ladder that reaches every region, nearest first.
constexpr TimeScope::Step kLadder[] = {
    {TimeScope::kOwn, TimeScope::kDeadline, TimeScope::kFirst},
    {TimeScope::kAround, TimeScope::kFixedDeadline},
    {TimeScope::kClauseBefore, TimeScope::kFixedDeadline},
    {TimeScope::kClauseAfter, TimeScope::kFixedDeadline},
    {TimeScope::kSentenceBefore, TimeScope::kFixedDeadline},
    {TimeScope::kBlockAfter, TimeScope::kDeadline, TimeScope::kFirst},
    {TimeScope::kLeadIn, TimeScope::kFixedDeadline},
    {TimeScope::kHeading, TimeScope::kAnyPeriod},
    {TimeScope::kDocument, TimeScope::kPlanPeriod},
};

struct ScopeCase {
  std::string text;
  std::string item;              // the item's text (first occurrence)
  std::vector<TimeText> times;
  std::string expected;          // the governing value, "null" for none
  std::string block_limit = "";  // text whose start bounds the block
};

TEST(ScopeTest, Ladder) {
  const std::vector<ScopeCase> cases = {
      // The clause before the value comes before the sentence's other times.
      {"Đến năm 2025 đạt 50%, đến năm 2030 đạt 80%.\n", "80%",
       {{"deadline", "Đến năm 2025", "2025"}, {"deadline", "đến năm 2030", "2030"}}, "2030"},
      // The clause after it, when nothing comes before it.
      {"Tổ chức 02 lớp tập huấn trong tháng 6/2025.\n", "02 lớp", {{"deadline", "trong tháng 6/2025", "2025-06"}},
       "2025-06"},
      // A recurring deadline is no fixed one: the sentence before it governs.
      {"Trước ngày 30/6/2025 hoàn thành rà soát, trước ngày 15/12 hằng năm đạt 90%.\n", "90%",
       {{"deadline", "Trước ngày 30/6/2025", "2025-06-30"}, {"deadline", "trước ngày 15/12 hằng năm", "--12-15"}},
       "2025-06-30"},
      // A lead-in passes its time over the sibling items of its list.
      {"Phấn đấu đến năm 2030:\n- 100% xã đạt chuẩn;\n- 90% hộ dân dùng nước sạch.\n", "90%",
       {{"deadline", "đến năm 2030", "2030"}}, "2030"},
      // Tricky: a line above that does not end with ':' leads nothing in.
      {"Hoàn thành trước ngày 30/6/2025 việc rà soát.\n- 90% hộ dân dùng nước sạch.\n", "90%",
       {{"deadline", "trước ngày 30/6/2025", "2025-06-30"}}, "null"},
      // The heading above gives its period.
      {"II. GIAI ĐOẠN 2026 - 2030\n\nTỷ lệ hộ dân dùng nước sạch đạt 90%.\n", "90%",
       {{"period", "GIAI ĐOẠN 2026 - 2030", "2030"}}, "2030"},
      // The plan's period governs what nothing nearer does; a horizon is none.
      {"Kế hoạch giai đoạn 2021 - 2025, tầm nhìn đến năm 2030.\n\nTỷ lệ đạt 90%.\n", "90%",
       {{"period", "giai đoạn 2021 - 2025", "2025"}, {"period", "tầm nhìn đến năm 2030", "2030", "orientation"}},
       "2025"},
      // A labelled time below a task, in its block.
      {"1. Sở Tư pháp chủ trì rà soát.\nThời gian hoàn thành trước ngày 31/12/2025.\n2. Sở Nội vụ tổng hợp.\n",
       "Sở Tư pháp chủ trì rà soát", {{"deadline", "trước ngày 31/12/2025", "2025-12-31"}}, "2025-12-31"},
      // Tricky: the block of "2." does not reach back over "1."'s time.
      {"1. Sở Tư pháp chủ trì rà soát.\nThời gian hoàn thành trước ngày 31/12/2025.\n2. Sở Nội vụ tổng hợp.\n",
       "Sở Nội vụ tổng hợp", {{"deadline", "trước ngày 31/12/2025", "2025-12-31"}}, "null"},
      // The next task bounds the block: its time is its own.
      {"Sở Tư pháp chủ trì rà soát. Sở Nội vụ tổng hợp trước ngày 31/12/2025.\n", "Sở Tư pháp chủ trì rà soát",
       {{"deadline", "trước ngày 31/12/2025", "2025-12-31"}}, "null", "Sở Nội vụ"},
      // A deadline read around the item governs it before the paragraph's earlier one.
      {"Đến hết năm 2025 rà soát. Đưa vào khai thác trên 3.000 km đường bộ cao tốc trong năm 2026.\n", "3.000 km",
       {{"deadline", "Đến hết năm 2025", "2025-12-31"},
        {"deadline", "Đưa vào khai thác trên 3.000 km đường bộ cao tốc trong năm 2026", "2026"}},
       "2026"},
      // The item's own time comes first, the first one in it.
      {"Sở Tư pháp hoàn thành trước ngày 30/6/2025 và báo cáo trước ngày 15/7/2025.\n",
       "Sở Tư pháp hoàn thành trước ngày 30/6/2025 và báo cáo trước ngày 15/7/2025",
       {{"deadline", "trước ngày 30/6/2025", "2025-06-30"}, {"deadline", "trước ngày 15/7/2025", "2025-07-15"}},
       "2025-06-30"},
  };
  for (const ScopeCase& c : cases) {
    SCOPED_TRACE(c.text + " @ " + c.item);
    Structure structure(c.text);
    std::vector<Item> items;
    for (const TimeText& t : c.times) items.push_back(ItemOf(c.text, t));
    TimeScope scope(structure, items);
    scope.Sort();
    const size_t at = c.text.find(c.item);
    ASSERT_NE(at, std::string::npos);
    const size_t limit = c.block_limit.empty() ? std::string::npos : c.text.find(c.block_limit);
    const Item* found = scope.Governing(scope.Of({at, at + c.item.size()}, limit), kLadder);
    EXPECT_EQ(found ? TimeScope::Value(*found).get<std::string>() : "null", c.expected);
  }
}

TEST(ScopeTest, SpansAroundAnItem) {
  const std::string text = "I. MỤC TIÊU\n\nPhấn đấu đến năm 2030:\n- Tỷ lệ đạt 90%, số xã đạt 50;\n- Khác.\n";
  Structure structure(text);
  TimeScope scope(structure, {});
  scope.Sort();
  const size_t at = text.find("50");
  const Scope s = scope.Of({at, at + 2});
  auto str = [&](Span span) { return text.substr(span.begin, span.size()); };
  EXPECT_EQ(str(s.clause), " số xã đạt 50");
  EXPECT_EQ(str(s.paragraph), "- Tỷ lệ đạt 90%, số xã đạt 50;");
  ASSERT_TRUE(s.lead_in);
  EXPECT_EQ(str(*s.lead_in), "Phấn đấu đến năm 2030:");
  ASSERT_TRUE(s.heading);
  EXPECT_EQ(str(*s.heading), "I. MỤC TIÊU");
}

TEST(StructureTest, BlocksAndMarkers) {
  const std::string text =
      "1. Sở Tư pháp có trách nhiệm sau:\n- Rà soát;\n- Tổng hợp.\nThời hạn: năm 2025.\n2. Sở Nội vụ.\n";
  Structure structure(text);
  const Span block = structure.BlockOf(0);
  EXPECT_EQ(text.substr(block.begin, block.size()),
            "1. Sở Tư pháp có trách nhiệm sau:\n- Rà soát;\n- Tổng hợp.\nThời hạn: năm 2025.");
  // A prose line ending with ':' holds the list below it, up to what follows the list.
  const std::string lead_in = "Các cơ quan thực hiện các nội dung sau:\n1. Rà soát.\n- Cụ thể;\n2. Tổng hợp.\nII. KHÁC\n";
  Structure lead_in_structure(lead_in);
  const Span list = lead_in_structure.BlockOf(0);
  EXPECT_EQ(lead_in.substr(list.begin, list.size()), "Các cơ quan thực hiện các nội dung sau:\n1. Rà soát.\n- Cụ thể;\n2. Tổng hợp.");
  // A dashed item holds the prose below it, not its sibling.
  const Span dash = structure.BlockOf(1);
  EXPECT_EQ(text.substr(dash.begin, dash.size()), "- Rà soát;");
  EXPECT_EQ(structure.MarkerRankOf(structure.paragraphs()[0]), Structure::kNumbered);
  EXPECT_EQ(structure.MarkerRankOf(structure.paragraphs()[1]), Structure::kDashed);
  EXPECT_EQ(structure.MarkerRankOf(structure.paragraphs()[3]), Structure::kNoMarker);
}

// Issue #16: a table copied column by column (cells on lines of their own,
// "|" after each, "|" twice after a row) is read as rows of cells; text
// after a lone "|" that runs on is prose, not a cell (dev 056's body after
// its header block).
TEST(StructureTest, ColumnByColumnTables) {
  const std::string text =
      "**STT**\n|\n**Nội dung**\n|\n**Cơ quan chủ trì**\n|\n|\n1\n|\nRà soát quy\nhoạch\n|\nSở Xây dựng\n|\n|\n";
  Structure structure(text);
  std::vector<std::string> rows;
  for (const Paragraph& p : structure.paragraphs()) {
    if (p.kind != Paragraph::kTableRow) continue;
    std::string row;
    for (Span c : structure.CellsOf(p)) row += (row.empty() ? "" : " | ") + structure.text().substr(c.begin, c.size());
    rows.push_back(row);
  }
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], "STT | Nội dung | Cơ quan chủ trì");
  EXPECT_EQ(rows[1], "1 | Rà soát quy hoạch | Sở Xây dựng");
  std::string prose = "**Kính gửi:**\n|\n- Các bộ;\n|\n";
  for (int i = 0; i < 8; ++i) prose += "Đoạn văn thứ " + std::to_string(i) + " của công văn.\n";
  prose += "|\n|\n";
  Structure body(prose);
  for (const Paragraph& p : body.paragraphs()) {
    const std::string line = body.text().substr(p.span.begin, p.span.size());
    EXPECT_FALSE(p.kind == Paragraph::kTableRow && line.find("Kính gửi") != std::string::npos) << line;
  }
}

// Returns the sentences of `text` as ICU's iterator reads it whole: what
// Structure::SentenceOf answered before it read only the lines that may
// break inside (issue #22).
std::vector<Span> IcuSentences(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale("vi"), status));
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  it->setText(ut, status);
  EXPECT_TRUE(U_SUCCESS(status));
  std::vector<Span> sentences;
  for (int32_t b = it->first(), e = it->next(); e != icu::BreakIterator::DONE; b = e, e = it->next()) {
    sentences.push_back({static_cast<size_t>(b), static_cast<size_t>(e)});
  }
  utext_close(ut);
  return sentences;
}

// Checks that SentenceOf answers ICU's sentence at every position of `text`.
void ExpectIcuSentences(const std::string& text) {
  Structure structure(text);
  const std::string& unwrapped = structure.text();
  for (const Span& s : IcuSentences(unwrapped)) {
    for (size_t pos = s.begin; pos < s.end; ++pos) {
      const Span got = structure.SentenceOf(pos);
      if (got.begin != s.begin || got.end != s.end) {
        ADD_FAILURE() << "at " << pos << ": got [" << got.begin << ", " << got.end << ") «"
                      << unwrapped.substr(got.begin, got.size()) << "», ICU [" << s.begin << ", " << s.end << ") «"
                      << unwrapped.substr(s.begin, s.size()) << "»";
        return;
      }
    }
  }
}

// Issue #22: sentences are ICU's, though Structure reads them by the rules
// itself, and passes over Latin letters by their lead bytes.
TEST(StructureTest, SentencesAreIcus) {
  for (UChar32 c = 0xC0; c < 0x1F00; c = c == 0x2FF ? 0x1E80 : c + 1) {
    const int k = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
    EXPECT_TRUE(k != U_SB_STERM && k != U_SB_ATERM && k != U_SB_SEP && k != U_SB_CR && k != U_SB_LF &&
                k != U_SB_EXTEND && k != U_SB_FORMAT) << std::hex << c;
  }
  // One line each: a line not ending with a stop is joined to the next.
  const std::string cases[] = {
      "",
      "Một câu không dấu chấm",
      "Hết.\n", "Hết!\n", "Hết?!\n", "Hết. \n", "Hết.)\n", "Hết.\" \n", "Hết.  ",  // one sentence each
      "Hết. )\n", "Hết.**\n", "Hết. a\n", "Hết. Câu khác.\n", "1. Mục tiêu",      // a break inside each
      "Đạt 1.000 ha. Diện tích 2,5 ha.\n", "TP. Hồ Chí Minh", "U.S.A. Xong", "TP.HCM. x", "v.v. các",
      "TP., x.", "a.1 b", "a. 1 b", "?.a", "a?b", "a.) b", "a. (b", "1.B", "x.:y", "x!5",
      "a\u0301.\u0301\n", "\u2028x. y\u2029\r\nz.\r\n", "không kết thúc.",
      "\xC3. Abc. Xyz", "A\xE1\xBB. B", "ờ\xE1\xBA", "x\xC3",  // bytes that are not UTF-8
      "Câu (trong ngoặc.) tiếp. “Trích dẫn.” Hết\n\n\nCuối",
      // A table copied column by column: one row of several lines.
      "**STT**\n|\n**Nội dung**\n|\n|\n1\n|\nRà soát. Xong\n|\n|\n",
  };
  for (const std::string& text : cases) {
    SCOPED_TRACE(text);
    ExpectIcuSentences(text);
  }
  for (const auto& [path, text] : testing_util::Utf8Corpus()) {
    SCOPED_TRACE(path);
    ExpectIcuSentences(text);
  }
  // The scorer's real documents too, where this checkout sits beside them.
  const std::filesystem::path dev = VBHC_SOURCE_DIR "/../shared/eval/dev/texts";
  if (std::filesystem::is_directory(dev)) {
    for (const auto& e : std::filesystem::directory_iterator(dev)) {
      SCOPED_TRACE(e.path().string());
      ExpectIcuSentences(testing_util::ReadFile(e.path().string()));
    }
  }
  // Random lines of the pieces sentence rules turn on.
  const std::vector<std::string> pieces = {"Sở", "xã", " ", ".", "!", "?", ")", "(", "\"", "“", "”", "'", ",",
                                           ";", ":", "-", "5", "1.000", "\n", "\u00a0", "**", "\u0301", "A", "v.v",
                                           "a", "B", "TP", ". ", "2"};
  std::mt19937 random(22);
  for (int doc = 0; doc < 2000; ++doc) {
    std::string text;
    for (int k = 0; k < 60; ++k) text += pieces[random() % pieces.size()];
    SCOPED_TRACE(text);
    ExpectIcuSentences(text);
  }
}

// Fuzz regression (extract-marker-only-line-empty-body): a line that is only
// a marker has an empty body, and a lead-in walk over it stays inside it.
TEST(StructureTest, MarkerOnlyLineHasEmptyBody) {
  const std::string text = "Mục tiêu:\n- \n1. \n- 5% hộ dân\n";
  Structure structure(text);
  for (const Paragraph& p : structure.paragraphs()) {
    EXPECT_LE(p.body.begin, p.body.end);
    EXPECT_LE(p.body.end, text.size());
  }
  EXPECT_FALSE(structure.LeadInOf(text.find("5%")).has_value());  // "1." ends the walk: no lead-in
}

// Dev 029, 112: "2. Sở" over "Khoa học và Công nghệ" is one title wrapped (a
// title is not one syllable); "2. Mục tiêu" over a sentence stays a title.
TEST(StructureTest, OneSyllableTitleGoesOn) {
  Structure wrapped("2. Sở\nKhoa học và Công nghệ\n\na) Bám sát các nhiệm vụ.\n");
  EXPECT_EQ(wrapped.text().substr(0, wrapped.text().find('\n')), "2. Sở Khoa học và Công nghệ");
  Structure title("2. Mục tiêu\nPhấn đấu đến năm 2030 đạt 100%.\n");
  EXPECT_EQ(title.text().substr(0, title.text().find('\n')), "2. Mục tiêu");
}

// Dev 108: "… vào ngày 19 tháng 12 năm\n2025." — a year wrapped onto its own
// line is no numbered item, so the line break is soft.
TEST(StructureTest, AYearIsNoListMarker) {
  EXPECT_FALSE(Structure::StartsListItem("2025. Các bộ"));
  EXPECT_TRUE(Structure::StartsListItem("12. Các bộ"));
  Structure structure("khởi công vào ngày 19 tháng 12 năm\n2025.\n");
  EXPECT_EQ(structure.text(), "khởi công vào ngày 19 tháng 12 năm 2025.\n");
}

// Dev 117: a line ending with '.', '!' or '?' goes on with its sentence
// when the next opens with a lower-case letter ("…”...\nđể hoàn thành …");
// not over a list item, a capital, or a ':' or ';' (items without markers).
TEST(StructureTest, LowerCaseLineGoesOnAfterAStop) {
  struct {
    const char* text;
    const char* expected;
  } cases[] = {
      {"làm ngày, làm đêm”...\nđể hoàn thành dự án.\n", "làm ngày, làm đêm”... để hoàn thành dự án.\n"},
      {"các tỉnh, thành phố, v.v.\nvà các bộ, ngành.\n", "các tỉnh, thành phố, v.v. và các bộ, ngành.\n"},
      {"Hoàn thành dự án.\nBáo cáo kết quả.\n", "Hoàn thành dự án.\nBáo cáo kết quả.\n"},
      {"Hoàn thành dự án.\na) rà soát hồ sơ.\n", "Hoàn thành dự án.\na) rà soát hồ sơ.\n"},
      {"Nhiệm vụ gồm:\nrà soát hồ sơ;\nbáo cáo kết quả.\n", "Nhiệm vụ gồm:\nrà soát hồ sơ;\nbáo cáo kết quả.\n"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(Structure(c.text).text(), c.expected);
  }
}

}  // namespace
}  // namespace vbhc
