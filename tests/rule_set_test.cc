#include "rules/rule_set.h"

#include <gtest/gtest.h>

#include "rules/rule_check.h"
#include "text/toml_text.h"
#include "test_util.h"

#include <filesystem>
#include <fstream>
#include <latch>
#include <sstream>
#include <thread>
#include <tuple>

namespace vbhc {
namespace {

std::unique_ptr<RuleSet> Load(const std::string& content) {
  return RuleSet::LoadFiles({{"test.toml", content}});
}

// Every way a rule file can be wrong gives file:line:col, the rule id and a
// reason, and the set is not ok() (never half-loaded).
// The rule files reach toml++ as ASCII, each other character written
// "`HEX`" and decoded back (text/toml_text.h); issue #22 wrote both ways by
// hand instead of snprintf and std::stoul.
TEST(TomlTextTest, StringsAndKeysComeBackAsWritten) {
  const struct {
    std::string value;  // a TOML basic string's content
  } kCases[] = {
      {"Quyết định"}, {"`"}, {"a`b`c"}, {"`41`"}, {"đ𝄞x"}, {""}, {"ASCII only"}, {"\u1EA1"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.value);
    std::string error;
    const auto table = ParseTomlText("t.toml", "\"khóa `k`\" = \"" + c.value + "\"\n", &error);
    ASSERT_TRUE(table) << error;
    ASSERT_EQ(table->size(), 1u);
    EXPECT_EQ(TomlKey(table->begin()->first), "khóa `k`");
    const std::string expected = c.value == "\\u1EA1" ? "ạ" : c.value;
    EXPECT_EQ(table->begin()->second.value<std::string>().value_or("?"), expected);
  }
  std::string error;
  EXPECT_FALSE(ParseTomlText("t.toml", "a = \"Việt\" x\n", &error));
  EXPECT_EQ(error.substr(0, 13), "t.toml:1:12: ") << error;  // the column of 'x' as written
}

TEST(RuleSetTest, LoadErrorsArePrecise) {
  struct {
    std::string content;
    std::string expected;
  } cases[] = {
      {"[[rule]\nid = 'x'", "test.toml:1:"},
      {"[[rule]]\nid = 'a'\ndimension = 'date'\npattern = '(?P<x>'\n",
       "test.toml:1:1: a: bad pattern: missing ): (?P<x> at '(?P<x>'"},
      {"[[rule]]\nid = 'a'\ndimension = 'date'\npattern = '{NOPE}'\n",
       "test.toml:1:1: a: undefined piece {NOPE}"},
      {"[pieces]\nA = '{B}'\nB = '{A}'\n[[rule]]\nid = 'a'\ndimension = 'd'\npattern = '{A}'\n",
       "a: pieces nested deeper than 16 (a cycle?)"},
      {"[[rule]]\nid = 'a'\ndimension = 'd'\npattern = 'x'\ncolour = 'red'\n",
       "test.toml:5:10: a: unknown key 'colour'"},
      {"[[rule]]\nid = 'a'\ndimension = 'd'\npattern = 'x'\n[[rule]]\nid = 'a'\ndimension = 'd'\npattern = 'y'\n",
       "test.toml:5:1: a: duplicate rule id"},
      {"[[rule]]\nid = 'a'\ndimension = 'd'\npattern = 5\n", "test.toml:4:11: a: pattern must be a string"},
      {"[[rule]]\nid = 'a'\ndimension = 'd'\npattern = 'x'\npriority = 'high'\n",
       "a: priority must be an integer"},
      {"[[rule]]\nid = 'a'\npattern = 'x'\n", "a: a rule needs dimension and pattern"},
      {"colour = 1\n", "test.toml:1:10: unknown top-level key 'colour'"},
      {"[vocab.x]\nentries = [ 5 ]\n", "vocab.x: entry without text"},
      // Hostile patterns: RE2's limits become errors, never a crash or a hang.
      {"[[rule]]\nid = 'a'\ndimension = 'd'\npattern = 'x{1000}{1000}'\n", "a: bad pattern: bad repetition operator"},
      {"[[rule]]\nid = 'a'\ndimension = 'd'\npattern = '(?:[a-zđ]{900}){900}'\n", "a: bad pattern: "},
      {"[pieces]\nW = '(?:aaaaaaaaaa|bbbbbbbbbb|cccccccccc|dddddddddd)'\nX = '{W}{W}{W}{W}{W}{W}{W}{W}'\n"
       "Y = '{X}|{X}|{X}|{X}|{X}|{X}|{X}|{X}'\nZ = '{Y}|{Y}|{Y}|{Y}|{Y}|{Y}|{Y}|{Y}'\n"
       "[[rule]]\nid = 'a'\ndimension = 'd'\npattern = '{Z}|{Z}|{Z}|{Z}|{Z}|{Z}|{Z}|{Z}'\n",
       "a: pattern grows over 65536 bytes while expanding"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.content);
    auto rules = Load(c.content);
    EXPECT_FALSE(rules->ok());
    EXPECT_NE(rules->error().find(c.expected), std::string::npos) << rules->error();
    EXPECT_TRUE(rules->Match(MatchInput::ForView(Normalize("x y"), false)).empty());
  }
}

TEST(RuleSetTest, WarnsOnAsciiOnlyWordBoundary) {
  auto rules = Load("[[rule]]\nid = 'a'\ndimension = 'd'\npattern = '\\bsố'\n");
  ASSERT_TRUE(rules->ok()) << rules->error();
  ASSERT_EQ(rules->warnings().size(), 1u);
  EXPECT_NE(rules->warnings()[0].find("ASCII-only"), std::string::npos);
}

TEST(RuleSetTest, VietnameseWordBoundaries) {
  auto rules = Load("[[rule]]\nid = 'so'\ndimension = 'd'\npattern = 'số (?P<n>[0-9]+)'\n");
  ASSERT_TRUE(rules->ok()) << rules->error();
  struct {
    std::string text;
    size_t matches;
  } cases[] = {{"hồsố 12", 0}, {"số 12", 1}, {"(số 12)", 1}, {"số 123a", 0}, {"Số 7, số 8", 2}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    NormalizedText n = Normalize(c.text);
    EXPECT_EQ(rules->Match(MatchInput::ForView(n, false)).size(), c.matches);
  }
}

TEST(RuleSetTest, AccentlessTextMatchesAccentedRule) {
  auto rules = Load("[[rule]]\nid = 'qd'\ndimension = 'd'\npattern = 'quyết định số (?P<n>[0-9]+)'\n");
  ASSERT_TRUE(rules->ok());
  NormalizedText n = Normalize("Theo Quyet dinh so 12 cua UBND tinh ve viec nay va cac van ban khac");
  MatchInput in = MatchInput::For(n);
  ASSERT_NE(in.folded, nullptr);  // detected as accentless
  auto found = rules->Match(in);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].groups.at("n").text, "12");
  EXPECT_EQ(n.text.substr(found[0].span.begin, found[0].span.size()), "Quyet dinh so 12");
}

