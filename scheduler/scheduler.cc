//===- scheduler.cc - One program thread at a time, chosen by a strategy --===//

#include "scheduler.h"

#include "base/internal_alloc.h"
#include "base/raw_syscall.h"

#include <cerrno>
#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>

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
  Budget = Strat->goOnBudget();
  Charged = Strat->chargedBudget();
  addThread(Main);
  Cur = Main;
  Main->Baton.store(kBatonHeld, std::memory_order_relaxed);
  armQuantum(Main);
  if (UserSwitch) {
    user_switch::recordFloatMask();
    CurCarrier = &contextOf(Main).Home;
    Main->Loc = Where::Running;
    initHome(Main);
  }
}

void Scheduler::addThread(GreenThread *T) {
  T->Id = static_cast<ThreadId>(All.size());
  T->Status = ThreadStatus::Runnable;
  All.push_back(T);
  if (UserSwitch)
    Contexts.push_back(internalNew<GreenContext>());
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
  if (UserSwitch) {
    internalDelete(Contexts[index(T->Id)]);
    Contexts[index(T->Id)] = nullptr;
  }
}

// Baton word protocol: kBatonHeld means "run"; a thread that gives up the
// baton stores kBatonWaiting and spins a little before announcing, with
// kBatonSleeping, that it sleeps in the kernel. The hand-over only issues the
// (expensive) futex wake when the receiver announced sleep. With two threads
// trading the baton back and forth, as most tests and benchmarks do, the
// receiver is usually still spinning and a switch costs no system call.
void Scheduler::waitForBaton(GreenThread *T) {
  awaitBaton(T);
  settleExit();
  // A thread handed the baton on its own OS thread (the futex hand-off)
  // makes that OS thread the carrier; one loaded by a carrier is Running
  // already, and transfer noted the carrier.
  if (UserSwitch && T->Loc == Where::Home) {
    T->Loc = Where::Running;
    CurCarrier = &contextOf(T).Home;
  }
}

void Scheduler::awaitBaton(GreenThread *T) const {
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
  if (Charged)
    Charged->Units = pointUnits();
  ThreadId Next = Strat->pickNext(Runnable.begin(), Runnable.size(), Cur->Id, Kind, Object);
  return All[index(Next)];
}

void Scheduler::handOff(GreenThread *Next, Fate F) {
  ++HandOffs;
  GreenThread *Prev = Cur;
  Cur = Next;
  armQuantum(Next);
  if (UserSwitch && Next != Prev) {
    transfer(Prev, Next, F);
    return;
  }
  if (Next->Baton.exchange(kBatonHeld, std::memory_order_acq_rel) == kBatonSleeping)
    futexWakeOne(word(Next->Baton));
}

void Scheduler::switchTo(GreenThread *Next) {
  GreenThread *Prev = Cur;
  if (Next == Prev) {
    armQuantum(Prev);
    return;
  }
  Prev->Baton.store(kBatonWaiting, std::memory_order_relaxed);
  handOff(Next);
  waitForBaton(Prev);
}

void Scheduler::fullPoint(PointKind Kind, PointObject Object) {
  GreenThread *Next = pickNext(Kind, Object);
  // The current thread is runnable, so pickNext always finds someone.
  switchTo(Next);
}

