// vbhc extract [OPTIONS] [FILE|DIR|-]...
// One plan record per document, in input order, whatever --jobs.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/program_options.hpp>

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "cli/commands.h"
#include "cli/extract_stream.h"
#include "cli/input.h"
#include "extract/extractor.h"
#include "output/exports.h"
#include "output/record_json.h"

namespace vbhc {

namespace po = boost::program_options;

namespace {

struct Outcome {
  std::string output;  // the record, formatted
  std::string error;   // why the document has no record
  size_t bytes = 0;    // input size, for progress
};

// Progress on standard error, only when it is a terminal: files, MB, MB/s, ETA.
class Progress {
 public:
  Progress(size_t files, size_t total_bytes)
      : enabled_(isatty(STDERR_FILENO) == 1), files_(files), total_(total_bytes),
        start_(std::chrono::steady_clock::now()), last_(start_) {}
  void Update(size_t done_files, size_t done_bytes) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(500) && done_files != files_) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    double mb = done_bytes / 1e6;
    double rate = seconds > 0 ? mb / seconds : 0;
    double eta = rate > 0 ? (total_ / 1e6 - mb) / rate : 0;
    std::fprintf(stderr, "\r%zu/%zu files, %.1f MB, %.1f MB/s, ETA %.0f s   ", done_files, files_, mb,
                 rate, eta);
  }
  ~Progress() {
    if (enabled_) std::fprintf(stderr, "\n");
  }

