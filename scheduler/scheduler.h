//===- scheduler.h - One program thread at a time, chosen by a strategy ---===//
//
// The scheduler owns the baton: exactly one program thread runs, and at every
// scheduling point the strategy picks who runs next. It also owns virtual
// time (sleeps and timed waits advance a virtual clock, never the wall clock)
// and notices when no thread can run at all: a deadlock.
//
// Only the thread holding the baton may call into the scheduler, except
// waitForFirstTurn, which a new OS thread calls before it has ever run, and
// reenterAfterSyscall, which a thread returning from a system call calls
// without the baton.
//
// System calls that may block (a read on an empty pipe) leave the schedule:
//
//   holder H                       returning thread R (no baton)
//   --------                       -----------------------------
//   leaveForSyscall: H InSyscall,  real call returns
//     baton to a runnable thread,  push R on PendingHead (CAS)
//     or parked in Idle            if Idle.exchange(0) == 1: R holds the
//   (any holder) pickNext: drain     baton; drain, pick, hand off
//     PendingHead -> Runnable      else sleep on R->Baton until handed it
//
// Idle = 1 means nobody holds the baton: nothing is runnable, no timer is
// due, but some thread is in a system call; whichever returns first takes
// the baton. A deadlock is declared only if nothing is runnable, no timer is
// pending, no thread is in a system call, and the observer had nobody to
// wait for outside the program (SchedulerObserver::waitOutside).
// Decisions depend only on the strategy's answers and thread ids, never on
// addresses or time, so a seed replays the same interleaving.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_SCHEDULER_H
#define WEFT_SCHEDULER_SCHEDULER_H

#include "base/internal_vector.h"
#include "green_thread.h"
#include "strategies/strategy.h"

namespace weft {

/// What the scheduler asks of its embedder when an execution cannot go on.
/// Both calls happen on the thread holding the baton and must not return.
class SchedulerObserver {
public:
  virtual ~SchedulerObserver() = default;
  /// Every live thread is blocked and none has a deadline.
  [[noreturn]] virtual void onDeadlock() = 0;
  /// The execution took more than the configured number of steps.
  [[noreturn]] virtual void onStepLimit() = 0;
  /// Every live thread is blocked, none has a deadline and none is in a
  /// system call: before that is a deadlock, the embedder may name a blocked
  /// thread that something outside the schedule can still wake (one waiting
  /// for a signal, which may come from another process). The scheduler wakes
  /// it and schedules it; null means it is a deadlock.
  virtual GreenThread *onAllBlocked() { return nullptr; }
  /// \p T (the baton holder) was just handed the baton back after
  /// Scheduler::interruptWait ended its wait for \p Why, and its block call
  /// is about to return: the embedder does what interrupted it (runs a
  /// signal's handler) before the wait's model sees the interruption.
  virtual void onInterrupted(GreenThread *T, Interrupt Why) {
    (void)T;
    (void)Why;
  }
  /// Nothing is runnable, but threads may be blocked on events that come
  /// from outside the scheduler's view (descriptors another process or the
  /// kernel makes ready). The embedder may wait for them in real time for up
  /// to \p MaxNs (kNoDeadline: no limit; 0: only look), holding the baton
  /// if \p MayBlock; if not (threads in system calls must be able to come
  /// back), it may instead wake its waiters to wait for real on their own.
  /// Woke: it made a thread runnable (and moved virtual time by the real
  /// time it waited); TimedOut: MaxNs passed with nothing; NoWaiters: nobody
  /// waits for the outside.
  enum class OutsideWait { NoWaiters, Woke, TimedOut };
  virtual OutsideWait waitOutside(uint64_t MaxNs, bool MayBlock) {
    (void)MaxNs;
    (void)MayBlock;
    return OutsideWait::NoWaiters;
  }
};

class Scheduler {
public:
  /// Virtual time that one scheduling step costs: time moves on even while
  /// threads spin, so a sleeper wakes up eventually.
  static constexpr uint64_t kStepNs = 1000;
  /// Instrumented accesses that cost a preemption countdown one point
  /// (pointUnits): about what a scheduling point itself costs at run time
  /// (a sync point's clock work), so that the countdown measures work.
  static constexpr unsigned kAccessesPerUnitShift = 5;

  /// Starts an execution whose first thread is \p Main (the caller).
  /// \p MaxSteps = 0 means no limit.
  void start(Strategy *S, uint64_t Seed, uint64_t MaxSteps, GreenThread *Main,
             SchedulerObserver *Obs);
  bool started() const { return Strat != nullptr; }

