#include "output/vietnamese_format.h"

#include <utf8proc.h>

#include <cctype>

#include "text/vietnamese.h"

namespace vbhc {
namespace {

bool Digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// "06" -> "6": clerks write months and days without a leading zero.
std::string Plain(std::string_view digits) {
  size_t first = digits.find_first_not_of('0');
  return first == std::string_view::npos ? "0" : std::string(digits.substr(first));
}

}  // namespace

std::string VietnameseDate(std::string_view iso) {
  static constexpr const char* kRoman[] = {"", "I", "II", "III", "IV"};
  if (iso.size() == 4 && Digits(iso)) return "năm " + std::string(iso);
  if (iso.size() == 7 && Digits(iso.substr(0, 4)) && iso.substr(4, 2) == "-Q" && iso[6] >= '1' && iso[6] <= '4') {
    return "quý " + std::string(kRoman[iso[6] - '0']) + "/" + std::string(iso.substr(0, 4));
  }
  if (iso.size() == 7 && Digits(iso.substr(0, 4)) && iso[4] == '-' && Digits(iso.substr(5))) {
    return "tháng " + Plain(iso.substr(5)) + "/" + std::string(iso.substr(0, 4));
  }
  if (iso.size() == 10 && Digits(iso.substr(0, 4)) && iso[4] == '-' && iso[7] == '-' && Digits(iso.substr(5, 2)) &&
      Digits(iso.substr(8))) {
    return Plain(iso.substr(8)) + "/" + Plain(iso.substr(5, 2)) + "/" + std::string(iso.substr(0, 4));
  }
  if (iso.size() == 7 && iso.substr(0, 2) == "--" && iso[4] == '-') {
    return "ngày " + Plain(iso.substr(5)) + "/" + Plain(iso.substr(2, 2)) + " hằng năm";
  }
  if (iso.size() == 5 && iso.substr(0, 3) == "---") return "ngày " + Plain(iso.substr(3)) + " hằng tháng";
  return std::string(iso);
}

std::string ComparatorSign(std::string_view comparator) {
  if (comparator == ">=") return "≥";
  if (comparator == "<=") return "≤";
  return std::string(comparator);
}

std::string RecurrenceWords(std::string_view recurrence) {
  if (recurrence == "regular") return "thường xuyên";
  if (recurrence == "yearly") return "hằng năm";
  if (recurrence == "quarterly") return "hằng quý";
  if (recurrence == "monthly") return "hằng tháng";
  return std::string(recurrence);
}

size_t DisplayWidth(std::string_view s) {
  size_t width = 0;
  for (size_t pos = 0; pos < s.size();) {
    const char32_t c = DecodeUtf8(s, &pos);
    const int w = utf8proc_charwidth(static_cast<utf8proc_int32_t>(c));
    width += w > 0 ? static_cast<size_t>(w) : 0;
  }
  return width;
}

std::string PadToWidth(std::string_view s, size_t width) {
  const size_t have = DisplayWidth(s);
  if (have <= width) return std::string(s) + std::string(width - have, ' ');
  std::string out;
  size_t used = 0;
  for (size_t pos = 0; pos < s.size();) {
    const size_t start = pos;
    const char32_t c = DecodeUtf8(s, &pos);
    const int w = std::max(0, utf8proc_charwidth(static_cast<utf8proc_int32_t>(c)));
    if (used + static_cast<size_t>(w) > width - 1) break;
    used += static_cast<size_t>(w);
    out.append(s.substr(start, pos - start));
  }
  return out + "…" + std::string(width - 1 - used, ' ');
}

}  // namespace vbhc
