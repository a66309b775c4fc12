#include "extract/structure.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

#include "text/vietnamese.h"

namespace vbhc {
namespace {

// A title line ("1. Mục tiêu", "II. NHIỆM VỤ") is shorter than this; a
// wrapped line of prose is mostly longer.
constexpr size_t kTitleBytes = 48;
// A cell of a table copied column by column holds at most this many lines
// and bytes (a list of places, a paragraph of legal basis); text running
// on from the last cell to a far bar is prose.
constexpr size_t kCellParagraphs = 6;
constexpr size_t kCellBytes = 1500;
// How many paragraphs or headings a walk back for a lead-in or a section
// reads at most: real lists are shorter, and each item asks.
constexpr size_t kWalkBack = 300;
// A row has at most this many cells: the bound keeps a run of bars that never
// closes a row from being walked again from each of its lines.
constexpr size_t kMaxCells = 40;
// A numbered line of fewer words than this, with no stop, is a sub-heading.
constexpr long kSubHeadingWords = 12;

// Returns the Sentence_Break class (UAX #29) of `c`, from ICU's data: a
// table for U+0000..U+1FFF (Latin, Vietnamese, combining marks) made once,
// since ICU's lookup per letter cost more than the rest.
int SentenceClass(UChar32 c) {
  static const std::array<uint8_t, 0x2000> kBelow2000 = [] {
    std::array<uint8_t, 0x2000> table{};
    for (UChar32 c = 0; c < 0x2000; ++c) table[c] = static_cast<uint8_t>(u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK));
    return table;
  }();
  return c < 0x2000 ? kBelow2000[c] : u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
}

// Returns the class of the character starting at `at` of `line`.
int SentenceClassAt(std::string_view line, size_t at) {
  UChar32 c;
  U8_NEXT(line.data(), at, line.size(), c);
  return c < 0 ? U_SB_OTHER : SentenceClass(c);
}

// SB8: after an ATerm, its closing marks and spaces, is the next letter
// from `i` on (past digits, marks, spaces…) a lower-case one?
bool LowerFollows(std::string_view line, size_t i) {
  while (i < line.size()) {
    UChar32 c;
    U8_NEXT(line.data(), i, line.size(), c);
    if (c < 0) return false;
    switch (SentenceClass(c)) {
      case U_SB_LOWER:
        return true;
      case U_SB_OLETTER:
      case U_SB_UPPER:
      case U_SB_SEP:
      case U_SB_CR:
      case U_SB_LF:
      case U_SB_STERM:
      case U_SB_ATERM:
        return false;
      default:
        break;
    }
  }
  return false;
}

// Appends to *ends the sentence breaks inside `line` (a line without its
// '\n', or a table row made of several; offsets in the line) by ICU's
// sentence rules (UAX #29 SB4-SB11): after a line break, and after a stop
// (STerm, ATerm), its closing marks and spaces, unless a digit follows '.'
// (SB6), "U.S" (SB7), a lower-case letter comes next (SB8), or a comma, a
// colon, another stop (SB8a).  Returns false, leaving the line to ICU, on
// what these rules do not cover here: CR, NEL, U+2028/9 and bytes that are
// not UTF-8.  The line's own end is a break after its '\n' in every case.
bool SentenceBreaksInside(std::string_view line, std::vector<size_t>* ends) {
  // After a stop: kAfterStop right after it, kAfterClose after closing
  // marks, kAfterSpace after spaces (SB9, SB10).
  enum { kText, kAfterStop, kAfterClose, kAfterSpace } state = kText;
  bool aterm = false;               // the last stop is an ATerm ('.')
  int before = U_SB_OTHER;          // the class before it (SB7)
  size_t previous = std::string_view::npos;  // where the last character starts
  for (size_t i = 0; i < line.size();) {
    const size_t at = i;
    // In text only stops and separators matter: ASCII holds none but these.
    const unsigned char b = static_cast<unsigned char>(line[i]);
    if (state == kText && b < 0x80 && b != '.' && b != '!' && b != '?' && b != '\r' && b != '\n') {
      previous = i++;
      continue;
    }
    // Nor do Latin letters U+00C0..U+02FF (lead bytes C3..CB) and U+1E80..U+1EFF
    // (E1 BA, E1 BB): Vietnamese (StructureTest.SentencesAreIcus checks).
    auto continues = [&](size_t k) { return (static_cast<unsigned char>(line[k]) & 0xC0) == 0x80; };
    if (state == kText && i + 1 < line.size() && b >= 0xC3 && b <= 0xCB && continues(i + 1)) {
      previous = i;
      i += 2;
      continue;
    }
    if (state == kText && i + 2 < line.size() && b == 0xE1 &&
        (static_cast<unsigned char>(line[i + 1]) == 0xBA || static_cast<unsigned char>(line[i + 1]) == 0xBB) &&
        continues(i + 2)) {
      previous = i;
      i += 3;
      continue;
    }
    UChar32 c;
    U8_NEXT(line.data(), i, line.size(), c);
    if (c < 0) return false;
    const int k = SentenceClass(c);
    if (k == U_SB_EXTEND || k == U_SB_FORMAT) continue;  // SB5: part of what it follows
    if (k == U_SB_LF) {  // inside a table row made of lines (MergeColumnTables)
      ends->push_back(i);  // SB4, SB9-SB11: after the line break
      state = kText;
      previous = std::string_view::npos;
      continue;
    }
    if (k == U_SB_SEP || k == U_SB_CR) return false;
    if (k == U_SB_STERM || k == U_SB_ATERM) {
      state = kAfterStop;  // SB8a: a stop after a stop goes on
      aterm = k == U_SB_ATERM;
      before = previous == std::string_view::npos ? U_SB_OTHER : SentenceClassAt(line, previous);
    } else if (state != kText && k == U_SB_SP) {
      state = kAfterSpace;
    } else if (state != kText && k == U_SB_CLOSE && state != kAfterSpace) {
      state = kAfterClose;
    } else if (state != kText) {
      const bool goes_on =
          k == U_SB_SCONTINUE || (aterm && state == kAfterStop && k == U_SB_NUMERIC) ||
          (aterm && state == kAfterStop && k == U_SB_UPPER && (before == U_SB_UPPER || before == U_SB_LOWER)) ||
          (aterm && LowerFollows(line, at));
      if (!goes_on) ends->push_back(at);  // SB11
      state = kText;
    }
    previous = at;
  }
  return true;
}

}  // namespace

