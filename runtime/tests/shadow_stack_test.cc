//===- shadow_stack_test.cc - Lazy call stacks against a plain model ------===//
//
// A thread's stack reaches the tries only when something keeps it, from the
// deepest frame they already had. Whatever order of calls, returns, unwinds
// and look-ups, the stack handed out must be exactly the frames pushed and
// not popped; these tests compare with a plain vector of pcs.
//
// The tries are global; tests that shrink them restore the budget.
//
//===----------------------------------------------------------------------===//

#include "shadow/shadow_stack.h"

#include "prng.h"

#include <gtest/gtest.h>

#include <vector>

using namespace weft;

namespace {

class ShadowStackTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { stack_trie::init(); }
  void TearDown() override {
    stack_trie::setBudget(uint64_t(1) << 40);
    ShadowStack::BeforeNewGeneration = nullptr;
  }
};

std::vector<uintptr_t> framesOf(StackId Id) {
  std::vector<uintptr_t> Out(ShadowStack::kFrames + 16);
  Out.resize(stack_trie::frames(Id, Out.data(), Out.size()));
  return Out;
}

/// The model's stack innermost first, as frames() gives it.
std::vector<uintptr_t> expected(const std::vector<uintptr_t> &Model, uintptr_t Leaf = 0) {
  std::vector<uintptr_t> Out;
  if (Leaf)
    Out.push_back(Leaf);
  Out.insert(Out.end(), Model.rbegin(), Model.rend());
  return Out;
}

TEST_F(ShadowStackTest, EmptyStack) {
  ShadowStack S;
  EXPECT_EQ(S.kept(), kEmptyStack);
  EXPECT_EQ(framesOf(S.history(0x10)), (std::vector<uintptr_t>{0x10}));
  S.pop(); // an exit without an entry keeps the depth at zero
  EXPECT_EQ(S.depth(), 0u);
  EXPECT_EQ(S.kept(), kEmptyStack);
  S.release();
}

TEST_F(ShadowStackTest, EntriesAloneCreateNoNodes) {
  ShadowStack S;
  uint32_t Before = stack_trie::keptNodes();
  uint32_t HistoryBefore = stack_trie::historyNodes();
  for (int Round = 0; Round < 1000; ++Round) {
    for (int I = 0; I < 40; ++I)
      S.push(0x1000 + 16 * I + Round);
    for (int I = 0; I < 40; ++I)
      S.pop();
  }
  EXPECT_EQ(stack_trie::keptNodes(), Before);
  EXPECT_EQ(stack_trie::historyNodes(), HistoryBefore);
  S.release();
}

TEST_F(ShadowStackTest, RandomCallsMatchAPlainStack) {
  const uint64_t Seed = 0x5eed5ac;
  SCOPED_TRACE(testing::Message() << "seed " << std::hex << Seed);
  Prng R(Seed);
  // Two threads taking turns, as under the scheduler.
  ShadowStack S[2];
  std::vector<uintptr_t> Model[2];
  for (int Step = 0; Step < 200000; ++Step) {
    unsigned T = R.pickIndex(16) == 0 ? 1 : 0;
    ShadowStack &Stack = S[T];
    std::vector<uintptr_t> &M = Model[T];
    switch (R.pickIndex(8)) {
    case 0: case 1: case 2: {
      // Few distinct pcs, so that paths are shared and revisited.
      uintptr_t Pc = 0x200000 + 8 * R.pickIndex(6);
      Stack.push(Pc);
      M.push_back(Pc);
      break;
    }
    case 3: case 4:
      Stack.pop();
      if (!M.empty())
        M.pop_back();
      break;
    case 5:
      ASSERT_EQ(framesOf(Stack.kept()), expected(M)) << "step " << Step;
      break;
    case 6: {
      uintptr_t Leaf = 0x300000 + 4 * R.pickIndex(3);
      ASSERT_EQ(framesOf(Stack.history(Leaf)), expected(M, Leaf)) << "step " << Step;
      break;
    }
    case 7:
      if (R.pickIndex(8) == 0 && !M.empty()) {
        uint32_t To = uint32_t(R.pickIndex(M.size()));
        Stack.unwindTo(To);
        M.resize(To);
      }
      break;
    }
    ASSERT_EQ(Stack.depth(), M.size());
  }
  S[0].release();
  S[1].release();
}

TEST_F(ShadowStackTest, LongjmpGoesBackToItsSetjmpsDepth) {
  ShadowStack S;
  uintptr_t Outer = 0x1000, Inner = 0x2000, Unknown = 0x3000;
  S.push(0x900000);
  S.noteSetjmp(Outer); // depth 1
  for (int I = 0; I < 3; ++I)
    S.push(0x900100 + 8 * I);
  S.noteSetjmp(Inner); // depth 4
  for (int I = 0; I < 5; ++I)
    S.push(0x900200 + 8 * I);
  S.kept(); // a stack 9 deep in the trie
  S.longjmpTo(Unknown); // never recorded: nothing changes
  EXPECT_EQ(S.depth(), 9u);
  S.longjmpTo(Inner);
  EXPECT_EQ(S.depth(), 4u);
  EXPECT_EQ(framesOf(S.kept()),
            (std::vector<uintptr_t>{0x900110, 0x900108, 0x900100, 0x900000}));
  S.longjmpTo(Outer);
  EXPECT_EQ(S.depth(), 1u);
  // A setjmp at depth 1 forgets buffers recorded deeper (their frames are
  // gone): a later longjmp to one changes nothing.
  S.noteSetjmp(Outer);
  S.push(0x900300);
  S.longjmpTo(Inner);
  EXPECT_EQ(S.depth(), 2u);
  S.release();
}

