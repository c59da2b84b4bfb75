//===- preemption_bounding_strategy.cc - CHESS-style preemption bounding --===//

#include "strategies/preemption_bounding_strategy.h"

namespace weft {
namespace {

/// n choose k, saturating at UINT64_MAX.
uint64_t binomial(uint64_t N, uint64_t K) {
  if (K > N)
    return 0;
  uint64_t R = 1;
  for (uint64_t I = 1; I <= K; ++I) {
    // R * (N - K + I) / I stays exact: R is C(N-K+I-1, I-1).
    unsigned __int128 Next = (unsigned __int128)R * (N - K + I) / I;
    if (Next > UINT64_MAX)
      return UINT64_MAX;
    R = uint64_t(Next);
  }
  return R;
}

uint64_t saturatingAdd(uint64_t A, uint64_t B) { return A > UINT64_MAX - B ? UINT64_MAX : A + B; }

/// The slot of \p Id among \p Runnable (sorted), or NumRunnable.
size_t slotOf(const ThreadId *Runnable, size_t NumRunnable, ThreadId Id) {
  for (size_t I = 0; I < NumRunnable; ++I)
    if (Runnable[I] == Id)
      return I;
  return NumRunnable;
}

/// The runnable thread \p Skip places after \p Current in id order,
/// wrapping; \p Current itself is not counted when runnable.
ThreadId after(const ThreadId *Runnable, size_t NumRunnable, ThreadId Current, size_t Skip) {
  size_t First = 0;
  while (First < NumRunnable && index(Runnable[First]) <= index(Current))
    ++First;
  bool CurRunnable = slotOf(Runnable, NumRunnable, Current) < NumRunnable;
  size_t Others = NumRunnable - (CurRunnable ? 1 : 0);
  size_t Want = Skip % Others;
  for (size_t I = 0, Seen = 0; I < NumRunnable; ++I) {
    ThreadId T = Runnable[(First + I) % NumRunnable];
    if (T == Current)
      continue;
    if (Seen++ == Want)
      return T;
  }
  return Runnable[0]; // unreachable: Others >= 1
}

} // namespace

PreemptionBoundingStrategy::PreemptionBoundingStrategy(uint32_t Bound, uint64_t Steps,
                                                       uint32_t Width, uint64_t Index,
                                                       uint32_t Quantum)
    : Bound(Bound > kMaxBound ? kMaxBound : Bound), Steps(Steps ? Steps : 1),
      Width(Width ? Width : 1), Index(Index), Quantum(Quantum ? Quantum : 1) {}

uint64_t PreemptionBoundingStrategy::scheduleCount(uint32_t Bound, uint64_t Steps,
                                                   uint32_t Width) {
  uint64_t Units = Steps > UINT64_MAX / Width ? UINT64_MAX : Steps * Width;
  uint64_t Total = 0;
  for (uint32_t C = 0; C <= Bound; ++C)
    Total = saturatingAdd(Total, binomial(Units, C));
  return Total;
}

void PreemptionBoundingStrategy::unrank() {
  uint64_t NumUnitsTotal = Steps * Width;
  uint64_t Total = scheduleCount(Bound, Steps, Width);
  uint64_t Rank = Total == UINT64_MAX ? Index : Index % Total;
  // Fewest preemptions first: skip the blocks of smaller combinations.
  uint32_t C = 0;
  for (; C <= Bound; ++C) {
    uint64_t Block = binomial(NumUnitsTotal, C);
    if (Rank < Block)
      break;
    Rank -= Block;
  }
  NumUnits = C;
  // Colexicographic unranking: the largest unit first.
  uint64_t Below = NumUnitsTotal;
  for (size_t I = C; I-- > 0;) {
    uint64_t U = I; // the smallest value the I-th unit can take
    // The largest U < Below with choose(U, I + 1) <= Rank.
    uint64_t Lo = I, Hi = Below - 1;
    while (Lo < Hi) {
      uint64_t Mid = Lo + (Hi - Lo + 1) / 2;
      if (binomial(Mid, I + 1) <= Rank)
        Lo = Mid;
      else
        Hi = Mid - 1;
    }
    U = Lo;
    Rank -= binomial(U, I + 1);
    Units[I] = U;
    Below = U;
  }
}

void PreemptionBoundingStrategy::beginExecution(uint64_t) {
  unrank();
  NextUnit = 0;
  Step = 0;
  LastPicked = ThreadId::Invalid;
  RunLength = 0;
}

ThreadId PreemptionBoundingStrategy::pickNext(const ThreadId *Runnable, size_t NumRunnable,
                                              ThreadId Current, PointKind Kind, PointObject) {
  ++Step;
  // Units whose step passed without firing (the step had one runnable
  // thread, or two units shared it) are done.
  while (NextUnit < NumUnits && Units[NextUnit] / Width + 1 < Step)
    ++NextUnit;
  bool CurRunnable = slotOf(Runnable, NumRunnable, Current) < NumRunnable;
  ThreadId Pick;
  if (!CurRunnable) {
    Pick = after(Runnable, NumRunnable, Current, 0); // free: Current cannot go on
  } else if (NumRunnable == 1) {
    Pick = Current;
  } else if (NextUnit < NumUnits && Units[NextUnit] / Width + 1 == Step) {
    Pick = after(Runnable, NumRunnable, Current, size_t(Units[NextUnit] % Width));
    ++NextUnit;
  } else if (Kind == PointKind::Yield ||
             (LastPicked == Current && RunLength >= kStarvationLimit)) {
    Pick = after(Runnable, NumRunnable, Current, 0); // free, for fairness
  } else {
    Pick = Current;
  }
  RunLength = Pick == LastPicked && NumRunnable > 1 ? RunLength + 1 : 0;
  LastPicked = Pick;
  return Pick;
}

} // namespace weft
