#include "cli/ordered_map.h"

#include <unistd.h>

#include <filesystem>

namespace vbhc {

Progress::Progress(const PathList& files)
    : enabled_(isatty(STDERR_FILENO) == 1), files_(files.size()), total_(0),
      start_(std::chrono::steady_clock::now()), last_(start_) {
  if (!enabled_) return;
  for (size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    const std::string path = files[i];
    if (path != "-") total_ += std::filesystem::file_size(path, ec);
  }
}

Progress::~Progress() {
  if (enabled_) std::fprintf(stderr, "\n");
}

void Progress::Update(size_t done_files, size_t done_bytes) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(500) && done_files != files_) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double mb = done_bytes / 1e6;
  const double rate = seconds > 0 ? mb / seconds : 0;
  const double eta = rate > 0 ? (total_ / 1e6 - mb) / rate : 0;
  std::fprintf(stderr, "\r%zu/%zu files, %.1f MB, %.1f MB/s, ETA %.0f s   ", done_files, files_, mb, rate, eta);
}

}  // namespace vbhc
