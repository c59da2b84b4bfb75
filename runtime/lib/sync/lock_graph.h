//===- lock_graph.h - Lock-order graph: potential deadlocks ---------------===//
//
// Owns the graph whose nodes are the program's mutexes and rwlocks (by
// SyncVar::Uid) and whose edge A -> B means "some thread acquired B while
// holding A", with both acquisition stacks. A cycle is a potential deadlock
// (lock-order inversion) even when the run itself did not deadlock: it is
// reported once, when the edge that closes it first appears, before the
// acquiring thread would block.
//
// No cap on the number of locks a thread holds or on the graph's size; only
// sync operations (never the per-access path) touch it. Edges and the search
// are kept in creation order, so the cycle found depends only on the
// schedule. The graph itself (and what makes it fast) is
// lock_order_graph.h; this file owns when edges are added and what is
// reported.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_LOCK_GRAPH_H
#define WEFT_RUNTIME_LOCK_GRAPH_H

#include "sync/lock_order_graph.h"
#include "sync/mutex_set.h"

namespace weft {


namespace lock_graph {

/// The current thread, holding the locks in \p Held, is about to acquire
/// \p Uid (at \p Addr) from \p Stack: records the new edges and reports the
/// first cycle a new edge closes.
void beforeLock(ThreadState *Thr, const MutexSet &Held, uint32_t Uid,
                uintptr_t Addr, StackId Stack);

} // namespace lock_graph
} // namespace weft

#endif
