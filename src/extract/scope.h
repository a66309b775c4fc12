// Scope: the spans that may govern an item, and the time that governs it.
//
// An item of a plan (a target's value, a task) stands in nested spans of its
// document's Structure: its clause, its sentence, its paragraph, its block
// (the paragraph and the lines under it), the lead-in over its list ("Phấn
// đấu đến năm 2025:"), the heading above it, and the document, whose plan
// period governs what nothing nearer does.  Which of them a pass reads, in
// which order, and for which kind of time, is a ladder of Steps — a table in
// the pass, not code — and TimeScope walks it:
//
//   vbhc::TimeScope scope(structure, items);
//   scope.Add(vbhc::TimeScope::kYear, &year_item);      // pass-specific sources
//   scope.Sort();
//   static constexpr vbhc::TimeScope::Step kLadder[] = {
//       {vbhc::TimeScope::kClauseBefore, vbhc::TimeScope::kFixedDeadline, vbhc::TimeScope::kNearest},
//       {vbhc::TimeScope::kHeading, vbhc::TimeScope::kAnyPeriod, vbhc::TimeScope::kNearest},
//       {vbhc::TimeScope::kDocument, vbhc::TimeScope::kPlanPeriod, vbhc::TimeScope::kNearest}};
//   vbhc::Scope s = scope.Of(value_span);
//   if (const vbhc::Item* t = scope.Governing(s, kLadder)) json = vbhc::TimeScope::Value(*t);
//
// Targets walk a long ladder (clause, sentence, paragraph, lead-in, heading,
// plan: "Đến năm 2025 … đạt 80%"); tasks a short one (their own span, then a
// labelled time below them in their block: "Thời gian hoàn thành trước …",
// or the first deadline of the list they lead into).
#ifndef VBHC_EXTRACT_SCOPE_H_
#define VBHC_EXTRACT_SCOPE_H_

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "extract/cues.h"
#include "extract/item_index.h"
#include "extract/structure.h"

namespace vbhc {

// The spans around one item, clamped to a few KB on each side of it so that
// a one-line 50 MB input stays linear.
struct Scope {
  Span item;                    // the item itself
  Span clause;                  // back to the last , ; : ( of its sentence, on to the next , ; .
  Span sentence, paragraph;
  Span block;                   // the paragraph and the lines under it (Structure::BlockOf)
  std::optional<Span> lead_in;  // the line ending with ':' (or sub-heading) over its list
  std::optional<Span> heading;  // the heading above it ("1. Lộ trình thực hiện")
  std::optional<Span> section;  // the major heading above it ("I. MỤC TIÊU"), maybe the same
};

class TimeScope {
 public:
  // Where a step looks, relative to the item.
  enum Region {
    kOwn,              // the item's own span
    kAround,           // an item of the source holding the item ("đưa vào khai thác 3.000 km … trong năm 2025")
    kClauseBefore,     // its clause, before it
    kClauseAfter,      // its clause, after it
    kSentenceBefore,   // its sentence, before it
    kSentenceAfter,    // its sentence, after it
    kParagraphBefore,  // its paragraph, before it
    kBlockAfter,       // its block, after it (up to the limit given to Of)
    kLeadIn,           // the lead-in over its list
    kHeading,          // the heading above it
    kDocument,         // the whole document
  };
  // What a step looks for.
  enum Source {
    kDeadline,       // every deadline item, recurring ones too
    kFixedDeadline,  // deadlines with a date ("trước ngày 30/6/2025"), not "hằng năm"
    kPlanPeriod,     // periods of kind "period" ("giai đoạn 2021 - 2025")
    kHorizon,        // periods of another kind ("tầm nhìn đến năm 2045")
    kAnyPeriod,      // both
    kYear,           // added by a pass: the year a list of targets is set for
    kLabelledTime,   // added by a pass: a deadline on a line opening with a time label
    kSourceCount,
  };
  // Which of the items found in a region: the nearest to the item (the last
  // one of a region before it, the first one after it), or the first.
  enum Pick { kNearest, kFirst };
  struct Step {
    Region region;
    Source source;
    Pick pick = kNearest;
  };

  // Indexes the deadline and period items of `items` (they must outlive
  // this).  Add pass-specific items, then Sort before asking.
  TimeScope(const Structure& structure, const std::vector<Item>& items);

  // Adds an item of a pass-specific source (kYear, kLabelledTime).
  void Add(Source source, const Item* item) { sources_[source].Add(item); }
  // Sorts the sources; call once after the last Add.
  void Sort();

  // Returns the spans around `item`; its block ends at `block_limit` at the
  // latest (the start of the next task, say).
  Scope Of(Span item, size_t block_limit = std::string::npos) const;

  // Returns the first item a step of `ladder` finds, walking it in order;
  // nullptr when none does.
  const Item* Governing(const Scope& scope, std::span<const Step> ladder) const;

  // Returns the items of `source` inside `span`, in document order.
  std::vector<const Item*> Within(Source source, Span span) const { return sources_[source].Within(span); }

  // Returns the time an item gives: a period's end, else its value.
  static const Json& Value(const Item& item);

 private:
  std::optional<Span> RegionOf(const Scope& scope, Region region) const;

  const Structure& structure_;
  std::array<ItemIndex, kSourceCount> sources_;
};

}  // namespace vbhc

#endif  // VBHC_EXTRACT_SCOPE_H_
