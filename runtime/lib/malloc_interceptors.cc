//===- malloc_interceptors.cc - Heap blocks: shadow reset and locations ---===//
//
// weft does not replace glibc's allocator; it watches it. Every block a
// scheduled thread allocates is recorded (size, allocating thread and stack)
// so a report can say "heap block of size N allocated by ...", and its shadow
// is reset both when it is handed out and when it is freed, so that memory
// reused by a later allocation never looks like a race with its previous
// life. Allocation is never a scheduling point: glibc may call malloc with
// its own internal locks held.
//
//===----------------------------------------------------------------------===//

#include "interceptor.h"
#include "report.h"
#include "rtl.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>

extern "C" {
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void *__libc_memalign(size_t, size_t);
void __libc_free(void *);
}

using namespace weft;

namespace weft {
namespace {

AddrMap<HeapBlock> Blocks;
// Freed blocks whose shadow still records the free (see onFree), by start;
// dropped when an allocation starts at the same address.
AddrMap<HeapBlock> FreedBlocks;
uint64_t FreeSeq;

/// Blocks up to this size keep their free() recorded as the last write of
/// every byte, so a later unordered access is reported (heap-use-after-free).
/// glibc serves them from its heap, never from a private mapping that could
/// come back as unrelated memory; larger blocks only get the shadow reset.
constexpr size_t kMarkFreedMax = 64 * 1024;

WEFT_ALWAYS_INLINE bool tracking() { return Rt.Initialized && CurThread; }

void onAlloc(void *P, size_t Size, uintptr_t Pc) {
  if (!P || !tracking())
    return;
  ThreadState *Thr = CurThread;
  resetRange(uintptr_t(P), Size);
  FreedBlocks.erase(uintptr_t(P));
  Blocks.getOrInsert(uintptr_t(P)) = HeapBlock{
      Size, stack_trie::child(currentStack(Thr), Pc), Thr->tid(), false, ThreadId::Invalid, 0};
}

uintptr_t freePc() { return reinterpret_cast<uintptr_t>(&free) + 1; }
uintptr_t deletePc() {
  return reinterpret_cast<uintptr_t>(
             static_cast<void (*)(void *) noexcept>(&::operator delete)) + 1;
}

/// Forgets the block at \p P. A real release (free, delete: \p FreePc is
/// the pseudo frame standing for it) is a write of the whole block by the
/// freeing thread, so an access that races with it is reported; realloc
/// (\p FreePc = 0) only resets, since its bytes live on.
void onFree(void *P, uintptr_t CallerPc, uintptr_t FreePc) {
  if (!P || !tracking())
    return;
  HeapBlock *Found = Blocks.find(uintptr_t(P));
  if (!Found)
    return;
  HeapBlock B = *Found;
  if (!FreePc || B.Size == 0) {
    Blocks.erase(uintptr_t(P));
    resetRange(uintptr_t(P), B.Size);
    return;
  }
  ThreadState *Thr = CurThread;
  Thr->Shadow.push(CallerPc);
  // Checked while the block is still live, so a report can describe it.
  checkRange(Thr, uintptr_t(P), B.Size, true, false, FreePc);
  Blocks.erase(uintptr_t(P));
  resetRange(uintptr_t(P), B.Size);
  if (B.Size <= kMarkFreedMax) {
    checkRange(Thr, uintptr_t(P), B.Size, true, false, FreePc);
    B.Freed = true;
    B.FreeTid = Thr->tid();
    B.FreeSeq = ++FreeSeq;
    FreedBlocks.getOrInsert(uintptr_t(P)) = B;
  }
  Thr->Shadow.pop();
}

void *allocAligned(size_t Align, size_t Size, uintptr_t Pc) {
  void *P = __libc_memalign(Align, Size);
  onAlloc(P, Size, Pc);
  return P;
}

void *newOrDie(size_t Size, uintptr_t Pc) {
  void *P = __libc_malloc(Size ? Size : 1);
  if (!P) {
    rawPrint("weft: operator new: out of memory\n");
    __builtin_trap();
  }
  onAlloc(P, Size, Pc);
  return P;
}

void *newAlignedOrDie(size_t Size, size_t Align, uintptr_t Pc) {
  void *P = __libc_memalign(Align, Size ? Size : 1);
  if (!P) {
    rawPrint("weft: operator new: out of memory\n");
    __builtin_trap();
  }
  onAlloc(P, Size, Pc);
  return P;
}

} // namespace

bool isFreePc(uintptr_t Pc) { return Pc == freePc() || Pc == deletePc(); }

uintptr_t findHeapBlock(uintptr_t Addr, HeapBlock *Out) {
  // Report time only. Live blocks never overlap, so at most one matches and
  // the map's order cannot change the answer; among freed blocks the most
  // recently freed one wins, whatever the order of the visit.
  uintptr_t Found = 0;
  Blocks.forEachUnordered([&](uintptr_t Start, HeapBlock &B) {
    if (Addr >= Start && Addr < Start + (B.Size ? B.Size : 1)) {
      Found = Start;
      *Out = B;
    }
  });
  if (Found)
    return Found;
  FreedBlocks.forEachUnordered([&](uintptr_t Start, HeapBlock &B) {
    if (Addr >= Start && Addr < Start + B.Size &&
        (!Found || B.FreeSeq > Out->FreeSeq)) {
      Found = Start;
      *Out = B;
    }
  });
  return Found;
}

} // namespace weft

