// Table tests of the tasks (issue #16, SPEC section 9): for every cue list of
// rules/tasks.toml, sentences in the forms of real plans (written anew), each
// list with a positive case and a tricky negative one; a last test checks
// that no list of the file is left without both.
#include "extract/tasks.h"

#include <gtest/gtest.h>

#include <set>

#include "test_util.h"

namespace vbhc {
namespace {

const RuleSet& Rules() { return testing_util::ShippedRules(); }

// "lead | partners | deadline [recurrence]" per task, "; "-joined.
std::string Tasks(const std::string& text) {
  Extractor extractor(Rules());
  Json r = extractor.Extract(text, "t");
  std::string out;
  for (const Json& t : r["tasks"]) {
    if (!out.empty()) out += "; ";
    out += t["lead"].get<std::string>() + " | " +
           (t["partners"].is_null() ? "null" : t["partners"].get<std::string>()) + " | " +
           (t["deadline"].is_null() ? "null" : t["deadline"].get<std::string>());
    if (t.contains("recurrence")) out += " " + t["recurrence"].get<std::string>();
  }
  return out;
}

struct TaskCase {
  const char* list;  // the vocab list of rules/tasks.toml the case is about
  bool positive;
  std::string text;
  std::string expected;
};

const std::vector<TaskCase>& Cases() {
  static const std::vector<TaskCase> cases = {
      // Labelled blocks: the lead, partners and time lines under a task item.
      {"task_labels", true,
       "- Tổ chức tập huấn kỹ năng xây dựng pháp luật.\n\nĐơn vị chủ trì: Sở Tư pháp.\n\n"
       "Đơn vị phối hợp: Sở Nội vụ, các cơ quan liên quan.\n\nThời gian thực hiện: Tháng 12/2025.\n",
       "Sở Tư pháp | Sở Nội vụ, các cơ quan liên quan | 2025-12"},
      {"task_labels", true,
       "1. Xây dựng Nghị định quy định chi tiết\n\n+ Cơ quan chủ trì: Bộ Công an.\n\n"
       "+ Thời hạn ban hành: trước ngày 01 tháng 01 năm 2026.\n",
       "Bộ Công an | null | 2026-01-01"},
      // A label line without a lead label is no task block.
      {"task_labels", false, "Nội dung: rà soát các văn bản quy phạm pháp luật có liên quan.\n", ""},
      // A time that recurs, runs on, or only starts gives no deadline.
      {"task_time_recurrences", true,
       "- Rà soát đội ngũ.\n\nĐơn vị chủ trì: Các Sở, ngành.\n\nThời gian thực hiện: Thường xuyên.\n",
       "Các Sở, ngành | null | null regular"},
      {"task_time_recurrences", false,
       "- Rà soát đội ngũ.\n\nĐơn vị chủ trì: Sở Nội vụ.\n\nThời gian thực hiện: Quý IV/2025.\n",
       "Sở Nội vụ | null | 2025-Q4"},
      {"task_time_open", true,
       "- Tuyên truyền Luật.\n\nCơ quan thực hiện: Bộ Tư pháp.\n\nThời gian thực hiện: năm 2025 và các năm tiếp theo.\n",
       "Bộ Tư pháp | null | null"},
      {"task_time_open", false,
       "- Tuyên truyền Luật.\n\nCơ quan thực hiện: Bộ Tư pháp.\n\nThời gian thực hiện: năm 2026.\n",
       "Bộ Tư pháp | null | 2026"},
      {"task_time_starts", true,
       "- Áp dụng chế độ thù lao.\n\nĐơn vị chủ trì: Sở Tài chính.\n\nThời gian thực hiện: Từ 01/7/2025.\n",
       "Sở Tài chính | null | null"},
      {"task_time_starts", false,
       "- Áp dụng chế độ thù lao.\n\nĐơn vị chủ trì: Sở Tài chính.\n\nThời gian thực hiện: Từ năm 2026 đến năm 2030.\n",
       "Sở Tài chính | null | 2030"},
      // Assignment sentences: an agency and a lower-case word that ends its name.
      {"agency_heads", true,
       "Sở Tài chính chủ trì, phối hợp với các Sở, ban, ngành bố trí kinh phí thực hiện.",
       "Sở Tài chính | các Sở, ban, ngành | null"},
      {"agency_heads", true, "UBND các xã, phường tăng cường công tác tuyên truyền.",
       "UBND các xã, phường | null | null"},
      // "Bộ", "Báo", "Trường" begin a name only before a capital.
      {"agency_heads", false, "Báo cáo kết quả thực hiện được gửi định kỳ.", ""},
      {"agency_heads", false, "Trường hợp hồ sơ chưa đầy đủ thì trả lại.", ""},
      // A class of agencies written without "các" (dev 027, 056); "bộ" alone is no head.
      {"agency_heads", true, "Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố có trách nhiệm rà soát văn bản.\n",
       "Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố | null | null"},
      {"agency_heads", false, "Bộ hồ sơ gồm tờ khai và bản sao giấy tờ tùy thân phải nộp trực tuyến.\n", ""},
      // The standing body of a council or a party committee (every HĐND
      // resolution's closing article: dev 107, 111); "thường trực" as an
      // adjective after a noun begins no lead.
      {"agency_heads", true,
       "Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân tỉnh, các Tổ đại biểu và đại biểu Hội "
       "đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.\n",
       "Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân tỉnh, các Tổ đại biểu và đại biểu Hội đồng nhân "
       "dân tỉnh | null | null"},
      {"agency_heads", false, "Cơ quan thường trực phối hợp theo dõi, tổng hợp tình hình.\n", ""},
      // The addressees of a letter or a telegram take no work (dev 117); the
      // body does, and so does a list under the body.
      {"task_addressees", true,
       "Kính gửi:\n- Sở Tài chính;\n- Tổng giám đốc: Đài Phát thanh và Truyền hình tỉnh.\n\nỦy ban nhân dân tỉnh "
       "đề nghị Sở Tài chính chủ trì rà soát kinh phí.\n",
       "Sở Tài chính | null | null"},
      {"task_addressees", true,
       "THỦ TƯỚNG CHÍNH PHỦ điện:\n- Bộ trưởng, Thủ trưởng cơ quan ngang bộ;\n- Tổng giám đốc: Đài Truyền hình Việt "
       "Nam.\n\nThủ tướng Chính phủ yêu cầu Bộ Xây dựng chủ trì rà soát các dự án.\n",
       "Bộ Xây dựng | null | null"},
      {"task_addressees", false,
       "Kính gửi: Sở Tài chính.\n\nĐể bảo đảm tiến độ, đề nghị các đơn vị thực hiện:\n- Sở Nội vụ chủ trì rà soát "
       "biên chế;\n",
       "Sở Nội vụ | null | null"},
      // An article's label opens the clause of a cue that gives its work to
      // the list below (dev 091); a name alone after the label may be cut by
      // a line break, and the wrapped closing article gives no task.
      {"task_cues", true,
       "Điều 2. Giao Giám đốc Sở Giáo dục và Đào tạo\n\n1. Tổ chức thực hiện Kế hoạch thời gian năm học.\n\n2. "
       "Chủ trì, phối hợp với Chủ tịch Ủy ban nhân dân huyện hướng dẫn thực hiện.\n\nĐiều 3. Quyết định này có hiệu "
       "lực thi hành kể từ ngày ký.\n",
       "Giám đốc Sở Giáo dục và Đào tạo | Chủ tịch Ủy ban nhân dân huyện | null"},
      {"task_cues", true, "Điều 2: Giao Sở Y tế:\n\n- Tổ chức tiêm chủng mở rộng.\n", "Sở Y tế | null | null"},
      {"task_cues", false,
       "Điều 4. Chánh Văn phòng\nỦy ban nhân dân tỉnh, Giám đốc Sở Tài chính, Thủ trưởng các Sở, ban, ngành tỉnh chịu "
       "trách nhiệm thi hành Quyết định này./.\n",
       ""},
      // A time of recurrence may open the clause before the lead, comma or
      // not (dev 126), and makes the task recur; a lead needs an agency after it.
      {"task_lead_ins", true, "Hằng năm Bộ Quốc phòng lập dự toán kinh phí đào tạo chỉ huy trưởng.\n",
       "Bộ Quốc phòng | null | null yearly"},
      {"task_time_recurrences", true, "Hằng quý, Sở Tài chính báo cáo tình hình giải ngân vốn đầu tư công.\n",
       "Sở Tài chính | null | null quarterly"},
      {"task_lead_ins", false, "Hằng năm ngân sách tỉnh bố trí kinh phí thực hiện.\n", ""},
      // "lập" ends a lead as the verb of its object ("lập dự toán"), not in
      // "công lập" (public).
      {"task_lead_ends", false, "Các đơn vị sự nghiệp công lập tổ chức tập huấn cho viên chức.\n",
       "Các đơn vị sự nghiệp công lập | null | null"},
      // A task cue inside a lead before a capitalized name passes the work
      // on to that name; before a lower-case word it is part of the name.
      {"task_cues", true,
       "Chủ tịch UBND tỉnh giao Giám đốc Sở Tài chính, Thủ trưởng các đơn vị liên quan khẩn trương hoàn thiện hồ sơ.\n",
       "Giám đốc Sở Tài chính, Thủ trưởng các đơn vị liên quan | null | null"},
      {"task_cues", false, "Ban An toàn giao thông tỉnh chủ trì tổ chức tuyên truyền.\n",
       "Ban An toàn giao thông tỉnh | null | null"},
      // "Đồng chí" (a leader reported in the news) relays work with a cue
      // and takes none itself.
      {"agency_heads", true, "Đồng chí cũng đề nghị Sở Nội vụ tăng cường kiểm tra công vụ.\n", "Sở Nội vụ | null | null"},
      {"agency_heads", false, "Đồng chí Nguyễn Văn A chủ trì hội nghị sơ kết công tác quý III.\n", ""},
      // A lead is a list of names of up to ~60 words (the addressees of a
      // Prime Minister's telegram, dev 117).
      {"task_lead_ends", true,
       "Thủ tướng Chính phủ yêu cầu:\n\n1. Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Chủ "
       "tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương, Chủ tịch Hội đồng thành viên, Tổng giám đốc "
       "các Tập đoàn, Tổng Công ty, đơn vị liên quan khẩn trương chỉ đạo hoàn thành các dự án.\n",
       "Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành "
       "phố trực thuộc Trung ương, Chủ tịch Hội đồng thành viên, Tổng giám đốc các Tập đoàn, Tổng Công ty, đơn vị liên "
       "quan | null | null"},
      {"agency_heads", false, "Thường trực theo dõi tình hình thiên tai, báo cáo kịp thời.\n", ""},
      // In a label's value a phrase of manner goes on with the names; in a
      // sentence it ends the lead (dev 027).
      {"task_lead_ends", true,
       "- Tổ chức kiểm tra.\n\n- Cơ quan thực hiện: Sở Nội vụ, các sở trong phạm vi chức năng, nhiệm vụ của mình và các "
       "cơ quan có liên quan.\n",
       "Sở Nội vụ, các sở trong phạm vi chức năng, nhiệm vụ của mình và các cơ quan có liên quan | null | null"},
      {"task_lead_ends", true, "Các sở, ngành trong phạm vi chức năng, nhiệm vụ của mình chủ động triển khai.\n",
       "Các sở, ngành | null | null"},
      // A table of procedures assigns nothing; a table of tasks does.
      {"task_not_tables", false,
       "| TT | Mã TTHC | Tên TTHC | Cơ quan thực hiện |\n|---|---|---|---|\n| 1 | 1.000603 | Cấp C/O | Sở Công Thương |\n", ""},
      {"task_not_tables", true,
       "| TT | Nhiệm vụ | Cơ quan thực hiện |\n|---|---|---|\n| 1 | Cấp giấy phép cho thủ tục mới | Sở Công Thương |\n",
       "Sở Công Thương | null | null"},
      // "Chính phủ" relays work with a cue and takes none itself.
      {"agency_heads", true, "Chính phủ yêu cầu các bộ, cơ quan hoàn thành các nhiệm vụ.\n", "các bộ, cơ quan | null | null"},
      {"agency_heads", false, "Chính phủ đánh giá cao các bộ, cơ quan đã nỗ lực.\n", ""},
      {"task_lead_ends", true, "Sở Xây dựng khẩn trương hoàn thành việc rà soát trước ngày 30/6/2025.",
       "Sở Xây dựng | null | 2025-06-30"},
      // A capitalised word goes on with the name; "các" makes a noun of a cue.
      {"task_lead_ends", true,
       "Ủy ban Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội tham gia giám sát.",
       "Ủy ban Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội | null | null"},
      // Work already done is reported, not given.
      {"task_lead_ends", false, "Bộ Tài chính đã báo cáo tổng kết việc thực hiện Nghị quyết.", ""},
      {"task_cues", true,
       "Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tham mưu phương án trước ngày 30/6/2025.",
       "Sở Nội vụ | Sở Tài chính | 2025-06-30"},
      {"task_cues", true, "Yêu cầu các bộ, ngành khẩn trương rà soát, hoàn thành trong tháng 11/2025.",
       "các bộ, ngành | null | 2025-11"},
      // A cue before no agency gives nothing.
      {"task_cues", false, "Đề nghị xem xét, giải quyết theo thẩm quyền.", ""},
      {"task_lead_ins", true, "Thứ nhất, các địa phương cần chủ động tháo gỡ khó khăn.",
       "các địa phương | null | null"},
      {"task_lead_ins", false, "Thứ nhất, việc đẩy nhanh tiến độ là quan trọng.", ""},
      // The closing execution clause and conditional reporting are no tasks.
      {"task_not_tasks", false,
       "Chánh Văn phòng UBND tỉnh, Giám đốc các Sở chịu trách nhiệm thi hành Quyết định này.", ""},
      {"task_not_tasks", false,
       "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo cáo UBND tỉnh.", ""},
      {"task_not_tasks", true,
       "Các bộ, cơ quan ngang bộ chịu trách nhiệm thực hiện Kế hoạch này.",
       "Các bộ, cơ quan ngang bộ | null | null"},
      // The closing clause wraps its office holders over lines ending with ';' (dev 105).
      {"task_not_tasks", false,
       "Điều 4. Chánh Văn phòng UBND tỉnh, Giám đốc các sở;\nGiám đốc: Trung tâm Công báo, Trung tâm Phục vụ hành chính công;\n"
       "Chủ tịch UBND các xã chịu trách nhiệm thi hành Quyết định này./.\n",
       ""},
      // "chỉ thị" passes the work on like "yêu cầu"; before ':' it opens the list of work.
      {"task_cues", true, "Chủ tịch UBND tỉnh chỉ thị các sở, ngành khẩn trương rà soát.\n",
       "các sở, ngành | null | null"},
      {"task_cues", false, "Để chủ động phòng, chống dịch bệnh, Chủ tịch UBND tỉnh chỉ thị:\n", ""},
      // The one who asks gives the work to the one named after the cue.
      {"task_cues", true, "Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành khẩn trương rà soát.",
       "Thủ trưởng các sở, ban, ngành | null | null"},
      // The document enacting itself is no task; given as work it is one.
      {"task_enacting", false, "Căn cứ Luật Tổ chức chính quyền địa phương; Hội đồng nhân dân ban hành Nghị quyết quy định mức cho vay.", ""},
      {"task_enacting", true, "Giao Sở Tư pháp ban hành kế hoạch tuyên truyền trước ngày 30/6/2026.",
       "Sở Tư pháp | null | 2026-06-30"},
      // An approval reported (a news title, dev 002) is no task; given as work it is one.
      {"task_enacting", false, "Bộ Nội vụ phê duyệt Đề án tăng cường năng lực đội ngũ công chức giai đoạn 2026 - 2030\n", ""},
      {"task_enacting", true, "Giao Sở Nội vụ phê duyệt danh sách công chức được cử đi đào tạo.\n", "Sở Nội vụ | null | null"},
      // The recipients give no work, up to the next heading (a plan issued
      // with the decision).
      {"task_stop_reading", false, "Nơi nhận:\n\n- Các Bộ: Nội vụ, Tư pháp, Tài chính;\n\n- UBND các tỉnh, thành phố: Hà Nội, Huế;\n", ""},
      {"task_stop_reading", true, "Nơi nhận:\n\n- Các Bộ: Nội vụ, Tư pháp;\n\nKẾ HOẠCH\n\n1. Bộ Công an chủ trì tổng kết thi hành Luật.\n",
       "Bộ Công an | null | null"},
      // An address is no heading of work: a name and a list of names.
      {"agency_heads", false, "III. TỔ CHỨC THỰC HIỆN\n\n1. Các Tập đoàn, Tổng công ty: EVN, VEC, ACV.\n", ""},
      // In a section of assignments a numbered name before ':' is a lead.
      {"task_sections", true,
       "IV. TỔ CHỨC THỰC HIỆN\n\n2. Doanh nghiệp, cộng đồng:\n\n- Chủ động tham gia hỗ trợ.\n",
       "Doanh nghiệp, cộng đồng | null | null"},
      {"task_sections", false,
       "IV. KINH PHÍ\n\n2. Nguồn xã hội hóa:\n\n- Vận động các tổ chức, cá nhân.\n", ""},
      // An opening phrase up to a comma, then the lead (dev 120, 121, 125).
      {"task_intro_phrases", true,
       "2. Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính khẩn trương rà soát, bố trí kinh phí.\n",
       "Bộ Tài chính | null | null"},
      {"task_intro_phrases", true,
       "Trước ngày 15/12/2025, Sở Nội vụ tổng hợp, báo cáo Ủy ban nhân dân tỉnh.\n", "Sở Nội vụ | null | 2025-12-15"},
      // News of a plan: "Theo Kế hoạch, UBND tỉnh giao …"; tricky: a result reported after "Theo".
      {"task_intro_phrases", true,
       "Theo Kế hoạch vừa ban hành, UBND tỉnh giao Sở Khoa học và Công nghệ chủ trì triển khai nền tảng số trước "
       "ngày 30/6/2026.\n",
       "Sở Khoa học và Công nghệ | null | 2026-06-30"},
      {"task_intro_phrases", false, "Theo báo cáo, Sở Nội vụ đã tổ chức 12 lớp tập huấn.\n", ""},
      {"task_intro_phrases", true,
       "Để việc đề xuất biên chế của Bộ Chính trị, Ban Bí thư và Ban Tổ chức Trung ương, trên cơ sở nguyên tắc nêu "
       "trên, đề nghị các bộ, ngành, địa phương khẩn trương thực hiện.\n",
       "các bộ, ngành, địa phương | null | null"},
      // A name of the opening phrase is no lead: one with a number, or ended by another opening.
      {"task_intro_phrases", false,
       "Thực hiện ý kiến của Bộ Chính trị, Ban Bí thư và Văn bản số 9671-CV/BTCTW ngày 17/9/2025 về hoàn thiện vị "
       "trí việc làm, Bộ Nội vụ đã có văn bản hướng dẫn.\n",
       ""},
      {"task_lead_ends", false, "Căn cứ quy định nêu trên, Tổng cục Thuế đồng ý với ý kiến xử lý của Cục Thuế.\n", ""},
      // A cue that is also a noun goes on with a list of names after a comma (dev 123).
      {"task_lead_ends", true,
       "V. TỔ CHỨC THỰC HIỆN\n\n5. Các đoàn thể, tổ chức xã hội:\n\nHuy động hội viên tham gia vệ sinh môi trường.\n",
       "Các đoàn thể, tổ chức xã hội | null | null"},
      {"task_lead_ends", true, "Sở Nội vụ, Sở Tư pháp tổ chức hội nghị tập huấn.\n", "Sở Nội vụ, Sở Tư pháp | null | null"},
      {"agency_heads", true, "- Các Trung tâm y tế giám sát tuyến xã và báo cáo hằng ngày.\n", "Các Trung tâm y tế | null | null"},
      // A class of agencies named by a relative clause runs to the main verb (dev 027, 106).
      {"task_lead_relatives", true,
       "4. Các cơ quan được phân\ncông chủ trì thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm lập kế hoạch, dự toán.\n",
       "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này | null | null"},
      {"task_lead_relatives", false, "Sở Tư pháp được giao chủ trì, phối hợp với các sở rà soát.\n", "Sở Tư pháp | các sở | null"},
      {"task_lead_relatives", true,
       "Tất cả lực lượng, phương tiện tham gia thực hiện Kế hoạch này phải tuân thủ quy định an toàn.\n",
       "Tất cả lực lượng, phương tiện tham gia thực hiện Kế hoạch này | null | null"},
      {"task_lead_mains", true, "Các đơn vị có liên quan chủ động bố trí kinh phí.\n", "Các đơn vị có liên quan | null | null"},
      {"task_lead_mains", false, "Các sở được giao nhiệm vụ tại Kế hoạch này báo cáo kết quả.\n", "Các sở | null | null"},
      // After a plural marker an end cue is a noun of the name; the same in a
      // document written without diacritics, whose keys are folded ("cac").
      {"task_lead_plurals", true, "Các tổ chức, cá nhân có liên quan chủ động phối hợp thực hiện.\n",
       "Các tổ chức, cá nhân có liên quan | null | null"},
      {"task_lead_plurals", true,
       "Cac to chuc, ca nhan co lien quan chu dong phoi hop thuc hien Ke hoach nay.\n"
       "So Tu phap chu tri to chuc tap huan cho can bo, cong chuc trong nam.\n",
       "Cac to chuc, ca nhan co lien quan | null | null; So Tu phap | null | null"},
      {"task_lead_plurals", true,
       "Cac co quan duoc phan cong chu tri thuc hien nhiem vu theo Ke hoach nay co trach nhiem lap ke hoach.\n",
       "Cac co quan duoc phan cong chu tri thuc hien nhiem vu theo Ke hoach nay | null | null"},
      // Tricky: without the marker the cue ends the lead ("tổ chức" is the work).
      {"task_lead_plurals", false, "So Tu phap to chuc tap huan cho cac don vi trong tinh.\n",
       "So Tu phap | null | null"},
      // Issue #17 regression: a masked blank number inside a task kept the task out.
      {"task_lead_ends", true,
       "1. Sở Văn hóa chủ trì, trình dự thảo Quyết định số /2025/QĐ-UBND phê duyệt, hoàn thành trước ngày 30/9/2025.\n",
       "Sở Văn hóa | null | 2025-09-30"},
  };
  return cases;
}

TEST(TasksTest, Corpus) {
  for (const TaskCase& c : Cases()) {
    SCOPED_TRACE(std::string(c.list) + (c.positive ? " +: " : " -: ") + c.text);
    EXPECT_EQ(Tasks(c.text), c.expected);
  }
}

// Issue #16: every cue list of rules/tasks.toml has a positive and a tricky
// negative case above.
TEST(TasksTest, EveryListHasBothCases) {
  std::set<std::string> positive, negative;
  for (const TaskCase& c : Cases()) (c.positive ? positive : negative).insert(c.list);
  for (const char* list : {"task_labels", "agency_heads", "task_lead_ends", "task_cues", "task_lead_ins",
                           "task_not_tasks", "task_time_recurrences", "task_time_open", "task_time_starts",
                           "task_sections", "task_enacting", "task_stop_reading", "task_intro_phrases",
                           "task_lead_relatives", "task_lead_mains", "task_lead_plurals", "task_not_tables"}) {
    SCOPED_TRACE(list);
    EXPECT_FALSE(Rules().Vocab(list).empty()) << "no such list in rules/";
    EXPECT_TRUE(positive.count(list));
    EXPECT_TRUE(negative.count(list));
  }
}

// A task table: its header row names the columns.
TEST(TasksTest, TableRows) {
  const std::string text =
      "| TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
      "|---|---|---|---|---|\n"
      "| 1 | Xây dựng cơ sở dữ liệu dùng chung | Sở Khoa học và Công nghệ | Các sở, ngành | Quí IV-2026 |\n"
      "| 2 | Tổng kết, đánh giá | Văn phòng UBND tỉnh | | 2027 |\n";
  EXPECT_EQ(Tasks(text),
            "Sở Khoa học và Công nghệ | Các sở, ngành | 2026-Q4; Văn phòng UBND tỉnh | null | 2027");
  // A table copied column by column reads the same.
  EXPECT_EQ(Tasks("**STT**\n|\n**Nội dung nhiệm vụ**\n|\n**Cơ quan chủ trì**\n|\n**Thời gian hoàn thành**\n|\n|\n"
                  "1\n|\nRà soát quy hoạch\n|\nSở Xây dựng\n|\nQuý II/2026\n|\n|\n"),
            "Sở Xây dựng | null | 2026-Q2");
  // Tricky: a table of administrative procedures names who performs each;
  // it assigns nothing (vocab task_not_tables).
  EXPECT_EQ(Tasks("| TT | Tên thủ tục hành chính | Thời hạn giải quyết | Cơ quan thực hiện |\n|---|---|---|---|\n"
                  "| 1 | Cấp giấy phép | 10 ngày | Sở Công Thương |\n"),
            "");
  // A table whose header names no lead column gives none.
  EXPECT_EQ(Tasks("| TT | Chỉ tiêu | Năm 2025 |\n|---|---|---|\n| 1 | Tỷ lệ hồ sơ | 95% |\n"), "");
}

// Issue #16, one scope mechanism: a task read from a sentence takes its time
// from its own span, else from a labelled time below it in its block (dev
// 125), else, when it leads into a list, from the list (dev 121); never from
// the next task's sentence or the heading above it.
TEST(TasksTest, TimeByScope) {
  struct {
    std::string text;
    std::string expected;
  } cases[] = {
      {"1.3. Ủy ban nhân dân các xã tổ chức rà soát dữ liệu số nhà.\n"
       "Thời gian hoàn thành trước ngày 31 tháng 12 năm 2025.\n1.4. Sở Xây dựng theo dõi, đôn đốc.\n",
       "Ủy ban nhân dân các xã | null | 2025-12-31; Sở Xây dựng | null | null"},
      {"Sở Tư pháp chủ trì tổ chức tập huấn. Thời hạn hoàn thành trước ngày 30/6/2025.\n",
       "Sở Tư pháp | null | 2025-06-30"},
      // Tricky: a time in the next task's sentence is that task's.
      {"Sở Tư pháp chủ trì tổ chức tập huấn. Sở Nội vụ tổng hợp kết quả trước ngày 30/6/2025.\n",
       "Sở Tư pháp | null | null; Sở Nội vụ | null | 2025-06-30"},
      // Tricky: a time below that opens with no time label is not the task's.
      {"Sở Tư pháp chủ trì tổ chức tập huấn.\nNăm 2024, tỉnh đã tổ chức 20 lớp trước ngày 30/6/2024.\n",
       "Sở Tư pháp | null | null"},
      {"1. Các Bộ, cơ quan thực hiện tốt một số nội dung trọng tâm sau:\n- Rà soát các nhiệm vụ được giao.\n"
       "- Hoàn thiện các báo cáo, gửi Bộ Tư pháp trước ngày 05 tháng 12 năm 2025.\n2. Bộ Tài chính bố trí kinh phí.\n",
       "Các Bộ, cơ quan | null | 2025-12-05; Bộ Tài chính | null | null"},
      // A prose lead-in holds the numbered list below it.
      {"Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở, Thủ trưởng các ban ngành; Chủ tịch UBND các cấp tập trung "
       "thực hiện các nội dung sau:\n\n1. Quán triệt các chủ trương.\n\n2. Hoàn thành rà soát trước ngày 30/9/2026.\n\n"
       "Các sở, ngành chủ động triển khai thực hiện.\n",
       "Giám đốc các sở, Thủ trưởng các ban ngành; Chủ tịch UBND các cấp | null | 2026-09-30; Các sở, ngành | null | null"},
      // Tricky: names up to a ';' with no end cue after it are no lead.
      {"Giao Sở Tư pháp, Sở Nội vụ; kinh phí do ngân sách tỉnh bảo đảm.\n", ""},
      // Tricky: the heading's year is not each assignment's deadline.
      {"II. NHIỆM VỤ NĂM 2025\n\n1. Sở Tư pháp chủ trì tổ chức tập huấn.\n", "Sở Tư pháp | null | null"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(Tasks(c.text), c.expected);
  }
}

// The time of a task is also a deadline (SPEC section 9), once.
TEST(TasksTest, TaskTimeIsADeadline) {
  Extractor extractor(Rules());
  Json r = extractor.Extract(
      "- Tổng kết.\n\nĐơn vị chủ trì: Sở Nội vụ.\n\nThời gian hoàn thành: Tháng 12/2025.\n", "t");
  ASSERT_EQ(r["deadlines"].size(), 1u);
  EXPECT_EQ(r["deadlines"][0]["value"], "2025-12");
}

}  // namespace
}  // namespace vbhc
