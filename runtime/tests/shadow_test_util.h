//===- shadow_test_util.h - What the shadow tests ask of the shadow -------===//
//
// Helpers shared by the GoogleTest units that look at shadow memory from
// outside (shadow_test.cc, kept_shadow_test.cc): synthetic addresses in a
// region of their own, and which shadow pages the kernel holds.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_TESTS_SHADOW_TEST_UTIL_H
#define WEFT_RUNTIME_TESTS_SHADOW_TEST_UTIL_H

#include "shadow/shadow.h"

#include <sys/mman.h>
#include <vector>

namespace weft {
namespace shadow_test {

/// The first address of shadow region \p R (each test uses its own).
constexpr uintptr_t region(uintptr_t R) { return R << shadow::kRegionShift; }

/// How many of the shadow pages of [Addr, Addr+Size) are resident
/// (~0 if mincore fails).
inline size_t residentShadowPages(uintptr_t Addr, size_t Size) {
  uintptr_t Begin = reinterpret_cast<uintptr_t>(shadow::granuleFor(Addr)) & ~uintptr_t(4095);
  uintptr_t End = reinterpret_cast<uintptr_t>(shadow::granuleFor(Addr + Size - 1)) + 1;
  std::vector<unsigned char> Vec((End - Begin + 4095) / 4096);
  if (mincore(reinterpret_cast<void *>(Begin), End - Begin, Vec.data()) != 0)
    return ~size_t(0);
  size_t N = 0;
  for (unsigned char V : Vec)
    N += V & 1;
  return N;
}

} // namespace shadow_test
} // namespace weft

#endif
