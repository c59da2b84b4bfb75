//===- deadlock_steering.cc - Turning a lock-order inversion into a deadlock ===//

#include "sync/deadlock_steering.h"

#include "base/internal_libc.h"
#include "base/raw_syscall.h"
#include "sync/lock_graph.h"
#include "core/rtl.h"
#include "shadow/stack_trie.h"
#include "strategies/steering_strategy.h"
#include "report/symbolizer.h"
#include "core/text_buffer.h"

namespace weft {
namespace deadlock_steering {

bool Active;

namespace {

struct Site {
  const char *Module; // basename, NUL-terminated (internal memory)
  uintptr_t Offset;   // of the call instruction (return address - 1)
};

struct KnownPc {
  uintptr_t Pc;
  bool IsSite;
};

SteeringStrategy *Steering;
InternalVector<Site> *Sites;
// Return addresses already classified; lock call sites are few.
InternalVector<KnownPc> *Known;

[[noreturn]] void badSite(const char *Text, size_t Len) {
  TextBuffer B;
  B << "weft: error: bad steer_deadlock site '";
  B.append(Text, Len);
  B << "' (expected module+0xoffset, '/'-separated)\n";
  rawWriteAll(2, B.str(), B.size());
  rawExit(2);
}

/// Parses "mod+0x1f/mod+0x2a" into Sites.
void parseSites(const char *P) {
  Sites = internalNew<InternalVector<Site>>();
  Known = internalNew<InternalVector<KnownPc>>();
  while (*P) {
    const char *End = P;
    while (*End && *End != '/')
      ++End;
    size_t Len = size_t(End - P);
    const char *Plus = nullptr;
    for (const char *Q = P; Q < End; ++Q)
      if (*Q == '+')
        Plus = Q;
    if (!Plus || Plus == P || End - Plus < 4 || Plus[1] != '0' || Plus[2] != 'x')
      badSite(P, Len);
    uintptr_t Offset = 0;
    for (const char *Q = Plus + 3; Q < End; ++Q) {
      char C = *Q;
      if (C >= '0' && C <= '9')
        Offset = Offset * 16 + uintptr_t(C - '0');
      else if (C >= 'a' && C <= 'f')
        Offset = Offset * 16 + uintptr_t(C - 'a' + 10);
      else
        badSite(P, Len);
    }
    char *Module = static_cast<char *>(internalAlloc(size_t(Plus - P) + 1));
    internalMemcpy(Module, P, size_t(Plus - P));
    Module[Plus - P] = 0;
    Sites->push_back(Site{Module, Offset});
    P = *End ? End + 1 : End;
  }
}

/// Whether the lock call returning to \p Pc is one of the held sites.
bool isSite(uintptr_t Pc) {
  for (const KnownPc &K : *Known)
    if (K.Pc == Pc)
      return K.IsSite;
  bool IsSite = false;
  const char *Path, *Base;
  uintptr_t Bias;
  UnscheduledScope Quiet; // dl_iterate_phdr takes the loader's lock
  if (findModule(Pc - 1, &Path, &Base, &Bias))
    for (const Site &S : *Sites)
      IsSite |= S.Offset == Pc - 1 - Bias && !internalStrcmp(S.Module, Base);
  Known->push_back(KnownPc{Pc, IsSite});
  return IsSite;
}

} // namespace

Strategy *wrap(Strategy *Inner) {
  const char *Value = Rt.Opts.steer_deadlock;
  if (!Value || !*Value)
    return Inner;
  parseSites(Value);
  Steering = internalNew<SteeringStrategy>(Inner);
  Active = true;
  return Steering;
}

void locksChangedImpl(ThreadState *Thr) {
  uint32_t N = 0;
  for (const HeldLock &H : Thr->Locks.Held)
    N += isSite(stack_trie::node(H.Acquired).Pc);
  Steering->setHeldSiteLocks(Thr->tid(), N);
}

void appendSites(TextBuffer &B, const LockEdge *Cycle, size_t N) {
  UnscheduledScope Quiet;
  for (size_t I = 0; I < N; ++I) {
    uintptr_t Pc = stack_trie::node(Cycle[I].FromStack).Pc;
    bool Seen = false;
    for (size_t J = 0; J < I; ++J)
      Seen |= stack_trie::node(Cycle[J].FromStack).Pc == Pc;
    if (Seen)
      continue;
    const char *Path, *Base = "<unknown module>";
    uintptr_t Bias = 0;
    findModule(Pc - 1, &Path, &Base, &Bias);
    if (I)
      B << '/';
    B << Base << '+';
    B.hex(Pc - 1 - Bias);
  }
}

} // namespace deadlock_steering
} // namespace weft
