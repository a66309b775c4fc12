// libFuzzer target: the whole extraction of one document.  Every item's span
// must lie inside the input and slice it to the item's text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "extract/extractor.h"
#include "output/record_json.h"
#include "text/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::unique_ptr<vbhc::RuleSet> rules = vbhc::RuleSet::LoadEmbedded();
  static const vbhc::Extractor extractor(*rules);
  std::string input(reinterpret_cast<const char*>(data), size);
  vbhc::Json record = extractor.Extract(input, "fuzz");
  const std::string encoding = record["source"]["encoding"];
  for (const char* key : {"references", "dates", "periods", "deadlines", "targets"}) {
    for (const auto& item : record[key]) {
      size_t b = item["span"][0], e = item["span"][1];
      if (b > e || e > input.size()) std::abort();
      if (encoding != "utf-8") {
        // Legacy bytes: the text is their UTF-8, decoded unit by unit.
        if (vbhc::DecodeInput(input.substr(b, e - b), encoding).text != item["text"].get<std::string>()) {
          std::abort();
        }
        continue;
      }
      if (input.substr(b, e - b) != item["text"].get<std::string>()) {
        // The text may differ only where the input is not valid UTF-8.
        bool invalid = false;
        for (const auto& w : record["warnings"]) invalid = invalid || w["message"].get<std::string>().rfind("invalid UTF-8", 0) == 0;
        if (!invalid) std::abort();
      }
    }
  }
  std::string line = vbhc::RecordToJsonLine(record);
  if (line.empty() || line.back() != '\n') std::abort();
  return 0;
}
