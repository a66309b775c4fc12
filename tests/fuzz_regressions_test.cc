// Inputs that the fuzzers (tests/fuzz/) once crashed on, kept as regression
// tests: tests/fuzz/regressions/{rules,normalize,extract,pattern}-NAME.  They run in
// every build; under VBHC_SANITIZE the sanitizers watch them too.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/extractor.h"
#include "rules/pattern_syntax.h"

namespace vbhc {
namespace {

TEST(FuzzRegressionsTest, NoCrashAndValidSpans) {
  auto rules = RuleSet::LoadDirectory(VBHC_SOURCE_DIR "/rules");
  Extractor extractor(*rules);
  size_t count = 0;
  for (const auto& e : std::filesystem::directory_iterator(VBHC_SOURCE_DIR "/tests/fuzz/regressions")) {
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    const std::string input = s.str();
    const std::string name = e.path().filename().string();
    SCOPED_TRACE(name);
    ++count;
    if (name.rfind("rules-", 0) == 0) {
      auto loaded = RuleSet::LoadFiles({{name, input}});
      if (!loaded->ok()) EXPECT_FALSE(loaded->error().empty());
    } else if (name.rfind("pattern-", 0) == 0) {  // a pattern line, then a text
      const size_t newline = std::min(input.find('\n'), input.size());
      const std::string pattern = input.substr(0, newline);
      const std::string text = input.substr(std::min(newline + 1, input.size()));
      RE2::Options options;
      options.set_case_sensitive(false);
      options.set_log_errors(false);
      RE2 full(pattern, options), part(PrefilterPattern(pattern), options);
      if (full.ok()) {
        EXPECT_TRUE(part.ok()) << part.error();
        if (RE2::PartialMatch(text, full)) EXPECT_TRUE(RE2::PartialMatch(text, part));
      }
    } else {
      NormalizedText n = Normalize(input);
      Span all = n.map.ToSource({0, n.text.size()});
      EXPECT_LE(all.end, input.size());
      Json r = extractor.Extract(input, name);
      for (const Json& d : r["dates"]) EXPECT_LE(d["span"][1].get<size_t>(), input.size());
    }
  }
  EXPECT_GE(count, 1u);
}

// The toml++ bug the rules fuzzer found: reported as an error, never reached.
TEST(FuzzRegressionsTest, NonAsciiAfterAValueIsAnError) {
  auto loaded = RuleSet::LoadFiles({{"x.toml", "[[rule]]\nid = 'a'\npriority = 5à\n"}});
  EXPECT_FALSE(loaded->ok());
  EXPECT_NE(loaded->error().find("x.toml:3:13: "), std::string::npos) << loaded->error();
  // Inside strings and comments non-ASCII text is fine.
  auto fine = RuleSet::LoadFiles(
      {{"y.toml",
        "# Ghi chú tiếng Việt\n[pieces]\nA = 'đ`x' # ừ\nB = \"\\\"ế\"\nC = '''ờ'''\n"
        "[[rule]]\nid = 'r'\ndimension = 'd'\npattern = '{A}{B}{C}'\n"}});
  ASSERT_TRUE(fine->ok()) << fine->error();
  // The strings come back exactly: a backtick, an escape, Vietnamese letters.
  EXPECT_EQ(fine->rules()[0]->expanded, "(?:đ`x)(?:\"ế)(?:ờ)");
}

}  // namespace
}  // namespace vbhc
