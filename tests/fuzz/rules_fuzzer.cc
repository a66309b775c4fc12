// libFuzzer target: the rule-file loader and the legacy-encoding table loader
// on any bytes.  Loading must never crash or hang; a set that is not ok()
// must say why and match nothing, in either view; a table that loads must
// decode any text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "rules/rule_set.h"
#include "text/composing_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string content(reinterpret_cast<const char*>(data), size);
  auto rules = vbhc::RuleSet::LoadFiles({{"fuzz.toml", content}});
  if (!rules->ok() && rules->error().empty()) std::abort();
  vbhc::NormalizedText n = vbhc::Normalize("Quyết định số 12/QĐ-UBND ngày 14/10/2021 giai đoạn 2021-2025");
  // Both views: the accentless one is compiled on first use, so a pattern
  // whose folded form does not compile loads and is met here.
  for (bool folded : {false, true}) {
    std::string error;
    auto found = rules->Match(vbhc::MatchInput::ForView(n, folded), &error);
    if (!rules->ok() && !found.empty()) std::abort();
    for (const auto& m : found) {
      if (m.span.end > n.text.size() || m.span.begin > m.span.end) std::abort();
    }
  }
  if (rules->ok()) {
    for (const std::string& e : rules->AccentlessErrors()) {
      if (e.empty()) std::abort();  // every error says what is wrong
    }
  }
  vbhc::ComposingCodec codec("fuzz.toml", content);
  if (codec.ok()) {
    std::vector<vbhc::SourceUnit> units;
    const std::u32string text = U"Quye^'t ddi.nh so^' 12 Quyeát ñònh aê\\.";
    for (uint32_t i = 0; i < text.size(); ++i) units.push_back({text[i], i, i + 1});
    vbhc::DecodedInput d;
    codec.Decode(units, &d);
    if (d.map.size() != d.text.size()) std::abort();
    codec.Encode("Quyết định số 12");
  } else if (codec.error().empty()) {
    std::abort();
  }
  return 0;
}
