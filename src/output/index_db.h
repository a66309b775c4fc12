// IndexDb: plan records in SQLite, in tables a person can query with plain
// SQL, plus an FTS5 index of each document's normalized and folded text.
//
//   vbhc::IndexDb db("archive.sqlite");
//   if (!db.ok()) { … db.error() … }
//   db.Begin();  db.Put(record, normalized_text);  db.Commit();
//   auto hits = db.Search({.number = "2631/QD-UBND"});
//
// Tables (README "The index"): documents, refs, dates, periods, deadlines,
// targets, tasks (one row per item, with its text and span), document_text (FTS5).
// A document's rows are written in one transaction with the document, so an
// interrupted run never leaves half a document.
#ifndef VBHC_OUTPUT_INDEX_DB_H_
#define VBHC_OUTPUT_INDEX_DB_H_

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/values.h"

struct sqlite3;
struct sqlite3_stmt;

namespace vbhc {

struct SearchQuery {
  std::string number;         // a document's own number or one it cites; accents optional
  std::string cites;          // documents citing this number
  std::string issuer;         // substring of the issuer, accents optional
  std::string date_from;      // ISO day; the document's own date on or after it
  std::string date_to;        // ISO day; on or before it
  std::string deadline_year;  // documents with a deadline in that year
  std::string text;           // full-text query, accents optional
  // Tasks (SearchTasks): part of the lead's name, accents optional, and the
  // ISO days the task's deadline must end by / on or after.
  std::string lead;
  std::string due_before;
  std::string due_after;
  int limit = 100;
};

// One task found: its document and the task's fields ("" for null).
struct TaskHit {
  std::string path, number, lead, deadline, recurrence, task;
};

// One document found.  `relation` says what it is to a --number query: the
// document itself ("document"), or one that cites it ("cites", with the
// citation's text in `reference`).  Empty strings stand for null.
struct SearchHit {
  std::string path, type, number, date, issuer, title;
  std::string relation = "document";
  std::string reference;
  std::string snippet;  // with --text: the matching words in [brackets]
};

// A page of results and how many there are in all.
struct SearchResult {
  std::vector<SearchHit> hits;
  size_t total = 0;
};

class IndexDb {
 public:
  // Opens (creating if needed) the database at `path`.  Check ok().  With
  // `rules`, issuer and lead names are stored and searched with their
  // abbreviations expanded ("UBND" = "Ủy ban nhân dân"; ExpandAbbreviations).
  explicit IndexDb(const std::string& path, const RuleSet* rules = nullptr);
  ~IndexDb();
  IndexDb(const IndexDb&) = delete;
  IndexDb& operator=(const IndexDb&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  // Returns the sha256 of every indexed path.
  std::unordered_map<std::string, std::string> StoredSha256s();
  // Returns every indexed path.
  std::vector<std::string> Paths();

  bool Begin();
  bool Commit();
  // Replaces the rows of `record`'s document (source.path) by the record's.
  bool Put(const Json& record, const std::string& normalized_text);
  // Deletes a document and its rows.
  bool Remove(const std::string& path);

  // Returns the documents that match the document fields of `query`.
  SearchResult Search(const SearchQuery& query);
  // Returns the tasks whose lead and deadline match `query` (lead, due_before,
  // due_after), soonest deadline first, undated last.
  std::vector<TaskHit> SearchTasks(const SearchQuery& query);

 private:
  bool Exec(const std::string& sql);
  // Returns false (error_ set) for a database written by another schema.
  bool CheckSchemaVersion();
  // Returns the compared form of a name: folded, abbreviations expanded.
  std::string NameKey(const Json& name) const;
  // Returns `sql` prepared, once per database (the writes of every item).
  sqlite3_stmt* Prepared(const char* sql);
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, sqlite3_stmt*> prepared_;
  const RuleSet* rules_ = nullptr;
  std::string error_;
};

}  // namespace vbhc

#endif  // VBHC_OUTPUT_INDEX_DB_H_
