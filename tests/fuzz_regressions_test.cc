// Inputs that the fuzzers (tests/fuzz/) once crashed on, kept as regression
// tests: tests/fuzz/regressions/{rules,normalize,extract}-NAME.  They run in
// every build; under VBHC_SANITIZE the sanitizers watch them too.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "extractor.h"

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