Structure::Structure(const std::string& text) : unwrapped_(text) {
  Unwrap();
  for (size_t pos = 0; pos <= unwrapped_.size();) {
    size_t nl = unwrapped_.find('\n', pos);
    if (nl == std::string::npos) nl = unwrapped_.size();
    lines_.push_back({pos, nl});
    paragraphs_.push_back(Classify(lines_.back()));
    pos = nl + 1;
  }
  MergeColumnTables();
  for (const Paragraph& p : paragraphs_) {
    if (p.kind == Paragraph::kHeading) headings_.push_back(p.span);
  }
  FindSentences();
}

// A table copied column by column arrives as its cells on lines of their
// own, a line "|" after each, and "|" twice after a row's last cell:
//   **STT**  |  **Nội dung**  |  **Cơ quan chủ trì**  |  |  1  |  Rà soát …  |  Sở Xây dựng  |  |
// Each row becomes one table-row paragraph whose cells CellsOf returns.
// (An empty cell inside a row reads as the row's end: such rows come out
// short, and a pass asking for a column they lack skips them.)
void Structure::MergeColumnTables() {
  std::vector<Paragraph> merged;
  std::vector<Span> lines;
  for (size_t i = 0; i < paragraphs_.size();) {
    size_t end = i;
    std::vector<Span> cells = ColumnRowAt(i, &end);
    if (cells.size() < 2) {
      merged.push_back(paragraphs_[i]);
      lines.push_back(lines_[i]);
      ++i;
      continue;
    }
    const Span row{paragraphs_[i].span.begin, paragraphs_[end - 1].span.end};
    column_cells_.emplace(row.begin, std::move(cells));
    merged.push_back({row, row, Paragraph::kTableRow});
    lines.push_back(row);
    i = end;
  }
  paragraphs_ = std::move(merged);
  lines_ = std::move(lines);
}

