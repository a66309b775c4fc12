// Structure: the paragraphs, sentences and section headings of a document,
// computed once and asked by position.
//
//   vbhc::Structure s(normalized.text);
//   Span sentence = s.SentenceOf(value_begin);   // ICU sentence, lines unwrapped
//   Span paragraph = s.ParagraphOf(value_begin); // a line once wrapping is undone
//   auto heading = s.HeadingOf(value_begin);     // "1. Mục tiêu", "II. NHIỆM VỤ", "Điều 2. …"
//
// Lines wrapped inside a paragraph (PDF and web copies) are joined first: a
// line break is soft when its line does not end a sentence and the next line
// does not start a list item.  Joining replaces '\n' by ' ', so offsets in
// text() are those of the text given.
#ifndef VBHC_EXTRACT_STRUCTURE_H_
#define VBHC_EXTRACT_STRUCTURE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "text/offset_map.h"

namespace vbhc {

class Structure {
 public:
  // Reads the structure of `text` (normalized).  One Structure at a time per
  // thread: the sentence iterator is the thread's.
  explicit Structure(const std::string& text);
  ~Structure();
  Structure(const Structure&) = delete;
  Structure& operator=(const Structure&) = delete;

  // Returns the text with soft line breaks replaced by spaces.
  const std::string& text() const { return unwrapped_; }

  // Returns the paragraph (an unwrapped line, without its '\n') around `pos`.
  Span ParagraphOf(size_t pos) const { return Find(paragraphs_, pos); }

  // Returns the sentence around `pos`; cheapest when asked in text order.
  Span SentenceOf(size_t pos) const;

  // Returns the heading line that governs `pos` (the nearest one before it).
  std::optional<Span> HeadingOf(size_t pos) const;

  // Returns true when `line` starts a list item: "-", "+", "•", "1.", "1)",
  // "a)", or a table row or markdown heading.
  static bool StartsListItem(std::string_view line);

 private:
  bool TitleOverProse(Span line, std::string_view next) const;
  void Unwrap();
  void OpenSentences();
  static Span Find(const std::vector<Span>& spans, size_t pos);
  bool IsHeading(Span p) const;

  std::string unwrapped_;
  std::vector<Span> paragraphs_;
  std::vector<Span> headings_;
  UText* text_ = nullptr;
  icu::BreakIterator* iterator_ = nullptr;  // the thread's, set to text_
  mutable Span sentence_{0, 0};             // SentenceOf's last answer: two boundaries
};

}  // namespace vbhc

#endif  // VBHC_EXTRACT_STRUCTURE_H_
