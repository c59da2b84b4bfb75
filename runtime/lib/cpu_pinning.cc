//===- cpu_pinning.cc - All program threads on one CPU ---------------------===//
//
// Only the thread holding the baton runs, so a switch is one thread waking
// another and going to sleep. Across CPUs that wake costs a virtual CPU
// coming out of idle (~0.5 ms on the KVM machines measured); on the same CPU
// it is an ordinary context switch of a few microseconds, and nobody has to
// spin to avoid it. So at start-up the process is pinned to the CPU it runs
// on (threads inherit the mask), and the scheduler sleeps at once.
//
// The pin is weft's, not the program's: the program still sees, sets and
// passes on to the processes it starts its own affinity. sched_getaffinity
// reports the mask the program last asked for (the original one to begin
// with); sched_setaffinity records a new one without moving threads; and
// exec and process spawning run with that mask, so children are not pinned.
//
// Never touches scheduler state: it only sets masks, before the first
// thread exists or around a call that starts a new program.
//
//===----------------------------------------------------------------------===//

#include "cpu_pinning.h"

#include "base/internal_libc.h"
#include "base/raw_syscall.h"
#include "interceptor.h"

#include <cerrno>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <sched.h>
#include <spawn.h>
#include <stdio.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace weft;

namespace {

bool Pinned;
/// The affinity the program believes it has (what it started with, or the
/// last mask it set for itself).
cpu_set_t ProgramMask;
cpu_set_t PinMask;

long setMask(const cpu_set_t &M) {
  return rawSyscall(SYS_sched_setaffinity, 0, sizeof(cpu_set_t),
                    reinterpret_cast<long>(&M));
}

/// The calling thread runs with the program's own mask while it starts a
/// new program; the pin comes back if the call returns.
class ProgramAffinityScope {
public:
  ProgramAffinityScope() : Active(Pinned) {
    if (Active)
      setMask(ProgramMask);
  }
  ~ProgramAffinityScope() {
    if (Active) {
      int Saved = errno;
      setMask(PinMask);
      errno = Saved;
    }
  }
  ProgramAffinityScope(const ProgramAffinityScope &) = delete;
  ProgramAffinityScope &operator=(const ProgramAffinityScope &) = delete;

private:
  bool Active;
};

/// Is \p Tid this process or one of its threads (what weft's pin covers)?
/// Anything else is another process, whose affinity is its own business.
bool isOwnThread(pid_t Tid) {
  if (Tid == 0 || Tid == rawGetpid())
    return true;
  return rawSyscall(SYS_tgkill, rawGetpid(), Tid, 0) == 0;
}

/// Copies the program's mask into a caller's buffer of \p Size bytes, as
/// the kernel would (bytes past cpu_set_t are zero); an errno value.
int copyProgramMask(size_t Size, cpu_set_t *Out) {
  if (Size < sizeof(unsigned long))
    return EINVAL;
  size_t N = Size < sizeof(cpu_set_t) ? Size : sizeof(cpu_set_t);
  internalMemcpy(Out, &ProgramMask, N);
  if (Size > N)
    internalMemset(reinterpret_cast<char *>(Out) + N, 0, Size - N);
  return 0;
}

/// The program sets its own affinity: let the kernel judge the mask (EINVAL
/// when it names no usable CPU) on the calling thread, put the pin back and
/// remember what was asked for. An errno value.
int recordProgramMask(size_t Size, const cpu_set_t *Mask) {
  if (rawSyscall(SYS_sched_setaffinity, 0, long(Size), reinterpret_cast<long>(Mask)) < 0)
    return errno;
  setMask(PinMask);
  CPU_ZERO(&ProgramMask);
  internalMemcpy(&ProgramMask, Mask, Size < sizeof(cpu_set_t) ? Size : sizeof(cpu_set_t));
  return 0;
}

} // namespace

