#include "output/record_json.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/extractor.h"
#include "test_util.h"

namespace vbhc {
namespace {

// What nlohmann::json itself writes: the writer's output must not differ
// from it by a byte (issue #6 made the writer skip the library's serializer
// for plain strings and integers).
std::string LibraryLine(const Json& v) {
  return v.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

TEST(RecordJsonTest, WritesWhatTheLibraryWrites) {
  const Json cases[] = {
      "",
      "Quyết định số 2631/QĐ-UBND",
      "quote \" and backslash \\ inside",
      "line\nbreak, tab\t, CR\r, bell\x07, unit sep\x1F and DEL\x7F",
      "invalid \xFF byte",
      "truncated \xE1\xBA",
      "overlong \xC0\xAF slash",
      "surrogate \xED\xA0\x80 in UTF-8",
      "above U+10FFFF \xF4\x90\x80\x80",
      "emoji \xF0\x9F\x98\x80 and NBSP \xC2\xA0",
      0,
      -17,
      static_cast<uint64_t>(18446744073709551615ULL),
      static_cast<int64_t>(-9223372036854775807LL - 1),
      92.5,
      0.99,
      100.0,
      1e-7,
      1e21,
      true,
      false,
      nullptr,
      Json::object(),
      Json::array(),
      Json{{"a\"b", {1, "x", nullptr, Json::array(), Json::object()}}, {"span", {12, 40}}},
      Json{{"nested", {{"deeper", {{"deepest", "\xC3"}}}}}},
  };
  for (const Json& v : cases) {
    SCOPED_TRACE(LibraryLine(v));
    EXPECT_EQ(RecordToJsonLine(v), LibraryLine(v));
  }
}

TEST(RecordJsonTest, CorpusRecordsAsTheLibraryWritesThem) {
  Extractor extractor(testing_util::ShippedRules());
  size_t documents = 0;
  for (const auto& [path, content] : testing_util::Utf8Corpus()) {
    SCOPED_TRACE(path);
    Json record = extractor.Extract(content, path);
    EXPECT_EQ(RecordToJsonLine(record), LibraryLine(record));
    ++documents;
  }
  EXPECT_GE(documents, 7u);
}

}  // namespace
}  // namespace vbhc
