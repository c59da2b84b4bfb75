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
// passes on to the processes it starts its own affinity, per thread, as the
// kernel keeps it. Setting a thread's mask applies it to that thread for
// real, so the kernel judges it (EINVAL when it names no usable CPU) and
// narrows it to the CPUs the process may use; the mask the kernel applied
// is read back and remembered for that thread, and the pin put back.
// Getting it returns what was remembered: the mask the thread set, the one
// it inherited from its creator at creation (or from its creation
// attributes, pthread_attr_setaffinity_np), or the program's mask at start.
// exec and process spawning run with the calling thread's mask, so children
// are not pinned.
//
// Touches no scheduler state: it only sets masks, before the first thread
// exists, around a call that starts a new program, or for a thread that
// holds the baton (its own masks table is runtime state like any other).
//
//===----------------------------------------------------------------------===//

#include "interceptors/cpu_pinning.h"

#include "core/addr_map.h"
#include "base/internal_libc.h"
#include "base/raw_syscall.h"
#include "interceptors/interceptor.h"
#include "core/no_destroy.h"
#include "core/rtl.h"

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

WEFT_DECLARE_REAL(int, sched_getaffinity, pid_t, size_t, cpu_set_t *)
WEFT_DECLARE_REAL(int, sched_setaffinity, pid_t, size_t, const cpu_set_t *)
WEFT_DECLARE_REAL(int, pthread_getaffinity_np, pthread_t, size_t, cpu_set_t *)
WEFT_DECLARE_REAL(int, pthread_setaffinity_np, pthread_t, size_t, const cpu_set_t *)

