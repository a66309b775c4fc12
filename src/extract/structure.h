// Structure: the paragraphs, sentences and section headings of a document,
// computed once and asked by position.
//
//   vbhc::Structure s(normalized.text);
//   Span sentence = s.SentenceOf(value_begin);   // ICU sentence, lines unwrapped
//   Span paragraph = s.ParagraphOf(value_begin); // a line once wrapping is undone
//   auto heading = s.HeadingOf(value_begin);     // "1. Mục tiêu", "II. NHIỆM VỤ", "Điều 2. …"
//   for (const Paragraph& p : s.paragraphs())    // kinds: heading, list item, table row, prose
//     if (p.kind == Paragraph::kTableRow) for (Span cell : s.CellsOf(p)) …
//
// Lines wrapped inside a paragraph (PDF and web copies) are joined first: a
// line break is soft when its line does not end a sentence and the next line
// does not start a list item, and a line that is only a list marker ("1.",
// "a)", "IV.") goes on with the next.  Joining replaces '\n' by ' ', so
// offsets in text() are those of the text given.
#ifndef VBHC_EXTRACT_STRUCTURE_H_
#define VBHC_EXTRACT_STRUCTURE_H_

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/offset_map.h"

namespace vbhc {

// One paragraph: a line of the text once wrapping is undone.
struct Paragraph {
  enum Kind { kBlank, kHeading, kListItem, kTableRow, kProse };
  Span span;   // the line, without its '\n'
  Span body;   // its text after the list marker ("- ", "1.2. ", "a) ", "(3) "), trimmed
  Kind kind = kProse;
};

class Structure {
 public:
  // Reads the structure of `text` (normalized).
  explicit Structure(const std::string& text);
  Structure(const Structure&) = delete;
  Structure& operator=(const Structure&) = delete;

  // Returns the text with soft line breaks replaced by spaces.
  const std::string& text() const { return unwrapped_; }

  // Returns the paragraph (an unwrapped line, without its '\n') around `pos`.
  Span ParagraphOf(size_t pos) const { return Find(lines_, pos); }

  // Returns the sentence around `pos` (ICU's sentence break rules; the
  // boundaries are found once, at construction).
  Span SentenceOf(size_t pos) const;

  // Returns the heading line that governs `pos` (the nearest one before it).
  std::optional<Span> HeadingOf(size_t pos) const;

  // Returns the major heading that governs `pos` ("II. MỤC TIÊU", "Điều 2.",
  // a line of capitals): the section its numbered sub-headings stand in.
  std::optional<Span> SectionOf(size_t pos) const;

  // Returns every paragraph, in text order (blank lines included).
  const std::vector<Paragraph>& paragraphs() const { return paragraphs_; }

  // Returns the index in paragraphs() of the paragraph around `pos`.
  size_t IndexOf(size_t pos) const;

  // What a paragraph's marker may hold below it, from the least to the most:
  // "- " items, "a) " items, "1. " items, "II. " and headings; none for prose.
  enum MarkerRank { kNoMarker = 0, kDashed = 1, kLettered = 2, kNumbered = 3, kMajor = 4 };

  // Returns the rank of the marker of `p`.
  int MarkerRankOf(const Paragraph& p) const;

  // Returns the block of paragraph `index`: it and the paragraphs under it,
  // up to the next heading or paragraph whose marker ranks as high as its
  // own or `min_rank` ("1. …" holds its "a)", "-" items and prose; prose
  // holds the prose after it; a line ending with ':' holds the list below
  // it), and not past a paragraph starting at `limit`.
  Span BlockOf(size_t index, int min_rank = kDashed, size_t limit = std::string::npos) const;

  // Returns the lead-in of the list item holding `pos`: the line ending with
  // ':' above its list ("Phấn đấu đến năm 2025:"), or a short numbered line
  // without a stop ("2. Tầm nhìn đến năm 2045"); nullopt when none.
  std::optional<Span> LeadInOf(size_t pos) const;

  // Returns the cells of a table row ("| a | b |"), each trimmed of spaces.
  std::vector<Span> CellsOf(const Paragraph& row) const;

  // Returns where the text of `line` starts after its list marker: "- ",
  // "+ ", "• ", "1. ", "1.2. ", "2) ", "a) ", "(3) ", "IV. "; 0 when none.
  static size_t MarkerEnd(std::string_view line);

  // Returns true when a line of the text given starts at `pos` (the line
  // break before it may have been joined: text()[pos - 1] is then ' ').
  bool LineStartsAt(size_t pos) const {
    return pos == 0 || unwrapped_[pos - 1] == '\n' ||
           std::binary_search(joined_.begin(), joined_.end(), pos - 1);
  }

  // Returns the length of the article label opening `line` ("Điều 2. ",
  // "ĐIỀU 12: ", spaces after it included); 0 when none.
  static size_t ArticleLabelLength(std::string_view line);

  // Returns true when `line` starts a list item: "-", "+", "•", "1.", "1)",
  // "a)", or a table row or markdown heading.
  static bool StartsListItem(std::string_view line);

 private:
  bool TitleOverProse(Span line, std::string_view next) const;
  static bool ContinuesSentence(std::string_view next);
  void MergeColumnTables();
  std::vector<Span> ColumnRowAt(size_t i, size_t* end) const;
  Span Trimmed(Span s) const;
  void Unwrap();
  void FindSentences();
  static Span Find(const std::vector<Span>& spans, size_t pos);
  bool IsHeading(Span p) const;
  Paragraph Classify(Span line) const;

  std::string unwrapped_;
  std::vector<Span> lines_;             // the paragraphs' spans, for Find
  std::vector<Paragraph> paragraphs_;
  std::vector<Span> headings_;
  std::vector<size_t> joined_;          // line breaks joined by Unwrap, in order
  std::map<size_t, std::vector<Span>> column_cells_;  // cells of rows copied column by column, by row start
  std::vector<size_t> sentence_ends_;  // every sentence's end, in order; the last is the text's
  bool sentences_ = false;             // false when ICU's iterator failed: sentences are paragraphs
};

}  // namespace vbhc

#endif  // VBHC_EXTRACT_STRUCTURE_H_
