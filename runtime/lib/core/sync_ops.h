//===- sync_ops.h - Modelled mutex, condvar and once operations -----------===//
//
// The operations behind every lock-like interceptor family (pthread mutexes
// and spinlocks, C11 mtx_t/cnd_t/call_once), written once: each takes the
// scheduled calling thread, applies the scheduler's model, adds the
// happens-before edges and returns a POSIX error number. Interceptors only
// translate arguments and results. None of these may be called for a thread
// weft does not schedule (CurThread null).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_SYNC_OPS_H
#define WEFT_RUNTIME_SYNC_OPS_H

#include "core/rtl.h"

#include <ctime>

namespace weft {

/// The program's own access to a synchronization object's memory, as TSan
/// models it: init and destroy write it, every other operation (lock,
/// unlock, wait, signal) reads it atomically. Operations never race each
/// other, but each races an init, a destroy or a free of the memory that is
/// not ordered with it (a lock racing the mutex's destruction, a signal
/// racing the delete of the condition variable). One byte, the object's
/// first, at \p Pc (the program's call).
void syncObjectAccess(ThreadState *Thr, uintptr_t Addr, bool IsInitOrDestroy, uintptr_t Pc);

/// The sync object of a glibc mutex (also mtx_t), its kind read from glibc's
/// own record the first time (static initializers never call init).
SyncVar *mutexVar(pthread_mutex_t *M);
/// Drops the sync object at \p Addr (a re-initialized object starts fresh).
void forgetSync(uintptr_t Addr);

/// Lock: 0, EBUSY, EDEADLK, ETIMEDOUT, EOWNERDEAD or ENOTRECOVERABLE.
/// \p Wait says what a blocked thread waits for in deadlock reports.
int mutexLock(ThreadState *Thr, SyncVar *S, uintptr_t Addr, bool TryOnly,
              uint64_t Deadline, uintptr_t Pc, WaitKind Wait = WaitKind::Mutex);
/// A timed lock of \p M until \p Abs on \p Clock (pthread_mutex_timedlock,
/// clocklock, C11 mtx_timedlock). As glibc's, a malformed timeout is EINVAL
/// only if the lock would wait (waitDeadline).
int mutexTimedLock(ThreadState *Thr, pthread_mutex_t *M, clockid_t Clock,
                   const struct timespec *Abs, uintptr_t Pc);
/// Unlock: 0 or EPERM (misuse of a normal mutex is reported).
int mutexUnlock(ThreadState *Thr, SyncVar *S, uintptr_t Addr, uintptr_t Pc);
/// Destroy: 0, or EBUSY (reported) if it is locked.
int mutexDestroy(uintptr_t Addr, uintptr_t Pc);

/// Condition-variable wait with \p M held: 0, ETIMEDOUT or EPERM.
int condWait(ThreadState *Thr, uintptr_t Cond, pthread_mutex_t *M,
             uint64_t Deadline, uintptr_t Pc);
void condWake(ThreadState *Thr, uintptr_t Cond, bool All, uintptr_t Pc);

/// pthread_once / call_once on an int-sized once word weft owns while the
/// program is scheduled: 0 not run, 1 running, 2 done.
void onceRun(ThreadState *Thr, volatile int *State, void (*Init)(), uintptr_t Pc);

// Virtual time (time_interceptors.cc).
/// Virtual deadline for an absolute time on \p Clock (kNoDeadline if null).
uint64_t virtualDeadline(clockid_t Clock, const struct timespec *Abs);
/// Whether a timed wait accepts \p Clock (glibc's: else EINVAL).
inline bool validWaitClock(clockid_t Clock) {
  return Clock == CLOCK_REALTIME || Clock == CLOCK_MONOTONIC;
}
/// A timed wait's virtual deadline for the absolute timeout \p Abs on
/// \p Clock, into \p Deadline. False, and the wait returns EINVAL (as
/// glibc's timed waits do), if \p Abs is null or malformed (tv_nsec
/// outside [0, 1e9)) or \p Clock is neither CLOCK_REALTIME nor
/// CLOCK_MONOTONIC.
bool waitDeadline(clockid_t Clock, const struct timespec *Abs, uint64_t *Deadline);
/// Virtual deadline \p Rel from now (kNoDeadline if null).
uint64_t virtualDeadlineAfter(const struct timespec *Rel);
/// Blocks the current thread in virtual time for \p Ns. Returns the time
/// left, 0 unless a signal's handler interrupted the sleep (it has run:
/// the caller returns EINTR and, where the call reports it, the rest).
uint64_t virtualSleep(ThreadState *Thr, uint64_t Ns, uintptr_t Pc);

} // namespace weft

#endif
