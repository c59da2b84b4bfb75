//===- report.h - Every report weft prints, and the line that replays it --===//
//
// One printer for every report kind, so that all reports share one layout:
//
//   ==================
//   WARNING: weft: <kind> (pid=N)
//     <what happened, with full symbolized stacks>
//     <location, threads involved>
//   SUMMARY: weft: <kind> <file:line:col> in <function>
//   To reproduce: WEFT_SEED=0x... <command>
//   ==================
//
// Everything but the pid and raw addresses is the same for the same binary
// and seed (addresses too under `weft replay`, which turns ASLR off).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_REPORT_H
#define WEFT_RUNTIME_REPORT_H

#include "core/rtl.h"

namespace weft {

/// A race between the current access (Cur at granule \p GranuleAddr, by the
/// current thread at \p Pc) and an earlier one (the slot Prev there, whose
/// stack and locks the access history keeps: access_history.h). Also prints
/// heap-use-after-free when the previous access was a free().
void reportDataRace(ThreadState *Thr, uintptr_t GranuleAddr, RawSlot Cur,
                    uintptr_t Pc, RawSlot Prev);
struct LockEdge;
/// A cycle of \p N edges in the lock-order graph, in cycle order.
void reportLockOrderInversion(const LockEdge *Cycle, size_t N);
/// The owner of a normal mutex locks it again (before it blocks forever).
void reportDoubleLock(ThreadState *Thr, uintptr_t Mutex, uintptr_t Pc,
                      StackId FirstLocked);
/// At exit: threads that finished but were neither joined nor detached.
/// Returns true if anything was reported.
bool reportThreadLeaks();
[[noreturn]] void reportDeadlock();
[[noreturn]] void reportStepLimit();
/// `weft test`'s time limit ran out (weft/test_channel.h): every thread's
/// state and stack, then exit. Runs in a signal handler, so it is best
/// effort: the driver kills the run if it does not end. \p Pc: where the
/// signal interrupted the thread it was delivered to.
[[noreturn]] void reportTimeout(uintptr_t Pc);
[[noreturn]] void reportCrash(int Signal, uintptr_t FaultAddr, uintptr_t Pc);
/// The name reports give a fatal signal: "SEGV", "BUS", "FPE", "ILL", "ABRT".
const char *fatalSignalName(int Signal);
[[noreturn]] void reportAssertion(const char *Expr, const char *File,
                                  unsigned Line, const char *Function,
                                  uintptr_t Pc);
/// Mutex misuse (unlock by a non-owner, of an unlocked mutex, ...).
void reportMutexMisuse(const char *What, uintptr_t Mutex, uintptr_t Pc);
/// \p Thr finishes with annotated ignores still enabled.
void reportIgnoresAtFinish(ThreadState *Thr);
/// The handler of signal \p Sig (at \p HandlerPc) changed errno.
void reportErrnoSpoiled(ThreadState *Thr, int Sig, uintptr_t HandlerPc);
/// A call of an async-signal-unsafe function (the pseudo frame \p FnPc,
/// malloc or free) at \p Pc, in a handler of an asynchronous signal.
void reportSignalUnsafeCall(ThreadState *Thr, uintptr_t Pc, uintptr_t FnPc);

/// True if [Addr, Addr+Size) overlaps a range annotated as a benign race
/// (annotations.cc).
bool isBenignRace(uintptr_t Addr, size_t Size);

/// Prints the closing summary at exit and returns the exit status weft
/// wants (or -1 to keep the program's own).
int finalReportStatus();

} // namespace weft

#endif
