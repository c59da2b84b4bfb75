//===- internal_alloc.cc - Size-classed mmap arenas for weft's own data ---===//
//
// Small blocks come from 1 MiB chunks, each serving one size class with a
// free list of its own; large blocks (1 MiB and more) are their own
// mappings, unmapped at their free and grown by mremap, so a vector of
// several MiB that doubles neither copies itself nor has its old and new
// arrays resident at once (7 of lock_order_stress's 32 MB peak,
// docs/performance.md).
//
// Memory follows what is live, not what once was: a chunk whose blocks are
// all free serves any class next, unless it is its class's only chunk with
// room (kept, so that one block allocated and freed over and over costs no
// system call); up to kKeptEmptyChunks of them stay resident for that, the
// rest go back to the kernel. Without this, the clocks of
// one test's 61,000 atomics (512-byte blocks) stayed on their class's list
// through every later test of a unit-test binary, while those tests'
// objects of other classes took fresh memory (docs/performance.md, "A
// lock-free queue's unit tests"). A free block of a class of
// kReleaseClassMin or more keeps only its first page resident: a table or
// vector that grew through 64 KiB-1 MiB leaves each old array on a free
// list, and kept resident such arrays were 80-160 MB of LevelDB's db_test
// under weft (docs/performance.md, "Kept-resident memory with a budget").
//
// Only the thread holding the scheduler's baton allocates, but threads that
// have left the schedule (TLS destructors at exit) may too, so a tiny
// spinlock guards the lists: it is never taken on the per-access hot path.
//
//===----------------------------------------------------------------------===//

#include "base/internal_mappings.h"
#include "base/internal_alloc.h"
#include "base/internal_libc.h"
#include "base/raw_syscall.h"

#include <atomic>
#include <cstring>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>

