#include "output/index_db.h"

#include <cctype>

#include <sqlite3.h>

#include "output/sqlite_extras.h"
#include "text/normalizer.h"

namespace vbhc {
namespace {

constexpr const char* kSchema = R"sql(
PRAGMA page_size = 1024;  -- before the first table; measured smallest (issue #19)
PRAGMA journal_mode = WAL;
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  encoding TEXT,
  type TEXT, number TEXT, number_folded TEXT, issuer TEXT, issuer_folded TEXT,
  place TEXT, date TEXT, title TEXT,
  record BLOB NOT NULL,            -- the whole plan record (JSON), sqlar-compressed
  record_bytes INTEGER NOT NULL    -- its size uncompressed
);
-- The normalized text, once, sqlar-compressed; read through document_text_source.
CREATE TABLE IF NOT EXISTS texts (
  id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  text BLOB NOT NULL, text_bytes INTEGER NOT NULL
);
CREATE VIEW IF NOT EXISTS document_text_source AS
  SELECT id, CAST(sqlar_uncompress(text, text_bytes) AS TEXT) AS text FROM texts;
CREATE VIEW IF NOT EXISTS records AS
  SELECT id, path, CAST(sqlar_uncompress(record, record_bytes) AS TEXT) AS record FROM documents;
CREATE INDEX IF NOT EXISTS documents_number ON documents(number_folded);
CREATE INDEX IF NOT EXISTS documents_date ON documents(date);
CREATE TABLE IF NOT EXISTS refs (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number TEXT, number_folded TEXT, type TEXT, date TEXT, issuer TEXT,
  text TEXT, span_start INTEGER, span_end INTEGER
);
CREATE INDEX IF NOT EXISTS refs_number ON refs(number_folded);
CREATE TABLE IF NOT EXISTS dates (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  value TEXT, text TEXT, span_start INTEGER, span_end INTEGER
);
CREATE TABLE IF NOT EXISTS periods (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  start TEXT, "end" TEXT, kind TEXT, text TEXT, span_start INTEGER, span_end INTEGER
);
CREATE TABLE IF NOT EXISTS deadlines (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  value TEXT, recurrence TEXT, text TEXT, span_start INTEGER, span_end INTEGER
);
CREATE INDEX IF NOT EXISTS deadlines_value ON deadlines(value);
CREATE TABLE IF NOT EXISTS targets (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  metric TEXT, value REAL, unit TEXT, comparator TEXT, deadline TEXT, recurrence TEXT,
  subject TEXT, text TEXT, span_start INTEGER, span_end INTEGER
);
CREATE TABLE IF NOT EXISTS tasks (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  lead TEXT, lead_folded TEXT, partners TEXT, task TEXT, deadline TEXT, deadline_end TEXT,
  recurrence TEXT, text TEXT, span_start INTEGER, span_end INTEGER
);
CREATE INDEX IF NOT EXISTS tasks_deadline_end ON tasks(deadline_end);
-- The words of each text, folded (vbhc_folded): the index only, the text is in texts.
CREATE VIRTUAL TABLE IF NOT EXISTS document_text USING fts5(
  text, content = 'document_text_source', content_rowid = 'id', tokenize = 'vbhc_folded');
PRAGMA user_version = 2;
)sql";

// The schema this build writes (PRAGMA user_version).  Version 1 (vbhc
// before 2026-11-30) stored texts twice, uncompressed.
constexpr int kSchemaVersion = 2;

// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  // Borrows a statement prepared once (IndexDb::Prepared), reset when done.
  explicit Statement(sqlite3_stmt* prepared) : stmt_(prepared), owned_(false) {}
  ~Statement() {
    if (owned_) {
      sqlite3_finalize(stmt_);
    } else {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
  }
  bool ok() const { return stmt_ != nullptr; }
  Statement& Bind(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, const Json& v) {
    if (v.is_null()) {
      sqlite3_bind_null(stmt_, i);
    } else if (v.is_string()) {
      Bind(i, v.get<std::string>());
    } else if (v.is_number_integer()) {
      sqlite3_bind_int64(stmt_, i, v.get<int64_t>());
    } else if (v.is_number()) {
      sqlite3_bind_double(stmt_, i, v.get<double>());
    } else {
      Bind(i, v.dump());
    }
    return *this;
  }
  Statement& BindBlob(int i, const std::string& bytes) {
    sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, int64_t n) {
    sqlite3_bind_int64(stmt_, i, n);
    return *this;
  }
  // Returns SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  std::string Text(int column) {
    const unsigned char* t = sqlite3_column_text(stmt_, column);
    return t ? reinterpret_cast<const char*>(t) : "";
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  bool owned_ = true;
};

Json Field(const Json& item, const char* key) { return item.contains(key) ? item[key] : Json(nullptr); }

std::string Folded(const Json& v) { return v.is_string() ? FoldString(v.get<std::string>()) : ""; }

}  // namespace

