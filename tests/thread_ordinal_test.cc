#include "rules/thread_ordinal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <latch>
#include <thread>
#include <vector>

namespace vbhc {
namespace {

// Numbers of `n` threads alive at the same time (each takes its number, then
// waits for the others before ending).
std::vector<unsigned> NumbersOfLiveThreads(size_t n) {
  std::vector<unsigned> numbers(n);
  std::latch all_numbered(static_cast<std::ptrdiff_t>(n));
  std::vector<std::thread> threads;
  for (size_t t = 0; t < n; ++t) {
    threads.emplace_back([&, t] {
      numbers[t] = ThisThreadOrdinal();
      EXPECT_EQ(ThisThreadOrdinal(), numbers[t]);  // stable within a thread
      all_numbered.arrive_and_wait();
    });
  }
  for (std::thread& t : threads) t.join();
  std::sort(numbers.begin(), numbers.end());
  return numbers;
}

// Issue #6: threads that live at once hold distinct numbers, and threads that
// come after those ended take the same numbers again (a pool remade per batch
// must not spread over ever more of RuleSet's shards).
TEST(ThreadOrdinalTest, DistinctWhileAliveAndGivenBack) {
  const unsigned mine = ThisThreadOrdinal();
  const std::vector<unsigned> first = NumbersOfLiveThreads(12);
  EXPECT_EQ(std::adjacent_find(first.begin(), first.end()), first.end());  // distinct
  EXPECT_TRUE(std::find(first.begin(), first.end(), mine) == first.end());
  EXPECT_LE(first.back(), 12u);  // dense: this thread's number and 12 more
  EXPECT_EQ(NumbersOfLiveThreads(12), first);
  EXPECT_EQ(NumbersOfLiveThreads(5), std::vector<unsigned>(first.begin(), first.begin() + 5));
}

}  // namespace
}  // namespace vbhc
