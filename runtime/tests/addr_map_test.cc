//===- addr_map_test.cc - AddrMap against std::unordered_map --------------===//
//
// Open addressing with backward-shift deletion is easy to get subtly wrong
// (an entry stranded behind a hole becomes unfindable), so the map is driven
// by random operations next to std::unordered_map, with key pools built to
// collide: keys sharing their home slot at the start and at the end of the
// table, so that clusters wrap around and merge. Failures print the seed.
//
//===----------------------------------------------------------------------===//

#include "core/addr_map.h"

#include "prng.h"

#include <gtest/gtest.h>

#include <unordered_map>
#include <vector>

using namespace weft;

namespace {

// The map's hash before masking; equal low bits mean the same home slot in
// every table of up to 2^Bits slots.
uint64_t hashBits(uintptr_t K) { return addrHash(K); }

std::vector<uintptr_t> collidingKeys(Prng &R, uint64_t LowBits, unsigned Bits,
                                     size_t N) {
  std::vector<uintptr_t> Keys;
  uint64_t Mask = (uint64_t(1) << Bits) - 1;
  while (Keys.size() < N) {
    uintptr_t K = R.next() & 0x00007ffffffffff8ULL; // address-like
    if ((hashBits(K) & Mask) == LowBits)
      Keys.push_back(K);
  }
  return Keys;
}

TEST(AddrMapTest, EmptyMap) {
  AddrMap<int> M;
  EXPECT_EQ(M.size(), 0u);
  EXPECT_EQ(M.find(0x1000), nullptr);
  EXPECT_FALSE(M.erase(0x1000));
}

TEST(AddrMapTest, InsertFindErase) {
  AddrMap<int> M;
  bool Inserted = false;
  M.getOrInsert(0x1000, &Inserted) = 5;
  EXPECT_TRUE(Inserted);
  EXPECT_EQ(M.getOrInsert(0x1000, &Inserted), 5);
  EXPECT_FALSE(Inserted);
  ASSERT_NE(M.find(0x1000), nullptr);
  EXPECT_EQ(*M.find(0x1000), 5);
  EXPECT_EQ(M.find(0x1008), nullptr);
  EXPECT_EQ(M.size(), 1u);
  EXPECT_TRUE(M.erase(0x1000));
  EXPECT_FALSE(M.erase(0x1000));
  EXPECT_EQ(M.find(0x1000), nullptr);
  EXPECT_EQ(M.size(), 0u);
  // A re-inserted key starts from a default value.
  EXPECT_EQ(M.getOrInsert(0x1000, &Inserted), 0);
  EXPECT_TRUE(Inserted);
}

TEST(AddrMapTest, KeyZeroIsAnOrdinaryKey) {
  AddrMap<int> M;
  EXPECT_EQ(M.find(0), nullptr);
  M.getOrInsert(0) = 3;
  ASSERT_NE(M.find(0), nullptr);
  EXPECT_EQ(*M.find(0), 3);
  EXPECT_TRUE(M.erase(0));
  EXPECT_EQ(M.find(0), nullptr);
}

TEST(AddrMapTest, GrowsPastManyRehashes) {
  AddrMap<uint64_t> M;
  for (uint64_t I = 0; I < 20000; ++I)
    M.getOrInsert(0x10000 + I * 16) = I;
  EXPECT_EQ(M.size(), 20000u);
  for (uint64_t I = 0; I < 20000; ++I) {
    uint64_t *V = M.find(0x10000 + I * 16);
    ASSERT_NE(V, nullptr) << I;
    ASSERT_EQ(*V, I);
  }
  size_t Visited = 0;
  M.forEachUnordered([&](uintptr_t K, uint64_t V) {
    ++Visited;
    EXPECT_EQ(K, 0x10000 + V * 16);
  });
  EXPECT_EQ(Visited, 20000u);
}

// Keys made of two 32-bit halves ((stack << 32) | lock set, mutex_set.cc)
// that share their low half must still spread over the table: a hash whose
// low bits depend only on the key's low bits put them all in one probe
// chain, and every lookup walked it.
TEST(AddrMapTest, KeysDifferingOnlyInTheHighHalfSpread) {
  constexpr unsigned Bits = 13;
  std::vector<bool> Used(size_t(1) << Bits);
  size_t Distinct = 0;
  for (uint64_t I = 1; I <= 4096; ++I) {
    size_t Home = hashBits((I << 32) | 5) & ((size_t(1) << Bits) - 1);
    if (!Used[Home]) {
      Used[Home] = true;
      ++Distinct;
    }
  }
  // Random homes would give about 3200 distinct slots.
  EXPECT_GT(Distinct, 2500u);
}

TEST(AddrMapTest, EraseInsideAWrappingCluster) {
  // Twelve keys whose home is the last slot of any table up to 2^16: they
  // fill the end of the table and wrap to slot 0. Erasing each one in turn
  // must keep all the others findable.
  Prng R(31);
  std::vector<uintptr_t> Keys = collidingKeys(R, 0xffff, 16, 12);
  for (size_t Victim = 0; Victim < Keys.size(); ++Victim) {
    AddrMap<uintptr_t> M;
    for (uintptr_t K : Keys)
      M.getOrInsert(K) = K ^ 1;
    ASSERT_TRUE(M.erase(Keys[Victim]));
    for (size_t I = 0; I < Keys.size(); ++I) {
      uintptr_t *V = M.find(Keys[I]);
      if (I == Victim) {
        EXPECT_EQ(V, nullptr);
      } else {
        ASSERT_NE(V, nullptr) << "key " << I << " lost after erasing " << Victim;
        EXPECT_EQ(*V, Keys[I] ^ 1);
      }
    }
  }
}

class AddrMapDifferential : public ::testing::TestWithParam<uint64_t> {};

TEST_P(AddrMapDifferential, MatchesUnorderedMap) {
  const uint64_t Seed = GetParam();
  SCOPED_TRACE(::testing::Message() << "seed " << Seed);
  Prng R(Seed);
  // Key pools: two colliding families (homes at the first and last slot),
  // a family colliding only in small tables, and plain random addresses.
  std::vector<uintptr_t> Pool;
  for (uintptr_t K : collidingKeys(R, 0, 12, 60))
    Pool.push_back(K);
  for (uintptr_t K : collidingKeys(R, 0xfff, 12, 60))
    Pool.push_back(K);
  for (uintptr_t K : collidingKeys(R, 0x15, 5, 100))
    Pool.push_back(K);
  for (int I = 0; I < 300; ++I)
    Pool.push_back(R.next() & 0x00007ffffffffff0ULL);
  Pool.push_back(0);

  AddrMap<uint64_t> M;
  std::unordered_map<uintptr_t, uint64_t> Ref;

  auto checkAll = [&](int Op) {
    ASSERT_EQ(M.size(), Ref.size()) << "op " << Op;
    for (uintptr_t K : Pool) {
      uint64_t *V = M.find(K);
      auto It = Ref.find(K);
      if (It == Ref.end()) {
        ASSERT_EQ(V, nullptr) << "stale key " << K << " at op " << Op;
      } else {
        ASSERT_NE(V, nullptr) << "lost key " << K << " at op " << Op;
        ASSERT_EQ(*V, It->second) << "key " << K << " at op " << Op;
      }
    }
    size_t Visited = 0;
    M.forEachUnordered([&](uintptr_t K, uint64_t V) {
      ++Visited;
      auto It = Ref.find(K);
      ASSERT_NE(It, Ref.end()) << "visited absent key " << K;
      ASSERT_EQ(It->second, V);
    });
    ASSERT_EQ(Visited, Ref.size()) << "op " << Op;
  };

  // Phases alternate between insert-heavy and erase-heavy, so the table
  // both grows through rehashes and drains to nearly empty clusters.
  int Op = 0;
  for (int Phase = 0; Phase < 10; ++Phase) {
    uint32_t InsertPercent = Phase % 2 == 0 ? 80 : 15;
    for (int I = 0; I < 800; ++I, ++Op) {
      uintptr_t K = Pool[R.pickIndex(static_cast<uint32_t>(Pool.size()))];
      if (R.pickIndex(100) < InsertPercent) {
        bool Inserted = false;
        uint64_t &V = M.getOrInsert(K, &Inserted);
        ASSERT_EQ(Inserted, Ref.count(K) == 0) << "op " << Op;
        if (!Inserted) {
          ASSERT_EQ(V, Ref[K]) << "op " << Op;
        }
        V = R.next();
        Ref[K] = V;
      } else {
        ASSERT_EQ(M.erase(K), Ref.erase(K) == 1) << "erase, op " << Op;
      }
      if (I % 16 == 0)
        checkAll(Op);
      if (HasFatalFailure())
        return;
    }
    checkAll(Op);
    if (HasFatalFailure())
      return;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, AddrMapDifferential,
                         ::testing::Values(1, 2, 3, 4, 0xadd7e55));

TEST(AddrMapTest, DrainAfterFillInRandomOrder) {
  for (uint64_t Seed : {7, 8, 9}) {
    SCOPED_TRACE(::testing::Message() << "seed " << Seed);
    Prng R(Seed);
    std::vector<uintptr_t> Keys = collidingKeys(R, 0x3, 8, 150);
    for (uintptr_t K : collidingKeys(R, 0xff, 8, 150))
      Keys.push_back(K);
    AddrMap<uint32_t> M;
    for (uint32_t I = 0; I < Keys.size(); ++I)
      M.getOrInsert(Keys[I]) = I;
    // Erase in a seeded random order, checking every survivor each time.
    std::vector<uint32_t> Order(Keys.size());
    for (uint32_t I = 0; I < Order.size(); ++I)
      Order[I] = I;
    for (uint32_t I = Order.size() - 1; I > 0; --I)
      std::swap(Order[I], Order[R.pickIndex(I + 1)]);
    std::vector<bool> Gone(Keys.size());
    for (uint32_t Victim : Order) {
      ASSERT_TRUE(M.erase(Keys[Victim]));
      Gone[Victim] = true;
      for (uint32_t I = 0; I < Keys.size(); ++I) {
        uint32_t *V = M.find(Keys[I]);
        if (Gone[I])
          ASSERT_EQ(V, nullptr);
        else
          ASSERT_TRUE(V && *V == I) << "key " << I << " lost";
      }
    }
    EXPECT_EQ(M.size(), 0u);
  }
}

} // namespace
