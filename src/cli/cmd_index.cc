// vbhc index [FILE|DIR]... --db archive.sqlite
// vbhc search --db archive.sqlite [--number N] [--cites N] [--issuer S]
//             [--from DATE] [--to DATE] [--deadline-year Y] [--text Q] [--format table|json]
#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>
#include <set>
#include <tuple>

#include "cli/commands.h"
#include "cli/input.h"
#include "extract/extractor.h"
#include "output/index_db.h"

namespace vbhc {

namespace po = boost::program_options;

int RunIndex(const std::vector<std::string>& args) {
  po::options_description options("vbhc index [OPTIONS] [FILE|DIR]...");
  std::string db_path, glob, rules_dir;
  size_t batch = 0, max_bytes = 0;
  options.add_options()("help,h", "show this help")(
      "db", po::value(&db_path)->required(), "the SQLite database (created if missing)")(
      "glob", po::value(&glob)->default_value("*.txt"), "file names to take from directories")(
      "rules", po::value(&rules_dir), "load rules from DIR instead of the embedded ones")(
      "batch", po::value(&batch)->default_value(200), "documents per transaction")(
      "max-bytes", po::value(&max_bytes)->default_value(256u << 20), "refuse larger documents");
  po::variables_map vm = ParseCommandLine(args, options, "input");
  if (vm.count("help")) {
    std::cout << options;
    return kExitOk;
  }
  po::notify(vm);
  std::unique_ptr<RuleSet> rules = LoadRulesOrReport(rules_dir);
  if (!rules) return kExitRules;
  Extractor extractor(*rules);
  IndexDb db(db_path, rules.get());
  if (!db.ok()) {
    std::cerr << "vbhc index: " << db.error() << "\n";
    return kExitOutput;
  }
  std::vector<std::string> inputs =
      vm.count("input") ? vm["input"].as<std::vector<std::string>>() : std::vector<std::string>{};
  std::vector<std::string> errors;
  PathList files = ExpandInputs(inputs, glob, &errors);
  int failed = static_cast<int>(errors.size());
  for (const std::string& e : errors) std::cerr << "vbhc index: " << e << "\n";

  size_t added = 0, replaced = 0, unchanged = 0, removed = 0, in_batch = 0;
  std::set<std::string> seen;
  auto flush = [&] {
    if (in_batch > 0 && !db.Commit()) return false;
    in_batch = 0;
    return true;
  };
  std::string bytes, error;
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string path = files[i];
    seen.insert(path);
    if (!ReadInput(path, max_bytes, &bytes, &error) || LooksBinary(bytes, &error)) {
      std::cerr << "vbhc index: " << path << ": " << error << "\n";
      ++failed;
      continue;
    }
    std::string sha = Sha256Hex(bytes);
    std::optional<std::string> stored = db.StoredSha256(path);
    if (stored && *stored == sha) {
      ++unchanged;
      continue;
    }
    Analysis a = extractor.Analyze(bytes);
    Json record = Extractor::Record(a, bytes, path);
    if (in_batch == 0 && !db.Begin()) break;
    if (!db.Put(record, a.normalized.text)) break;
    ++(stored ? replaced : added);
    if (++in_batch >= batch && !flush()) break;
  }
  if (!db.ok() || !flush()) {
    std::cerr << "vbhc index: " << db_path << ": " << db.error() << "\n";
    return kExitOutput;
  }
  // Documents indexed from these inputs before and gone now.
  for (const std::string& path : db.Paths()) {
    if (seen.count(path)) continue;
    bool under_input = false;
    for (const std::string& in : inputs) {
      std::string prefix = in.back() == '/' ? in : in + "/";
      under_input = under_input || path == in || path.rfind(prefix, 0) == 0;
    }
    if (!under_input || std::filesystem::exists(path)) continue;
    std::cerr << "vbhc index: removed: " << path << "\n";
    if (!db.Begin() || !db.Remove(path) || !db.Commit()) {
      std::cerr << "vbhc index: " << db.error() << "\n";
      return kExitOutput;
    }
    ++removed;
  }
  std::cerr << "vbhc index: " << added << " added, " << replaced << " replaced, " << unchanged
            << " unchanged, " << removed << " removed, " << failed << " failed\n";
  return failed ? kExitSomeInputsFailed : kExitOk;
}