 private:
  bool enabled_;
  size_t files_, total_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace

// Returns the extractor's options from --accentless and --encoding.
ExtractOptions ExtractOptionsOf(const std::string& accentless, const std::string& encoding) {
  ExtractOptions extract_options;
  if (accentless == "yes") {
    extract_options.force_view = 1;
  } else if (accentless == "no") {
    extract_options.force_view = 0;
  } else if (accentless != "auto") {
    BadOptionValue("--accentless", accentless, "auto, yes or no");
  }
  CheckEncodingOption(encoding);
  extract_options.encoding = encoding;
  return extract_options;
}

// More worker threads than this is a typo, not a machine.
constexpr long long kMaxJobs = 1024;

// The command line of vbhc extract.
struct ExtractArgs {
  std::string output, glob, format, table, rules_dir, accentless, encoding, files_from;
  long long jobs = 0;
  long long max_bytes = 0;
};

po::options_description ExtractOptionsDescription(ExtractArgs* a) {
  po::options_description options("vbhc extract [OPTIONS] [FILE|DIR|-]...");
  options.add_options()("help,h", "show this help")(
      "output,o", po::value(&a->output), "write to FILE (atomically) instead of standard output")(
      "glob", po::value(&a->glob)->default_value("*.txt"), "file names to take from directories")(
      "format", po::value(&a->format)->default_value("json"),
      "json (JSON Lines), text (for people), csv (with --table; UTF-8 with BOM for Excel) or ics (calendar)")(
      "table", po::value(&a->table)->default_value("tasks"), "with --format csv: tasks, targets, deadlines or references")(
      "rules", po::value(&a->rules_dir), "load rules from DIR instead of the embedded ones")(
      "jobs,j", po::value(&a->jobs)->default_value(0), "worker threads (0: all cores)")(
      "max-bytes", po::value(&a->max_bytes)->default_value(256ll << 20), "refuse documents larger than this")(
      "accentless", po::value(&a->accentless)->default_value("auto"),
      "match through the accentless view: auto, yes or no")(
      "encoding", po::value(&a->encoding), EncodingOptionHelp().c_str())(
      "stream", "read JSON Lines {\"id\", \"text\"} on standard input, write one record per line "
                "(in order, --jobs threads)")(
      "skip-bad-lines", "with --stream: a line that is not a JSON object with a string \"text\" gets no "
                        "record (default: an error record, so that every line has one)")(
      "files-from", po::value(&a->files_from), "read the inputs' names from FILE (- for standard input), one "
                                               "a line")(
      "null,0", "with --files-from: names end with NUL, not a line break (find -print0)");
  return options;
}

// Refuses option values that make no sense, with the usage error.
void CheckExtractArgs(const ExtractArgs& a) {
  if (a.format != "json" && a.format != "text" && a.format != "csv" && a.format != "ics") {
    BadOptionValue("--format", a.format, "json, text, csv or ics");
  }
  if (a.format == "csv" && !KnownCsvTable(a.table)) BadOptionValue("--table", a.table, "tasks, targets, deadlines or references");
  CheckRange("--jobs", a.jobs, 0, kMaxJobs, "a number of threads from 0 (all cores) to " + std::to_string(kMaxJobs));
  CheckRange("--max-bytes", a.max_bytes, 1, 1ll << 40, "a size in bytes, at least 1");
}

int RunExtract(const std::vector<std::string>& args) {
  ExtractArgs a;
  const po::options_description options = ExtractOptionsDescription(&a);
  po::variables_map vm = ParseCommandLine(args, options, "input");
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << options;
    return kExitOk;
  }
  CheckExtractArgs(a);
  const ExtractOptions extract_options = ExtractOptionsOf(a.accentless, a.encoding);
  const std::string& output = a.output;
  const std::string& format = a.format;
  const std::string& table = a.table;
  long long jobs = a.jobs;
  std::unique_ptr<RuleSet> rules = LoadRulesOrReport(a.rules_dir);
  if (!rules) return kExitRules;
  Extractor extractor(*rules, extract_options);
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());  // NOLINT
  if (vm.count("stream")) {
    if (vm.count("input") || vm.count("output")) throw po::error("--stream reads standard input and writes standard output");
    if (format == "csv" || format == "ics") throw po::error("--stream writes json or text");
    return RunStream(extractor, {format, static_cast<size_t>(jobs), vm.count("skip-bad-lines") > 0});
  }

  std::vector<std::string> inputs =
      vm.count("input") ? vm["input"].as<std::vector<std::string>>()
      : a.files_from.empty() ? std::vector<std::string>{"-"} : std::vector<std::string>{};
  std::vector<std::string> errors;
  PathList files = ExpandInputs(inputs, a.glob, &errors);
  if (!a.files_from.empty() && !ReadNameList(a.files_from, vm.count("null") ? '\0' : '\n', a.glob, &files, &errors)) {
    std::cerr << "vbhc extract: " << errors.back() << "\n";
    return kExitSomeInputsFailed;
  }
  int failed = static_cast<int>(errors.size());
  for (const std::string& e : errors) std::cerr << "vbhc extract: " << e << "\n";

  std::optional<AtomicFile> atomic;
  FILE* out = stdout;
  if (!output.empty()) {
    atomic.emplace(output);
    if (!atomic->ok()) {
      std::cerr << "vbhc extract: " << atomic->error() << "\n";
      return kExitOutput;
    }
    out = atomic->file();
  }

  auto process = [&](const std::string& path) {
    Outcome o;
    std::string bytes;
    if (!ReadInput(path, static_cast<size_t>(a.max_bytes), &bytes, &o.error)) return o;
    o.bytes = bytes.size();
    if (LooksBinary(bytes, &o.error)) return o;  // input.h
    Json record = extractor.Extract(bytes, path);
    o.output = format == "json" ? RecordToJsonLine(record) : format == "text" ? RecordToText(record)
               : format == "csv"  ? RecordToCsv(record, table) : RecordToIcs(record);
    return o;
  };

  // Workers fill a bounded window of slots (a ring: memory does not grow
  // with the number of files); this thread writes them in order.
  const size_t window = static_cast<size_t>(jobs) * 8;
  std::vector<std::optional<Outcome>> slots(window + 1);
  std::mutex mutex;
  std::condition_variable ready;
  // One job runs on this thread: no hand-over per document (measured: a
  // worker thread and this one trading each document cost 30% more time).
  std::optional<boost::asio::thread_pool> pool;
  if (jobs > 1) pool.emplace(static_cast<size_t>(jobs));
  size_t submitted = 0;
  auto submit_until = [&](size_t limit) {
    if (!pool) return;
    for (; submitted < limit && submitted < files.size(); ++submitted) {
      size_t i = submitted;
      boost::asio::post(*pool, [&, i] {
        Outcome o = process(files[i]);
        std::lock_guard<std::mutex> lock(mutex);
        slots[i % slots.size()] = std::move(o);
        ready.notify_one();
      });
    }
  };
  submit_until(window);
  size_t total_bytes = 0;
  if (isatty(STDERR_FILENO) == 1) {
    for (size_t i = 0; i < files.size(); ++i) {
      std::error_code ec;
      if (files[i] != "-") total_bytes += std::filesystem::file_size(files[i], ec);
    }
  }
  Progress progress(files.size(), total_bytes);
  size_t done_bytes = 0;
  bool write_failed = false;
  int write_errno = 0;
  // A table's header or a calendar's opening lines come once, before the records.
  const std::string preamble = format == "csv" ? CsvHeader(table) : format == "ics" ? IcsBegin() : "";
  if (!preamble.empty() && fwrite(preamble.data(), 1, preamble.size(), out) != preamble.size()) {
    write_failed = true;
    write_errno = errno;
  }
  for (size_t i = 0; i < files.size(); ++i) {
    Outcome o;
    if (!pool) {
      o = process(files[i]);
    } else {
      std::unique_lock<std::mutex> lock(mutex);
      std::optional<Outcome>& slot = slots[i % slots.size()];
      ready.wait(lock, [&] { return slot.has_value(); });
      o = std::move(*slot);
      slot.reset();
    }
    submit_until(i + 1 + window);
    done_bytes += o.bytes;
    progress.Update(i + 1, done_bytes);
    if (!o.error.empty()) {
      std::cerr << "vbhc extract: " << files[i] << ": " << o.error << "\n";
      ++failed;
      continue;
    }
    if (!write_failed && fwrite(o.output.data(), 1, o.output.size(), out) != o.output.size()) {
      write_failed = true;
      write_errno = errno;
    }
  }
  if (pool) pool->join();
  if (format == "ics" && !write_failed) {
    const std::string end = IcsEnd();
    if (fwrite(end.data(), 1, end.size(), out) != end.size()) write_failed = true, write_errno = errno;
  }
  if (write_failed || fflush(out) != 0) {
    if (!write_failed) write_errno = errno;
    std::cerr << "vbhc extract: " << (output.empty() ? std::string("standard output") : output)
              << ": cannot write: " << std::strerror(write_errno) << "\n";
    return kExitOutput;
  }
  if (atomic && !atomic->Commit()) {
    std::cerr << "vbhc extract: " << atomic->error() << "\n";
    return kExitOutput;
  }
  return failed ? kExitSomeInputsFailed : kExitOk;
}

}  // namespace vbhc
