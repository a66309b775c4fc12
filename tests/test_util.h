// Helpers shared by the tests: the corpus documents and the comparable
// values of a record.
#ifndef VBHC_TESTS_TEST_UTIL_H_
#define VBHC_TESTS_TEST_UTIL_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "rules/rule_set.h"
#include "rules/values.h"

namespace vbhc::testing_util {

// The rules of rules/ (not the embedded copy), loaded once.
inline const RuleSet& ShippedRules() {
  static const std::unique_ptr<RuleSet> rules = RuleSet::LoadDirectory(VBHC_SOURCE_DIR "/rules");
  return *rules;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// (path, content) of every UTF-8 corpus document, sorted by path
// (corpora/legacy/ holds TCVN3 bytes and is left out).
inline std::vector<std::pair<std::string, std::string>> Utf8Corpus() {
  std::vector<std::pair<std::string, std::string>> docs;
  for (const auto& e : std::filesystem::recursive_directory_iterator(VBHC_SOURCE_DIR "/corpora")) {
    if (e.path().extension() != ".txt" || e.path().parent_path().filename() == "legacy") continue;
    docs.emplace_back(e.path().string(), ReadFile(e.path().string()));
  }
  std::sort(docs.begin(), docs.end());
  return docs;
}

// The values of a record, without text, span, and the fields copied as
// written (issuer, subject, unit), which lose their diacritics with the input.
inline std::string Values(const Json& record) {
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

}  // namespace vbhc::testing_util

#endif  // VBHC_TESTS_TEST_UTIL_H_
