// vbhc index [FILE|DIR]... --db archive.sqlite
// vbhc search --db archive.sqlite [--number N] [--cites N] [--issuer S]
//             [--from DATE] [--to DATE] [--deadline-year Y] [--text Q] [--format table|json]
#include <boost/program_options.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <unordered_map>
#include <tuple>

#include "cli/commands.h"
#include "cli/input.h"
#include "cli/ordered_map.h"
#include "extract/extractor.h"
#include "output/index_db.h"

namespace vbhc {

namespace po = boost::program_options;

namespace {

// Returns the absolute path of `path` with "." and ".." resolved and
// symbolic links followed where they exist.
std::string CanonicalPath(const std::string& path) {
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  return ec ? path : canonical.string();
}

}  // namespace

namespace {

// What indexing one file came to.
struct IndexOutcome {
  std::string path;         // as stored: canonical, or the name of standard input
  std::string error;        // why it has no record
  bool unchanged = false;   // the same bytes are indexed under `path`
  std::optional<Json> record;
  std::string normalized;   // the text for full-text search
  size_t bytes = 0;
};

struct IndexCounts {
  size_t added = 0, replaced = 0, unchanged = 0, removed = 0;
  int failed = 0;
};

// Reads and extracts `given` unless `stored` (path -> sha256 indexed)
// already holds its bytes.  Any thread.
IndexOutcome IndexFile(const Extractor& extractor, const std::string& given, const std::string& stdin_name,
                       size_t max_bytes, const std::unordered_map<std::string, std::string>& stored) {
  IndexOutcome o;
  std::string bytes;
  if (!ReadInput(given, max_bytes, &bytes, &o.error) || LooksBinary(bytes, &o.error)) return o;
  o.bytes = bytes.size();
  const std::string sha = Sha256Hex(bytes);
  // One document, one row: stored under its canonical absolute path, so
  // that docs/, ./docs/ and /abs/docs/ name the same rows (issue #19).
  o.path = given == "-" ? (stdin_name.empty() ? "stdin:" + sha : stdin_name) : CanonicalPath(given);
  auto it = stored.find(o.path);
  o.unchanged = it != stored.end() && it->second == sha;
  if (o.unchanged) return o;
  Analysis a = extractor.Analyze(bytes);
  o.record = Extractor::Record(a, bytes, o.path);
  o.normalized = std::move(a.normalized.text);
  return o;
}

// Drops the documents indexed from under `inputs` before that are gone now.
bool RemoveGone(IndexDb& db, const std::vector<std::string>& inputs, const std::set<std::string>& seen,
                IndexCounts* counts) {
  std::vector<std::string> canonical_inputs;
  for (const std::string& in : inputs) {
    if (in != "-") canonical_inputs.push_back(CanonicalPath(in));
  }
  for (const std::string& path : db.Paths()) {
    if (seen.count(path)) continue;
    bool under_input = false;
    for (const std::string& in : canonical_inputs) {
      std::string prefix = in.back() == '/' ? in : in + "/";
      under_input = under_input || path == in || path.rfind(prefix, 0) == 0;
    }
    if (!under_input || std::filesystem::exists(path)) continue;
    std::cerr << "vbhc index: removed: " << path << "\n";
    if (!db.Begin() || !db.Remove(path) || !db.Commit()) return false;
    ++counts->removed;
  }
  return true;
}

}  // namespace

int RunIndex(const std::vector<std::string>& args) {
  po::options_description options("vbhc index [OPTIONS] [FILE|DIR]...");
  std::string db_path, glob, rules_dir, stdin_name;
  size_t batch = 0, max_bytes = 0;
  long long jobs = 0;
  options.add_options()("help,h", "show this help")(
      "db", po::value(&db_path)->required(), "the SQLite database (created if missing)")(
      "glob", po::value(&glob)->default_value("*.txt"), "file names to take from directories")(
      "rules", po::value(&rules_dir), "load rules from DIR instead of the embedded ones")(
      "jobs,j", po::value(&jobs)->default_value(0), "threads reading and extracting (0: all cores); one writes")(
      "batch", po::value(&batch)->default_value(200), "documents per transaction")(
      "max-bytes", po::value(&max_bytes)->default_value(256u << 20), "refuse larger documents")(
      "name", po::value(&stdin_name), "the name of a document read from standard input (-); "
                                      "default: stdin:SHA256 of its bytes");
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
  IndexCounts n;
  n.failed = static_cast<int>(errors.size());
  for (const std::string& e : errors) std::cerr << "vbhc index: " << e << "\n";

  const std::unordered_map<std::string, std::string> stored = db.StoredSha256s();
  std::set<std::string> seen;
  Progress progress(files);
  size_t done_bytes = 0, in_batch = 0;
  const bool written = MapInOrder<IndexOutcome>(
      files.size(), JobsOption(jobs),
      [&](size_t i) { return IndexFile(extractor, files[i], stdin_name, max_bytes, stored); },
      [&](size_t i, IndexOutcome&& o) {
        progress.Update(i + 1, done_bytes += o.bytes);
        if (!o.error.empty()) {
          std::cerr << "vbhc index: " << files[i] << ": " << o.error << "\n";
          ++n.failed;
          return true;
        }
        seen.insert(o.path);
        if (o.unchanged) return ++n.unchanged, true;
        if (in_batch == 0 && !db.Begin()) return false;
        if (!db.Put(*o.record, o.normalized)) return false;
        ++(stored.count(o.path) ? n.replaced : n.added);
        if (++in_batch < batch) return true;
        in_batch = 0;
        return db.Commit();
      });
  if (!written || (in_batch > 0 && !db.Commit()) || !RemoveGone(db, inputs, seen, &n)) {
    std::cerr << "vbhc index: " << db_path << ": " << db.error() << "\n";
    return kExitOutput;
  }
  std::cerr << "vbhc index: " << n.added << " added, " << n.replaced << " replaced, " << n.unchanged
            << " unchanged, " << n.removed << " removed, " << n.failed << " failed\n";
  return n.failed ? kExitSomeInputsFailed : kExitOk;
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
  return hits.empty() ? kExitSomeInputsFailed : kExitOk;  // like grep
}

}  // namespace

