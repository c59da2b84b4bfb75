//===- process_timers.h - Timer signals on the virtual clock --------------===//
//
// alarm, setitimer and timer_create's signal timers expire in weft's
// virtual time and their signal is delivered by weft (signal_delivery.h)
// at a scheduling point, to a thread chosen by a fixed rule, never by the
// kernel: no real timer is armed, so a run does not depend on which OS
// thread the kernel picks or on how fast the machine is, and it replays.
//
// Clocks: ITIMER_REAL, alarm and timer_create on CLOCK_REALTIME,
// CLOCK_MONOTONIC and CLOCK_BOOTTIME run on the virtual clock. ITIMER_VIRTUAL,
// ITIMER_PROF and CLOCK_PROCESS_CPUTIME_ID count the program's CPU time,
// defined as the virtual time its threads spent running: one step
// (Scheduler::kStepNs) per scheduling point, never the time virtual time
// jumps while every thread waits.
//
// Idle and spinning: when no thread can run, virtual time jumps to the next
// expiry (fireWhileIdle). When one thread alone can run and it reads the
// same unchanging location at the same instruction quantum after quantum,
// it is waiting for something only a handler can do (`while (!fired);`):
// time jumps to the next expiry too (spinProbe), unless a timed wait is due
// first, so `alarm(100)` and a busy loop take no 100 s.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_PROCESS_TIMERS_H
#define WEFT_RUNTIME_PROCESS_TIMERS_H

#include "core/rtl.h"

namespace weft {
namespace process_timers {

/// Virtual time (Scheduler::now) at which a timer may be due: points
/// compare against it and call fireDue once it is reached. kNoDeadline
/// while no timer is armed.
extern uint64_t NextCheckNs;
/// Whether any timer is armed: spinProbe is called only then.
extern bool Armed;

/// At a scheduling point of \p Thr (the baton holder): fires the timers
/// that are due, in the order of their ids.
void fireDue(ThreadState *Thr);
/// Nothing can run: if a timer expires before every timed wait's deadline,
/// moves virtual time to it and fires it. True if that made a thread
/// runnable.
bool fireWhileIdle();
/// An Access point of \p Thr about a read or write of [Addr, Addr+Size):
/// detects the lone spinning thread (see above).
void spinProbe(ThreadState *Thr, uintptr_t Addr, unsigned Size, bool IsWrite, uintptr_t Pc);
/// In the child of fork(): timers are not inherited.
void resetAfterFork();

} // namespace process_timers
} // namespace weft

#endif
