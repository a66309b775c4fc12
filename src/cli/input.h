// Input and output files for the commands: expanding FILE|DIR|- arguments into
// a stable list of documents, reading them, and writing output atomically.
//
//   std::vector<std::string> errors;
//   auto files = vbhc::ExpandInputs({"corpora/", "a.txt", "-"}, "*.txt", &errors);
//   vbhc::AtomicFile out("records.jsonl");   // writes records.jsonl.tmp-XXXXXX
//   out.stream() << …;  out.Commit();         // fsync + rename, or nothing at all
#ifndef VBHC_CLI_INPUT_H_
#define VBHC_CLI_INPUT_H_

#include <sys/types.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include <sys/types.h>
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

// A list of paths held compactly: each directory once, each file name once
// in one buffer, 8 bytes per entry — a million files in one directory cost
// about 20 MB, not a std::string each (input lists of whole archives).
class PathList {
 public:
  // Appends a whole path.
  void push_back(std::string_view path);
  // Returns the id of directory prefix `dir` ("corpora/seeds/", with its
  // separator) for the push_back below, or kNoDirectory after 16 million
  // directories (push whole paths then).
  static constexpr uint32_t kNoDirectory = 0xFFFFFF;
  uint32_t AddDirectory(std::string_view dir);
  // Appends the path `dir` + `name`.
  void push_back(uint32_t dir, std::string_view name);

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  // Returns path `i`.
  std::string operator[](size_t i) const;
  // Sorts paths [begin, end) bytewise.
  void Sort(size_t begin, size_t end);

 private:
  static constexpr uint32_t kWholePath = kNoDirectory;  // entry holds a whole path
  std::string_view Prefix(uint64_t entry) const;
  std::string_view Name(uint64_t entry) const;

  std::vector<std::string> dirs_;
  std::string names_;              // NUL-terminated names (or whole paths)
  std::vector<uint64_t> entries_;  // offset into names_ << 24 | directory id
};

// Returns the documents named by `args`: files as given, "-" for standard
// input, directories walked (symlinked directories not followed, so symlink
// loops cannot recur) for regular files whose names match `glob` (fnmatch),
// sorted by path within each directory argument.  Missing paths and
// unreadable directories are appended to *errors as "path: reason"; the
// rest of the walk goes on.
PathList ExpandInputs(const std::vector<std::string>& args, const std::string& glob,
                      std::vector<std::string>* errors);

// Appends the names listed in file `list` ("-" = standard input), each
// ending with `separator` ('\n' or '\0'), to *out: files as named,
// directories walked as ExpandInputs does.  Returns false with the reason in
// *errors when the list cannot be read; a name that does not exist is an
// error of its own, and the rest goes on.
bool ReadNameList(const std::string& list, char separator, const std::string& glob, PathList* out,
                  std::vector<std::string>* errors);

// Opens `path` for reading ("-" = standard input, not to be closed).
// Returns the descriptor, or -1 with *error set ("reason").
int OpenInput(const std::string& path, std::string* error);

// Appends what one read(2) of up to `count` bytes from `fd` gives to *bytes
// (retrying when interrupted).  Returns the number of bytes appended, 0 at
// the end of the input, -1 with *error set on a read error.
ssize_t ReadSome(int fd, size_t count, std::string* bytes, std::string* error);

// Reads the whole of `path` ("-" = standard input) into *bytes, refusing files
// over `max_bytes`.  A regular file that changes while it is read (size or
// modification time) is read again, up to 3 times, then refused: it is still
// being written.  Returns false with *error set ("reason", no path).
bool ReadInput(const std::string& path, size_t max_bytes, std::string* bytes, std::string* error);

// Returns true, with the reason in *why, when `bytes` are not text that vbhc
// reads: UTF-16 (with a byte order mark, or many NUL bytes), a PDF, a ZIP
// (.docx, .xlsx), an image (PNG, JPEG, GIF, TIFF, BMP), other binary data.
bool LooksBinary(std::string_view bytes, std::string* why);

// A file written under a temporary name and renamed into place on Commit(),
// so readers never see a partial file; destroyed uncommitted, or interrupted
// by SIGINT, SIGTERM or SIGHUP, it leaves nothing (issue #21).
//  - onto a regular file: the rename keeps that file's mode;
//  - onto a symbolic link: the link's target is replaced (the temporary file
//    is made in the target's directory) and the link stays;
//  - onto a device, FIFO or socket: written through, no rename (`-o /dev/null`
//    never replaces the device with a file).
class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  bool ok() const { return file_ != nullptr; }
  const std::string& error() const { return error_; }
  FILE* file() { return file_; }
  // Flushes, syncs and renames; returns false with error() set on failure
  // ("PATH: cannot write: reason").
  bool Commit();

 private:
  bool OpenThrough(const std::string& target);
  bool OpenTemporary(const std::string& target, mode_t mode);

  std::string path_;       // as given, for messages
  std::string target_;     // the file replaced: path_, or a link's target
  std::string temp_path_;  // empty when written through
  FILE* file_ = nullptr;
  std::string error_;
};

// Installs, once, the handlers that remove AtomicFile temporaries on SIGINT,
// SIGTERM and SIGHUP, then end the process by the same signal (exit status
// 128 + signal number: 130, 143, 129).
void InstallInterruptCleanup();

}  // namespace vbhc

#endif  // VBHC_CLI_INPUT_H_