TEST(RuleSetTest, OverlapsLongestThenPriorityThenOrder) {
  auto rules = Load(
      "[[rule]]\nid = 'short'\ndimension = 'd'\npattern = 'ab'\npriority = 5\n"
      "[[rule]]\nid = 'long'\ndimension = 'd'\npattern = 'ab cd'\n"
      "[[rule]]\nid = 'low'\ndimension = 'e'\npattern = 'cd'\n"
      "[[rule]]\nid = 'high'\ndimension = 'e'\npattern = 'c.'\npriority = 1\n"
      "[[rule]]\nid = 'first'\ndimension = 'f'\npattern = 'ab'\n"
      "[[rule]]\nid = 'second'\ndimension = 'f'\npattern = 'a.'\n");
  ASSERT_TRUE(rules->ok()) << rules->error();
  NormalizedText n = Normalize("ab cd");
  std::vector<std::string> ids;
  for (const RuleMatch& m : rules->Match(MatchInput::ForView(n, false))) ids.push_back(m.rule->id);
  EXPECT_EQ(ids, (std::vector<std::string>{"long", "first", "high"}));
}

// Issue #17 ('tháng 10, tháng 11 năm 2025 gives one date'): a rule with an
// `item` group yields the item alone, its context read but not taken, and
// the search goes on after the item, so each member of a list is found.
TEST(RuleSetTest, ItemGroupIsTheMatchAndTheSearchGoesOnAfterIt) {
  auto rules = Load(
      "[[rule]]\nid = 'member'\ndimension = 'd'\n"
      "pattern = '''(?P<item>m(?P<n>[0-9]))(?:, m[0-9])* y(?P<year>[0-9]{4})'''\n");
  ASSERT_TRUE(rules->ok()) << rules->error();
  struct {
    std::string text;
    std::vector<std::string> items;  // text and year of each match
  } cases[] = {
      {"m1, m2, m3 y2025", {"m1 2025", "m2 2025", "m3 2025"}},
      {"m1 y2025; m4, m5 y2026", {"m1 2025", "m4 2026", "m5 2026"}},
      {"m1, m2", {}},  // no context, no item
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    NormalizedText n = Normalize(c.text);
    std::vector<std::string> items;
    for (const RuleMatch& m : rules->Match(MatchInput::ForView(n, false))) {
      EXPECT_EQ(n.text.substr(m.span.begin, m.span.size()), m.groups.find("item")->second.text);
      items.push_back(m.groups.find("item")->second.text + " " + m.groups.find("year")->second.text);
    }
    EXPECT_EQ(items, c.items);
  }
}

