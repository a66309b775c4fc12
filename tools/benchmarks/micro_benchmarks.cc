// Micro-benchmarks of the normalizer, the rule set and the record writer on
// the bundled corpus.  Figures are MB/s of input (SetBytesProcessed); compare
// rows of one run, never runs on different days: the machines are noisy.
//
//   cmake -S . -B build-bench -DVBHC_BUILD_BENCHMARKS=ON && cmake --build build-bench -j2
//   build-bench/tools/benchmarks/vbhc_benchmarks
#include <benchmark/benchmark.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/extractor.h"
#include "output/record_json.h"
#include "rules/rule_set.h"

namespace vbhc {
namespace {

std::string Corpus() {
  static const std::string corpus = [] {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(VBHC_SOURCE_DIR "/corpora")) {
      if (e.path().extension() == ".txt" && e.path().parent_path().filename() != "legacy") {
        files.push_back(e.path().string());
      }
    }
    std::sort(files.begin(), files.end());
    std::string all;
    for (const std::string& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      all += s.str() + "\n\n";
    }
    return all;
  }();
  return corpus;
}

// The dev set's real documents, one string each, when ../shared is beside the
// project (never committed); empty otherwise, and the Real* rows are skipped.
const std::vector<std::string>& RealTexts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> paths, out;
    const std::filesystem::path dir = VBHC_SOURCE_DIR "/../shared/eval/dev/texts";
    std::error_code error;
    for (const auto& e : std::filesystem::directory_iterator(dir, error)) {
      if (e.path().extension() == ".txt") paths.push_back(e.path().string());
    }
    std::sort(paths.begin(), paths.end());
    for (const std::string& path : paths) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      out.push_back(s.str());
    }
    return out;
  }();
  return texts;
}

size_t TotalBytes(const std::vector<std::string>& texts) {
  size_t bytes = 0;
  for (const std::string& t : texts) bytes += t.size();
  return bytes;
}

std::string CorpusNfd() {
  static const std::string nfd = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::string out;
    icu::Normalizer2::getNFDInstance(status)
        ->normalize(icu::UnicodeString::fromUTF8(Corpus()), status)
        .toUTF8String(out);
    return out;
  }();
  return nfd;
}

std::vector<std::pair<std::string, std::string>> ShippedFiles() {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(VBHC_SOURCE_DIR "/rules")) {
    // Encoding tables (rules/encodings/) are not rules: the loader of the
    // embedded rules skips them too.
    if (e.path().extension() != ".toml" || e.path().parent_path().filename() == "encodings") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    files.emplace_back(e.path().string(), s.str());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A rule set that failed to load matches nothing and would be timed as
// impossibly fast: stop instead.
std::unique_ptr<RuleSet> CheckedLoad(const std::vector<std::pair<std::string, std::string>>& files) {
  std::unique_ptr<RuleSet> rules = RuleSet::LoadFiles(files);
  if (!rules->ok()) {
    std::fprintf(stderr, "rules did not load:\n%s", rules->error().c_str());
    std::abort();
  }
  return rules;
}

// The shipped rules plus `extra` synthetic rules shaped like real ones (a
// keyword, then a date), so that the rule set grows without changing what the
// corpus matches.
const RuleSet& RulesWith(int extra) {
  static std::map<int, std::unique_ptr<RuleSet>> cache;
  auto& slot = cache[extra];
  if (!slot) {
    auto files = ShippedFiles();
    std::string synthetic;
    for (int i = 0; i < extra; ++i) {
      synthetic += "[[rule]]\nid = 'synthetic.r" + std::to_string(i) + "'\ndimension = 'synthetic'\n" +
                   "pattern = '''mục từ khóa" + std::to_string(i) +
                   " (?P<day>{DAY})/(?P<month>{MONTH_NUM})/(?P<year>{YEAR})'''\n";
    }
    files.emplace_back("synthetic.toml", synthetic);
    slot = CheckedLoad(files);
  }
  return *slot;
}

void BM_NormalizeNfc(benchmark::State& state) {
  const std::string& text = Corpus();
  for (auto _ : state) benchmark::DoNotOptimize(Normalize(text));
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_NormalizeNfc);

void BM_NormalizeNfd(benchmark::State& state) {
  const std::string& text = CorpusNfd();
  for (auto _ : state) benchmark::DoNotOptimize(Normalize(text));
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_NormalizeNfd);

void BM_Fold(benchmark::State& state) {
  NormalizedText n = Normalize(Corpus());
  for (auto _ : state) benchmark::DoNotOptimize(Fold(n));
  state.SetBytesProcessed(state.iterations() * n.text.size());
}
BENCHMARK(BM_Fold);

// The alternative to the fold table: ICU's transliterator (the same result
// for Vietnamese: Latin-ASCII maps đ to d and drops the marks).
void BM_FoldIcuTransliterator(benchmark::State& state) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance("Latin-ASCII; Lower", UTRANS_FORWARD, status));
  NormalizedText n = Normalize(Corpus());
  for (auto _ : state) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(n.text);
    t->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(state.iterations() * n.text.size());
}
BENCHMARK(BM_FoldIcuTransliterator);