namespace weft {
namespace {

constexpr size_t kHeader = 16; // holds the block's size class or byte size
// Classes are 32, 48, 64, 96, ... 768 KiB, 1 MiB: powers of two and the
// halfway sizes between them. A vector clock takes its size from the
// threads alive (VectorClock::grow rounds to 4 entries): with 67 of them,
// 544 bytes and the header took a 1 KiB block when classes were powers of
// two, 45% of it unused; the 768-byte class wastes 27%, and halfway
// classes cap any block's waste at a third.
constexpr size_t kNumClasses = 31; // classSize(30) is 1 MiB
constexpr size_t kLargeThreshold = size_t(1) << 20;
constexpr size_t kChunk = size_t(1) << 20;
/// Free blocks of classes from this size on hand their whole pages back to
/// the kernel (they come back zero, so their reuse clears only the rest).
/// Below it the system call and the faults at reuse cost more than the
/// memory: blocks that small are many and short-lived (clocks, records).
constexpr size_t kReleaseClassMin = size_t(64) << 10;
/// A block header's second word: a large block's (its first is its mapped
/// size); a small block's holds its chunk's index.
constexpr size_t kLargeMark = ~size_t(0);
/// Chunks weft can hold at once: 1 TiB of small blocks.
constexpr uint32_t kMaxChunks = uint32_t(1) << 20;
constexpr uint32_t kNoChunk = ~uint32_t(0);
/// Emptied chunks kept resident for the next class that needs one (256
/// MiB): a program that frees and rebuilds a million atomics' clocks
/// (BS::thread_pool's tests: some 100 MB each time) would otherwise pay a
/// release and a page fault per page each time (with 64 kept, 1-2 s more
/// system time in a 10 s run). Beyond this they go back. Keeping them
/// costs no peak: the next peak takes them first.
constexpr uint32_t kKeptEmptyChunks = 256;

struct FreeBlock {
  FreeBlock *Next;
};

/// A 1 MiB chunk of one class's blocks, or an empty one in the pool.
struct Chunk {
  char *Base;
  FreeBlock *Free; // freed blocks; those past Carved were never handed out
  uint32_t Carved; // blocks handed out at least once
  uint32_t Live;
  uint32_t Class;
  // Links of the class's list of chunks with room, or of the empty pool.
  uint32_t Prev, Next;
  bool HasRoom;
  bool Dirty; // came from the kept pool: its blocks hold what the last owner left
};

// Chunk I is ChunkGroups[I / kChunksPerGroup][I % kChunksPerGroup]; a group of
// records is reserved when the first of its chunks is mapped, so that the
// records cost address space in step with the chunks (a program run under
// `ulimit -v` has little to spare).
constexpr uint32_t kChunksPerGroup = 1024;
Chunk *ChunkGroups[kMaxChunks / kChunksPerGroup];
uint32_t NumChunks;

Chunk &chunk(uint32_t I) { return ChunkGroups[I / kChunksPerGroup][I % kChunksPerGroup]; }
uint32_t WithRoom[kNumClasses]; // per class: chunks with a free block
// Emptied chunks any class may take: kept resident up to kKeptEmptyChunks,
// released past that.
uint32_t KeptPool = kNoChunk, ReleasedPool = kNoChunk;
uint32_t KeptCount, ReleasedCount;
std::atomic<size_t> LargeBytes; // large blocks are mapped without the lock
bool ListsReady;
std::atomic_flag Lock = ATOMIC_FLAG_INIT;

struct Guard {
  Guard() {
    while (Lock.test_and_set(std::memory_order_acquire))
      rawSchedYield();
  }
  ~Guard() { Lock.clear(std::memory_order_release); }
};

/// The smallest class of at least \p Total bytes (Total < 1 MiB).
size_t classOf(size_t Total) {
  if (Total <= 32)
    return 0;
  // 2^Log < Total <= 2^(Log+1), Log >= 5: the halfway class 3 * 2^(Log-1)
  // (index 2 * (Log - 5) + 1) if Total fits it, else 2^(Log+1).
  size_t Log = 63 - size_t(__builtin_clzll(Total - 1));
  return Total <= (size_t(3) << (Log - 1)) ? 2 * (Log - 5) + 1 : 2 * (Log - 4);
}
/// Even classes are powers of two from 32, odd ones the halfway sizes from
/// 48: all multiples of 16, so every block stays 16-aligned.
size_t classSize(size_t C) { return (C & 1 ? size_t(48) : size_t(32)) << (C / 2); }

constexpr uintptr_t kPage = 4096;

/// The whole pages of a free block of class size \p Size at \p Block past
/// its free-list link: [*Begin, *End), empty for small classes.
void releasedSpan(char *Block, size_t Size, char **Begin, char **End) {
  *Begin = *End = Block;
  if (Size < kReleaseClassMin)
    return;
  uintptr_t B = (reinterpret_cast<uintptr_t>(Block) + sizeof(FreeBlock) + kPage - 1) & ~(kPage - 1);
  uintptr_t E = (reinterpret_cast<uintptr_t>(Block) + Size) & ~(kPage - 1);
  if (B < E) {
    *Begin = reinterpret_cast<char *>(B);
    *End = reinterpret_cast<char *>(E);
  }
}

/// Private anonymous memory from the kernel, never through the program's
/// (intercepted) mmap: weft's own mappings are no program memory to reset.
void *mapAnonymous(size_t Size) {
  long P = mapInternal(Size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE);
  return P == -1 ? nullptr : reinterpret_cast<void *>(P);
}

void *mapOrDie(size_t Size) {
  void *P = mapAnonymous(Size);
  if (!P)
    dieOutOfAddressSpace("internal data", Size);
  return P;
}

// A doubly linked list of chunks by index, headed by *Head.
void pushChunk(uint32_t *Head, uint32_t I) {
  chunk(I).Prev = kNoChunk;
  chunk(I).Next = *Head;
  if (*Head != kNoChunk)
    chunk(*Head).Prev = I;
  *Head = I;
}
void unlinkChunk(uint32_t *Head, uint32_t I) {
  Chunk &K = chunk(I);
  if (K.Prev != kNoChunk)
    chunk(K.Prev).Next = K.Next;
  else
    *Head = K.Next;
  if (K.Next != kNoChunk)
    chunk(K.Next).Prev = K.Prev;
}

/// A chunk for class \p C with no block handed out: an emptied one kept
/// resident, else a released one (zero), else newly mapped.
uint32_t newChunk(size_t C) {
  if (!ListsReady) {
    for (uint32_t &H : WithRoom)
      H = kNoChunk;
    ListsReady = true;
  }
  uint32_t I;
  bool Dirty = false;
  if ((I = KeptPool) != kNoChunk) {
    unlinkChunk(&KeptPool, I);
    --KeptCount;
    Dirty = true;
  } else if ((I = ReleasedPool) != kNoChunk) {
    unlinkChunk(&ReleasedPool, I);
    --ReleasedCount;
  } else {
    if (NumChunks == kMaxChunks)
      dieOutOfAddressSpace("internal data", size_t(kMaxChunks) * kChunk);
    I = NumChunks++;
    if (!ChunkGroups[I / kChunksPerGroup])
      ChunkGroups[I / kChunksPerGroup] =
          static_cast<Chunk *>(mapOrDie(kChunksPerGroup * sizeof(Chunk)));
    chunk(I).Base = static_cast<char *>(mapOrDie(kChunk));
  }
  Chunk &K = chunk(I);
  K.Free = nullptr;
  K.Carved = 0;
  K.Live = 0;
  K.Class = uint32_t(C);
  K.HasRoom = true;
  K.Dirty = Dirty;
  pushChunk(&WithRoom[C], I);
  return I;
}

/// A block of class \p C, and whether it was handed out before (it holds
/// what its last owner left).
char *takeBlock(size_t C, uint32_t *Index, bool *Reused) {
  if (!ListsReady || WithRoom[C] == kNoChunk)
    newChunk(C);
  uint32_t I = WithRoom[C];
  Chunk &K = chunk(I);
  char *Block;
  if (K.Free) {
    Block = reinterpret_cast<char *>(K.Free);
    K.Free = K.Free->Next;
    *Reused = true;
  } else {
    // Zero when fresh from mmap or released; a kept chunk's is cleared as
    // a reused block is, after its whole pages of a large class go back
    // (clearing them would fault them all in at once).
    Block = K.Base + size_t(K.Carved++) * classSize(C);
    *Reused = K.Dirty;
    if (K.Dirty) {
      char *RelBegin, *RelEnd;
      releasedSpan(Block, classSize(C), &RelBegin, &RelEnd);
      if (RelBegin != RelEnd)
        releasePages(RelBegin, RelEnd - RelBegin);
    }
  }
  ++K.Live;
  // A halfway class leaves a tail shorter than a block at the chunk's end.
  if (!K.Free && size_t(K.Carved + 1) * classSize(C) > kChunk) {
    unlinkChunk(&WithRoom[C], I);
    K.HasRoom = false;
  }
  *Index = I;
  return Block;
}

/// Block \p Block of chunk \p I is free again.
void putBlock(char *Block, uint32_t I) {
  Chunk &K = chunk(I);
  auto *F = reinterpret_cast<FreeBlock *>(Block);
  F->Next = K.Free;
  K.Free = F;
  --K.Live;
  if (!K.HasRoom) {
    pushChunk(&WithRoom[K.Class], I);
    K.HasRoom = true;
  }
  // Emptied, and its class has another chunk with room: the chunk goes to
  // whichever class needs one next, its memory kept up to a bound.
  if (K.Live == 0 && (K.Prev != kNoChunk || K.Next != kNoChunk)) {
    unlinkChunk(&WithRoom[K.Class], I);
    K.HasRoom = false;
    if (KeptCount < kKeptEmptyChunks) {
      pushChunk(&KeptPool, I);
      ++KeptCount;
    } else {
      rawSyscall(SYS_madvise, reinterpret_cast<long>(K.Base), long(kChunk), MADV_DONTNEED);
      pushChunk(&ReleasedPool, I);
      ++ReleasedCount;
    }
  }
}

} // namespace

void *internalAlloc(size_t Size) {
  size_t Total = Size + kHeader;
  char *Block;
  if (Total >= kLargeThreshold) {
    size_t Mapped = (Total + 4095) & ~size_t(4095);
    Block = static_cast<char *>(mapOrDie(Mapped));
    *reinterpret_cast<size_t *>(Block) = Mapped;
    *reinterpret_cast<size_t *>(Block + 8) = kLargeMark;
    LargeBytes.fetch_add(Mapped, std::memory_order_relaxed);
    return Block + kHeader;
  }
  size_t C = classOf(Total);
  bool Reused;
  uint32_t Index;
  {
    Guard G;
    Block = takeBlock(C, &Index, &Reused);
  }
  // Carved memory is fresh from mmap (or released), hence zero: clearing it
  // anyway would touch every page of a large block at once (measured when
  // the stack trie's 2 MiB first chunk came from here: a quarter of a short
  // run).
  if (Reused) {
    // The released span reads zero already (internalFree).
    char *RelBegin, *RelEnd;
    releasedSpan(Block, classSize(C), &RelBegin, &RelEnd);
    internalMemset(Block, 0, RelBegin - Block);
    internalMemset(RelEnd, 0, Block + classSize(C) - RelEnd);
  }
  *reinterpret_cast<size_t *>(Block) = C;
  *reinterpret_cast<size_t *>(Block + 8) = Index;
  return Block + kHeader;
}

static size_t usableSize(char *Block) {
  if (*reinterpret_cast<size_t *>(Block + 8) == kLargeMark)
    return *reinterpret_cast<size_t *>(Block) - kHeader;
  return classSize(*reinterpret_cast<size_t *>(Block)) - kHeader;
}

void internalFree(void *Ptr) {
  if (!Ptr)
    return;
  char *Block = static_cast<char *>(Ptr) - kHeader;
  size_t Index = *reinterpret_cast<size_t *>(Block + 8);
  if (Index == kLargeMark) {
    LargeBytes.fetch_sub(*reinterpret_cast<size_t *>(Block), std::memory_order_relaxed);
    rawSyscall(SYS_munmap, reinterpret_cast<long>(Block),
               long(*reinterpret_cast<size_t *>(Block)));
    return;
  }
  size_t C = *reinterpret_cast<size_t *>(Block);
  // Before the block is on a list: nobody else can take it meanwhile.
  char *RelBegin, *RelEnd;
  releasedSpan(Block, classSize(C), &RelBegin, &RelEnd);
  if (RelBegin != RelEnd)
    releasePages(RelBegin, RelEnd - RelBegin);
  Guard G;
  putBlock(Block, uint32_t(Index));
}

void *internalRealloc(void *Ptr, size_t Size) {
  if (!Ptr)
    return internalAlloc(Size);
  char *OldBlock = static_cast<char *>(Ptr) - kHeader;
  size_t Old = usableSize(OldBlock);
  if (Size <= Old)
    return Ptr;
  // A large block grows where the kernel can put it, without a copy, and
  // without the old and new arrays resident at once.
  if (*reinterpret_cast<size_t *>(OldBlock + 8) == kLargeMark) {
    size_t Mapped = (Size + kHeader + 4095) & ~size_t(4095);
    size_t OldMapped = *reinterpret_cast<size_t *>(OldBlock);
    long P = rawSyscall(SYS_mremap, reinterpret_cast<long>(OldBlock), long(OldMapped),
                        long(Mapped), MREMAP_MAYMOVE);
    if (P != -1) {
      char *Block = reinterpret_cast<char *>(P);
      LargeBytes.fetch_add(Mapped - OldMapped, std::memory_order_relaxed);
      *reinterpret_cast<size_t *>(Block) = Mapped;
      return Block + kHeader;
    }
  }
  void *New = internalAlloc(Size);
  internalMemcpy(New, Ptr, Old);
  internalFree(Ptr);
  return New;
}

void *reserveAddressSpace(size_t Size) { return mapAnonymous(Size); }

InternalAllocStats internalAllocStats() {
  Guard G;
  return {NumChunks, KeptCount, ReleasedCount, LargeBytes.load(std::memory_order_relaxed)};
}

namespace {
void appendDec(char *Buf, size_t &Len, uint64_t V) {
  char Digits[24];
  size_t N = 0;
  do
    Digits[N++] = char('0' + V % 10);
  while (V /= 10);
  while (N)
    Buf[Len++] = Digits[--N];
}
void appendStr(char *Buf, size_t &Len, const char *S) {
  while (*S)
    Buf[Len++] = *S++;
}
} // namespace

void dieOutOfAddressSpace(const char *What, size_t Size) {
  struct rlimit Lim;
  bool Limited = rawSyscall(SYS_prlimit64, 0, RLIMIT_AS, 0, long(&Lim)) == 0 &&
                 Lim.rlim_cur != RLIM_INFINITY;
  char Buf[512];
  size_t Len = 0;
  appendStr(Buf, Len, "weft: fatal: cannot reserve ");
  appendDec(Buf, Len, Size >> 20);
  appendStr(Buf, Len, " MiB of address space for ");
  appendStr(Buf, Len, What);
  if (Limited) {
    appendStr(Buf, Len, ": the address-space limit (RLIMIT_AS, ulimit -v) is ");
    appendDec(Buf, Len, uint64_t(Lim.rlim_cur) >> 20);
    appendStr(Buf, Len, " MiB; raise it (weft reserves 64 MiB of shadow for each 32 MiB "
                        "of address space the program touches) or lift it (ulimit -v "
                        "unlimited)\n");
  } else {
    appendStr(Buf, Len, " (is vm.overcommit_memory=2? weft reserves its shadow with "
                        "MAP_NORESERVE, which strict overcommit ignores)\n");
  }
  rawWriteAll(2, Buf, Len);
  rawExit(kRuntimeFailureExit);
}

void releasePages(void *Addr, size_t Size) {
  uintptr_t Begin = (reinterpret_cast<uintptr_t>(Addr) + 4095) & ~uintptr_t(4095);
  uintptr_t End = (reinterpret_cast<uintptr_t>(Addr) + Size) & ~uintptr_t(4095);
  if (Begin < End)
    rawSyscall(SYS_madvise, long(Begin), long(End - Begin), MADV_DONTNEED);
}

} // namespace weft
