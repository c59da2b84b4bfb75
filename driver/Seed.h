//===- Seed.h - Seeds on the command line and the seed sequence -*- C++ -*-===//
//
// A seed is what a user copies from a report into `weft replay`, so it has one
// spelling on output (0x-prefixed lowercase hex) and two on input (that, or
// decimal). `weft test` derives the seed of its i-th execution from one base
// seed with splitmix64, our own: the sequence is part of the output contract
// (the same --seed must name the same schedules on every machine and library
// version), which rules out std:: distributions and absl::BitGen.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_SEED_H
#define WEFT_DRIVER_SEED_H

#include "absl/strings/string_view.h"

#include <cstdint>
#include <optional>
#include <string>

namespace weft {
namespace driver {

/// Parses "0x1f" (1 to 16 hex digits) or "31" (decimal, fits in 64 bits).
std::optional<uint64_t> parseSeed(absl::string_view Text);

/// "0x1f": the form the runtime accepts in WEFT_SEED and users paste.
std::string formatSeed(uint64_t Seed);

/// The seed of execution Index in the sequence derived from Base: the
/// (Index+1)-th output of splitmix64 started at state Base. Computable for any
/// index directly, so executions can be handed out in any order.
uint64_t scheduleSeed(uint64_t Base, uint64_t Index);

/// A base seed from the kernel's entropy (only ever a starting point that is
/// printed; never a scheduling decision).
uint64_t randomBaseSeed();

} // namespace driver
} // namespace weft

#endif // WEFT_DRIVER_SEED_H