namespace {

/// CPU_EQUAL without libc's memcmp, which weft intercepts (the runtime
/// never calls its own interceptors: runtime/no_libc_string_calls.test).
bool sameMask(const cpu_set_t &A, const cpu_set_t &B) {
  for (int C = 0; C < CPU_SETSIZE; ++C)
    if (CPU_ISSET(C, &A) != CPU_ISSET(C, &B))
      return false;
  return true;
}

bool Pinned;
/// The program's affinity when weft started: every thread's until it, or
/// the thread that created it, sets one.
cpu_set_t StartMask;
/// The mask last set by a thread weft does not schedule (which may not
/// touch the per-thread table).
cpu_set_t UnscheduledMask;
cpu_set_t PinMask;

/// What the program believes one scheduled thread's affinity is.
struct ThreadAffinity {
  pid_t Tid = 0;         // its kernel thread id, once it has started
  bool Own = false;      // Mask is its own (else StartMask applies)
  bool FromAttr = false; // created with pthread_attr_setaffinity_np
  cpu_set_t Mask;
};
/// By ThreadState address, for live threads (threadCreated to
/// threadFinished); only the baton holder reads or writes it.
NoDestroy<AddrMap<ThreadAffinity>> Threads;

long setMask(const cpu_set_t &M) {
  return rawSyscall(SYS_sched_setaffinity, 0, sizeof(cpu_set_t),
                    reinterpret_cast<long>(&M));
}

const cpu_set_t &maskOf(ThreadState *T) {
  if (!T)
    return UnscheduledMask;
  ThreadAffinity *E = Threads->find(reinterpret_cast<uintptr_t>(T));
  return E && E->Own ? E->Mask : StartMask;
}

void remember(ThreadState *T, const cpu_set_t &Applied) {
  if (!T) {
    UnscheduledMask = Applied;
    return;
  }
  ThreadAffinity &E = Threads->getOrInsert(reinterpret_cast<uintptr_t>(T));
  E.Own = true;
  E.Mask = Applied;
}

/// The scheduled thread whose kernel id is \p Tid (0: the caller), or null
/// if it is none (a thread weft does not schedule).
ThreadState *threadOfTid(pid_t Tid) {
  // Its own OS thread's id, not the one that carries it (thread_switch=user).
  if (Tid == 0 || Tid == ownOsThreadId())
    return CurThread;
  if (!CurThread)
    return nullptr;
  if (Tid == rawGetpid())
    return threadById(ThreadId::Main);
  // The table holds live threads only (threadFinished), whose kernel ids
  // are unique: the answer does not depend on the table's order.
  ThreadState *Found = nullptr;
  Threads->forEachUnordered([&](uintptr_t Key, ThreadAffinity &E) {
    if (E.Tid == Tid)
      Found = reinterpret_cast<ThreadState *>(Key);
  });
  return Found;
}

/// The calling thread runs with its program mask while it starts a new
/// program; the pin comes back if the call returns.
class ProgramAffinityScope {
public:
  ProgramAffinityScope() : Active(Pinned) {
    if (Active)
      setMask(maskOf(CurThread));
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

/// Copies \p M into a caller's buffer of \p Size bytes, as the kernel
/// would (bytes past cpu_set_t are zero); an errno value.
int copyMask(const cpu_set_t &M, size_t Size, cpu_set_t *Out) {
  if (Size < sizeof(unsigned long))
    return EINVAL;
  size_t N = Size < sizeof(cpu_set_t) ? Size : sizeof(cpu_set_t);
  internalMemcpy(Out, &M, N);
  if (Size > N)
    internalMemset(reinterpret_cast<char *>(Out) + N, 0, Size - N);
  return 0;
}

/// Sets the affinity of kernel thread \p Tid (0: the caller) for real, so
/// that the kernel judges and narrows it; returns in \p Applied what it
/// applied and puts the pin back. An errno value.
int applyForReal(pid_t Tid, size_t Size, const cpu_set_t *Mask, cpu_set_t *Applied) {
  if (rawSyscall(SYS_sched_setaffinity, Tid, long(Size), reinterpret_cast<long>(Mask)) < 0)
    return errno;
  CPU_ZERO(Applied);
  rawSyscall(SYS_sched_getaffinity, Tid, sizeof(cpu_set_t), reinterpret_cast<long>(Applied));
  rawSyscall(SYS_sched_setaffinity, Tid, sizeof(cpu_set_t), reinterpret_cast<long>(&PinMask));
  return 0;
}

/// The same for a thread named by its handle.
int applyForReal(pthread_t T, size_t Size, const cpu_set_t *Mask, cpu_set_t *Applied) {
  WEFT_ENSURE_REAL(pthread_setaffinity_np);
  WEFT_ENSURE_REAL(pthread_getaffinity_np);
  if (int Err = WEFT_REAL(pthread_setaffinity_np)(T, Size, Mask))
    return Err;
  CPU_ZERO(Applied);
  WEFT_REAL(pthread_getaffinity_np)(T, sizeof(cpu_set_t), Applied);
  WEFT_REAL(pthread_setaffinity_np)(T, sizeof(cpu_set_t), &PinMask);
  return 0;
}

} // namespace

namespace weft {
namespace cpu_pinning {

bool pinToCurrentCpu() {
  if (rawSyscall(SYS_sched_getaffinity, 0, sizeof(cpu_set_t),
                 reinterpret_cast<long>(&StartMask)) < 0)
    return false;
  UnscheduledMask = StartMask;
  // `weft test -j N` names a CPU per job, so that parallel runs do not
  // share one; otherwise the CPU the program starts on.
  int Cpu = -1;
  if (const char *Hint = getenv("WEFT_PIN_CPU")) {
    char *End;
    long C = strtol(Hint, &End, 10);
    if (*Hint && !*End && C >= 0 && C < CPU_SETSIZE && CPU_ISSET(C, &StartMask))
      Cpu = int(C);
  }
  if (Cpu < 0)
    Cpu = sched_getcpu();
  if (Cpu < 0 || Cpu >= CPU_SETSIZE || !CPU_ISSET(Cpu, &StartMask))
    return false;
  CPU_ZERO(&PinMask);
  CPU_SET(Cpu, &PinMask);
  if (setMask(PinMask) < 0)
    return false;
  Pinned = true;
  return true;
}

void threadCreated(ThreadState *Parent, ThreadState *Child, const pthread_attr_t *Attr) {
  if (!Pinned)
    return;
  ThreadAffinity *P = Threads->find(reinterpret_cast<uintptr_t>(Parent));
  ThreadAffinity &C = Threads->getOrInsert(reinterpret_cast<uintptr_t>(Child));
  C.Tid = 0;
  C.Own = P && P->Own;
  if (C.Own)
    C.Mask = P->Mask;
  // glibc applies an attribute's mask to the new thread itself, which
  // replaces the pin; it reports all CPUs when none was set.
  C.FromAttr = false;
  cpu_set_t FromAttr;
  if (Attr && pthread_attr_getaffinity_np(Attr, sizeof(FromAttr), &FromAttr) == 0) {
    cpu_set_t All;
    internalMemset(&All, 0xff, sizeof(All));
    C.FromAttr = !sameMask(FromAttr, All);
  }
}

void threadStarted(ThreadState *T) {
  if (!Pinned)
    return;
  ThreadAffinity &E = Threads->getOrInsert(reinterpret_cast<uintptr_t>(T));
  E.Tid = rawGettid();
  if (E.FromAttr) {
    // What the kernel applied of the attribute's mask; then the pin.
    CPU_ZERO(&E.Mask);
    rawSyscall(SYS_sched_getaffinity, 0, sizeof(cpu_set_t), reinterpret_cast<long>(&E.Mask));
    E.Own = true;
    E.FromAttr = false;
    setMask(PinMask);
  }
}

void threadFinished(ThreadState *T) {
  if (Pinned)
    Threads->erase(reinterpret_cast<uintptr_t>(T));
}

} // namespace cpu_pinning
} // namespace weft

// --- What the program sees of its affinity -----------------------------------

WEFT_INTERCEPTOR int sched_getaffinity(pid_t Tid, size_t Size, cpu_set_t *Mask) {
  WEFT_ENSURE_REAL(sched_getaffinity);
  if (!Pinned || !isOwnThread(Tid))
    return WEFT_REAL(sched_getaffinity)(Tid, Size, Mask);
  if (int Err = copyMask(maskOf(threadOfTid(Tid)), Size, Mask)) {
    errno = Err;
    return -1;
  }
  return 0;
}

WEFT_INTERCEPTOR int sched_setaffinity(pid_t Tid, size_t Size, const cpu_set_t *Mask) {
  WEFT_ENSURE_REAL(sched_setaffinity);
  if (!Pinned || !isOwnThread(Tid))
    return WEFT_REAL(sched_setaffinity)(Tid, Size, Mask);
  if (Tid == 0)
    Tid = ownOsThreadId(); // not the OS thread that carries it
  cpu_set_t Applied;
  if (int Err = applyForReal(Tid, Size, Mask, &Applied)) {
    errno = Err;
    return -1;
  }
  remember(threadOfTid(Tid), Applied);
  return 0;
}

namespace {
/// The thread whose mask a pthread_{get,set}affinity_np on handle \p T
/// reads or sets: null when the caller is not a thread weft runs; false
/// when weft does not know the handle (the real call answers). An exited
/// thread not yet joined has thread id 0 in glibc, which the kernel reads as
/// the caller: glibc then gets (or sets) the caller's mask, and so does weft
/// (\p T becomes the caller's handle).
bool handleTarget(pthread_t &T, ThreadState **Target) {
  *Target = nullptr;
  if (!CurThread)
    return true;
  ThreadState **Found = Rt.ByHandle.find(uintptr_t(T));
  if (!Found)
    return false;
  *Target = (*Found)->Finished ? CurThread : *Found;
  if ((*Found)->Finished)
    T = pthread_self();
  return true;
}
} // namespace

// pthread handles always name threads of this process.
WEFT_INTERCEPTOR int pthread_getaffinity_np(pthread_t T, size_t Size, cpu_set_t *Mask) {
  WEFT_ENSURE_REAL(pthread_getaffinity_np);
  if (!Pinned)
    return WEFT_REAL(pthread_getaffinity_np)(T, Size, Mask);
  ThreadState *Target;
  if (!handleTarget(T, &Target))
    return WEFT_REAL(pthread_getaffinity_np)(T, Size, Mask);
  return copyMask(maskOf(Target), Size, Mask);
}

WEFT_INTERCEPTOR int pthread_setaffinity_np(pthread_t T, size_t Size, const cpu_set_t *Mask) {
  WEFT_ENSURE_REAL(pthread_setaffinity_np);
  if (!Pinned)
    return WEFT_REAL(pthread_setaffinity_np)(T, Size, Mask);
  ThreadState *Target;
  if (!handleTarget(T, &Target))
    return WEFT_REAL(pthread_setaffinity_np)(T, Size, Mask);
  cpu_set_t Applied;
  if (int Err = applyForReal(T, Size, Mask, &Applied))
    return Err;
  remember(Target, Applied);
  return 0;
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
