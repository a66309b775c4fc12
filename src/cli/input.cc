#include "cli/input.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>

namespace vbhc {

namespace fs = std::filesystem;

void PathList::push_back(std::string_view path) {
  entries_.push_back(static_cast<uint64_t>(names_.size()) << 24 | kWholePath);
  names_.append(path);
  names_.push_back('\0');
}

uint32_t PathList::AddDirectory(std::string_view dir) {
  if (dirs_.size() >= kWholePath) return kWholePath;  // 16 million directories: whole paths then
  dirs_.emplace_back(dir);
  return static_cast<uint32_t>(dirs_.size() - 1);
}

void PathList::push_back(uint32_t dir, std::string_view name) {
  entries_.push_back(static_cast<uint64_t>(names_.size()) << 24 | dir);
  names_.append(name);
  names_.push_back('\0');
}

std::string_view PathList::Prefix(uint64_t entry) const {
  uint32_t dir = static_cast<uint32_t>(entry & 0xFFFFFF);
  return dir == kWholePath ? std::string_view() : std::string_view(dirs_[dir]);
}

std::string_view PathList::Name(uint64_t entry) const {
  return std::string_view(names_.c_str() + (entry >> 24));
}

std::string PathList::operator[](size_t i) const {
  std::string path(Prefix(entries_[i]));
  path += Name(entries_[i]);
  return path;
}

void PathList::Sort(size_t begin, size_t end) {
  std::sort(entries_.begin() + static_cast<std::ptrdiff_t>(begin),
            entries_.begin() + static_cast<std::ptrdiff_t>(end), [this](uint64_t a, uint64_t b) {
              if ((a & 0xFFFFFF) == (b & 0xFFFFFF)) return Name(a) < Name(b);  // same directory
              std::string pa(Prefix(a)), pb(Prefix(b));
              pa += Name(a);
              pb += Name(b);
              return pa < pb;
            });
}

namespace {

// Returns "13,984": `n` with thousands grouped.
std::string Grouped(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// Returns the message for a walked directory that yielded no file: what it
// holds instead, by extension ("no *.txt in docs/ (13,984 *.md: try --glob
// '*.md')").
std::string NothingMatched(const std::string& root, const std::string& glob,
                           const std::map<std::string, size_t>& extensions) {
  std::string message = root + ": no " + glob + " in this directory";
  if (extensions.empty()) return message + " (it holds no files)";
  auto most = std::max_element(extensions.begin(), extensions.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  const std::string pattern = most->first.empty() ? "*" : "*" + most->first;
  return message + " (" + Grouped(most->second) + " " + pattern + ": try --glob '" + pattern + "')";
}

// Appends the regular files under `root` that match `glob` to *out; a
// dangling symbolic link is an error, and so is a tree with no file that
// matches (issue #21: nothing passes in silence).
void WalkDirectory(const std::string& root, const std::string& glob, PathList* out,
                   std::vector<std::string>* errors) {
  const size_t first = out->size();
  std::map<std::string, size_t> extensions;  // of the files not taken
  // An explicit stack: a directory tree thousands of levels deep is walked
  // without deep recursion.
  std::vector<fs::path> pending = {fs::path(root)};
  while (!pending.empty()) {
    fs::path dir = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      errors->push_back(dir.string() + ": cannot read directory: " + ec.message());
      continue;
    }
    uint32_t dir_id = 0;
    bool have_id = false;
    for (fs::directory_iterator end; it != end; it.increment(ec)) {
      std::error_code type_ec;
      if (!it->is_symlink(type_ec) && it->is_directory(type_ec)) {
        pending.push_back(it->path());
        continue;
      }
      if (it->is_symlink(type_ec) && !fs::exists(it->status(type_ec))) {
        errors->push_back(it->path().string() + ": dangling symbolic link (to " +
                          fs::read_symlink(it->path(), type_ec).string() + ")");
        continue;
      }
      if (!it->is_regular_file(type_ec)) continue;  // follows symlinks to files
      const std::string& path = it->path().native();
      const std::string name = it->path().filename().native();
      if (fnmatch(glob.c_str(), name.c_str(), 0) != 0) {
        ++extensions[it->path().extension().string()];
        continue;
      }
      // The directory prefix as the iterator writes it ("corpora/" + name).
      std::string_view prefix = std::string_view(path).substr(0, path.size() - name.size());
      if (!have_id) {
        dir_id = out->AddDirectory(prefix);
        have_id = true;
      }
      if (dir_id == PathList::kNoDirectory) {
        out->push_back(path);
      } else {
        out->push_back(dir_id, name);
      }
    }
    if (ec) errors->push_back(dir.string() + ": " + ec.message());
  }
  if (out->size() == first) errors->push_back(NothingMatched(root, glob, extensions));
}

}  // namespace

PathList ExpandInputs(const std::vector<std::string>& args, const std::string& glob,
                      std::vector<std::string>* errors) {
  PathList out;
  for (const std::string& arg : args) {
    if (arg == "-") {
      out.push_back(arg);
      continue;
    }
    std::error_code ec;
    fs::file_status status = fs::status(arg, ec);
    if (ec || !fs::exists(status)) {
      errors->push_back(arg + ": no such file or directory");
      continue;
    }
    if (!fs::is_directory(status)) {
      out.push_back(arg);
      continue;
    }
    size_t first = out.size();
    WalkDirectory(arg, glob, &out, errors);
    out.Sort(first, out.size());
  }
  return out;
}

bool ReadNameList(const std::string& list, char separator, const std::string& glob, PathList* out,
                  std::vector<std::string>* errors) {
  FILE* in = list == "-" ? stdin : std::fopen(list.c_str(), "rb");
  if (!in) {
    errors->push_back(list + ": cannot read the list of names: " + std::strerror(errno));
    return false;
  }
  // Names go straight into the compact PathList: a million of them hold
  // no std::string each.
  std::string name;
  std::vector<std::string> one(1);
  for (int c; (c = std::fgetc(in)) != EOF || !name.empty();) {
    if (c != EOF && c != separator) {
      name.push_back(static_cast<char>(c));
      continue;
    }
    if (separator == '\n' && !name.empty() && name.back() == '\r') name.pop_back();
    if (!name.empty()) {
      struct stat st {};
      if (stat(name.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        one[0] = name;
        PathList walked = ExpandInputs(one, glob, errors);
        for (size_t i = 0; i < walked.size(); ++i) out->push_back(walked[i]);
      } else if (stat(name.c_str(), &st) != 0) {
        errors->push_back(name + ": " + std::strerror(errno));
      } else {
        out->push_back(name);
      }
    }
    name.clear();
    if (c == EOF) break;
  }
  const bool read_error = std::ferror(in) != 0;
  if (in != stdin) std::fclose(in);
  if (read_error) errors->push_back(list + ": cannot read the list of names");
  return !read_error;
}

int OpenInput(const std::string& path, std::string* error) {
  if (path == "-") return STDIN_FILENO;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) *error = std::strerror(errno);
  return fd;
}

ssize_t ReadSome(int fd, size_t count, std::string* bytes, std::string* error) {
  const size_t old_size = bytes->size();
  bytes->resize(old_size + count);
  ssize_t n;
  do {
    n = read(fd, bytes->data() + old_size, count);
  } while (n < 0 && errno == EINTR);
  if (n < 0) *error = std::strerror(errno);
  bytes->resize(old_size + static_cast<size_t>(std::max<ssize_t>(n, 0)));
  return n;
}

namespace {

// Reads `fd` to its end into *bytes; false with *error on a read error or
// over `max_bytes`.  `expected` is the size fstat gave (0: unknown): the
// buffer is sized for it, since ReadSome zero-fills what it asks for and a
// fixed 64 KiB per read cost more than the rest of reading a small file.
bool ReadAll(int fd, size_t max_bytes, std::string* bytes, std::string* error, size_t expected = 0) {
  bytes->clear();
  for (bool first = true;; first = false) {
    const size_t count = expected == 0 ? size_t{1} << 16
                         : first      ? std::min(expected, max_bytes) + 1
                                      : size_t{1} << 12;  // the end, or growth
    ssize_t n = ReadSome(fd, count, bytes, error);
    if (n < 0) return false;
    if (n == 0) return true;
    if (bytes->size() > max_bytes) {
      *error = "larger than the limit of " + std::to_string(max_bytes) +
               " bytes (--max-bytes to raise it)";
      return false;
    }
  }
}

bool SameVersion(const struct stat& a, const struct stat& b) {
  return a.st_size == b.st_size && a.st_mtim.tv_sec == b.st_mtim.tv_sec &&
         a.st_mtim.tv_nsec == b.st_mtim.tv_nsec && a.st_ino == b.st_ino;
}

}  // namespace

bool ReadInput(const std::string& path, size_t max_bytes, std::string* bytes, std::string* error) {
  bytes->clear();
  if (path == "-") return ReadAll(STDIN_FILENO, max_bytes, bytes, error);
  int fd = OpenInput(path, error);
  if (fd < 0) return false;
  struct stat before {};
  bool regular = fstat(fd, &before) == 0 && S_ISREG(before.st_mode);
  bool good = false;
  constexpr int kAttempts = 3;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    if (attempt > 1 && lseek(fd, 0, SEEK_SET) != 0) break;
    good = ReadAll(fd, max_bytes, bytes, error, regular ? static_cast<size_t>(before.st_size) : 0);
    struct stat after {};
    if (!good || !regular || fstat(fd, &after) != 0) break;
    if (SameVersion(before, after) && bytes->size() == static_cast<size_t>(after.st_size)) break;
    good = false;
    *error = "changed while being read (" + std::to_string(kAttempts) +
             " attempts): still being written? try again when it is complete";
    before = after;
  }
  close(fd);
  return good;
}

bool LooksBinary(std::string_view bytes, std::string* why) {
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                            (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    *why = "UTF-16 text (byte order mark); convert it to UTF-8 first (iconv -f UTF-16)";
    return true;
  }
  struct Magic {
    std::string_view bytes;
    const char* what;
  };
  static constexpr Magic kMagic[] = {
      {"%PDF-", "a PDF file, not text; extract its text first (pdftotext)"},
      {"PK\x03\x04", "a ZIP archive (.docx, .xlsx, …), not text"},
      {"\x89PNG\r\n\x1A\n", "a PNG image, not text"},
      {"\xFF\xD8\xFF", "a JPEG image, not text"},
      {"GIF87a", "a GIF image, not text"},
      {"GIF89a", "a GIF image, not text"},
      {std::string_view("II*\0", 4), "a TIFF image, not text"},
      {std::string_view("MM\0*", 4), "a TIFF image, not text"},
      {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Office file (.doc, .xls), not text"},
  };
  for (const Magic& m : kMagic) {
    if (bytes.substr(0, m.bytes.size()) == m.bytes) {
      *why = m.what;
      return true;
    }
  }
  size_t probe = std::min<size_t>(bytes.size(), 4096);
  size_t nul = 0;
  for (size_t i = 0; i < probe; ++i) nul += bytes[i] == '\0';
  if (nul * 10 > probe && probe > 0) {
    *why = "binary data (" + std::to_string(nul) + " NUL bytes in the first " +
           std::to_string(probe) + "); UTF-16 without a byte order mark?";
    return true;
  }
  // Random or compressed bytes: many control bytes and invalid UTF-8 both.
  // A legacy 8-bit encoding (TCVN3, VNI, VISCII) is invalid UTF-8 too but
  // writes letters, not controls (VISCII's six C0 letters are rare); a UTF-8
  // text with a few bad bytes has neither rate (issue #21).
  size_t controls = 0, invalid = 0;
  for (size_t i = 0; i < probe;) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B) ++controls;
    const size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = length > 0 && i + length <= probe;
    for (size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(bytes[i + k]) & 0xC0) == 0x80;
    if (!valid) ++invalid;
    i += valid ? length : 1;
  }
  if (probe >= 256 && controls * 20 > probe && invalid * 5 > probe) {
    *why = "binary data (" + std::to_string(controls) + " control bytes and " + std::to_string(invalid) +
           " invalid UTF-8 bytes in the first " + std::to_string(probe) +
           "): not text in UTF-8 or a legacy Vietnamese encoding";
    return true;
  }
  return false;
}

