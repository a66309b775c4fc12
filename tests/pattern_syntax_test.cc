#include "rules/pattern_syntax.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include "rules/rule_set.h"
#include "test_util.h"
#include "text/normalizer.h"

namespace vbhc {
namespace {

TEST(PatternSyntaxTest, TokensAndAtoms) {
  const struct {
    std::string pattern;
    size_t token;  // TokenLength at 0
    size_t atom;   // AtomLength at 0
  } kCases[] = {
      {"\\p{Lu}x", 6, 6},
      {"\\pL+", 3, 3},
      {"\\x{1EA0}", 8, 8},
      {"\\.x", 2, 2},
      {"\\đ", 3, 3},                 // an escaped two-byte letter
      {"[^\\]a-z]+", 8, 8},          // an escaped ']' inside
      {"[]a]b", 4, 4},               // a leading ']' is a member
      {"[[:digit:]]x", 11, 11},
      {"(?:a|(b))+c", 1, 9},         // '(' alone is a token; the group is the atom
      {"(?P<x>[)])y", 1, 10},        // ')' in a class does not close the group
      {"ệa", 3, 3},
      {"[abc", 0, 0},                // cut off
      {"\\p{Lu", 0, 0},
      {"(a(b)", 1, 0},
      {"\\", 0, 0},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.pattern);
    EXPECT_EQ(TokenLength(c.pattern, 0), c.token);
    EXPECT_EQ(AtomLength(c.pattern, 0), c.atom);
  }
}

TEST(PatternSyntaxTest, Quantifiers) {
  const struct {
    std::string text;
    size_t length;
    bool optional;
  } kCases[] = {
      {"*", 1, true},      {"+", 1, false},      {"?", 1, true},      {"+?", 2, false},
      {"{2}", 3, false},   {"{0,5}", 5, true},   {"{0}", 3, true},    {"{10,}", 5, false},
      {"{1,3}?", 6, false}, {"{,3}", 0, false},  {"{a}", 0, false},   {"x", 0, false},
      {"", 0, false},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.text);
    bool optional = !c.optional;
    EXPECT_EQ(QuantifierLength(c.text, 0, &optional), c.length);
    EXPECT_EQ(optional, c.optional);
  }
}

TEST(PatternSyntaxTest, PrefilterPatternCutsOnlyAWideLeadAndLoosens) {
  const struct {
    std::string pattern;
    std::string expected;
  } kCases[] = {
      // header.place_date: the place name would make the set follow every letter.
      {"(?P<place>\\p{Lu}\\pL*(?:[ \\n]\\pL+){0,5}),(?:[ \\n]+)ngày", ",(?:[ \\n]+)ngày"},
      {"[\\pL\\pN_.-]+\\.(?:pdf|docx?)", "\\.(?:pdf|docx?)"},
      {"[^,]+,x", ",x"},
      {"\\pL+ ?x", "x"},                                  // an optional literal is not required
      {"\\pL+đ", "đ"},                                    // a letter is a literal
      // Issue #22: a class of dozens of letters ({VI_LETTER}) is as wide.
      {"(?P<place>[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹ]+(?:[ \\n][a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹ]+){0,5}), ngày", ", ngày"},
      {"[a-zđ]+, ngày", "[a-zđ]+, ngày"},                 // a few letters: kept
      // No wide lead: unchanged, so the set keeps its keywords.
      {"(?P<day>\\d+)/(?P<month>\\d+)", "(?P<day>\\d+)/(?P<month>\\d+)"},
      {"(?:đến|tới) năm", "(?:đến|tới) năm"},
      {"ngày \\pL+", "ngày \\pL+"},
      // Cutting would change the meaning: unchanged.
      {"\\pL+,|x", "\\pL+,|x"},                           // top-level alternation
      {"(?i)\\pL+,x", "(?i)\\pL+,x"},                     // flags for what follows
      {"\\pL+\\d+", "\\pL+\\d+"},                         // no literal at all
      {"(\\pL+,x", "(\\pL+,x"},                           // cut off
      {"\\pL+\\Qa)b\\E", "\\pL+\\Qa)b\\E"},                 // quoted: not walked
      // Issue #22: a wide counted repeat and the rule loader's widened space
      // are loosened (each to a superset), small counts kept.
      {"hoàn thành[^.;:()]{0,90}? vào năm", "hoàn thành[^.;:()]* vào năm"},
      {"x(?:[^ .]+ ){1,}y", "x(?:[^ .]+ )*y"},
      {"năm [0-9]{4}", "năm [0-9]{4}"},                       // small: kept
      {"x(?:[^ .;:\\n]+ ){0,3}?đã", "x(?:[^ .;:\\n]+ ){0,3}?đã"},
      {"tháng(?:[ ]*\\n[ ]*|[ ]+)?(?P<m>[0-9])", "tháng(?:[ \\n]+)?(?P<m>[0-9])"},  // still optional
      {"a\\{0,90}", "a\\{0,90}"},                         // an escaped brace is a literal
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.pattern);
    EXPECT_EQ(PrefilterPattern(c.pattern), c.expected);
  }
}

// Whatever a shipped rule matches in a paragraph of the corpus, its
// prefilter pattern matches there too (the prefilter never drops a chunk),
// accented and accentless.
TEST(PatternSyntaxTest, PrefilterPatternMatchesWhereverTheRuleDoes) {
  const RuleSet* rules = &testing_util::ShippedRules();
  ASSERT_TRUE(rules->ok()) << rules->error();
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  std::vector<std::string> paragraphs;
  for (const auto& [path, content] : testing_util::Utf8Corpus()) {
    NormalizedText n = Normalize(content, {ToneStyle::kOfficial, true});
    for (const std::string& text : {n.text, Fold(n, /*keep_case=*/true).text}) {
      for (size_t start = 0; start < text.size();) {
        size_t end = text.find("\n\n", start);
        if (end == std::string::npos) end = text.size();
        paragraphs.push_back(text.substr(start, end - start));
        start = end + 2;
      }
    }
  }
  size_t cut = 0, matched = 0;
  for (const auto& rule : rules->rules()) {
    for (const std::string* pattern : {&rule->expanded, &rule->folded_pattern}) {
      const std::string prefilter = PrefilterPattern(*pattern);
      if (prefilter == *pattern) continue;
      ++cut;
      RE2 full(*pattern, options), part(prefilter, options);
      ASSERT_TRUE(full.ok() && part.ok()) << rule->id;
      for (const std::string& p : paragraphs) {
        if (!RE2::PartialMatch(p, full)) continue;
        ++matched;
        EXPECT_TRUE(RE2::PartialMatch(p, part)) << rule->id << " in: " << p.substr(0, 200);
      }
    }
  }
  EXPECT_GE(cut, 4u);        // header.place_date and mask.file_name, both views, at least
  EXPECT_GE(matched, 10u);  // and they do match in the corpus
}

}  // namespace
}  // namespace vbhc
