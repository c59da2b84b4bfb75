//===- fd_memory.cc - File descriptors as memory, for races on them -------===//
//
// The memory is an array in weft's own bss that nothing ever reads or
// writes (only its shadow is touched), so its pages are never backed. The
// creation record (thread and stack) is kept beside it for the report's
// "Location is file descriptor N created by ..." line.
//
//===----------------------------------------------------------------------===//

#include "interceptors/fd_memory.h"

namespace weft {
namespace {

/// Descriptors above this are not checked (their number is not memory).
constexpr int kMaxTrackedFds = 1 << 16;
/// One byte per descriptor: weft tells neighbouring bytes apart, and the
/// array's address space counts against a program's RLIMIT_AS (64 KiB).
constexpr size_t kFdBytes = 1;

char FdMemory[size_t(kMaxTrackedFds) * kFdBytes];

struct FdRecord {
  ThreadId Tid = ThreadId::Invalid;
  StackId Stack = kEmptyStack;
  bool Closed = false;
};
/// By descriptor, grown on demand: who created (or last closed) it. Made
/// on first use, never destroyed: a static with a destructor (NoDestroy's
/// too) takes an atexit entry, and past glibc's first 32 of them the
/// program's start-up allocates a block (and the shadow of its heap region:
/// control/address_space_limit_too_low.c).
InternalVector<FdRecord> *Records;

bool tracked(int Fd) { return Fd >= 0 && Fd < kMaxTrackedFds; }
uintptr_t addressOf(int Fd) { return reinterpret_cast<uintptr_t>(FdMemory) + size_t(Fd) * kFdBytes; }

void remember(ThreadState *Thr, int Fd, uintptr_t Pc, bool Closed) {
  if (!Records)
    Records = internalNew<InternalVector<FdRecord>>();
  if (size_t(Fd) >= Records->size())
    Records->resize(size_t(Fd) + 1);
  (*Records)[size_t(Fd)] = FdRecord{Thr->tid(), stack_trie::child(currentStack(Thr), Pc), Closed};
}

} // namespace

void fdCreated(int Fd, uintptr_t Pc, bool AsRead) {
  ThreadState *Thr = CurThread;
  if (!Thr || !tracked(Fd))
    return;
  // Whatever the number did before (closed by a call weft did not see) is
  // gone: the new descriptor's first access is its creation.
  resetRange(addressOf(Fd), kFdBytes);
  checkRange(Thr, addressOf(Fd), kFdBytes, !AsRead, false, Pc);
  remember(Thr, Fd, Pc, false);
}

void fdUsed(int Fd, uintptr_t Pc) {
  ThreadState *Thr = CurThread;
  if (!Thr || !tracked(Fd))
    return;
  checkRange(Thr, addressOf(Fd), kFdBytes, false, false, Pc);
}

void fdClosed(int Fd, uintptr_t Pc, bool AsRead) {
  ThreadState *Thr = CurThread;
  if (!Thr || !tracked(Fd))
    return;
  checkRange(Thr, addressOf(Fd), kFdBytes, !AsRead, false, Pc);
  resetRange(addressOf(Fd), kFdBytes);
  remember(Thr, Fd, Pc, true);
}

bool fdOfAddress(uintptr_t Addr, FdOrigin *Out) {
  uintptr_t Base = reinterpret_cast<uintptr_t>(FdMemory);
  if (Addr < Base || Addr >= Base + sizeof(FdMemory))
    return false;
  int Fd = int((Addr - Base) / kFdBytes);
  FdRecord R = Records && size_t(Fd) < Records->size() ? (*Records)[size_t(Fd)] : FdRecord();
  *Out = FdOrigin{Fd, R.Tid, R.Stack, R.Closed};
  return true;
}

} // namespace weft
