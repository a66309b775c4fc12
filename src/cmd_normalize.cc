// vbhc normalize [--fold] [--tone-style=official|modern] [--encoding=NAME] [FILE|DIR|-]...
#include <boost/program_options.hpp>

#include <iostream>

#include "commands.h"
#include "encoding.h"
#include "input.h"
#include "normalizer.h"

namespace vbhc {

namespace po = boost::program_options;

int RunNormalize(const std::vector<std::string>& args) {
  po::options_description options("vbhc normalize [OPTIONS] [FILE|DIR|-]...");
  std::string tone_style;
  std::string glob;
  std::string encoding;
  options.add_options()("help,h", "show this help")(
      "fold", "print the accentless view: lower case, no diacritics, đ -> d")(
      "tone-style", po::value(&tone_style)->default_value("official"),
      "official (hòa, thủy, Ủy) or modern (hoà, thuỷ, Uỷ)")(
      "glob", po::value(&glob)->default_value("*.txt"), "file names to take from directories")(
      "strip-markup", "drop markdown emphasis '*', as extraction does")(
      "encoding", po::value(&encoding), EncodingOptionHelp().c_str());
  po::variables_map vm = ParseCommandLine(args, options, "input");
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << options;
    return kExitOk;
  }
  NormalizeOptions normalize;
  if (tone_style == "modern") {
    normalize.tone_style = ToneStyle::kModern;
  } else if (tone_style != "official") {
    throw po::invalid_option_value("--tone-style=" + tone_style + " (official or modern)");
  }
  normalize.strip_emphasis = vm.count("strip-markup") > 0;
  CheckEncodingOption(encoding);
  std::vector<std::string> inputs =
      vm.count("input") ? vm["input"].as<std::vector<std::string>>() : std::vector<std::string>{"-"};
  std::vector<std::string> errors;
  PathList files = ExpandInputs(inputs, glob, &errors);
  int failed = static_cast<int>(errors.size());
  for (const std::string& e : errors) std::cerr << "vbhc normalize: " << e << "\n";
  std::string bytes, error;
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string path = files[i];
    if (!ReadInput(path, SIZE_MAX, &bytes, &error)) {
      std::cerr << "vbhc normalize: " << path << ": " << error << "\n";
      ++failed;
      continue;
    }
    // Legacy encodings are decoded first; warnings keep offsets into the file.
    DecodedInput decoded = DecodeInput(bytes, encoding);
    if (!decoded.identity) {
      std::cerr << "vbhc normalize: " << path << ": read as " << decoded.encoding << " (confidence "
                << decoded.confidence << ")\n";
    }
    NormalizedText n = Normalize(decoded.identity ? bytes : decoded.text, normalize);
    for (const Warning& w : n.warnings) {
      size_t at = decoded.identity ? w.span.begin : decoded.map.ToSource(w.span).begin;
      std::cerr << "vbhc normalize: " << path << ": byte " << at << ": " << w.message << "\n";
    }
    if (vm.count("fold")) {
      std::cout << Fold(n).text;
    } else {
      std::cout << n.text;
    }
  }
  std::cout.flush();
  if (!std::cout) return kExitOutput;
  return failed ? kExitSomeInputsFailed : kExitOk;
}

}  // namespace vbhc
