//===- access_history.cc - Records of recorded accesses' stacks -----------===//

#include "shadow/access_history.h"

#include "base/internal_alloc.h"

namespace weft {
namespace access_history {

namespace {

/// Records of one clock slot and one generation, newest last. 2 KiB with
/// the allocator's header (internal_alloc.h rounds up to a power of two):
/// a thread that records a little costs little, and thousands of them
/// alive at once cost a few MiB.
struct Chunk {
  Chunk *Older;     // the same clock slot's previous chunk, same generation
  Chunk *NextInGen; // every chunk of the generation (or the free list)
  uint32_t Count;
  uint32_t Unused;
  Record R[(2048 - 16 - 24) / sizeof(Record)];
};
static_assert(sizeof(Chunk) <= 2048 - 16, "a chunk and the allocator's header fit 2 KiB");
constexpr uint32_t kPerChunk = sizeof(Chunk::R) / sizeof(Record);

/// A clock slot's newest chunk in each of the two live generations, by
/// the generation's parity.
struct SlotRecords {
  Chunk *Newest[2];
};

// Indexed by clock slot: reserved for every possible one, touched only for
// those that record something.
SlotRecords *Slots;
uint32_t NumSlots; // one past the highest clock slot that recorded
uint32_t Generation;
Chunk *GenChunks[2];   // by parity
uint64_t GenRecords[2];
Chunk *FreeChunks;
size_t InUse;
uint64_t RecordsPerGeneration = (4u << 20) / sizeof(Record);

/// How many of a clock slot's newest records a new one may continue.
constexpr uint32_t kWindow = 4;

SlotRecords &slotRecords(Sid S) {
  if (!Slots) {
    Slots = static_cast<SlotRecords *>(reserveAddressSpace(kMaxThreads * sizeof(SlotRecords)));
    if (!Slots)
      dieOutOfAddressSpace("the access history", kMaxThreads * sizeof(SlotRecords));
  }
  // NumSlots grows when a clock slot gets its first chunk (newChunk):
  // only a clock slot with records needs a look-up or a reset.
  return Slots[index(S)];
}

uintptr_t endOf(const Record &R) { return R.Begin + uint64_t(R.Granules) * kGranule; }

/// Folds the new record into one of \p C's last few when it continues or
/// repeats it. Exact only if no newer record of the same value covers any
/// of its granules (a look-up would find that one first), which the walk
/// from the newest checks on its way.
///
/// Every access the check stores a slot for comes here, and a thread's
/// records of one epoch share their slot value, so the tests must not
/// branch on where the new granules lie relative to the old ones: random
/// probes of a table made each such branch a coin toss (1.2 mispredictions
/// a record, most of the out-of-line check's cost on big_working_set's
/// probes; docs/performance.md, "Read-shared data"). Overlap and
/// adjacency are each one unsigned compare of the offset, false for a
/// random granule, and the stack context (two alternating call sites give
/// two) is compared only once one of them holds.
bool extend(Chunk *C, uintptr_t Begin, uint64_t N, RawSlot Slot, uint32_t Context) {
  uint64_t NBytes = N * kGranule;
  uint32_t Lo = C->Count > kWindow ? C->Count - kWindow : 0;
  for (uint32_t J = C->Count; J-- > Lo;) {
    Record &R = C->R[J];
    uint64_t RBytes = uint64_t(R.Granules) * kGranule;
    uint64_t Off = Begin - R.Begin; // modulo 2^64: "negative" when before
    // The new granules touch (overlap or adjoin) the record's iff
    // -NBytes <= Off <= RBytes: one unsigned compare, false for a random
    // granule. One branch for both tests.
    if ((R.Slot != Slot) | (Off + NBytes > RBytes + NBytes))
      continue;
    bool After = Off == RBytes, Before = Off + NBytes == 0;
    if (!(After | Before))
      // Overlap. Stored again where it already was: the same record.
      // Otherwise a newer record of this value covers a granule: no older
      // one may grow.
      return R.Context == Context && RBytes >= NBytes && Off <= RBytes - NBytes;
    if (R.Context == Context && uint64_t(R.Granules) + N <= UINT32_MAX) {
      if (Before)
        R.Begin = Begin;
      R.Granules += uint32_t(N);
      return true;
    }
  }
  return false;
}

/// Whether extend() may fold the new granules into one of \p C's last
/// records: one of them has the same value and touches them (as extend
/// tests), or the window is not full. A full window is tested without a
/// branch per record, so a random granule, which touches none, costs one
/// branch, not four.
inline __attribute__((always_inline)) bool mayExtend(const Chunk *C, uintptr_t Begin, uint64_t N,
                                                     RawSlot Slot) {
  if (C->Count < kWindow)
    return true;
  uint64_t NBytes = N * kGranule;
  const Record *W = &C->R[C->Count - kWindow];
  bool Touch = false;
#pragma GCC unroll 4
  for (uint32_t K = 0; K < kWindow; ++K) {
    uint64_t RBytes = uint64_t(W[K].Granules) * kGranule;
    Touch |= (W[K].Slot == Slot) & (Begin - W[K].Begin + NBytes <= RBytes + NBytes);
  }
  return Touch;
}

Chunk *newChunk(SlotRecords &H) {
  // A generation whose records filled their share starts the next one,
  // which empties the chunks of the one before the previous.
  if (GenRecords[Generation & 1] >= RecordsPerGeneration)
    startGeneration();
  unsigned P = Generation & 1;
  Chunk *C = FreeChunks;
  if (C)
    FreeChunks = C->NextInGen;
  else
    C = static_cast<Chunk *>(internalAlloc(sizeof(Chunk)));
  ++InUse;
  uint32_t I = uint32_t(&H - Slots);
  if (I >= NumSlots)
    NumSlots = I + 1;
  C->Count = 0;
  C->Older = H.Newest[P];
  H.Newest[P] = C;
  C->NextInGen = GenChunks[P];
  GenChunks[P] = C;
  return C;
}

} // namespace

void setBudget(uint64_t BytesPerGeneration) {
  uint64_t N = BytesPerGeneration / sizeof(Record);
  RecordsPerGeneration = N > 4 * kPerChunk ? N : 4 * kPerChunk;
}

namespace {

/// Appends the records of \p N granules from \p GranuleAddr to \p H.
/// Not inlined: record's usual path then makes no call but its tail call
/// here, and needs no stack frame.
__attribute__((noinline)) void appendTo(SlotRecords &H, uintptr_t GranuleAddr, size_t N,
                                        RawSlot Slot, uint32_t Context) {
  Chunk *C;
  while (N > 0) {
    uint32_t Part = N > UINT32_MAX ? UINT32_MAX : uint32_t(N);
    // The chunk is the clock slot's newest of the current generation, or
    // a new one (newChunk may have begun a generation).
    C = H.Newest[Generation & 1];
    if (!C || C->Count == kPerChunk)
      C = newChunk(H);
    C->R[C->Count++] = Record{GranuleAddr, Part, Context, Slot};
    ++GenRecords[Generation & 1];
    GranuleAddr += uint64_t(Part) * kGranule;
    N -= Part;
  }
}

/// record() past its usual path: a fold to try, or a new chunk to begin.
__attribute__((noinline)) void extendOrAppend(SlotRecords &H, Chunk *C, uintptr_t GranuleAddr,
                                              size_t N, RawSlot Slot, uint32_t Context) {
  if (C && extend(C, GranuleAddr, N, Slot, Context))
    return;
  appendTo(H, GranuleAddr, N, Slot, Context);
}

/// The first record of the run: reserves the table (slotRecords).
__attribute__((noinline)) void firstRecord(uintptr_t GranuleAddr, size_t N, RawSlot Slot,
                                           uint32_t Context) {
  appendTo(slotRecords(slotSid(Slot)), GranuleAddr, N, Slot, Context);
}

// Every slot the access check stores comes here (most of the out-of-line
// check's instructions on random reads of a large table: docs/performance.md,
// "First reads of a large table"). The usual path, a record that continues
// none of the last few and fits the newest chunk, makes no call, so it
// needs no stack frame; everything else is a tail call.
inline __attribute__((always_inline)) void recordIn(uintptr_t GranuleAddr, size_t N,
                                                    RawSlot Slot, uint32_t Context) {
  if (__builtin_expect(!Slots, 0))
    return firstRecord(GranuleAddr, N, Slot, Context);
  SlotRecords &H = Slots[index(slotSid(Slot))];
  unsigned P = Generation & 1;
  Chunk *C = H.Newest[P];
  if (!C || C->Count == kPerChunk || N > UINT32_MAX || mayExtend(C, GranuleAddr, N, Slot))
    return extendOrAppend(H, C, GranuleAddr, N, Slot, Context);
  // What appendTo would do: no fold possible, room in the newest chunk.
  C->R[C->Count++] = Record{GranuleAddr, uint32_t(N), Context, Slot};
  ++GenRecords[P];
}

} // namespace

void record(uintptr_t GranuleAddr, size_t N, RawSlot Slot, uint32_t Context) {
  if (N == 0)
    return;
  recordIn(GranuleAddr, N, Slot, Context);
}

void recordOne(uintptr_t GranuleAddr, RawSlot Slot, uint32_t Context) {
  recordIn(GranuleAddr, 1, Slot, Context);
}

void append(uintptr_t GranuleAddr, size_t N, RawSlot Slot, uint32_t Context) {
  if (N == 0)
    return;
  appendTo(slotRecords(slotSid(Slot)), GranuleAddr, N, Slot, Context);
}

bool lookup(uintptr_t GranuleAddr, RawSlot Slot, uint32_t *Context) {
  uint32_t I = index(slotSid(Slot));
  if (!Slots || I >= NumSlots)
    return false;
  Epoch E = slotEpoch(Slot);
  // The current generation's records, then the previous one's: newest
  // first. A clock slot's epochs never go down, so the first record older
  // than E ends the search.
  for (uint32_t K = 0; K < 2; ++K) {
    for (const Chunk *C = Slots[I].Newest[(Generation - K) & 1]; C; C = C->Older) {
      if (C->Count == 0 || slotEpoch(C->R[0].Slot) > E)
        continue; // all newer than E
      for (uint32_t J = C->Count; J-- > 0;) {
        const Record &R = C->R[J];
        Epoch RE = slotEpoch(R.Slot);
        if (RE > E)
          continue;
        if (RE < E)
          return false;
        if (R.Slot == Slot && GranuleAddr >= R.Begin && GranuleAddr < endOf(R)) {
          *Context = R.Context;
          return true;
        }
      }
    }
  }
  return false;
}

void startGeneration() {
  ++Generation;
  unsigned P = Generation & 1;
  for (Chunk *C = GenChunks[P]; C;) {
    Chunk *Next = C->NextInGen;
    C->NextInGen = FreeChunks;
    FreeChunks = C;
    --InUse;
    C = Next;
  }
  GenChunks[P] = nullptr;
  GenRecords[P] = 0;
  for (uint32_t I = 0; I < NumSlots; ++I)
    Slots[I].Newest[P] = nullptr;
}

size_t chunksInUse() { return InUse; }

uint32_t generation() { return Generation; }

} // namespace access_history
} // namespace weft