WEFT_INTERCEPTOR void *malloc(size_t Size) {
  void *P = __libc_malloc(Size);
  onAlloc(P, Size, WEFT_CALLER_PC);
  return P;
}

WEFT_INTERCEPTOR void *calloc(size_t N, size_t Size) {
  void *P = __libc_calloc(N, Size);
  onAlloc(P, N * Size, WEFT_CALLER_PC);
  return P;
}

WEFT_INTERCEPTOR void *realloc(void *Old, size_t Size) {
  // Treated as free + malloc: the bytes moved, their history did not.
  if (Old && Size == 0) {
    onFree(Old, WEFT_CALLER_PC, freePc());
    __libc_free(Old);
    return nullptr;
  }
  onFree(Old, 0, 0);
  void *P = __libc_realloc(Old, Size);
  onAlloc(P, Size, WEFT_CALLER_PC);
  return P;
}

WEFT_INTERCEPTOR void *reallocarray(void *Old, size_t N, size_t Size) {
  size_t Total;
  if (__builtin_mul_overflow(N, Size, &Total)) {
    errno = ENOMEM;
    return nullptr;
  }
  onFree(Old, 0, 0);
  void *P = __libc_realloc(Old, Total);
  onAlloc(P, Total, WEFT_CALLER_PC);
  return P;
}

WEFT_INTERCEPTOR void free(void *P) {
  onFree(P, WEFT_CALLER_PC, freePc());
  __libc_free(P);
}

WEFT_INTERCEPTOR void cfree(void *P) {
  onFree(P, WEFT_CALLER_PC, freePc());
  __libc_free(P);
}

WEFT_INTERCEPTOR int posix_memalign(void **Out, size_t Align, size_t Size) {
  if (Align < sizeof(void *) || (Align & (Align - 1)))
    return EINVAL;
  void *P = allocAligned(Align, Size, WEFT_CALLER_PC);
  if (!P)
    return ENOMEM;
  *Out = P;
  return 0;
}

