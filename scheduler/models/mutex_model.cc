//===- mutex_model.cc - Scheduler-side model of mutexes and rwlocks -------===//

#include "models/mutex_model.h"

namespace weft {

bool WaitQueue::wait(Scheduler &S, WaitInfo W, uint64_t Deadline) {
  GreenThread *Self = S.current();
  Waiters.push_back(Self);
  bool Woken = true;
  if (Deadline == kNoDeadline)
    S.block(W);
  else
    Woken = S.blockUntil(W, Deadline);
  remove(Self);
  return Woken;
}

void WaitQueue::remove(GreenThread *T) {
  for (size_t I = 0; I < Waiters.size(); ++I)
    if (Waiters[I] == T) {
      Waiters.erase(I);
      return;
    }
}

void WaitQueue::wakeAll(Scheduler &S) {
  for (GreenThread *T : Waiters)
    S.wake(T);
}

bool WaitQueue::wakeOne(Scheduler &S) {
  // Only threads still blocked count: one that timed out already left.
  uint32_t N = 0;
  for (GreenThread *T : Waiters)
    N += T->Status == ThreadStatus::Blocked;
  if (N == 0)
    return false;
  uint32_t Pick = S.choose(ChoiceKind::WakeWaiter, N);
  for (GreenThread *T : Waiters)
    if (T->Status == ThreadStatus::Blocked && Pick-- == 0) {
      S.wake(T);
      break;
    }
  return true;
}

LockResult MutexModel::lock(Scheduler &S, uintptr_t Addr, bool TryOnly,
                            uint64_t Deadline, WaitKind Wait) {
  ThreadId Self = S.current()->Id;
  for (;;) {
    if (State == Consistency::NotRecoverable)
      return LockResult::NotRecoverable;
    if (Owner == ThreadId::Invalid) {
      Owner = Self;
      Recursion = 1;
      if (State == Consistency::OwnerDead) {
        State = Consistency::Inconsistent;
        return LockResult::OwnerDead;
      }
      return LockResult::Acquired;
    }
    if (Owner == Self) {
      if (Kind == MutexKind::Recursive) {
        ++Recursion;
        return LockResult::Acquired;
      }
      // POSIX: trylock of a held mutex is EBUSY even for its owner.
      if (Kind == MutexKind::ErrorCheck)
        return TryOnly ? LockResult::Busy : LockResult::SelfDeadlock;
    }
    if (TryOnly)
      return LockResult::Busy;
    if (!Waiters.wait(S, WaitInfo{Wait, Addr}, Deadline))
      return LockResult::TimedOut;
  }
}

UnlockResult MutexModel::unlock(Scheduler &S) {
  if (Owner == ThreadId::Invalid)
    return UnlockResult::NotLocked;
  if (Owner != S.current()->Id)
    return UnlockResult::NotOwner;
  // Unlocking a robust mutex that was never made consistent again ends its
  // life, whatever the recursion depth.
  if (State == Consistency::Inconsistent) {
    State = Consistency::NotRecoverable;
    Recursion = 0;
  } else if (--Recursion > 0) {
    return UnlockResult::StillHeld;
  }
  Owner = ThreadId::Invalid;
  Recursion = 0;
  Waiters.wakeAll(S);
  return UnlockResult::Released;
}

void MutexModel::ownerDied(Scheduler &S) {
  Owner = ThreadId::Invalid;
  Recursion = 0;
  if (State != Consistency::NotRecoverable)
    State = Consistency::OwnerDead;
  Waiters.wakeAll(S);
}

bool MutexModel::makeConsistent(Scheduler &S) {
  if (State != Consistency::Inconsistent || Owner != S.current()->Id)
    return false;
  State = Consistency::Consistent;
  return true;
}

uint32_t MutexModel::unlockForWait(Scheduler &S) {
  uint32_t Depth = Recursion;
  Owner = ThreadId::Invalid;
  Recursion = 0;
  Waiters.wakeAll(S);
  return Depth;
}

LockResult RwLockModel::lockShared(Scheduler &S, uintptr_t Addr, bool TryOnly,
                                   uint64_t Deadline) {
  for (;;) {
    if (Writer == ThreadId::Invalid) {
      ReaderIds.push_back(S.current()->Id);
      return LockResult::Acquired;
    }
    if (Writer == S.current()->Id)
      return TryOnly ? LockResult::Busy : LockResult::SelfDeadlock;
    if (TryOnly)
      return LockResult::Busy;
    if (!Waiters.wait(S, WaitInfo{WaitKind::RwLockRead, Addr}, Deadline))
      return LockResult::TimedOut;
  }
}

LockResult RwLockModel::lockExclusive(Scheduler &S, uintptr_t Addr,
                                      bool TryOnly, uint64_t Deadline) {
  for (;;) {
    if (Writer == ThreadId::Invalid && ReaderIds.empty()) {
      Writer = S.current()->Id;
      return LockResult::Acquired;
    }
    if (Writer == S.current()->Id)
      return TryOnly ? LockResult::Busy : LockResult::SelfDeadlock;
    if (TryOnly)
      return LockResult::Busy;
    if (!Waiters.wait(S, WaitInfo{WaitKind::RwLockWrite, Addr}, Deadline))
      return LockResult::TimedOut;
  }
}

UnlockResult RwLockModel::unlock(Scheduler &S) {
  if (Writer != ThreadId::Invalid) {
    if (Writer != S.current()->Id)
      return UnlockResult::NotOwner;
    Writer = ThreadId::Invalid;
  } else if (!ReaderIds.empty()) {
    // A reader releases one of its own read holds, never another thread's.
    size_t I = 0;
    while (I < ReaderIds.size() && ReaderIds[I] != S.current()->Id)
      ++I;
    if (I == ReaderIds.size())
      return UnlockResult::NotOwner;
    ReaderIds.erase(I);
  } else {
    return UnlockResult::NotLocked;
  }
  Waiters.wakeAll(S);
  return UnlockResult::Released;
}

} // namespace weft
