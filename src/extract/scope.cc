#include "extract/scope.h"

#include <algorithm>

namespace vbhc {
namespace {

// How far a scope reaches around its item.  Real sentences and goal
// paragraphs are far shorter; the bound keeps a 50 MB one-line input linear.
constexpr size_t kScopeBytes = 3000;
// A block (a task's list of work) may be longer: a bound all the same.
constexpr size_t kBlockBytes = 16000;

Span Clamp(Span s, Span center) {
  const size_t lo = center.begin > kScopeBytes ? center.begin - kScopeBytes : 0;
  const Span out{std::max(s.begin, lo), std::min(s.end, center.end + kScopeBytes)};
  return {out.begin, std::max(out.begin, out.end)};
}

}  // namespace

TimeScope::TimeScope(const Structure& structure, const std::vector<Item>& items) : structure_(structure) {
  for (const Item& item : items) {
    if (item.dimension == "deadline") {
      sources_[kDeadline].Add(&item);
      if (!item.fields.contains("recurrence")) sources_[kFixedDeadline].Add(&item);
    } else if (item.dimension == "period") {
      const bool plan = item.fields["kind"] == "period";
      sources_[plan ? kPlanPeriod : kHorizon].Add(&item);
      sources_[kAnyPeriod].Add(&item);
    }
  }
}

void TimeScope::Sort() {
  for (ItemIndex& index : sources_) index.Sort();
}

Scope TimeScope::Of(Span item, size_t block_limit) const {
  const std::string& text = structure_.text();
  Scope s;
  s.item = item;
  s.sentence = Clamp(structure_.SentenceOf(item.begin), item);
  s.paragraph = Clamp(structure_.ParagraphOf(item.begin), item);
  s.clause = {s.sentence.begin, s.sentence.end};
  for (size_t i = item.begin; i > s.sentence.begin; --i) {
    const char c = text[i - 1];
    if (c == ',' || c == ';' || c == ':' || c == '(') {
      s.clause.begin = i;
      break;
    }
  }
  s.clause.end = FindFirstOf(text, ",;.", item.end, s.sentence.end);
  s.clause.end = std::max(s.clause.end, item.end);
  const size_t limit = std::min(block_limit, item.end + kBlockBytes);
  const Span block = structure_.BlockOf(structure_.IndexOf(item.begin), Structure::kDashed, limit);
  s.block = {block.begin, std::max(item.end, std::min(block.end, limit))};
  if (std::optional<Span> lead_in = structure_.LeadInOf(item.begin)) s.lead_in = Clamp(*lead_in, item);
  if (std::optional<Span> heading = structure_.HeadingOf(item.begin)) {
    s.heading = Clamp(*heading, {heading->begin, heading->begin});
  }
  if (std::optional<Span> section = structure_.SectionOf(item.begin)) {
    s.section = Clamp(*section, {section->begin, section->begin});
  }
  return s;
}

std::optional<Span> TimeScope::RegionOf(const Scope& s, Region region) const {
  switch (region) {
    case kOwn: return s.item;
    case kAround: return std::nullopt;  // Governing asks the sources itself
    case kClauseBefore: return Span{s.clause.begin, s.item.begin};
    case kClauseAfter: return Span{s.item.end, s.clause.end};
    case kSentenceBefore: return Span{s.sentence.begin, s.item.begin};
    case kSentenceAfter: return Span{s.item.end, std::max(s.item.end, s.sentence.end)};
    case kParagraphBefore: return Span{s.paragraph.begin, s.item.begin};
    case kBlockAfter: return Span{s.item.end, std::max(s.item.end, s.block.end)};
    case kLeadIn: return s.lead_in;
    case kHeading: return s.heading;
    case kDocument: return Span{0, structure_.text().size()};
  }
  return std::nullopt;
}

const Item* TimeScope::Governing(const Scope& s, std::span<const Step> ladder) const {
  for (const Step& step : ladder) {
    if (step.region == kAround) {
      const std::vector<const Item*> around = sources_[step.source].Containing(s.item, kScopeBytes);
      if (!around.empty()) return around.back();
      continue;
    }
    const std::optional<Span> region = RegionOf(s, step.region);
    if (!region || region->begin > region->end) continue;
    const std::vector<const Item*> found = sources_[step.source].Within(*region);
    if (found.empty()) continue;
    // Nearest: the last of a region before the item, the first of one after it.
    const bool before = region->end <= s.item.begin && step.region != kOwn;
    return step.pick == kNearest && before ? found.back() : found.front();
  }
  return nullptr;
}

const Json& TimeScope::Value(const Item& item) {
  return item.dimension == "period" ? item.fields["end"] : item.fields["value"];
}

}  // namespace vbhc
