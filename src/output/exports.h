// Exports for the tools clerks live in (issue #18):
//  - CSV for Excel and LibreOffice: UTF-8 with a byte-order mark (so Excel
//    shows Vietnamese), a header row, one row per item with the document's
//    number and path; fields quoted by libcsv (Debian libcsv-dev).
//  - iCalendar for Outlook, Google Calendar, Thunderbird: each task with a
//    deadline, and each deadline outside a task, an all-day event on its last
//    day, whose summary names the task and its lead; yearly and monthly ones
//    as RRULEs; events made by libical (Debian libical-dev).
//
//   out << CsvHeader("tasks");  for each record: out << RecordToCsv(record, "tasks");
//   out << IcsBegin();          for each record: out << RecordToIcs(record);  out << IcsEnd();
#ifndef VBHC_OUTPUT_EXPORTS_H_
#define VBHC_OUTPUT_EXPORTS_H_

#include <string>

#include "rules/values.h"

namespace vbhc {

// Returns true for a table CsvHeader and RecordToCsv know: tasks, targets,
// deadlines, references.
bool KnownCsvTable(const std::string& table);

// Returns the byte-order mark and the header row of `table`.
std::string CsvHeader(const std::string& table);

// Returns the rows of `table` for one record (none when it has no item).
std::string RecordToCsv(const Json& record, const std::string& table);

// Returns the lines that open and close a calendar.
std::string IcsBegin();
std::string IcsEnd();

// Returns the VEVENTs of one record.  Stamps are derived from the record, so
// the same input gives the same calendar.
std::string RecordToIcs(const Json& record);

}  // namespace vbhc

#endif  // VBHC_OUTPUT_EXPORTS_H_
