// vbhc normalize [--fold] [--tone-style=official|modern] [--encoding=NAME] [FILE|DIR|-]...
#include <boost/program_options.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "cli/input.h"
#include "text/encoding.h"
#include "text/normalizer.h"

namespace vbhc {

namespace po = boost::program_options;

namespace {

// Bytes read at a time; a chunk is cut at NormalizationCut, so memory stays
// about twice this whatever the size of the file — unless a line has no
// space for kMaxUncut bytes; it is then cut at a character boundary (the
// only place where the output may differ from normalizing the whole file).
constexpr size_t kBlockBytes = 1 << 20;
constexpr size_t kMaxUncut = 16 << 20;

// Writes the normalization of `path` ("-" = standard input) to standard
// output, a chunk at a time.  The encoding is detected on the first chunk.
// Returns false with *error when the file cannot be read.
bool NormalizeStream(const std::string& path, const std::string& forced_encoding,
                     const NormalizeOptions& options, bool fold, std::string* error) {
  int fd = OpenInput(path, error);
  if (fd < 0) return false;
  std::string buffer, encoding = forced_encoding;
  bool detected = !forced_encoding.empty(), eof = false, good = true;
  size_t base = 0;  // file offset of buffer[0]
  NormalizedText n;  // reused chunk after chunk
  // Reads until the buffer holds `want` bytes or the file ends.
  // Reads ask for what the file holds, not a whole block: ReadSome
  // zero-fills what it asks for, and 1 MiB per small file made many files
  // cost 7 times the same bytes as one (issue #22).
  struct stat st;
  size_t left = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) + 1 : kBlockBytes;
  auto fill = [&](size_t want) {
    while (!eof && buffer.size() < want) {
      const size_t ask = std::clamp<size_t>(left, 4096, kBlockBytes);
      ssize_t n = ReadSome(fd, ask, &buffer, error);
      if (n > 0) left = static_cast<size_t>(n) < left ? left - static_cast<size_t>(n) : 1;
      if (n < 0) good = false;
      if (n <= 0) eof = true;
    }
  };
  while (!eof || !buffer.empty()) {
    fill(kBlockBytes);
    size_t cut = eof ? buffer.size() : NormalizationCut(buffer);
    if (cut == 0 && buffer.size() < kMaxUncut) {
      fill(buffer.size() + kBlockBytes);  // no safe cut yet: read on
      continue;
    }
    if (cut == 0) cut = CharacterBoundaryCut(buffer);
    std::string_view chunk(buffer.data(), cut);
    if (!detected) {
      DecodedInput probe = DecodeInput(chunk);
      encoding = probe.encoding;
      detected = true;
      if (!probe.identity) {
        std::cerr << "vbhc normalize: " << path << ": read as " << encoding << " (confidence "
                  << probe.confidence << ")\n";
      }
    }
    // Legacy encodings are decoded first; warnings keep offsets into the file.
    DecodedInput decoded = encoding == "utf-8" ? DecodedInput() : DecodeInput(chunk, encoding);
    Normalize(decoded.identity ? chunk : std::string_view(decoded.text), options, &n);
    for (const Warning& w : n.warnings) {
      size_t at = decoded.identity ? w.span.begin : decoded.map.ToSource(w.span).begin;
      std::cerr << "vbhc normalize: " << path << ": byte " << base + at << ": " << w.message << "\n";
    }
    std::cout << (fold ? Fold(n).text : n.text);
    if (!std::cout) break;
    buffer.erase(0, cut);
    base += cut;
  }
  if (fd != STDIN_FILENO) close(fd);
  return good;
}

}  // namespace

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
    BadOptionValue("--tone-style", tone_style, "official or modern");
  }
  normalize.strip_emphasis = vm.count("strip-markup") > 0;
  normalize.build_map = false;  // only the text is printed; warnings carry input offsets
  CheckEncodingOption(encoding);
  std::vector<std::string> inputs =
      vm.count("input") ? vm["input"].as<std::vector<std::string>>() : std::vector<std::string>{"-"};
  std::vector<std::string> errors;
  PathList files = ExpandInputs(inputs, glob, &errors);
  int failed = static_cast<int>(errors.size());
  for (const std::string& e : errors) std::cerr << "vbhc normalize: " << e << "\n";
  const bool fold = vm.count("fold") > 0;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string error;
    if (!NormalizeStream(files[i], encoding, normalize, fold, &error)) {
      std::cerr << "vbhc normalize: " << files[i] << ": " << error << "\n";
      ++failed;
    }
    if (!std::cout) break;
  }
  std::cout.flush();
  if (!std::cout) return kExitOutput;
  return failed ? kExitSomeInputsFailed : kExitOk;
}

}  // namespace vbhc
