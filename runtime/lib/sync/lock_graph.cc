//===- lock_graph.cc - Lock-order graph: potential deadlocks --------------===//

#include "sync/lock_graph.h"

#include "core/no_destroy.h"
#include "report/report.h"
#include "core/rtl.h"

namespace weft {
namespace lock_graph {
namespace {

NoDestroy<InternalVector<LockEdge>> EdgesStorage;
NoDestroy<InternalVector<uint32_t>> FirstOutStorage, VisitGenStorage, ReachedByStorage;
InternalVector<LockEdge> &Edges = *EdgesStorage;
InternalVector<uint32_t> &FirstOut = *FirstOutStorage; // by uid: first edge index + 1
// Depth-first search state, by uid: the generation that visited it and the
// edge it was reached through.
InternalVector<uint32_t> &VisitGen = *VisitGenStorage;
InternalVector<uint32_t> &ReachedBy = *ReachedByStorage;
uint32_t Gen;
// (lock set id << 32 | uid) pairs already looked at: every edge from that
// set's locks to that mutex exists, and any cycle it closed was reported,
// so a thread taking the same nested locks again does no graph work.
AddrMap<bool> Seen;

void growTo(uint32_t Uid) {
  if (Uid < FirstOut.size())
    return;
  size_t N = size_t(Uid) + 1;
  FirstOut.resize(N);
  VisitGen.resize(N);
  ReachedBy.resize(N);
}

bool hasEdge(uint32_t From, uint32_t To) {
  for (uint32_t E = FirstOut[From]; E; E = Edges[E - 1].NextOut)
    if (Edges[E - 1].To == To)
      return true;
  return false;
}

/// A path of edges from \p Start back to \p Target, appended to \p Path in
/// order; false if there is none.
bool findPath(uint32_t Start, uint32_t Target, InternalVector<uint32_t> &Path) {
  ++Gen;
  InternalVector<uint32_t> Work; // uids to expand, depth-first
  Work.push_back(Start);
  VisitGen[Start] = Gen;
  ReachedBy[Start] = 0;
  while (!Work.empty()) {
    uint32_t U = Work.back();
    Work.pop_back();
    if (U == Target) {
      // Walk back through ReachedBy, then reverse.
      size_t First = Path.size();
      for (uint32_t V = U; V != Start;) {
        uint32_t E = ReachedBy[V];
        Path.push_back(E);
        V = Edges[E - 1].From;
      }
      for (size_t I = First, J = Path.size() - 1; I < J; ++I, --J) {
        uint32_t T = Path[I];
        Path[I] = Path[J];
        Path[J] = T;
      }
      return true;
    }
    // Push in reverse so that the first edge out is expanded first.
    size_t Mark = Work.size();
    for (uint32_t E = FirstOut[U]; E; E = Edges[E - 1].NextOut) {
      uint32_t V = Edges[E - 1].To;
      if (VisitGen[V] == Gen)
        continue;
      VisitGen[V] = Gen;
      ReachedBy[V] = E;
      Work.push_back(V);
    }
    for (size_t I = Mark, J = Work.size(); J > I + 1; ++I, --J) {
      uint32_t T = Work[I];
      Work[I] = Work[J - 1];
      Work[J - 1] = T;
    }
  }
  return false;
}

} // namespace

void beforeLock(ThreadState *Thr, const MutexSet &Held, uint32_t Uid,
                uintptr_t Addr, StackId Stack) {
  bool Inserted;
  Seen.getOrInsert((uint64_t(Held.Id) << 32) | Uid, &Inserted);
  if (!Inserted)
    return;
  growTo(Uid);
  for (const HeldLock &H : Held.Held) {
    if (H.Uid == Uid)
      continue; // a re-lock is not an ordering
    growTo(H.Uid);
    if (hasEdge(H.Uid, Uid))
      continue;
    Edges.push_back(LockEdge{H.Uid, Uid, H.Addr, Addr, H.Acquired, Stack,
                             Thr->tid(), FirstOut[H.Uid]});
    uint32_t NewEdge = static_cast<uint32_t>(Edges.size());
    FirstOut[H.Uid] = NewEdge;
    // A path Uid -> ... -> H closes a cycle through the new edge.
    InternalVector<uint32_t> Path;
    Path.push_back(NewEdge);
    if (!findPath(Uid, H.Uid, Path))
      continue;
    // Print the cycle starting at its oldest mutex, so that M0 is the one
    // the program created first whichever edge closed the cycle.
    size_t Start = 0;
    for (size_t I = 1; I < Path.size(); ++I)
      if (Edges[Path[I] - 1].From < Edges[Path[Start] - 1].From)
        Start = I;
    InternalVector<LockEdge> Cycle;
    for (size_t I = 0; I < Path.size(); ++I)
      Cycle.push_back(Edges[Path[(Start + I) % Path.size()] - 1]);
    reportLockOrderInversion(Cycle.begin(), Cycle.size());
  }
}

} // namespace lock_graph
} // namespace weft