  /// Registers a new thread, runnable but not yet running; assigns its id.
  void addThread(GreenThread *T);
  /// Forgets a thread added by addThread whose OS thread could not start.
  void abandonThread(GreenThread *T);
  /// Drops a Finished thread, whose memory its owner is about to free:
  /// thread(Id) is null from now on. Its id is never given out again.
  void forget(GreenThread *T);
  /// Called on a new OS thread: returns once it is first scheduled.
  void waitForFirstTurn(GreenThread *T);

  /// A scheduling point: the strategy may hand the baton to another thread.
  /// \p Object is what the current thread's next step is about (PointObject).
  /// Inline when the strategy decided ahead that the current thread goes on
  /// (its GoOnBudget) and nothing else is due: the same step, clock and
  /// quantum as the full point, without asking the strategy.
  void point(PointKind Kind, PointObject Object = 0) {
    if (__builtin_expect(goOn(Kind), true))
      return;
    fullPoint(Kind, Object);
  }
  /// The current thread waits until wake(); other threads run meanwhile.
  void block(WaitInfo W);
  /// Like block, but gives up at virtual time \p DeadlineNs; returns false if
  /// it timed out, true if woken. With early wake-ups on, the strategy may
  /// make it time out now (a timed wait can always time out first): virtual
  /// time jumps to the deadline before anyone else runs.
  bool blockUntil(WaitInfo W, uint64_t DeadlineNs);
  /// Makes a blocked thread runnable; it runs when the strategy picks it.
  void wake(GreenThread *T);
  /// Ends \p T's wait from outside the object it waits on (a signal whose
  /// handler must run, a cancellation): if \p T is Blocked, it becomes
  /// runnable with T->Interrupted = \p Why and its timeout cancelled, and
  /// the block/blockUntil it is in returns as if woken (true), after the
  /// observer's onInterrupted ran on it. The wait's model then reads
  /// T->Interrupted to decide what the call returns: EINTR, a spurious
  /// wake-up, or (a mutex, a join) wait again. Returns whether \p T was
  /// blocked; a runnable or finished thread is left alone. Holder only.
  bool interruptWait(GreenThread *T, Interrupt Why);
  /// Lets virtual time reach \p DeadlineNs before the current thread goes on.
  /// With early wake-ups on, the strategy may end the sleep at once instead:
  /// virtual time jumps to the deadline before anyone else runs. Returns
  /// false if interruptWait ended the sleep before the deadline.
  bool sleepUntil(uint64_t DeadlineNs);
  /// Sleeping is not synchronization: when on, sleeps and timed waits ask
  /// the strategy whether to end early (exploration); when off (plain runs)
  /// virtual time keeps them in deadline order.
  void setEarlyWakeups(bool On) { EarlyWakeups = On; }
  /// Whether a thread waiting for the baton spins before it sleeps: only
  /// worth it when the holder runs on another CPU (threads not pinned).
  void setSpinWait(bool On) { SpinWait = On; }
  /// Every instrumented access must reach the runtime (race-directed points,
  /// racy_sites.h): the running thread's countdown stays at 1, so the
  /// pass's inline check always falls through to the runtime, and its
  /// quantum is counted here instead. Off, the countdown is the quantum and
  /// the inline check tests nothing else. Set before start.
  void setEveryAccessToRuntime(bool On) { EveryAccessToRuntime = On; }
  /// The running thread's countdown reached 0: whether its quantum is over
  /// (an Access point is due). With every access going to the runtime,
  /// counts the quantum down and re-arms the countdown instead until it is.
  bool quantumOver(GreenThread *T) {
    if (!EveryAccessToRuntime || --QuantumLeft == 0)
      return true;
    T->Countdown = 1;
    return false;
  }
  /// The current thread is done: hands the baton on and never runs again.
  /// \p ExitWord, if not null, is the word the kernel clears (and wakes)
  /// when its OS thread has exited, holding \p OsTid until then: whoever
  /// runs next waits for that first (settleExit), so that what libc does
  /// on the way out (its thread's malloc cache back to a shared arena, its
  /// stack to the stack cache) is done at the same point of every run.
  void finishCurrent(const uint32_t *ExitWord = nullptr, uint32_t OsTid = 0);