TEST(RuleSetTest, YieldsToOtherDimensions) {
  auto rules = Load(
      "[dimensions.deadline]\nyields_to = ['period']\n"
      "[[rule]]\nid = 'p'\ndimension = 'period'\npattern = 'định hướng đến năm 2030'\n"
      "[[rule]]\nid = 'd'\ndimension = 'deadline'\npattern = 'đến năm [0-9]{4}'\n");
  ASSERT_TRUE(rules->ok()) << rules->error();
  NormalizedText n = Normalize("định hướng đến năm 2030; đến năm 2025");
  std::vector<std::string> ids;
  for (const RuleMatch& m : rules->Match(MatchInput::ForView(n, false))) ids.push_back(m.rule->id);
  EXPECT_EQ(ids, (std::vector<std::string>{"p", "d"}));
}

TEST(RuleSetTest, CheckReportsFailingExamplesAndTies) {
  auto rules = Load(
      "[[rule]]\nid = 'date.a'\ndimension = 'date'\n"
      "pattern = '(?P<day>[0-9]{1,2})/(?P<month>[0-9]{1,2})/(?P<year>[0-9]{4})'\n"
      "examples = [ { text = '14/10/2021', value = '2021-10-15' } ]\n"
      "counter_examples = [ '1/2/2020' ]\n"
      "[[rule]]\nid = 'date.b'\ndimension = 'date'\n"
      "pattern = '(?P<day>[0-9]{2})/(?P<month>[0-9]{2})/(?P<year>[0-9]{4})'\n"
      "examples = [ '14/10/2021' ]\ncounter_examples = [ 'x' ]\n"
      "[[rule]]\nid = 'lonely'\ndimension = 'x'\npattern = 'zzz'\n");
  ASSERT_TRUE(rules->ok()) << rules->error();
  RuleCheckReport report = CheckRules(*rules, {"nothing here"});
  std::string all;
  for (const auto& r : report.results) {
    if (!r.passed) all += r.message + "\n";
  }
  EXPECT_NE(all.find("test.toml:5:14: date.a: example '14/10/2021' gives {\"value\":\"2021-10-14\"}"),
            std::string::npos) << all;
  EXPECT_NE(all.find("date.a: counter-example '1/2/2020'"), std::string::npos) << all;
  EXPECT_NE(all.find("date.b: ambiguous: '14/10/2021' is matched as a whole by date.a"),
            std::string::npos) << all;
  EXPECT_NE(all.find("lonely: a rule needs at least one example and one counter-example"),
            std::string::npos) << all;
  EXPECT_NE(all.find("lonely: never fires on the corpus"), std::string::npos) << all;
}

}  // namespace
}  // namespace vbhc

