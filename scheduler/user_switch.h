//===- user_switch.h - Green threads switched in user space ---------------===//
//
// With thread_switch=user a hand-off between two program threads is a switch
// of registers, stack and thread pointer on the kernel thread that holds the
// baton, instead of a futex wake of the next thread's own OS thread and a
// sleep of this one. This file owns the kernel-thread side of that: the
// record of each OS thread (a *carrier*, which can run any program thread's
// saved context), the context switch itself (hand-written, callee-saved
// registers, MXCSR and the x87 control word), the thread-pointer write
// (wrfsbase where the CPU and kernel allow it, else arch_prctl) and the idle
// loop of a carrier that carries nobody. It never decides who runs: the
// Scheduler does, and calls in here only while it holds the baton.
//
// Every program thread keeps its own OS thread (the real pthread_create
// made it, with glibc's TCB, TLS and stack): its *home*. A thread runs away
// from home only in user space; it goes home (Scheduler::goHome) for what
// needs the kernel to know it: a blocking system call, its exit, fork,
// signals it raises at itself. A pinned thread (Pinned) never leaves home:
// it is switched with the futex hand-off, as every thread is with
// thread_switch=os.
//
// Code that runs on a carrier's own stack (the *scheduler stack*: between
// saving one context and loading the next, and while idle) runs with some
// other thread's thread pointer, so it must not touch TLS: no errno, no
// CurThread, no libc calls that do. It uses raw system calls only.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_USER_SWITCH_H
#define WEFT_SCHEDULER_USER_SWITCH_H

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace weft {

struct GreenContext;

/// One OS thread as a carrier of saved contexts.
struct Carrier {
  /// Idle-loop doorbell: 0 idle and awake, 1 a context was sent (Load),
  /// 2 idle and asleep in FUTEX_WAIT.
  std::atomic<uint32_t> Word{0};
  GreenContext *Load = nullptr; // what the sender wants run; valid with Word 1
  uintptr_t Fs = 0;            // the thread pointer currently loaded here
  char *Stack = nullptr;       // the scheduler stack (kSchedulerStackBytes)
  int Tid = 0;                 // the OS thread's id (gettid)
  bool SignalsBlocked = false; // idle: every signal but glibc's own blocked
};

/// Where a green thread's context is, from the baton holder's point of view.
enum class Where : uint8_t {
  Home,    // on its own OS thread: before its first turn, in or back from a
           // system call, pinned, or waiting there with the futex hand-off
  Running, // the current thread, on the carrier that holds the baton
  Saved,   // registers saved on its stack: any carrier may load it
};

/// The user-switch state of one green thread (Scheduler::contextOf).
struct GreenContext {
  void *Sp = nullptr; // saved stack pointer while Saved
  uintptr_t Fs = 0;   // its thread pointer (glibc's TCB)
  Carrier Home;       // its own OS thread
  bool Retry = false; // resumed without a hand-off: pick again (parkUser)
};

namespace user_switch {

/// Bytes of a carrier's scheduler stack.
constexpr size_t kSchedulerStackBytes = 64 * 1024;

/// Whether user space may write the thread pointer itself (FSGSBASE).
bool hasWrFsBase();
/// Makes the calling OS thread's thread pointer \p Fs (no TLS use).
void setThreadPointer(uintptr_t Fs);
/// The calling thread's thread pointer, as glibc stores it at %fs:0.
uintptr_t threadPointer();

/// Fills \p C for the calling OS thread: thread pointer, tid, scheduler
/// stack. Returns false if the stack could not be mapped.
bool initCarrier(Carrier &C);
/// Unmaps \p C's scheduler stack; the OS thread never carries again.
void releaseCarrier(Carrier &C);

/// The signal mask that every floating thread has (the main thread's at
/// start-up); a thread that sets another one is pinned.
void recordFloatMask();
uint64_t floatMask();
/// The calling OS thread's signal mask, in the kernel's layout.
uint64_t currentMask();
/// Idle carriers block every signal but glibc's two internal ones (a
/// handler there would run on another thread's TLS), and unblock them
/// before they load a context.
void blockSignalsForIdle(Carrier &C);
void unblockSignalsAfterIdle(Carrier &C);

/// Sends \p Ctx to \p C, which is idle or about to be: \p C loads it.
void sendTo(Carrier &C, GreenContext *Ctx);
/// Loads \p Ctx on carrier \p C (the caller runs on C's scheduler stack).
[[noreturn]] void loadOn(Carrier &C, GreenContext &Ctx);
/// The idle loop of \p C on its scheduler stack: waits to be sent a
/// context, then loads it.
[[noreturn]] void idle(Carrier &C);

} // namespace user_switch

extern "C" {
/// Saves the running context's callee-saved registers on its stack and the
/// stack pointer in *\p Save, then calls \p Fn(\p Arg) on the stack that
/// ends at \p StackTop. Fn never returns. When the saved context is loaded
/// again (weft_context_load), this returns the value passed there.
void *weft_context_save_and_call(void **Save, void *StackTop, void (*Fn)(void *),
                                 void *Arg);
/// Loads a context saved by weft_context_save_and_call, which returns \p Ret.
[[noreturn]] void weft_context_load(void *Sp, void *Ret);
}

} // namespace weft

#endif
