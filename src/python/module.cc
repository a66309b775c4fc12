// _vbhc: the Python binding of vbhc (pybind11), wrapped by python/vbhc/.
//
//   import vbhc
//   record = vbhc.extract("Quyết định số 12/QĐ-UBND ngày 1/2/2025")   # the CLI's record, as a dict
//   for record in vbhc.extract_files(["a.txt", "b.txt"], jobs=2): …    # in order
//   vbhc.normalize("Uỷ ban") == "Ủy ban";  vbhc.fold("Quyết định") == "quyet dinh"
//
// Records are the CLI's own JSON Lines (RecordToJsonLine), parsed by Python's
// json module in the wrapper, so a record is equal to the CLI's byte for byte
// before parsing.  The rules are loaded once per process; the GIL is released
// while documents are read and extracted, so Python threads and the worker
// threads of extract_files run at once.  Errors are Python exceptions with
// the CLI's messages ("a.pdf: a PDF file, not text; …").
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cli/input.h"
#include "extract/extractor.h"
#include "output/record_json.h"
#include "text/normalizer.h"

namespace py = pybind11;

namespace vbhc {
namespace {

// The embedded rules and their extractor, made on first use, once.
const Extractor& SharedExtractor() {
  static std::once_flag once;
  static std::unique_ptr<RuleSet> rules;
  static std::unique_ptr<Extractor> extractor;
  std::call_once(once, [] {
    rules = RuleSet::LoadEmbedded();
    if (!rules->ok()) throw std::runtime_error("vbhc: the embedded rules do not load: " + rules->error());
    extractor = std::make_unique<Extractor>(*rules);
  });
  return *extractor;
}

// The bytes of a str (as UTF-8) or of bytes.
std::string BytesOf(const py::object& text) {
  if (py::isinstance<py::bytes>(text)) return text.cast<std::string>();
  if (py::isinstance<py::str>(text)) return text.cast<std::string>();
  throw py::type_error("vbhc: expected str or bytes, got " + std::string(py::str(text.get_type())));
}

// Returns the JSON line of one document's record.
std::string ExtractLine(py::object text, const std::string& path) {
  const std::string bytes = BytesOf(text);
  const Extractor& extractor = SharedExtractor();
  py::gil_scoped_release release;
  return RecordToJsonLine(extractor.Extract(bytes, path));
}

// The outcome of one file: its JSON line, or the CLI's message.
struct FileOutcome {
  std::string line;
  std::string error;
};

FileOutcome ExtractFile(const Extractor& extractor, const std::string& path, size_t max_bytes) {
  FileOutcome o;
  std::string bytes, why;
  if (!ReadInput(path, max_bytes, &bytes, &why)) {
    o.error = path + ": " + why;
  } else if (LooksBinary(bytes, &why)) {
    o.error = path + ": " + why;
  } else {
    o.line = RecordToJsonLine(extractor.Extract(bytes, path));
  }
  return o;
}

// Returns [(json_line, error)] for `paths`, in order, on `jobs` threads
// (0: all cores), with the GIL released.
std::vector<std::pair<std::string, std::string>> ExtractBatch(const std::vector<std::string>& paths,
                                                              size_t jobs, size_t max_bytes) {
  const Extractor& extractor = SharedExtractor();
  py::gil_scoped_release release;
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  std::vector<FileOutcome> outcomes(paths.size());
  if (jobs <= 1 || paths.size() <= 1) {
    for (size_t i = 0; i < paths.size(); ++i) outcomes[i] = ExtractFile(extractor, paths[i], max_bytes);
  } else {
    boost::asio::thread_pool pool(std::min(jobs, paths.size()));
    for (size_t i = 0; i < paths.size(); ++i) {
      boost::asio::post(pool, [&, i] { outcomes[i] = ExtractFile(extractor, paths[i], max_bytes); });
    }
    pool.join();
  }
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(outcomes.size());
  for (FileOutcome& o : outcomes) out.emplace_back(std::move(o.line), std::move(o.error));
  return out;
}

std::string NormalizeText(py::object text, bool fold) {
  const std::string bytes = BytesOf(text);
  py::gil_scoped_release release;
  NormalizedText n = Normalize(bytes, {ToneStyle::kOfficial, /*strip_emphasis=*/false});
  return fold ? Fold(n).text : n.text;
}

}  // namespace
}  // namespace vbhc

PYBIND11_MODULE(_vbhc, m) {
  m.doc() = "vbhc: Vietnamese administrative texts read exactly (the C++ core; import vbhc)";
  m.def("extract_line", &vbhc::ExtractLine, py::arg("text"), py::arg("path"),
        "Returns the JSON line of the plan record of one document (str or bytes).");
  m.def("extract_batch", &vbhc::ExtractBatch, py::arg("paths"), py::arg("jobs") = 0,
        py::arg("max_bytes") = size_t{256} << 20,
        "Returns [(json_line, error)] for the files, in order; error is the CLI's message or ''.");
  m.def("normalize", [](py::object text) { return vbhc::NormalizeText(std::move(text), false); }, py::arg("text"),
        "Returns the normalized text that rules match (NFC, one tone placement, spaces, dashes).");
  m.def("fold", [](py::object text) { return vbhc::NormalizeText(std::move(text), true); }, py::arg("text"),
        "Returns the accentless, lower-case view of the text.");
}