namespace vbhc {
namespace {

// The accentless view is chosen when under 2% of the letters carry a mark.
// Letters are counted by their bytes (issue #6): × and ÷ share the lead byte
// of à and ý but are no letters, and quotes and dashes are none either.
TEST(RuleSetTest, AccentlessViewChosenByShareOfMarkedLetters) {
  const std::string plain(98, 'a');  // 98 letters, none marked
  struct {
    std::string text;
    bool folded;
  } cases[] = {
      {plain + " \xC3\xA0", true},                   // 1 in 99
      {plain + " \xC3\xA0\xC3\xA0", false},          // 2 in 100: 2%, not under
      {plain + " \xE1\xBA\xA1\xC4\x91", false},     // ạ đ
      {plain + " \xC3\x97 \xC3\xB7 \xC3\x97", true},  // × ÷ ×: no letters
      {plain + " \xE2\x80\x9C\xE2\x80\x9D \xE2\x80\x93 \xC2\xB0", true},  // “” – °
      {plain + " \xC3\xA0 \xD0\x96", false},        // à and Cyrillic Ж: 2 in 100
      {std::string(10, 'a'), false},                   // under 20 letters: never
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    NormalizedText n = Normalize(c.text);
    EXPECT_EQ(MatchInput::For(n).folded != nullptr, c.folded);
  }
}

// The accentless view is compiled on the first accentless document, not at
// load (issue #6: it doubled every command's start-up).  A pattern whose
// accented form compiles but whose folded form does not ([ý-Ỳ] folds to the
// reversed range [y-Y]) loads; its error is reported by AccentlessErrors and
// by Match on accentless text, and the other rules still match there.
TEST(RuleSetTest, AccentlessViewCompiledOnFirstUseReportsItsErrors) {
  auto rules = RuleSet::LoadFiles({{"t.toml", R"(
[[rule]]
id = "t.odd_range"
dimension = "t"
pattern = '''k[ý-Ỳ]'''

[[rule]]
id = "t.year"
dimension = "u"
pattern = '''năm (?P<year>\d{4})'''
)"}});
  ASSERT_TRUE(rules->ok()) << rules->error();
  NormalizedText accented = Normalize("kỳ họp năm 2024");
  std::vector<std::string> ids;
  for (const RuleMatch& m : rules->Match(MatchInput::ForView(accented, false))) ids.push_back(m.rule->id);
  EXPECT_EQ(ids, (std::vector<std::string>{"t.odd_range", "t.year"}));

  NormalizedText plain = Normalize("ky hop nam 2024");
  std::string error;
  ids.clear();
  for (const RuleMatch& m : rules->Match(MatchInput::ForView(plain, true), &error)) ids.push_back(m.rule->id);
  EXPECT_EQ(ids, std::vector<std::string>{"t.year"});
  EXPECT_NE(error.find("t.toml:"), std::string::npos) << error;
  EXPECT_NE(error.find("t.odd_range: accentless form of the pattern does not compile"), std::string::npos)
      << error;
  EXPECT_EQ(rules->AccentlessErrors().size(), 2u);  // the rule, and the set it could not join

  // Threads of other shards compile their own accentless view: same matches,
  // same error.
  std::vector<std::string> errors(2 * RuleSet::kThreadsPerShard);
  std::vector<size_t> counts(errors.size());
  std::latch all_started(static_cast<std::ptrdiff_t>(errors.size()));  // alive together: distinct shards
  std::vector<std::thread> threads;
  for (size_t t = 0; t < errors.size(); ++t) {
    threads.emplace_back([&, t] {
      rules->Match(MatchInput::ForView(accented, false));
      all_started.arrive_and_wait();
      counts[t] = rules->Match(MatchInput::ForView(plain, true), &errors[t]).size();
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_GE(rules->ShardCount(), 2u);
  for (size_t t = 0; t < errors.size(); ++t) {
    EXPECT_EQ(counts[t], 1u);
    EXPECT_NE(errors[t].find("t.odd_range: accentless form of the pattern does not compile"), std::string::npos)
        << errors[t];
  }
}

// The per-paragraph prefilter finds exactly what one pass over the whole text
// finds, on every corpus document (the optimized path equals the simple one).
TEST(RuleSetTest, PerParagraphPrefilterEqualsWholeText) {
  auto rules = RuleSet::LoadDirectory(VBHC_SOURCE_DIR "/rules");
  ASSERT_TRUE(rules->ok());
  size_t documents = 0;
  for (const auto& [path, content] : testing_util::Utf8Corpus()) {
    NormalizedText n = Normalize(content, {ToneStyle::kOfficial, true});
    MatchInput input = MatchInput::For(n);
    auto fast = rules->Match(input, nullptr, {}, RuleSet::Prefilter::kPerParagraph);
    auto slow = rules->Match(input, nullptr, {}, RuleSet::Prefilter::kWholeText);
    SCOPED_TRACE(path);
    ASSERT_EQ(fast.size(), slow.size());
    for (size_t i = 0; i < fast.size(); ++i) {
      EXPECT_EQ(fast[i].rule, slow[i].rule);
      EXPECT_EQ(fast[i].span, slow[i].span);
    }
    ++documents;
  }
  EXPECT_GE(documents, 7u);
}

// Groups of threads match through their own compiled copies of the rules
// (issue #6: no lock shared by every thread on the hot path); every thread
// finds exactly what one thread finds, in both views, on every corpus
// document. (That numbers are given back: thread_ordinal_test.)
TEST(RuleSetTest, ThreadsMatchThroughOwnCopiesAlike) {
  auto rules = RuleSet::LoadDirectory(VBHC_SOURCE_DIR "/rules");
  ASSERT_TRUE(rules->ok());
  std::vector<NormalizedText> texts;
  for (const auto& [path, content] : testing_util::Utf8Corpus()) {
    texts.push_back(Normalize(content, {ToneStyle::kOfficial, true}));
  }
  ASSERT_GE(texts.size(), 7u);
  // (rule id, begin, end) of every match, accented view then accentless.
  auto matches_of = [&] {
    std::vector<std::tuple<std::string, size_t, size_t>> out;
    for (const NormalizedText& n : texts) {
      for (bool folded : {false, true}) {
        for (const RuleMatch& m : rules->Match(MatchInput::ForView(n, folded))) {
          out.emplace_back(m.rule->id, m.span.begin, m.span.end);
        }
      }
    }
    return out;
  };
  const auto expected = matches_of();
  ASSERT_GT(expected.size(), 100u);
  // Each thread matches once, then waits for all: they live at the same time
  // and so hold distinct numbers, whatever the scheduler does.
  const size_t n = 3 * RuleSet::kThreadsPerShard;
  std::vector<std::vector<std::tuple<std::string, size_t, size_t>>> found(n);
  {
    std::latch all_started(static_cast<std::ptrdiff_t>(n));
    std::vector<std::thread> threads;
    for (size_t t = 0; t < n; ++t) {
      threads.emplace_back([&, t] {
        rules->Match(MatchInput::ForView(texts[0], false));
        all_started.arrive_and_wait();
        found[t] = matches_of();
      });
    }
    for (std::thread& t : threads) t.join();
  }
  EXPECT_GE(rules->ShardCount(), 2u);  // copies were made and used
  EXPECT_LE(rules->ShardCount(), RuleSet::ShardLimit());
  for (size_t t = 0; t < found.size(); ++t) {
    SCOPED_TRACE("thread " + std::to_string(t));
    EXPECT_EQ(found[t], expected);
  }
}

}  // namespace
}  // namespace vbhc
