// The 32-byte (AVX2) instances of utf8_blocks.h.  CMake compiles this file
// alone with -mavx2 -mpopcnt; callers reach it only where HasAvx2Scans()
// (encoding.cc, a baseline file, asks the CPU).
// Nothing with external linkage but the two entry points is defined here
// (see utf8_blocks.h): the ops live in an anonymous namespace.
#include "text/utf8_blocks.h"

#if defined(__x86_64__) && defined(__AVX2__)
#include <immintrin.h>

namespace vbhc {
namespace {

struct Avx2 {
  using V = __m256i;
  static constexpr size_t kWidth = 32;
  static V Load(const unsigned char* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  static V Splat(int byte) { return _mm256_set1_epi8(static_cast<char>(byte)); }
  static V Eq(V x, int value) { return _mm256_cmpeq_epi8(x, Splat(value)); }
  static V InRange(V x, int low, int high) {
    const V shifted = _mm256_sub_epi8(x, Splat(low));
    return _mm256_cmpeq_epi8(_mm256_min_epu8(shifted, Splat(high - low)), shifted);
  }
  static V TopBits(V x, int top) { return Eq(_mm256_and_si256(x, Splat(0xC0)), top); }
  static V Or(V a, V b) { return _mm256_or_si256(a, b); }
  static V And(V a, V b) { return _mm256_and_si256(a, b); }
  static V AndNot(V a, V b) { return _mm256_andnot_si256(b, a); }
  static V Xor(V a, V b) { return _mm256_xor_si256(a, b); }
  static uint32_t Bits(V x) { return static_cast<uint32_t>(_mm256_movemask_epi8(x)); }
  static size_t CountContinuations(V x) { return static_cast<size_t>(_mm_popcnt_u32(Bits(TopBits(x, 0x80)))); }
};

}  // namespace

size_t ValidUtf8BlocksAvx2(const unsigned char* s, size_t i, size_t n, bool* high) {
  return Utf8Scan<Avx2>::ValidBlocks(s, i, n, high);
}

size_t MojibakeBlocksAvx2(const unsigned char* u, size_t i, size_t n, size_t* chars,
                          void (*look)(void* context, size_t lead), void* context) {
  return Utf8Scan<Avx2>::MojibakeBlocks(u, i, n, chars, [&](size_t k) { look(context, k); });
}

}  // namespace vbhc

#else  // not x86-64: the 16-byte (or per-byte) scans do all the work

namespace vbhc {
size_t ValidUtf8BlocksAvx2(const unsigned char*, size_t i, size_t, bool*) { return i; }
size_t MojibakeBlocksAvx2(const unsigned char*, size_t i, size_t, size_t*, void (*)(void*, size_t), void*) { return i; }
}  // namespace vbhc

#endif
