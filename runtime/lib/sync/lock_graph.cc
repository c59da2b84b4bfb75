//===- lock_graph.cc - Lock-order graph: potential deadlocks --------------===//

#include "sync/lock_graph.h"

#include "core/no_destroy.h"
#include "report/report.h"
#include "core/rtl.h"

namespace weft {
namespace lock_graph {
namespace {

// (held uids, uid) combinations already looked at, by a 64-bit mix of the
// uids: every edge from those locks to that mutex exists, and any cycle it
// closed was reported, so a thread taking the same nested locks again does
// no graph work. Not the lock-set id: lock sets name a held lock by its
// address and lock site (mutex_set.cc), and a new mutex at a freed one's
// address needs its own edges. Two combinations mixing to the same key
// would skip the second's edges; at 2^-64 per pair, accepted.
AddrMap<bool> Seen;

uint64_t seenKey(const MutexSet &Held, uint32_t Uid) {
  uint64_t K = (uint64_t(Uid) << 32) ^ Held.Held.size();
  for (const HeldLock &H : Held.Held) {
    K = (K ^ H.Uid) * 0xff51afd7ed558ccdULL;
    K ^= K >> 33;
  }
  return K;
}

} // namespace

void beforeLock(ThreadState *Thr, const MutexSet &Held, uint32_t Uid,
                uintptr_t Addr, StackId Stack) {
  bool Inserted;
  Seen.getOrInsert(seenKey(Held, Uid), &Inserted);
  if (!Inserted)
    return;
  for (const HeldLock &H : Held.Held) {
    if (H.Uid == Uid)
      continue; // a re-lock is not an ordering
    uint32_t Id = lock_order_graph::addEdge(LockEdge{
        H.Uid, Uid, H.Addr, Addr, H.Acquired, Stack, Thr->tid(), 0, 0});
    if (!(Id & lock_order_graph::kClosesCycle))
      continue;
    size_t N;
    const uint32_t *Path = lock_order_graph::cyclePath(&N);
    // Print the cycle starting at its oldest mutex, so that M0 is the one
    // the program created first whichever edge closed the cycle.
    size_t Start = 0;
    for (size_t I = 1; I < N; ++I)
      if (lock_order_graph::edge(Path[I]).From <
          lock_order_graph::edge(Path[Start]).From)
        Start = I;
    InternalVector<LockEdge> Cycle;
    for (size_t I = 0; I < N; ++I)
      Cycle.push_back(lock_order_graph::edge(Path[(Start + I) % N]));
    reportLockOrderInversion(Cycle.begin(), Cycle.size());
  }
}

} // namespace lock_graph
} // namespace weft