// Returns the cells of a row copied column by column that starts at
// paragraph `i` (none when no row starts there), and sets *end to the index
// after its closing bars.
std::vector<Span> Structure::ColumnRowAt(size_t i, size_t* end) const {
  auto is_bar = [&](size_t k) {
    const std::string_view line(unwrapped_.data() + paragraphs_[k].span.begin, paragraphs_[k].span.size());
    const size_t b = line.find_first_not_of(' ');
    return b != std::string_view::npos && b == line.find_last_not_of(' ') && line[b] == '|';
  };
  auto is_text = [&](size_t k) { return k < paragraphs_.size() && paragraphs_[k].kind != Paragraph::kBlank && !is_bar(k); };
  std::vector<Span> cells;
  for (size_t j = i; is_text(j) && cells.size() < kMaxCells;) {
    size_t k = j;
    while (is_text(k) && k - j < kCellParagraphs) ++k;
    if (k >= paragraphs_.size() || !is_bar(k) ||
        paragraphs_[k - 1].span.end - paragraphs_[j].span.begin > kCellBytes) {
      return {};  // no bar after a cell's few lines: prose, not a table
    }
    cells.push_back(Trimmed({paragraphs_[j].span.begin, paragraphs_[k - 1].span.end}));
    j = k + 1;
    if (j < paragraphs_.size() && is_bar(j)) {
      *end = j + 1;
      return cells;
    }
  }
  return {};
}

// Returns `s` without the spaces, line breaks and emphasis marks around it.
Span Structure::Trimmed(Span s) const {
  while (s.begin < s.end && std::string_view(" \n*").find(unwrapped_[s.begin]) != std::string_view::npos) ++s.begin;
  while (s.end > s.begin && std::string_view(" \n*").find(unwrapped_[s.end - 1]) != std::string_view::npos) --s.end;
  return s;
}

Span Structure::SentenceOf(size_t pos) const {
  if (!sentences_) return ParagraphOf(pos);
  if (unwrapped_.empty()) return {0, 0};
  const size_t at = std::min(pos, unwrapped_.size() - 1);
  auto end = std::upper_bound(sentence_ends_.begin(), sentence_ends_.end(), at);
  if (end == sentence_ends_.end()) return {sentence_ends_.empty() ? 0 : sentence_ends_.back(), unwrapped_.size()};
  return {end == sentence_ends_.begin() ? 0 : *(end - 1), *end};
}

// Returns the heading line that governs `pos` (the nearest one before it).
std::optional<Span> Structure::HeadingOf(size_t pos) const {
  auto it = std::upper_bound(headings_.begin(), headings_.end(), pos,
                             [](size_t p, const Span& s) { return p < s.end; });
  if (it == headings_.begin()) return std::nullopt;
  return *(it - 1);
}

std::optional<Span> Structure::SectionOf(size_t pos) const {
  auto it = std::upper_bound(headings_.begin(), headings_.end(), pos,
                             [](size_t p, const Span& s) { return p < s.end; });
  for (size_t seen = 0; it != headings_.begin() && seen < kWalkBack; ++seen) {
    --it;
    if (MarkerRankOf(paragraphs_[IndexOf(it->begin)]) == kMajor) return *it;
  }
  return std::nullopt;
}

size_t Structure::IndexOf(size_t pos) const {
  auto it = std::upper_bound(lines_.begin(), lines_.end(), pos,
                             [](size_t p, const Span& s) { return p < s.begin; });
  return it == lines_.begin() ? 0 : static_cast<size_t>(it - lines_.begin()) - 1;
}

int Structure::MarkerRankOf(const Paragraph& p) const {
  if (p.kind == Paragraph::kBlank || p.kind == Paragraph::kTableRow) return kNoMarker;
  const size_t first = unwrapped_.find_first_not_of(' ', p.span.begin);
  if (first >= p.body.begin) return p.kind == Paragraph::kHeading ? kMajor : kNoMarker;
  const char c = unwrapped_[first];
  if (c == '-' || c == '+' || c == '*' || c == '\xE2') return kDashed;
  if (std::isdigit(static_cast<unsigned char>(c))) return kNumbered;
  if (c == 'I' || c == 'V' || c == 'X') return kMajor;
  return kLettered;
}

