//===- prng.h - weft's own pseudo-random generator -------------------------===//
//
// Schedules must replay byte for byte from a seed on any compiler and library
// version, so decisions never use std::uniform_int_distribution, rand() or
// absl::BitGen, whose outputs are not pinned. This is xoshiro256** seeded by
// splitmix64 (Blackman & Vigna), and a bounded draw by rejection so that
// every index is exactly equally likely.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_PRNG_H
#define WEFT_SCHEDULER_PRNG_H

#include <cstdint>

namespace weft {

/// One step of splitmix64: also used on its own to derive seed sequences.
inline uint64_t splitmix64(uint64_t &State) {
  uint64_t Z = (State += 0x9e3779b97f4a7c15ULL);
  Z = (Z ^ (Z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  Z = (Z ^ (Z >> 27)) * 0x94d049bb133111ebULL;
  return Z ^ (Z >> 31);
}

class IndexDraw;

class Prng {
public:
  explicit Prng(uint64_t Seed = 0) { reseed(Seed); }

  void reseed(uint64_t Seed) {
    uint64_t S = Seed;
    for (uint64_t &W : State)
      W = splitmix64(S);
  }

  uint64_t next() {
    uint64_t Result = rotl(State[1] * 5, 7) * 9;
    uint64_t T = State[1] << 17;
    State[2] ^= State[0];
    State[3] ^= State[1];
    State[1] ^= State[2];
    State[0] ^= State[3];
    State[2] ^= T;
    State[3] = rotl(State[3], 45);
    return Result;
  }

  /// A uniformly distributed index in [0, N); N must be positive.
  uint32_t pickIndex(uint32_t N) {
    // Rejection sampling over the largest multiple of N below 2^64.
    uint64_t Limit = UINT64_MAX - UINT64_MAX % N;
    uint64_t X;
    do
      X = next();
    while (X >= Limit);
    return static_cast<uint32_t>(X % N);
  }

  /// A uniformly distributed index in [0, N) for 64-bit N > 0.
  uint64_t pickIndex64(uint64_t N) {
    uint64_t Limit = UINT64_MAX - UINT64_MAX % N;
    uint64_t X;
    do
      X = next();
    while (X >= Limit);
    return X % N;
  }

  /// True with probability Num/Den.
  bool chance(uint32_t Num, uint32_t Den) { return pickIndex(Den) < Num; }

  /// pickIndex(N) for an N fixed up front (IndexDraw holds its rejection
  /// limit): the same outputs, one division fewer per draw.
  uint32_t pickIndex(const IndexDraw &D);

private:
  static uint64_t rotl(uint64_t X, int K) { return (X << K) | (X >> (64 - K)); }
  uint64_t State[4];
};

/// A bound for Prng::pickIndex that does not change between draws (a
/// strategy's quantum, its preemption rate's denominator): a draw at every
/// scheduling point then costs one division, not two.
class IndexDraw {
public:
  explicit IndexDraw(uint32_t N) : N(N), Limit(UINT64_MAX - UINT64_MAX % N) {}
  uint32_t bound() const { return N; }

private:
  friend class Prng;
  uint32_t N;
  uint64_t Limit;
};

inline uint32_t Prng::pickIndex(const IndexDraw &D) {
  uint64_t X;
  do
    X = next();
  while (X >= D.Limit);
  return static_cast<uint32_t>(X % D.N);
}

/// How many Bernoulli trials of success probability Num/Den fail before the
/// first success, drawn at once (a geometric distribution): a strategy that
/// preempts at each point with that probability draws the points until its
/// next preemption instead of one coin per point.
///
/// Integer arithmetic only, so the draw is pinned like the rest of the
/// generator (a libm log may differ between library versions): with
/// q = 1 - Num/Den in 0.64 fixed point and u one 64-bit output, the answer
/// is the largest k with q^k > u, found by binary search over the powers
/// q^(2^j), which the constructor squares out once. P(k >= K) = q^K up to
/// the fixed point's rounding: each squaring truncates by 2^-64 and about
/// doubles the error while q^(2^j) is near 1, so for rates down to 1e-6
/// every tail probability is off by less than 2^-40.
class GeometricDraw {
public:
  /// 0 <= Num <= Den, Den > 0; Num == 0 never succeeds (the draw is the
  /// largest count the powers reach, about 2^63).
  GeometricDraw(uint32_t Num, uint32_t Den) {
    // floor(q * 2^64); q == 1 has no 0.64 representation: UINT64_MAX.
    unsigned __int128 Q = (static_cast<unsigned __int128>(Den - Num) << 64) / Den;
    uint64_t P = Q > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(Q);
    for (NumPowers = 0; NumPowers < kMaxPowers && P != 0; ++NumPowers) {
      Powers[NumPowers] = P;
      P = static_cast<uint64_t>((static_cast<unsigned __int128>(P) * P) >> 64);
    }
  }

  /// Failures before the first success; one Prng::next() per draw.
  uint64_t draw(Prng &Rng) const {
    uint64_t U = Rng.next();
    unsigned __int128 Acc = static_cast<unsigned __int128>(1) << 64; // q^0
    uint64_t K = 0;
    for (unsigned J = NumPowers; J-- > 0;) {
      unsigned __int128 Next = (Acc * Powers[J]) >> 64;
      if (Next > U) {
        Acc = Next;
        K += uint64_t(1) << J;
      }
    }
    return K;
  }

private:
  static constexpr unsigned kMaxPowers = 63;
  uint64_t Powers[kMaxPowers]; // Powers[j] = q^(2^j) in 0.64 fixed point
  unsigned NumPowers;          // powers before the first that rounds to 0
};

} // namespace weft

#endif
