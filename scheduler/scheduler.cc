//===- scheduler.cc - One program thread at a time, chosen by a strategy --===//

#include "scheduler.h"

#include "base/raw_syscall.h"

namespace weft {

static uint32_t *word(std::atomic<uint32_t> &A) {
  return reinterpret_cast<uint32_t *>(&A);
}

void Scheduler::start(Strategy *S, uint64_t Seed, uint64_t Limit,
                      GreenThread *Main, SchedulerObserver *Obs) {
  Strat = S;
  Observer = Obs;
  MaxSteps = Limit;
  Strat->beginExecution(Seed);
  addThread(Main);
  Cur = Main;
  Main->Baton.store(kBatonHeld, std::memory_order_relaxed);
  Main->Countdown = Strat->nextQuantum();
}

void Scheduler::addThread(GreenThread *T) {
  T->Id = static_cast<ThreadId>(All.size());
  T->Status = ThreadStatus::Runnable;
  All.push_back(T);
  ++Live;
  makeRunnable(T);
}

void Scheduler::abandonThread(GreenThread *T) {
  makeNotRunnable(T);
  T->Status = ThreadStatus::Finished;
  --Live;
}

void Scheduler::forget(GreenThread *T) {
  // Finished: not runnable, and any timer it left is stale (skipped below
  // as a null thread).
  All[index(T->Id)] = nullptr;
}

// Baton word protocol: kBatonHeld means "run"; a thread that gives up the
// baton stores kBatonWaiting and spins a little before announcing, with
// kBatonSleeping, that it sleeps in the kernel. The hand-over only issues the
// (expensive) futex wake when the receiver announced sleep. With two threads
// trading the baton back and forth, as most tests and benchmarks do, the
// receiver is usually still spinning and a switch costs no system call.
void Scheduler::waitForBaton(GreenThread *T) const {
  unsigned Spins = SpinWait ? kSpinsBeforeYield + kYieldsBeforeSleep : 0;
  for (unsigned Spin = 0; Spin < Spins; ++Spin) {
    if (T->Baton.load(std::memory_order_acquire) == kBatonHeld)
      return;
    if (Spin < kSpinsBeforeYield)
      __builtin_ia32_pause();
    else
      rawSchedYield(); // lets the baton holder run if it shares our core
  }
  uint32_t Expected = kBatonWaiting;
  if (!T->Baton.compare_exchange_strong(Expected, kBatonSleeping,
                                        std::memory_order_acquire))
    return; // handed over meanwhile: Expected is kBatonHeld
  while (T->Baton.load(std::memory_order_acquire) != kBatonHeld)
    futexWait(word(T->Baton), kBatonSleeping);
}

void Scheduler::waitForFirstTurn(GreenThread *T) { waitForBaton(T); }

// Runnable is sorted by id: the position where \p Id is or would go.
size_t Scheduler::runnableSlot(ThreadId Id) const {
  size_t Lo = 0, Hi = Runnable.size();
  while (Lo < Hi) {
    size_t Mid = (Lo + Hi) / 2;
    if (index(Runnable[Mid]) < index(Id))
      Lo = Mid + 1;
    else
      Hi = Mid;
  }
  return Lo;
}

void Scheduler::makeRunnable(GreenThread *T) {
  size_t At = runnableSlot(T->Id);
  if (At < Runnable.size() && Runnable[At] == T->Id)
    return;
  Runnable.insert(At, T->Id);
}

void Scheduler::makeNotRunnable(GreenThread *T) {
  size_t At = runnableSlot(T->Id);
  if (At < Runnable.size() && Runnable[At] == T->Id)
    Runnable.erase(At);
}

bool Scheduler::timerBefore(const Timer &A, const Timer &B) const {
  if (A.Deadline != B.Deadline)
    return A.Deadline < B.Deadline;
  return index(A.Id) < index(B.Id);
}

void Scheduler::pushTimer(const Timer &T) {
  Timers.push_back(T);
  size_t I = Timers.size() - 1;
  while (I > 0) {
    size_t P = (I - 1) / 2;
    if (!timerBefore(Timers[I], Timers[P]))
      break;
    Timer Tmp = Timers[I];
    Timers[I] = Timers[P];
    Timers[P] = Tmp;
    I = P;
  }
}

Scheduler::Timer Scheduler::popTimer() {
  Timer Top = Timers[0];
  Timers[0] = Timers.back();
  Timers.pop_back();
  size_t I = 0;
  for (;;) {
    size_t L = 2 * I + 1, R = L + 1, M = I;
    if (L < Timers.size() && timerBefore(Timers[L], Timers[M]))
      M = L;
    if (R < Timers.size() && timerBefore(Timers[R], Timers[M]))
      M = R;
    if (M == I)
      break;
    Timer Tmp = Timers[I];
    Timers[I] = Timers[M];
    Timers[M] = Tmp;
    I = M;
  }
  return Top;
}

// A timer is live only if its thread is still blocked in the same timed wait.
void Scheduler::fireDueTimers() {
  while (!Timers.empty() && Timers[0].Deadline <= NowNs) {
    Timer T = popTimer();
    GreenThread *G = All[index(T.Id)];
    if (!G || G->Status != ThreadStatus::Blocked || G->DeadlineGen != T.Gen)
      continue;
    G->TimedOut = true;
    G->Status = ThreadStatus::Runnable;
    G->Wait = WaitInfo();
    makeRunnable(G);
  }
}

// Threads that came back from a system call become runnable at the first
// scheduling point after their return; that point depends on wall-clock
// timing, which is why such runs are flagged (dependsOnSyscalls).
void Scheduler::drainPending() {
  GreenThread *L = PendingHead.exchange(nullptr, std::memory_order_acq_rel);
  while (L) {
    GreenThread *Next = L->PendingNext;
    L->PendingNext = nullptr;
    L->Status = ThreadStatus::Runnable;
    --InSyscallCount;
    makeRunnable(L);
    L = Next;
  }
}

GreenThread *Scheduler::pickNext(PointKind Kind, PointObject Object) {
  ++Steps;
  if (MaxSteps && Steps > MaxSteps)
    Observer->onStepLimit();
  NowNs += kStepNs;
  if (InSyscallCount)
    drainPending();
  fireDueTimers();
  while (Runnable.empty()) {
    // Nobody can run: let virtual time jump to the next deadline, if any.
    while (!Timers.empty()) {
      const Timer &T = Timers[0];
      GreenThread *G = All[index(T.Id)];
      if (G && G->Status == ThreadStatus::Blocked && G->DeadlineGen == T.Gen)
        break;
      popTimer();
    }
    // Threads waiting for descriptors may wait for another process or the
    // kernel. When nothing in the program can happen before the next
    // deadline and that deadline is a descriptor wait's (or there is none),
    // the wait is made for real, so the outside world gets the time the
    // program gave it; before a sleeper's deadline the observer only looks,
    // so sleeps stay virtual. The baton holder makes that wait only when no
    // thread is in a system call (one coming back needs the baton).
    if (Observer) {
      uint64_t MaxNs = kNoDeadline;
      if (!Timers.empty())
        MaxNs = All[index(Timers[0].Id)]->Wait.Kind == WaitKind::Descriptors
                    ? Timers[0].Deadline - NowNs
                    : 0;
      SchedulerObserver::OutsideWait W = Observer->waitOutside(MaxNs, InSyscallCount == 0);
      if (W == SchedulerObserver::OutsideWait::Woke) {
        fireDueTimers();
        continue;
      }
      if (W == SchedulerObserver::OutsideWait::TimedOut && MaxNs != 0 &&
          MaxNs != kNoDeadline) {
        NowNs += MaxNs; // the real wait took MaxNs: the timer is due
        fireDueTimers();
        continue;
      }
    }
    if (Timers.empty())
      return nullptr;
    NowNs = Timers[0].Deadline;
    fireDueTimers();
  }
  ThreadId Next = Strat->pickNext(Runnable.begin(), Runnable.size(), Cur->Id, Kind, Object);
  return All[index(Next)];
}

void Scheduler::handOff(GreenThread *Next) {
  ++HandOffs;
  Cur = Next;
  Next->Countdown = Strat->nextQuantum();
  if (Next->Baton.exchange(kBatonHeld, std::memory_order_acq_rel) == kBatonSleeping)
    futexWakeOne(word(Next->Baton));
}

void Scheduler::switchTo(GreenThread *Next) {
  GreenThread *Prev = Cur;
  if (Next == Prev) {
    Prev->Countdown = Strat->nextQuantum();
    return;
  }
  Prev->Baton.store(kBatonWaiting, std::memory_order_relaxed);
  handOff(Next);
  waitForBaton(Prev);
}

void Scheduler::point(PointKind Kind, PointObject Object) {
  GreenThread *Next = pickNext(Kind, Object);
  // The current thread is runnable, so pickNext always finds someone.
  switchTo(Next);
}

Scheduler::PassResult Scheduler::passBaton(PointKind Kind, PointObject Object) {
  for (;;) {
    if (GreenThread *Next = pickNext(Kind, Object)) {
      handOff(Next);
      return PassResult::HandedOff;
    }
    if (InSyscallCount == 0) {
      if (GreenThread *W = Observer->onAllBlocked()) {
        wake(W);
        continue;
      }
      return PassResult::Deadlock;
    }
    // Park the baton. A thread that pushed itself before Idle became 1 did
    // not see it, so look at the list again: if it is not empty, whoever
    // swaps Idle back to 0 first (it or us) schedules.
    Idle.store(1, std::memory_order_seq_cst);
    if (!PendingHead.load(std::memory_order_seq_cst))
      return PassResult::Idle;
    if (Idle.exchange(0, std::memory_order_seq_cst) == 0)
      return PassResult::Idle;
  }
}


void Scheduler::block(WaitInfo W) {
  GreenThread *Self = Cur;
  Self->Status = ThreadStatus::Blocked;
  Self->Wait = W;
  Self->TimedOut = false;
  makeNotRunnable(Self);
  Self->Baton.store(kBatonWaiting, std::memory_order_relaxed);
  if (passBaton(PointKind::Block, W.Kind == WaitKind::Join ? 0 : W.Object) == PassResult::Deadlock) {
    Self->Baton.store(kBatonHeld, std::memory_order_relaxed);
    Observer->onDeadlock();
  }
  waitForBaton(Self);
}

bool Scheduler::blockUntil(WaitInfo W, uint64_t DeadlineNs) {
  GreenThread *Self = Cur;
  // Timing out "early" means: the deadline comes before the other threads
  // got further. Virtual time jumps to it (a program that measures the wait
  // sees the full timeout), the timer fires at the next step, and the
  // strategy orders this thread among the others.
  if (EarlyWakeups && W.Kind != WaitKind::Sleep && DeadlineNs > NowNs &&
      choose(ChoiceKind::TimeoutEarly, 2) == 1)
    NowNs = DeadlineNs;
  Self->Deadline = DeadlineNs;
  ++Self->DeadlineGen;
  pushTimer({DeadlineNs, Self->Id, Self->DeadlineGen});
  block(W);
  return !Self->TimedOut;
}

void Scheduler::wake(GreenThread *T) {
  if (T->Status != ThreadStatus::Blocked)
    return;
  T->Status = ThreadStatus::Runnable;
  T->Wait = WaitInfo();
  ++T->DeadlineGen; // cancels a pending timeout
  makeRunnable(T);
}

void Scheduler::sleepUntil(uint64_t DeadlineNs) {
  if (DeadlineNs <= NowNs ||
      (EarlyWakeups && choose(ChoiceKind::SleepEarly, 2) == 1)) {
    // Early: the sleep ends before the others progressed as far as virtual
    // time would have let them; the clock still reaches the deadline.
    if (DeadlineNs > NowNs)
      NowNs = DeadlineNs;
    point(PointKind::Yield);
    return;
  }
  blockUntil(WaitInfo{WaitKind::Sleep, 0}, DeadlineNs);
}

void Scheduler::finishCurrent() {
  GreenThread *Self = Cur;
  Self->Status = ThreadStatus::Finished;
  makeNotRunnable(Self);
  --Live;
  if (Live == 0)
    return; // the last thread: the process is ending
  Self->Baton.store(kBatonWaiting, std::memory_order_relaxed);
  if (passBaton(PointKind::ThreadExit) == PassResult::Deadlock) {
    Self->Baton.store(kBatonHeld, std::memory_order_relaxed);
    Observer->onDeadlock();
  }
}

bool Scheduler::leaveForSyscall(SyscallInfo Info) {
  GreenThread *Self = Cur;
  Self->Status = ThreadStatus::InSyscall;
  makeNotRunnable(Self);
  ++InSyscallCount;
  Self->Baton.store(kBatonWaiting, std::memory_order_relaxed);
  // The interleaving depends on when the call returns if anyone else can
  // run meanwhile (a runnable thread, a sleeper whose timer virtual time can
  // reach, another thread in a system call). Decided and recorded now: once
  // the baton is handed on, this thread must not touch scheduler state.
  bool Dependent = InSyscallCount > 1 || !Runnable.empty() || !Timers.empty();
  if (Dependent && !FirstDependent.Name)
    FirstDependent = Info;
  // Cannot deadlock: Self itself is in a system call.
  passBaton(PointKind::Block);
  return Dependent;
}

void Scheduler::reenterAfterSyscall(GreenThread *Self) {
  GreenThread *Head = PendingHead.load(std::memory_order_relaxed);
  do
    Self->PendingNext = Head;
  while (!PendingHead.compare_exchange_weak(Head, Self, std::memory_order_seq_cst,
                                            std::memory_order_relaxed));
  if (Idle.load(std::memory_order_seq_cst) == 1 &&
      Idle.exchange(0, std::memory_order_seq_cst) == 1) {
    // We took the parked baton: schedule. Self is on the list, so someone
    // is runnable after the drain.
    Cur = Self;
    passBaton(PointKind::Sync);
  }
  waitForBaton(Self);
}

void Scheduler::resetAfterFork(GreenThread *Survivor) {
  for (GreenThread *T : All)
    if (T && T != Survivor)
      T->Status = ThreadStatus::Finished;
  Runnable.clear();
  Timers.clear();
  PendingHead.store(nullptr, std::memory_order_relaxed);
  Idle.store(0, std::memory_order_relaxed);
  InSyscallCount = 0;
  FirstDependent = SyscallInfo();
  Live = 1;
  Cur = Survivor;
  Survivor->Status = ThreadStatus::Runnable;
  Survivor->PendingNext = nullptr;
  makeRunnable(Survivor);
  Survivor->Baton.store(kBatonHeld, std::memory_order_relaxed);
}

uint32_t Scheduler::choose(ChoiceKind Kind, uint32_t N) {
  return N <= 1 ? 0 : Strat->choose(Kind, N);
}

} // namespace weft
