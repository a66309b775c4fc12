#include "cli/extract_stream.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <future>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/input.h"
#include "output/record_json.h"
#include "text/vietnamese.h"

namespace vbhc {
namespace {

// Invalid UTF-8 bytes travel through the JSON parser as code points of
// plane 16's private use area, U+10FF00 + byte, and come back as the bytes.
constexpr char32_t kRawByteBase = 0x10FF00;

std::string HideInvalidBytes(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    const size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = length > 0 && i + length <= line.size();
    for (size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(line[i + k]) & 0xC0) == 0x80;
    if (valid) {
      out.append(line.substr(i, length));
      i += length;
    } else {
      AppendUtf8(kRawByteBase + c, &out);
      ++i;
    }
  }
  return out;
}

std::string RestoreInvalidBytes(const std::string& text) {
  if (text.find("\xF4\x8F") == std::string::npos) return text;  // no U+10F000..U+10FFFF
  std::string out;
  for (size_t pos = 0; pos < text.size();) {
    const size_t start = pos;
    const char32_t c = DecodeUtf8(text, &pos);
    if (c >= kRawByteBase && c <= kRawByteBase + 0xFF) {
      out.push_back(static_cast<char>(c - kRawByteBase));
    } else {
      out.append(text, start, pos - start);
    }
  }
  return out;
}

// A record for a line that could not be read: nothing extracted, the reason
// in its warnings, so that every input line has its output line.
Json ErrorRecord(const Extractor& extractor, std::string_view line, const std::string& path,
                 const std::string& error) {
  Json record = extractor.Extract("", path);
  record["source"]["bytes"] = line.size();
  record["source"]["sha256"] = Sha256Hex(line);
  record["warnings"].push_back({{"span", {0, line.size()}}, {"message", error}});
  return record;
}

}  // namespace

std::optional<Json> ParseStreamLine(std::string_view line, std::string* error) {
  Json in = Json::parse(HideInvalidBytes(line), nullptr, /*allow_exceptions=*/false);
  if (in.is_discarded() || !in.is_object() || !in.contains("text") || !in["text"].is_string()) {
    *error = in.is_discarded() ? "not JSON" : "expected a JSON object with a string \"text\" (and an \"id\")";
    return std::nullopt;
  }
  in["text"] = RestoreInvalidBytes(in["text"].get<std::string>());
  if (in.contains("id") && in["id"].is_string()) in["id"] = RestoreInvalidBytes(in["id"].get<std::string>());
  return in;
}

namespace {

// Writes the outputs in input order as each finishes, on a thread of its
// own: a record goes out as soon as it is made, while the reader waits for
// the next line (a map step must not hold records back).
class OrderedWriter {
 public:
  explicit OrderedWriter(size_t window) : window_(window), thread_([this] { Loop(); }) {}
  ~OrderedWriter() { Finish(); }

  // Queues the output to come; waits while `window` outputs are pending.
  void Push(std::future<std::string> output) {
    std::unique_lock<std::mutex> lock(mutex_);
    room_.wait(lock, [&] { return pending_.size() < window_ || failed_; });
    pending_.push_back(std::move(output));
    work_.notify_one();
  }
  // Writes what is pending; returns false when standard output failed.
  bool Finish() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
      work_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
    return !failed_;
  }
  bool failed() const { return failed_; }

 private:
  void Loop() {
    for (;;) {
      std::future<std::string> next;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        work_.wait(lock, [&] { return !pending_.empty() || done_; });
        if (pending_.empty()) return;
        next = std::move(pending_.front());
        pending_.pop_front();
        room_.notify_one();
      }
      const std::string out = next.get();
      if (failed_) continue;
      if (fwrite(out.data(), 1, out.size(), stdout) != out.size() || fflush(stdout) != 0) {
        std::cerr << "vbhc extract: standard output: cannot write: " << std::strerror(errno) << "\n";
        failed_ = true;
        room_.notify_all();
      }
    }
  }

  const size_t window_;
  std::mutex mutex_;
  std::condition_variable work_, room_;
  std::deque<std::future<std::string>> pending_;
  std::atomic<bool> failed_{false};
  bool done_ = false;
  std::thread thread_;
};

// The lines of a C stream, each without its '\n'.  POSIX getline finds a
// line's end with memchr: std::getline on std::cin, which stays in step
// with C stdio, read a character per call (~220 instructions per input
// byte, more than parsing the JSON).
class LineReader {
 public:
  explicit LineReader(FILE* in) : in_(in) {}
  ~LineReader() { std::free(buffer_); }
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Reads the next line into *line; false at the end (or on a read error).
  bool Next(std::string* line) {
    const ssize_t n = getline(&buffer_, &capacity_, in_);
    if (n < 0) return false;
    line->assign(buffer_, static_cast<size_t>(n) - (n > 0 && buffer_[n - 1] == '\n' ? 1 : 0));
    return true;
  }

 private:
  FILE* in_;
  char* buffer_ = nullptr;
  size_t capacity_ = 0;
};

}  // namespace

int RunStream(const Extractor& extractor, const StreamOptions& options) {
  std::optional<boost::asio::thread_pool> pool;
  if (options.jobs > 1) pool.emplace(options.jobs);
  OrderedWriter writer(options.jobs * 8);
  std::string line;
  size_t number = 0;
  int failed = 0;
  LineReader lines(stdin);
  while (lines.Next(&line) && !writer.failed()) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string error;
    std::optional<Json> in = ParseStreamLine(line, &error);
    const std::string where = "stdin:" + std::to_string(number);
    if (!in) {
      std::cerr << "vbhc extract: " << where << ": " << error << "\n";
      ++failed;
      if (options.skip_bad_lines) continue;
    }
    const Json id = in && in->contains("id") ? (*in)["id"] : Json(nullptr);
    const std::string path = id.is_null() ? where : id.is_string() ? id.get<std::string>() : id.dump();
    auto task = std::make_shared<std::packaged_task<std::string()>>(
        [&extractor, &options, in = std::move(in), id, path, line, where, error]() {
          Json record = in ? extractor.Extract((*in)["text"].get_ref<const std::string&>(), path)
                           : ErrorRecord(extractor, line, where, where + ": " + error);
          if (!id.is_null()) record["source"]["id"] = id;
          return options.format == "json" ? RecordToJsonLine(record) : RecordToText(record);
        });
    std::future<std::string> output = task->get_future();
    if (pool) {
      boost::asio::post(*pool, [task] { (*task)(); });
    } else {
      (*task)();
    }
    writer.Push(std::move(output));
  }
  const bool written = writer.Finish();
  if (pool) pool->join();
  if (!written) return kExitOutput;
  return failed ? kExitSomeInputsFailed : kExitOk;
}

}  // namespace vbhc
