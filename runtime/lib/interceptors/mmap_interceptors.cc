//===- mmap_interceptors.cc - Mappings start and end with a clean shadow ---===//
//
// Memory the program maps itself (mmap, mremap) is new memory, and memory it
// unmaps or throws away (munmap, madvise MADV_DONTNEED / MADV_FREE /
// MADV_REMOVE) is gone: in both cases the accesses recorded for those
// addresses belong to a previous life. The kernel readily hands an address
// range back to the next mmap, so one thread's ring buffer, unmapped with
// its loop, comes back as another thread's: without a reset the new owner's
// first write would "race" with the dead thread's last read. So, as after
// free, the shadow of the range is reset and the sync objects that lived in
// it (a mutex, an atomic flag) are forgotten (releaseRange), so that a new
// object at the same address does not inherit their clocks. The memory
// went back to the kernel, so its shadow pages do too (shadow.h: unlike a
// freed heap block's, which stay resident for the block's next owner).
//
// A mapping made readable but not writable (a file the program reads through
// memory) is marked read-only (shadow/read_only_pages.h): reads of it are
// not recorded, and its shadow is a private mapping of a file of zeros
// (shadow::mapZeroFile), which the inline check's loads fault in several
// pages at a time, allocating nothing. mprotect adding PROT_WRITE ends the
// mark.
//
// A mapping is not recorded as the mapping thread's write (TSan does that):
// a mapping may be gigabytes of address space the program never touches,
// and its shadow would cost six times its size. An access to a fresh
// mapping that races with another thread's access is reported as usual.
//
// weft's own mappings (its allocator, shadow, stacks) never come here: they
// are made with raw system calls. glibc's are made inside libc (malloc's
// large blocks, thread stacks) and do not either; those have their own
// resets (malloc_interceptors.cc, a new thread's stack).
//
//===----------------------------------------------------------------------===//

#include "interceptors/interceptor.h"
#include "core/rtl.h"
#include "shadow/read_only_pages.h"

#include <cstdarg>
#include <sys/mman.h>
#include <sys/types.h>

using namespace weft;

namespace {

/// [Addr, Addr+Len) rounded out to pages, as the kernel rounds the range it
/// maps or unmaps.
struct PageRange {
  uintptr_t Begin, Size;
};
PageRange pagesOf(void *Addr, size_t Len) {
  uintptr_t Begin = reinterpret_cast<uintptr_t>(Addr) & ~uintptr_t(4095);
  uintptr_t End = (reinterpret_cast<uintptr_t>(Addr) + Len + 4095) & ~uintptr_t(4095);
  return {Begin, End - Begin};
}

/// Only a scheduled thread (holding the baton) may touch the shadow and the
/// sync table; a thread weft does not schedule leaves them alone, as with
/// its allocations.
bool scheduled() { return Rt.Initialized && CurThread; }

/// Forgets what was recorded for the pages of [Addr, Addr+Len), which the
/// kernel took back or handed out anew, and ends their read-only mark.
void forgetRange(void *Addr, size_t Len) {
  if (!Rt.Initialized || !Len)
    return;
  PageRange R = pagesOf(Addr, Len);
  // Ending the read-only promise needs no baton: its bits are atomic.
  read_only_pages::clear(R.Begin, R.Size);
  if (CurThread)
    releaseRange(R.Begin, R.Size);
}

/// A new mapping of [Addr, Addr+Len) with protection \p Prot: its shadow
/// starts clean, and readable memory that cannot be written is marked
/// read-only, its shadow mapped from the file of zeros.
void noteMapping(void *Addr, size_t Len, int Prot) {
  bool ReadOnly = (Prot & PROT_READ) && !(Prot & PROT_WRITE) &&
                  Len <= read_only_pages::kMaxMarkBytes;
  if (!ReadOnly || !scheduled() || !Len)
    return forgetRange(Addr, Len);
  PageRange R = pagesOf(Addr, Len);
  dropSyncsInRange(R.Begin, R.Size);
  read_only_pages::mark(R.Begin, R.Size); // maps the shadow regions
  shadow::mapZeroFile(R.Begin, R.Size);
}

/// Advice after which the range's contents are gone (read back as zeros or
/// as the file's): its accesses are history.
bool discardsContents(int Advice) {
  return Advice == MADV_DONTNEED || Advice == MADV_FREE || Advice == MADV_REMOVE;
}

} // namespace

WEFT_DECLARE_REAL(void *, mmap, void *, size_t, int, int, int, off_t)
WEFT_DECLARE_REAL(void *, mmap64, void *, size_t, int, int, int, off64_t)
WEFT_DECLARE_REAL(int, munmap, void *, size_t)
WEFT_DECLARE_REAL(void *, mremap, void *, size_t, size_t, int, void *)
WEFT_DECLARE_REAL(int, madvise, void *, size_t, int)
WEFT_DECLARE_REAL(int, mprotect, void *, size_t, int)

WEFT_INTERCEPTOR void *mmap(void *Addr, size_t Len, int Prot, int Flags, int Fd, off_t Off) {
  WEFT_ENSURE_REAL(mmap);
  void *P = WEFT_REAL(mmap)(Addr, Len, Prot, Flags, Fd, Off);
  if (P != MAP_FAILED)
    noteMapping(P, Len, Prot);
  return P;
}

WEFT_INTERCEPTOR void *mmap64(void *Addr, size_t Len, int Prot, int Flags, int Fd,
                              off64_t Off) {
  WEFT_ENSURE_REAL(mmap64);
  void *P = WEFT_REAL(mmap64)(Addr, Len, Prot, Flags, Fd, Off);
  if (P != MAP_FAILED)
    noteMapping(P, Len, Prot);
  return P;
}

WEFT_INTERCEPTOR int munmap(void *Addr, size_t Len) {
  WEFT_ENSURE_REAL(munmap);
  int R = WEFT_REAL(munmap)(Addr, Len);
  if (R == 0)
    forgetRange(Addr, Len);
  return R;
}

// The contents move, their history does not (as realloc): both the old
// range and the new one start clean.
WEFT_INTERCEPTOR void *mremap(void *Old, size_t OldLen, size_t NewLen, int Flags, ...) {
  WEFT_ENSURE_REAL(mremap);
  void *NewAddr = nullptr;
  if (Flags & MREMAP_FIXED) {
    va_list Ap;
    va_start(Ap, Flags);
    NewAddr = va_arg(Ap, void *);
    va_end(Ap);
  }
  void *P = WEFT_REAL(mremap)(Old, OldLen, NewLen, Flags, NewAddr);
  if (P != MAP_FAILED) {
    forgetRange(Old, OldLen);
    forgetRange(P, NewLen);
  }
  return P;
}

WEFT_INTERCEPTOR int madvise(void *Addr, size_t Len, int Advice) {
  WEFT_ENSURE_REAL(madvise);
  int R = WEFT_REAL(madvise)(Addr, Len, Advice);
  if (R == 0 && discardsContents(Advice))
    forgetRange(Addr, Len);
  return R;
}

// Write access ends the read-only mark: reads from now on are recorded and
// checked. Taking write access away marks nothing (an earlier write may
// still race with a later read).
WEFT_INTERCEPTOR int mprotect(void *Addr, size_t Len, int Prot) {
  WEFT_ENSURE_REAL(mprotect);
  int R = WEFT_REAL(mprotect)(Addr, Len, Prot);
  if (R == 0 && (Prot & PROT_WRITE) && Rt.Initialized) {
    PageRange Pages = pagesOf(Addr, Len);
    read_only_pages::clear(Pages.Begin, Pages.Size);
  }
  return R;
}
