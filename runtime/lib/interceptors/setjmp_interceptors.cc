//===- setjmp_interceptors.cc - setjmp/longjmp and the shadow call stack --===//
//
// A longjmp leaves every instrumented frame between it and its setjmp
// without their __weft_func_exit, so the thread's call-stack array would keep
// them (and every later stack would show them). setjmp records the depth it
// was called at (per thread, by buffer address: shadow_stack.h) and longjmp
// goes back to it.
//
// setjmp returns twice, so it cannot be wrapped by a C function: the real
// one would save a frame that is gone when longjmp comes back. The wrappers
// below are assembly that calls the recorder and then jumps (not calls) to
// the real setjmp with the caller's stack and registers as they were.
//
// The wrappers must leave the stack and every register the real setjmp
// saves exactly as the caller left them. x86-64 only, like the rest of weft.
//
//===----------------------------------------------------------------------===//

#include "interceptors/interceptor.h"
#include "core/rtl.h"

#include <setjmp.h>

using namespace weft;

// The real functions, and the recorder the wrappers call: file-local, named
// for the assembly below with asm labels.
static void *RealSetjmp asm("weft_real_setjmp_fn") __attribute__((used));
static void *Real_Setjmp asm("weft_real__setjmp_fn") __attribute__((used));
static void *RealSigsetjmp asm("weft_real___sigsetjmp_fn") __attribute__((used));

/// Called by the wrappers with the buffer, before the real setjmp runs.
static void onSetjmp(void *Env) asm("weft_on_setjmp") __attribute__((used));
static void onSetjmp(void *Env) {
  if (__builtin_expect(!RealSetjmp, 0)) {
    // Before anything else: the wrappers jump through these.
    Real_Setjmp = lookupReal("_setjmp", nullptr);
    RealSigsetjmp = lookupReal("__sigsetjmp", nullptr);
    RealSetjmp = lookupReal("setjmp", nullptr);
  }
  if (ThreadState *Thr = CurThread)
    Thr->Shadow.noteSetjmp(reinterpret_cast<uintptr_t>(Env));
}

// Each wrapper saves the argument registers (rdi: the buffer; rsi:
// __sigsetjmp's savemask), keeps the stack 16-byte aligned for the call,
// restores them and jumps to the real function, which then sees exactly the
// caller's stack pointer and return address.
#define WEFT_SETJMP_WRAPPER(Name)                                              \
  ".globl " #Name "\n"                                                         \
  ".type " #Name ",@function\n" #Name ":\n"                                    \
  "  push %rdi\n"                                                              \
  "  push %rsi\n"                                                              \
  "  sub $8, %rsp\n"                                                           \
  "  call weft_on_setjmp\n"                                                    \
  "  add $8, %rsp\n"                                                           \
  "  pop %rsi\n"                                                               \
  "  pop %rdi\n"                                                               \
  "  jmp *weft_real_" #Name "_fn(%rip)\n"                                      \
  ".size " #Name ", .-" #Name "\n"

asm(".text\n"
    WEFT_SETJMP_WRAPPER(setjmp)
    WEFT_SETJMP_WRAPPER(_setjmp)
    WEFT_SETJMP_WRAPPER(__sigsetjmp));

WEFT_DECLARE_REAL(void, longjmp, struct __jmp_buf_tag *, int)
WEFT_DECLARE_REAL(void, _longjmp, struct __jmp_buf_tag *, int)
WEFT_DECLARE_REAL(void, siglongjmp, struct __jmp_buf_tag *, int)
WEFT_DECLARE_REAL(void, __longjmp_chk, struct __jmp_buf_tag *, int)

static void beforeLongjmp(struct __jmp_buf_tag *Env) {
  if (ThreadState *Thr = CurThread)
    Thr->Shadow.longjmpTo(reinterpret_cast<uintptr_t>(Env));
}

WEFT_INTERCEPTOR void longjmp(struct __jmp_buf_tag *Env, int Val) {
  WEFT_ENSURE_REAL(longjmp);
  beforeLongjmp(Env);
  WEFT_REAL(longjmp)(Env, Val);
  __builtin_unreachable();
}

WEFT_INTERCEPTOR void _longjmp(struct __jmp_buf_tag *Env, int Val) {
  WEFT_ENSURE_REAL(_longjmp);
  beforeLongjmp(Env);
  WEFT_REAL(_longjmp)(Env, Val);
  __builtin_unreachable();
}

WEFT_INTERCEPTOR void siglongjmp(struct __jmp_buf_tag *Env, int Val) {
  WEFT_ENSURE_REAL(siglongjmp);
  beforeLongjmp(Env);
  WEFT_REAL(siglongjmp)(Env, Val);
  __builtin_unreachable();
}
WEFT_DEFINE_OWN(siglongjmp)

// What longjmp becomes with _FORTIFY_SOURCE.
WEFT_INTERCEPTOR void __longjmp_chk(struct __jmp_buf_tag *Env, int Val) {
  WEFT_ENSURE_REAL(__longjmp_chk);
  beforeLongjmp(Env);
  WEFT_REAL(__longjmp_chk)(Env, Val);
  __builtin_unreachable();
}
