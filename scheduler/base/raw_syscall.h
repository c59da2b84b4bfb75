//===- raw_syscall.h - System calls that bypass weft's interceptors -------===//
//
// The runtime intercepts libc functions by name; its own I/O and waiting must
// not go through those names, or it would re-enter itself. These wrappers
// issue the system calls directly.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_BASE_RAW_SYSCALL_H
#define WEFT_SCHEDULER_BASE_RAW_SYSCALL_H

#include <cstddef>
#include <cstdint>

namespace weft {

/// A system call that never goes through an interceptor (weft defines
/// `syscall` too); -1 and errno on failure, like glibc's syscall().
long rawSyscall(long Nr, long A1 = 0, long A2 = 0, long A3 = 0, long A4 = 0,
                long A5 = 0, long A6 = 0);
/// rawSyscall with syscall()'s argument types (pointers, ints), for code
/// that would otherwise call libc's `syscall` by name (which a program may
/// define itself; weft's interceptors give way to it).
template <typename... Args> long rawCall(long Nr, Args... A) {
  static_assert(sizeof...(Args) <= 6, "at most six system call arguments");
  return rawSyscall(Nr, (long)A...);
}
/// Writes all of [Buf, Buf+Len) to \p Fd, retrying on EINTR and short writes.
void rawWriteAll(int Fd, const char *Buf, size_t Len);
/// Writes a NUL-terminated message to stderr.
void rawPrint(const char *Msg);
/// The exit status of a run that weft's runtime could not go on with (out
/// of address space, too many threads...): not the program's own status.
constexpr int kRuntimeFailureExit = 70;
/// Prints \p Msg to stderr and terminates the process with exit status
/// kRuntimeFailureExit.
[[noreturn]] void rawDie(const char *Msg);
/// Terminates the process at once with \p Code (no atexit handlers).
[[noreturn]] void rawExit(int Code);
/// Blocks while *Word == Expected (FUTEX_WAIT, private).
void futexWait(uint32_t *Word, uint32_t Expected);
/// Wakes up to one waiter on \p Word.
void futexWakeOne(uint32_t *Word);
void rawSchedYield();
/// The OS thread id (gettid).
int rawGettid();
int rawGetpid();

} // namespace weft

#endif