Scheduler::PassResult Scheduler::passBaton(PointKind Kind, PointObject Object, Fate F) {
  for (;;) {
    if (GreenThread *Next = pickNext(Kind, Object)) {
      handOff(Next, F);
      return PassResult::HandedOff;
    }
    if (InSyscallCount == 0) {
      if (GreenThread *W = Observer->onAllBlocked()) {
        wake(W);
        continue;
      }
      return PassResult::Deadlock;
    }
    if (UserSwitch) {
      if (!staysHome(Cur, F)) {
        // Parked from the scheduler stack, once the context is saved.
        if (transfer(Cur, nullptr, F))
          return PassResult::Idle;
        continue;
      }
      Cur->Loc = Where::Home;
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
  Self->Interrupted = Interrupt::None;
  makeNotRunnable(Self);
  Self->Baton.store(kBatonWaiting, std::memory_order_relaxed);
  if (passBaton(PointKind::Block, W.Kind == WaitKind::Join ? 0 : W.Object) == PassResult::Deadlock) {
    Self->Baton.store(kBatonHeld, std::memory_order_relaxed);
    Observer->onDeadlock();
  }
  waitForBaton(Self);
  // What interrupted the wait (a signal handler) runs first, as the kernel
  // runs a handler before the interrupted call returns.
  if (Self->Interrupted != Interrupt::None && Observer)
    Observer->onInterrupted(Self, Self->Interrupted);
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

bool Scheduler::interruptWait(GreenThread *T, Interrupt Why) {
  if (T->Status != ThreadStatus::Blocked)
    return false;
  wake(T);
  T->Interrupted = Why;
  return true;
}

bool Scheduler::sleepUntil(uint64_t DeadlineNs) {
  if (DeadlineNs <= NowNs ||
      (EarlyWakeups && choose(ChoiceKind::SleepEarly, 2) == 1)) {
    // Early: the sleep ends before the others progressed as far as virtual
    // time would have let them; the clock still reaches the deadline.
    if (DeadlineNs > NowNs)
      NowNs = DeadlineNs;
    point(PointKind::Yield);
    return true;
  }
  blockUntil(WaitInfo{WaitKind::Sleep, 0}, DeadlineNs);
  return Cur->Interrupted == Interrupt::None;
}

void Scheduler::settleExit() {
  if (!ExitWord)
    return;
  // Bounded: an exiting thread's thread_local or key destructors may wait
  // for something the program does (they run unscheduled); the run then
  // goes on, and says its schedule may not replay.
  constexpr long kMaxWaitNs = 100 * 1000 * 1000;
  struct timespec Left = {0, kMaxWaitNs};
  int SavedErrno = errno; // the resuming program thread's
  // Shared, not private: the kernel's wake at thread exit is a shared one.
  // EAGAIN: the word no longer holds the tid (gone); EFAULT: its memory is
  // gone too; 0 or EINTR: woken (look again).
  while (rawSyscall(SYS_futex, long(ExitWord), FUTEX_WAIT, long(ExitingTid), long(&Left)) == 0 ||
         errno == EINTR)
    ;
  if (errno == ETIMEDOUT && !FirstDependent.Name)
    FirstDependent = SyscallInfo{"the end of a thread", -1};
  errno = SavedErrno;
  ExitWord = nullptr;
}

void Scheduler::finishCurrent(const uint32_t *Word, uint32_t OsTid) {
  settleExit(); // the one before, if nobody ran since
  ExitWord = Word;
  ExitingTid = OsTid;
  GreenThread *Self = Cur;
  Self->Status = ThreadStatus::Finished;
  makeNotRunnable(Self);
  --Live;
  if (Live == 0)
    return; // the last thread: the process is ending
  Self->Baton.store(kBatonWaiting, std::memory_order_relaxed);
  if (passBaton(PointKind::ThreadExit, 0, Fate::Leaves) == PassResult::Deadlock) {
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
  passBaton(PointKind::Block, 0, Fate::Leaves);
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
    if (UserSwitch) {
      Self->Loc = Where::Running;
      CurCarrier = &contextOf(Self).Home;
    }
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
  if (UserSwitch) {
    // The fork interceptor brought the survivor home first: the child's
    // one OS thread is the copy of that one.
    Carrier &Home = contextOf(Survivor).Home;
    Home.Tid = rawGettid();
    Home.Word.store(0, std::memory_order_relaxed);
    Home.Load = nullptr;
    Home.SignalsBlocked = false;
    CurCarrier = &Home;
    Survivor->Loc = Where::Running;
  }
}

//===--- thread_switch=user ------------------------------------------------===//
//
// Invariants, with C the carrier (OS thread) of the baton holder:
// * a Saved thread is not running anywhere; any carrier may load it;
// * a thread is Home only on its own OS thread (never parked on another
//   one), so the home of a Saved or Running thread other than C's current
//   one is idle, or about to be, and is only ever sent that one thread;
// * code on a scheduler stack touches scheduler state only before it hands
//   the baton on, and never TLS.

struct Scheduler::SwitchRequest {
  enum Kind : uint8_t { Switch, Park, Migrate } K;
  Fate F;
  Scheduler *S;
  GreenThread *Prev;
  GreenThread *Next; // Switch only
  Carrier *C;        // the carrier Prev is leaving
};

bool Scheduler::staysHome(GreenThread *Prev, Fate F) const {
  return Prev->Pinned || (F == Fate::Leaves && CurCarrier == &contextOf(Prev).Home);
}

void Scheduler::giveAway(GreenThread *Next) {
  if (Next->Loc == Where::Saved) {
    Next->Loc = Where::Running;
    Next->Baton.store(kBatonHeld, std::memory_order_relaxed);
    GreenContext &N = contextOf(Next);
    user_switch::sendTo(N.Home, &N); // publishes everything above
    return;
  }
  if (Next->Baton.exchange(kBatonHeld, std::memory_order_acq_rel) == kBatonSleeping)
    futexWakeOne(word(Next->Baton));
}

bool Scheduler::transfer(GreenThread *Prev, GreenThread *Next, Fate F) {
  if (staysHome(Prev, F)) {
    Prev->Loc = Where::Home;
    giveAway(Next);
    return true;
  }
  SwitchRequest R{Next ? SwitchRequest::Switch : SwitchRequest::Park, F, this, Prev,
                  Next, CurCarrier};
  GreenContext &P = contextOf(Prev);
  P.Retry = false;
  void *On = weft_context_save_and_call(
      &P.Sp, CurCarrier->Stack + user_switch::kSchedulerStackBytes, onSchedulerStack, &R);
  // Loaded again: by a carrier that holds the baton for us (Waits), by our
  // own OS thread for the system call or exit we left for (Leaves), or by
  // the parking carrier because a thread came back meanwhile (Retry).
  if (F == Fate::Waits || P.Retry) {
    CurCarrier = static_cast<Carrier *>(On);
    settleExit(); // it holds the baton again
  }
  if (P.Retry) {
    P.Retry = false;
    return false;
  }
  return true;
}

void Scheduler::onSchedulerStack(void *Request) {
  // A copy: the request lies on Prev's stack, which may run again as soon
  // as Prev is published Saved.
  SwitchRequest R = *static_cast<SwitchRequest *>(Request);
  Scheduler *S = R.S;
  Carrier &C = *R.C;
  GreenContext &P = S->contextOf(R.Prev);
  switch (R.K) {
  case SwitchRequest::Migrate:
    // Prev keeps the baton and goes on on its own OS thread.
    user_switch::blockSignalsForIdle(C);
    user_switch::sendTo(P.Home, &P);
    user_switch::idle(C);
  case SwitchRequest::Park: {
    user_switch::blockSignalsForIdle(C);
    if (R.F == Fate::Waits)
      R.Prev->Loc = Where::Saved;
    // As passBaton's park: whoever swaps Idle back to 0 schedules.
    S->Idle.store(1, std::memory_order_seq_cst);
    if (!S->PendingHead.load(std::memory_order_seq_cst) ||
        S->Idle.exchange(0, std::memory_order_seq_cst) == 0) {
      if (R.F == Fate::Leaves) {
        R.Prev->Loc = Where::Home;
        user_switch::sendTo(P.Home, &P);
      }
      user_switch::idle(C);
    }
    // A thread came back before the baton was parked: Prev picks again.
    R.Prev->Loc = Where::Running;
    P.Retry = true;
    user_switch::unblockSignalsAfterIdle(C);
    user_switch::loadOn(C, P);
  }
  case SwitchRequest::Switch: {
    GreenContext &N = S->contextOf(R.Next);
    bool LoadHere = R.Next->Loc == Where::Saved;
    if (!LoadHere)
      user_switch::blockSignalsForIdle(C);
    if (R.F == Fate::Waits) {
      R.Prev->Loc = Where::Saved;
    } else {
      R.Prev->Loc = Where::Home;
      user_switch::sendTo(P.Home, &P);
    }
    if (LoadHere) {
      R.Next->Loc = Where::Running;
      R.Next->Baton.store(kBatonHeld, std::memory_order_relaxed);
      user_switch::loadOn(C, N);
    }
    S->giveAway(R.Next); // to its own OS thread: the last scheduler access
    user_switch::idle(C);
  }
  }
  __builtin_unreachable();
}

void Scheduler::initHome(GreenThread *T) {
  if (!UserSwitch)
    return;
  GreenContext &G = contextOf(T);
  if (!user_switch::initCarrier(G.Home))
    T->Pinned = true;
  G.Fs = G.Home.Fs;
}

void Scheduler::releaseHome(GreenThread *T) {
  if (!UserSwitch)
    return;
  // The exit that follows stays on this OS thread (Fate::Leaves at home)
  // and never needs the scheduler stack again.
  T->Pinned = true;
  user_switch::releaseCarrier(contextOf(T).Home);
}

void Scheduler::goHome() {
  if (!UserSwitch)
    return;
  GreenThread *Self = Cur;
  GreenContext &P = contextOf(Self);
  if (CurCarrier == &P.Home)
    return;
  SwitchRequest R{SwitchRequest::Migrate, Fate::Waits, this, Self, nullptr, CurCarrier};
  void *On = weft_context_save_and_call(
      &P.Sp, CurCarrier->Stack + user_switch::kSchedulerStackBytes, onSchedulerStack, &R);
  CurCarrier = static_cast<Carrier *>(On);
}

void Scheduler::pinCurrent(bool ForMask) {
  if (!UserSwitch)
    return;
  goHome();
  Cur->Pinned = true;
  if (ForMask)
    Cur->MaskPinned = true;
}

int Scheduler::homeTid(GreenThread *T) const {
  return UserSwitch ? contextOf(T).Home.Tid : 0;
}

uint32_t Scheduler::choose(ChoiceKind Kind, uint32_t N) {
  return N <= 1 ? 0 : Strat->choose(Kind, N);
}

} // namespace weft
