// Each example and counter-example of the shipped rules is a visible test
// case (ctest lists them one by one), as duckling's corpus is its test.
#include <gtest/gtest.h>

#include "rules/rule_check.h"

namespace vbhc {
namespace {

const RuleSet& ShippedRules() {
  static std::unique_ptr<RuleSet> rules = RuleSet::LoadDirectory(VBHC_SOURCE_DIR "/rules");
  return *rules;
}

const RuleCheckReport& Report() {
  static RuleCheckReport report = CheckRules(ShippedRules(), {});
  return report;
}

class RuleExampleTest : public testing::TestWithParam<size_t> {};

TEST_P(RuleExampleTest, Holds) {
  const ExampleResult& r = Report().results[GetParam()];
  EXPECT_TRUE(r.passed) << r.message;
}

std::string Name(const testing::TestParamInfo<size_t>& info) {
  const ExampleResult& r = Report().results[info.param];
  std::string name = (r.rule ? r.rule->id : "rule") + "_" + r.what + "_" + std::to_string(info.param);
  for (char& c : name) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

std::vector<size_t> Indices() {
  std::vector<size_t> out;
  for (size_t i = 0; i < Report().results.size(); ++i) out.push_back(i);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleExampleTest, testing::ValuesIn(Indices()), Name);

TEST(ShippedRulesTest, Load) {
  EXPECT_TRUE(ShippedRules().ok()) << ShippedRules().error();
  EXPECT_GT(Report().results.size(), 100u);
}

}  // namespace
}  // namespace vbhc
