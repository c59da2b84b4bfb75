//===- signal_delivery.h - Which thread runs a signal's handler, and when -===//
//
// A handler is program code and runs only on the thread holding the baton.
// So weft, not the kernel, decides where and when a signal between
// scheduled threads (pthread_kill), a kill() of the own process and a
// virtual timer's signal (process_timers.cc) is delivered: it records the
// signal on its target, which raises it for real at its next scheduling
// point; a target blocked in a modelled wait has that wait interrupted
// (Scheduler::interruptWait) and runs the handler as the next thing it
// does, before the wait's call returns (EINTR, a spurious wake-up, or it
// waits again). This file never blocks and never runs a handler itself on
// a thread other than the caller.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_SIGNAL_DELIVERY_H
#define WEFT_RUNTIME_SIGNAL_DELIVERY_H

#include "core/rtl.h"

#include <csignal>

namespace weft {

/// What delivering a signal does now, by its disposition.
enum class SignalEffect : uint8_t {
  Ignored, // SIG_IGN, or SIG_DFL of a signal whose default is to ignore
  Handler, // a handler runs
  Default, // SIG_DFL that terminates or stops the process
};
SignalEffect signalEffect(int Sig);

/// Whether \p T blocks \p Sig: its signal mask, or the one it waits with in
/// sigsuspend.
bool blocksSignal(ThreadState *T, int Sig);

/// The siginfo a routed signal carries (kill: SI_USER; setitimer/alarm:
/// SI_KERNEL; timer_create: SI_TIMER with the timer's id and value).
struct RoutedInfo {
  int Code = SI_USER;
  int TimerId = 0;
  int Overrun = 0;
  union sigval Value = {};
};

/// Makes \p Sig pending on \p T, another thread than the caller (or any
/// thread when no one holds the baton in the caller's name: a timer fired
/// while all are blocked), with \p Info (null: as pthread_kill sends it,
/// SI_TKILL). \p Release, if not null, happens before the handler. If \p T
/// is blocked in a modelled wait that the signal interrupts, the wait ends
/// now and \p T runs the handler first thing when it is scheduled.
void sendToThread(ThreadState *T, int Sig, const RoutedInfo *Info, const VectorClock *Release);

/// The thread that takes a signal sent to the whole process, as Linux
/// picks it: the main thread unless it has finished or blocks the signal,
/// else the lowest-numbered live thread that does not block it (Linux goes
/// round-robin from the last target there; weft's rule is fixed so that
/// the choice replays). Null if every thread blocks it.
ThreadState *processSignalTarget(int Sig);

/// A signal to the whole process (kill of the own pid, a timer): delivered
/// on processSignalTarget's pick, at once if that is \p Current (null: no
/// thread runs in the caller's name). False if weft does not route it (no
/// handler is installed, or every thread blocks it): the caller sends it
/// for real and the kernel acts.
bool routeProcessSignal(ThreadState *Current, int Sig, const RoutedInfo &Info,
                        const VectorClock *Release);

/// Scheduler::interruptWait ended \p Thr's wait for a signal: runs what is
/// pending (sigsuspend runs it itself, with its own mask).
void onWaitInterruptedBySignal(ThreadState *Thr);

/// "<Prefix><N><Suffix>" into \p Out (64 bytes do for /proc paths), built by
/// hand: an initialized array would become a call to memcpy.
void procPath(char *Out, const char *Prefix, unsigned N, const char *Suffix);
/// The hexadecimal number after \p Key ("SigBlk:", "sigmask:") at the start
/// of a line of the /proc file \p Path; false if it is unreadable or has none.
bool readProcHex(const char *Path, const char *Key, uint64_t *Out);

} // namespace weft

#endif
