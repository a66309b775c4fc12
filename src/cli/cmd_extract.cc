// vbhc extract [OPTIONS] [FILE|DIR|-]...
// One plan record per document, in input order, whatever --jobs.
#include <boost/program_options.hpp>

#include <cstring>
#include <cstdio>
#include <iostream>
#include <optional>
#include <thread>

#include "cli/commands.h"
#include "cli/extract_stream.h"
#include "cli/input.h"
#include "cli/ordered_map.h"
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
  JobsOption(a.jobs);
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
  const size_t jobs = JobsOption(a.jobs);
  std::unique_ptr<RuleSet> rules = LoadRulesOrReport(a.rules_dir);
  if (!rules) return kExitRules;
  Extractor extractor(*rules, extract_options);
  if (vm.count("stream")) {
    if (vm.count("input") || vm.count("output")) throw po::error("--stream reads standard input and writes standard output");
    if (format == "csv" || format == "ics") throw po::error("--stream writes json or text");
    return RunStream(extractor, {format, jobs, vm.count("skip-bad-lines") > 0});
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

  Progress progress(files);
  size_t done_bytes = 0;
  bool write_failed = false;
  int write_errno = 0;
  // A table's header or a calendar's opening lines come once, before the records.
  const std::string preamble = format == "csv" ? CsvHeader(table) : format == "ics" ? IcsBegin() : "";
  if (!preamble.empty() && fwrite(preamble.data(), 1, preamble.size(), out) != preamble.size()) {
    write_failed = true;
    write_errno = errno;
  }
  MapInOrder<Outcome>(
      files.size(), jobs, [&](size_t i) { return process(files[i]); },
      [&](size_t i, Outcome&& o) {
        done_bytes += o.bytes;
        progress.Update(i + 1, done_bytes);
        if (!o.error.empty()) {
          std::cerr << "vbhc extract: " << files[i] << ": " << o.error << "\n";
          ++failed;
        } else if (!write_failed && fwrite(o.output.data(), 1, o.output.size(), out) != o.output.size()) {
          write_failed = true;
          write_errno = errno;
        }
        return !write_failed;  // a closed pipe or a full disk: no use reading on
      });
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
