//===- clock_slots.h - Vector-clock slots, reused after their thread ends ---===//
//
// A vector clock has one entry per clock slot, not per thread ever created:
// a slot whose thread finished goes to a later thread once that is exact, so
// clocks (and everything that keeps one: every mutex, every atomic location)
// are sized by the threads alive at once, not by all threads of the run.
//
// The rule. Slot s belonged to thread T, which finished at epoch F (its last
// epoch: every access and release of T carries an epoch <= F). A new thread
// U created by thread C may take s when C's clock already has clock[s] >= F,
// that is when C joined T or otherwise synchronized with T's end. U then
// continues s at epoch F + 1. This is exact for every clock K in the run:
//   - an access (s, e) of T with e <= F: K knows it iff K[s] >= e. Either K
//     knew it before (K[s] was T's), or K learnt some epoch of U, and every
//     event of U happens after U's creation, hence after all of T;
//   - an access (s, e) of U, e > F: K[s] >= e only through U's own epochs,
//     exactly as if U had a slot of its own.
// So no race is missed and none is invented: a clock entry merges T and U
// without losing an ordering, because U happens after all of T. A slot whose
// dead owner nobody synchronized with (a detached thread that ends on its
// own) is not reused until a creator's clock shows that end.
//
// Same slot means ordered: T's accesses happen before U's, so the access
// check's "same thread" shortcut holds for a slot too.
//
// Reports still name threads, not slots: each slot keeps the epoch ranges
// of its owners, and ownerOf(s, e) finds the thread behind a shadow slot.
// The user-visible thread number (T14) and the scheduler's ThreadId keep
// counting up; only the clock slot is reused.
//
// Choosing a free slot is deterministic (lowest index first, among the first
// kMaxCandidates free slots) and costs O(1) in the common case of threads
// that are joined before the next ones start.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_CLOCK_SLOTS_H
#define WEFT_RUNTIME_CLOCK_SLOTS_H

#include "base/internal_vector.h"
#include "thread_id.h"
#include "core/vector_clock.h"

#include <cstdint>

namespace weft {

class ClockSlots {
public:
  /// A slot given to a new thread, and the first epoch it runs at there.
  struct Grant {
    Sid Slot;
    Epoch First;
  };
  /// Free slots looked at by acquire before it opens a new slot.
  static constexpr uint32_t kMaxCandidates = 64;
  /// A slot whose epochs reach this is never reused (the shadow and clocks
  /// hold 32-bit epochs).
  static constexpr Epoch kRetireEpoch = 0xF0000000u;

  /// A slot for thread \p T, created by a thread whose clock is \p Creator:
  /// a free slot whose last owner's end \p Creator has seen, else a new one.
  Grant acquire(ThreadId T, const VectorClock &Creator);
  /// The owner of \p S finished; \p Final is its last epoch.
  void release(Sid S, Epoch Final);

  /// The thread that ran at epoch \p E of slot \p S (E of a shadow slot or
  /// clock entry, so some owner had it).
  ThreadId ownerOf(Sid S, Epoch E) const;
  /// The thread holding \p S now, or ThreadId::Invalid if it is free.
  ThreadId currentOwner(Sid S) const { return Slots[index(S)].Owner; }
  /// The last epoch of a free slot's last owner.
  Epoch finalEpoch(Sid S) const { return Slots[index(S)].Final; }
  /// Slots ever opened (every slot index is below this).
  uint32_t size() const { return static_cast<uint32_t>(Slots.size()); }
  /// Slots free now.
  uint32_t freeCount() const { return static_cast<uint32_t>(Free.size()); }
  /// Slots taken from a dead thread so far.
  uint64_t reuses() const { return Reuses; }

  /// Per-slot history generations (rtl.cc, shadow_stack.h): a slot of an
  /// epoch below historyValidFrom lost its stack.
  Epoch historyValidFrom(Sid S) const { return Slots[index(S)].HistoryValidFrom; }
  /// A history generation ends: the generation that started at
  /// \p NewStart on slot \p S is now the current one.
  void startHistoryGeneration(Sid S, Epoch NewStart) {
    SlotInfo &I = Slots[index(S)];
    I.HistoryValidFrom = I.HistoryGenStart;
    I.HistoryGenStart = NewStart;
  }

private:
  static constexpr uint32_t kNoOwner = UINT32_MAX;
  /// One owner of a slot: 12 bytes per thread of the run, so that a report
  /// can name the thread of any epoch a shadow slot may still hold.
  struct Owner {
    Epoch First;   // the first epoch of this owner on its slot
    ThreadId Tid;
    uint32_t Prev; // the slot's previous owner (index in Owners), or kNoOwner
  };
  struct SlotInfo {
    ThreadId Owner;   // Invalid while free
    Epoch Final;      // while free: the last owner's last epoch
    uint32_t Latest;  // the latest owner's record in Owners
    Epoch HistoryValidFrom, HistoryGenStart;
  };
  InternalVector<SlotInfo> Slots;
  InternalVector<Owner> Owners;
  InternalVector<uint32_t> Free; // free slot indices, ascending
  uint64_t Reuses = 0;
};

} // namespace weft

#endif
