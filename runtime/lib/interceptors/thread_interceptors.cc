//===- thread_interceptors.cc - pthread_create/join/detach/exit -----------===//
//
// Every program thread is a green thread backed by a real OS thread: the real
// pthread_create starts it (thrd_create too: c11_thread_interceptors.cc), and it parks until the scheduler first hands it
// the baton. Creation and join are happens-before edges:
//   create:  parent's clock -> child's initial clock
//   join:    child's final clock -> joiner (pthread_join, and the
//            pthread_tryjoin_np / timedjoin_np / clockjoin_np that find it
//            finished; their timeouts are virtual time)
//
// The real pthread_create, join and detach run with the calling thread's
// accesses ignored (IgnoreAccessesScope): glibc keeps the stacks of finished
// threads in a cache under a lock of its own, and a cached stack carries
// the TLS vector its first creator calloc'ed. The next creator reuses it,
// and whichever thread's join or create trims the cache frees it, with no
// order to the calloc that weft could see (nested std::async, thread pools
// started from threads). ThreadSanitizer ignores these calls the same way.
//
// What a thread costs is bounded by the threads alive at once: its clock
// slot goes back at exit (clock_slots.h), and its ThreadState is freed once
// it is finished and joined or detached (retireThread); a 24-byte
// ThreadRecord per thread stays for reports.
//
//===----------------------------------------------------------------------===//

#include "interceptors/cpu_pinning.h"
#include "interceptors/interceptor.h"
#include "report/report.h"
#include "core/rtl.h"
#include "core/sync_ops.h"
#include "shadow/unwound_stack.h"
#include "base/internal_libc.h"

#include <cerrno>
#include <cstring>
#include <dlfcn.h>
#include <link.h>

using namespace weft;

WEFT_DECLARE_REAL(int, pthread_create, pthread_t *, const pthread_attr_t *,
                  void *(*)(void *), void *)
WEFT_DECLARE_REAL(int, pthread_join, pthread_t, void **)
WEFT_DECLARE_REAL(int, pthread_tryjoin_np, pthread_t, void **)
WEFT_DECLARE_REAL(int, pthread_timedjoin_np, pthread_t, void **, const struct timespec *)
WEFT_DECLARE_REAL(int, pthread_clockjoin_np, pthread_t, void **, clockid_t,
                  const struct timespec *)
WEFT_DECLARE_REAL(int, pthread_detach, pthread_t)
WEFT_DECLARE_REAL(void, pthread_exit, void *)

