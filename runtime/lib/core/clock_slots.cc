//===- clock_slots.cc - Vector-clock slots, reused after their thread ends -===//
//
// See clock_slots.h for the rule that makes reuse exact.
//
//===----------------------------------------------------------------------===//

#include "core/clock_slots.h"

namespace weft {

ClockSlots::Grant ClockSlots::acquire(ThreadId T, const VectorClock &Creator) {
  uint32_t Candidates = Free.size() < kMaxCandidates ? uint32_t(Free.size()) : kMaxCandidates;
  for (uint32_t I = 0; I < Candidates; ++I) {
    uint32_t S = Free[I];
    SlotInfo &Info = Slots[S];
    // The creator has seen the last owner's end: everything the old owner
    // did happens before the new thread (clock_slots.h).
    if (Creator.get(static_cast<Sid>(S)) < Info.Final)
      continue;
    Free.erase(I);
    Epoch First = Info.Final + 1;
    Owners.push_back({First, T, Info.Latest});
    Info.Latest = uint32_t(Owners.size() - 1);
    Info.Owner = T;
    ++Reuses;
    return {static_cast<Sid>(S), First};
  }
  uint32_t S = uint32_t(Slots.size());
  Owners.push_back({1, T, kNoOwner});
  Slots.push_back({T, 0, uint32_t(Owners.size() - 1), 0, 0});
  return {static_cast<Sid>(S), 1};
}

void ClockSlots::release(Sid S, Epoch Final) {
  SlotInfo &Info = Slots[index(S)];
  Info.Owner = ThreadId::Invalid;
  Info.Final = Final;
  if (Final >= kRetireEpoch)
    return; // epochs nearly exhausted: the slot stays with its dead owner
  // Free stays sorted: lowest slots are reused first, which keeps clocks
  // short (a clock's size is its highest nonzero slot).
  size_t Lo = 0, Hi = Free.size();
  while (Lo < Hi) {
    size_t Mid = (Lo + Hi) / 2;
    if (Free[Mid] < index(S))
      Lo = Mid + 1;
    else
      Hi = Mid;
  }
  Free.insert(Lo, index(S));
}

ThreadId ClockSlots::ownerOf(Sid S, Epoch E) const {
  if (index(S) >= Slots.size())
    return ThreadId::Invalid;
  uint32_t O = Slots[index(S)].Latest;
  while (Owners[O].First > E && Owners[O].Prev != kNoOwner)
    O = Owners[O].Prev;
  return Owners[O].Tid;
}

} // namespace weft
