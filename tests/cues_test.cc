// Table tests of the cue search helpers (extract/cues.h): bounded byte
// searches and whole-word cue lookups, which issue #22 rewrote for speed.
#include "extract/cues.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>

#include "test_util.h"

namespace vbhc {
namespace {

TEST(CuesTest, FindFirstOfAndLastOfStayInBounds) {
  const struct {
    std::string text, set;
    size_t from, limit, first, last;
  } kCases[] = {
      {"a;b;c", ";", 0, 5, 1, 3},
      {"a;b;c", ";", 2, 5, 3, 3},
      {"a;b;c", ";", 0, 1, 1, std::string::npos},   // none before the limit
      {"a;b;c", ";", 4, 2, 2, std::string::npos},   // from past limit
      {"a;b;c", ";", 0, 99, 1, 3},                  // limit past the text
      {"x. y: z", ".;:", 0, 7, 1, 4},               // a set of several bytes
      {"ngày. ờ", "\xBB", 0, 10, 8, 8},             // a byte past 0x7F: "ờ" is E1 BB 9D
      {"", ";", 0, 0, 0, std::string::npos},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.text + " / " + c.set);
    EXPECT_EQ(FindFirstOf(c.text, c.set, c.from, c.limit), c.first);
    EXPECT_EQ(FindLastOf(c.text, c.set, c.from, c.limit), c.last);
  }
}

// Find returns the first cue of the list (longest first) found as whole
// words anywhere in the key, whatever their order in the key.
TEST(CuesTest, FindReturnsTheListsFirstCueAsWholeWords) {
  auto rules = RuleSet::LoadFiles({{"test.toml", R"(
[vocab.test_cues]
entries = ["giao", "chủ trì", "chủ trì phối hợp", "x"]
)"}});
  ASSERT_TRUE(rules->ok()) << rules->error();
  const Cues cues(*rules, "test_cues", false);
  const struct {
    std::string key;
    std::string expected;  // "" for none
  } kCases[] = {
      {"sở tư pháp chủ trì phối hợp", "chủ trì phối hợp"},  // the longer cue first
      {"giao sở chủ trì", "chủ trì"},                        // list order, not text order
      {"chủ trìx", ""},                                      // not a whole word
      {"xgiao", ""},
      {"a x b", "x"},                                        // a cue of one byte
      {"x", "x"},
      {"giao", "giao"},                                      // word edges at the key's ends
      {"", ""},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.key);
    const VocabEntry* found = cues.Find(c.key);
    EXPECT_EQ(found == nullptr ? "" : found->text, c.expected);
  }
}

// CueIndex::AnyIn answers what Find on the span's key answers, for spans
// of every corpus document (the shipped not-a-task cues) cut at random,
// at word edges and inside words, and for a text typed without diacritics
// (keys not slices: AnyIn asks Find).
TEST(CuesTest, IndexAnswersAsFindOnEachSpan) {
  auto rules = RuleSet::LoadEmbedded();
  ASSERT_TRUE(rules->ok());
  std::mt19937 random(22);
  auto docs = testing_util::Utf8Corpus();
  docs.emplace_back("accentless", "Noi nhan: nhu tren. Thi hanh quyet dinh nay ke tu ngay ky.");
  docs.emplace_back("edges", "xthi hành quyết định nàyx; thi hành quyết định này");
  for (const auto& [path, text] : docs) {
    SCOPED_TRACE(path);
    for (bool accentless : {false, true}) {
      const KeyedText keyed(text, accentless);
      const Cues cues(*rules, "task_not_tasks", accentless);
      const CueIndex index(cues, keyed);
      if (text.size() < 200) {  // every span
        for (size_t a = 0; a <= text.size(); ++a) {
          for (size_t b = a; b <= text.size(); ++b) {
            ASSERT_EQ(index.AnyIn({a, b}), cues.Find(keyed.Key({a, b})) != nullptr) << a << ".." << b;
          }
        }
        continue;
      }
      for (int k = 0; k < 2000; ++k) {
        size_t a = random() % (text.size() + 1), b = random() % (text.size() + 1);
        if (a > b) std::swap(a, b);
        if (b - a > 600) b = a + random() % 600;
        SCOPED_TRACE(std::to_string(a) + ".." + std::to_string(b));
        ASSERT_EQ(index.AnyIn({a, b}), cues.Find(keyed.Key({a, b})) != nullptr);
      }
    }
  }
}

}  // namespace
}  // namespace vbhc