namespace weft {
namespace {

struct TlsScan {
  uintptr_t Tp, Floor; // the static block lies in [Floor, Tp)
  uintptr_t Lowest;
};

int lowestTlsBlock(struct dl_phdr_info *Info, size_t, void *Data) {
  auto *S = static_cast<TlsScan *>(Data);
  auto Block = reinterpret_cast<uintptr_t>(Info->dlpi_tls_data);
  if (Block >= S->Floor && Block < S->Tp && Block < S->Lowest)
    S->Lowest = Block;
  return 0;
}

/// How far below the thread pointer the modules' static TLS blocks begin:
/// the lowest block of a module loaded at start-up, as dl_iterate_phdr
/// names it for the calling thread. glibc's _dl_get_tls_static_info counts
/// more than that (the TCB, which lies above the thread pointer, and the
/// surplus kept for libraries loaded later), and a thread's stack begins
/// right under what it counts: taking all of it named the locals of a
/// thread's first frames "TLS". Computed once: the offsets are the same in
/// every thread.
size_t staticTlsBytesBelowTp() {
  static size_t Below = ~size_t(0);
  if (Below != ~size_t(0))
    return Below;
  Below = 0;
  using TlsInfoFn = void (*)(size_t *, size_t *);
  auto TlsInfo =
      reinterpret_cast<TlsInfoFn>(dlsym(RTLD_DEFAULT, "_dl_get_tls_static_info"));
  if (!TlsInfo)
    return Below;
  size_t StaticSize = 0, Align = 0;
  TlsInfo(&StaticSize, &Align);
  TlsScan S;
  asm("mov %%fs:0, %0" : "=r"(S.Tp));
  S.Floor = S.Tp - StaticSize;
  S.Lowest = S.Tp;
  dl_iterate_phdr(lowestTlsBlock, &S);
  Below = S.Tp - S.Lowest;
  return Below;
}

} // namespace

void learnStackBounds(ThreadState *T) {
  T->OsTid = int(rawGettid()); // called on T's own OS thread
  UnscheduledScope Quiet;
  pthread_attr_t Attr;
  if (pthread_getattr_np(pthread_self(), &Attr) != 0)
    return;
  void *Addr;
  size_t Size;
  if (pthread_attr_getstack(&Attr, &Addr, &Size) == 0) {
    T->StackLo = reinterpret_cast<uintptr_t>(Addr);
    T->StackHi = T->StackLo + Size;
  }
  pthread_attr_destroy(&Attr);
  // Static TLS sits just below the thread pointer on x86-64 (TLS variant
  // II), at the same offsets in every thread.
  if (size_t Below = staticTlsBytesBelowTp()) {
    uintptr_t Tp;
    asm("mov %%fs:0, %0" : "=r"(Tp));
    T->TlsLo = Tp - Below;
    T->TlsHi = Tp;
  }
}

/// Runs when a forced unwind (a cancel, cancel_interceptors.cc) passes
/// the trampoline: the thread's cleanup handlers and destructors have run,
/// scheduled; it ends now, with glibc's PTHREAD_CANCELED as its result.
/// After pthread_exit, which ended the thread in the scheduler before its
/// unwind, it has nothing left to do.
static void finishUnwound(void *P) {
  auto *T = static_cast<ThreadState *>(P);
  if (CurThread != T)
    return;
  // Cancelled inside a real blocking call (glibc acted in the kernel call):
  // take the baton back first.
  if (T->Green.Status == ThreadStatus::InSyscall)
    Rt.Sched.reenterAfterSyscall(&T->Green);
  threadExit(T, PTHREAD_CANCELED);
}

static void *threadTrampoline(void *P) {
  auto *T = static_cast<ThreadState *>(P);
  Rt.Sched.waitForFirstTurn(&T->Green);
  Rt.Sched.initHome(&T->Green);
  setCurThread(T);
  cpu_pinning::threadStarted(T);
  useAltStack();
  // The stack (and the TLS block glibc keeps with it) may have belonged to
  // an exited thread: its old accesses are not this thread's history. Its
  // shadow pages go back to the kernel (shadow.h): a stack is mostly
  // untouched, and asking which pages are resident would cost more.
  learnStackBounds(T);
  if (T->StackHi)
    releaseRange(T->StackLo, T->StackHi - T->StackLo);
  void *Ret;
  pthread_cleanup_push(finishUnwound, T);
  Ret = T->StartRoutine(T->StartArg);
  pthread_cleanup_pop(0);
  threadExit(T, Ret);
  return Ret;
}

/// The word of the calling thread's glibc descriptor that holds its kernel
/// tid until the kernel clears it, and wakes its waiters, as the OS thread
/// exits (CLONE_CHILD_CLEARTID: what pthread_join waits on); null if not
/// found. Found once by looking for the tid in the first exiting thread's
/// descriptor, and checked at every exit, so that another glibc's layout
/// turns the exit fence (Scheduler::finishCurrent) off, never wrong.
static const uint32_t *exitWordOfSelf() {
  constexpr size_t kNotFound = ~size_t(0);
  static size_t Index = 0; // in 32-bit words; 0: not looked for yet
  auto *Self = reinterpret_cast<const uint32_t *>(pthread_self());
  uint32_t Tid = uint32_t(rawGettid());
  if (Index == 0) {
    Index = kNotFound;
    // Past the header's pointers (tcb, dtv, self); within the descriptor.
    for (size_t I = 6; I < 512 && Index == kNotFound; ++I)
      if (Self[I] == Tid)
        Index = I;
  }
  if (Index == kNotFound || Self[Index] != Tid)
    return nullptr;
  return Self + Index;
}

void threadExit(ThreadState *T, void *) {
  checkIgnoresAtFinish(T);
  // glibc ends the thread on its own OS thread (the kernel clears the tid
  // joiners wait on there), after thread_local destructors and the
  // program's cancellation handlers: it must be running there.
  Rt.Sched.goHome();
  // Robust mutexes it still holds pass to the next locker with EOWNERDEAD,
  // and what the dead owner did happens before that.
  for (SyncVar *S : T->RobustHeld) {
    S->Clock.join(T->Clock);
    S->m().Mutex.ownerDied(Rt.Sched);
  }
  T->RobustHeld.clear();
  T->FinalClock.assign(T->Clock);
  T->Finished = true;
  cpu_pinning::threadFinished(T);
  // Its slot may go to a thread created by whoever sees this end.
  Rt.Slots.release(T->Slot, T->CurEpoch);
  // Nobody will join it: freed by the next creation, once this OS thread
  // no longer runs on its state.
  if (T->Detached)
    Rt.Retiring.push_back(T);
  T->Joiners.wakeAll(Rt.Sched);
  T->AcquireFenceClock.release();
  T->ReleaseFenceClock.release();
  setCurThread(nullptr);
  releaseAltStack();
  T->Shadow.release(); // reused by the next thread created
  mutex_set::releaseCache(T->Locks);
  Rt.Sched.releaseHome(&T->Green);
  Rt.Sched.finishCurrent(exitWordOfSelf(), uint32_t(rawGettid()));
}

void retireThread(ThreadState *T) {
  if (ThreadState **H = Rt.ByHandle.find(uintptr_t(T->Handle)); H && *H == T)
    Rt.ByHandle.erase(uintptr_t(T->Handle));
  Rt.Sched.forget(&T->Green);
  internalDelete(T);
}

} // namespace weft

