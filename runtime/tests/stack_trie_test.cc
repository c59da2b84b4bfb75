//===- stack_trie_test.cc - The shared trie of call stacks ----------------===//
//
// A report prints the previous access's stack from a 32-bit id, possibly
// long after the fact, so ids must be stable, unique per (parent, pc), and
// walk back to exactly the frames pushed. The trie and its cache are global;
// each test uses its own pc range so tests do not depend on each other.
//
//===----------------------------------------------------------------------===//

#include "shadow/stack_trie.h"

#include "prng.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <vector>

using namespace weft;

namespace {

class StackTrieTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { stack_trie::init(); }
};

std::vector<uintptr_t> framesOf(StackId Id, size_t Max = 100000) {
  std::vector<uintptr_t> Out(Max);
  Out.resize(stack_trie::frames(Id, Out.data(), Max));
  return Out;
}

TEST_F(StackTrieTest, EmptyStackHasNoFrames) {
  EXPECT_EQ(stack_trie::parent(kEmptyStack), kEmptyStack);
  EXPECT_TRUE(framesOf(kEmptyStack).empty());
}

TEST_F(StackTrieTest, ChildIsIdempotent) {
  StackId A = stack_trie::child(kEmptyStack, 0x1000);
  StackId B = stack_trie::child(A, 0x1100);
  EXPECT_NE(A, kEmptyStack);
  EXPECT_NE(B, A);
  EXPECT_EQ(stack_trie::child(kEmptyStack, 0x1000), A);
  EXPECT_EQ(stack_trie::child(A, 0x1100), B);
  // Through the slow path too: the cache is direct-mapped, so a different
  // node hashing to the same entry evicts it; the answer must not change.
  EXPECT_EQ(stack_trie::childSlow(A, 0x1100, stack_trie::AtBound::Degrade), B);
  EXPECT_EQ(stack_trie::childSlow(kEmptyStack, 0x1000, stack_trie::AtBound::Degrade), A);
}

TEST_F(StackTrieTest, DifferentPcsOrParentsGiveDifferentIds) {
  StackId Root = stack_trie::child(kEmptyStack, 0x2000);
  StackId X = stack_trie::child(Root, 0x2010);
  StackId Y = stack_trie::child(Root, 0x2018);
  EXPECT_NE(X, Y);
  // The same pc under different parents is a different stack.
  StackId Other = stack_trie::child(kEmptyStack, 0x2008);
  StackId X2 = stack_trie::child(Other, 0x2010);
  EXPECT_NE(X, X2);
  EXPECT_EQ(stack_trie::parent(X), Root);
  EXPECT_EQ(stack_trie::parent(Y), Root);
  EXPECT_EQ(stack_trie::parent(X2), Other);
  EXPECT_EQ(stack_trie::parent(Root), kEmptyStack);
}

TEST_F(StackTrieTest, FramesAreInnermostFirst) {
  StackId S = kEmptyStack;
  for (uintptr_t Pc : {0x3001, 0x3002, 0x3003, 0x3004})
    S = stack_trie::child(S, Pc);
  EXPECT_EQ(framesOf(S), (std::vector<uintptr_t>{0x3004, 0x3003, 0x3002, 0x3001}));
  // Max truncates, keeping the innermost frames.
  EXPECT_EQ(framesOf(S, 2), (std::vector<uintptr_t>{0x3004, 0x3003}));
  EXPECT_EQ(framesOf(stack_trie::parent(S)),
            (std::vector<uintptr_t>{0x3003, 0x3002, 0x3001}));
  EXPECT_EQ(stack_trie::node(S).Depth, 4u);
}

TEST_F(StackTrieTest, DeepChain) {
  const int kDepth = 10000;
  std::vector<StackId> Ids;
  StackId S = kEmptyStack;
  for (int I = 0; I < kDepth; ++I) {
    S = stack_trie::child(S, 0x40000 + I);
    Ids.push_back(S);
  }
  std::vector<uintptr_t> F = framesOf(S);
  ASSERT_EQ(F.size(), size_t(kDepth));
  for (int I = 0; I < kDepth; ++I)
    ASSERT_EQ(F[I], uintptr_t(0x40000 + kDepth - 1 - I)) << "frame " << I;
  // parent() walks back through exactly the ids handed out.
  for (int I = kDepth - 1; I > 0; --I) {
    ASSERT_EQ(stack_trie::parent(Ids[I]), Ids[I - 1]) << "depth " << I;
    ASSERT_EQ(stack_trie::node(Ids[I]).Depth, uint32_t(I + 1));
  }
  EXPECT_EQ(stack_trie::parent(Ids[0]), kEmptyStack);
  // Re-walking the same chain finds the same ids.
  S = kEmptyStack;
  for (int I = 0; I < kDepth; ++I) {
    S = stack_trie::child(S, 0x40000 + I);
    ASSERT_EQ(S, Ids[I]) << "depth " << I;
  }
}

