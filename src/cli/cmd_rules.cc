// vbhc rules check [--rules DIR] [--corpus DIR] [--verbose]
// vbhc explain [--rules DIR] [--accentless auto|yes|no] TEXT
#include <boost/program_options.hpp>

#include <fstream>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/input.h"
#include "extract/extractor.h"
#include "output/record_json.h"
#include "rules/rule_check.h"

namespace vbhc {

namespace po = boost::program_options;

std::unique_ptr<RuleSet> LoadRulesOrReport(const std::string& dir) {
  std::unique_ptr<RuleSet> rules = dir.empty() ? RuleSet::LoadEmbedded() : RuleSet::LoadDirectory(dir);
  for (const std::string& w : rules->warnings()) std::cerr << "warning: " << w << "\n";
  if (!rules->ok()) {
    std::cerr << rules->error();
    std::cerr << "vbhc: the rules do not load (" << rules->errors().size() << " errors)\n";
    return nullptr;
  }
  return rules;
}

int RunRules(const std::vector<std::string>& args) {
  po::options_description options("vbhc rules check [OPTIONS]");
  std::string rules_dir;
  std::vector<std::string> corpus_dirs;
  options.add_options()("help,h", "show this help")(
      "rules", po::value(&rules_dir), "check the rules in DIR instead of the embedded ones")(
      "corpus", po::value(&corpus_dirs)->multitoken(),
      "documents (files or directories of *.txt) every rule must fire on somewhere")(
      "verbose,v", "list every example, not only failures");
  po::variables_map vm = ParseCommandLine(args, options, "action");
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << options;
    return kExitOk;
  }
  std::vector<std::string> actions =
      vm.count("action") ? vm["action"].as<std::vector<std::string>>() : std::vector<std::string>{};
  std::string action = actions.size() == 1 ? actions[0] : "";
  if (action != "check") throw po::error("expected 'vbhc rules check'");
  std::unique_ptr<RuleSet> rules = LoadRulesOrReport(rules_dir);
  if (!rules) return kExitRules;

  std::vector<std::string> corpus;
  if (!corpus_dirs.empty()) {
    std::vector<std::string> errors;
    PathList paths = ExpandInputs(corpus_dirs, "*.txt", &errors);
    for (size_t i = 0; i < paths.size(); ++i) {
      std::string bytes, error;
      if (ReadInput(paths[i], SIZE_MAX, &bytes, &error)) corpus.push_back(bytes);
    }
    for (const std::string& e : errors) std::cerr << "vbhc rules: " << e << "\n";
    if (!errors.empty()) return kExitUsage;
  }
  RuleCheckReport report = CheckRules(*rules, corpus);
  for (const ExampleResult& r : report.results) {
    if (!r.passed) {
      std::cout << r.message << "\n";
    } else if (vm.count("verbose")) {
      std::cout << "ok " << r.rule->id << ": " << r.what << " '" << r.text << "'\n";
    }
  }
  std::cout << rules->rules().size() << " rules, " << report.results.size() << " checks: "
            << report.passed() << " passed, " << report.failed() << " failed\n";
  return report.failed() ? kExitRules : kExitOk;
}

int RunExplain(const std::vector<std::string>& args) {
  po::options_description options("vbhc explain [OPTIONS] TEXT|FILE|-");
  std::string rules_dir, accentless;
  options.add_options()("help,h", "show this help")(
      "rules", po::value(&rules_dir), "load rules from DIR instead of the embedded ones")(
      "accentless", po::value(&accentless)->default_value("auto"), "auto, yes or no");
  po::variables_map vm = ParseCommandLine(args, options, "text");
  po::notify(vm);
  if (vm.count("help") || !vm.count("text")) {
    std::cout << options;
    return vm.count("help") ? kExitOk : kExitUsage;
  }
  // A file (or - for standard input) is read; anything else is the text
  // itself (issue #18: "vbhc explain doc.txt" took the path as the text).
  const std::vector<std::string>& words = vm["text"].as<std::vector<std::string>>();
  std::string text;
  if (words.size() == 1 && (words[0] == "-" || std::filesystem::is_regular_file(words[0]))) {
    std::string error;
    if (!ReadInput(words[0], size_t{256} << 20, &text, &error) || LooksBinary(text, &error)) {
      std::cerr << "vbhc explain: " << words[0] << ": " << error << "\n";
      return kExitSomeInputsFailed;
    }
  } else {
    for (const std::string& t : words) text += (text.empty() ? "" : " ") + t;
  }
  std::unique_ptr<RuleSet> rules = LoadRulesOrReport(rules_dir);
  if (!rules) return kExitRules;
  ExtractOptions extract_options;
  extract_options.force_view = accentless == "yes" ? 1 : accentless == "no" ? 0 : -1;
  Extractor extractor(*rules, extract_options);
  Analysis a = extractor.Analyze(text);
  std::cout << "normalized: " << a.normalized.text << "\n";
  std::cout << "view:       " << (a.accentless ? "accentless (folded)" : "accented") << "\n";
  for (const RuleMatch& m : a.matches) {
    Span original = a.ToOriginal(m.span);
    std::string warning;
    auto fields = BuildFields(m, *rules, &warning);
    std::cout << m.rule->id << " [" << m.rule->dimension << "] " << original.begin << ".."
              << original.end << " '" << text.substr(original.begin, original.size()) << "' "
              << (fields ? fields->dump() : "(no value" + (warning.empty() ? "" : ": " + warning) + ")")
              << "\n";
  }
  Json record = Extractor::Record(a, text, "(explain)");
  std::cout << "record:     " << RecordToJsonLine(record);
  return kExitOk;
}

}  // namespace vbhc
