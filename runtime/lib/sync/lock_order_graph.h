//===- lock_order_graph.h - The lock-order graph and its order ------------===//
//
// Owns the graph whose nodes are mutex uids and whose edge A -> B means
// "some thread acquired B while holding A", and answers, for each new edge,
// whether it closes a cycle and along which path. It knows nothing of
// threads, lock sets or reports (lock_graph.h turns its answers into
// reports), so that it can be tested against a naive model.
//
// Must never: cost memory for a mutex that ends no edge (uids count every
// sync object, atomics included: a program may create tens of millions),
// cost more than O(1) for an edge that a topological order of
// the graph's components already allows (lock_order_graph.cc), or find a
// different cycle than a plain depth-first search in edge creation order
// would (reports must not depend on the speed-up).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_LOCK_ORDER_GRAPH_H
#define WEFT_RUNTIME_LOCK_ORDER_GRAPH_H

#include "shadow/shadow.h"
#include "thread_id.h"

#include <cstddef>
#include <cstdint>

namespace weft {

struct LockEdge {
  uint32_t From, To;           // mutex uids
  uintptr_t FromAddr, ToAddr;  // for printing only
  StackId FromStack, ToStack;  // where From was held from / To was acquired
  ThreadId Tid;                // the thread that took them in this order
};

namespace lock_order_graph {

/// Set in addEdge's result when the new edge closes a cycle.
constexpr uint32_t kClosesCycle = 1u << 31;

/// Adds \p E unless the graph has an edge
/// From -> To already: then returns 0. Otherwise returns the new edge's id,
/// with kClosesCycle set if a path To -> ... -> From exists; cyclePath then
/// gives that cycle.
uint32_t addEdge(const LockEdge &E);

/// The cycle the last addEdge that returned kClosesCycle closed: edge ids,
/// the new edge first, then the first path To -> ... -> From a depth-first
/// search in edge creation order (newest first) finds. Valid until the next
/// addEdge.
const uint32_t *cyclePath(size_t *N);

LockEdge edge(uint32_t Id);

/// Mutexes that end at least one edge: the graph's memory is proportional
/// to them and to the edges, whatever their uids (for tests).
size_t nodes();
/// Edges added so far.
size_t edges();

} // namespace lock_order_graph
} // namespace weft

#endif