Span Structure::BlockOf(size_t index, int min_rank, size_t limit) const {
  int rank = std::max(MarkerRankOf(paragraphs_[index]), min_rank);
  size_t i = index + 1;
  // A line ending with ':' leads in the list below it, whatever its marker:
  // its items and what they hold, up to a marker ranking above theirs.
  const Paragraph& p = paragraphs_[index];
  const size_t end = p.body.size() > 0 ? unwrapped_.find_last_not_of(" *_", p.body.end - 1) : std::string::npos;
  if (end != std::string::npos && end >= p.body.begin && unwrapped_[end] == ':' && p.kind != Paragraph::kHeading) {
    while (i < paragraphs_.size() && paragraphs_[i].kind == Paragraph::kBlank) ++i;
    if (i < paragraphs_.size() && paragraphs_[i].kind == Paragraph::kListItem) {
      rank = std::max(rank, MarkerRankOf(paragraphs_[i]) + 1);
    }
    i = index + 1;
  }
  size_t last = index;
  for (; i < paragraphs_.size() && paragraphs_[i].span.begin < limit; ++i) {
    if (MarkerRankOf(paragraphs_[i]) >= rank || paragraphs_[i].kind == Paragraph::kHeading) break;
    if (paragraphs_[i].kind != Paragraph::kBlank) last = i;
  }
  return {paragraphs_[index].span.begin, paragraphs_[last].span.end};
}

// The items of one marker ("-", "+", "a") above `pos` lead back to it.
std::optional<Span> Structure::LeadInOf(size_t pos) const {
  size_t i = IndexOf(pos);
  if (i >= paragraphs_.size() || paragraphs_[i].kind != Paragraph::kListItem) return std::nullopt;
  auto marker = [&](const Paragraph& p) {
    return unwrapped_.substr(p.span.begin, std::min<size_t>(1, p.body.begin - p.span.begin));
  };
  const std::string own = marker(paragraphs_[i]);
  for (size_t seen = 0; i-- > 0 && seen < kWalkBack; ++seen) {
    const Paragraph& p = paragraphs_[i];
    if (p.kind == Paragraph::kBlank || (p.kind == Paragraph::kListItem && marker(p) == own)) continue;
    const size_t last = unwrapped_.find_last_not_of(" *_", p.span.end - 1);
    if (last == std::string::npos || last < p.span.begin) return std::nullopt;
    const std::string_view body(unwrapped_.data() + p.body.begin, p.body.size());
    const bool sub_heading = p.kind == Paragraph::kListItem && p.body.begin > p.span.begin &&
                             std::count(body.begin(), body.end(), ' ') < kSubHeadingWords &&
                             std::string_view(".;,").find(unwrapped_[last]) == std::string_view::npos;
    if (unwrapped_[last] != ':' && !sub_heading) return std::nullopt;
    return p.span;
  }
  return std::nullopt;
}

std::vector<Span> Structure::CellsOf(const Paragraph& row) const {
  if (auto column = column_cells_.find(row.span.begin); column != column_cells_.end()) return column->second;
  std::vector<Span> cells;
  std::string_view line(unwrapped_.data() + row.span.begin, row.span.size());
  size_t first = line.find('|');
  if (first == std::string_view::npos) return cells;
  for (size_t at = first + 1; at < line.size();) {
    size_t bar = line.find('|', at);
    if (bar == std::string_view::npos) bar = line.size();
    size_t b = line.find_first_not_of(' ', at), e = line.find_last_not_of(' ', bar - 1);
    Span cell{row.span.begin + at, row.span.begin + at};
    if (b != std::string_view::npos && b < bar && e != std::string_view::npos && e >= b) {
      cell = {row.span.begin + b, row.span.begin + e + 1};
    }
    if (bar < line.size() || cell.size() > 0) cells.push_back(cell);
    at = bar + 1;
  }
  return cells;
}

