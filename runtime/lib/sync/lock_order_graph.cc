//===- lock_order_graph.cc - The lock-order graph and its order ---------===//
//
// Finding a cycle used to cost a depth-first search of everything reachable
// from the acquired mutex on every new edge: quadratic in the edges on a
// program with many nested locks (issue 15's stress program: 100 s under
// weft, 1.9 s under TSan). The graph now keeps a topological order of its
// strongly connected components, maintained incrementally (Pearce and
// Kelly, "A dynamic topological sort algorithm for directed acyclic graphs",
// JEA 2006; extended here to merge the components a new cycle joins):
//
//   * an edge From -> To with ord(comp From) < ord(comp To) closes no cycle
//     and costs O(1) (a program that locks in one global order only ever
//     adds such edges once its mutexes' order is learnt);
//   * otherwise the affected region between the two orders is searched
//     forward from To and backward from From; no cycle: the region is
//     reordered (backward part first); a cycle: the components on it are
//     merged into one;
//   * the path that a report prints is still the first one the old
//     depth-first search finds, because the search now skips only mutexes
//     that the order proves cannot reach the target, and such a mutex never
//     marks one that can (all its successors cannot reach it either), so the
//     report is byte for byte what it was.
//
// Components are a union-find forest over the graph's nodes; ords need not
// be dense.
//
// Nodes are the graph's own dense numbers, given to a mutex when it first
// ends an edge, not its uid: every sync object takes a uid (atomics too),
// and BS::thread_pool's tests create 28 M of them, so arrays indexed by uid
// grew to 10 x 4 bytes per uid (1.1 GB) for a graph of one edge. Only
// mutexes that are ever taken while another is held cost memory here.
//
//===----------------------------------------------------------------------===//

#include "sync/lock_order_graph.h"

#include "base/internal_vector.h"
#include "core/addr_map.h"
#include "core/id_index.h"
#include "core/no_destroy.h"

