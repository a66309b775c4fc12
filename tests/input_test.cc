// Input lists: the compact path list and the directory walk that fills it.
#include "cli/input.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace vbhc {
namespace {

TEST(PathListTest, SortsARangeAndKeepsTheRest) {
  struct {
    std::vector<std::string> paths;
    size_t begin, end;
    std::vector<std::string> expected;
  } cases[] = {
      {{"b", "a", "c"}, 0, 3, {"a", "b", "c"}},
      {{"z", "b", "a", "0"}, 1, 3, {"z", "a", "b", "0"}},
      {{"dir/b.txt", "dir/a b.txt", "dir/a.txt"}, 0, 3, {"dir/a b.txt", "dir/a.txt", "dir/b.txt"}},
      {{"", "tệp/ế.txt", "tệp/e.txt"}, 0, 3, {"", "tệp/e.txt", "tệp/ế.txt"}},
      {{}, 0, 0, {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(testing::PrintToString(c.paths));
    PathList list;
    for (const std::string& p : c.paths) list.push_back(p);
    list.Sort(c.begin, c.end);
    ASSERT_EQ(list.size(), c.expected.size());
    for (size_t i = 0; i < list.size(); ++i) EXPECT_EQ(list[i], c.expected[i]);
  }
}

TEST(ExpandInputsTest, WalksSortedReportsMissingAndKeepsOrderOfArguments) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("vbhc-input-test-" + std::to_string(getpid()));
  fs::create_directories(root / "d" / "sub");
  for (const char* name : {"d/b.txt", "d/a.txt", "d/sub/c.txt", "d/skip.md", "e.txt"}) {
    std::ofstream(root / name) << "x";
  }
  std::vector<std::string> errors;
  PathList list = ExpandInputs({(root / "e.txt").string(), (root / "d").string(), "-",
                                (root / "missing").string()},
                               "*.txt", &errors);
  std::vector<std::string> got;
  for (size_t i = 0; i < list.size(); ++i) got.emplace_back(list[i]);
  const std::string d = (root / "d").string();
  EXPECT_EQ(got, (std::vector<std::string>{(root / "e.txt").string(), d + "/a.txt", d + "/b.txt",
                                           d + "/sub/c.txt", "-"}));
  EXPECT_EQ(errors, (std::vector<std::string>{(root / "missing").string() + ": no such file or directory"}));
  fs::remove_all(root);
}

}  // namespace
}  // namespace vbhc
