// The two byte scans that detection runs over every document (encoding.cc):
// the UTF-8 check and the count of mojibake signs, written once over a
// vector width and compiled twice: with SSE2 (16 bytes a step, the x86-64
// baseline) and with AVX2 (32 bytes, utf8_blocks_avx2.cc, chosen at run
// time where the CPU has it).
//
//   size_t end = ValidUtf8BlocksAvx2(s, i, n, &high);   // or Utf8Scan<Sse2>
//
// `Ops` gives the width and the byte tests; each test returns a vector with
// 0xFF in the bytes where it holds.  Only <cstddef>/<cstdint> here: the AVX2
// file compiles this header with -mavx2, and an inline function with
// external linkage compiled there could be the copy the linker keeps for
// every caller, AVX2 or not.
#ifndef VBHC_TEXT_UTF8_BLOCKS_H_
#define VBHC_TEXT_UTF8_BLOCKS_H_

#include <cstddef>
#include <cstdint>

namespace vbhc {

// True where the CPU runs the 32-byte scans (x86-64 with AVX2 and POPCNT)
// and no test turned them off.  Their answers equal the 16-byte ones
// (tests/encoding_test.cc runs its scan tests both ways).
bool HasAvx2Scans();
// Turns the 32-byte scans off, or back on where the CPU has them; returns
// whether they were on.  For tests of the 16-byte scans on an AVX2 machine.
bool EnableAvx2ScansForTesting(bool on);
size_t ValidUtf8BlocksAvx2(const unsigned char* s, size_t i, size_t n, bool* high);
size_t MojibakeBlocksAvx2(const unsigned char* u, size_t i, size_t n, size_t* chars,
                          void (*look)(void* context, size_t lead), void* context);

template <class Ops>
struct Utf8Scan {
  using V = typename Ops::V;

  // Returns the end of the blocks from `i` (a character start, i >= 2) that
  // are valid UTF-8 of one- to three-byte characters: every lead is C2-DF,
  // E1-EC or EE-EF, and continuation bytes stand exactly where the leads
  // before them want them.  E0 and ED (whose second byte is limited),
  // four-byte leads and anything invalid end the blocks: the caller's
  // per-byte loop decides them.  The end may fall inside a character.  Sets
  // *high when a block has a byte over 0x7F.
  static size_t ValidBlocks(const unsigned char* s, size_t i, size_t n, bool* high) {
    auto lead3 = [](V x) { return Ops::Or(Ops::InRange(x, 0xE1, 0xEC), Ops::InRange(x, 0xEE, 0xEF)); };
    for (; i + Ops::kWidth <= n; i += Ops::kWidth) {
      const V v = Ops::Load(s + i), before = Ops::Load(s + i - 1), before2 = Ops::Load(s + i - 2);
      const uint32_t top = Ops::Bits(v);
      if (top == 0 && s[i - 1] < 0xC0 && s[i - 2] < 0xE0) continue;  // ASCII, nothing pending
      const V continuation = Ops::TopBits(v, 0x80);
      const V lead = Ops::Or(Ops::InRange(v, 0xC2, 0xDF), lead3(v));
      const V other = Ops::AndNot(Ops::InRange(v, 0x80, 0xFF), Ops::Or(continuation, lead));
      const V wanted = Ops::Or(Ops::Or(Ops::InRange(before, 0xC2, 0xDF), lead3(before)), lead3(before2));
      if (Ops::Bits(Ops::Or(other, Ops::Xor(continuation, wanted))) != 0) break;
      if (top != 0) *high = true;
    }
    return i;
  }

  // Over the blocks from `i` (while a whole block and the byte after it are
  // there): adds the characters (bytes that continue none) to *chars and
  // calls look(k) for each byte k that may lead a sign Vietnamese does not
  // use: C2-C3, C5-C6, CB and E2 leads, but not C3 before a Vietnamese
  // letter (à, Ê, ý …, and ×), most leads of Vietnamese text.  Returns
  // where the blocks end.
  template <class Look>
  static size_t MojibakeBlocks(const unsigned char* u, size_t i, size_t n, size_t* chars, Look&& look) {
    for (; i + Ops::kWidth + 1 <= n; i += Ops::kWidth) {
      const V v = Ops::Load(u + i), next = Ops::Load(u + i + 1);
      *chars += Ops::kWidth - Ops::CountContinuations(v);
      uint32_t leads = Ops::Bits(Ops::Or(Ops::Or(Ops::InRange(v, 0xC2, 0xC3), Ops::InRange(v, 0xC5, 0xC6)),
                                         Ops::Or(Ops::Eq(v, 0xCB), Ops::Eq(v, 0xE2))));
      if (leads == 0) continue;
      // Lower case is upper case + 0x20 in this block; × (97) alone, since
      // ÷ (B7) is odd.
      const V folded = Ops::And(next, Ops::Splat(0xDF));
      const V letter = Ops::Or(
          Ops::Or(Ops::Or(Ops::InRange(folded, 0x80, 0x83), Ops::InRange(folded, 0x88, 0x8A)),
                  Ops::Or(Ops::InRange(folded, 0x8C, 0x8D), Ops::InRange(folded, 0x92, 0x95))),
          Ops::Or(Ops::Or(Ops::InRange(folded, 0x99, 0x9A), Ops::Eq(folded, 0x9D)), Ops::Eq(next, 0x97)));
      leads &= ~Ops::Bits(Ops::And(Ops::Eq(v, 0xC3), letter));
      for (; leads != 0; leads &= leads - 1) look(i + static_cast<size_t>(__builtin_ctz(leads)));
    }
    return i;
  }
};

}  // namespace vbhc

#endif  // VBHC_TEXT_UTF8_BLOCKS_H_