namespace weft {

int createThread(ThreadState *Parent, pthread_t *Th, const pthread_attr_t *Attr,
                 void *(*Fn)(void *), void *Arg, uintptr_t CallerPc) {
  WEFT_ENSURE_REAL(pthread_create);
  for (ThreadState *Done : Rt.Retiring)
    retireThread(Done);
  Rt.Retiring.clear();
  ThreadState *Child = internalNew<ThreadState>();
  Child->StartRoutine = Fn;
  Child->StartArg = Arg;
  Rt.Sched.addThread(&Child->Green);
  // It inherits the creator's signal mask, and with it a pin for the mask.
  Child->Green.Pinned = Child->Green.MaskPinned = Parent->Green.MaskPinned;
  ThreadRecord &Rec = Rt.Records.emplaceBack();
  Rec.Parent = Parent->tid();
  // The real stack: the shadow stack only has instrumented frames, and
  // pthread_create is often called from a library (std::thread lives in
  // libstdc++), which would hide the line in the program that started the
  // thread. Thread creation is rare enough to afford an unwind.
  Rec.CreationStack = unwoundStackFrom(Parent, CallerPc);
  Child->Clock.assign(Parent->Clock);
  startEpochs(Child, Parent->Clock);
  if (index(Child->Slot) >= kMaxThreads)
    rawDie("weft: fatal: more than 2097152 threads alive at once\n");
  releaseTick(Parent);
  int DetachState = PTHREAD_CREATE_JOINABLE;
  if (Attr)
    pthread_attr_getdetachstate(Attr, &DetachState);
  Child->Detached = DetachState == PTHREAD_CREATE_DETACHED;
  cpu_pinning::threadCreated(Parent, Child, Attr);
  int R;
  {
    IgnoreAccessesScope Ignore; // glibc's stack cache (the file comment)
    R = WEFT_REAL(pthread_create)(Th, Attr, threadTrampoline, Child);
  }
  if (R != 0) {
    Rt.Sched.abandonThread(&Child->Green);
    // It never ran and its clock went nowhere: its first epoch never
    // happened, so the slot is free as its last owner left it.
    Rt.Slots.release(Child->Slot, Child->CurEpoch - 1);
    Rt.Sched.forget(&Child->Green);
    internalDelete(Child);
    return R;
  }
  Child->Handle = *Th;
  Rt.ByHandle.getOrInsert(uintptr_t(*Th)) = Child;
  Rt.Sched.point(PointKind::ThreadCreate);
  return 0;
}

int joinThread(ThreadState *Thr, pthread_t Th, void **Ret, uintptr_t CallerPc,
               JoinWait Wait) {
  WEFT_ENSURE_REAL(pthread_join);
  ThreadState **Found = Rt.ByHandle.find(uintptr_t(Th));
  if (!Found) {
    IgnoreAccessesScope Ignore;
    return WEFT_REAL(pthread_join)(Th, Ret);
  }
  ThreadState *T = *Found;
  if (T == Thr)
    return EDEADLK;
  // As glibc: a detached thread cannot be joined (and its state is freed
  // without a join).
  if (T->Detached)
    return EINVAL;
  syncPoint(Thr, 0, "join");
  Thr->BlockedStack = stack_trie::child(currentStack(Thr), CallerPc);
  if (Wait.TryOnly && !T->Finished)
    return EBUSY;
  // A cancellation point on entry and whenever a cancel ends the wait
  // (pthread_tryjoin_np is none).
  while (!T->Finished) {
    cancellationPoint(Thr);
    if (!T->Joiners.wait(Rt.Sched, WaitInfo{WaitKind::Join, index(T->tid())}, Wait.Deadline) &&
        !T->Finished)
      return ETIMEDOUT;
  }
  Thr->Clock.join(T->FinalClock);
  T->Joined = true;
  T->FinalClock.release();
  T->Clock.release();
  // The OS thread is past its last scheduled instruction; the real join only
  // waits for it to leave the kernel (whatever the program called: the
  // thread is finished, so a plain join serves every kind).
  int R;
  {
    IgnoreAccessesScope Ignore; // glibc's stack cache (the file comment)
    R = WEFT_REAL(pthread_join)(Th, Ret);
  }
  retireThread(T);
  return R;
}

} // namespace weft

