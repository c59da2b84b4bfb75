//===- fd_memory.h - File descriptors as memory, for races on them --------===//
//
// A descriptor number is shared state: a close in one thread racing with a
// read, write or dup2 of the same number in another is a bug even when the
// bytes moved are not (the I/O may hit a file another thread opened in the
// meantime). Each number below 65536 owns a byte of weft's own memory,
// checked like the program's: creating a descriptor (open, socket,
// pipe, accept, dup...) starts its bytes over with the creator's write,
// I/O reads them, close writes them and then forgets them, as TSan's
// descriptor table does. Forgetting at close keeps a number that comes back
// from a call weft does not see (glibc's own open in fopen) from racing with
// its previous life.
//
// Only the thread holding the baton calls these. None is a scheduling point.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_FD_MEMORY_H
#define WEFT_RUNTIME_FD_MEMORY_H

#include "core/rtl.h"

namespace weft {

/// \p Fd was created at \p Pc by the current thread (a new number, or an old
/// number reused): its memory starts with this thread's write, unchecked.
/// \p AsRead: dup2's target, which starts with a read instead (a daemon that
/// dups /dev/null over stdout while another thread writes is not a bug).
void fdCreated(int Fd, uintptr_t Pc, bool AsRead = false);
/// I/O on \p Fd: a read of its memory.
void fdUsed(int Fd, uintptr_t Pc);
/// close(\p Fd) (\p AsRead: dup2 closing its target): a write (a read) of its
/// memory, then forgotten.
void fdClosed(int Fd, uintptr_t Pc, bool AsRead = false);

/// What a report says about a descriptor's memory.
struct FdOrigin {
  int Fd;
  ThreadId Tid;    // who created it, or who closed it last
  StackId Stack;
  bool Closed;
};
/// True if \p Addr lies in a descriptor's memory; fills \p Out.
bool fdOfAddress(uintptr_t Addr, FdOrigin *Out);

} // namespace weft

#endif
