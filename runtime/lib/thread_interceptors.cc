//===- thread_interceptors.cc - pthread_create/join/detach/exit -----------===//
//
// Every program thread is a green thread backed by a real OS thread: the real
// pthread_create starts it, and it parks until the scheduler first hands it
// the baton. Creation and join are happens-before edges:
//   create:  parent's clock -> child's initial clock
//   join:    child's final clock -> joiner
//
//===----------------------------------------------------------------------===//

#include "interceptor.h"
#include "report.h"
#include "rtl.h"

#include <cerrno>

using namespace weft;

WEFT_DECLARE_REAL(int, pthread_create, pthread_t *, const pthread_attr_t *,
                  void *(*)(void *), void *)
WEFT_DECLARE_REAL(int, pthread_join, pthread_t, void **)
WEFT_DECLARE_REAL(int, pthread_detach, pthread_t)
WEFT_DECLARE_REAL(void, pthread_exit, void *)

namespace weft {

static void learnStackBounds(ThreadState *T) {
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
}

static void *threadTrampoline(void *P) {
  auto *T = static_cast<ThreadState *>(P);
  Rt.Sched.waitForFirstTurn(&T->Green);
  CurThread = T;
  // The stack (and the TLS block glibc keeps with it) may have belonged to
  // an exited thread: its old accesses are not this thread's history.
  learnStackBounds(T);
  if (T->StackHi)
    resetRange(T->StackLo, T->StackHi - T->StackLo);
  void *Ret = T->StartRoutine(T->StartArg);
  threadExit(T, Ret);
  return Ret;
}

void threadExit(ThreadState *T, void *) {
  T->FinalClock.assign(T->Clock);
  T->Finished = true;
  T->Joiners.wakeAll(Rt.Sched);
  T->AcquireFenceClock.release();
  T->ReleaseFenceClock.release();
  CurThread = nullptr;
  Rt.Sched.finishCurrent();
}

} // namespace weft

WEFT_INTERCEPTOR int pthread_create(pthread_t *Th, const pthread_attr_t *Attr,
                                    void *(*Fn)(void *), void *Arg) {
  WEFT_ENSURE_REAL(pthread_create);
  initialize();
  ThreadState *Parent = CurThread;
  if (!Parent)
    return WEFT_REAL(pthread_create)(Th, Attr, Fn, Arg);
  if (Rt.Sched.numThreads() + 1 >= kMaxThreads)
    rawDie("weft: fatal: more than 4194303 threads in one run\n");
  ThreadState *Child = internalNew<ThreadState>();
  Child->StartRoutine = Fn;
  Child->StartArg = Arg;
  Child->Parent = Parent->tid();
  Child->CreationStack = stack_trie::child(Parent->Stack, WEFT_CALLER_PC);
  Rt.Sched.addThread(&Child->Green);
  Child->Clock.assign(Parent->Clock);
  Child->Clock.set(Child->tid(), Child->CurEpoch);
  releaseTick(Parent);
  int DetachState = PTHREAD_CREATE_JOINABLE;
  if (Attr)
    pthread_attr_getdetachstate(Attr, &DetachState);
  Child->Detached = DetachState == PTHREAD_CREATE_DETACHED;
  int R = WEFT_REAL(pthread_create)(Th, Attr, threadTrampoline, Child);
  if (R != 0) {
    Rt.Sched.abandonThread(&Child->Green);
    return R;
  }
  Child->Handle = *Th;
  Rt.ByHandle.getOrInsert(uintptr_t(*Th)) = Child;
  Rt.Sched.point(PointKind::ThreadCreate);
  return 0;
}

WEFT_INTERCEPTOR int pthread_join(pthread_t Th, void **Ret) {
  WEFT_ENSURE_REAL(pthread_join);
  ThreadState *Thr = CurThread;
  ThreadState **Found = Rt.ByHandle.find(uintptr_t(Th));
  if (!Thr || !Found)
    return WEFT_REAL(pthread_join)(Th, Ret);
  ThreadState *T = *Found;
  if (T == Thr)
    return EDEADLK;
  syncPoint(Thr);
  Thr->BlockedStack = stack_trie::child(Thr->Stack, WEFT_CALLER_PC);
  while (!T->Finished)
    T->Joiners.wait(Rt.Sched, WaitInfo{WaitKind::Join, index(T->tid())}, kNoDeadline);
  Thr->Clock.join(T->FinalClock);
  T->Joined = true;
  T->FinalClock.release();
  T->Clock.release();
  Rt.ByHandle.erase(uintptr_t(Th));
  // The OS thread is past its last scheduled instruction; the real join only
  // waits for it to leave the kernel.
  return WEFT_REAL(pthread_join)(Th, Ret);
}

WEFT_INTERCEPTOR int pthread_detach(pthread_t Th) {
  WEFT_ENSURE_REAL(pthread_detach);
  if (CurThread)
    if (ThreadState **Found = Rt.ByHandle.find(uintptr_t(Th)))
      (*Found)->Detached = true;
  return WEFT_REAL(pthread_detach)(Th);
}

WEFT_INTERCEPTOR void pthread_exit(void *Ret) {
  WEFT_ENSURE_REAL(pthread_exit);
  if (ThreadState *Thr = CurThread)
    threadExit(Thr, Ret);
  WEFT_REAL(pthread_exit)(Ret);
  __builtin_unreachable();
}

WEFT_INTERCEPTOR int sched_yield() {
  if (CurThread)
    Rt.Sched.point(PointKind::Yield);
  return 0;
}
