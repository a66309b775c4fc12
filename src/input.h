// Input and output files for the commands: expanding FILE|DIR|- arguments into
// a stable list of documents, reading them, and writing output atomically.
//
//   std::vector<std::string> errors;
//   auto files = vbhc::ExpandInputs({"corpora/", "a.txt", "-"}, "*.txt", &errors);
//   vbhc::AtomicFile out("records.jsonl");   // writes records.jsonl.tmp-XXXXXX
//   out.stream() << …;  out.Commit();         // fsync + rename, or nothing at all
#ifndef VBHC_INPUT_H_
#define VBHC_INPUT_H_

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace vbhc {

// Exit codes of every vbhc command (README "Exit codes").
enum ExitCode : int {
  kExitOk = 0,
  kExitSomeInputsFailed = 1,  // reported on stderr; the other inputs were processed
  kExitUsage = 2,             // bad command line
  kExitRules = 3,             // rule files do not load, or `rules check` failed
  kExitOutput = 4,            // output cannot be written (disk full, permissions)
};

// Returns the documents named by `args`: files as given, "-" for standard
// input, directories walked recursively for names matching `glob` (fnmatch),
// sorted by path within each directory argument.  Missing paths and
// unreadable directories are appended to *errors as "path: reason".
std::vector<std::string> ExpandInputs(const std::vector<std::string>& args,
                                      const std::string& glob, std::vector<std::string>* errors);

// Reads the whole of `path` ("-" = standard input) into *bytes, refusing files
// over `max_bytes`.  Returns false with *error set ("reason", no path).
bool ReadInput(const std::string& path, size_t max_bytes, std::string* bytes, std::string* error);

// A file written under a temporary name and renamed into place on Commit(),
// so readers never see a partial file; destroyed uncommitted, it leaves nothing.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  bool ok() const { return file_ != nullptr; }
  const std::string& error() const { return error_; }
  FILE* file() { return file_; }
  // Flushes, syncs and renames; returns false with error() set on failure.
  bool Commit();

 private:
  std::string path_;
  std::string temp_path_;
  FILE* file_ = nullptr;
  std::string error_;
};

}  // namespace vbhc

#endif  // VBHC_INPUT_H_