WEFT_INTERCEPTOR void *aligned_alloc(size_t Align, size_t Size) {
  return allocAligned(Align, Size, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR void *memalign(size_t Align, size_t Size) {
  return allocAligned(Align, Size, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR void *valloc(size_t Size) {
  return allocAligned(4096, Size, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR void *pvalloc(size_t Size) {
  return allocAligned(4096, (Size + 4095) & ~size_t(4095), WEFT_CALLER_PC);
}

// C++ allocation functions --------------------------------------------------

#define WEFT_CXX __attribute__((visibility("default")))

WEFT_CXX void *operator new(size_t Size) { return newOrDie(Size, WEFT_CALLER_PC); }
WEFT_CXX void *operator new[](size_t Size) { return newOrDie(Size, WEFT_CALLER_PC); }
WEFT_CXX void *operator new(size_t Size, const std::nothrow_t &) noexcept {
  void *P = __libc_malloc(Size ? Size : 1);
  onAlloc(P, Size, WEFT_CALLER_PC);
  return P;
}
WEFT_CXX void *operator new[](size_t Size, const std::nothrow_t &) noexcept {
  void *P = __libc_malloc(Size ? Size : 1);
  onAlloc(P, Size, WEFT_CALLER_PC);
  return P;
}
WEFT_CXX void *operator new(size_t Size, std::align_val_t A) {
  return newAlignedOrDie(Size, size_t(A), WEFT_CALLER_PC);
}
WEFT_CXX void *operator new[](size_t Size, std::align_val_t A) {
  return newAlignedOrDie(Size, size_t(A), WEFT_CALLER_PC);
}
WEFT_CXX void *operator new(size_t Size, std::align_val_t A, const std::nothrow_t &) noexcept {
  return allocAligned(size_t(A), Size ? Size : 1, WEFT_CALLER_PC);
}
WEFT_CXX void *operator new[](size_t Size, std::align_val_t A, const std::nothrow_t &) noexcept {
  return allocAligned(size_t(A), Size ? Size : 1, WEFT_CALLER_PC);
}

WEFT_CXX void operator delete(void *P) noexcept {
  onFree(P, WEFT_CALLER_PC, deletePc());
  __libc_free(P);
}
WEFT_CXX void operator delete[](void *P) noexcept {
  onFree(P, WEFT_CALLER_PC, deletePc());
  __libc_free(P);
}
WEFT_CXX void operator delete(void *P, const std::nothrow_t &) noexcept {
  onFree(P, WEFT_CALLER_PC, deletePc());
  __libc_free(P);
}
WEFT_CXX void operator delete[](void *P, const std::nothrow_t &) noexcept {
  onFree(P, WEFT_CALLER_PC, deletePc());
  __libc_free(P);
}
WEFT_CXX void operator delete(void *P, size_t) noexcept {
  onFree(P, WEFT_CALLER_PC, deletePc());
  __libc_free(P);
}
WEFT_CXX void operator delete[](void *P, size_t) noexcept {
  onFree(P, WEFT_CALLER_PC, deletePc());
  __libc_free(P);
}
WEFT_CXX void operator delete(void *P, std::align_val_t) noexcept {
  onFree(P, WEFT_CALLER_PC, deletePc());
  __libc_free(P);
}
WEFT_CXX void operator delete[](void *P, std::align_val_t) noexcept {
  onFree(P, WEFT_CALLER_PC, deletePc());
  __libc_free(P);
}
WEFT_CXX void operator delete(void *P, size_t, std::align_val_t) noexcept {
  onFree(P, WEFT_CALLER_PC, deletePc());
  __libc_free(P);
}
WEFT_CXX void operator delete[](void *P, size_t, std::align_val_t) noexcept {
  onFree(P, WEFT_CALLER_PC, deletePc());
  __libc_free(P);
}
WEFT_CXX void operator delete(void *P, std::align_val_t, const std::nothrow_t &) noexcept {
  onFree(P, WEFT_CALLER_PC, deletePc());
  __libc_free(P);
}
WEFT_CXX void operator delete[](void *P, std::align_val_t, const std::nothrow_t &) noexcept {
  onFree(P, WEFT_CALLER_PC, deletePc());
  __libc_free(P);
}
