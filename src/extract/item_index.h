// ItemIndex: extracted items sorted by start, the ones inside a span found by
// binary search (targets and tasks ask "which deadlines lie in this sentence").
//
//   vbhc::ItemIndex deadlines;
//   for (const Item& i : items) if (i.dimension == "deadline") deadlines.Add(&i);
//   deadlines.Sort();
//   for (const Item* d : deadlines.Within(sentence)) …
#ifndef VBHC_EXTRACT_ITEM_INDEX_H_
#define VBHC_EXTRACT_ITEM_INDEX_H_

#include <algorithm>
#include <vector>

#include "extract/extractor.h"

namespace vbhc {

// Returns the items of the matches of one dimension whose captures make a
// value ("target_year", "task_time": dimensions read only by the semantic
// passes, not listed in records).
inline std::vector<Item> ItemsOfDimension(const std::vector<RuleMatch>& matches, const RuleSet& rules,
                                          const std::string& dimension) {
  std::vector<Item> out;
  for (const RuleMatch& m : matches) {
    if (m.rule->dimension != dimension) continue;
    std::string ignored;
    if (std::optional<Json> f = BuildFields(m, rules, &ignored)) out.push_back({dimension, m.rule->id, m.span, *f});
  }
  return out;
}

class ItemIndex {
 public:
  void Add(const Item* item) { items_.push_back(item); }
  void Sort() {
    std::stable_sort(items_.begin(), items_.end(),
                     [](const Item* a, const Item* b) { return a->span.begin < b->span.begin; });
  }
  // Returns the items whose span lies inside `scope`, in document order.
  std::vector<const Item*> Within(Span scope) const {
    std::vector<const Item*> out;
    auto it = std::lower_bound(items_.begin(), items_.end(), scope.begin,
                               [](const Item* i, size_t p) { return i->span.begin < p; });
    for (; it != items_.end() && (*it)->span.begin < scope.end; ++it) {
      if ((*it)->span.end <= scope.end) out.push_back(*it);
    }
    return out;
  }
  // Returns the items whose span holds all of `inner`, nearest start last;
  // only items starting within `reach` bytes before it are looked at.
  std::vector<const Item*> Containing(Span inner, size_t reach) const {
    std::vector<const Item*> out;
    auto it = std::upper_bound(items_.begin(), items_.end(), inner.begin,
                               [](size_t p, const Item* i) { return p < i->span.begin; });
    const size_t from = inner.begin > reach ? inner.begin - reach : 0;
    while (it != items_.begin() && (*(it - 1))->span.begin >= from) {
      --it;
      if ((*it)->span.end >= inner.end) out.insert(out.begin(), *it);
    }
    return out;
  }
  // Returns every item, in document order once sorted.
  const std::vector<const Item*>& all() const { return items_; }

 private:
  std::vector<const Item*> items_;
};

}  // namespace vbhc

#endif  // VBHC_EXTRACT_ITEM_INDEX_H_
