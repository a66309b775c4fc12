#include "rules/values.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace vbhc {
namespace {

const RuleSet& Rules() { return testing_util::ShippedRules(); }

TEST(ValuesTest, IsoDateWithPrecision) {
  struct {
    std::optional<int> y, m, d, q;
    std::optional<std::string> expected;
    std::string warning;
  } cases[] = {
      {2021, 10, 14, {}, "2021-10-14", ""},
      {2021, 7, {}, {}, "2021-07", ""},
      {2023, {}, {}, 2, "2023-Q2", ""},
      {2025, {}, {}, {}, "2025", ""},
      {{}, 6, 30, {}, "--06-30", ""},
      {{}, {}, 20, {}, "---20", ""},
      {2021, 2, 31, {}, std::nullopt, "impossible date: 31/02/2021"},
      {2024, 2, 29, {}, "2024-02-29", ""},
      {2023, 2, 29, {}, std::nullopt, "impossible date: 29/02/2023"},
      {2021, 13, 1, {}, std::nullopt, "impossible date: month 13"},
      {2021, 4, 31, {}, std::nullopt, "impossible date: 31/04/2021"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.expected.value_or("nullopt"));
    std::string warning;
    EXPECT_EQ(IsoDate(c.y, c.m, c.d, c.q, &warning), c.expected);
    EXPECT_EQ(warning.substr(0, c.warning.size()), c.warning);
  }
}

// anchor = "month_end" takes a month to its last day; on any other value a
// rule file gives it (a quarter, a year) it changes nothing.
TEST(ValuesTest, MonthEndAnchorOnlyOnMonths) {
  auto rules = RuleSet::LoadFiles({{"m.toml",
                                    "[[rule]]\nid = 'm'\ndimension = 'deadline'\nset = { anchor = 'month_end' }\n"
                                    "pattern = '(?:tháng (?P<month>[0-9]{1,2})/|quý (?P<quarter>[1-4])/|năm )(?P<year>20[0-9]{2})'\n"}});
  ASSERT_TRUE(rules->ok()) << rules->error();
  struct {
    std::string text;
    std::string expected;  // the deadline's value, or "" for none
  } cases[] = {
      {"tháng 2/2024", "2024-02-29"}, {"tháng 2/2023", "2023-02-28"}, {"tháng 12/2025", "2025-12-31"},
      {"tháng 4/2025", "2025-04-30"}, {"quý 2/2023", "2023-Q2"},     {"năm 2025", "2025"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    NormalizedText n = Normalize(c.text);
    MatchInput input = MatchInput::For(n);
    std::vector<RuleMatch> matches = rules->Match(input);
    ASSERT_EQ(matches.size(), 1u);
    std::string warning;
    std::optional<Json> fields = BuildFields(matches[0], *rules, &warning);
    EXPECT_EQ(fields ? (*fields)["value"].get<std::string>() : std::string(), c.expected);
  }
}

TEST(ValuesTest, CanonicalNumber) {
  struct {
    std::string raw, expected;
  } cases[] = {
      {"2631 /QĐ- UBND", "2631/QĐ-UBND"},
      {"27/NQ- TW", "27/NQ-TW"},
      {"9151- CV/BTCTW", "9151-CV/BTCTW"},
      {"09/2022/TT-BNV", "09/2022/TT-BNV"},
      {"12/QD-UBND", "12/QĐ-UBND"},           // accentless, restored
      {"2638/LDTBXH-KHTC", "2638/LĐTBXH-KHTC"},
      {"24/KH-UBND", "24/KH-UBND"},
      {"126-KL/TW", "126-KL/TW"},
      {"118/TTg", "118/TTg"},
      {"12/HD-SNV", "12/HD-SNV"},  // hướng dẫn: HD is a code of its own, not HĐ
      {"5/DA-UBND", "5/DA-UBND"},  // dự án, not đề án
      // Issue #17: copies' forms kept as written (the gold cites them so).
      {"49/2025TT-BCT", "49/2025TT-BCT"},
      {"12.3/2025/NQ-CP", "12.3/2025/NQ-CP"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.raw);
    EXPECT_EQ(CanonicalNumber(c.raw, Rules()), c.expected);
  }
}

TEST(ValuesTest, VietnameseNumbers) {
  struct {
    std::string text;
    std::optional<double> expected;
  } cases[] = {
      {"85,5", 85.5}, {"100", 100}, {"1.200", 1200}, {"1.200,5", 1200.5}, {"", std::nullopt},
      {"12a", std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ParseVietnameseNumber(c.text), c.expected);
  }
}

TEST(ValuesTest, SmallNumbersInDigitsRomanAndWords) {
  struct {
    std::string text;
    std::optional<int> expected;
  } cases[] = {
      {"7", 7}, {"07", 7}, {"VII", 7}, {"iv", 4}, {"Tám", 8}, {"tam", 8}, {"Giêng", 1},
      {"Chạp", 12}, {"Mười hai", 12}, {"Jan", 1}, {"mười", 10}, {"xyz", std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ParseSmallNumber(c.text, Rules()), c.expected);
  }
}

// Issue #17: names compared with their abbreviations expanded, whole words
// only.
TEST(ValuesTest, ExpandAbbreviations) {
  struct {
    std::string folded, expected;
  } cases[] = {
      {"ubnd tinh quang tri", "uy ban nhan dan tinh quang tri"},
      {"so kh&cn tp ha noi", "so khoa hoc va cong nghe thanh pho ha noi"},
      {"uy ban mttq tinh", "uy ban mat tran to quoc tinh"},
      {"ubndx tinh", "ubndx tinh"},  // not a whole word
      {"", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.folded);
    EXPECT_EQ(ExpandAbbreviations(c.folded, Rules()), c.expected);
  }
}

// Issue #19: the dates a person types for --from/--to, of any precision.
TEST(ValuesTest, UserDateBounds) {
  struct {
    std::string text, first, last;  // "" when no date
  } cases[] = {
      {"2025", "2025-01-01", "2025-12-31"},    {"2025-11", "2025-11-01", "2025-11-30"},
      {"01/11/2025", "2025-11-01", "2025-11-01"}, {"1-11-2025", "2025-11-01", "2025-11-01"},
      {"14.10.2021", "2021-10-14", "2021-10-14"}, {"11/2025", "2025-11-01", "2025-11-30"},
      {"Q4/2025", "2025-10-01", "2025-12-31"},  {"2025-13-45", "", ""},
      {"31/02/2025", "", ""},                    {"11/25", "", ""},
      {"hôm qua", "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const auto bounds = UserDateBounds(c.text);
    EXPECT_EQ(bounds.has_value(), !c.first.empty());
    if (bounds) {
      EXPECT_EQ(bounds->first, c.first);
      EXPECT_EQ(bounds->second, c.last);
    }
  }
}

// Issue #16: task deadlines of any precision compared by their bounds
// (vbhc search --due-before / --due-after).
TEST(ValuesTest, IsoBounds) {
  struct {
    std::string iso;
    std::string first, last;  // "" when the value has no bounds
  } cases[] = {
      {"2025", "2025-01-01", "2025-12-31"},       {"2025-Q2", "2025-04-01", "2025-06-30"},
      {"2025-Q4", "2025-10-01", "2025-12-31"},    {"2024-02", "2024-02-01", "2024-02-29"},
      {"2025-02", "2025-02-01", "2025-02-28"},    {"2025-06-30", "2025-06-30", "2025-06-30"},
      {"--06-30", "", ""},                        {"---20", "", ""},
      {"2025-13", "", ""},                        {"2025-02-30", "", ""},
      {"2025-Q5", "", ""},                        {"20x5", "", ""},
      {"2025-06-30x", "", ""},                    {"", "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.iso);
    const auto bounds = IsoBounds(c.iso);
    EXPECT_EQ(bounds.has_value(), !c.first.empty());
    if (bounds) {
      EXPECT_EQ(bounds->first, c.first);
      EXPECT_EQ(bounds->second, c.last);
    }
  }
}

}  // namespace
}  // namespace vbhc