namespace weft {
namespace cpu_pinning {

bool pinToCurrentCpu() {
  if (rawSyscall(SYS_sched_getaffinity, 0, sizeof(cpu_set_t),
                 reinterpret_cast<long>(&ProgramMask)) < 0)
    return false;
  // `weft test -j N` names a CPU per job, so that parallel runs do not
  // share one; otherwise the CPU the program starts on.
  int Cpu = -1;
  if (const char *Hint = getenv("WEFT_PIN_CPU")) {
    char *End;
    long C = strtol(Hint, &End, 10);
    if (*Hint && !*End && C >= 0 && C < CPU_SETSIZE && CPU_ISSET(C, &ProgramMask))
      Cpu = int(C);
  }
  if (Cpu < 0)
    Cpu = sched_getcpu();
  if (Cpu < 0 || Cpu >= CPU_SETSIZE || !CPU_ISSET(Cpu, &ProgramMask))
    return false;
  CPU_ZERO(&PinMask);
  CPU_SET(Cpu, &PinMask);
  if (setMask(PinMask) < 0)
    return false;
  Pinned = true;
  return true;
}

} // namespace cpu_pinning
} // namespace weft

// --- What the program sees of its affinity -----------------------------------

WEFT_DECLARE_REAL(int, sched_getaffinity, pid_t, size_t, cpu_set_t *)
WEFT_DECLARE_REAL(int, sched_setaffinity, pid_t, size_t, const cpu_set_t *)
WEFT_DECLARE_REAL(int, pthread_getaffinity_np, pthread_t, size_t, cpu_set_t *)
WEFT_DECLARE_REAL(int, pthread_setaffinity_np, pthread_t, size_t, const cpu_set_t *)

WEFT_INTERCEPTOR int sched_getaffinity(pid_t Tid, size_t Size, cpu_set_t *Mask) {
  WEFT_ENSURE_REAL(sched_getaffinity);
  if (!Pinned || !isOwnThread(Tid))
    return WEFT_REAL(sched_getaffinity)(Tid, Size, Mask);
  if (int Err = copyProgramMask(Size, Mask)) {
    errno = Err;
    return -1;
  }
  return 0;
}

WEFT_INTERCEPTOR int sched_setaffinity(pid_t Tid, size_t Size, const cpu_set_t *Mask) {
  WEFT_ENSURE_REAL(sched_setaffinity);
  if (!Pinned || !isOwnThread(Tid))
    return WEFT_REAL(sched_setaffinity)(Tid, Size, Mask);
  if (int Err = recordProgramMask(Size, Mask)) {
    errno = Err;
    return -1;
  }
  return 0;
}

// pthread handles always name threads of this process.
WEFT_INTERCEPTOR int pthread_getaffinity_np(pthread_t T, size_t Size, cpu_set_t *Mask) {
  WEFT_ENSURE_REAL(pthread_getaffinity_np);
  if (!Pinned)
    return WEFT_REAL(pthread_getaffinity_np)(T, Size, Mask);
  return copyProgramMask(Size, Mask);
}

WEFT_INTERCEPTOR int pthread_setaffinity_np(pthread_t T, size_t Size, const cpu_set_t *Mask) {
  WEFT_ENSURE_REAL(pthread_setaffinity_np);
  if (!Pinned)
    return WEFT_REAL(pthread_setaffinity_np)(T, Size, Mask);
  return recordProgramMask(Size, Mask);
}

// --- Starting other programs: with the program's mask ------------------------

WEFT_DECLARE_REAL(int, execve, const char *, char *const[], char *const[])
WEFT_DECLARE_REAL(int, execv, const char *, char *const[])
WEFT_DECLARE_REAL(int, execvp, const char *, char *const[])
WEFT_DECLARE_REAL(int, execvpe, const char *, char *const[], char *const[])
WEFT_DECLARE_REAL(int, fexecve, int, char *const[], char *const[])
WEFT_DECLARE_REAL(int, posix_spawn, pid_t *, const char *,
                  const posix_spawn_file_actions_t *, const posix_spawnattr_t *,
                  char *const[], char *const[])
WEFT_DECLARE_REAL(int, posix_spawnp, pid_t *, const char *,
                  const posix_spawn_file_actions_t *, const posix_spawnattr_t *,
                  char *const[], char *const[])
WEFT_DECLARE_REAL(int, system, const char *)
WEFT_DECLARE_REAL(FILE *, popen, const char *, const char *)

WEFT_INTERCEPTOR int execve(const char *Path, char *const Argv[], char *const Envp[]) {
  WEFT_ENSURE_REAL(execve);
  ProgramAffinityScope Scope;
  return WEFT_REAL(execve)(Path, Argv, Envp);
}
WEFT_DEFINE_OWN(execve)

WEFT_INTERCEPTOR int execv(const char *Path, char *const Argv[]) {
  WEFT_ENSURE_REAL(execv);
  ProgramAffinityScope Scope;
  return WEFT_REAL(execv)(Path, Argv);
}
WEFT_DEFINE_OWN(execv)

