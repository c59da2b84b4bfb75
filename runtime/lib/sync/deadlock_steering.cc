//===- deadlock_steering.cc - Turning a lock-order inversion into a deadlock ===//

#include "sync/deadlock_steering.h"

#include "base/internal_libc.h"
#include "base/raw_syscall.h"
#include "core/code_site.h"
#include "sync/lock_graph.h"
#include "core/rtl.h"
#include "shadow/stack_trie.h"
#include "strategies/steering_strategy.h"
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
    const char *Plus;
    uintptr_t Offset;
    if (!code_site::parse(P, End, &Plus, &Offset))
      badSite(P, size_t(End - P));
    Sites->push_back(Site{code_site::copyName(P, size_t(Plus - P)), Offset});
    P = *End ? End + 1 : End;
  }
}

/// Whether the lock call returning to \p Pc is one of the held sites.
bool isSite(uintptr_t Pc) {
  for (const KnownPc &K : *Known)
    if (K.Pc == Pc)
      return K.IsSite;
  bool IsSite = false;
  const char *Base;
  uintptr_t Offset;
  if (code_site::ofReturnAddress(Pc, &Base, &Offset))
    for (const Site &S : *Sites)
      IsSite |= S.Offset == Offset && !internalStrcmp(S.Module, Base);
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
    const char *Base;
    uintptr_t Offset;
    if (!code_site::ofReturnAddress(Pc, &Base, &Offset)) {
      Base = "<unknown module>";
      Offset = Pc - 1;
    }
    if (I)
      B << '/';
    code_site::append(B, Base, Offset);
  }
}

} // namespace deadlock_steering
} // namespace weft
