//===- lock_graph.cc - Lock-order graph: potential deadlocks --------------===//

#include "sync/lock_graph.h"

#include "core/no_destroy.h"
#include "report/report.h"
#include "core/rtl.h"

namespace weft {
namespace lock_graph {

void beforeLock(ThreadState *Thr, const MutexSet &Held, uint32_t Uid,
                uintptr_t Addr, StackId Stack) {
  // No filter of (held set, mutex) combinations seen before: a program that
  // nests many locks makes hundreds of thousands of them, more than it has
  // edges, and a look-up per held lock is as cheap as mixing the held set
  // into a key (docs/performance.md, "Nested locks: look-ups and memory"):
  // an edge that exists costs addEdge two node look-ups and one probe.
  for (const HeldLock &H : Held.Held) {
    if (H.Uid == Uid)
      continue; // a re-lock is not an ordering
    uint32_t Id = lock_order_graph::addEdge(LockEdge{
        H.Uid, Uid, H.Addr, Addr, H.Acquired, Stack, Thr->tid()});
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
