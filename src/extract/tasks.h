// Tasks: the assignments a plan makes (SPEC section 9) — who must do what,
// by when.
//
//   "Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tham mưu … trước ngày 30/6/2025."
//   -> {"lead": "Sở Nội vụ", "partners": "Sở Tài chính", "task": "tham mưu …",
//       "deadline": "2025-06-30"}
//
// Three forms, read on the document's Structure:
//  - a block of labelled lines ("Đơn vị chủ trì: …", "Đơn vị phối hợp: …",
//    "Thời gian thực hiện: …") under the item or heading that names the task;
//  - a table row, its columns named by the header row ("Cơ quan chủ trì",
//    "Thời gian hoàn thành");
//  - a sentence or clause whose subject is an agency or office holder, with or
//    without a cue before it ("Giao …", "Yêu cầu …", "Đề nghị …"), or an
//    agency's heading in "Tổ chức thực hiện" ("2. Sở Tài chính: …").
// The words that decide are the vocab lists of rules/tasks.toml: labels and
// their roles, the words that begin an agency, the lower-case words that end
// a lead (a capitalised word goes on with the name: "Sở Xây dựng chủ trì"),
// cues, lead-ins, sentences that are no task, and what a task's time means.
#ifndef VBHC_EXTRACT_TASKS_H_
#define VBHC_EXTRACT_TASKS_H_

#include <vector>

#include "extract/cues.h"
#include "extract/extractor.h"
#include "extract/structure.h"

namespace vbhc {

// Returns the task items of a document (fields lead, partners, task,
// deadline, recurrence when the work recurs), given its structure, the keys
// of its unwrapped text (KeyedText over structure.text()), its other
// items (dates, periods, deadlines) and all rule matches; and, appended after
// them, a deadline item for each task time that no deadline rule read
// ("Thời gian hoàn thành: Tháng 12/2025"; rule "task.time").  Cue words are
// compared in lower case, without diacritics when the document is `accentless`.
std::vector<Item> FindTasks(const Structure& structure, const KeyedText& keyed,
                            const std::vector<Item>& items, const std::vector<RuleMatch>& matches,
                            const RuleSet& rules, bool accentless);

}  // namespace vbhc

#endif  // VBHC_EXTRACT_TASKS_H_
