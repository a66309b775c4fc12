// libFuzzer target: the pattern walker (pattern_syntax.h) on any bytes.
// Input: a pattern on the first line, a text after it. The walker must never
// crash or loop; when RE2 compiles the pattern (with the rules' options), the
// prefilter pattern must compile too, and match the text wherever the
// pattern does (the prefilter never drops a paragraph a rule matches in).
// Regression (issue #22): the prefilter is no longer a plain suffix since it
// loosens counts and spaces; crash-9cff0fc2 was that check, not the walker.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <re2/re2.h>

#include "rules/pattern_syntax.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const std::string_view pattern = input.substr(0, newline);
  const std::string_view text = newline == std::string_view::npos ? "" : input.substr(newline + 1);

  for (size_t pos = 0; pos <= pattern.size(); ++pos) {
    if (vbhc::TokenLength(pattern, pos) > pattern.size() - pos) std::abort();
    if (vbhc::AtomLength(pattern, pos) > pattern.size() - pos) std::abort();
    bool optional = false;
    if (vbhc::QuantifierLength(pattern, pos, &optional) > pattern.size() - pos) std::abort();
  }
  const std::string prefilter = vbhc::PrefilterPattern(pattern);
  // A suffix of the pattern, loosened (wide counts to '*', widened spaces to
  // one class): never longer than it.
  if (prefilter.size() > pattern.size()) std::abort();

  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  options.set_max_mem(1 << 20);
  RE2 full(pattern, options);
  if (!full.ok()) return 0;
  RE2 part(prefilter, options);
  if (!part.ok()) {
    // Larger than the memory given here is not the walker's fault.
    if (part.error_code() == RE2::ErrorPatternTooLarge) return 0;
    std::abort();
  }
  if (RE2::PartialMatch(text, full) && !RE2::PartialMatch(text, part)) std::abort();
  return 0;
}
