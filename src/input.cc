#include "input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace vbhc {

namespace fs = std::filesystem;

std::vector<std::string> ExpandInputs(const std::vector<std::string>& args,
                                      const std::string& glob, std::vector<std::string>* errors) {
  std::vector<std::string> out;
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
    std::vector<std::string> found;
    // Symlinked directories are not followed, so symlink loops cannot recur.
    fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec);
    for (fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
      std::error_code type_ec;
      if (!it->is_regular_file(type_ec)) continue;
      std::string name = it->path().filename().string();
      if (fnmatch(glob.c_str(), name.c_str(), 0) == 0) found.push_back(it->path().string());
    }
    if (ec) errors->push_back(arg + ": " + ec.message());
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

bool ReadInput(const std::string& path, size_t max_bytes, std::string* bytes, std::string* error) {
  bytes->clear();
  int fd = path == "-" ? STDIN_FILENO : open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = std::strerror(errno);
    return false;
  }
  char buffer[1 << 16];
  bool good = true;
  while (true) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = std::strerror(errno);
      good = false;
      break;
    }
    if (n == 0) break;
    if (bytes->size() + static_cast<size_t>(n) > max_bytes) {
      *error = "larger than the limit of " + std::to_string(max_bytes) +
               " bytes (--max-bytes to raise it)";
      good = false;
      break;
    }
    bytes->append(buffer, static_cast<size_t>(n));
  }
  if (fd != STDIN_FILENO) close(fd);
  return good;
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  std::string pattern = path_ + ".tmp-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) {
    error_ = path_ + ": cannot create temporary file: " + std::strerror(errno);
    return;
  }
  temp_path_ = name.data();
  // mkstemp creates 0600; give the result the mode a plain open() would.
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  file_ = fdopen(fd, "wb");
  if (!file_) {
    error_ = path_ + ": " + std::strerror(errno);
    close(fd);
    unlink(temp_path_.c_str());
  }
}

AtomicFile::~AtomicFile() {
  if (file_) {
    fclose(file_);
    unlink(temp_path_.c_str());
  }
}

bool AtomicFile::Commit() {
  if (!file_) return false;
  bool good = fflush(file_) == 0 && !ferror(file_) && fsync(fileno(file_)) == 0;
  int saved = errno;
  good = (fclose(file_) == 0) && good;
  file_ = nullptr;
  if (good && rename(temp_path_.c_str(), path_.c_str()) == 0) return true;
  error_ = path_ + ": cannot write: " + std::strerror(good ? errno : saved);
  unlink(temp_path_.c_str());
  return false;
}

}  // namespace vbhc
