// vbhc extract [OPTIONS] [FILE|DIR|-]...
// One plan record per document, in input order, whatever --jobs.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/program_options.hpp>

#include <condition_variable>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "commands.h"
#include "extractor.h"
#include "input.h"
#include "record_json.h"

namespace vbhc {

namespace po = boost::program_options;

namespace {

struct Outcome {
  std::string output;  // the record, formatted
  std::string error;   // why the document has no record
};

bool LooksBinary(std::string_view bytes, std::string* why) {
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                            (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    *why = "UTF-16 text (byte order mark); convert it to UTF-8 first (iconv -f UTF-16)";
    return true;
  }
  if (bytes.substr(0, 5) == "%PDF-") {
    *why = "a PDF file, not text; extract its text first (pdftotext)";
    return true;
  }
  if (bytes.substr(0, 4) == "PK\x03\x04") {
    *why = "a ZIP archive (.docx, .xlsx, …), not text";
    return true;
  }
  size_t probe = std::min<size_t>(bytes.size(), 4096);
  size_t nul = 0;
  for (size_t i = 0; i < probe; ++i) nul += bytes[i] == '\0';
  if (nul * 10 > probe && probe > 0) {
    *why = "binary data (" + std::to_string(nul) + " NUL bytes in the first " +
           std::to_string(probe) + "); UTF-16 without a byte order mark?";
    return true;
  }
  return false;
}

}  // namespace

int RunExtract(const std::vector<std::string>& args) {
  po::options_description options("vbhc extract [OPTIONS] [FILE|DIR|-]...");
  std::string output, glob, format, rules_dir, accentless;
  unsigned jobs = 0;
  size_t max_bytes = 0;
  options.add_options()("help,h", "show this help")(
      "output,o", po::value(&output), "write to FILE (atomically) instead of standard output")(
      "glob", po::value(&glob)->default_value("*.txt"), "file names to take from directories")(
      "format", po::value(&format)->default_value("json"), "json (JSON Lines) or text")(
      "rules", po::value(&rules_dir), "load rules from DIR instead of the embedded ones")(
      "jobs,j", po::value(&jobs)->default_value(0), "worker threads (0: all cores)")(
      "max-bytes", po::value(&max_bytes)->default_value(256u << 20),
      "refuse documents larger than this")(
      "accentless", po::value(&accentless)->default_value("auto"),
      "match through the accentless view: auto, yes or no");
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(), "input");
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << options;
    return kExitOk;
  }
  if (format != "json" && format != "text") {
    throw po::invalid_option_value("--format=" + format + " (json or text)");
  }
  ExtractOptions extract_options;
  if (accentless == "yes") {
    extract_options.force_view = 1;
  } else if (accentless == "no") {
    extract_options.force_view = 0;
  } else if (accentless != "auto") {
    throw po::invalid_option_value("--accentless=" + accentless + " (auto, yes or no)");
  }
  std::unique_ptr<RuleSet> rules = LoadRulesOrReport(rules_dir);
  if (!rules) return kExitRules;
  Extractor extractor(*rules, extract_options);

  std::vector<std::string> inputs =
      vm.count("input") ? vm["input"].as<std::vector<std::string>>() : std::vector<std::string>{"-"};
  std::vector<std::string> errors;
  std::vector<std::string> files = ExpandInputs(inputs, glob, &errors);
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
    if (!ReadInput(path, max_bytes, &bytes, &o.error)) return o;
    if (LooksBinary(bytes, &o.error)) return o;
    Json record = extractor.Extract(bytes, path);
    o.output = format == "json" ? RecordToJsonLine(record) : RecordToText(record);
    return o;
  };

  // Workers fill a bounded window of slots; this thread writes them in order.
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  const size_t window = static_cast<size_t>(jobs) * 8;
  std::vector<std::optional<Outcome>> slots(files.size());
  std::mutex mutex;
  std::condition_variable ready;
  boost::asio::thread_pool pool(jobs);
  size_t submitted = 0;
  auto submit_until = [&](size_t limit) {
    for (; submitted < limit && submitted < files.size(); ++submitted) {
      size_t i = submitted;
      boost::asio::post(pool, [&, i] {
        Outcome o = process(files[i]);
        std::lock_guard<std::mutex> lock(mutex);
        slots[i] = std::move(o);
        ready.notify_all();
      });
    }
  };
  submit_until(window);
  bool write_failed = false;
  for (size_t i = 0; i < files.size(); ++i) {
    Outcome o;
    {
      std::unique_lock<std::mutex> lock(mutex);
      ready.wait(lock, [&] { return slots[i].has_value(); });
      o = std::move(*slots[i]);
      slots[i].reset();
    }
    submit_until(i + 1 + window);
    if (!o.error.empty()) {
      std::cerr << "vbhc extract: " << files[i] << ": " << o.error << "\n";
      ++failed;
      continue;
    }
    if (!write_failed && fwrite(o.output.data(), 1, o.output.size(), out) != o.output.size()) {
      write_failed = true;
    }
  }
  pool.join();
  if (write_failed || fflush(out) != 0) {
    std::cerr << "vbhc extract: cannot write output\n";
    return kExitOutput;
  }
  if (atomic && !atomic->Commit()) {
    std::cerr << "vbhc extract: " << atomic->error() << "\n";
    return kExitOutput;
  }
  return failed ? kExitSomeInputsFailed : kExitOk;
}

}  // namespace vbhc
