//===- raw_syscall.cc - Direct system calls for the runtime's own use -----===//

#include "base/raw_syscall.h"
#include "base/internal_libc.h"

#include <cerrno>
#include <cstring>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace weft {

void rawWriteAll(int Fd, const char *Buf, size_t Len) {
  while (Len > 0) {
    long N = syscall(SYS_write, Fd, Buf, Len);
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return;
    }
    Buf += N;
    Len -= static_cast<size_t>(N);
  }
}

void rawPrint(const char *Msg) { rawWriteAll(2, Msg, internalStrlen(Msg)); }

void rawDie(const char *Msg) {
  rawPrint(Msg);
  rawExit(1);
}

void rawExit(int Code) {
  syscall(SYS_exit_group, Code);
  __builtin_unreachable();
}

void futexWait(uint32_t *Word, uint32_t Expected) {
  syscall(SYS_futex, Word, FUTEX_WAIT_PRIVATE, Expected, nullptr, nullptr, 0);
}

void futexWakeOne(uint32_t *Word) {
  syscall(SYS_futex, Word, FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
}

void rawSchedYield() { syscall(SYS_sched_yield); }
int rawGettid() { return static_cast<int>(syscall(SYS_gettid)); }
int rawGetpid() { return static_cast<int>(syscall(SYS_getpid)); }

} // namespace weft
