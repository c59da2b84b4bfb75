//===- static_init_interceptors.cc - C++ function-local static init guards ===//
//
// libstdc++'s __cxa_guard_acquire waits in the kernel (futex) while another
// thread runs the initializer; under weft that would hold the baton forever.
// For scheduled threads weft owns the guard: byte 0 set means initialized
// (the Itanium ABI's fast path reads it), byte 1 set means "in progress".
// The initializer's completion happens before every later use of the guard.
//
//===----------------------------------------------------------------------===//

#include "interceptors/interceptor.h"
#include "core/rtl.h"

using namespace weft;

WEFT_DECLARE_REAL(int, __cxa_guard_acquire, uint64_t *)
WEFT_DECLARE_REAL(void, __cxa_guard_release, uint64_t *)
WEFT_DECLARE_REAL(void, __cxa_guard_abort, uint64_t *)

WEFT_INTERCEPTOR int __cxa_guard_acquire(uint64_t *Guard) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(__cxa_guard_acquire);
    return WEFT_REAL(__cxa_guard_acquire)(Guard);
  }
  auto *Bytes = reinterpret_cast<volatile uint8_t *>(Guard);
  SyncVar *S = syncFor(uintptr_t(Guard));
  for (;;) {
    if (Bytes[0]) {
      Thr->Clock.join(S->Clock);
      return 0;
    }
    if (!Bytes[1]) {
      Bytes[1] = 1;
      return 1;
    }
    Thr->BlockedStack = stack_trie::child(currentStack(Thr), WEFT_CALLER_PC);
    S->m().CondWaiters.wait(Rt.Sched, WaitInfo{WaitKind::StaticInit, uintptr_t(Guard)}, kNoDeadline);
  }
}

WEFT_INTERCEPTOR void __cxa_guard_release(uint64_t *Guard) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(__cxa_guard_release);
    WEFT_REAL(__cxa_guard_release)(Guard);
    return;
  }
  auto *Bytes = reinterpret_cast<volatile uint8_t *>(Guard);
  SyncVar *S = syncFor(uintptr_t(Guard));
  S->Clock.join(Thr->Clock);
  releaseTick(Thr);
  Bytes[1] = 0;
  __atomic_store_n(&Bytes[0], 1, __ATOMIC_RELEASE);
  S->m().CondWaiters.wakeAll(Rt.Sched);
}

WEFT_INTERCEPTOR void __cxa_guard_abort(uint64_t *Guard) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(__cxa_guard_abort);
    WEFT_REAL(__cxa_guard_abort)(Guard);
    return;
  }
  auto *Bytes = reinterpret_cast<volatile uint8_t *>(Guard);
  Bytes[1] = 0;
  syncFor(uintptr_t(Guard))->m().CondWaiters.wakeAll(Rt.Sched);
}
