// A small dense number for the calling thread, for spreading threads over a
// fixed number of per-thread resources (RuleSet's shards).
//
//   unsigned n = vbhc::ThisThreadOrdinal();  // 0, 1, 2, … among live threads
//
// Threads alive at the same time hold distinct numbers; a thread takes the
// lowest free number on its first call and gives it back when it ends, so the
// numbers stay dense however many threads came and went before (a thread pool
// remade per batch does not climb to ever higher numbers).
#ifndef VBHC_RULES_THREAD_ORDINAL_H_
#define VBHC_RULES_THREAD_ORDINAL_H_

namespace vbhc {

// Returns the calling thread's number (see above). Takes a process-wide lock
// on a thread's first call and at its end only.
unsigned ThisThreadOrdinal();

}  // namespace vbhc

#endif  // VBHC_RULES_THREAD_ORDINAL_H_
