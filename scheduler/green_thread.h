//===- green_thread.h - The scheduler's view of one program thread --------===//
//
// Each program thread is a real OS thread that runs only while it holds the
// baton. The scheduler knows a thread's id, whether it can run, what it waits
// for and until when; it knows nothing about memory or races.
//
// State machine (Status):
//
//   from       event                          to
//   ---------  -----------------------------  ---------
//   (new)      Scheduler::addThread           Runnable
//   Runnable   Scheduler::block / blockUntil  Blocked
//   Blocked    Scheduler::wake                Runnable
//   Blocked    deadline reached (virtual)     Runnable, TimedOut = true
//   Blocked    Scheduler::interruptWait       Runnable, Interrupted = why
//   Runnable   Scheduler::finishCurrent       Finished   (terminal)
//   Runnable   Scheduler::leaveForSyscall     InSyscall  (no baton, in the kernel)
//   InSyscall  pending list drained           Runnable
//   any        Scheduler::resetAfterFork      Finished   (all but the survivor)
//
// An InSyscall thread is neither runnable nor blocked in a model: it runs
// without the baton, inside one real system call, and touches no scheduler
// state until it holds the baton again (see Scheduler::reenterAfterSyscall).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_GREEN_THREAD_H
#define WEFT_SCHEDULER_GREEN_THREAD_H

#include "thread_id.h"
#include "user_switch.h"

#include <atomic>
#include <cstdint>

namespace weft {

enum class ThreadStatus : uint8_t { Runnable, Blocked, Finished, InSyscall };

/// Values of GreenThread::Baton (see Scheduler::awaitBaton).
constexpr uint32_t kBatonWaiting = 0;
constexpr uint32_t kBatonHeld = 1;
constexpr uint32_t kBatonSleeping = 2;
/// How a thread that gave up the baton waits for it again when threads are
/// not pinned to one CPU (Scheduler::setSpinWait): first it spins (pause),
/// then it yields its core, and only then sleeps in the kernel. Measured on
/// the 2-core VM (bench/programs/atomic_counters.c): sleeping at once made
/// every switch a cross-CPU futex wake costing ~0.5 ms (422 s for the
/// program); spinning first, 4 s, but the spinner burns a second core.
/// Pinned threads (the default) sleep at once: a wake on the same CPU is a
/// plain context switch of a few microseconds.
constexpr unsigned kSpinsBeforeYield = 2000;
constexpr unsigned kYieldsBeforeSleep = 2000;

/// Why a blocked thread's wait was ended from outside the object it waits
/// on (Scheduler::interruptWait). The scheduler only carries it: the wait's
/// model and the embedder decide what the interrupted call returns.
enum class Interrupt : uint8_t {
  None,
  Signal, // a signal whose handler must run now (EINTR, restart, spurious)
  Cancel, // pthread_cancel reached a wait that is a cancellation point
};

/// What a blocked thread waits for; printed, and used to decide only one
/// thing: whether the scheduler may wait in real time for the world outside
/// the program (Descriptors, see Scheduler::pickNext).
enum class WaitKind : uint8_t {
  None,
  Mutex,
  RwLockRead,
  RwLockWrite,
  CondVar,
  Join,
  Sleep,
  Once,
  StaticInit,
  SpinLock,
  Barrier,
  Semaphore,
  Futex,
  Signal, // sigwait, sigwaitinfo, sigtimedwait, a signalfd read
  Descriptors, // poll/select/epoll_wait
  TimerFd,     // a blocking read of a timer descriptor (virtual: never outside)
};

struct WaitInfo {
  WaitKind Kind = WaitKind::None;
  uintptr_t Object = 0; // program address, or a thread id for Join
};

/// A wait without a deadline.
constexpr uint64_t kNoDeadline = ~uint64_t(0);

/// The system call a thread left the schedule for; only ever printed.
struct SyscallInfo {
  const char *Name = nullptr;
  int Fd = -1; // -1 when the call has no single descriptor
};

struct GreenThread {
  /// Instrumented accesses left before the next Access point. Decremented on
  /// the runtime's hot path; first field so that it is at offset 0.
  uint32_t Countdown = 1;
  ThreadId Id = ThreadId::Invalid;
  ThreadStatus Status = ThreadStatus::Runnable;
  bool TimedOut = false;
  /// thread_switch=user only (user_switch.h): where its context is, and
  /// whether it stays on its own OS thread (the futex hand-off) for good,
  /// and whether that is for its signal mask (its children inherit it).
  Where Loc = Where::Home;
  bool Pinned = false;
  bool MaskPinned = false;
  /// Set by Scheduler::interruptWait, cleared when the thread next blocks:
  /// after block/blockUntil returns, why the wait ended early (None: woken
  /// or timed out as usual).
  Interrupt Interrupted = Interrupt::None;
  /// 64-byte lines of range accesses (memcpy, memset, loops checked as one
  /// range) since this thread's quantum was last armed, saturating at 4 MiB:
  /// work the Countdown does not see, which Scheduler::pointUnits charges.
  /// In what was padding.
  uint16_t RangeLines = 0;
  WaitInfo Wait;
  uint64_t Deadline = 0;    // virtual ns; meaningful while a timed block lasts
  uint32_t DeadlineGen = 0; // bumps on every timed block: stale timers are skipped
  /// kBatonHeld while this thread may run; kBatonWaiting while it waits
  /// (spinning), kBatonSleeping once it sleeps in futex wait on this word.
  std::atomic<uint32_t> Baton{kBatonWaiting};
  /// Link in the scheduler's pending list while returning from a system call.
  GreenThread *PendingNext = nullptr;
};
// The runtime's ThreadState starts with a GreenThread and the inline fast
// paths know the offsets after it (weft/shadow_layout.h): grow it only with
// them. The user-switch fields above live in padding.
static_assert(sizeof(GreenThread) == 56, "GreenThread's size moves ThreadState's fields");

} // namespace weft

#endif