namespace {

// Temporary files to remove when a signal ends the process.  A fixed table
// of plain strings: the handler may only call async-signal-safe functions.
constexpr int kMaxTemporaries = 16;
char g_temporaries[kMaxTemporaries][4096];
std::mutex g_temporaries_mutex;

void RegisterTemporary(const std::string& path) {
  std::lock_guard<std::mutex> lock(g_temporaries_mutex);
  for (auto& slot : g_temporaries) {
    if (slot[0] == '\0' && path.size() < sizeof slot) {
      std::memcpy(slot, path.c_str(), path.size() + 1);
      return;
    }
  }
}

void UnregisterTemporary(const std::string& path) {
  std::lock_guard<std::mutex> lock(g_temporaries_mutex);
  for (auto& slot : g_temporaries) {
    if (path == slot) slot[0] = '\0';
  }
}

extern "C" void RemoveTemporariesAndDie(int signal_number) {
  for (auto& slot : g_temporaries) {
    if (slot[0] != '\0') unlink(slot);
  }
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

// Returns the file a symbolic link at `path` leads to (relative targets
// taken from the link's directory, chains followed up to 40 links).
std::string LinkTarget(const std::string& path) {
  fs::path current(path);
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(current, ec))) return current.string();
    fs::path next = fs::read_symlink(current, ec);
    if (ec) return current.string();
    current = next.is_absolute() ? next : current.parent_path() / next;
  }
  return current.string();
}

}  // namespace