// Matching alone (normalized text in hand), by rule count: arg = extra rules.
void BM_RuleSetMatch(benchmark::State& state) {
  const RuleSet& rules = RulesWith(static_cast<int>(state.range(0)));
  NormalizedText n = Normalize(Corpus(), {ToneStyle::kOfficial, true});
  MatchInput in = MatchInput::ForView(n, false);
  for (auto _ : state) benchmark::DoNotOptimize(rules.Match(in));
  state.SetBytesProcessed(state.iterations() * n.text.size());
  state.counters["rules"] = static_cast<double>(rules.rules().size());
}
BENCHMARK(BM_RuleSetMatch)->Arg(0)->Arg(63)->Arg(263);

// Matching from several threads at once: bytes/s is the sum over threads
// (real time), "shards" how many compiled copies the threads used.
void BM_RuleSetMatchThreads(benchmark::State& state) {
  const RuleSet& rules = RulesWith(0);
  NormalizedText n = Normalize(Corpus(), {ToneStyle::kOfficial, true});
  MatchInput in = MatchInput::ForView(n, false);
  for (auto _ : state) benchmark::DoNotOptimize(rules.Match(in));
  state.SetBytesProcessed(state.iterations() * n.text.size());
  if (state.thread_index() == 0) state.counters["shards"] = static_cast<double>(rules.ShardCount());
}
BENCHMARK(BM_RuleSetMatchThreads)->Threads(1)->Threads(2)->Threads(8)->UseRealTime();

// Ten rules only (the first ten of the shipped set), for the 10-rule figure.
void BM_RuleSetMatchTen(benchmark::State& state) {
  static std::unique_ptr<RuleSet> ten = [] {
    std::string pieces, rules;
    auto files = ShippedFiles();
    std::vector<std::pair<std::string, std::string>> kept;
    for (auto& [name, content] : files) {
      if (name.find("pieces") != std::string::npos || name.find("vocab") != std::string::npos) {
        kept.emplace_back(name, content);
      }
    }
    for (auto& [name, content] : files) {
      if (name.find("dates.toml") != std::string::npos) kept.emplace_back(name, content);
      if (name.find("deadlines.toml") != std::string::npos) {
        // dates.toml has 8 rules; two deadline rules make ten.
        size_t third = content.find("[[rule]]", content.find("[[rule]]", content.find("[[rule]]") + 1) + 1);
        kept.emplace_back(name, content.substr(0, third));
      }
    }
    return CheckedLoad(kept);
  }();
  NormalizedText n = Normalize(Corpus(), {ToneStyle::kOfficial, true});
  MatchInput in = MatchInput::ForView(n, false);
  for (auto _ : state) benchmark::DoNotOptimize(ten->Match(in));
  state.SetBytesProcessed(state.iterations() * n.text.size());
  state.counters["rules"] = static_cast<double>(ten->rules().size());
}
BENCHMARK(BM_RuleSetMatchTen);

void BM_ExtractNfc(benchmark::State& state) {
  Extractor extractor(RulesWith(0));
  const std::string& text = Corpus();
  for (auto _ : state) benchmark::DoNotOptimize(extractor.Analyze(text));
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_ExtractNfc);

void BM_ExtractNfd(benchmark::State& state) {
  Extractor extractor(RulesWith(0));
  const std::string& text = CorpusNfd();
  for (auto _ : state) benchmark::DoNotOptimize(extractor.Analyze(text));
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_ExtractNfd);

// Issue #22's ceiling, on real documents one at a time: the matching layer
// alone (RuleSet::Match over text normalized beforehand: the prefilter sets,
// the rules' RE2 searches, match objects, overlaps) against the whole
// extraction (bytes in, record out).  Extraction cannot be faster than the
// first row; compare the two rows of one run.
void BM_RealMatchOnly(benchmark::State& state) {
  const RuleSet& rules = RulesWith(0);
  if (RealTexts().empty()) state.SkipWithError("no ../shared/eval/dev/texts");
  std::vector<NormalizedText> normalized;
  for (const std::string& t : RealTexts()) normalized.push_back(Normalize(t, {ToneStyle::kOfficial, true}));
  for (auto _ : state) {
    for (const NormalizedText& n : normalized) benchmark::DoNotOptimize(rules.Match(MatchInput::For(n)));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes(RealTexts())));
}
BENCHMARK(BM_RealMatchOnly);

void BM_RealExtract(benchmark::State& state) {
  Extractor extractor(RulesWith(0));
  if (RealTexts().empty()) state.SkipWithError("no ../shared/eval/dev/texts");
  for (auto _ : state) {
    for (const std::string& t : RealTexts()) benchmark::DoNotOptimize(extractor.Extract(t, "real.txt"));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes(RealTexts())));
}
BENCHMARK(BM_RealExtract);

void BM_RecordWriter(benchmark::State& state) {
  Extractor extractor(RulesWith(0));
  const std::string& text = Corpus();
  Analysis a = extractor.Analyze(text);
  size_t bytes = 0;
  for (auto _ : state) {
    std::string line = RecordToJsonLine(Extractor::Record(a, text, "corpus.txt"));
    bytes += line.size();
    benchmark::DoNotOptimize(line);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_RecordWriter);

}  // namespace
}  // namespace vbhc

BENCHMARK_MAIN();
