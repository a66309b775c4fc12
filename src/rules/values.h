// Values: turns the named captures of a rule match into the normalized values
// of ../shared/SPEC.md (ISO dates with their precision, canonical document
// numbers, periods, deadlines).
//
//   std::string warning;
//   auto fields = vbhc::BuildFields(match, rules, &warning);
//   // date.dmy_words on "ngày 14 tháng 10 năm 2021" -> {"value": "2021-10-14"}
//
// Capture names a rule may use (rules/README.md lists them):
//   day, month, year, quarter         a date; month may be 7, 07, VII or Tám
//   start_*, end_* (same parts)       the two ends of a period
//   number, type, issuer              a cited document
// and constant fields from the rule's `set` table: kind (period), anchor =
// "year_end" and recurrence = "yearly" | "monthly" (deadlines).
#ifndef VBHC_RULES_VALUES_H_
#define VBHC_RULES_VALUES_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "rules/rule_set.h"

namespace vbhc {

using Json = nlohmann::ordered_json;

// Returns the value fields of `match` by its rule's dimension, or nullopt when
// the captures do not make a valid value; *warning then says why when the
// input itself is wrong (an impossible date), and stays empty otherwise.
std::optional<Json> BuildFields(const RuleMatch& match, const RuleSet& rules,
                                std::string* warning);

// Returns 1..99 from "7", "07", "VII", "Tám" (vocab list number_words), or nullopt.
std::optional<int> ParseSmallNumber(std::string_view text, const RuleSet& rules);

// Returns the ISO form of a date with precision given by what is present:
// "2021-10-14", "2021-10", "2023-Q2", "--10-14" (no year), "---14" (day only).
// Returns nullopt and sets *warning for an impossible date.
std::optional<std::string> IsoDate(std::optional<int> year, std::optional<int> month,
                                   std::optional<int> day, std::optional<int> quarter,
                                   std::string* warning);

// Returns the canonical document number: no spaces, ASCII '-' and '/', and
// accentless symbol codes restored from vocab list symbol_codes (QD -> QĐ).
std::string CanonicalNumber(std::string_view raw, const RuleSet& rules);

// Returns the issuer named by "của …" right after `pos` in `text` (SPEC
// section 4): capitalised, up to a word of vocab list issuer_stops, a
// punctuation mark or ten words; empty when there is none.  Stop words are
// compared with their diacritics unless the text is `accentless`.
std::string FollowingIssuer(std::string_view text, size_t pos, const RuleSet& rules,
                            bool accentless);

// Returns the first and last day of an ISO value of any precision:
// "2025" -> {"2025-01-01", "2025-12-31"}, "2025-Q2" -> {"2025-04-01",
// "2025-06-30"}, "2024-02" -> {"2024-02-01", "2024-02-29"}, a day -> itself
// twice; nullopt for recurring forms ("--06-30") and anything invalid.
std::optional<std::pair<std::string, std::string>> IsoBounds(std::string_view iso);

// Returns `folded` (FoldString's form) with every whole word that folds like
// an abbreviation of vocab list agency_abbreviations replaced by its folded
// expansion: "ubnd tinh quang tri" -> "uy ban nhan dan tinh quang tri".  Names
// are compared in this form, so that either spelling finds the other.
std::string ExpandAbbreviations(std::string_view folded, const RuleSet& rules);

// Returns the first and last day of a date a person types: any IsoBounds
// form, or Vietnamese order "14/10/2021", "14-10-2021", "14.10.2021",
// "10/2021", "Q4/2025"; nullopt when it is no valid date.
std::optional<std::pair<std::string, std::string>> UserDateBounds(std::string_view text);

// Returns the number written with Vietnamese separators: "85,5" -> 85.5,
// "1.200" -> 1200, "1.200,5" -> 1200.5.
std::optional<double> ParseVietnameseNumber(std::string_view text);

}  // namespace vbhc

#endif  // VBHC_RULES_VALUES_H_