TEST_F(StackTrieTest, ManySiblings) {
  StackId P = stack_trie::child(kEmptyStack, 0x50000);
  const int kSiblings = 3000;
  std::vector<StackId> Kids;
  std::set<StackId> Distinct;
  for (int I = 0; I < kSiblings; ++I) {
    Kids.push_back(stack_trie::child(P, 0x60000 + 4 * I));
    Distinct.insert(Kids.back());
  }
  EXPECT_EQ(Distinct.size(), size_t(kSiblings));
  EXPECT_EQ(Distinct.count(P), 0u);
  for (int I = kSiblings - 1; I >= 0; --I) {
    ASSERT_EQ(stack_trie::child(P, 0x60000 + 4 * I), Kids[I]) << I;
    ASSERT_EQ(stack_trie::childSlow(P, 0x60000 + 4 * I, stack_trie::AtBound::Degrade), Kids[I]) << I;
    ASSERT_EQ(stack_trie::parent(Kids[I]), P);
    ASSERT_EQ(framesOf(Kids[I]), (std::vector<uintptr_t>{uintptr_t(0x60000 + 4 * I), 0x50000}));
  }
}

TEST_F(StackTrieTest, CacheCollisionsNeverGiveWrongAnswers) {
  // Far more (parent, pc) pairs than the cache has entries (2^14), looked up
  // again in a random order: every hit or miss must give the first answer.
  Prng R(0x57ac);
  std::vector<StackId> Parents = {kEmptyStack};
  for (int I = 0; I < 64; ++I)
    Parents.push_back(stack_trie::child(kEmptyStack, 0x700000 + I));
  std::map<std::pair<StackId, uintptr_t>, StackId> Seen;
  for (int I = 0; I < 60000; ++I) {
    StackId P = Parents[R.pickIndex(Parents.size())];
    uintptr_t Pc = 0x800000 + 8 * R.pickIndex(2000);
    StackId C = stack_trie::child(P, Pc);
    auto [It, New] = Seen.insert({{P, Pc}, C});
    ASSERT_EQ(It->second, C) << "parent " << P << ", pc " << std::hex << Pc;
    ASSERT_EQ(stack_trie::parent(C), P);
    ASSERT_EQ(stack_trie::node(C).Pc, Pc);
  }
  // Distinct pairs have distinct ids.
  std::set<StackId> Ids;
  for (auto &[Key, Id] : Seen)
    Ids.insert(Id);
  EXPECT_EQ(Ids.size(), Seen.size());
  EXPECT_GT(Seen.size(), size_t(1) << 14);
}

// The cache slot child() uses for (Parent, Pc), computed as the header does:
// lets the next test build pairs that are guaranteed to share a slot.
uint64_t cacheSlot(StackId Parent, uintptr_t Pc) {
  return ((Pc ^ (uint64_t(Parent) << 20)) * 0x9e3779b97f4a7c15ULL) >>
         (64 - stack_trie::kCacheBits);
}

TEST_F(StackTrieTest, PairsSharingACacheSlotKeepTheirOwnIds) {
  // Same pc under two parents, and two pcs under one parent, all four
  // (parent, pc) pairs landing in the same cache slot.
  const uintptr_t Pc = 0xb00000;
  StackId P1 = stack_trie::child(kEmptyStack, 0xb10000);
  uint64_t Slot = cacheSlot(P1, Pc);
  StackId P2 = kEmptyStack;
  for (uintptr_t Probe = 0xb20000; P2 == kEmptyStack; Probe += 8) {
    StackId Candidate = stack_trie::child(kEmptyStack, Probe);
    if (Candidate != P1 && cacheSlot(Candidate, Pc) == Slot)
      P2 = Candidate;
  }
  uintptr_t Pc2 = Pc + 8;
  while (cacheSlot(P1, Pc2) != Slot)
    Pc2 += 8;
  StackId A = stack_trie::child(P1, Pc);
  StackId B = stack_trie::child(P2, Pc);
  StackId C = stack_trie::child(P1, Pc2);
  EXPECT_NE(A, B);
  EXPECT_NE(A, C);
  EXPECT_NE(B, C);
  for (int I = 0; I < 3; ++I) {
    // Each lookup evicts the previous one's entry.
    EXPECT_EQ(stack_trie::child(P1, Pc), A);
    EXPECT_EQ(stack_trie::child(P2, Pc), B);
    EXPECT_EQ(stack_trie::child(P2, Pc), B);
    EXPECT_EQ(stack_trie::child(P1, Pc2), C);
    EXPECT_EQ(stack_trie::child(P1, Pc), A);
  }
  EXPECT_EQ(stack_trie::parent(A), P1);
  EXPECT_EQ(stack_trie::parent(B), P2);
  EXPECT_EQ(stack_trie::node(C).Pc, Pc2);
}

TEST_F(StackTrieTest, IdsCrossChunkBoundaries) {
  // More than one chunk of 2^16 nodes in this process's trie: ids past the
  // first chunk resolve like any other. (Spread over 700 parents: a sibling
  // list is searched linearly.)
  std::vector<StackId> Parents, Kids;
  for (int I = 0; I < 700; ++I)
    Parents.push_back(stack_trie::child(kEmptyStack, 0x900000 + I));
  for (int I = 0; I < 70000; ++I)
    Kids.push_back(stack_trie::child(Parents[I / 100], 0xa00000 + I));
  EXPECT_GE(Kids.back(), StackId(1) << stack_trie::kChunkShift);
  for (int I = 0; I < 70000; I += 97) {
    ASSERT_EQ(stack_trie::node(Kids[I]).Pc, uintptr_t(0xa00000 + I));
    ASSERT_EQ(stack_trie::parent(Kids[I]), Parents[I / 100]);
    ASSERT_EQ(framesOf(Kids[I]),
              (std::vector<uintptr_t>{uintptr_t(0xa00000 + I), uintptr_t(0x900000 + I / 100)}));
  }
}

} // namespace
