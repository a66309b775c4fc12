// Rule checks: every rule proves itself by its examples (duckling's corpus
// idea).  For each rule:
//   * each example must produce an item of this rule whose fields equal the
//     expected ones, on the text as written and on its accentless form;
//   * no counter-example may produce an item of this rule;
//   * no other rule of the same dimension and priority may match an example's
//     text exactly as well (an ambiguous tie);
//   * the rule has at least one example and one counter-example;
//   * given a corpus, the rule fires somewhere in it.
#ifndef VBHC_RULES_RULE_CHECK_H_
#define VBHC_RULES_RULE_CHECK_H_

#include <string>
#include <vector>

#include "rules/rule_set.h"

namespace vbhc {

struct ExampleResult {
  const Rule* rule = nullptr;
  std::string what;     // "example", "accentless example", "counter-example", …
  std::string text;     // the example text
  bool passed = false;
  std::string message;  // "file:line:col: rule id: …" when failed
};

struct RuleCheckReport {
  std::vector<ExampleResult> results;
  size_t failed() const;
  size_t passed() const { return results.size() - failed(); }
};

// Returns the result of every check above.  `corpus` holds document texts;
// when empty, the "fires on the corpus" check is skipped.
RuleCheckReport CheckRules(const RuleSet& rules, const std::vector<std::string>& corpus);

// Returns the items (fields) that `rule` produces on `text`; `accentless`
// matches through the folded view.
std::vector<std::string> DescribeRuleItems(const RuleSet& rules, const Rule& rule,
                                           const std::string& text, bool accentless);

}  // namespace vbhc

#endif  // VBHC_RULES_RULE_CHECK_H_
