// Record writer: plan records as JSON Lines (SPEC section 1) or as a short
// Vietnamese summary for people (`--format text`).
#ifndef VBHC_OUTPUT_RECORD_JSON_H_
#define VBHC_OUTPUT_RECORD_JSON_H_

#include <string>

#include "rules/values.h"

namespace vbhc {

// Returns `record` as one line of JSON ending in '\n'.  Invalid UTF-8 inside
// strings is replaced by U+FFFD (nlohmann::json's replace handler), so the
// output is always valid JSON.
std::string RecordToJsonLine(const Json& record);

// Returns a readable summary for a clerk, in Vietnamese: header, each cited
// document once, periods, deadlines in date order, targets and tasks as
// tables aligned by display width; dates as clerks write them (30/6/2025,
// quý II/2025), comparators as signs (≥, ≤).
std::string RecordToText(const Json& record);

// Returns the date of `item[key]` and its recurrence as a clerk reads them
// ("quý II/2026", "ngày 20 hằng tháng", "hằng năm"); "" when it has neither.
std::string WhenInWords(const Json& item, const char* key);

// Returns a target's level as a clerk reads it: "≥ 95%", "> 120 km".
std::string TargetLevel(const Json& target);

// Returns a record's warning in Vietnamese, the original message kept in
// brackets.
std::string WarningInVietnamese(const std::string& message);

}  // namespace vbhc

#endif  // VBHC_OUTPUT_RECORD_JSON_H_