  //===--- thread_switch=user (user_switch.h) -----------------------------===//
  /// Hand-offs switch contexts in user space (set before start).
  void setUserSwitch(bool On) { UserSwitch = On; }
  bool userSwitch() const { return UserSwitch; }
  /// Called by every thread on its own OS thread before its first turn (the
  /// first one by start's caller, after start): records that OS thread as
  /// \p T's home. Without a scheduler stack \p T is pinned.
  void initHome(GreenThread *T);
  /// Called by a finished thread on its own OS thread, without the baton:
  /// its OS thread carries no other thread again.
  void releaseHome(GreenThread *T);
  /// The holder moves onto its own OS thread (if it ran on another one) and
  /// keeps the baton: for what the kernel must see it do itself.
  void goHome();
  /// goHome, and the current thread stays on its OS thread from now on
  /// (hand-offs to and from it are futex hand-offs). \p ForMask: because of
  /// its signal mask, which threads it creates inherit.
  void pinCurrent(bool ForMask);
  /// The id of \p T's own OS thread (what gettid returns in it); 0 unknown.
  int homeTid(GreenThread *T) const;
  /// The OS thread that runs the holder now (0 with thread_switch=os).
  int carrierTid() const { return CurCarrier ? CurCarrier->Tid : 0; }

  /// The current thread is about to make a system call that may block until
  /// another program thread acts: the baton goes to another thread (or Idle)
  /// and the caller may then only make the call and reenterAfterSyscall.
  /// Returns true if this made the schedule depend on when calls return.
  bool leaveForSyscall(SyscallInfo Info);
  /// Called without the baton by \p Self after its system call: returns
  /// once \p Self holds the baton again.
  void reenterAfterSyscall(GreenThread *Self);
  /// Threads currently in a system call (holder only).
  size_t inSyscall() const { return InSyscallCount; }
  /// Whether some system call returned at a moment that could change the
  /// interleaving; the first such call is \p FirstDependent.
  bool dependsOnSyscalls() const { return FirstDependent.Name != nullptr; }
  SyscallInfo firstDependentSyscall() const { return FirstDependent; }

  /// In the child of fork(): \p Survivor (the caller) is the only thread.
  /// It keeps its id; every other thread is Finished; timers, pending
  /// returns and the idle baton are forgotten.
  void resetAfterFork(GreenThread *Survivor);

  uint32_t choose(ChoiceKind Kind, uint32_t N);
  /// Lets virtual time pass without a scheduling point (reading a clock);
  /// due timers fire at the next point.
  void advanceTime(uint64_t Ns) { NowNs += Ns; }

  GreenThread *current() const { return Cur; }
  uint64_t now() const { return NowNs; }
  /// Threads that could run now, the holder included.
  size_t runnableCount() const { return Runnable.size(); }
  /// The earliest deadline of a timed block (kNoDeadline: none). A lower
  /// bound: the timer may belong to a wait that already ended. Exact in
  /// SchedulerObserver::waitOutside, which runs after stale ones were
  /// dropped.
  uint64_t nextDeadline() const { return Timers.empty() ? kNoDeadline : Timers[0].Deadline; }
  uint64_t steps() const { return Steps; }
  /// How often the baton went from one thread to another.
  uint64_t handOffs() const { return HandOffs; }
  /// Threads ever added (ids are below this), forgotten ones included.
  size_t numThreads() const { return All.size(); }
  /// The thread \p Id, or null if it was forgotten.
  GreenThread *thread(ThreadId Id) const { return All[index(Id)]; }

private:
  struct Timer {
    uint64_t Deadline;
    ThreadId Id;
    uint32_t Gen;
  };

  enum class PassResult { HandedOff, Idle, Deadlock };
  /// What the thread giving up the baton does next: wait to be handed it
  /// again, or go on without it (a system call, its exit).
  enum class Fate { Waits, Leaves };
  /// The current thread cannot run: gives the baton to the strategy's pick,
  /// or parks it in Idle while threads are in system calls.
  PassResult passBaton(PointKind Kind, PointObject Object = 0, Fate F = Fate::Waits);
  /// thread_switch=user: hands the baton from the current thread \p Prev to
  /// \p Next (null: park it in Idle). Returns when Prev holds the baton
  /// again (Waits), or runs on its own OS thread without it (Leaves); with a
  /// futex hand-off, returns at once and the caller waits (waitForBaton).
  /// False: it parked nobody, Prev holds the baton, pick again.
  bool transfer(GreenThread *Prev, GreenThread *Next, Fate F);
  /// Whether \p Prev gives up the baton without leaving its OS thread.
  bool staysHome(GreenThread *Prev, Fate F) const;
  /// Hands the baton to \p Next, which runs elsewhere (its own OS thread).
  void giveAway(GreenThread *Next);
  struct SwitchRequest;
  static void onSchedulerStack(void *Request);
  GreenContext &contextOf(GreenThread *T) const { return *Contexts[index(T->Id)]; }
  void drainPending();
  /// Sleeps (after spinning briefly if SpinWait) until \p Self holds the
  /// baton, then (user switch) notes the carrier if it was handed it at home.
  void waitForBaton(GreenThread *Self);
  /// The wait itself. Reads only SpinWait, set once before threads exist.
  void awaitBaton(GreenThread *Self) const;

