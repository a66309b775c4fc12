// What vbhc adds to an SQLite connection for its index, and nothing else:
//
//   * the FTS5 tokenizer "vbhc_folded": SQLite's unicode61 words, each folded
//     as FoldString folds (no tone or shape marks, đ -> d, lower case), so
//     that "Đà Nẵng" and "da nang" are the same words in a query and in a
//     document, while snippets still show the accented text;
//   * the SQL function sqlar_uncompress(DATA, SIZE) with the meaning the
//     sqlite3 shell gives it (zlib data, or DATA itself when it is SIZE bytes
//     long), so that compressed columns read the same in vbhc and the shell;
//   * SqlarCompress, its writing side.
//
//   sqlite3* db = …;
//   if (!RegisterSqliteExtras(db, &error)) { … }
//   std::string blob = SqlarCompress(text);   // store with text.size()
#ifndef VBHC_OUTPUT_SQLITE_EXTRAS_H_
#define VBHC_OUTPUT_SQLITE_EXTRAS_H_

#include <string>
#include <string_view>

struct sqlite3;

namespace vbhc {

// Registers the tokenizer and the function on `db`.  Returns false with
// `error` set when SQLite has no FTS5 or refuses them.
bool RegisterSqliteExtras(sqlite3* db, std::string* error);

// Returns `data` compressed with zlib when that is shorter, else `data`
// itself: the sqlar format (its size is stored beside it).
std::string SqlarCompress(std::string_view data);

}  // namespace vbhc

#endif  // VBHC_OUTPUT_SQLITE_EXTRAS_H_