namespace {

// Returns "" as JSON null: the index stores missing fields as empty text.
Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

// Prints the documents found: what each is to the query (the document, or
// one citing it and by which text), its date, type, number, issuer and title,
// and a snippet for --text; the footer counts honestly ("100 of 340").
void PrintDocuments(const SearchResult& result, const std::string& format) {
  for (const SearchHit& h : result.hits) {
    if (format == "json") {
      Json j = {{"path", h.path},         {"relation", h.relation}, {"reference", OrNull(h.reference)},
                {"type", OrNull(h.type)}, {"number", OrNull(h.number)}, {"date", OrNull(h.date)},
                {"issuer", OrNull(h.issuer)}, {"title", OrNull(h.title)}};
      if (!h.snippet.empty()) j["snippet"] = h.snippet;
      std::cout << j.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
      continue;
    }
    std::cout << (h.date.empty() ? "-" : h.date) << "  " << h.type << " " << h.number << "  " << h.path;
    if (h.relation == "cites") std::cout << "  (cites it: " << h.reference << ")";
    std::cout << "\n";
    if (!h.issuer.empty() || !h.title.empty()) std::cout << "    " << h.issuer << (h.title.empty() ? "" : " — ") << h.title << "\n";
    if (!h.snippet.empty()) {
      std::string snippet = h.snippet;
      std::replace(snippet.begin(), snippet.end(), '\n', ' ');
      std::cout << "    " << snippet << "\n";
    }
  }
  if (format == "table") {
    std::cout << result.hits.size();
    if (result.total > result.hits.size()) std::cout << " of " << result.total;
    std::cout << " documents\n";
  }
}

// Turns --from/--to (and --due-before/--due-after) into ISO days of any
// precision a person types ("2025", "2025-11", "Q4/2025", "01/11/2025"):
// a start takes its first day, an end its last.  False with a message when
// one is no date.
bool ParseSearchDates(SearchQuery* q) {
  for (auto [option, value, last] : {std::tuple{"--from", &q->date_from, false},
                                     std::tuple{"--to", &q->date_to, true},
                                     std::tuple{"--due-before", &q->due_before, true},
                                     std::tuple{"--due-after", &q->due_after, false}}) {
    if (value->empty()) continue;
    const auto bounds = UserDateBounds(*value);
    if (!bounds) {
      std::cerr << "vbhc search: " << option << " " << *value
                << ": not a date (2025-12-31, 2025-12, 2025-Q4, 2025, 31/12/2025, 12/2025)\n";
      return false;
    }
    *value = last ? bounds->second : bounds->first;
  }
  return true;
}

}  // namespace

int RunSearch(const std::vector<std::string>& args) {
  po::options_description options("vbhc search --db FILE [QUERY OPTIONS]");
  std::string db_path, format;
  SearchQuery q;
  options.add_options()("help,h", "show this help")(
      "db", po::value(&db_path)->required(), "the SQLite database made by vbhc index")(
      "number", po::value(&q.number), "a document number (2631/QĐ-UBND, also typed 2631/QD-UBND or "
                                      "'2631 / QĐ-UBND'): the document itself and those citing it")(
      "cites", po::value(&q.cites), "documents that cite this number (the citation graph)")(
      "issuer", po::value(&q.issuer), "part of the issuer's name, accents and abbreviations optional")(
      "from", po::value(&q.date_from), "documents dated on or after this day, month, quarter or year "
                                       "(2025, 2025-11, 2025-Q4, 2025-11-01, 01/11/2025)")(
      "to", po::value(&q.date_to), "documents dated on or before (same forms; 2025 = to 2025-12-31)")(
      "deadline-year", po::value(&q.deadline_year), "documents with a deadline in this year")(
      "text", po::value(&q.text), "full text, accents optional, ranked (bm25): words, \"a phrase\", "
                                  "a OR b, a NOT b, prefix*")(
      "lead", po::value(&q.lead), "tasks whose lead agency's name holds this, accents optional "
                                  "(lists tasks instead of documents)")(
      "due-before", po::value(&q.due_before), "tasks due by this day, month, quarter or year")(
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
  CheckRange("--limit", q.limit, 1, 1000000, "a number of results from 1");
  if (!std::filesystem::exists(db_path)) {
    std::cerr << "vbhc search: " << db_path << ": no such database (make it with vbhc index)\n";
    return kExitUsage;
  }
  if (!ParseSearchDates(&q)) return kExitUsage;
  // Names are compared with their abbreviations expanded (UBND = Ủy ban
  // nhân dân), numbers in the canonical form of extraction.
  std::unique_ptr<RuleSet> rules = LoadRulesOrReport("");
  if (!rules) return kExitRules;
  for (std::string* number : {&q.number, &q.cites}) {
    if (!number->empty()) *number = CanonicalNumber(*number, *rules);
  }
  IndexDb db(db_path, rules.get());
  if (!q.lead.empty() || !q.due_before.empty() || !q.due_after.empty()) return PrintTasks(db, q, format);
  SearchResult result = db.Search(q);
  if (!db.ok()) {
    std::cerr << "vbhc search: " << db.error() << "\n";
    return kExitUsage;
  }
  PrintDocuments(result, format);
  // Like grep: nothing found is exit 1.
  return result.total == 0 ? kExitSomeInputsFailed : kExitOk;
}

}  // namespace vbhc