  size_t runnableSlot(ThreadId Id) const;
  void makeRunnable(GreenThread *T);
  void makeNotRunnable(GreenThread *T);
  void fireDueTimers();
  GreenThread *pickNext(PointKind Kind, PointObject Object);
  void switchTo(GreenThread *Next);
  void handOff(GreenThread *Next, Fate F = Fate::Waits);
  void pushTimer(const Timer &T);
  Timer popTimer();
  bool timerBefore(const Timer &A, const Timer &B) const;

  /// Draws \p T's next quantum as it gets the baton (or goes on).
  void armQuantum(GreenThread *T) { setQuantum(T, Strat->nextQuantum()); }
  void setQuantum(GreenThread *T, uint32_t Q) {
    Armed = Q;
    T->RangeLines = 0;
    if (EveryAccessToRuntime) {
      QuantumLeft = Q;
      Q = 1;
    }
    T->Countdown = Q;
  }
  void fullPoint(PointKind Kind, PointObject Object);
  /// What the current thread's point costs a GoOnBudget: one unit, and one
  /// more per 2^kAccessesPerUnitShift instrumented accesses it made since
  /// its previous point (the quantum armed then, less what is left of it;
  /// each 64-byte line of a range access counts as 8 accesses: one per
  /// 8-byte granule, as a range is checked).
  uint64_t pointUnits() const {
    uint32_t Left = EveryAccessToRuntime ? QuantumLeft : Cur->Countdown;
    uint64_t Done = (Left < Armed ? Armed - Left : 0) + (uint64_t(Cur->RangeLines) << 3);
    return 1 + (Done >> kAccessesPerUnitShift);
  }
  /// point's inline path: if the strategy's budget says the current thread
  /// goes on here and pickNext would have nothing else to do (no step
  /// limit reached, no timer due, no system call returned), takes the step
  /// as pickNext and switchTo would have and returns true; else touches
  /// nothing and returns false. A yield and a current thread that cannot
  /// run are the strategy's to decide, never the budget's.
  bool goOn(PointKind Kind) {
    if (!Budget || Kind == PointKind::Yield || InSyscallCount != 0 ||
        Cur->Status != ThreadStatus::Runnable || (MaxSteps && Steps >= MaxSteps))
      return false;
    uint64_t Now = NowNs + kStepNs;
    if (!Timers.empty() && Timers[0].Deadline <= Now)
      return false;
    Budget->Units = pointUnits();
    if (!Budget->take())
      return false;
    ++Steps;
    NowNs = Now;
    setQuantum(Cur, Budget->quantum());
    return true;
  }

  Strategy *Strat = nullptr;
  GoOnBudget *Budget = nullptr; // Strat's, or null: ask it at every point
  GoOnBudget *Charged = nullptr; // the budget pickNext charges (chargedBudget)
  SchedulerObserver *Observer = nullptr;
  GreenThread *Cur = nullptr;
  InternalVector<GreenThread *> All;   // indexed by id; null once forgotten
  InternalVector<ThreadId> Runnable;   // invariant: sorted, no duplicates
  InternalVector<Timer> Timers;        // binary min-heap by (Deadline, Id)
  uint64_t NowNs = 0;
  uint64_t Steps = 0;
  uint64_t HandOffs = 0;
  uint64_t MaxSteps = 0;
  size_t Live = 0; // threads not Finished
  size_t InSyscallCount = 0; // threads InSyscall, drained or not
  SyscallInfo FirstDependent;
  // Shared with threads that do not hold the baton: only these two.
  std::atomic<GreenThread *> PendingHead{nullptr}; // returned from a syscall
  std::atomic<uint32_t> Idle{0}; // 1: nobody holds the baton
  // The last finished thread's exit, until the next baton holder saw it
  // done (finishCurrent).
  const uint32_t *ExitWord = nullptr;
  uint32_t ExitingTid = 0;
  void settleExit();
  bool EarlyWakeups = false;
  bool EveryAccessToRuntime = false;
  // The running thread's accesses left in its quantum, with
  // EveryAccessToRuntime (a quantum is drawn afresh whenever a thread gets
  // the baton, so only the running thread's count matters).
  uint32_t QuantumLeft = 0;
  // The quantum the running thread was last armed with (setQuantum), from
  // which pointUnits tells how many accesses it made since.
  uint32_t Armed = 0;
  bool SpinWait = true;
  bool UserSwitch = false;
  Carrier *CurCarrier = nullptr;          // user switch: the holder's OS thread
  InternalVector<GreenContext *> Contexts; // user switch: indexed by id
};

} // namespace weft

#endif
