// vbhc serve [--db FILE] [--host 127.0.0.1] [--port 8080] [--jobs N] [--max-bytes N]
// The clerk's desk as a local web server (issue #18), built on cpp-httplib
// (Debian libcpp-httplib-dev): a well-kept, embeddable, header-only HTTP
// server with a worker pool, so vbhc writes no HTTP of its own.
//   GET  /            a form: paste a text or drop a file; with --db, a search form
//   POST /report      the report page (output/report_html.h) of the text or file sent
//   GET  /search?...  with --db: documents found (text, number, issuer, from, to)
// Bound to 127.0.0.1 unless --host says otherwise; no request names a
// server-side path (only what is sent is read); uploads over --max-bytes get
// 413; SIGTERM and SIGINT stop it cleanly.
#include <boost/program_options.hpp>
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <tuple>
#include <thread>

#include "cli/commands.h"
#include "cli/input.h"
#include "extract/extractor.h"
#include "output/index_db.h"
#include "output/report_html.h"

namespace vbhc {

namespace po = boost::program_options;

namespace {

constexpr const char* kPageStart = R"html(<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>vbhc — bàn làm việc của văn thư</title>
<style>body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:60em;color:#222}
textarea{width:100%;height:12em}fieldset{margin:1em 0;border:1px solid #ccd;border-radius:6px}
li{margin:.4em 0}.none{color:#777}</style></head><body>
<h1>vbhc — đọc văn bản hành chính</h1>
)html";

std::string UploadForm() {
  return R"html(<form method="post" action="/report" enctype="multipart/form-data"><fieldset>
<legend>Báo cáo một văn bản</legend>
<p><label>Dán toàn văn:<br><textarea name="text"></textarea></label></p>
<p><label>hoặc chọn tệp (.txt, mọi bảng mã tiếng Việt): <input type="file" name="file"></label></p>
<p><button type="submit">Lập báo cáo</button></p></fieldset></form>
)html";
}

std::string SearchForm(const std::string& text) {
  return R"html(<form method="get" action="/search"><fieldset><legend>Tìm trong kho văn bản</legend>
<p><label>Nội dung (có dấu hoặc không; "cụm từ", OR, NOT, tiền tố*): <input name="text" size="40" value=")html" +
         HtmlEscape(text) + R"html("></label></p>
<p><label>Số, ký hiệu: <input name="number"></label> <label>Cơ quan: <input name="issuer"></label></p>
<p><label>Từ ngày: <input name="from" placeholder="01/01/2025"></label> <label>đến: <input name="to"></label></p>
<p><button type="submit">Tìm</button></p></fieldset></form>
)html";
}

// Stops the server on SIGTERM or SIGINT: the signals are blocked in every
// thread and waited for by this one, so the stop runs outside a handler.
void StopOnSignal(httplib::Server* server) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int signal_number = 0;
  sigwait(&set, &signal_number);
  server->stop();
}

void HandleReport(const Extractor& extractor, size_t max_bytes, const std::string& search_link,
                  const httplib::Request& req, httplib::Response& res) {
  std::string bytes, name = "văn bản dán vào";
  if (req.has_file("file") && !req.get_file_value("file").content.empty()) {
    const httplib::MultipartFormData& file = req.get_file_value("file");
    bytes = file.content;
    name = file.filename.empty() ? "tệp tải lên" : file.filename;
  } else if (req.has_file("text")) {
    bytes = req.get_file_value("text").content;
  } else if (req.has_param("text")) {
    bytes = req.get_param_value("text");
  }
  std::string why;
  if (bytes.size() > max_bytes) {
    res.status = 413;
    res.set_content("Văn bản quá lớn: " + std::to_string(bytes.size()) + " byte, giới hạn " + std::to_string(max_bytes),
                    "text/plain; charset=utf-8");
    return;
  }
  if (bytes.empty() || LooksBinary(bytes, &why)) {
    res.status = 400;
    res.set_content(bytes.empty() ? "Chưa có văn bản: dán toàn văn hoặc chọn tệp." : "Không đọc được: " + why,
                    "text/plain; charset=utf-8");
    return;
  }
  // The name is only a label: nothing on the server is read by it.
  Json record = extractor.Extract(bytes, name);
  char today[16];
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  std::strftime(today, sizeof today, "%Y-%m-%d", &local);
  res.set_content(ReportHtml({{std::move(record), std::move(bytes)}}, today, search_link), "text/html; charset=utf-8");
}

