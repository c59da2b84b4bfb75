//===- flags.h - Runtime options parsed from WEFT_OPTIONS and WEFT_SEED ---===//

#ifndef WEFT_RUNTIME_FLAGS_H
#define WEFT_RUNTIME_FLAGS_H

#include <cstdint>

namespace weft {

struct Flags {
#define WEFT_FLAG_bool bool
#define WEFT_FLAG_int int
#define WEFT_FLAG_uint64 uint64_t
#define WEFT_FLAG_string const char *
#define WEFT_FLAG(Type, Name, Default, Help) WEFT_FLAG_##Type Name = Default;
#include "core/flags.inc"
#undef WEFT_FLAG
  /// True when the seed came from the user (WEFT_SEED or seed=).
  bool SeedGiven = false;
  /// preemption_rate as a fraction: Num / Den, Den a power of ten times
  /// 100 ("5" is 5/100, "0.1" is 1/1000); Num 0 for -1 (uniform).
  uint32_t PreemptionNum = 0;
  uint32_t PreemptionDen = 100;
};

/// Parses the environment into \p F; on a bad option prints
/// `weft: error: ...` and exits with status 2.
void parseFlags(Flags &F);
/// The same from the values of WEFT_OPTIONS and WEFT_SEED (null: unset),
/// for code that runs before libc's getenv can (fixed_layout.cc).
void parseFlagsFrom(Flags &F, const char *Options, const char *Seed);

} // namespace weft

#endif