namespace {

// Prints the tasks found: a table for people (deadline, lead, document,
// task) or JSON Lines.
int PrintTasks(IndexDb& db, const SearchQuery& q, const std::string& format) {
  std::vector<TaskHit> hits = db.SearchTasks(q);
  if (!db.ok()) {
    std::cerr << "vbhc search: " << db.error() << "\n";
    return kExitUsage;
  }
  for (const TaskHit& h : hits) {
    if (format == "json") {
      auto or_null = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
      Json j = {{"path", h.path}, {"number", or_null(h.number)}, {"lead", h.lead},
                {"deadline", or_null(h.deadline)}, {"recurrence", or_null(h.recurrence)}, {"task", h.task}};
      std::cout << j.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
    } else {
      std::cout << (h.deadline.empty() ? "-" : h.deadline) << "  " << h.lead << "  " << h.number << "  "
                << h.path << "\n    " << h.task << "\n";
    }
  }
  if (format == "table") std::cout << hits.size() << " tasks\n";
  return kExitOk;
}

}  // namespace

int RunSearch(const std::vector<std::string>& args) {
  po::options_description options("vbhc search --db FILE [QUERY OPTIONS]");
  std::string db_path, format;
  SearchQuery q;
  options.add_options()("help,h", "show this help")(
      "db", po::value(&db_path)->required(), "the SQLite database made by vbhc index")(
      "number", po::value(&q.number), "a document number (2631/QĐ-UBND, also typed 2631/QD-UBND): "
                                      "the document itself and those citing it")(
      "cites", po::value(&q.cites), "documents that cite this number (the citation graph)")(
      "issuer", po::value(&q.issuer), "part of the issuer's name, accents optional")(
      "from", po::value(&q.date_from), "documents dated on or after (ISO date)")(
      "to", po::value(&q.date_to), "documents dated on or before (ISO date)")(
      "deadline-year", po::value(&q.deadline_year), "documents with a deadline in this year")(
      "text", po::value(&q.text), "a phrase of the text, accents optional")(
      "lead", po::value(&q.lead), "tasks whose lead agency's name holds this, accents optional "
                                  "(lists tasks instead of documents)")(
      "due-before", po::value(&q.due_before), "tasks due by this day, month, quarter or year (ISO: "
                                              "2025-12-31, 2025-12, 2025-Q4, 2025)")(
      "due-after", po::value(&q.due_after), "tasks due on or after this day, month, quarter or year")(
      "limit", po::value(&q.limit)->default_value(100), "at most this many results")(
      "format", po::value(&format)->default_value("table"), "table (people) or json (JSON Lines)");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(options).run(), vm);
  if (vm.count("help")) {
    std::cout << options;
    return kExitOk;
  }
  po::notify(vm);
  if (format != "table" && format != "json") BadOptionValue("--format", format, "table or json");
  if (!std::filesystem::exists(db_path)) {
    std::cerr << "vbhc search: " << db_path << ": no such database (make it with vbhc index)\n";
    return kExitUsage;
  }
  // Task dates of any precision: "--due-before 2025" is the end of 2025.
  for (auto [option, value, last] : {std::tuple{"--due-before", &q.due_before, true},
                                     std::tuple{"--due-after", &q.due_after, false}}) {
    if (value->empty()) continue;
    const auto bounds = IsoBounds(*value);
    if (!bounds) {
      std::cerr << "vbhc search: " << option << " " << *value
                << ": not an ISO day, month, quarter or year (2025-12-31, 2025-12, 2025-Q4, 2025)\n";
      return kExitUsage;
    }
    *value = last ? bounds->second : bounds->first;
  }
  // Names are compared with their abbreviations expanded (UBND = Ủy ban nhân dân).
  std::unique_ptr<RuleSet> rules = LoadRulesOrReport("");
  if (!rules) return kExitRules;
  IndexDb db(db_path, rules.get());
  if (!q.lead.empty() || !q.due_before.empty() || !q.due_after.empty()) return PrintTasks(db, q, format);
  std::vector<SearchHit> hits = db.Search(q);
  if (!db.ok()) {
    std::cerr << "vbhc search: " << db.error() << "\n";
    return kExitUsage;
  }
  for (const SearchHit& h : hits) {
    if (format == "json") {
      Json j = {{"path", h.path}, {"type", h.type},     {"number", h.number},
                {"date", h.date}, {"issuer", h.issuer}, {"title", h.title}};
      std::cout << j.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
    } else {
      std::cout << h.date << "  " << h.type << " " << h.number << "  " << h.path << "\n";
    }
  }
  if (format == "table") std::cout << hits.size() << " documents\n";
  return kExitOk;
}

}  // namespace vbhc
