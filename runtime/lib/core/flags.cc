//===- flags.cc - Parsing WEFT_OPTIONS ------------------------------------===//
//
// WEFT_OPTIONS holds `key=value` pairs separated by spaces, commas or colons,
// like TSAN_OPTIONS. Runs before main, so it uses no libc allocation: string
// values point into a private copy of the variable.
//
//===----------------------------------------------------------------------===//

#include "core/flags.h"
#include "base/internal_libc.h"

#include "base/internal_alloc.h"
#include "base/raw_syscall.h"

#include <cstdlib>
#include <cstring>

namespace weft {

namespace {

[[noreturn]] void badOption(const char *What, const char *Name, const char *Value) {
  rawPrint("weft: error: ");
  rawPrint(What);
  rawPrint(" '");
  rawPrint(Name);
  if (Value) {
    rawPrint("': '");
    rawPrint(Value);
  }
  rawPrint("' in WEFT_OPTIONS (WEFT_OPTIONS=help=1 lists the options)\n");
  rawExit(2);
}

bool parseU64(const char *S, uint64_t &Out) {
  if (!*S)
    return false;
  int Base = 10;
  if (S[0] == '0' && (S[1] == 'x' || S[1] == 'X')) {
    Base = 16;
    S += 2;
    if (!*S)
      return false;
  }
  uint64_t V = 0;
  for (; *S; ++S) {
    unsigned D;
    if (*S >= '0' && *S <= '9')
      D = unsigned(*S - '0');
    else if (Base == 16 && *S >= 'a' && *S <= 'f')
      D = unsigned(*S - 'a' + 10);
    else if (Base == 16 && *S >= 'A' && *S <= 'F')
      D = unsigned(*S - 'A' + 10);
    else
      return false;
    if (V > (UINT64_MAX - D) / unsigned(Base))
      return false;
    V = V * unsigned(Base) + D;
  }
  Out = V;
  return true;
}

/// "-1" (Num 0), or a percentage in (0, 100] with up to four decimals as
/// Num / Den, Den = 100 * 10^decimals with trailing zeros dropped: "5" and
/// "5.0" are both 5/100, so a whole percentage draws exactly as before
/// decimals were allowed (the same seed, the same schedule).
bool parsePercent(const char *S, uint32_t &Num, uint32_t &Den) {
  if (!internalStrcmp(S, "-1")) {
    Num = 0;
    Den = 100;
    return true;
  }
  uint32_t Whole = 0, Frac = 0, Decimals = 0, WholeDigits = 0;
  for (; *S >= '0' && *S <= '9'; ++S)
    if (++WholeDigits > 3)
      return false;
    else
      Whole = Whole * 10 + uint32_t(*S - '0');
  if (*S == '.') {
    for (++S; *S >= '0' && *S <= '9'; ++S)
      if (++Decimals > 4)
        return false;
      else
        Frac = Frac * 10 + uint32_t(*S - '0');
    if (Decimals == 0)
      return false;
  }
  if (*S || WholeDigits == 0)
    return false;
  while (Decimals > 0 && Frac % 10 == 0) {
    Frac /= 10;
    --Decimals;
  }
  uint32_t Scale = 1;
  for (uint32_t I = 0; I < Decimals; ++I)
    Scale *= 10;
  Num = Whole * Scale + Frac;
  Den = 100 * Scale;
  return Num > 0 && Num <= Den;
}

bool parseValue(bool &Out, const char *S) {
  if (!internalStrcmp(S, "1") || !internalStrcmp(S, "true")) {
    Out = true;
    return true;
  }
  if (!internalStrcmp(S, "0") || !internalStrcmp(S, "false")) {
    Out = false;
    return true;
  }
  return false;
}
bool parseValue(int &Out, const char *S) {
  bool Neg = *S == '-';
  uint64_t V;
  if (!parseU64(S + Neg, V) || V > 0x7fffffff)
    return false;
  Out = Neg ? -int(V) : int(V);
  return true;
}
bool parseValue(uint64_t &Out, const char *S) { return parseU64(S, Out); }
bool parseValue(const char *&Out, const char *S) {
  Out = S;
  return true;
}

void printHelp() {
  rawPrint("weft runtime options (WEFT_OPTIONS='key=value key=value'):\n");
#define WEFT_FLAG(Type, Name, Default, Help)                                   \
  rawPrint("  " #Name " (" #Type ", default " #Default ")\n      " Help "\n");
#include "core/flags.inc"
#undef WEFT_FLAG
  rawPrint("WEFT_SEED=N overrides seed=.\n");
}

} // namespace

void parseFlags(Flags &F) { parseFlagsFrom(F, getenv("WEFT_OPTIONS"), getenv("WEFT_SEED")); }

void parseFlagsFrom(Flags &F, const char *Env, const char *Seed) {
  if (Env) {
    size_t Len = internalStrlen(Env);
    char *Copy = static_cast<char *>(internalAlloc(Len + 1));
    internalMemcpy(Copy, Env, Len + 1);
    char *P = Copy;
    while (*P) {
      while (*P == ' ' || *P == ',' || *P == ':' || *P == '\t' || *P == '\n')
        ++P;
      if (!*P)
        break;
      char *Key = P;
      while (*P && *P != '=' && *P != ' ' && *P != ',' && *P != ':')
        ++P;
      if (*P != '=') {
        *P = 0;
        badOption("option without a value", Key, nullptr);
      }
      *P++ = 0;
      char *Value = P;
      while (*P && *P != ' ' && *P != ',' && *P != ':')
        ++P;
      if (*P)
        *P++ = 0;
      bool Known = false;
#define WEFT_FLAG(Type, Name, Default, Help)                                   \
  if (!internalStrcmp(Key, #Name)) {                                                   \
    Known = true;                                                              \
    if (!parseValue(F.Name, Value))                                            \
      badOption("invalid value for", Key, Value);                              \
  }
#include "core/flags.inc"
#undef WEFT_FLAG
      if (!Known)
        badOption("unknown option", Key, nullptr);
      if (!internalStrcmp(Key, "seed"))
        F.SeedGiven = true;
    }
  }
  if (Seed) {
    if (!parseU64(Seed, F.seed)) {
      rawPrint("weft: error: invalid value for WEFT_SEED: '");
      rawPrint(Seed);
      rawPrint("' (expected a decimal or 0x-hex number)\n");
      rawExit(2);
    }
    F.SeedGiven = true;
  }
  if (F.help) {
    printHelp();
    rawExit(0);
  }
  if (F.schedule_in && *F.schedule_in)
    F.strategy = "replay";
  if (internalStrcmp(F.strategy, "random") && internalStrcmp(F.strategy, "pct") &&
      internalStrcmp(F.strategy, "pos") && internalStrcmp(F.strategy, "pb") &&
      internalStrcmp(F.strategy, "replay"))
    badOption("invalid value for", "strategy", F.strategy);
  if (!internalStrcmp(F.strategy, "replay") && !(F.schedule_in && *F.schedule_in))
    badOption("invalid value for", "strategy", "replay needs schedule_in=FILE");
  if (!parsePercent(F.preemption_rate, F.PreemptionNum, F.PreemptionDen))
    badOption("invalid value for", "preemption_rate",
              "must be -1 or a percentage above 0 and at most 100, with up to four decimals");
  if (internalStrcmp(F.thread_switch, "os") && internalStrcmp(F.thread_switch, "user"))
    badOption("invalid value for", "thread_switch", F.thread_switch);
  if (F.pct_depth < 1)
    badOption("invalid value for", "pct_depth", "must be at least 1");
  if (F.pct_steps < 1)
    badOption("invalid value for", "pct_steps", "must be at least 1");
  if (F.pb_bound < 0 || F.pb_bound > 4)
    badOption("invalid value for", "pb_bound", "must be in 0..4");
  if (F.pb_steps < 1)
    badOption("invalid value for", "pb_steps", "must be at least 1");
  if (F.pb_width < 1)
    badOption("invalid value for", "pb_width", "must be at least 1");
  if (F.quantum < 1)
    badOption("invalid value for", "quantum", "must be at least 1");
  // An exit status is a byte: 300 would reach the shell as 44.
  const struct {
    const char *Name;
    int Value;
  } ExitCodes[] = {{"exitcode", F.exitcode},
                   {"deadlock_exitcode", F.deadlock_exitcode},
                   {"crash_exitcode", F.crash_exitcode},
                   {"diverged_exitcode", F.diverged_exitcode}};
  for (const auto &E : ExitCodes)
    if (E.Value < 0 || E.Value > 255)
      badOption("invalid value for", E.Name, "must be in 0..255");
  if (F.stack_history_mb < 1 || F.stack_history_mb > 16384)
    badOption("invalid value for", "stack_history_mb", "must be in 1..16384");
  if (F.quarantine_size_mb < 0 || F.quarantine_size_mb > 65536)
    badOption("invalid value for", "quarantine_size_mb", "must be in 0..65536");
  if (F.kept_shadow_mb < 0 || F.kept_shadow_mb > 65536)
    badOption("invalid value for", "kept_shadow_mb", "must be in 0..65536");
}

} // namespace weft