namespace weft {
namespace lock_order_graph {
namespace {

// All of the graph's state in one object: one static destructor to
// register at start-up, not one per vector (glibc's first block of exit
// handlers has room for 32; more cost a calloc before main).
// An edge as stored: its ends by node (each node's uid and address are
// kept once, by node), its stacks and thread, and its links in the lists
// of edges out of From and into To. A program with many nested locks has
// hundreds of thousands of edges: 28 bytes each, not the 56 of a LockEdge
// and its ends.
struct StoredEdge {
  uint32_t From, To; // nodes
  StackId FromStack, ToStack;
  ThreadId Tid;
  uint32_t NextOut; // next edge out of From (index + 1; 0 = none)
  uint32_t NextIn;  // next edge into To (index + 1; 0 = none)
};
static_assert(sizeof(StoredEdge) == 28, "stored edges are 28 bytes");
struct NodeInfo {
  uint32_t Uid;
  uintptr_t Addr; // a uid names one sync object, which lives at one address
};
struct GraphState {
  InternalVector<StoredEdge> Edges; // by edge id - 1
  InternalVector<NodeInfo> Nodes;   // by node
  AddrMap<uint32_t> NodeOf;      // uid -> node
  IdIndex EdgeIndex;             // edge ids by their (From, To) nodes
  InternalVector<uint32_t> FirstOut, FirstIn, VisitGen, ReachedBy, Parent, Ord,
      FwdNode, FwdComp, BackNode, BackComp, FwdComps, BackComps, Slots, Work,
      Path;
};
NoDestroy<GraphState> StateStorage;
GraphState &G = *StateStorage;
InternalVector<StoredEdge> &Edges = G.Edges;
InternalVector<NodeInfo> &Nodes = G.Nodes;
AddrMap<uint32_t> &NodeOf = G.NodeOf;
// Whether From -> To exists is asked for every lock taken while another is
// held; walking From's out-edges cost a cache miss per edge, and a mutex
// taken before hundreds of others has hundreds (bench/programs/
// lock_order_stress.c: 61% of its CPU).
IdIndex &EdgeIndex = G.EdgeIndex;
// By node: first edge out of / into it (index + 1; 0 = none).
InternalVector<uint32_t> &FirstOut = G.FirstOut;
InternalVector<uint32_t> &FirstIn = G.FirstIn;
// Depth-first search state, by node: the generation that visited it and the
// edge it was reached through.
InternalVector<uint32_t> &VisitGen = G.VisitGen;
InternalVector<uint32_t> &ReachedBy = G.ReachedBy;
uint32_t Gen;
// The components: union-find parent by node (a root is its own parent), and
// by root the component's place in the topological order. Invariant: for
// every edge A -> B, comp(A) == comp(B) or Ord[comp(A)] < Ord[comp(B)].
InternalVector<uint32_t> &Parent = G.Parent;
InternalVector<uint32_t> &Ord = G.Ord;
// Reordering state, by generation: which nodes the forward / backward search
// reached, which components (by root) it collected; the components
// themselves, the ords they held, and a work stack shared by the searches.
InternalVector<uint32_t> &FwdNode = G.FwdNode;
InternalVector<uint32_t> &FwdComp = G.FwdComp;
InternalVector<uint32_t> &BackNode = G.BackNode;
InternalVector<uint32_t> &BackComp = G.BackComp;
InternalVector<uint32_t> &FwdComps = G.FwdComps;
InternalVector<uint32_t> &BackComps = G.BackComps;
InternalVector<uint32_t> &Slots = G.Slots;
InternalVector<uint32_t> &Work = G.Work;
// The cycle the last addEdge closed: edge ids, the new edge first.
InternalVector<uint32_t> &Path = G.Path;
uint32_t RegionGen;

/// The node of the mutex \p Uid (at \p Addr), numbered on first sight.
uint32_t nodeOf(uint32_t Uid, uintptr_t Addr) {
  bool Inserted;
  uint32_t &Node = NodeOf.getOrInsert(Uid, &Inserted);
  if (!Inserted)
    return Node;
  Node = static_cast<uint32_t>(FirstOut.size());
  Nodes.push_back(NodeInfo{Uid, Addr});
  InternalVector<uint32_t> *ByNode[] = {&FirstOut, &FirstIn,  &VisitGen,
                                        &ReachedBy, &Parent,   &Ord,
                                        &FwdNode,  &FwdComp,  &BackNode,
                                        &BackComp};
  for (InternalVector<uint32_t> *V : ByNode)
    V->push_back(0);
  // A new mutex is a component of its own, after every existing one (nodes
  // are numbered in order, and reordering only permutes ords it found).
  Parent[Node] = Node;
  Ord[Node] = Node;
  return Node;
}

uint32_t comp(uint32_t U) {
  while (Parent[U] != U) {
    Parent[U] = Parent[Parent[U]]; // path halving
    U = Parent[U];
  }
  return U;
}

uint64_t endsKey(uint32_t From, uint32_t To) {
  return (uint64_t(From) << 32) | To;
}

bool hasEdge(uint32_t From, uint32_t To) {
  return EdgeIndex.find(endsKey(From, To), [&](uint32_t E) {
    return Edges[E - 1].From == From && Edges[E - 1].To == To;
  });
}

// Insertion sorts: the affected region is small in the common case, and
// they allocate nothing.
void sortByOrd(InternalVector<uint32_t> &Comps) {
  for (size_t I = 1; I < Comps.size(); ++I)
    for (size_t J = I; J > 0 && Ord[Comps[J - 1]] > Ord[Comps[J]]; --J) {
      uint32_t T = Comps[J];
      Comps[J] = Comps[J - 1];
      Comps[J - 1] = T;
    }
}

void sortValues(InternalVector<uint32_t> &V) {
  for (size_t I = 1; I < V.size(); ++I)
    for (size_t J = I; J > 0 && V[J - 1] > V[J]; --J) {
      uint32_t T = V[J];
      V[J] = V[J - 1];
      V[J - 1] = T;
    }
}

/// Collects into \p Comps the components that a search from \p Start
/// reaches, following out-edges (\p Forward: only to components ordered at
/// most \p Bound) or in-edges (only from components ordered at least
/// \p Bound). Marks nodes in \p NodeMark, roots in \p CompMark.
void collect(uint32_t Start, bool Forward, uint32_t Bound,
             InternalVector<uint32_t> &NodeMark,
             InternalVector<uint32_t> &CompMark,
             InternalVector<uint32_t> &Comps) {
  Comps.clear();
  Work.clear();
  Work.push_back(Start);
  NodeMark[Start] = RegionGen;
  uint32_t C = comp(Start);
  CompMark[C] = RegionGen;
  Comps.push_back(C);
  while (!Work.empty()) {
    uint32_t U = Work.back();
    Work.pop_back();
    uint32_t E = Forward ? FirstOut[U] : FirstIn[U];
    while (E) {
      const StoredEdge &Edge = Edges[E - 1];
      uint32_t V = Forward ? Edge.To : Edge.From;
      E = Forward ? Edge.NextOut : Edge.NextIn;
      if (NodeMark[V] == RegionGen)
        continue;
      uint32_t CV = comp(V);
      if (Forward ? Ord[CV] > Bound : Ord[CV] < Bound)
        continue; // outside the region: cannot be on a path From ... To
      NodeMark[V] = RegionGen;
      Work.push_back(V);
      if (CompMark[CV] != RegionGen) {
        CompMark[CV] = RegionGen;
        Comps.push_back(CV);
      }
    }
  }
}

/// Restores the order after the edge \p From -> \p To was added with
/// Ord[comp(From)] > Ord[comp(To)]. Returns true if the edge closed a cycle;
/// the components on it are then merged into one.
bool reorder(uint32_t From, uint32_t To) {
  uint32_t Lb = Ord[comp(To)], Ub = Ord[comp(From)];
  ++RegionGen;
  collect(To, /*Forward=*/true, Ub, FwdNode, FwdComp, FwdComps);
  collect(From, /*Forward=*/false, Lb, BackNode, BackComp, BackComps);
  // The region's components keep the ords they held between them: first
  // those that reach From only (old order), then the ones on a cycle
  // through the new edge (reached from To and reaching From: one merged
  // component), then those reached from To only (old order). No edge runs
  // from a later group to an earlier one, and edges leaving the region keep
  // their direction (docs/design.md, "The lock-order graph").
  Slots.clear();
  for (uint32_t C : FwdComps)
    Slots.push_back(Ord[C]);
  for (uint32_t C : BackComps)
    if (FwdComp[C] != RegionGen)
      Slots.push_back(Ord[C]);
  sortValues(Slots);
  uint32_t Merged = ~0u;
  size_t KeepFwd = 0, KeepBack = 0;
  for (uint32_t C : FwdComps) {
    if (BackComp[C] == RegionGen) {
      if (Merged == ~0u)
        Merged = C;
      else
        Parent[C] = Merged;
      continue;
    }
    FwdComps[KeepFwd++] = C;
  }
  FwdComps.resize(KeepFwd);
  for (uint32_t C : BackComps)
    if (FwdComp[C] != RegionGen)
      BackComps[KeepBack++] = C;
  BackComps.resize(KeepBack);
  sortByOrd(FwdComps);
  sortByOrd(BackComps);
  size_t Next = 0;
  for (uint32_t C : BackComps)
    Ord[C] = Slots[Next++];
  if (Merged != ~0u)
    Ord[Merged] = Slots[Next];
  Next = Slots.size() - FwdComps.size();
  for (uint32_t C : FwdComps)
    Ord[C] = Slots[Next++];
  return Merged != ~0u;
}

/// The new edge followed by a path of edges from \p Start back to
/// \p Target, in \p Path; false if there is none. Mutexes ordered after \p Target's
/// component cannot reach it and are not expanded; that changes nothing
/// the search finds (see the top of this file).
bool findPath(uint32_t Start, uint32_t Target, InternalVector<uint32_t> &Path) {
  Path.clear();
  Path.push_back(static_cast<uint32_t>(Edges.size())); // the new edge
  ++Gen;
  uint32_t Bound = Ord[comp(Target)];
  Work.clear();
  Work.push_back(Start); // nodes to expand, depth-first
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
      if (VisitGen[V] == Gen || Ord[comp(V)] > Bound)
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

uint32_t addEdge(const LockEdge &New) {
  uint32_t From = nodeOf(New.From, New.FromAddr), To = nodeOf(New.To, New.ToAddr);
  if (hasEdge(From, To))
    return 0;
  uint32_t Id = static_cast<uint32_t>(Edges.size() + 1);
  Edges.push_back(StoredEdge{From, To, New.FromStack, New.ToStack, New.Tid,
                             FirstOut[From], FirstIn[To]});
  EdgeIndex.insert(endsKey(From, To), Id, [](uint32_t E) {
    return endsKey(Edges[E - 1].From, Edges[E - 1].To);
  });
  FirstOut[From] = Id;
  FirstIn[To] = Id;
  // A path To -> ... -> From closes a cycle through the new edge; the order
  // rules it out at once in the common case.
  uint32_t CF = comp(From), CT = comp(To);
  if (CF != CT && (Ord[CF] < Ord[CT] || !reorder(From, To)))
    return Id;
  if (!findPath(To, From, Path))
    return Id; // unreachable: the order said there is a cycle
  return Id | kClosesCycle;
}

const uint32_t *cyclePath(size_t *N) {
  *N = Path.size();
  return Path.begin();
}

LockEdge edge(uint32_t Id) {
  const StoredEdge &E = Edges[(Id & ~kClosesCycle) - 1];
  return LockEdge{Nodes[E.From].Uid, Nodes[E.To].Uid, Nodes[E.From].Addr,
                  Nodes[E.To].Addr,  E.FromStack,     E.ToStack,
                  E.Tid};
}

size_t nodes() { return FirstOut.size(); }

size_t edges() { return Edges.size(); }

} // namespace lock_order_graph
} // namespace weft
