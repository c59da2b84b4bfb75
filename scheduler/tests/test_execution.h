//===- test_execution.h - Drive real OS threads through a Scheduler -------===//
//
// A test-only harness: the calling OS thread becomes T0, every spawned body
// runs on its own std::thread as a green thread that waits for its first turn,
// and T0 can join them all through the scheduler (blocked, not spinning). The
// harness also checks the scheduler's central promise: whoever holds the
// baton is alone (Running never exceeds 1) and is Scheduler::current().
//
// Only the baton holder touches the harness's plain fields; the baton's
// release/acquire hand-off orders those accesses. With UserSwitch the
// green threads switch in user space (user_switch.h) and go home before
// they finish, as the runtime's threads do.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_TESTS_TEST_EXECUTION_H
#define WEFT_SCHEDULER_TESTS_TEST_EXECUTION_H

#include "scheduler.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace weft {
namespace test {

/// Fails loudly: a test that deadlocks by mistake must not hang the suite.
class AbortingObserver final : public SchedulerObserver {
public:
  [[noreturn]] void onDeadlock() override {
    fprintf(stderr, "unexpected deadlock in a scheduler test\n");
    abort();
  }
  [[noreturn]] void onStepLimit() override {
    fprintf(stderr, "unexpected step limit in a scheduler test\n");
    abort();
  }
};

/// Deterministic without a seed: the next runnable id after the current one
/// (cyclically), quantum 1, and choose() answers ChooseAnswer (clamped).
class RoundRobinStrategy final : public Strategy {
public:
  void beginExecution(uint64_t) override {}
  ThreadId pickNext(const ThreadId *Runnable, size_t N, ThreadId Current,
                    PointKind, PointObject) override {
    for (size_t I = 0; I < N; ++I)
      if (index(Runnable[I]) > index(Current))
        return Runnable[I];
    return Runnable[0];
  }
  uint32_t nextQuantum() override { return 1; }
  uint32_t choose(ChoiceKind, uint32_t N) override {
    ++Choices;
    return ChooseAnswer < N ? ChooseAnswer : N - 1;
  }
  uint32_t ChooseAnswer = 0;
  uint32_t Choices = 0;
};

class TestExecution {
public:
  TestExecution(Strategy &Strat, uint64_t Seed, uint64_t MaxSteps = 0,
                SchedulerObserver *Obs = nullptr, bool UserSwitch = false)
      : Observer(Obs ? Obs : &DefaultObserver) {
    S.setUserSwitch(UserSwitch);
    S.start(&Strat, Seed, MaxSteps, &Main, Observer);
    self() = &Main;
    enter();
  }
  TestExecution(const TestExecution &) = delete;
  TestExecution &operator=(const TestExecution &) = delete;
  ~TestExecution() {
    if (!Joined) {
      // A failed ASSERT left before joinAll: the green threads can never
      // finish, and waiting for them would hang the suite.
      fprintf(stderr, "TestExecution destroyed before joinAll\n");
      abort();
    }
    for (std::thread &T : OsThreads)
      T.join();
  }

  /// Registers a green thread (from the baton holder) and starts its OS
  /// thread, which runs \p Body once scheduled and then finishes.
  GreenThread *spawn(std::function<void()> Body) {
    Threads.push_back(std::make_unique<GreenThread>());
    GreenThread *G = Threads.back().get();
    S.addThread(G);
    ++Spawned;
    OsThreads.emplace_back([this, G, Body = std::move(Body)] {
      S.waitForFirstTurn(G);
      S.initHome(G);
      self() = G;
      enter();
      Body();
      ++Finished;
      if (Joining)
        S.wake(&Main); // T0 re-checks Finished
      leave();
      S.goHome(); // its std::thread ends on its own OS thread
      S.releaseHome(G);
      S.finishCurrent();
    });
    return G;
  }

  /// On T0: blocks until every spawned thread has finished, then finishes
  /// T0 too. The OS threads are joined by the destructor.
  void joinAll() {
    Joining = true;
    while (Finished < Spawned)
      block(WaitInfo{WaitKind::Join, 0});
    leave();
    S.goHome(); // the test goes on on its own OS thread
    S.finishCurrent();
    Joined = true;
  }

  // Scheduler calls that give up the baton, bracketed by the exclusivity check.
  void point(PointKind K = PointKind::Access) {
    leave();
    S.point(K);
    enter();
  }
  void block(WaitInfo W) {
    leave();
    S.block(W);
    enter();
  }
  bool blockUntil(WaitInfo W, uint64_t Deadline) {
    leave();
    bool Woken = S.blockUntil(W, Deadline);
    enter();
    return Woken;
  }
  bool sleepUntil(uint64_t Deadline) {
    leave();
    bool Full = S.sleepUntil(Deadline);
    enter();
    return Full;
  }
  /// Runs \p Call as a system call outside the schedule: others run while
  /// it lasts. Returns what leaveForSyscall said.
  template <typename F> bool syscall(SyscallInfo Info, F Call) {
    GreenThread *Me = S.current();
    leave();
    bool Dependent = S.leaveForSyscall(Info);
    Call();
    S.reenterAfterSyscall(Me);
    enter();
    return Dependent;
  }
  /// Records the current thread's id in Trace.
  void record() { Trace.push_back(index(S.current()->Id)); }

  /// Brackets a stretch of code run while holding the baton (for bodies that
  /// call scheduler or model functions directly).
  void leave() { Running.fetch_sub(1, std::memory_order_acq_rel); }
  void enter() {
    noteRunning(Running.fetch_add(1, std::memory_order_acq_rel) + 1);
    if (S.current() != self())
      WrongCurrent.fetch_add(1, std::memory_order_relaxed);
    // Linger a little so that an overlapping thread would be seen.
    for (volatile int I = 0; I < 50; ++I) {
    }
    noteRunning(Running.load(std::memory_order_acquire));
  }

  Scheduler S;
  GreenThread Main;
  std::vector<uint32_t> Trace;
  std::atomic<int> MaxRunning{0};
  /// Times a thread resumed while current() named someone else.
  std::atomic<int> WrongCurrent{0};
  int Spawned = 0;
  int Finished = 0;
  bool Joining = false;
  bool Joined = false;

private:
  static GreenThread *&self() {
    static thread_local GreenThread *Self = nullptr;
    return Self;
  }
  void noteRunning(int N) {
    int Seen = MaxRunning.load(std::memory_order_relaxed);
    while (N > Seen && !MaxRunning.compare_exchange_weak(Seen, N)) {
    }
  }

  AbortingObserver DefaultObserver;
  SchedulerObserver *Observer;
  std::atomic<int> Running{0};
  std::vector<std::unique_ptr<GreenThread>> Threads;
  std::vector<std::thread> OsThreads;
};

} // namespace test
} // namespace weft

#endif
