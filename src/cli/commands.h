// The subcommands of the vbhc binary, one file pair each (cmd_*.cc).  Each
// takes the arguments after its name and returns an ExitCode (input.h);
// usage errors are thrown as boost::program_options errors and turned into
// kExitUsage by main, in one place.
#ifndef VBHC_CLI_COMMANDS_H_
#define VBHC_CLI_COMMANDS_H_

#include <boost/program_options.hpp>

#include <memory>
#include <string>
#include <vector>

#include "rules/rule_set.h"

namespace vbhc {

int RunNormalize(const std::vector<std::string>& args);
int RunExtract(const std::vector<std::string>& args);
int RunRules(const std::vector<std::string>& args);
int RunExplain(const std::vector<std::string>& args);
int RunIndex(const std::vector<std::string>& args);
int RunSearch(const std::vector<std::string>& args);
int RunReport(const std::vector<std::string>& args);
int RunServe(const std::vector<std::string>& args);

// Parses `args` against `options`, the positional arguments collected as a
// vector<string> under `positional` (hidden from --help).  Stores only: the
// caller answers --help first, then calls notify() for required options.
boost::program_options::variables_map ParseCommandLine(
    const std::vector<std::string>& args, const boost::program_options::options_description& options,
    const char* positional);

// Throws the usage error "OPTION VALUE: expected WHAT" (main prints it after
// "vbhc COMMAND: " and exits 2): "--format xml: expected json or text".
[[noreturn]] void BadOptionValue(const std::string& option, const std::string& value, const std::string& expected);

// Returns `value` when it lies in [low, high]; else BadOptionValue.
long long CheckRange(const std::string& option, long long value, long long low, long long high,
                     const std::string& expected);

// Returns the threads of --jobs: `jobs` from 1 to 1024, or all cores for 0;
// else BadOptionValue.
size_t JobsOption(long long jobs);

// Returns the help text of --encoding, listing the known encodings.
std::string EncodingOptionHelp();

// Throws boost::program_options::invalid_option_value unless `name` is empty
// (detect) or one of KnownEncodings().
void CheckEncodingOption(const std::string& name);

// Loads --rules DIR, or the embedded rules when `dir` is empty; prints the
// errors and returns null when they do not load.
std::unique_ptr<RuleSet> LoadRulesOrReport(const std::string& dir);

}  // namespace vbhc

#endif  // VBHC_CLI_COMMANDS_H_
