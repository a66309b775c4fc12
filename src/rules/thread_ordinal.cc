#include "rules/thread_ordinal.h"

#include <algorithm>
#include <mutex>
#include <vector>

namespace vbhc {
namespace {

class ThreadOrdinal {
 public:
  ThreadOrdinal() {
    std::lock_guard<std::mutex> lock(Registry().mutex);
    std::vector<bool>& taken = Registry().taken;
    value_ = static_cast<unsigned>(std::find(taken.begin(), taken.end(), false) - taken.begin());
    if (value_ == taken.size()) taken.push_back(true);
    taken[value_] = true;
  }
  ~ThreadOrdinal() {
    std::lock_guard<std::mutex> lock(Registry().mutex);
    Registry().taken[value_] = false;
  }
  ThreadOrdinal(const ThreadOrdinal&) = delete;
  ThreadOrdinal& operator=(const ThreadOrdinal&) = delete;

  unsigned value() const { return value_; }

 private:
  struct State {
    std::mutex mutex;
    std::vector<bool> taken;
  };
  // Never destroyed: threads may end after static destructors have run.
  static State& Registry() {
    static State* state = new State;
    return *state;
  }

  unsigned value_ = 0;
};

}  // namespace

unsigned ThisThreadOrdinal() {
  thread_local const ThreadOrdinal ordinal;
  return ordinal.value();
}

}  // namespace vbhc
