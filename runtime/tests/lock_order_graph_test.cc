//===- lock_order_graph_test.cc - The lock-order graph against a naive one -===//
//
// The graph's incremental order must only make it faster: for every edge
// added, whether it is new, whether it closes a cycle, and the exact path a
// report prints must be what a plain depth-first search of all the edges
// (newest edge out of a mutex first, as before the order existed) gives. The
// model here is that search over std::vector adjacency lists, run on random
// edge streams: sparse and dense, mostly ordered (a program with a global
// lock order and a few inversions), and uniform (cycles everywhere).
//
//===----------------------------------------------------------------------===//

#include "sync/lock_order_graph.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <set>
#include <utility>
#include <vector>

using namespace weft;

namespace {

struct NaiveGraph {
  // Edge ids as the graph numbers them (1-based, creation order), per node
  // newest first.
  std::vector<std::pair<uint32_t, uint32_t>> Edges;
  std::vector<std::vector<uint32_t>> Out;
  std::set<std::pair<uint32_t, uint32_t>> Known;

  explicit NaiveGraph(uint32_t Nodes) : Out(Nodes) {}

  // The depth-first search lock graphs did before the order: marks at push,
  // expands the newest edge out first.
  bool findPath(uint32_t Start, uint32_t Target, std::vector<uint32_t> &Path) {
    std::vector<char> Seen(Out.size());
    std::vector<uint32_t> ReachedBy(Out.size()), Work{Start};
    Seen[Start] = 1;
    while (!Work.empty()) {
      uint32_t U = Work.back();
      Work.pop_back();
      if (U == Target) {
        std::vector<uint32_t> Back;
        for (uint32_t V = U; V != Start; V = Edges[ReachedBy[V] - 1].first)
          Back.push_back(ReachedBy[V]);
        Path.insert(Path.end(), Back.rbegin(), Back.rend());
        return true;
      }
      std::vector<uint32_t> Next;
      for (auto It = Out[U].rbegin(); It != Out[U].rend(); ++It) {
        uint32_t V = Edges[*It - 1].second;
        if (Seen[V])
          continue;
        Seen[V] = 1;
        ReachedBy[V] = *It;
        Next.push_back(V);
      }
      Work.insert(Work.end(), Next.rbegin(), Next.rend());
    }
    return false;
  }
};

// Global edge ids keep counting across tests (the graph is one per
// process); the model's ids are offset by the edges before the test.
void run(const char *Name, uint32_t Base, uint32_t Nodes, unsigned Steps,
         unsigned InvertPercent, uint64_t Seed,
         bool Descending = false) {
  std::mt19937_64 Rng(Seed); // the stream only; nothing depends on its law
  NaiveGraph Model(Nodes);
  uint32_t Offset = 0;
  bool First = true;
  unsigned Cycles = 0;
  for (unsigned Step = 0; Step < Steps; ++Step) {
    uint32_t A = uint32_t(Rng() % Nodes), B = uint32_t(Rng() % Nodes);
    if (A == B)
      continue;
    bool Ordered = Rng() % 100 >= InvertPercent;
    if (Ordered && (Descending ? A < B : A > B))
      std::swap(A, B);
    LockEdge E{Base + A, Base + B, 0, 0, 0, 0, ThreadId::Main};
    uint32_t Got = lock_order_graph::addEdge(E);
    bool Known = !Model.Known.insert({A, B}).second;
    ASSERT_EQ(Got == 0, Known) << Name << " seed " << Seed << " step " << Step;
    if (Known)
      continue;
    uint32_t Id = Got & ~lock_order_graph::kClosesCycle;
    if (First) {
      Offset = Id - 1;
      First = false;
    }
    Model.Edges.push_back({A, B});
    uint32_t ModelId = uint32_t(Model.Edges.size());
    ASSERT_EQ(Id, ModelId + Offset) << Name;
    Model.Out[A].push_back(ModelId);
    std::vector<uint32_t> Want{ModelId};
    bool Cycle = Model.findPath(B, A, Want);
    ASSERT_EQ((Got & lock_order_graph::kClosesCycle) != 0, Cycle)
        << Name << " seed " << Seed << " step " << Step;
    if (!Cycle)
      continue;
    ++Cycles;
    size_t N;
    const uint32_t *Path = lock_order_graph::cyclePath(&N);
    std::vector<uint32_t> GotPath(Path, Path + N);
    for (uint32_t &P : GotPath)
      P -= Offset;
    ASSERT_EQ(GotPath, Want) << Name << " seed " << Seed << " step " << Step;
  }
  std::printf("%s: seed %llu, %u cycles\n", Name, (unsigned long long)Seed,
              Cycles);
}

TEST(LockOrderGraph, OrderedEdgesNeverCloseACycle) {
  run("ordered", 0, 300, 20000, 0, 1);
}

TEST(LockOrderGraph, MostlyOrderedWithInversions) {
  for (uint64_t Seed = 1; Seed <= 4; ++Seed)
    run("mostly-ordered", 1000 * uint32_t(Seed), 200, 3000, 2, Seed);
}

TEST(LockOrderGraph, UniformSparse) {
  for (uint64_t Seed = 1; Seed <= 4; ++Seed)
    run("uniform-sparse", 10000 + 1000 * uint32_t(Seed), 400, 600, 50, Seed);
}

TEST(LockOrderGraph, UniformDense) {
  run("uniform-dense", 20000, 40, 2000, 50, 7);
}

// Creation order opposite to the lock order: edges go against the initial
// order, so they reorder (and a few inversions then merge components).
TEST(LockOrderGraph, ReverseCreationOrder) {
  run("reverse", 30000, 150, 4000, 0, 3, /*Descending=*/true);
  run("reverse-inversions", 31000, 150, 4000, 1, 4, /*Descending=*/true);
}

// Every sync object takes a uid, atomics included, so the mutexes that
// nest can carry uids in the tens of millions (BS::thread_pool's tests:
// 28 M uids, one edge). The graph numbers its own nodes: two mutexes with
// uids near 2^32 cost two nodes (arrays indexed by uid would need 160 GB
// here), and the cycle is still found and named by uid.
TEST(LockOrderGraph, LargeUidsCostOnlyTheirNodes) {
  const uint32_t A = 0xfffffff0u, B = 0xfffffff1u, C = 0xfffffff2u;
  size_t Before = lock_order_graph::nodes();
  uint32_t First =
      lock_order_graph::addEdge(LockEdge{A, B, 0, 0, 0, 0, ThreadId::Main});
  ASSERT_NE(First, 0u);
  EXPECT_EQ(First & lock_order_graph::kClosesCycle, 0u);
  EXPECT_EQ(lock_order_graph::nodes(), Before + 2);
  // Again: no new edge, no new node.
  EXPECT_EQ(lock_order_graph::addEdge(LockEdge{A, B, 0, 0, 0, 0, ThreadId::Main}), 0u);
  EXPECT_EQ(lock_order_graph::nodes(), Before + 2);
  // B -> C -> A closes A -> B -> C -> A.
  uint32_t Second =
      lock_order_graph::addEdge(LockEdge{B, C, 0, 0, 0, 0, ThreadId::Main});
  EXPECT_EQ(Second & lock_order_graph::kClosesCycle, 0u);
  uint32_t Third =
      lock_order_graph::addEdge(LockEdge{C, A, 0, 0, 0, 0, ThreadId::Main});
  ASSERT_NE(Third & lock_order_graph::kClosesCycle, 0u);
  EXPECT_EQ(lock_order_graph::nodes(), Before + 3);
  size_t N;
  const uint32_t *Path = lock_order_graph::cyclePath(&N);
  ASSERT_EQ(N, 3u);
  EXPECT_EQ(lock_order_graph::edge(Path[0]).From, C);
  EXPECT_EQ(lock_order_graph::edge(Path[0]).To, A);
  EXPECT_EQ(lock_order_graph::edge(Path[1]).From, A);
  EXPECT_EQ(lock_order_graph::edge(Path[1]).To, B);
  EXPECT_EQ(lock_order_graph::edge(Path[2]).From, B);
  EXPECT_EQ(lock_order_graph::edge(Path[2]).To, C);
}

} // namespace
