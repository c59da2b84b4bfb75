//===- internal_alloc_test.cc - weft's private mmap allocator -------------===//
//
// Everything weft keeps (clocks, tables, thread records) lives in this
// allocator, so it must honour its contract in every size class: zeroed,
// 16-byte aligned, independent blocks, content kept across realloc.
//
//===----------------------------------------------------------------------===//

#include "base/internal_alloc.h"
#include "base/internal_vector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <sys/mman.h>
#include <vector>

using namespace weft;

namespace {

bool allZero(const void *P, size_t N) {
  const unsigned char *B = static_cast<const unsigned char *>(P);
  for (size_t I = 0; I < N; ++I)
    if (B[I])
      return false;
  return true;
}

// Sizes around every class boundary (classes are powers of two and the
// halfway sizes between them, including a 16-byte header), up to just
// below the large-block threshold and past it.
std::vector<size_t> interestingSizes() {
  std::vector<size_t> Sizes = {0, 1, 7, 8, 15, 16, 17};
  for (size_t Class = 32; Class <= (size_t(8) << 20); Class <<= 1)
    for (size_t Boundary : {Class, Class + Class / 2})
      for (size_t Delta : {size_t(17), size_t(16), size_t(15)})
        if (Boundary >= Delta)
          Sizes.push_back(Boundary - Delta);
  return Sizes;
}

// A block wastes at most a third of its class (halfway classes), so a clock
// of 68 entries (544 bytes) no longer takes a 1 KiB block: the allocator's
// memory for N such blocks stays below 768 bytes each.
TEST(InternalAllocTest, HalfwayClassesBoundTheWaste) {
  auto InUse = [] {
    InternalAllocStats S = internalAllocStats();
    return S.Chunks - S.KeptEmpty - S.Released;
  };
  size_t Before = InUse();
  std::vector<void *> Blocks;
  for (int I = 0; I < 13650; ++I)
    Blocks.push_back(internalAlloc(544));
  // 1,365 blocks of 768 bytes a chunk: 10 chunks (9 if the class had one
  // with room already); 1 KiB blocks would have taken 14.
  EXPECT_LE(InUse() - Before, 10u);
  EXPECT_GE(InUse() - Before, 9u);
  for (void *P : Blocks)
    internalFree(P);
}

TEST(InternalAllocTest, EveryClassGivesZeroedAlignedIndependentBlocks) {
  std::vector<std::pair<unsigned char *, size_t>> Blocks;
  unsigned char Fill = 1;
  for (size_t Size : interestingSizes()) {
    auto *P = static_cast<unsigned char *>(internalAlloc(Size));
    ASSERT_NE(P, nullptr) << "size " << Size;
    EXPECT_EQ(reinterpret_cast<uintptr_t>(P) % 16, 0u) << "size " << Size;
    EXPECT_TRUE(allZero(P, Size)) << "size " << Size;
    memset(P, Fill, Size);
    Blocks.push_back({P, Size});
    Fill = Fill == 255 ? 1 : Fill + 1;
  }
  // No block overlaps another: each still holds only its own fill byte.
  Fill = 1;
  for (auto &[P, Size] : Blocks) {
    for (size_t I = 0; I < Size; ++I)
      if (P[I] != Fill) {
        ADD_FAILURE() << "block of size " << Size << " clobbered at " << I;
        break;
      }
    Fill = Fill == 255 ? 1 : Fill + 1;
  }
  for (auto &[P, Size] : Blocks)
    internalFree(P);
}

TEST(InternalAllocTest, ReusedBlocksAreZeroedAgain) {
  for (size_t Size : {24, 100, 1000, 70000}) {
    void *P = internalAlloc(Size);
    memset(P, 0xab, Size);
    internalFree(P);
    // The free list hands back the same block; it must look fresh.
    void *Q = internalAlloc(Size);
    EXPECT_EQ(Q, P) << "size " << Size;
    EXPECT_TRUE(allZero(Q, Size)) << "size " << Size;
    internalFree(Q);
  }
}

/// How many of the pages of [P, P+Size) (page-aligned) are resident.
size_t residentPages(const void *P, size_t Size) {
  std::vector<unsigned char> Vec(Size / 4096);
  EXPECT_EQ(mincore(const_cast<void *>(P), Size, Vec.data()), 0);
  size_t N = 0;
  for (unsigned char V : Vec)
    N += V & 1;
  return N;
}

TEST(InternalAllocTest, LargeFreeBlocksKeepOnlyTheirFirstPageResident) {
  // Classes from 64 KiB on: a freed block's whole pages go back to the
  // kernel, and its reuse still reads zero everywhere, including the parts
  // the release could not take (the free-list link, a partial first page).
  // (From 1 MiB on a block is its own mapping: LargeBlocksGoBackWhole.)
  for (size_t Size : {size_t(70000), size_t(300000), (size_t(1) << 20) - 100}) {
    auto *P = static_cast<unsigned char *>(internalAlloc(Size));
    memset(P, 0xab, Size);
    uintptr_t Inner = (reinterpret_cast<uintptr_t>(P) + 2 * 4096) & ~uintptr_t(4095);
    size_t InnerBytes = ((reinterpret_cast<uintptr_t>(P) + Size) & ~uintptr_t(4095)) - Inner;
    ASSERT_EQ(residentPages(reinterpret_cast<void *>(Inner), InnerBytes), InnerBytes / 4096);
    internalFree(P);
    EXPECT_EQ(residentPages(reinterpret_cast<void *>(Inner), InnerBytes), 0u) << "size " << Size;
    auto *Q = static_cast<unsigned char *>(internalAlloc(Size));
    EXPECT_EQ(Q, P) << "size " << Size;
    EXPECT_TRUE(allZero(Q, Size)) << "size " << Size;
    internalFree(Q);
  }
}

TEST(InternalAllocTest, SmallFreeBlocksStayResident) {
  // Below 64 KiB a block is too small to pay a system call at its free
  // and page faults at its reuse.
  const size_t Size = 30000; // the 32 KiB class with its header
  auto *P = static_cast<unsigned char *>(internalAlloc(Size));
  memset(P, 0xab, Size);
  uintptr_t Inner = (reinterpret_cast<uintptr_t>(P) + 4096) & ~uintptr_t(4095);
  internalFree(P);
  EXPECT_EQ(residentPages(reinterpret_cast<void *>(Inner), 4 * 4096), 4u);
  auto *Q = static_cast<unsigned char *>(internalAlloc(Size));
  EXPECT_EQ(Q, P);
  EXPECT_TRUE(allZero(Q, Size));
  internalFree(Q);
}

/// Allocates \p Count blocks of \p Size, each filled, and returns them.
std::vector<unsigned char *> filledBlocks(size_t Size, size_t Count) {
  std::vector<unsigned char *> Blocks;
  for (size_t I = 0; I < Count; ++I) {
    auto *P = static_cast<unsigned char *>(internalAlloc(Size));
    memset(P, 0xab, Size);
    Blocks.push_back(P);
  }
  return Blocks;
}

TEST(InternalAllocTest, EmptiedChunksServeOtherClasses) {
  // 8 MiB of 512-byte blocks (clocks of a test's atomics), all freed: a
  // later test's objects of another class are carved from those chunks,
  // cleared, instead of from new memory.
  std::vector<unsigned char *> Blocks = filledBlocks(480, 16384);
  uintptr_t Lo = ~uintptr_t(0), Hi = 0;
  for (unsigned char *P : Blocks) {
    Lo = std::min(Lo, reinterpret_cast<uintptr_t>(P));
    Hi = std::max(Hi, reinterpret_cast<uintptr_t>(P) + 480);
    internalFree(P);
  }
  size_t Inside = 0;
  std::vector<void *> Others;
  for (size_t I = 0; I < 3 * 4096; ++I) {
    void *Q = internalAlloc(200); // the 256-byte class: 4,096 per chunk
    EXPECT_TRUE(allZero(Q, 200));
    uintptr_t A = reinterpret_cast<uintptr_t>(Q);
    Inside += A >= Lo && A < Hi;
    Others.push_back(Q);
  }
  // All but what fits the one chunk with room the class may already have.
  EXPECT_GE(Inside, Others.size() - 4096);
  for (void *Q : Others)
    internalFree(Q);
}

TEST(InternalAllocTest, EmptiedChunksBeyondTheKeptOnesGoBack) {
  // 320 MiB of blocks freed: at most 256 emptied chunks stay resident (and
  // the one the class keeps); the others' pages go back to the kernel.
  std::vector<unsigned char *> Blocks = filledBlocks(480, 320 * 2048);
  for (unsigned char *P : Blocks)
    internalFree(P);
  size_t Pages = 0, Sampled = 0;
  for (unsigned char *P : Blocks)
    if (reinterpret_cast<uintptr_t>(P) % 4096 == 16) { // a block at a page's start
      ++Sampled;
      Pages += residentPages(P - 16, 4096);
    }
  EXPECT_EQ(Sampled, 320u * 256);
  EXPECT_LE(Pages, 257u * 256);
  // Blocks of a large class carved from a kept chunk read zero too (their
  // whole pages are released rather than cleared).
  std::vector<void *> Large;
  for (int I = 0; I < 6; ++I) {
    Large.push_back(internalAlloc(300000)); // the 512 KiB class: 2 per chunk
    EXPECT_TRUE(allZero(Large.back(), 300000));
  }
  for (void *Q : Large)
    internalFree(Q);
  // And they still serve: blocks carved from them read zero.
  std::vector<void *> Again;
  for (size_t I = 0; I < 320 * 2048; ++I) {
    Again.push_back(internalAlloc(480));
    if (I % 997 == 0)
      EXPECT_TRUE(allZero(Again.back(), 480));
  }
  for (void *Q : Again)
    internalFree(Q);
}

TEST(InternalAllocTest, OneBlockFreedOverAndOverKeepsItsChunk) {
  // A class's only chunk with room stays, pages and all, when it empties:
  // no system call and no page fault per allocation.
  auto *P = static_cast<unsigned char *>(internalAlloc(1000));
  memset(P, 0xcd, 1000);
  internalFree(P);
  for (int I = 0; I < 100; ++I) {
    auto *Q = static_cast<unsigned char *>(internalAlloc(1000));
    EXPECT_EQ(Q, P);
    EXPECT_TRUE(allZero(Q, 1000));
    memset(Q, 0xcd, 1000);
    internalFree(Q);
  }
  uintptr_t Page = (reinterpret_cast<uintptr_t>(P) + 4095) & ~uintptr_t(4095);
  if (Page + 4096 <= reinterpret_cast<uintptr_t>(P) + 1000)
    EXPECT_EQ(residentPages(reinterpret_cast<void *>(Page), 4096), 1u);
}

TEST(InternalAllocTest, FreeOfNullIsANoOp) { internalFree(nullptr); }

TEST(InternalAllocTest, ReallocKeepsContentAndZeroesTheGrowth) {
  size_t Size = 10;
  auto *P = static_cast<unsigned char *>(internalRealloc(nullptr, Size));
  ASSERT_NE(P, nullptr);
  EXPECT_TRUE(allZero(P, Size));
  for (size_t I = 0; I < Size; ++I)
    P[I] = static_cast<unsigned char>(I * 7 + 1);
  // Grow through every class and into a large (separately mapped) block.
  while (Size < (size_t(20) << 20)) {
    size_t NewSize = Size * 3 + 5;
    P = static_cast<unsigned char *>(internalRealloc(P, NewSize));
    ASSERT_NE(P, nullptr);
    for (size_t I = 0; I < Size; ++I)
      if (P[I] != static_cast<unsigned char>(I * 7 + 1)) {
        ADD_FAILURE() << "byte " << I << " lost growing to " << NewSize;
        break;
      }
    EXPECT_TRUE(allZero(P + Size, NewSize - Size)) << "growing to " << NewSize;
    for (size_t I = Size; I < NewSize; ++I)
      P[I] = static_cast<unsigned char>(I * 7 + 1);
    Size = NewSize;
  }
  // Shrinking keeps the prefix.
  P = static_cast<unsigned char *>(internalRealloc(P, 100));
  for (size_t I = 0; I < 100; ++I)
    ASSERT_EQ(P[I], static_cast<unsigned char>(I * 7 + 1)) << "byte " << I;
  internalFree(P);
}

/// Whether any page of [P, P+Size) is mapped at all.
bool anyMapped(const void *P, size_t Size) {
  std::vector<unsigned char> Vec(Size / 4096);
  for (size_t I = 0; I < Size; I += 4096)
    if (mincore(const_cast<char *>(static_cast<const char *>(P)) + I, 4096, Vec.data()) == 0)
      return true;
  return false;
}

TEST(InternalAllocTest, LargeBlocksGoBackWholeAndGrowWithoutACopy) {
  // From 1 MiB on a block is its own mapping: a free unmaps it, and a
  // realloc moves its pages rather than copying them, so a vector that
  // doubles never has its old and new arrays resident at once (a deadlock
  // detector's tables of a few MiB each: bench/programs/lock_order_stress.c).
  const size_t Size = size_t(2) << 20;
  auto *P = static_cast<unsigned char *>(internalAlloc(Size));
  for (size_t I = 0; I < Size; ++I)
    P[I] = static_cast<unsigned char>(I * 13 + 5);
  uintptr_t Page = (reinterpret_cast<uintptr_t>(P) + 4095) & ~uintptr_t(4095);
  size_t Bytes = (size_t(1) << 20);
  auto *Q = static_cast<unsigned char *>(internalRealloc(P, 3 * Size));
  ASSERT_NE(Q, nullptr);
  for (size_t I = 0; I < Size; ++I)
    if (Q[I] != static_cast<unsigned char>(I * 13 + 5)) {
      ADD_FAILURE() << "byte " << I << " lost";
      break;
    }
  EXPECT_TRUE(allZero(Q + Size, 2 * Size));
  if (Q != P)
    EXPECT_FALSE(anyMapped(reinterpret_cast<void *>(Page), Bytes)) << "the old pages stayed";
  uintptr_t QPage = (reinterpret_cast<uintptr_t>(Q) + 4095) & ~uintptr_t(4095);
  internalFree(Q);
  EXPECT_FALSE(anyMapped(reinterpret_cast<void *>(QPage), Bytes)) << "a freed large block stayed";
}

TEST(InternalAllocTest, LargeBlocksAreUsableAndFreeable) {
  for (size_t Size : {size_t(8) << 20, (size_t(8) << 20) + 1, size_t(33) << 20}) {
    auto *P = static_cast<unsigned char *>(internalAlloc(Size));
    ASSERT_NE(P, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(P) % 16, 0u);
    EXPECT_EQ(P[Size - 1], 0);
    // Touch every page: all of it is mapped and zero.
    for (size_t I = 0; I < Size; I += 4096) {
      EXPECT_EQ(P[I], 0) << "size " << Size << ", offset " << I;
      P[I] = 1;
    }
    P[Size - 1] = 2;
    internalFree(P);
  }
}

TEST(InternalAllocTest, InternalNewConstructsAndDeleteDestroys) {
  struct Probe {
    explicit Probe(int *Counter) : Counter(Counter) { ++*Counter; }
    ~Probe() { --*Counter; }
    int *Counter;
    uint64_t Payload[5];
  };
  int Live = 0;
  Probe *P = internalNew<Probe>(&Live);
  EXPECT_EQ(Live, 1);
  EXPECT_EQ(P->Payload[4], 0u);
  internalDelete(P);
  EXPECT_EQ(Live, 0);
  internalDelete<Probe>(nullptr);
}

TEST(InternalAllocTest, ReleasedPagesReadAsZero) {
  const size_t Size = 64 * 4096;
  auto *P = static_cast<unsigned char *>(reserveAddressSpace(Size));
  ASSERT_NE(P, nullptr);
  memset(P, 0x5a, Size);
  // Only whole pages inside the range go back: the partial ones at both
  // ends keep their content.
  releasePages(P + 100, Size - 200);
  EXPECT_EQ(P[99], 0x5a);
  EXPECT_EQ(P[4095], 0x5a);
  EXPECT_TRUE(allZero(P + 4096, Size - 2 * 4096));
  EXPECT_EQ(P[Size - 4096], 0x5a);
  EXPECT_EQ(P[Size - 1], 0x5a);
}

TEST(InternalVectorTest, PushInsertEraseResize) {
  InternalVector<uint32_t> V;
  std::vector<uint32_t> Ref;
  for (uint32_t I = 0; I < 1000; ++I) {
    V.push_back(I);
    Ref.push_back(I);
  }
  for (uint32_t I = 0; I < 200; ++I) {
    size_t Pos = (I * 37) % (Ref.size() + 1);
    V.insert(Pos, 5000 + I);
    Ref.insert(Ref.begin() + Pos, 5000 + I);
    size_t Del = (I * 53) % Ref.size();
    V.erase(Del);
    Ref.erase(Ref.begin() + Del);
  }
  ASSERT_EQ(V.size(), Ref.size());
  EXPECT_TRUE(std::equal(V.begin(), V.end(), Ref.begin()));
  V.resize(2000);
  EXPECT_EQ(V.size(), 2000u);
  EXPECT_EQ(V[1500], 0u);
  V.pop_back();
  EXPECT_EQ(V.size(), 1999u);
  V.clear();
  EXPECT_TRUE(V.empty());
}

} // namespace
