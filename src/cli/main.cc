// vbhc: reads Vietnamese administrative texts and tells what they decide.
// main stays thin: pick the subcommand, run it, turn errors into exit codes.
#include <boost/program_options/errors.hpp>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#if defined(VBHC_MIMALLOC)
#include <mimalloc.h>
#endif

#include "cli/commands.h"
#include "cli/input.h"
#include "text/encoding.h"

namespace {

constexpr const char* kUsage =
    "usage: vbhc COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "commands:\n"
    "  extract [FILE|DIR|-]...   plan records as JSON Lines (or --format text)\n"
    "  normalize [FILE|DIR|-]... normalized (or --fold: accentless) text\n"
    "  rules check [--rules DIR] load the rules and run their examples\n"
    "  explain TEXT|FILE|-       show the normalized text and every rule that fires\n"
    "  index --db F [FILE|DIR]...store plan records in SQLite (incremental)\n"
    "  search --db F [QUERY]     find documents by number, issuer, date, deadline, text; tasks\n"
    "  report [FILE|DIR|-]...    one HTML page for people: tasks, targets, deadlines, the text\n"
    "  serve [--db F]            the same pages from a local web server (127.0.0.1)\n"
    "\n"
    "vbhc COMMAND --help shows the options of a command.\n"
    "exit codes: 0 ok, 1 some inputs failed, 2 usage, 3 rules, 4 output\n";

}  // namespace

namespace vbhc {

boost::program_options::variables_map ParseCommandLine(
    const std::vector<std::string>& args, const boost::program_options::options_description& options,
    const char* positional) {
  namespace po = boost::program_options;
  po::options_description hidden;
  hidden.add_options()(positional, po::value<std::vector<std::string>>(), positional);
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positions;
  positions.add(positional, -1);
  po::variables_map vm;
  // Boost's parser erases each argument from the front of its list, which
  // is quadratic: 14,000 file names took seconds (issue #22).  The names go
  // around it when every option takes one value at most.
  bool simple = true;
  for (const auto& o : options.options()) simple = simple && o->semantic()->max_tokens() <= 1;
  if (!simple) {
    po::store(po::command_line_parser(args).options(all).positional(positions).run(), vm);
    return vm;
  }
  std::vector<std::string> option_args, inputs;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      inputs.insert(inputs.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    }
    if (a.size() < 2 || a[0] != '-') {
      inputs.push_back(a);
      continue;
    }
    option_args.push_back(a);
    // "--name VALUE" and "-n VALUE": the value goes with its option.
    const bool is_long = a[1] == '-';
    if (a.find('=') != std::string::npos || (!is_long && a.size() > 2) || i + 1 == args.size()) continue;
    const po::option_description* o = options.find_nothrow(is_long ? a.substr(2) : a, false);
    if (o != nullptr && o->semantic()->max_tokens() == 1 && o->semantic()->min_tokens() == 1) {
      option_args.push_back(args[++i]);
    }
  }
  po::store(po::command_line_parser(option_args).options(all).positional(positions).run(), vm);
  if (!inputs.empty()) {
    std::vector<std::string> given =
        vm.count(positional) ? vm[positional].as<std::vector<std::string>>() : std::vector<std::string>{};
    given.insert(given.end(), inputs.begin(), inputs.end());
    vm.erase(positional);
    vm.insert({positional, po::variable_value(given, false)});
  }
  return vm;
}

std::string EncodingOptionHelp() {
  std::string names;
  for (const std::string& n : KnownEncodings()) names += (names.empty() ? "" : ", ") + n;
  return "the input encoding (default: detect): " + names +
         "; NAME+cp1252 is NAME's bytes read as Windows-1252 and saved as UTF-8";
}

void BadOptionValue(const std::string& option, const std::string& value, const std::string& expected) {
  throw boost::program_options::error(option + " " + value + ": expected " + expected);
}

long long CheckRange(const std::string& option, long long value, long long low, long long high,
                     const std::string& expected) {
  if (value < low || value > high) BadOptionValue(option, std::to_string(value), expected);
  return value;
}

size_t JobsOption(long long jobs) {
  constexpr long long kMaxJobs = 1024;  // more threads than this is a typo, not a machine
  CheckRange("--jobs", jobs, 0, kMaxJobs, "a number of threads from 0 (all cores) to " + std::to_string(kMaxJobs));
  return jobs > 0 ? static_cast<size_t>(jobs) : std::max(1u, std::thread::hardware_concurrency());
}

void CheckEncodingOption(const std::string& name) {
  const auto& known = KnownEncodings();
  if (!name.empty() && std::find(known.begin(), known.end(), name) == known.end()) {
    BadOptionValue("--encoding", name, "one of the encodings --help lists");
  }
}

}  // namespace vbhc

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f) or a full disk must give a write error and
  // exit code 4, not a signal that leaves a partial file.  A closed pipe
  // (`vbhc extract … | head -1`) keeps SIGPIPE: a quiet exit.
  std::signal(SIGXFSZ, SIG_IGN);
  if (argc < 2) {
    std::cerr << kUsage;
    return vbhc::kExitUsage;
  }
  std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kUsage;
      return vbhc::kExitOk;
    }
    if (command == "--version") {
      std::cout << "vbhc " << VBHC_VERSION << "\n";
#if defined(VBHC_MIMALLOC)
      // Which allocator matters for speed figures (tools/bench prints it);
      // the call also keeps the linker from dropping the library.
      std::cout << "allocator: mimalloc " << mi_version() / 100 << "." << mi_version() % 100 / 10
                << "." << mi_version() % 10 << "\n";
#else
      std::cout << "allocator: system malloc\n";
#endif
      return vbhc::kExitOk;
    }
    if (command == "extract") return vbhc::RunExtract(args);
    if (command == "normalize") return vbhc::RunNormalize(args);
    if (command == "rules") return vbhc::RunRules(args);
    if (command == "explain") return vbhc::RunExplain(args);
    if (command == "index") return vbhc::RunIndex(args);
    if (command == "search") return vbhc::RunSearch(args);
    if (command == "report") return vbhc::RunReport(args);
    if (command == "serve") return vbhc::RunServe(args);
    std::cerr << "vbhc: unknown command '" << command << "'\n" << kUsage;
    return vbhc::kExitUsage;
  } catch (const boost::program_options::error& e) {
    std::cerr << "vbhc " << command << ": " << e.what() << "\n";
    return vbhc::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "vbhc " << command << ": internal error: " << e.what() << "\n";
    return vbhc::kExitSomeInputsFailed;
  }
}
