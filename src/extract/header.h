// Header: the document's own identity from its official header (SPEC section 3).
//
//   ỦY BAN NHÂN DÂN TỈNH TÂY NINH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
//   Số: 2631/QĐ-UBND              | Tây Ninh, ngày 14 tháng 10 năm 2021
//   QUYẾT ĐỊNH
//   Về việc …
// -> {"type": "Quyết định", "number": "2631/QĐ-UBND", "issuer": "ỦY BAN NHÂN DÂN
//     TỈNH TÂY NINH", "place": "Tây Ninh", "date": "2021-10-14", "title": "Về việc …"}
//
// The number comes from the first match of a `header_number` rule (the `Số:`
// line), the date and place from the nearest `header_date` rule match; the
// type line is any line that is exactly a name of vocab list doc_types.  No
// `Số:` line means no header (news articles): null.
#ifndef VBHC_EXTRACT_HEADER_H_
#define VBHC_EXTRACT_HEADER_H_

#include <vector>

#include "rules/rule_set.h"
#include "rules/values.h"
#include "text/normalizer.h"

namespace vbhc {

// Returns the document fields, or null; *own_number is the span (normalized
// text) of the header's number, which is therefore not a reference.
Json FindHeader(const NormalizedText& text, const std::vector<RuleMatch>& matches,
                const RuleSet& rules, Span* own_number);

}  // namespace vbhc

#endif  // VBHC_EXTRACT_HEADER_H_
