//===- internal_mappings.cc - Where weft's own mappings go -----------------===//
//
// A bump pointer through weft's range (internal_mappings.h). Unmapped
// internal memory is not reused: the range is 32 TiB, and weft maps in
// chunks of a MiB and up.
//
//===----------------------------------------------------------------------===//

#include "base/internal_mappings.h"

#include "base/raw_syscall.h"

#include <atomic>
#include <sys/mman.h>
#include <sys/syscall.h>

namespace weft {
namespace {

constexpr uintptr_t kPage = 4096;
// Any thread may map (one without the baton: a signal handler's stack, an
// unscheduled thread's first allocation), so the pointer is atomic.
std::atomic<uintptr_t> NextFree{kInternalMappingsBase};
constexpr uintptr_t kInternalMappingsEnd = uintptr_t(0x7000) << 32;

} // namespace

long mapInternal(size_t Size, int Prot, int Flags) {
  uintptr_t Rounded = (Size + kPage - 1) & ~(kPage - 1);
  uintptr_t Hint = NextFree.fetch_add(Rounded, std::memory_order_relaxed);
  if (Hint + Rounded <= kInternalMappingsEnd) {
    long P = rawSyscall(SYS_mmap, long(Hint), long(Size), Prot,
                        Flags | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    // A kernel without MAP_FIXED_NOREPLACE (before 4.17) takes it as a
    // hint and may answer elsewhere: fine, as the fallback below.
    if (P != -1)
      return P;
  }
  // The range is taken (a program that mapped there itself) or used up.
  return rawSyscall(SYS_mmap, 0, long(Size), Prot, Flags | MAP_ANONYMOUS, -1, 0);
}

} // namespace weft
