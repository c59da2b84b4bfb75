//===- raw_syscall.cc - Direct system calls for the runtime's own use -----===//

#include "base/raw_syscall.h"
#include "base/internal_libc.h"

#include <cerrno>
#include <cstring>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace weft {

// The runtime defines `syscall` itself (futex_interceptors.cc), so calling
// glibc's by name would re-enter weft: issue the instruction directly.
// Returns like glibc's syscall(): -1 with errno set on failure.
long rawSyscall(long Nr, long A1, long A2, long A3, long A4, long A5, long A6) {
  long Ret;
  register long R10 __asm__("r10") = A4;
  register long R8 __asm__("r8") = A5;
  register long R9 __asm__("r9") = A6;
  __asm__ volatile("syscall"
                   : "=a"(Ret)
                   : "a"(Nr), "D"(A1), "S"(A2), "d"(A3), "r"(R10), "r"(R8), "r"(R9)
                   : "rcx", "r11", "memory");
  if (Ret < 0 && Ret > -4096) {
    errno = int(-Ret);
    return -1;
  }
  return Ret;
}

void rawWriteAll(int Fd, const char *Buf, size_t Len) {
  while (Len > 0) {
    long N = rawSyscall(SYS_write, Fd, long(Buf), long(Len));
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
  rawExit(kRuntimeFailureExit);
}

void rawExit(int Code) {
  rawSyscall(SYS_exit_group, Code);
  __builtin_unreachable();
}

void futexWait(uint32_t *Word, uint32_t Expected) {
  rawSyscall(SYS_futex, long(Word), FUTEX_WAIT_PRIVATE, Expected);
}

void futexWakeOne(uint32_t *Word) {
  rawSyscall(SYS_futex, long(Word), FUTEX_WAKE_PRIVATE, 1);
}

void rawSchedYield() { rawSyscall(SYS_sched_yield); }
int rawGettid() { return static_cast<int>(rawSyscall(SYS_gettid)); }
int rawGetpid() { return static_cast<int>(rawSyscall(SYS_getpid)); }

} // namespace weft