IndexDb::IndexDb(const std::string& path, const RuleSet* rules) : rules_(rules) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    error_ = path + ": " + (db_ ? sqlite3_errmsg(db_) : "cannot open");
    return;
  }
  sqlite3_busy_timeout(db_, 5000);
  if (!RegisterSqliteExtras(db_, &error_)) {
    error_ = path + ": " + error_;
    return;
  }
  if (!CheckSchemaVersion()) {
    error_ = path + ": " + error_;
    return;
  }
  if (!Exec(kSchema)) error_ = path + ": " + error_;
}

bool IndexDb::CheckSchemaVersion() {
  Statement version(db_, "SELECT (SELECT user_version FROM pragma_user_version), "
                         "(SELECT count(*) FROM sqlite_schema WHERE name = 'documents')");
  if (!version.ok() || version.Step() != SQLITE_ROW) {
    error_ = sqlite3_errmsg(db_);
    return false;
  }
  const int found = std::stoi(version.Text(0));
  if (found != kSchemaVersion && version.Text(1) != "0") {
    error_ = "an index of schema version " + std::to_string(found) + " (this vbhc writes version " +
             std::to_string(kSchemaVersion) + "): remove it and index the documents again";
    return false;
  }
  return true;
}

IndexDb::~IndexDb() {
  for (auto& [sql, stmt] : prepared_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

sqlite3_stmt* IndexDb::Prepared(const char* sql) {
  sqlite3_stmt*& stmt = prepared_[sql];
  if (stmt == nullptr) sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr);
  return stmt;
}

bool IndexDb::Exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    error_ = message ? message : "SQLite error";
    sqlite3_free(message);
    return false;
  }
  return true;
}

bool IndexDb::Begin() { return Exec("BEGIN IMMEDIATE"); }
bool IndexDb::Commit() { return Exec("COMMIT"); }

std::string IndexDb::NameKey(const Json& name) const {
  const std::string folded = Folded(name);
  return rules_ ? ExpandAbbreviations(folded, *rules_) : folded;
}

std::unordered_map<std::string, std::string> IndexDb::StoredSha256s() {
  std::unordered_map<std::string, std::string> out;
  Statement s(db_, "SELECT path, sha256 FROM documents");
  while (s.Step() == SQLITE_ROW) out.emplace(s.Text(0), s.Text(1));
  return out;
}

std::vector<std::string> IndexDb::Paths() {
  std::vector<std::string> out;
  Statement s(db_, "SELECT path FROM documents ORDER BY path");
  while (s.Step() == SQLITE_ROW) out.push_back(s.Text(0));
  return out;
}

bool IndexDb::Remove(const std::string& path) {
  // An external-content FTS5 table forgets a text when told its words.
  Statement text(Prepared(
      "INSERT INTO document_text (document_text, rowid, text) SELECT 'delete', s.id, s.text "
      "FROM document_text_source s JOIN documents d ON d.id = s.id WHERE d.path = ?"));
  text.Bind(1, path);
  Statement doc(Prepared("DELETE FROM documents WHERE path = ?"));
  doc.Bind(1, path);
  if (text.Step() != SQLITE_DONE || doc.Step() != SQLITE_DONE) {
    error_ = sqlite3_errmsg(db_);
    return false;
  }
  return true;
}

