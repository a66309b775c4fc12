// Byte tests sixteen at a time (SSE2), for the scans of UTF-8 text that look
// at every byte of a document: the normalizer's copy and tone-placement
// scans and the UTF-8 check.  Each test returns a vector with 0xFF in the
// bytes where it holds, 0 elsewhere; Bits() turns one into a 16-bit mask
// (bit k for byte k).  Without SSE2 the callers use their scalar loops.
//
//   __m128i v = simd::Load(p);
//   uint32_t digits = simd::Bits(simd::InRange(v, '0', '9'));
#ifndef VBHC_TEXT_SIMD_BYTES_H_
#define VBHC_TEXT_SIMD_BYTES_H_

#if defined(__SSE2__)
#include <emmintrin.h>

#include <cstdint>

namespace vbhc::simd {

// Returns p[0, 16), unaligned.
inline __m128i Load(const unsigned char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }

inline __m128i Splat(int byte) { return _mm_set1_epi8(static_cast<char>(byte)); }

// Bytes equal to `value`.
inline __m128i Eq(__m128i x, int value) { return _mm_cmpeq_epi8(x, Splat(value)); }

// Bytes at most `limit`, unsigned.
inline __m128i AtMost(__m128i x, int limit) { return _mm_cmpeq_epi8(_mm_min_epu8(x, Splat(limit)), x); }

// Bytes in [low, high], unsigned.
inline __m128i InRange(__m128i x, int low, int high) {
  return AtMost(_mm_sub_epi8(x, Splat(low)), high - low);
}

// Bytes whose top two bits are `top` (0x80: continuation bytes, 0xC0: leads).
inline __m128i TopBits(__m128i x, int top) { return Eq(_mm_and_si128(x, Splat(0xC0)), top); }

inline __m128i Or(__m128i a, __m128i b) { return _mm_or_si128(a, b); }
inline __m128i And(__m128i a, __m128i b) { return _mm_and_si128(a, b); }
// a and not b.
inline __m128i AndNot(__m128i a, __m128i b) { return _mm_andnot_si128(b, a); }

// The mask of a test: bit k set when byte k holds.
inline uint32_t Bits(__m128i x) { return static_cast<uint32_t>(_mm_movemask_epi8(x)); }

}  // namespace vbhc::simd

#endif  // __SSE2__
#endif  // VBHC_TEXT_SIMD_BYTES_H_