size_t Structure::MarkerEnd(std::string_view line) {
  size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos) return 0;
  auto space_after = [&](size_t end) -> size_t {
    if (end < line.size() && line[end] != ' ') return 0;
    size_t body = line.find_first_not_of(' ', end);
    return body == std::string_view::npos ? line.size() : body;
  };
  const char c = line[i];
  if (c == '-' || c == '+' || c == '*') return space_after(i + 1);
  if (line.substr(i, 3) == "\xE2\x80\xA2") return space_after(i + 3);  // •
  if (c == '(') {  // "(3) "
    size_t d = i + 1;
    while (d < line.size() && std::isdigit(static_cast<unsigned char>(line[d]))) ++d;
    return d > i + 1 && d < line.size() && line[d] == ')' ? space_after(d + 1) : 0;
  }
  if (c == '#') return space_after(line.find_first_not_of('#', i));
  if (std::isdigit(static_cast<unsigned char>(c))) {  // "1. ", "1.2. ", "1.2 ", "2) "; not "1.200 "
    size_t d = i, groups = 0, dots = 0;
    while (d < line.size() && std::isdigit(static_cast<unsigned char>(line[d]))) {
      size_t group = d;
      while (d < line.size() && std::isdigit(static_cast<unsigned char>(line[d]))) ++d;
      if (d - group > 2) return 0;
      ++groups;
      if (d < line.size() && line[d] == '.') ++d, ++dots;
    }
    if (d < line.size() && line[d] == ')' && dots == 0) return space_after(d + 1);
    return dots > 0 && (dots == groups || dots + 1 == groups) ? space_after(d) : 0;
  }
  size_t roman = i;  // "IV. "
  while (roman < line.size() && std::string_view("IVX").find(line[roman]) != std::string_view::npos) ++roman;
  if (roman > i && roman < line.size() && line[roman] == '.') return space_after(roman + 1);
  // "a) ", "đ) ": one lower-case letter and ')'.
  size_t pos = i;
  const char32_t letter = DecodeUtf8(line, &pos);
  if (u_islower(static_cast<UChar32>(letter)) && pos < line.size() && line[pos] == ')') return space_after(pos + 1);
  return 0;
}

Paragraph Structure::Classify(Span line) const {
  Paragraph p{line, line, Paragraph::kProse};
  std::string_view text(unwrapped_.data() + line.begin, line.size());
  size_t first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) {
    p.kind = Paragraph::kBlank;
    p.body = {line.end, line.end};
    return p;
  }
  size_t last = text.find_last_not_of(' ');
  if (text[first] == '|') {
    p.kind = Paragraph::kTableRow;
    p.body = {line.begin + first, line.begin + last + 1};
    return p;
  }
  size_t marker = MarkerEnd(text);
  // A marker alone ("- ", "1. ") leaves an empty body, not one ending before it starts.
  p.body = {std::min(line.begin + std::max(marker, first), line.begin + last + 1), line.begin + last + 1};
  if (IsHeading(line)) {
    p.kind = Paragraph::kHeading;
  } else if (marker > 0) {
    p.kind = Paragraph::kListItem;
  }
  return p;
}

bool Structure::StartsListItem(std::string_view line) {
  // A table row is never the second half of a wrapped line.
  if (size_t first = line.find_first_not_of(' '); first != std::string_view::npos && line[first] == '|') return true;
  size_t i = line.find_first_not_of(" |#");
  if (i == std::string_view::npos) return false;
  line.remove_prefix(i);
  if (line.empty()) return false;
  char c = line[0];
  if (c == '-' || c == '+' || c == '|' || c == '#' || line.substr(0, 3) == "\xE2\x80\xA2") return true;
  size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
  // "1.", "12)"; not "2025." (a year wrapped onto its own line).
  if (digits > 0 && digits <= 2 && digits < line.size() && (line[digits] == '.' || line[digits] == ')')) return true;
  if (line.size() >= 2 && std::islower(static_cast<unsigned char>(c)) && line[1] == ')') return true;
  return false;
}

