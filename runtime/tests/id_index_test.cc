//===- id_index_test.cc - IdIndex against std::unordered_map --------------===//
//
// The index stores only ids and asks the caller to hash and compare keys,
// so its mistakes are of two kinds: an id whose key matches is not found
// (lost across a growth, or behind a probe chain), or a key that is absent
// finds some id. Keys are interned into a vector as the runtime's callers
// do, with key pools that share hashes so that probe chains form, and the
// index is checked against std::unordered_map after each step.
//
//===----------------------------------------------------------------------===//

#include "core/id_index.h"

#include "prng.h"

#include <gtest/gtest.h>

#include <unordered_map>
#include <vector>

using namespace weft;

namespace {

// Objects in the caller's vector; id = index + 1.
struct Interned {
  std::vector<uint64_t> Keys;
  IdIndex Index;
  // Hash deliberately coarse: keys equal modulo Buckets hash alike.
  uint64_t Buckets;

  explicit Interned(uint64_t Buckets) : Buckets(Buckets) {}
  uint64_t hashOf(uint64_t Key) const { return Key % Buckets; }
  uint32_t find(uint64_t Key) const {
    return Index.find(hashOf(Key),
                      [&](uint32_t Id) { return Keys[Id - 1] == Key; });
  }
  uint32_t intern(uint64_t Key) {
    if (uint32_t Id = find(Key))
      return Id;
    Keys.push_back(Key);
    uint32_t Id = static_cast<uint32_t>(Keys.size());
    Index.insert(hashOf(Key), Id,
                 [&](uint32_t Old) { return hashOf(Keys[Old - 1]); });
    return Id;
  }
};

TEST(IdIndexTest, EmptyIndexFindsNothing) {
  IdIndex I;
  EXPECT_EQ(I.size(), 0u);
  EXPECT_EQ(I.find(42, [](uint32_t) { return true; }), 0u);
}

TEST(IdIndexTest, FindsEachIdByItsKeyAcrossGrowth) {
  Interned T(uint64_t(1) << 40);
  for (uint64_t K = 0; K < 50000; ++K)
    ASSERT_EQ(T.intern(K * 7919), K + 1);
  EXPECT_EQ(T.Index.size(), 50000u);
  for (uint64_t K = 0; K < 50000; ++K)
    ASSERT_EQ(T.find(K * 7919), K + 1) << K;
  EXPECT_EQ(T.find(3), 0u);
}

// Every key hashes to one of 8 values: chains of thousands, which must
// still find each id (the match callback, not the hash, decides) and must
// stop at the first empty slot for an absent key.
TEST(IdIndexTest, KeysSharingHashesStayApart) {
  Interned T(8);
  for (uint64_t K = 0; K < 3000; ++K)
    T.intern(K);
  for (uint64_t K = 0; K < 3000; ++K)
    ASSERT_EQ(T.find(K), K + 1) << K;
  EXPECT_EQ(T.find(3000), 0u);
  EXPECT_EQ(T.find(123456), 0u);
}

TEST(IdIndexTest, RandomInterningMatchesUnorderedMap) {
  for (uint64_t Seed = 1; Seed <= 5; ++Seed) {
    Prng R(Seed);
    Interned T(1 + R.next() % 5000);
    std::unordered_map<uint64_t, uint32_t> Model;
    for (int Step = 0; Step < 40000; ++Step) {
      uint64_t Key = R.next() % 20000;
      uint32_t Want = Model.count(Key) ? Model[Key]
                                       : static_cast<uint32_t>(Model.size() + 1);
      ASSERT_EQ(T.intern(Key), Want) << "seed " << Seed << " step " << Step;
      Model[Key] = Want;
      uint64_t Probe = R.next() % 25000;
      uint32_t Expect = Model.count(Probe) ? Model[Probe] : 0;
      ASSERT_EQ(T.find(Probe), Expect) << "seed " << Seed << " step " << Step;
    }
    EXPECT_EQ(T.Index.size(), Model.size());
  }
}

} // namespace