WEFT_INTERCEPTOR int execvp(const char *File, char *const Argv[]) {
  WEFT_ENSURE_REAL(execvp);
  ProgramAffinityScope Scope;
  return WEFT_REAL(execvp)(File, Argv);
}
WEFT_DEFINE_OWN(execvp)

WEFT_INTERCEPTOR int execvpe(const char *File, char *const Argv[], char *const Envp[]) {
  WEFT_ENSURE_REAL(execvpe);
  ProgramAffinityScope Scope;
  return WEFT_REAL(execvpe)(File, Argv, Envp);
}

WEFT_INTERCEPTOR int fexecve(int Fd, char *const Argv[], char *const Envp[]) {
  WEFT_ENSURE_REAL(fexecve);
  ProgramAffinityScope Scope;
  return WEFT_REAL(fexecve)(Fd, Argv, Envp);
}

namespace {

// The execl family is variadic: collect the arguments (and, for execle, the
// environment after the terminating null) and call the vector form.
constexpr size_t kMaxExeclArgs = 4096;

} // namespace

#define WEFT_COLLECT_EXECL_ARGS(First, Argv, Ap)                               \
  const char *Argv[kMaxExeclArgs + 1];                                         \
  size_t Argc = 0;                                                             \
  Argv[Argc++] = First;                                                        \
  while (Argv[Argc - 1]) {                                                     \
    if (Argc == kMaxExeclArgs) {                                               \
      va_end(Ap);                                                              \
      errno = E2BIG;                                                           \
      return -1;                                                               \
    }                                                                          \
    Argv[Argc++] = va_arg(Ap, const char *);                                   \
  }

WEFT_INTERCEPTOR int execl(const char *Path, const char *Arg0, ...) {
  va_list Ap;
  va_start(Ap, Arg0);
  WEFT_COLLECT_EXECL_ARGS(Arg0, Argv, Ap)
  va_end(Ap);
  return WEFT_OWN(execv)(Path, const_cast<char *const *>(Argv));
}

WEFT_INTERCEPTOR int execlp(const char *File, const char *Arg0, ...) {
  va_list Ap;
  va_start(Ap, Arg0);
  WEFT_COLLECT_EXECL_ARGS(Arg0, Argv, Ap)
  va_end(Ap);
  return WEFT_OWN(execvp)(File, const_cast<char *const *>(Argv));
}

WEFT_INTERCEPTOR int execle(const char *Path, const char *Arg0, ...) {
  va_list Ap;
  va_start(Ap, Arg0);
  WEFT_COLLECT_EXECL_ARGS(Arg0, Argv, Ap)
  char *const *Envp = va_arg(Ap, char *const *);
  va_end(Ap);
  return WEFT_OWN(execve)(Path, const_cast<char *const *>(Argv), Envp);
}

#undef WEFT_COLLECT_EXECL_ARGS

WEFT_INTERCEPTOR int posix_spawn(pid_t *Pid, const char *Path,
                                 const posix_spawn_file_actions_t *Actions,
                                 const posix_spawnattr_t *Attr, char *const Argv[],
                                 char *const Envp[]) {
  WEFT_ENSURE_REAL(posix_spawn);
  ProgramAffinityScope Scope;
  return WEFT_REAL(posix_spawn)(Pid, Path, Actions, Attr, Argv, Envp);
}

WEFT_INTERCEPTOR int posix_spawnp(pid_t *Pid, const char *File,
                                  const posix_spawn_file_actions_t *Actions,
                                  const posix_spawnattr_t *Attr, char *const Argv[],
                                  char *const Envp[]) {
  WEFT_ENSURE_REAL(posix_spawnp);
  ProgramAffinityScope Scope;
  return WEFT_REAL(posix_spawnp)(Pid, File, Actions, Attr, Argv, Envp);
}
WEFT_DEFINE_OWN(posix_spawnp)

WEFT_INTERCEPTOR int system(const char *Command) {
  WEFT_ENSURE_REAL(system);
  ProgramAffinityScope Scope;
  return WEFT_REAL(system)(Command);
}

WEFT_INTERCEPTOR FILE *popen(const char *Command, const char *Mode) {
  WEFT_ENSURE_REAL(popen);
  ProgramAffinityScope Scope;
  return WEFT_REAL(popen)(Command, Mode);
}
