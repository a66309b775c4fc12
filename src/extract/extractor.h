// Extractor: one document in, one plan record (../shared/SPEC.md) out.
//
//   auto rules = vbhc::RuleSet::LoadEmbedded();
//   vbhc::Extractor extractor(*rules);
//   vbhc::Json record = extractor.Extract(bytes, "qd2631.txt");
//   std::cout << record.dump() << "\n";
//
// Pipeline: Normalize (with the offset map) -> choose the accented or the
// folded view -> RuleSet::Match -> masks (web addresses, file names) -> values
// (values.h) -> header (header.h) -> targets (targets.h) -> spans mapped back
// to the original bytes.  An Extractor holds no per-document state: one
// instance serves any number of threads.
#ifndef VBHC_EXTRACT_EXTRACTOR_H_
#define VBHC_EXTRACT_EXTRACTOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_set.h"
#include "rules/values.h"
#include "text/encoding.h"
#include "text/normalizer.h"

namespace vbhc {

// One extracted item, before its span is mapped to the original bytes.
struct Item {
  std::string dimension;  // date, reference, period, deadline, target
  std::string rule;       // id of the rule that produced it
  Span span;              // in the normalized text
  Json fields;            // value fields (SPEC sections 4-8)
};

// Everything the pipeline found in one document; for `vbhc explain`, the
// rule checks and the record writer.
struct Analysis {
  DecodedInput decoded;             // encoding, and the UTF-8 text when not the input
  NormalizedText normalized;
  bool accentless = false;          // matched through the folded view
  std::vector<RuleMatch> matches;   // every rule match, masks included
  std::vector<Item> items;          // dates, references, periods, deadlines, targets
  Json document;                    // header fields, or null
  std::vector<Warning> warnings;    // original byte spans

  // Returns the span of the original input bytes of a normalized-text span.
  Span ToOriginal(Span normalized_span) const { return TextToOriginal(normalized.map.ToSource(normalized_span)); }
  // Returns the original span of a span of the decoded UTF-8 text.
  Span TextToOriginal(Span text_span) const {
    return decoded.identity ? text_span : decoded.map.ToSource(text_span);
  }
};

struct ExtractOptions {
  NormalizeOptions normalize{ToneStyle::kOfficial, /*strip_emphasis=*/true};
  int force_view = -1;  // -1: detect; 0: accented; 1: folded (accentless)
  std::string encoding;  // empty: detect; else a name of KnownEncodings()
};

class Extractor {
 public:
  explicit Extractor(const RuleSet& rules, ExtractOptions options = {})
      : rules_(rules), options_(options) {}

  // Returns the analysis of `bytes` (one document).
  Analysis Analyze(std::string_view bytes) const;

  // Returns the plan record of `bytes`; `path` is reported as given.
  Json Extract(std::string_view bytes, const std::string& path) const;

  // Returns the record of an analysis (spans mapped, text sliced from `bytes`).
  static Json Record(const Analysis& analysis, std::string_view bytes, const std::string& path);
  // The same, taking the items' fields instead of copying them (the batch
  // path: a record's fields are most of its building cost).
  static Json Record(Analysis&& analysis, std::string_view bytes, const std::string& path);

 private:
  static Json RecordOf(const Analysis& analysis, std::vector<Item> items, std::string_view bytes,
                       const std::string& path);

  const RuleSet& rules_;
  ExtractOptions options_;
};

// Returns the SHA-256 of `bytes` as lower-case hex.
std::string Sha256Hex(std::string_view bytes);

}  // namespace vbhc

#endif  // VBHC_EXTRACT_EXTRACTOR_H_
