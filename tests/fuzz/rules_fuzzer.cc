// libFuzzer target: the rule-file loader on any bytes.  Loading must never
// crash or hang; a set that is not ok() must say why and match nothing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "rule_set.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string content(reinterpret_cast<const char*>(data), size);
  auto rules = vbhc::RuleSet::LoadFiles({{"fuzz.toml", content}});
  if (!rules->ok() && rules->error().empty()) std::abort();
  vbhc::NormalizedText n = vbhc::Normalize("Quyết định số 12/QĐ-UBND ngày 14/10/2021 giai đoạn 2021-2025");
  auto found = rules->Match(vbhc::MatchInput::ForView(n, false));
  if (!rules->ok() && !found.empty()) std::abort();
  for (const auto& m : found) {
    if (m.span.end > n.text.size()) std::abort();
  }
  return 0;
}
