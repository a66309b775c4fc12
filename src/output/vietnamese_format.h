// How a clerk writes the values of a record: dates in Vietnamese order and
// words, comparators as signs, columns aligned by what the eye sees.
//
//   VietnameseDate("2025-06-30") == "30/6/2025"
//   VietnameseDate("2025-Q2")    == "quý II/2025"
//   VietnameseDate("--06-30")    == "ngày 30/6 hằng năm"
//   ComparatorSign(">=")         == "≥"
//   PadToWidth("Sở Nội vụ", 12)  == "Sở Nội vụ   "   (9 columns + 3 spaces)
#ifndef VBHC_OUTPUT_VIETNAMESE_FORMAT_H_
#define VBHC_OUTPUT_VIETNAMESE_FORMAT_H_

#include <string>
#include <string_view>

namespace vbhc {

// Returns an ISO value of a record (any precision, also recurring) as a clerk
// writes it: "30/6/2025", "tháng 6/2025", "quý II/2025", "năm 2025", "ngày
// 30/6 hằng năm", "ngày 20 hằng tháng"; anything else as given.
std::string VietnameseDate(std::string_view iso);

// Returns "≥", ">", "=", "<", "≤" for a target's comparator.
std::string ComparatorSign(std::string_view comparator);

// Returns a recurrence in words: "thường xuyên", "hằng năm", "hằng quý", "hằng tháng".
std::string RecurrenceWords(std::string_view recurrence);

// Returns the number of terminal columns `s` takes (combining marks none,
// wide characters two), by utf8proc's character widths.
size_t DisplayWidth(std::string_view s);

// Returns `s` padded with spaces to `width` columns, or cut to width - 1
// columns and "…".
std::string PadToWidth(std::string_view s, size_t width);

}  // namespace vbhc

#endif  // VBHC_OUTPUT_VIETNAMESE_FORMAT_H_
