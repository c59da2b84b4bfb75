//===- deadlock_steering.h - Turning a lock-order inversion into a deadlock ===//
//
// Owns the runtime half of deadlock steering (steer_deadlock=): the "held"
// sites of a reported lock-order cycle, i.e. the call sites where a thread
// took the first lock of an inverted pair, named as module+offset so that
// they survive ASLR. When the option is set, every lock and unlock tells the
// scheduler's SteeringStrategy how many locks the thread holds that it took
// at such a site; the strategy holds those threads back until the others
// have taken theirs (scheduler/strategies/steering_strategy.h). The lock-order report
// prints the value of the option for its cycle.
//
// Only sync operations touch this, and only when the option is set; it never
// changes a schedule otherwise.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_DEADLOCK_STEERING_H
#define WEFT_RUNTIME_DEADLOCK_STEERING_H

#include <cstddef>
#include <cstdint>

namespace weft {

class Strategy;
class TextBuffer;
struct ThreadState;
struct LockEdge;

namespace deadlock_steering {

/// \p Inner wrapped in a SteeringStrategy when steer_deadlock= names sites,
/// else \p Inner. A bad site is a `weft: error:` and exit 2.
Strategy *wrap(Strategy *Inner);

extern bool Active;
void locksChangedImpl(ThreadState *Thr);
/// After the current thread's held locks changed (a lock or an unlock).
inline void locksChanged(ThreadState *Thr) {
  if (Active)
    locksChangedImpl(Thr);
}

/// Appends the steer_deadlock= value for \p Cycle: the distinct sites where
/// each edge's first lock was taken, '/'-separated, in cycle order.
void appendSites(TextBuffer &B, const LockEdge *Cycle, size_t N);

} // namespace deadlock_steering
} // namespace weft

#endif