WEFT_INTERCEPTOR int pthread_create(pthread_t *Th, const pthread_attr_t *Attr,
                                    void *(*Fn)(void *), void *Arg) {
  WEFT_ENSURE_REAL(pthread_create);
  initialize();
  ThreadState *Parent = CurThread;
  if (!Parent)
    return WEFT_REAL(pthread_create)(Th, Attr, Fn, Arg);
  return createThread(Parent, Th, Attr, Fn, Arg, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_join(pthread_t Th, void **Ret) {
  WEFT_ENSURE_REAL(pthread_join);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(pthread_join)(Th, Ret);
  return joinThread(Thr, Th, Ret, WEFT_CALLER_PC);
}

namespace {

/// Whether the try or timed join of \p Th is weft's to model: a scheduled
/// caller and a thread weft started (else the real call serves).
bool modelledJoin(pthread_t Th) { return CurThread && Rt.ByHandle.find(uintptr_t(Th)); }

} // namespace

WEFT_INTERCEPTOR int pthread_tryjoin_np(pthread_t Th, void **Ret) {
  WEFT_ENSURE_REAL(pthread_tryjoin_np);
  if (!modelledJoin(Th))
    return WEFT_REAL(pthread_tryjoin_np)(Th, Ret);
  return joinThread(CurThread, Th, Ret, WEFT_CALLER_PC, JoinWait{kNoDeadline, true});
}

WEFT_INTERCEPTOR int pthread_timedjoin_np(pthread_t Th, void **Ret, const struct timespec *Abs) {
  WEFT_ENSURE_REAL(pthread_timedjoin_np);
  if (!modelledJoin(Th))
    return WEFT_REAL(pthread_timedjoin_np)(Th, Ret, Abs);
  // glibc: no timeout is a plain join; a malformed one is EINVAL.
  uint64_t Deadline = kNoDeadline;
  if (Abs && !waitDeadline(CLOCK_REALTIME, Abs, &Deadline))
    return EINVAL;
  return joinThread(CurThread, Th, Ret, WEFT_CALLER_PC, JoinWait{Deadline, false});
}

WEFT_INTERCEPTOR int pthread_clockjoin_np(pthread_t Th, void **Ret, clockid_t Clock,
                                          const struct timespec *Abs) {
  WEFT_ENSURE_REAL(pthread_clockjoin_np);
  if (!modelledJoin(Th))
    return WEFT_REAL(pthread_clockjoin_np)(Th, Ret, Clock, Abs);
  uint64_t Deadline = kNoDeadline;
  if (Abs && !waitDeadline(Clock, Abs, &Deadline))
    return EINVAL;
  return joinThread(CurThread, Th, Ret, WEFT_CALLER_PC, JoinWait{Deadline, false});
}

WEFT_INTERCEPTOR int pthread_detach(pthread_t Th) {
  WEFT_ENSURE_REAL(pthread_detach);
  if (CurThread)
    if (ThreadState **Found = Rt.ByHandle.find(uintptr_t(Th))) {
      ThreadState *T = *Found;
      bool WasDetached = T->Detached;
      T->Detached = true;
      // Already finished: nobody will name it again (the OS thread is gone
      // or leaving, without its state). One that finished detached is on
      // Rt.Retiring already.
      if (T->Finished && !WasDetached) {
        int R;
        {
          IgnoreAccessesScope Ignore; // glibc's stack cache (the file comment)
          R = WEFT_REAL(pthread_detach)(Th);
        }
        retireThread(T);
        return R;
      }
    }
  IgnoreAccessesScope Ignore;
  return WEFT_REAL(pthread_detach)(Th);
}
WEFT_DEFINE_OWN(pthread_detach)

WEFT_INTERCEPTOR void pthread_exit(void *Ret) {
  WEFT_ENSURE_REAL(pthread_exit);
  if (ThreadState *Thr = CurThread)
    threadExit(Thr, Ret);
  WEFT_REAL(pthread_exit)(Ret);
  __builtin_unreachable();
}
WEFT_DEFINE_OWN(pthread_exit)

WEFT_INTERCEPTOR int sched_yield() {
  if (ThreadState *Thr = CurThread) {
    Rt.Sched.point(PointKind::Yield);
    if (WEFT_UNLIKELY(Thr->PendingSignals))
      deliverPendingSignals(Thr);
  }
  return 0;
}
WEFT_DEFINE_OWN(sched_yield)

// Thread names ---------------------------------------------------------------

// The name is kept for reports (`thread T1 'worker'`) and also given to the
// kernel, so that debuggers and ps see it as usual.
WEFT_DECLARE_REAL(int, pthread_setname_np, pthread_t, const char *)
WEFT_DECLARE_REAL(int, pthread_getname_np, pthread_t, char *, size_t)

WEFT_INTERCEPTOR int pthread_setname_np(pthread_t Th, const char *Name) {
  WEFT_ENSURE_REAL(pthread_setname_np);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(pthread_setname_np)(Th, Name);
  size_t Len = internalStrlen(Name);
  if (Len >= sizeof(ThreadRecord::Name))
    return ERANGE;
  int R;
  {
    // Naming another thread writes /proc: not a scheduling point.
    UnscheduledScope Quiet;
    R = WEFT_REAL(pthread_setname_np)(Th, Name);
  }
  if (R == 0)
    if (ThreadState **T = Rt.ByHandle.find(uintptr_t(Th)))
      internalMemcpy(threadRecord((*T)->tid()).Name, Name, Len + 1);
  return R;
}

WEFT_INTERCEPTOR int pthread_getname_np(pthread_t Th, char *Buf, size_t Len) {
  WEFT_ENSURE_REAL(pthread_getname_np);
  if (CurThread)
    if (ThreadState **T = Rt.ByHandle.find(uintptr_t(Th)))
      if (const char *Name = threadRecord((*T)->tid()).Name; Name[0]) {
        size_t N = internalStrlen(Name);
        if (N >= Len)
          return ERANGE;
        internalMemcpy(Buf, Name, N + 1);
        return 0;
      }
  UnscheduledScope Quiet;
  return WEFT_REAL(pthread_getname_np)(Th, Buf, Len);
}
