// vbhc report FILE|DIR... [-o report.html] [--today YYYY-MM-DD]
// One self-contained HTML page for clerks (output/report_html.h).
#include <boost/program_options.hpp>

#include <ctime>
#include <iostream>

#include "cli/commands.h"
#include "cli/input.h"
#include "extract/extractor.h"
#include "output/report_html.h"

namespace vbhc {

namespace po = boost::program_options;

namespace {

// Returns today's local date, ISO.
std::string Today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
  return buf;
}

}  // namespace

int RunReport(const std::vector<std::string>& args) {
  po::options_description options("vbhc report [OPTIONS] FILE|DIR|-...");
  std::string output, glob, today, rules_dir;
  options.add_options()("help,h", "show this help")(
      "output,o", po::value(&output), "write the page to FILE (atomically) instead of standard output")(
      "glob", po::value(&glob)->default_value("*.txt"), "file names to take from directories")(
      "today", po::value(&today), "the day tasks are overdue against (ISO; default: today)")(
      "rules", po::value(&rules_dir), "load rules from DIR instead of the embedded ones");
  po::variables_map vm = ParseCommandLine(args, options, "input");
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << options;
    return kExitOk;
  }
  if (today.empty()) today = Today();
  if (!IsoBounds(today) || today.size() != 10) BadOptionValue("--today", today, "a day, YYYY-MM-DD");
  std::unique_ptr<RuleSet> rules = LoadRulesOrReport(rules_dir);
  if (!rules) return kExitRules;
  Extractor extractor(*rules);
  std::vector<std::string> inputs =
      vm.count("input") ? vm["input"].as<std::vector<std::string>>() : std::vector<std::string>{"-"};
  std::vector<std::string> errors;
  PathList files = ExpandInputs(inputs, glob, &errors);
  int failed = static_cast<int>(errors.size());
  for (const std::string& e : errors) std::cerr << "vbhc report: " << e << "\n";
  std::vector<ReportDocument> documents;
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string path = files[i];
    std::string bytes, error;
    if (!ReadInput(path, size_t{256} << 20, &bytes, &error) || LooksBinary(bytes, &error)) {
      std::cerr << "vbhc report: " << path << ": " << error << "\n";
      ++failed;
      continue;
    }
    Json record = extractor.Extract(bytes, path);
    documents.push_back({std::move(record), std::move(bytes)});
  }
  const std::string page = ReportHtml(documents, today);
  if (output.empty()) {
    std::cout << page;
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "vbhc report: standard output: cannot write\n";
      return kExitOutput;
    }
  } else {
    AtomicFile file(output);
    if (!file.ok() || fwrite(page.data(), 1, page.size(), file.file()) != page.size() || !file.Commit()) {
      std::cerr << "vbhc report: " << (file.error().empty() ? output + ": cannot write" : file.error()) << "\n";
      return kExitOutput;
    }
  }
  return failed ? kExitSomeInputsFailed : kExitOk;
}

}  // namespace vbhc
