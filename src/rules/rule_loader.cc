// Loads rule files (TOML, parsed by toml++) into a RuleSet.  Every problem is
// collected as "file:line:col: rule id: message"; a RuleSet with any error is
// not ok() and matches nothing, so a broken file never half-loads.
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "rules/pattern_syntax.h"
#include "rules/rule_set.h"
#include "text/toml_text.h"

namespace vbhc {

// The rule files compiled into the binary (generated: tools/embed_rules.cmake).
extern const std::vector<std::pair<std::string, std::string>>& EmbeddedRuleFiles();

namespace {

constexpr int kMaxPieceDepth = 16;
constexpr size_t kMaxExpandedPattern = 64 * 1024;

std::string Where(const std::string& file, const toml::source_region& region) {
  std::ostringstream out;
  out << file << ":" << region.begin.line << ":" << region.begin.column;
  return out.str();
}

bool IsPieceNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Folds the non-ASCII letters of a pattern, leaving ASCII (escapes like \D,
// \pL, class ranges) untouched; matching is case-insensitive anyway.
std::string FoldPattern(std::string_view pattern) {
  std::string out;
  size_t pos = 0;
  while (pos < pattern.size()) {
    unsigned char b = static_cast<unsigned char>(pattern[pos]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
      ++pos;
      continue;
    }
    FoldCodePoint(DecodeUtf8(pattern, &pos), &out, /*keep_case=*/true);
  }
  return out;
}

// Turns each run of literal spaces outside a character class into
// "(?:[ ]*\n[ ]*|[ ]+)": wrapped lines and doubled spaces still match, a
// blank line (a paragraph break) does not — the prefilter reads paragraph
// by paragraph, and a match across paragraphs would depend on it.
std::string WidenSpaces(std::string_view pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    size_t len = TokenLength(pattern, i);
    if (len == 0) return out.append(pattern.substr(i));  // cut off: RE2 reports it
    if (pattern[i] == ' ') {
      while (i + 1 < pattern.size() && pattern[i + 1] == ' ') ++i;
      out += "(?:[ ]*\\n[ ]*|[ ]+)";
    } else {
      out.append(pattern.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string EscapeRegex(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace

class RuleLoader {
 public:
  explicit RuleLoader(RuleSet* set) : set_(set) {}

  void LoadFile(const std::string& name, const std::string& content) {
    std::string error;
    std::optional<toml::table> parsed = ParseTomlText(name, content, &error);
    if (!parsed) {
      set_->errors_.push_back(error);
      return;
    }
    toml::table& root = *parsed;
    for (auto&& [key, node] : root) {
      std::string k(key.str());
      if (k == "pieces") {
        LoadPieces(name, node);
      } else if (k == "vocab") {
        LoadVocab(name, node);
      } else if (k == "dimensions") {
        LoadDimensions(name, node);
      } else if (k == "rule") {
        LoadRules(name, node);
      } else {
        Error(Where(name, node.source()), "", "unknown top-level key '" + k +
                                                  "' (expected pieces, vocab, dimensions, rule)");
      }
    }
  }

  // Expands pieces, compiles every rule, builds the prefilter sets.
  void Finish() {
    for (auto& rule : set_->rules_) {
      std::string loc = rule->where.str();
      std::string error;
      std::string expanded = Expand(rule->pattern, 0, &error);
      if (!error.empty()) {
        Error(loc, rule->id, error);
        continue;
      }
      if (expanded.size() > kMaxExpandedPattern) {
        Error(loc, rule->id, "pattern expands to " + std::to_string(expanded.size()) +
                                 " bytes, over the limit of " +
                                 std::to_string(kMaxExpandedPattern));
        continue;
      }
      for (const char* ascii_only : {"\\b", "\\B", "\\w", "\\W"}) {
        if (rule->pattern.find(ascii_only) != std::string::npos) {
          set_->warnings_.push_back(loc + ": " + rule->id + ": " + ascii_only +
                                    " is ASCII-only in RE2; the engine already checks "
                                    "Vietnamese word boundaries at both ends of a match");
        }
      }
      rule->expanded = WidenSpaces(expanded);
      rule->re = std::make_unique<RE2>(rule->expanded, RuleSet::RuleOptions());
      if (!rule->re->ok()) {
        Error(loc, rule->id, "bad pattern: " + rule->re->error() + " at '" +
                                 rule->re->error_arg() + "'");
        continue;
      }
      // Compiled on the first accentless document (RuleSet::Accentless).
      rule->folded_pattern = FoldPattern(rule->expanded);
    }
    std::vector<std::string_view> dimensions;
    for (auto& rule : set_->rules_) dimensions.push_back(rule->dimension);
    std::sort(dimensions.begin(), dimensions.end());
    dimensions.erase(std::unique(dimensions.begin(), dimensions.end()), dimensions.end());
    for (auto& rule : set_->rules_) {
      rule->dimension_rank = static_cast<int>(
          std::lower_bound(dimensions.begin(), dimensions.end(), rule->dimension) - dimensions.begin());
    }
    if (!set_->errors_.empty()) return;
    // The first shard's matchers, made now: a prefilter set that does not
    // build is a load error, not a surprise at the first document.
    for (const std::string& e : set_->GetShard(0).accented.errors) set_->errors_.push_back(e);
    for (auto& [list, entries] : set_->vocab_) {
      auto& index = set_->vocab_index_[list];
      auto& lower_index = set_->vocab_lower_index_[list];
      auto& keys = set_->vocab_keys_[list];
      for (const VocabEntry& entry : entries) {
        const std::string lower = LowerCase(entry.text), folded = FoldString(entry.text);
        index.emplace(folded, &entry);
        lower_index.emplace(lower, &entry);
        keys[0].emplace_back(lower, &entry);
        // "nhận" folds to "nhan", also "nhân": such an entry is left out of folded lookups.
        if (auto f = entry.attrs.find("folded"); f == entry.attrs.end() || f->second != "no") {
          keys[1].emplace_back(folded, &entry);
        }
      }
      // Longest first, so that "ít nhất từ" is tried before "ít nhất".
      for (auto& k : keys) {
        std::sort(k.begin(), k.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
      }
    }
  }

 private:


  void Error(const std::string& where, const std::string& id, const std::string& message) {
    set_->errors_.push_back(where + ": " + (id.empty() ? "" : id + ": ") + message);
  }

  std::string Expand(const std::string& pattern, int depth, std::string* error) {
    if (depth > kMaxPieceDepth) {
      *error = "pieces nested deeper than " + std::to_string(kMaxPieceDepth) + " (a cycle?)";
      return {};
    }
    std::string out;
    for (size_t i = 0; i < pattern.size(); ++i) {
      char c = pattern[i];
      if (c == '\\' && i + 1 < pattern.size()) {
        out.push_back(c);
        out.push_back(pattern[++i]);
        continue;
      }
      if (c == '{' && i + 1 < pattern.size() &&
          ((pattern[i + 1] >= 'A' && pattern[i + 1] <= 'Z') || pattern[i + 1] == '_')) {
        size_t j = i + 1;
        while (j < pattern.size() && IsPieceNameChar(pattern[j])) ++j;
        if (j < pattern.size() && pattern[j] == '}') {
          std::string name = pattern.substr(i + 1, j - i - 1);
          auto it = pieces_.find(name);
          if (it == pieces_.end()) {
            *error = "undefined piece {" + name + "}";
            return {};
          }
          std::string inner = Expand(it->second, depth + 1, error);
          if (!error->empty()) return {};
          out += "(?:" + inner + ")";
          if (out.size() > kMaxExpandedPattern) {
            *error = "pattern grows over " + std::to_string(kMaxExpandedPattern) +
                     " bytes while expanding {" + name + "}";
            return {};
          }
          i = j;
          continue;
        }
      }
      out.push_back(c);
    }
    return out;
  }

  void LoadPieces(const std::string& file, toml::node& node) {
    toml::table* table = node.as_table();
    if (!table) return Error(Where(file, node.source()), "", "[pieces] must be a table");
    for (auto&& [key, value] : *table) {
      std::string name(key.str());
      auto text = value.value<std::string>();
      if (!text) {
        Error(Where(file, value.source()), "", "piece " + name + " must be a string");
        continue;
      }
      if (!pieces_.emplace(name, *text).second) {
        Error(Where(file, value.source()), "", "piece " + name + " is defined twice");
      }
    }
  }

  void LoadVocab(const std::string& file, toml::node& node) {
    toml::table* table = node.as_table();
    if (!table) return Error(Where(file, node.source()), "", "[vocab] must be a table");
    for (auto&& [key, list_node] : *table) {
      std::string list(key.str());
      toml::table* list_table = list_node.as_table();
      if (!list_table) {
        Error(Where(file, list_node.source()), "", "vocab." + list + " must be a table");
        continue;
      }
      auto& entries = set_->vocab_[list];
      std::vector<std::string> piece_attrs;
      for (auto&& [field, value] : *list_table) {
        std::string f(field.str());
        if (f == "piece" || f == "piece_attrs" || f == "entries" || f == "description") continue;
        Error(Where(file, value.source()), "", "vocab." + list + ": unknown key '" + f + "'");
      }
      if (auto* attrs = (*list_table)["piece_attrs"].as_array()) {
        for (auto& a : *attrs) {
          if (auto s = a.value<std::string>()) piece_attrs.push_back(*s);
        }
      }
      toml::array* items = (*list_table)["entries"].as_array();
      if (!items) {
        Error(Where(file, list_node.source()), "", "vocab." + list + " needs entries = [...]");
        continue;
      }
      for (auto& item : *items) {
        VocabEntry entry;
        if (auto s = item.value<std::string>()) {
          entry.text = *s;
        } else if (toml::table* t = item.as_table()) {
          for (auto&& [field, value] : *t) {
            auto v = value.value<std::string>();
            if (!v) {
              Error(Where(file, value.source()), "", "vocab." + list + ": '" +
                                                         std::string(field.str()) +
                                                         "' must be a string");
              continue;
            }
            if (field.str() == "text") {
              entry.text = *v;
            } else {
              entry.attrs[std::string(field.str())] = *v;
            }
          }
        }
        if (entry.text.empty()) {
          Error(Where(file, item.source()), "", "vocab." + list + ": entry without text");
          continue;
        }
        entries.push_back(std::move(entry));
      }
      if (auto piece = (*list_table)["piece"].value<std::string>()) {
        std::vector<std::string> alternatives;
        for (const VocabEntry& e : entries) {
          alternatives.push_back(EscapeRegex(e.text));
          for (const std::string& attr : piece_attrs) {
            auto it = e.attrs.find(attr);
            if (it != e.attrs.end()) alternatives.push_back(EscapeRegex(it->second));
          }
        }
        // Longest first, so that "Nghị quyết liên tịch" wins over "Nghị quyết".
        std::sort(alternatives.begin(), alternatives.end(), [](const auto& a, const auto& b) {
          return a.size() != b.size() ? a.size() > b.size() : a < b;
        });
        alternatives.erase(std::unique(alternatives.begin(), alternatives.end()),
                           alternatives.end());
        std::string joined;
        for (const std::string& a : alternatives) joined += (joined.empty() ? "" : "|") + a;
        if (!pieces_.emplace(*piece, joined).second) {
          Error(Where(file, list_node.source()), "", "piece " + *piece + " is defined twice");
        }
      }
    }
  }

  void LoadDimensions(const std::string& file, toml::node& node) {
    toml::table* table = node.as_table();
    if (!table) return Error(Where(file, node.source()), "", "[dimensions] must be a table");
    for (auto&& [key, value] : *table) {
      DimensionSettings settings;
      toml::table* t = value.as_table();
      if (!t) {
        Error(Where(file, value.source()), "", "dimensions." + std::string(key.str()) +
                                                   " must be a table");
        continue;
      }
      for (auto&& [field, v] : *t) {
        if (field.str() != "yields_to" || !v.as_array()) {
          Error(Where(file, v.source()), "", "dimensions: unknown key or wrong type '" +
                                                 std::string(field.str()) + "'");
          continue;
        }
        for (auto& d : *v.as_array()) {
          if (auto s = d.value<std::string>()) settings.yields_to.push_back(*s);
        }
      }
      set_->dimensions_[std::string(key.str())] = settings;
    }
  }

  bool LoadExample(const std::string& file, toml::node& node, const std::string& id,
                   RuleExample* example) {
    example->where = {file, static_cast<int>(node.source().begin.line),
                      static_cast<int>(node.source().begin.column)};
    if (auto s = node.value<std::string>()) {
      example->text = *s;
      return true;
    }
    toml::table* t = node.as_table();
    if (!t) {
      Error(Where(file, node.source()), id, "an example is a string or { text = …, value = … }");
      return false;
    }
    for (auto&& [field, value] : *t) {
      std::string f(field.str());
      std::string v;
      if (auto s = value.value<std::string>()) {
        v = *s;
      } else if (auto n = value.value<int64_t>()) {
        v = std::to_string(*n);
      } else if (auto d = value.value<double>()) {
        std::ostringstream o;
        o << *d;
        v = o.str();
      } else {
        Error(Where(file, value.source()), id, "example field '" + f + "' must be a string or number");
        return false;
      }
      if (f == "text") {
        example->text = v;
      } else {
        example->expected[f] = v;
      }
    }
    if (example->text.empty()) {
      Error(Where(file, node.source()), id, "example without text");
      return false;
    }
    return true;
  }

  void LoadRules(const std::string& file, toml::node& node) {
    toml::array* array = node.as_array();
    if (!array) return Error(Where(file, node.source()), "", "use [[rule]] for rules");
    for (auto& item : *array) {
      toml::table* t = item.as_table();
      if (!t) {
        Error(Where(file, item.source()), "", "a rule must be a table");
        continue;
      }
      auto rule = std::make_unique<Rule>();
      rule->where = {file, static_cast<int>(item.source().begin.line),
                     static_cast<int>(item.source().begin.column)};
      rule->id = (*t)["id"].value_or(std::string());
      std::string loc = Where(file, item.source());
      if (rule->id.empty()) {
        Error(loc, "", "rule without id");
        continue;
      }
      bool good = true;
      for (auto&& [key, value] : *t) {
        std::string k(key.str());
        std::string here = Where(file, value.source());
        if (k == "id") continue;
        if (k == "dimension" || k == "pattern") {
          auto s = value.value<std::string>();
          if (!s) {
            Error(here, rule->id, k + " must be a string");
            good = false;
          } else {
            (k == "dimension" ? rule->dimension : rule->pattern) = *s;
          }
        } else if (k == "priority") {
          auto n = value.value<int64_t>();
          if (!n) {
            Error(here, rule->id, "priority must be an integer");
            good = false;
          } else {
            rule->priority = static_cast<int>(*n);
          }
        } else if (k == "set") {
          toml::table* fields = value.as_table();
          if (!fields) {
            Error(here, rule->id, "set must be a table of strings");
            good = false;
            continue;
          }
          for (auto&& [fk, fv] : *fields) {
            auto s = fv.value<std::string>();
            if (!s) {
              Error(Where(file, fv.source()), rule->id, "set." + std::string(fk.str()) +
                                                            " must be a string");
              good = false;
            } else {
              rule->set[std::string(fk.str())] = *s;
            }
          }
        } else if (k == "examples" || k == "counter_examples") {
          toml::array* examples = value.as_array();
          if (!examples) {
            Error(here, rule->id, k + " must be an array");
            good = false;
            continue;
          }
          for (auto& e : *examples) {
            RuleExample example;
            if (!LoadExample(file, e, rule->id, &example)) {
              good = false;
              continue;
            }
            (k == "examples" ? rule->examples : rule->counter_examples).push_back(example);
          }
        } else if (k == "description") {
          continue;
        } else {
          Error(here, rule->id, "unknown key '" + k + "'");
          good = false;
        }
      }
      if (rule->dimension.empty() || rule->pattern.empty()) {
        Error(loc, rule->id, "a rule needs dimension and pattern");
        good = false;
      }
      if (!ids_.insert(rule->id).second) {
        Error(loc, rule->id, "duplicate rule id");
        good = false;
      }
      if (good) {
        rule->index = set_->rules_.size();
        set_->rules_.push_back(std::move(rule));
      }
    }
  }

  RuleSet* set_;
  std::map<std::string, std::string> pieces_;
  std::set<std::string> ids_;
};

std::unique_ptr<RuleSet> RuleSet::LoadFiles(
    const std::vector<std::pair<std::string, std::string>>& files) {
  std::unique_ptr<RuleSet> set(new RuleSet());
  RuleLoader loader(set.get());
  for (const auto& [name, content] : files) loader.LoadFile(name, content);
  loader.Finish();
  return set;
}

std::unique_ptr<RuleSet> RuleSet::LoadDirectory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::string>> files;
  std::error_code ec;
  std::vector<fs::path> paths;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    // encodings/ holds the tables of legacy encodings, not rules.
    if (it->is_directory() && it.depth() == 0 && it->path().filename() == "encodings") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && it->path().extension() == ".toml") paths.push_back(it->path());
  }
  if (ec || paths.empty()) {
    std::unique_ptr<RuleSet> set(new RuleSet());
    set->errors_.push_back(dir + ": " +
                           (ec ? "cannot read rule directory: " + ec.message()
                               : std::string("no *.toml rule files found")));
    return set;
  }
  std::sort(paths.begin(), paths.end());
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    files.emplace_back(p.string(), content.str());
  }
  return LoadFiles(files);
}

std::unique_ptr<RuleSet> RuleSet::LoadEmbedded() {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& file : EmbeddedRuleFiles()) {
    if (file.first.rfind("rules/encodings/", 0) != 0) files.push_back(file);
  }
  return LoadFiles(files);
}

}  // namespace vbhc
