#include "output/sqlite_extras.h"

#include <sqlite3.h>
#include <zlib.h>

#include <memory>

#include "text/normalizer.h"

namespace vbhc {
namespace {

// An instance of "vbhc_folded": a unicode61 tokenizer it forwards to.
struct FoldingTokenizer {
  fts5_tokenizer inner_api;
  Fts5Tokenizer* inner = nullptr;
};

// One xTokenize call: where the folded words go.
struct FoldingCall {
  void* context;
  int (*emit)(void*, int, const char*, int, int, int);
  std::string word;
};

int EmitFolded(void* call_ptr, int flags, const char* token, int size, int start, int end) {
  auto* call = static_cast<FoldingCall*>(call_ptr);
  const std::string_view word(token, static_cast<size_t>(size));
  // unicode61 has removed every mark but the bar of đ; ASCII words pass as they are.
  bool ascii = true;
  for (char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return call->emit(call->context, flags, token, size, start, end);
  call->word = FoldString(word);
  return call->emit(call->context, flags, call->word.data(), static_cast<int>(call->word.size()), start, end);
}

int CreateFolding(void* api_ptr, const char** args, int arg_count, Fts5Tokenizer** out) {
  auto* api = static_cast<fts5_api*>(api_ptr);
  auto tokenizer = std::make_unique<FoldingTokenizer>();
  void* unicode61_context = nullptr;
  int rc = api->xFindTokenizer(api, "unicode61", &unicode61_context, &tokenizer->inner_api);
  if (rc != SQLITE_OK) return rc;
  std::vector<const char*> inner_args = {"remove_diacritics", "2"};
  inner_args.insert(inner_args.end(), args, args + arg_count);
  rc = tokenizer->inner_api.xCreate(unicode61_context, inner_args.data(), static_cast<int>(inner_args.size()),
                                    &tokenizer->inner);
  if (rc != SQLITE_OK) return rc;
  *out = reinterpret_cast<Fts5Tokenizer*>(tokenizer.release());
  return SQLITE_OK;
}

void DeleteFolding(Fts5Tokenizer* p) {
  auto* tokenizer = reinterpret_cast<FoldingTokenizer*>(p);
  tokenizer->inner_api.xDelete(tokenizer->inner);
  delete tokenizer;
}

int TokenizeFolding(Fts5Tokenizer* p, void* context, int flags, const char* text, int size,
                    int (*emit)(void*, int, const char*, int, int, int)) {
  auto* tokenizer = reinterpret_cast<FoldingTokenizer*>(p);
  FoldingCall call{context, emit, {}};
  return tokenizer->inner_api.xTokenize(tokenizer->inner, &call, flags, text, size, EmitFolded);
}

// Returns the fts5_api of `db`, or null without FTS5 (SQLite's documented way).
fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

void SqlarUncompress(sqlite3_context* context, int, sqlite3_value** argv) {
  const auto* data = static_cast<const Bytef*>(sqlite3_value_blob(argv[0]));
  const int size = sqlite3_value_bytes(argv[0]);
  const sqlite3_int64 original = sqlite3_value_int64(argv[1]);
  if (original == size || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_value(context, argv[0]);
    return;
  }
  std::string out(static_cast<size_t>(original), '\0');
  uLongf out_size = static_cast<uLongf>(original);
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &out_size, data, static_cast<uLong>(size)) != Z_OK ||
      out_size != static_cast<uLongf>(original)) {
    sqlite3_result_error(context, "sqlar_uncompress: corrupt data or wrong size", -1);
    return;
  }
  sqlite3_result_text(context, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

}  // namespace

bool RegisterSqliteExtras(sqlite3* db, std::string* error) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr) {
    *error = "this SQLite has no FTS5";
    return false;
  }
  static fts5_tokenizer folding = {CreateFolding, DeleteFolding, TokenizeFolding};
  if (api->xCreateTokenizer(api, "vbhc_folded", api, &folding, nullptr) != SQLITE_OK ||
      sqlite3_create_function(db, "sqlar_uncompress", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                              SqlarUncompress, nullptr, nullptr) != SQLITE_OK) {
    *error = sqlite3_errmsg(db);
    return false;
  }
  return true;
}

std::string SqlarCompress(std::string_view data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                static_cast<uLong>(data.size()), Z_DEFAULT_COMPRESSION) != Z_OK ||
      size >= data.size()) {
    return std::string(data);
  }
  out.resize(size);
  return out;
}

}  // namespace vbhc
