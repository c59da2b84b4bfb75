//===- Seed.cpp - Seeds on the command line and the seed sequence ---------===//
//
// splitmix64 (Steele, Lea, Flood: "Fast splittable pseudorandom number
// generators", OOPSLA 2014): a Weyl sequence with increment Gamma, each
// element put through a 64-bit finalizer. Because the state after n steps is
// Base + n * Gamma, the n-th output needs no loop.
//
//===----------------------------------------------------------------------===//

#include "Seed.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"

#include <cerrno>
#include <sys/random.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

namespace weft {
namespace driver {

namespace {

constexpr uint64_t Gamma = 0x9e3779b97f4a7c15ULL;

uint64_t mix64(uint64_t Z) {
  Z = (Z ^ (Z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  Z = (Z ^ (Z >> 27)) * 0x94d049bb133111ebULL;
  return Z ^ (Z >> 31);
}

bool isHexDigit(char C) {
  return (C >= '0' && C <= '9') || (C >= 'a' && C <= 'f') ||
         (C >= 'A' && C <= 'F');
}

} // namespace

std::optional<uint64_t> parseSeed(absl::string_view Text) {
  if (Text.size() > 2 && Text[0] == '0' && (Text[1] == 'x' || Text[1] == 'X')) {
    absl::string_view Digits = Text.substr(2);
    if (Digits.size() > 16)
      return std::nullopt;
    uint64_t Value = 0;
    for (char C : Digits) {
      if (!isHexDigit(C))
        return std::nullopt;
      int Digit = C <= '9' ? C - '0' : (C | 0x20) - 'a' + 10;
      Value = Value << 4 | static_cast<uint64_t>(Digit);
    }
    return Value;
  }
  if (Text.empty())
    return std::nullopt;
  for (char C : Text)
    if (C < '0' || C > '9')
      return std::nullopt;
  uint64_t Value;
  if (!absl::SimpleAtoi(Text, &Value))
    return std::nullopt;
  return Value;
}

std::string formatSeed(uint64_t Seed) { return absl::StrFormat("0x%x", Seed); }

uint64_t scheduleSeed(uint64_t Base, uint64_t Index) {
  return mix64(Base + (Index + 1) * Gamma);
}

uint64_t randomBaseSeed() {
  uint64_t Seed = 0;
  ssize_t Got;
  do {
    Got = getrandom(&Seed, sizeof(Seed), 0);
  } while (Got < 0 && errno == EINTR);
  if (Got == static_cast<ssize_t>(sizeof(Seed)))
    return Seed;
  // No getrandom (very old kernel or a seccomp filter): any varying value
  // does, since the seed is printed and the sequence is replayable from it.
  struct timespec Now;
  clock_gettime(CLOCK_REALTIME, &Now);
  return mix64(static_cast<uint64_t>(Now.tv_sec) * 1000000000ULL +
               static_cast<uint64_t>(Now.tv_nsec) +
               (static_cast<uint64_t>(getpid()) << 32));
}

} // namespace driver
} // namespace weft
