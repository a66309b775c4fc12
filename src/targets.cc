#include "targets.h"

namespace vbhc {

std::vector<Item> FindTargets(const NormalizedText&, const std::vector<Item>&,
                              const std::vector<RuleMatch>&, const RuleSet&) {
  return {};
}

}  // namespace vbhc