// "1. Mục tiêu" over "Giai đoạn 2021 - 2030, phấn đấu …": a short title
// line, then a line of prose that starts a sentence, is a heading of its
// own, not the first half of a wrapped line (which goes on in lower case,
// or, in a heading wrapped over two lines, in capitals).
bool Structure::TitleOverProse(Span line, std::string_view next) const {
  if (line.size() >= kTitleBytes || !IsHeading(line)) return false;
  // "5. Sở" over "Khoa học và Công nghệ:": a title wrapped before its colon.
  const size_t last = next.find_last_not_of(' ');
  if (last != std::string_view::npos && next[last] == ':' && last < kTitleBytes) return false;
  // "2. Sở" over "Khoa học và Công nghệ": a title is not one syllable.
  const std::string_view title(unwrapped_.data() + line.begin, line.size());
  const size_t body = MarkerEnd(title);
  const size_t title_end = title.find_last_not_of(' ');
  if (body > 0 && title_end != std::string_view::npos && body <= title_end &&
      title.substr(body, title_end + 1 - body).find(' ') == std::string_view::npos) {
    return false;
  }
  size_t pos = 0;
  const char32_t first = DecodeUtf8(next, &pos);
  return u_isupper(static_cast<UChar32>(first)) && HasLowercaseLetter(next);
}

// Returns true when `next`, a line after one that ends with '.', '!' or '?',
// goes on with its sentence: it opens with a lower-case letter and no list
// marker ("… “làm ngày, làm đêm”...\nđể hoàn thành …", "v.v.\nvà …").
bool Structure::ContinuesSentence(std::string_view next) {
  if (next.empty() || StartsListItem(next)) return false;
  size_t pos = 0;
  return u_islower(static_cast<UChar32>(DecodeUtf8(next, &pos)));
}

void Structure::Unwrap() {
  size_t line_start = 0;
  size_t next_end = unwrapped_.find('\n');
  for (size_t i = next_end; i != std::string::npos && i < unwrapped_.size(); i = next_end) {
    std::string_view line(unwrapped_.data() + line_start, i - line_start);
    next_end = unwrapped_.find('\n', i + 1);
    if (next_end == std::string::npos) next_end = unwrapped_.size();
    std::string_view next(unwrapped_.data() + i + 1, next_end - i - 1);
    size_t last = line.find_last_not_of(" |");
    size_t first_next = next.find_first_not_of(' ');
    const size_t marker = MarkerEnd(line);
    const bool only_marker = marker > 0 && marker == line.size() && line.find('|') == std::string_view::npos;
    bool soft = last != std::string_view::npos && first_next != std::string_view::npos &&
                ((std::string_view(".:;!?").find(line[last]) == std::string_view::npos &&
                  !StartsListItem(next) && !TitleOverProse({line_start, i}, next.substr(first_next))) ||
                 (only_marker && !StartsListItem(next)) ||
                 (std::string_view(".!?").find(line[last]) != std::string_view::npos &&
                  ContinuesSentence(next.substr(first_next))));
    if (soft) {
      unwrapped_[i] = ' ';
      joined_.push_back(i);
    }
    line_start = i + 1;
  }
}

