//===- rtl.cc - Runtime start-up, scheduling points and shutdown ----------===//

#include "core/rtl.h"
#include "core/racy_sites.h"
#include "report/sarif_export.h"
#include "base/internal_libc.h"

#include "base/raw_syscall.h"
#include "interceptors/blocking_call.h"
#include "interceptors/cpu_pinning.h"
#include "core/fork_server.h"
#include "interceptors/interceptor.h"
#include "interceptors/process_timers.h"
#include "interceptors/signal_delivery.h"
#include "core/no_destroy.h"
#include "report/report.h"
#include "sync/lock_order_graph.h"
#include "sync/mutex_set.h"
#include "shadow/access_history.h"
#include "shadow/kept_shadow.h"
#include "report/report_channel.h"
#include "report/suppressions.h"
#include "report/trace_export.h"
#include "core/text_buffer.h"

#include "weft/runtime_abi.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace weft {

NoDestroy<Runtime> RtStorage;
Runtime &Rt = *RtStorage;

namespace {

class RuntimeObserver final : public SchedulerObserver {
public:
  [[noreturn]] void onDeadlock() override { reportDeadlock(); }
  [[noreturn]] void onStepLimit() override { reportStepLimit(); }
  GreenThread *onAllBlocked() override {
    ThreadState *T = signalWaiterForOutside();
    return T ? &T->Green : nullptr;
  }
  void onInterrupted(GreenThread *, Interrupt Why) override {
    if (Why == Interrupt::Signal)
      onWaitInterruptedBySignal(CurThread);
  }
  OutsideWait waitOutside(uint64_t MaxNs, bool MayBlock) override {
    // A virtual timer due before any deadline fires first (its signal may
    // end a wait); the descriptors' real wait only gets the time after it.
    if (process_timers::fireWhileIdle())
      return OutsideWait::Woke;
    return waitOutsideForDescriptors(MaxNs, MayBlock);
  }
};
RuntimeObserver Observer;
bool Initializing;

uint64_t randomSeed() {
  uint32_t R = 0;
  if (rawCall(SYS_getrandom, &R, sizeof(R), 0) != sizeof(R))
    R = static_cast<uint32_t>(rawGetpid()) * 2654435761u;
  return R;
}

void openLog() {
  const char *Path = Rt.Opts.log_path;
  if (!Path || !*Path || !internalStrcmp(Path, "stderr"))
    return;
  if (!internalStrcmp(Path, "stdout")) {
    Rt.LogFd = 1;
    return;
  }
  TextBuffer Name;
  Name << Path << '.';
  Name.dec(uint64_t(rawGetpid()));
  int Fd = static_cast<int>(rawCall(SYS_open, Name.str(),
                                    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (Fd < 0) {
    rawPrint("weft: error: cannot open log_path '");
    rawPrint(Name.str());
    rawPrint("'\n");
    rawExit(2);
  }
  Rt.LogFd = Fd;
}

void printStats() {
  TextBuffer B;
  auto Field = [&B](const char *Name, uint64_t Value) {
    B << Name;
    B.dec(Value);
  };
  Field("weft: stats: steps=", Rt.Sched.steps());
  Field(" hand-offs=", Rt.Sched.handOffs());
  Field(" threads=", Rt.Sched.numThreads());
  Field(" clock-slots=", Rt.Slots.size());
  Field(" slot-reuses=", Rt.Slots.reuses());
  Field(" lock-sets=", mutex_set::lockSets());
  Field(" contexts=", mutex_set::contexts());
  Field(" lock-edges=", lock_order_graph::edges());
  Field(" stack-generations=", stack_trie::historyGeneration());
  // weft's own memory, by what holds it: where a run's memory went
  // without a debugger (docs/performance.md, "A lock-free queue's unit
  // tests").
  InternalAllocStats A = internalAllocStats();
  Field("\nweft: stats: memory: sync-objects=", sync_table::size());
  Field(" peak-sync-objects=", sync_table::peak());
  Field(" shadow-regions=", shadow::regionsMapped());
  Field(" history-chunks=", access_history::chunksInUse());
  Field(" internal-chunks=", A.Chunks);
  Field(" (kept-empty=", A.KeptEmpty);
  Field(" released=", A.Released);
  Field(") internal-large-kb=", A.LargeBytes >> 10);
  B << '\n';
  fflush(nullptr);
  rawWriteAll(Rt.LogFd, B.str(), B.size());
}

// Runs last among atexit handlers (registered first). The program's own
// output is flushed before weft's closing line so the two do not interleave.
void finalize() {
  finishSchedule(/*NormalExit=*/true);
  if (Rt.Opts.print_stats)
    printStats();
  {
    // A schedule that depended on system-call timing may not replay.
    TextBuffer Note;
    appendSyscallNote(Note);
    if (Note.size()) {
      fflush(nullptr);
      rawWriteAll(Rt.LogFd, Note.str(), Note.size());
    }
  }
  reportThreadLeaks();
  // The main thread ends here (exit, or main's return).
  if (ThreadState *Main = threadById(ThreadId::Main); Main && CurThread == Main)
    checkIgnoresAtFinish(Main);
  if (Rt.ReportCount == 0 && !Rt.Opts.print_suppressions)
    return;
  fflush(nullptr);
  int Status = finalReportStatus();
  if (Status >= 0)
    rawExit(Status);
}

/// A history generation ends (shadow_stack.h): every clock slot's epoch
/// moves on, as at a release that nobody acquires, so that any slot stored
/// from now on has an epoch of the new generation and a slot's epoch tells
/// whether its stack is still in the tries. A free slot's next owner starts
/// after its last owner's final epoch, in the new generation too.
void beforeNewHistoryGeneration() {
  for (uint32_t I = 0; I < Rt.Slots.size(); ++I) {
    Sid S = static_cast<Sid>(I);
    ThreadId Owner = Rt.Slots.currentOwner(S);
    if (Owner == ThreadId::Invalid) {
      Rt.Slots.startHistoryGeneration(S, Rt.Slots.finalEpoch(S) + 1);
      continue;
    }
    ThreadState *T = threadById(Owner);
    releaseTick(T);
    Rt.Slots.startHistoryGeneration(S, T->CurEpoch);
  }
}

} // namespace

StackId historyStackOf(RawSlot Slot, StackId Stack) {
  if (!stack_trie::isHistory(Stack))
    return Stack;
  return slotEpoch(Slot) >= Rt.Slots.historyValidFrom(slotSid(Slot)) ? Stack
                                                                      : kUnavailableStack;
}

void initialize() {
  if (Rt.Initialized || Initializing)
    return;
  Initializing = true;
  // Under `weft test`'s fork server, each run starts here, in a child
  // (fork_server.cc): everything below is per run.
  serveForksIfAsked();
  parseFlags(Rt.Opts);
  Rt.Pid = rawGetpid();
  initReportChannel();
  Rt.Seed = Rt.Opts.SeedGiven ? Rt.Opts.seed : randomSeed();
  openLog();
  sarif_export::init();
  if (Rt.Opts.suppressions && *Rt.Opts.suppressions)
    suppressions::load(Rt.Opts.suppressions);
  stack_trie::init();
  stack_trie::setBudget(uint64_t(Rt.Opts.stack_history_mb) << 20);
  // Which stack made each recorded access (access_history.h): a quarter of
  // stack_history_mb per generation, two generations kept.
  access_history::setBudget(uint64_t(Rt.Opts.stack_history_mb) << 18);
  kept_shadow::setBudget(size_t(Rt.Opts.kept_shadow_mb) << 20);
  ShadowStack::BeforeNewGeneration = beforeNewHistoryGeneration;
  // Pinned threads hand the baton over with a same-CPU wake-up; floating
  // ones must spin, or every switch waits for an idle CPU to wake.
  Rt.Sched.setSpinWait(!(Rt.Opts.pin_cpu && cpu_pinning::pinToCurrentCpu()));
  racy_sites::init(); // before makeStrategy: a schedule file may add sites
  Rt.Strat = makeStrategy();
  // Race-directed points are made by the runtime at the racy sites' checks:
  // every inline check must then reach it (Scheduler::setEveryAccessToRuntime).
  Rt.Sched.setEveryAccessToRuntime(racy_sites::directed());
  Rt.Sched.setUserSwitch(!internalStrcmp(Rt.Opts.thread_switch, "user"));
  ThreadState *Main = internalNew<ThreadState>();
  Rt.Sched.start(Rt.Strat, Rt.Seed, Rt.Opts.max_steps, &Main->Green, &Observer);
  Rt.Records.emplaceBack().Parent = ThreadId::Invalid;
  {
    VectorClock None;
    startEpochs(Main, None);
  }
  Main->Handle = pthread_self();
  learnStackBounds(Main);
  Rt.ByHandle.getOrInsert(uintptr_t(Main->Handle)) = Main;
  setCurThread(Main);
  useAltStack();
  installCrashHandlers();
  atexit(finalize);
  if (Rt.Opts.print_seed) {
    TextBuffer B;
    B << "weft: seed ";
    B.hex(Rt.Seed);
    B << '\n';
    rawWriteAll(Rt.LogFd, B.str(), B.size());
  }
  Rt.Initialized = true;
  Initializing = false;
}

// A signal another thread sent with pthread_kill runs its handler here, on
// its target while that thread holds the baton.
void syncPoint(ThreadState *Thr, uintptr_t Object, const char *Op) {
  if (WEFT_UNLIKELY(Op != nullptr))
    trace_export::labelNextPoint(Op);
  Rt.Sched.point(PointKind::Sync, Object);
  if (WEFT_UNLIKELY(Rt.Sched.now() >= process_timers::NextCheckNs))
    process_timers::fireDue(Thr);
  if (WEFT_UNLIKELY(Thr->PendingSignals))
    deliverPendingSignals(Thr);
}
void accessPoint(ThreadState *Thr) {
  Rt.Sched.point(PointKind::Access);
  if (WEFT_UNLIKELY(Rt.Sched.now() >= process_timers::NextCheckNs))
    process_timers::fireDue(Thr);
  if (WEFT_UNLIKELY(Thr->PendingSignals))
    deliverPendingSignals(Thr);
}

void *lookupReal(const char *Name, const char *Version) {
  void *P = Version ? dlvsym(RTLD_NEXT, Name, Version) : dlsym(RTLD_NEXT, Name);
  if (!P) {
    rawPrint("weft: fatal: cannot find the real '");
    rawPrint(Name);
    rawPrint("'\n");
    rawExit(kRuntimeFailureExit);
  }
  return P;
}

} // namespace weft

WEFT_INTERFACE void __weft_init() { weft::initialize(); }

// Programs whose own constructors start threads before any instrumented
// module's constructor still get a scheduler.
__attribute__((constructor(101))) static void weftRuntimeCtor() { weft::initialize(); }