void InstallInterruptCleanup() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction action {};
      action.sa_handler = RemoveTemporariesAndDie;
      sigemptyset(&action.sa_mask);
      sigaction(signal_number, &action, nullptr);
    }
  });
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  InstallInterruptCleanup();
  target_ = LinkTarget(path_);
  struct stat st {};
  if (stat(target_.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) {
      OpenThrough(target_);
      return;
    }
    OpenTemporary(target_, st.st_mode & 07777);
    return;
  }
  // A new file: the mode a plain open() would give.
  mode_t mask = umask(0);
  umask(mask);
  OpenTemporary(target_, 0666 & ~mask);
}

// A device, FIFO or socket: written through, never replaced.
bool AtomicFile::OpenThrough(const std::string& target) {
  int fd = open(target.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    error_ = path_ + ": cannot write: " + std::strerror(errno);
    return false;
  }
  file_ = fdopen(fd, "wb");
  if (!file_) {
    error_ = path_ + ": cannot write: " + std::strerror(errno);
    close(fd);
  }
  return file_ != nullptr;
}

bool AtomicFile::OpenTemporary(const std::string& target, mode_t mode) {
  std::string pattern = target + ".tmp-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) {
    error_ = path_ + ": cannot create temporary file: " + std::strerror(errno);
    return false;
  }
  temp_path_ = name.data();
  RegisterTemporary(temp_path_);
  fchmod(fd, mode);  // mkstemp creates 0600
  file_ = fdopen(fd, "wb");
  if (!file_) {
    error_ = path_ + ": " + std::strerror(errno);
    close(fd);
    unlink(temp_path_.c_str());
    UnregisterTemporary(temp_path_);
  }
  return file_ != nullptr;
}

AtomicFile::~AtomicFile() {
  if (file_) {
    fclose(file_);
    if (!temp_path_.empty()) {
      unlink(temp_path_.c_str());
      UnregisterTemporary(temp_path_);
    }
  }
}

bool AtomicFile::Commit() {
  if (!file_) return false;
  const bool through = temp_path_.empty();
  // fsync of a device or FIFO may not be supported (EINVAL): only the
  // replaced regular file must reach the disk.
  bool good = fflush(file_) == 0 && !ferror(file_) && (through || fsync(fileno(file_)) == 0);
  int saved = errno;
  good = (fclose(file_) == 0) && good;
  file_ = nullptr;
  if (through) {
    if (!good) error_ = path_ + ": cannot write: " + std::strerror(saved);
    return good;
  }
  if (good && rename(temp_path_.c_str(), target_.c_str()) == 0) {
    UnregisterTemporary(temp_path_);
    return true;
  }
  error_ = path_ + ": cannot write: " + std::strerror(good ? errno : saved);
  unlink(temp_path_.c_str());
  UnregisterTemporary(temp_path_);
  return false;
}

}  // namespace vbhc