// Every sentence's end, line by line, by ICU's sentence rules: read here
// (SentenceBreaksInside), or by ICU's iterator on the rare line they do not
// cover, alone with its '\n' (no rule looks past a line break).  ICU over
// every line cost ~180 instructions per byte of the text; the rules here
// are checked against it on every corpus document and on random text
// (StructureTest.SentencesAreIcus).
void Structure::FindSentences() {
  UErrorCode status = U_ZERO_ERROR;
  static thread_local std::unique_ptr<icu::BreakIterator> iterator(
      icu::BreakIterator::createSentenceInstance(icu::Locale("vi"), status));
  if (!iterator || unwrapped_.size() >= INT32_MAX) return;
  UText* text = nullptr;
  const size_t size = unwrapped_.size();
  std::vector<size_t> inside;
  for (const Span& line : lines_) {
    const size_t end = std::min(line.end + 1, size);
    inside.clear();
    if (SentenceBreaksInside(std::string_view(unwrapped_).substr(line.begin, line.size()), &inside)) {
      for (size_t at : inside) {
        if (sentence_ends_.empty() || line.begin + at > sentence_ends_.back()) sentence_ends_.push_back(line.begin + at);
      }
      if (sentence_ends_.empty() || end > sentence_ends_.back()) sentence_ends_.push_back(end);
      continue;
    }
    status = U_ZERO_ERROR;
    text = utext_openUTF8(text, unwrapped_.data() + line.begin, static_cast<int64_t>(end - line.begin), &status);
    if (U_SUCCESS(status)) iterator->setText(text, status);
    if (U_FAILURE(status)) break;
    for (int32_t b = iterator->next(); b != icu::BreakIterator::DONE; b = iterator->next()) {
      if (sentence_ends_.empty() || line.begin + b > sentence_ends_.back()) sentence_ends_.push_back(line.begin + b);
    }
  }
  if (text != nullptr) utext_close(text);
  if (U_FAILURE(status)) {
    sentence_ends_.clear();  // SentenceOf answers paragraphs, as without ICU
    return;
  }
  sentences_ = true;
}


Span Structure::Find(const std::vector<Span>& spans, size_t pos) {
  auto it = std::upper_bound(spans.begin(), spans.end(), pos,
                             [](size_t p, const Span& s) { return p < s.begin; });
  if (it == spans.begin()) return spans.front();
  return *(it - 1);
}

size_t Structure::ArticleLabelLength(std::string_view line) {
  for (std::string_view article : {std::string_view("Điều "), std::string_view("ĐIỀU "),
                                   std::string_view("Dieu "), std::string_view("DIEU ")}) {
    if (line.substr(0, article.size()) != article) continue;
    size_t d = article.size();
    while (d < line.size() && std::isdigit(static_cast<unsigned char>(line[d]))) ++d;
    if (d == article.size() || d >= line.size() || (line[d] != '.' && line[d] != ':')) return 0;
    ++d;
    while (d < line.size() && line[d] == ' ') ++d;
    return d;
  }
  return 0;
}

bool Structure::IsHeading(Span p) const {
  std::string_view line(unwrapped_.data() + p.begin, p.size());
  size_t i = line.find_first_not_of(" |#-");
  if (i == std::string_view::npos) return false;
  line.remove_prefix(i);
  // "Điều 2. Các chỉ tiêu chủ yếu": an article of a decision or resolution.
  if (ArticleLabelLength(line) > 0) return true;
  // "1. Mục tiêu", "2. Nhiệm vụ, giải pháp": a numbered line short enough to
  // be a title, with no sentence ending (list items end with . or ;).
  {
    size_t d = 0;
    while (d < line.size() && std::isdigit(static_cast<unsigned char>(line[d]))) ++d;
    std::string_view rest = d > 0 && d < 3 && d < line.size() && line[d] == '.' ? line.substr(d + 1) : std::string_view();
    size_t last = rest.find_last_not_of(" |");
    if (!rest.empty() && last != std::string_view::npos && rest.size() < 80 &&
        std::string_view(".;,:").find(rest[last]) == std::string_view::npos &&
        rest.find_first_of("0123456789%") == std::string_view::npos) {
      return true;
    }
  }
  // "II. MỤC TIÊU", "III. NHIỆM VỤ": a Roman numeral and a dot.
  size_t roman = 0;
  while (roman < line.size() && std::string_view("IVX").find(line[roman]) != std::string_view::npos) ++roman;
  if (roman > 0 && roman < line.size() && line[roman] == '.') return true;
  // A line of capitals (at least three letters, none lower case); most
  // lines are prose and stop at their second letter.
  if (line.size() >= 200) return false;
  std::string kept;
  size_t upper = 0;
  for (size_t pos = 0; pos < line.size();) {
    kept.clear();
    FoldCodePoint(DecodeUtf8(line, &pos), &kept, /*keep_case=*/true);
    for (char c : kept) {
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') ++upper;
    }
  }
  return upper >= 3;
}

}  // namespace vbhc
