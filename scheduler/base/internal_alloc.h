//===- internal_alloc.h - Memory for weft's own bookkeeping ---------------===//
//
// weft lives inside someone else's process and intercepts malloc, so its own
// data (thread records, clocks, tables) must never come from the program's
// malloc: that would recurse into the interceptors and perturb the program's
// heap layout. Everything here is carved out of private mmap'd arenas.
//
// Never call malloc, new or any intercepted function from this file.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_BASE_INTERNAL_ALLOC_H
#define WEFT_SCHEDULER_BASE_INTERNAL_ALLOC_H

#include <cstddef>
#include <cstdint>
#include <new>

namespace weft {

/// Returns zeroed memory of at least \p Size bytes, aligned to 16. Aborts the
/// process with a message when the system is out of memory.
void *internalAlloc(size_t Size);
/// Frees memory from internalAlloc. \p Ptr may be null.
void internalFree(void *Ptr);
/// Grows or shrinks \p Ptr, keeping min(old, new) bytes. Bytes beyond the
/// old size are unspecified (a block may regrow in place): callers that need
/// zeros clear them.
void *internalRealloc(void *Ptr, size_t Size);

/// Reserves \p Size bytes of address space that cost nothing until touched
/// (MAP_NORESERVE); returns null on failure.
void *reserveAddressSpace(size_t Size);
/// reserveAddressSpace failed for \p Size bytes of \p What: says which
/// limit to raise (the address-space limit, or strict overcommit) and exits
/// with kRuntimeFailureExit.
[[noreturn]] void dieOutOfAddressSpace(const char *What, size_t Size);
/// Hands the pages of [Addr, Addr+Size) back to the kernel; they read as zero.
void releasePages(void *Addr, size_t Size);

/// What the allocator holds (print_stats): 1 MiB chunks mapped, of them
/// empty and kept resident, empty and released, and the bytes of large
/// blocks (their own mappings).
struct InternalAllocStats {
  size_t Chunks, KeptEmpty, Released, LargeBytes;
};
InternalAllocStats internalAllocStats();

/// Allocates and constructs a T in internal memory.
template <typename T, typename... Args> T *internalNew(Args &&...A) {
  return new (internalAlloc(sizeof(T))) T(static_cast<Args &&>(A)...);
}
template <typename T> void internalDelete(T *P) {
  if (!P)
    return;
  P->~T();
  internalFree(P);
}

/// A std-compatible allocator over internalAlloc, for the few standard
/// containers the scheduler's tests share with the runtime.
template <typename T> struct InternalAllocator {
  using value_type = T;
  InternalAllocator() = default;
  template <typename U> InternalAllocator(const InternalAllocator<U> &) {}
  T *allocate(size_t N) { return static_cast<T *>(internalAlloc(N * sizeof(T))); }
  void deallocate(T *P, size_t) { internalFree(P); }
  template <typename U> bool operator==(const InternalAllocator<U> &) const { return true; }
  template <typename U> bool operator!=(const InternalAllocator<U> &) const { return false; }
};

} // namespace weft

#endif