bool IndexDb::Put(const Json& record, const std::string& normalized_text) {
  const Json& source = record["source"];
  const std::string path = source["path"];
  if (!Remove(path)) return false;
  const Json& d = record["document"];
  Json doc = d.is_null() ? Json::object() : d;
  Statement insert(Prepared(
                   "INSERT INTO documents (path, sha256, bytes, encoding, type, number, number_folded, "
                   "issuer, issuer_folded, place, date, title, record, record_bytes) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
  insert.Bind(1, path).Bind(2, source["sha256"]).Bind(3, source["bytes"]).Bind(4, source["encoding"]);
  insert.Bind(5, Field(doc, "type")).Bind(6, Field(doc, "number")).Bind(7, Folded(Field(doc, "number")));
  insert.Bind(8, Field(doc, "issuer")).Bind(9, NameKey(Field(doc, "issuer")));
  insert.Bind(10, Field(doc, "place")).Bind(11, Field(doc, "date")).Bind(12, Field(doc, "title"));
  const std::string json = record.dump(-1, ' ', false, Json::error_handler_t::replace);
  insert.BindBlob(13, SqlarCompress(json)).Bind(14, static_cast<int64_t>(json.size()));
  if (insert.Step() != SQLITE_DONE) {
    error_ = sqlite3_errmsg(db_);
    return false;
  }
  const int64_t id = sqlite3_last_insert_rowid(db_);
  bool good = true;
  auto rows = [&](const char* key, const char* sql, auto bind) {
    for (const Json& item : record[key]) {
      Statement s(Prepared(sql));
      s.Bind(1, id);
      int next = bind(s, item);
      s.Bind(next, item["text"]).Bind(next + 1, item["span"][0]).Bind(next + 2, item["span"][1]);
      if (s.Step() != SQLITE_DONE) good = false;
    }
  };
  rows("references",
       "INSERT INTO refs (document_id, number, number_folded, type, date, issuer, text, span_start, span_end) "
       "VALUES (?,?,?,?,?,?,?,?,?)",
       [](Statement& s, const Json& i) {
         s.Bind(2, i["number"]).Bind(3, Folded(i["number"])).Bind(4, Field(i, "type"));
         s.Bind(5, Field(i, "date")).Bind(6, Field(i, "issuer"));
         return 7;
       });
  rows("dates", "INSERT INTO dates (document_id, value, text, span_start, span_end) VALUES (?,?,?,?,?)",
       [](Statement& s, const Json& i) {
         s.Bind(2, i["value"]);
         return 3;
       });
  rows("periods",
       "INSERT INTO periods (document_id, start, \"end\", kind, text, span_start, span_end) VALUES (?,?,?,?,?,?,?)",
       [](Statement& s, const Json& i) {
         s.Bind(2, i["start"]).Bind(3, i["end"]).Bind(4, i["kind"]);
         return 5;
       });
  rows("deadlines",
       "INSERT INTO deadlines (document_id, value, recurrence, text, span_start, span_end) VALUES (?,?,?,?,?,?)",
       [](Statement& s, const Json& i) {
         s.Bind(2, i["value"]).Bind(3, Field(i, "recurrence"));
         return 4;
       });
  rows("targets",
       "INSERT INTO targets (document_id, metric, value, unit, comparator, deadline, recurrence, subject, "
       "text, span_start, span_end) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
       [](Statement& s, const Json& i) {
         s.Bind(2, i["metric"]).Bind(3, i["value"]).Bind(4, Field(i, "unit")).Bind(5, i["comparator"]);
         s.Bind(6, i["deadline"]).Bind(7, Field(i, "recurrence")).Bind(8, Field(i, "subject"));
         return 9;
       });
  rows("tasks",
       "INSERT INTO tasks (document_id, lead, lead_folded, partners, task, deadline, deadline_end, recurrence, "
       "text, span_start, span_end) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
       [this](Statement& s, const Json& i) {
         const auto bounds = i["deadline"].is_string() ? IsoBounds(i["deadline"].get<std::string>()) : std::nullopt;
         s.Bind(2, i["lead"]).Bind(3, NameKey(i["lead"])).Bind(4, Field(i, "partners")).Bind(5, i["task"]);
         s.Bind(6, i["deadline"]).Bind(7, bounds ? Json(bounds->second) : Json(nullptr));
         s.Bind(8, Field(i, "recurrence"));
         return 9;
       });
  Statement text(Prepared("INSERT INTO texts (id, text, text_bytes) VALUES (?,?,?)"));
  text.Bind(1, id).BindBlob(2, SqlarCompress(normalized_text)).Bind(3, static_cast<int64_t>(normalized_text.size()));
  Statement words(Prepared("INSERT INTO document_text (rowid, text) VALUES (?,?)"));
  words.Bind(1, id).Bind(2, normalized_text);
  if (text.Step() != SQLITE_DONE || words.Step() != SQLITE_DONE) good = false;
  if (!good) error_ = sqlite3_errmsg(db_);
  return good;
}

std::vector<TaskHit> IndexDb::SearchTasks(const SearchQuery& q) {
  std::string sql =
      "SELECT d.path, d.number, t.lead, t.deadline, t.recurrence, t.task FROM tasks t "
      "JOIN documents d ON d.id = t.document_id";
  std::vector<std::string> where, args;
  if (!q.lead.empty()) {
    where.push_back("t.lead_folded LIKE ?");
    args.push_back("%" + NameKey(q.lead) + "%");
  }
  if (!q.due_before.empty()) {
    where.push_back("t.deadline_end <= ?");
    args.push_back(q.due_before);
  }
  if (!q.due_after.empty()) {
    where.push_back("t.deadline_end >= ?");
    args.push_back(q.due_after);
  }
  for (size_t i = 0; i < where.size(); ++i) sql += (i == 0 ? " WHERE " : " AND ") + where[i];
  sql += " ORDER BY t.deadline_end IS NULL, t.deadline_end, d.path, t.span_start LIMIT " + std::to_string(q.limit);
  Statement s(db_, sql.c_str());
  std::vector<TaskHit> hits;
  if (!s.ok()) {
    error_ = sqlite3_errmsg(db_);
    return hits;
  }
  for (size_t i = 0; i < args.size(); ++i) s.Bind(static_cast<int>(i + 1), args[i]);
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    hits.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5)});
  }
  if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
  return hits;
}

