// `vbhc extract --stream`: vbhc as the map step of a pipeline (GNU parallel
// --pipe, a Dask or Hadoop map).  Reads JSON Lines {"id": …, "text": …} on
// standard input and writes exactly one record per input line, in input
// order, whatever --jobs:
//  - `source.path` is the id as a string ("77" for 77), `source.id` the id as
//    given (string or number); a line without an id is "stdin:N";
//  - invalid UTF-8 inside "text" is read as in a file: U+FFFD for matching
//    and a warning with its byte offset;
//  - a line that is no JSON object with a string "text" gives an error record
//    (document null, nothing extracted, the reason in `warnings`, path
//    "stdin:N"), or, with `skip_bad_lines`, no record and a message.
#ifndef VBHC_CLI_EXTRACT_STREAM_H_
#define VBHC_CLI_EXTRACT_STREAM_H_

#include <string>

#include "extract/extractor.h"

namespace vbhc {

struct StreamOptions {
  std::string format = "json";  // json or text
  size_t jobs = 1;              // worker threads
  bool skip_bad_lines = false;
};

// Runs the stream; returns an exit code (ExitCode of input.h): 1 when a
// line was bad, 4 when standard output cannot be written.
int RunStream(const Extractor& extractor, const StreamOptions& options);

// Returns the text of one input line's "text", or nullopt with *error set.
// Exposed for tests: invalid UTF-8 bytes in the line come back as the same
// raw bytes (JSON parsers refuse them; files keep them).
std::optional<Json> ParseStreamLine(std::string_view line, std::string* error);

}  // namespace vbhc

#endif  // VBHC_CLI_EXTRACT_STREAM_H_