TEST_F(ShadowStackTest, ManyNestedSetjmpsKeepTheInnermost) {
  ShadowStack S;
  for (uintptr_t I = 0; I < 100; ++I) {
    S.push(0xa00000 + 8 * I);
    S.noteSetjmp(0x5000 + I); // depth I + 1
  }
  S.longjmpTo(0x5000 + 99);
  EXPECT_EQ(S.depth(), 100u);
  S.longjmpTo(0x5000 + 40);
  EXPECT_EQ(S.depth(), 41u);
  S.longjmpTo(0x5000 + 10); // among the outermost, forgotten
  EXPECT_EQ(S.depth(), 41u);
  S.release();
}

TEST_F(ShadowStackTest, KeptStacksSurviveLaterCalls) {
  ShadowStack S;
  S.push(0x400010);
  S.push(0x400020);
  StackId A = S.kept();
  S.pop();
  S.push(0x400030);
  StackId B = S.kept();
  EXPECT_NE(A, B);
  EXPECT_EQ(framesOf(A), (std::vector<uintptr_t>{0x400020, 0x400010}));
  EXPECT_EQ(framesOf(B), (std::vector<uintptr_t>{0x400030, 0x400010}));
  // The same path again gives the same id.
  S.pop();
  S.push(0x400020);
  EXPECT_EQ(S.kept(), A);
  S.release();
}

TEST_F(ShadowStackTest, DeeperThanTheArrayKeepsOuterFramesAndCounts) {
  ShadowStack S;
  const uint32_t Extra = 100;
  for (uint32_t I = 0; I < ShadowStack::kFrames + Extra; ++I)
    S.push(0x1000000 + 8 * I);
  EXPECT_EQ(S.depth(), ShadowStack::kFrames + Extra);
  std::vector<uintptr_t> F = framesOf(S.history(0x42));
  ASSERT_EQ(F.size(), size_t(ShadowStack::kFrames) + 2);
  EXPECT_EQ(F[0], 0x42u);
  EXPECT_EQ(F[1], kDeepFramesPc);
  EXPECT_EQ(F[2], 0x1000000 + 8 * uintptr_t(ShadowStack::kFrames - 1));
  EXPECT_EQ(F.back(), 0x1000000u);
  // Back below the array's size, the stack is exact again.
  for (uint32_t I = 0; I < Extra + 10; ++I)
    S.pop();
  F = framesOf(S.kept());
  ASSERT_EQ(F.size(), size_t(ShadowStack::kFrames) - 10);
  EXPECT_EQ(F[0], 0x1000000 + 8 * uintptr_t(ShadowStack::kFrames - 11));
  S.release();
}

TEST_F(ShadowStackTest, FullHistoryStartsANewGeneration) {
  static int Calls;
  Calls = 0;
  ShadowStack::BeforeNewGeneration = [] { ++Calls; };
  // Room for about 1000 history nodes per arena.
  stack_trie::setBudget(2000 * sizeof(stack_trie::Node));
  uint32_t Gen = stack_trie::historyGeneration();
  ShadowStack S, Other;
  Other.push(0x500000);
  Other.history(0x500100);
  Prng R(7);
  std::vector<uintptr_t> M;
  for (int Step = 0; Step < 20000; ++Step) {
    if (M.size() < 30 && R.pickIndex(2)) {
      uintptr_t Pc = 0x600000 + 8 * R.pickIndex(1000);
      S.push(Pc);
      M.push_back(Pc);
    } else if (!M.empty()) {
      S.pop();
      M.pop_back();
    }
    StackId H = S.history(0x700000);
    ASSERT_TRUE(stack_trie::isHistory(H));
    ASSERT_EQ(framesOf(H), expected(M, 0x700000)) << "step " << Step;
  }
  uint32_t Gens = stack_trie::historyGeneration() - Gen;
  EXPECT_GT(Gens, 10u);
  EXPECT_EQ(uint32_t(Calls), Gens);
  EXPECT_LE(stack_trie::historyNodes(), 1001u);
  // The other thread's history was reset with each generation: its stack
  // is rebuilt, not taken from an emptied arena.
  StackId OtherAfter = Other.history(0x500100);
  EXPECT_EQ(framesOf(OtherAfter), (std::vector<uintptr_t>{0x500100, 0x500000}));
  S.release();
  Other.release();
}

TEST_F(ShadowStackTest, FullKeptTrieKeepsTheLeaf) {
  ShadowStack S;
  StackId Outer = stack_trie::child(kEmptyStack, 0x800000);
  stack_trie::setBudget(uint64_t(stack_trie::keptNodes()) * sizeof(stack_trie::Node));
  S.push(0x800000);
  S.push(0x800010);
  // No room for the new frame: the stack is unavailable...
  StackId K = S.kept();
  EXPECT_EQ(K, kUnavailableStack);
  // ...and a leaf under it keeps its own pc.
  StackId Leaf = stack_trie::child(K, 0x800020);
  EXPECT_EQ(framesOf(Leaf), (std::vector<uintptr_t>{0x800020, kUnknownFramePc}));
  // Stacks already there are still found exactly.
  EXPECT_EQ(stack_trie::childIfRoom(kEmptyStack, 0x800000), Outer);
  EXPECT_EQ(stack_trie::childIfRoom(Outer, 0x800010), kEmptyStack);
  // A report's own stacks are exact all the same.
  {
    stack_trie::UnboundedScope Report;
    EXPECT_EQ(framesOf(stack_trie::child(S.kept(), 0x800020)),
              (std::vector<uintptr_t>{0x800020, 0x800010, 0x800000}));
  }
  EXPECT_EQ(stack_trie::childIfRoom(Outer, 0x800018), kEmptyStack);
  S.pop();
  EXPECT_EQ(S.kept(), Outer);
  S.release();
}

} // namespace
