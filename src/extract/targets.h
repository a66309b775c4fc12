// Targets: quantified goals (SPEC section 8) with the deadline that governs them.
//
//   "Đến cuối năm 2023 đạt trên 80%, cuối năm 2024 đạt trên 90% và đến hết năm
//    2025 đạt 100% cán bộ, công chức lãnh đạo … được bồi dưỡng"
//   -> percent > 80 by 2023-12-31, percent > 90 by 2024-12-31,
//      percent >= 100 by 2025-12-31, one subject for the three.
//
// Candidates come from `target_value` rule matches (a number with % or a
// count with its unit).  The comparator, recurrence, goal and report cues are
// the vocab lists of rules/targets/*.toml; the governing deadline is found by
// scope: the same clause, else the goal heading or sentence that governs the
// list the target stands in, else the end of the plan's period, else null.
#ifndef VBHC_EXTRACT_TARGETS_H_
#define VBHC_EXTRACT_TARGETS_H_

#include <vector>

#include "extract/cues.h"
#include "extract/extractor.h"
#include "extract/structure.h"

namespace vbhc {

// Returns the target items of a document, given its structure and the keys
// of its unwrapped text (KeyedText over structure.text()), its other
// items (deadlines, periods) and all rule matches.  Cue words are compared in lower case with
// their diacritics ("cơ quan" is not "có"), or without them when the document
// itself is `accentless`.  A value whose governing deadline ended before
// `reference_date` (the document's own date, ISO; "" when unknown) reports a
// result ("9 tháng đầu năm 2024 … đạt 100%" in a 2025 report): no target.
// `plan_year` (a year the document's title names, "" when none) governs a
// value nothing in its sentence, paragraph or headings governs, before a
// period found elsewhere in the document.
std::vector<Item> FindTargets(const Structure& structure, const KeyedText& keyed, const std::vector<Item>& items,
                              const std::vector<RuleMatch>& matches, const RuleSet& rules,
                              bool accentless, const std::string& reference_date = "",
                              const std::string& plan_year = "");

}  // namespace vbhc

#endif  // VBHC_EXTRACT_TARGETS_H_