void HandleSearch(const std::string& db_path, const RuleSet& rules, const httplib::Request& req, httplib::Response& res) {
  SearchQuery q;
  q.text = req.get_param_value("text");
  q.number = req.get_param_value("number");
  q.issuer = req.get_param_value("issuer");
  q.limit = 50;
  for (auto [param, value, last] : {std::tuple{"from", &q.date_from, false}, std::tuple{"to", &q.date_to, true}}) {
    const std::string given = req.get_param_value(param);
    if (given.empty()) continue;
    const auto bounds = UserDateBounds(given);
    if (!bounds) {
      res.status = 400;
      res.set_content("Ngày không hợp lệ: " + given, "text/plain; charset=utf-8");
      return;
    }
    *value = last ? bounds->second : bounds->first;
  }
  if (!q.number.empty()) q.number = CanonicalNumber(q.number, rules);
  IndexDb db(db_path, &rules);  // one connection per request: SQLite connections are not shared
  SearchResult result = db.Search(q);
  std::string page = std::string(kPageStart) + SearchForm(q.text);
  page += "<p>" + std::to_string(result.hits.size()) +
          (result.total > result.hits.size() ? " trong " + std::to_string(result.total) : "") + " văn bản</p><ol>\n";
  for (const SearchHit& h : result.hits) {
    page += "<li><b>" + HtmlEscape(h.type + " " + h.number) + "</b> " + HtmlEscape(h.date) + " — " +
            HtmlEscape(h.issuer) + "<br>" + HtmlEscape(h.title) +
            (h.relation == "cites" ? "<br><i>viện dẫn: " + HtmlEscape(h.reference) + "</i>" : "") +
            (h.snippet.empty() ? "" : "<br><small>" + HtmlEscape(h.snippet) + "</small>") + "</li>\n";
  }
  page += "</ol></body></html>\n";
  if (!db.ok()) res.status = 400;
  res.set_content(page, "text/html; charset=utf-8");
}

}  // namespace

int RunServe(const std::vector<std::string>& args) {
  po::options_description options("vbhc serve [OPTIONS]");
  std::string db_path, host;
  long long port = 8080, jobs = 0, max_bytes = 0;
  options.add_options()("help,h", "show this help")(
      "db", po::value(&db_path), "a database made by vbhc index: adds the search form")(
      "host", po::value(&host)->default_value("127.0.0.1"), "the address to listen on (loopback by default)")(
      "port", po::value(&port)->default_value(8080), "the port (0: any free one, printed)")(
      "jobs,j", po::value(&jobs)->default_value(0), "worker threads (0: all cores)")(
      "max-bytes", po::value(&max_bytes)->default_value(16ll << 20), "refuse larger uploads with 413");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(options).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << options;
    return kExitOk;
  }
  CheckRange("--port", port, 0, 65535, "a port from 0 to 65535");
  CheckRange("--jobs", jobs, 0, 256, "a number of threads from 0 (all cores) to 256");
  CheckRange("--max-bytes", max_bytes, 1, 1ll << 32, "a size in bytes, at least 1");
  if (!db_path.empty() && !std::filesystem::is_regular_file(db_path)) {
    std::cerr << "vbhc serve: " << db_path << ": no such database (make it with vbhc index)\n";
    return kExitUsage;
  }
  std::unique_ptr<RuleSet> rules = LoadRulesOrReport("");
  if (!rules) return kExitRules;
  Extractor extractor(*rules);
  // Block the stop signals before any thread starts: all inherit the mask.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  httplib::Server server;
  const size_t workers = jobs > 0 ? static_cast<size_t>(jobs) : std::max(2u, std::thread::hardware_concurrency());
  server.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  // The whole request, multipart framing included, may be a little larger than the document.
  server.set_payload_max_length(static_cast<size_t>(max_bytes) + (64u << 10));
  server.Get("/", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(kPageStart) + UploadForm() + (db_path.empty() ? "" : SearchForm("")) + "</body></html>\n",
                    "text/html; charset=utf-8");
  });
  server.Post("/report", [&](const httplib::Request& req, httplib::Response& res) {
    HandleReport(extractor, static_cast<size_t>(max_bytes), db_path.empty() ? "" : "/search?number=", req, res);
  });
  server.Get("/search", [&](const httplib::Request& req, httplib::Response& res) {
    if (db_path.empty()) {
      res.status = 404;
      res.set_content("Không có kho văn bản (vbhc serve --db FILE).", "text/plain; charset=utf-8");
      return;
    }
    HandleSearch(db_path, *rules, req, res);
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.status == 413) {
      res.set_content("Văn bản quá lớn (--max-bytes).", "text/plain; charset=utf-8");
    } else if (res.body.empty()) {
      res.set_content("Không có trang này.", "text/plain; charset=utf-8");
    }
  });
  const int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, static_cast<int>(port)) ? static_cast<int>(port) : -1);
  if (bound < 0) {
    std::cerr << "vbhc serve: " << host << ":" << port << ": cannot listen: " << std::strerror(errno) << "\n";
    return kExitOutput;
  }
  std::cerr << "vbhc serve: http://" << host << ":" << bound << "/\n";
  std::thread stopper(StopOnSignal, &server);
  server.listen_after_bind();
  // listen_after_bind returns once stopped; wake the stopper if it still waits.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  return kExitOk;
}

}  // namespace vbhc
