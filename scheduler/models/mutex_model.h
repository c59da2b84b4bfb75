//===- mutex_model.h - Scheduler-side model of mutexes and rwlocks --------===//
//
// A program mutex never blocks in the kernel: a thread that cannot take it
// blocks in the scheduler, so the baton passes to someone who can run. These
// models keep only ownership and waiters; happens-before is the runtime's.
//
// Mutex state machine (Owner, Recursion):
//
//   state          event                       result / next state
//   -------------  --------------------------  -----------------------------
//   free           lock by T                   owned by T, Recursion 1
//   owned by T     lock by U != T              U blocks until unlocked; retry
//   owned by T     lock by T, Recursive        Recursion + 1
//   owned by T     lock by T, ErrorCheck       SelfDeadlock (EDEADLK)
//   owned by T     lock by T, Normal           T blocks forever (a deadlock)
//   owned by T     trylock by anyone else      Busy
//   owned by T     trylock by T, not Recursive Busy (EBUSY, never EDEADLK)
//   owned by T     unlock by T                 Recursion - 1; free at 0,
//                                              every waiter woken to retry
//   owned by T     unlock by U != T            NotOwner
//   free           unlock                      NotLocked
//
// Robust mutexes add a consistency state (Robust only; others stay
// Consistent):
//
//   state                 event                     result / next state
//   --------------------  ------------------------  --------------------------
//   owned by T            T exits (ownerDied)       free, OwnerDead; waiters
//                                                   woken to retry
//   free, OwnerDead       lock/trylock by U         owned by U, Inconsistent;
//                                                   OwnerDead (EOWNERDEAD)
//   owned, Inconsistent   makeConsistent by owner   Consistent
//   owned, Inconsistent   unlock by owner           free, NotRecoverable;
//                                                   waiters woken to fail
//   NotRecoverable        lock/trylock              NotRecoverable
//                                                   (ENOTRECOVERABLE)
//
// Rwlock: free -> (readers >= 1 | one writer); a writer waits for zero
// readers and no writer, a reader for no writer. Waking every waiter on
// release and letting the strategy choose who retries first explores both
// reader- and writer-preferring orders.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_MUTEX_MODEL_H
#define WEFT_SCHEDULER_MUTEX_MODEL_H

#include "scheduler.h"

namespace weft {

enum class MutexKind : uint8_t { Normal, Recursive, ErrorCheck };
enum class LockResult : uint8_t {
  Acquired,
  Busy,
  SelfDeadlock,
  TimedOut,
  OwnerDead,      // acquired, but the previous owner died holding it
  NotRecoverable, // a robust mutex left inconsistent: unusable
  Interrupted,    // semaphores only: Scheduler::interruptWait ended the wait
};
enum class UnlockResult : uint8_t { Released, StillHeld, NotOwner, NotLocked };

/// Deadline value meaning "wait as long as it takes".

class WaitQueue {
public:
  /// Blocks the current thread on this queue until woken (or the deadline).
  /// Returns false on timeout.
  bool wait(Scheduler &S, WaitInfo W, uint64_t Deadline);
  /// Wakes every waiter still blocked here.
  void wakeAll(Scheduler &S);
  /// Wakes one waiter chosen by the strategy; false if there was none.
  bool wakeOne(Scheduler &S);
  bool empty() const { return Waiters.empty(); }

private:
  void remove(GreenThread *T);
  InternalVector<GreenThread *> Waiters; // in arrival order
};

class MutexModel {
public:
  explicit MutexModel(MutexKind K = MutexKind::Normal) : Kind(K) {}

  LockResult lock(Scheduler &S, uintptr_t Addr, bool TryOnly,
                  uint64_t Deadline = kNoDeadline,
                  WaitKind Wait = WaitKind::Mutex);
  UnlockResult unlock(Scheduler &S);

  /// Robust mutexes: the owner (the current thread) is exiting while holding
  /// it; the mutex becomes free and the next locker sees OwnerDead.
  void ownerDied(Scheduler &S);
  /// pthread_mutex_consistent: false unless the current thread owns it in
  /// the Inconsistent state.
  bool makeConsistent(Scheduler &S);
  void setRobust(bool R) { Robust = R; }
  bool robust() const { return Robust; }
  /// Releases every recursion level at once (condition-variable wait);
  /// returns the depth to restore with relockAfterWait.
  uint32_t unlockForWait(Scheduler &S);
  void setRecursion(uint32_t Depth) { Recursion = Depth; }

  bool isLocked() const { return Owner != ThreadId::Invalid; }
  ThreadId owner() const { return Owner; }
  MutexKind kind() const { return Kind; }
  void setKind(MutexKind K) { Kind = K; }

private:
  enum class Consistency : uint8_t { Consistent, OwnerDead, Inconsistent, NotRecoverable };

  MutexKind Kind;
  bool Robust = false;
  Consistency State = Consistency::Consistent;
  ThreadId Owner = ThreadId::Invalid;
  uint32_t Recursion = 0; // invariant: 0 iff Owner == Invalid
  WaitQueue Waiters;
};

class RwLockModel {
public:
  LockResult lockShared(Scheduler &S, uintptr_t Addr, bool TryOnly,
                        uint64_t Deadline = kNoDeadline);
  LockResult lockExclusive(Scheduler &S, uintptr_t Addr, bool TryOnly,
                           uint64_t Deadline = kNoDeadline);
  /// Releases whichever side the current thread holds.
  UnlockResult unlock(Scheduler &S);
  bool heldExclusively() const { return Writer != ThreadId::Invalid; }
  uint32_t readers() const { return static_cast<uint32_t>(ReaderIds.size()); }

private:
  ThreadId Writer = ThreadId::Invalid;
  InternalVector<ThreadId> ReaderIds; // one entry per read hold, in order
  WaitQueue Waiters;
};

} // namespace weft

#endif
