//===- dense_slab_test.cc - DenseSlab: ids, reuse, segments ---------------===//

#include "core/dense_slab.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <vector>

using namespace weft;

namespace {

struct Obj {
  uint64_t A = 7;
  uint32_t B = 0;
  static int Destroyed;
  ~Obj() { ++Destroyed; }
};
int Obj::Destroyed = 0;

// Segments of 4,096 objects (a table of 2^20 segments), so that a test
// crosses a few.
using SmallSlab = DenseSlab<Obj, 12>;

TEST(DenseSlabTest, IdsAreNonzeroDistinctAndStable) {
  auto Slab = std::make_unique<SmallSlab>();
  std::vector<uint32_t> Ids;
  std::set<Obj *> Seen;
  for (uint32_t I = 0; I < 10000; ++I) {
    uint32_t Id = Slab->create("test objects");
    EXPECT_NE(Id, SmallSlab::kNone);
    Obj *P = Slab->at(Id);
    EXPECT_EQ(P->A, 7u); // constructed
    P->B = I;
    EXPECT_TRUE(Seen.insert(P).second);
    Ids.push_back(Id);
  }
  EXPECT_EQ(Slab->live(), 10000u);
  // Objects never move: what was written is where it was.
  for (uint32_t I = 0; I < 10000; ++I)
    EXPECT_EQ(Slab->at(Ids[I])->B, I);
}

TEST(DenseSlabTest, DestroyedIdsComeBackLastFirstAndConstructedAgain) {
  auto Slab = std::make_unique<SmallSlab>();
  uint32_t A = Slab->create("test objects");
  uint32_t B = Slab->create("test objects");
  uint32_t C = Slab->create("test objects");
  Slab->at(B)->A = 99;
  int Before = Obj::Destroyed;
  Slab->destroy(A);
  Slab->destroy(B);
  EXPECT_EQ(Obj::Destroyed, Before + 2);
  EXPECT_EQ(Slab->live(), 1u);
  EXPECT_EQ(Slab->create("test objects"), B);
  EXPECT_EQ(Slab->at(B)->A, 7u); // a fresh object, not the old value
  EXPECT_EQ(Slab->create("test objects"), A);
  uint32_t D = Slab->create("test objects"); // the free list is empty again
  EXPECT_NE(D, A);
  EXPECT_NE(D, B);
  EXPECT_NE(D, C);
  EXPECT_EQ(Slab->live(), 4u);
}

TEST(DenseSlabTest, ChurnKeepsTheIdsInUseFew) {
  // Creating and destroying in waves reuses storage instead of growing.
  auto Slab = std::make_unique<SmallSlab>();
  std::set<uint32_t> Ever;
  for (int Wave = 0; Wave < 20; ++Wave) {
    std::vector<uint32_t> Ids;
    for (int I = 0; I < 5000; ++I) {
      Ids.push_back(Slab->create("test objects"));
      Ever.insert(Ids.back());
    }
    for (uint32_t Id : Ids)
      Slab->destroy(Id);
  }
  EXPECT_EQ(Slab->live(), 0u);
  EXPECT_EQ(Ever.size(), 5000u);
}

} // namespace