namespace {

// Returns an FTS5 query on the folded text: the words folded (accents
// optional), the operators OR, AND, NOT, NEAR, quotes, parentheses and a
// prefix's '*' kept as FTS5 reads them.
std::string FoldedFtsQuery(const std::string& query) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (word == "OR" || word == "AND" || word == "NOT" || word == "NEAR") {
      out += word;
    } else {
      std::string folded = FoldString(word);
      // FTS5 barewords are letters and digits: anything else goes in quotes.
      bool bare = true;
      for (char c : folded) bare = bare && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
      out += bare ? folded : "\"" + folded + "\"";
    }
    word.clear();
  };
  bool quoted = false;
  for (char c : query) {
    if (c == '"') {
      flush();
      out.push_back(c);
      quoted = !quoted;
    } else if (!quoted && (c == '(' || c == ')' || c == '*' || c == ' ')) {
      flush();
      out.push_back(c);
    } else if (quoted && c == ' ') {
      out += FoldString(word) + " ";
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (quoted) {
    out += FoldString(word);
    word.clear();
  }
  flush();
  return out;
}

}  // namespace

SearchResult IndexDb::Search(const SearchQuery& q) {
  // The documents that match, each once, with how it relates to a number
  // asked for; ranked by bm25 for full text, else by date.
  std::string from = "documents d";
  std::string relation = "'document'", reference = "NULL", snippet = "NULL", order = "d.date, d.path";
  std::vector<std::string> where, args;
  if (!q.text.empty()) {
    from += " JOIN document_text t ON t.rowid = d.id";
    where.push_back("document_text MATCH ?");
    args.push_back(FoldedFtsQuery(q.text));
    snippet = "snippet(document_text, 0, '[', ']', '…', 12)";
    order = "bm25(document_text), d.path";
  }
  if (!q.number.empty()) {
    const std::string number = FoldString(q.number);
    relation = "CASE WHEN d.number_folded = ? THEN 'document' ELSE 'cites' END";
    reference = "CASE WHEN d.number_folded = ? THEN NULL ELSE (SELECT r.text FROM refs r WHERE r.document_id = d.id "
                "AND r.number_folded = ? LIMIT 1) END";
    where.push_back("(d.number_folded = ? OR d.id IN (SELECT document_id FROM refs WHERE number_folded = ?))");
    args.push_back(number);
    args.push_back(number);
    args.insert(args.begin(), {number, number, number});  // relation, reference (2)
    order = "d.number_folded = ? DESC, " + order;
    args.push_back(number);
  }
  std::vector<std::string> conditions;
  std::vector<std::string> condition_args;
  if (!q.cites.empty()) {
    conditions.push_back("d.id IN (SELECT document_id FROM refs WHERE number_folded = ?)");
    condition_args.push_back(FoldString(q.cites));
  }
  if (!q.issuer.empty()) {
    conditions.push_back("d.issuer_folded LIKE ?");
    condition_args.push_back("%" + NameKey(q.issuer) + "%");
  }
  if (!q.date_from.empty()) {
    conditions.push_back("d.date >= ?");
    condition_args.push_back(q.date_from);
  }
  if (!q.date_to.empty()) {
    conditions.push_back("d.date <= ?");
    condition_args.push_back(q.date_to);
  }
  if (!q.deadline_year.empty()) {
    conditions.push_back("d.id IN (SELECT document_id FROM deadlines WHERE substr(value, 1, 4) = ?)");
    condition_args.push_back(q.deadline_year);
  }
  // Arguments in the order their '?' stand: select list, where, order by.
  std::vector<std::string> select_args, where_args, order_args;
  if (!q.number.empty()) {
    select_args.assign(args.begin(), args.begin() + 3);
    where_args.assign(args.begin() + 3, args.end() - 1);
    order_args.push_back(args.back());
  } else {
    where_args = args;
  }
  for (size_t i = 0; i < conditions.size(); ++i) {
    where.push_back(conditions[i]);
    where_args.push_back(condition_args[i]);
  }
  std::string where_sql;
  for (size_t i = 0; i < where.size(); ++i) where_sql += (i == 0 ? " WHERE " : " AND ") + where[i];

  SearchResult result;
  {
    Statement count(db_, ("SELECT count(*) FROM " + from + where_sql).c_str());
    for (size_t i = 0; i < where_args.size(); ++i) count.Bind(static_cast<int>(i + 1), where_args[i]);
    if (count.ok() && count.Step() == SQLITE_ROW) result.total = std::stoull(count.Text(0));
  }
  const std::string sql = "SELECT d.path, d.type, d.number, d.date, d.issuer, d.title, " + relation + ", " + reference +
                          ", " + snippet + " FROM " + from + where_sql + " ORDER BY " + order + " LIMIT " +
                          std::to_string(q.limit);
  Statement s(db_, sql.c_str());
  if (!s.ok()) {
    error_ = sqlite3_errmsg(db_);
    return result;
  }
  int n = 1;
  for (const auto* list : {&select_args, &where_args, &order_args}) {
    for (const std::string& a : *list) s.Bind(n++, a);
  }
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    result.hits.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Text(7),
                           s.Text(8)});
  }
  if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
  return result;
}

}  // namespace vbhc
