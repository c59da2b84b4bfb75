//===- rtl.cc - Runtime start-up, scheduling points and shutdown ----------===//

#include "rtl.h"

#include "base/raw_syscall.h"
#include "interceptor.h"
#include "report.h"
#include "text_buffer.h"

#include "weft/runtime_abi.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace weft {

Runtime Rt;

namespace {

class RuntimeObserver final : public SchedulerObserver {
public:
  [[noreturn]] void onDeadlock() override { reportDeadlock(); }
  [[noreturn]] void onStepLimit() override { reportStepLimit(); }
};
RuntimeObserver Observer;
bool Initializing;

uint64_t randomSeed() {
  uint32_t R = 0;
  if (syscall(SYS_getrandom, &R, sizeof(R), 0) != sizeof(R))
    R = static_cast<uint32_t>(rawGetpid()) * 2654435761u;
  return R;
}

void openLog() {
  const char *Path = Rt.Opts.log_path;
  if (!Path || !*Path || !strcmp(Path, "stderr"))
    return;
  if (!strcmp(Path, "stdout")) {
    Rt.LogFd = 1;
    return;
  }
  TextBuffer Name;
  Name << Path << '.';
  Name.dec(uint64_t(rawGetpid()));
  int Fd = static_cast<int>(syscall(SYS_open, Name.str(),
                                    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (Fd < 0) {
    rawPrint("weft: error: cannot open log_path '");
    rawPrint(Name.str());
    rawPrint("'\n");
    rawExit(2);
  }
  Rt.LogFd = Fd;
}

// Runs last among atexit handlers (registered first). The program's own
// output is flushed before weft's closing line so the two do not interleave.
void finalize() {
  finishSchedule(/*NormalExit=*/true);
  if (Rt.ReportCount == 0)
    return;
  fflush(nullptr);
  rawExit(finalReportStatus());
}

} // namespace

void initialize() {
  if (Rt.Initialized || Initializing)
    return;
  Initializing = true;
  parseFlags(Rt.Opts);
  Rt.Seed = Rt.Opts.SeedGiven ? Rt.Opts.seed : randomSeed();
  openLog();
  stack_trie::init();
  Rt.Strat = makeStrategy();
  ThreadState *Main = internalNew<ThreadState>();
  Rt.Sched.start(Rt.Strat, Rt.Seed, Rt.Opts.max_steps, &Main->Green, &Observer);
  Main->Clock.set(Main->tid(), Main->CurEpoch);
  Main->Handle = pthread_self();
  learnStackBounds(Main);
  Rt.ByHandle.getOrInsert(uintptr_t(Main->Handle)) = Main;
  CurThread = Main;
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

void syncPoint(ThreadState *, uintptr_t Object) {
  Rt.Sched.point(PointKind::Sync, Object);
}
void accessPoint(ThreadState *) { Rt.Sched.point(PointKind::Access); }

void *lookupReal(const char *Name, const char *Version) {
  void *P = Version ? dlvsym(RTLD_NEXT, Name, Version) : dlsym(RTLD_NEXT, Name);
  if (!P) {
    rawPrint("weft: fatal: cannot find the real '");
    rawPrint(Name);
    rawPrint("'\n");
    rawExit(1);
  }
  return P;
}

} // namespace weft

WEFT_INTERFACE void __weft_init() { weft::initialize(); }

// Programs whose own constructors start threads before any instrumented
// module's constructor still get a scheduler.
__attribute__((constructor(101))) static void weftRuntimeCtor() { weft::initialize(); }
