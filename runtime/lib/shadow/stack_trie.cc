//===- stack_trie.cc - Call stacks kept for reports, as shared tries ------===//

#include "shadow/stack_trie.h"

#include "base/internal_alloc.h"
#include "base/raw_syscall.h"

namespace weft {
namespace stack_trie {

Node *Chunks[kMaxChunks];
CacheEntry Cache[1u << kCacheBits];

namespace {

/// A range of ids handed out in order: the kept trie or one history arena.
struct Space {
  StackId Base;  // the first id (the arena's root)
  StackId End;   // one past the last id the range may ever use
  StackId Next;  // the next id to hand out
  StackId Limit; // no new nodes at or past it (save exempt leaves)
};

// Kept-trie leaves under kUnavailableStack may pass Limit; they stop at End.
constexpr StackId kKeptEnd = kHistoryBit;
Space Spaces[3] = {
    {0, kKeptEnd, 0, kKeptEnd - (StackId(1) << 24)},
    {kHistoryBit, kHistoryBit + kArenaBit, kHistoryBit, kHistoryBit + kArenaBit},
    {kHistoryBit | kArenaBit, kHistoryBit + 2 * kArenaBit, kHistoryBit | kArenaBit,
     kHistoryBit + 2 * kArenaBit},
};
uint32_t Generation;
bool Unbounded;

Space &spaceOf(StackId Id) {
  return isHistory(Id) ? Spaces[(Id & kArenaBit) ? 2 : 1] : Spaces[0];
}

Space &currentArena() { return Spaces[1 + (Generation & 1)]; }

StackId allocate(Space &S) {
  StackId Id = S.Next;
  if (Id >= S.End)
    rawDie("weft: fatal: too many distinct call stacks\n");
  size_t C = Id >> kChunkShift;
  if (!Chunks[C]) {
    // Reserved, not committed: pages cost memory only once nodes fill them.
    Chunks[C] = static_cast<Node *>(reserveAddressSpace(sizeof(Node) << kChunkShift));
    if (!Chunks[C])
      dieOutOfAddressSpace("call stacks", sizeof(Node) << kChunkShift);
  }
  ++S.Next;
  return Id;
}

void makeRoot(Space &S) {
  S.Next = S.Base;
  StackId Id = allocate(S);
  Node &N = node(Id);
  N = Node{0, Id, 0, 0, 0};
}

StackId newNode(Space &S, StackId Parent, uintptr_t Pc) {
  StackId Id = allocate(S);
  Node &P = node(Parent);
  node(Id) = Node{Pc, Parent, 0, P.FirstChild, P.Depth + 1};
  P.FirstChild = Id;
  return Id;
}

StackId findChild(StackId Parent, uintptr_t Pc) {
  for (StackId C = node(Parent).FirstChild; C; C = node(C).NextSibling)
    if (node(C).Pc == Pc)
      return C;
  return kEmptyStack;
}

} // namespace

void init() {
  if (Spaces[0].Next != 0)
    return;
  makeRoot(Spaces[0]); // kEmptyStack
  newNode(Spaces[0], kEmptyStack, kUnknownFramePc); // kUnavailableStack
  makeRoot(Spaces[1]);
  makeRoot(Spaces[2]);
}

void setBudget(uint64_t Bytes) {
  uint64_t Kept = Bytes / sizeof(Node);
  uint64_t KeptMax = (kKeptEnd - (StackId(1) << 24)) - Spaces[0].Base;
  Spaces[0].Limit = StackId(Kept < KeptMax ? Kept : KeptMax);
  uint64_t Arena = Bytes / 2 / sizeof(Node);
  for (int A = 1; A <= 2; ++A)
    Spaces[A].Limit = Spaces[A].Base + StackId(Arena < kArenaBit ? Arena : kArenaBit);
}

StackId historyRoot() { return currentArena().Base; }

uint32_t historyGeneration() { return Generation; }

void startHistoryGeneration() {
  ++Generation;
  Space &S = currentArena();
  makeRoot(S);
  // Cached answers about the emptied arena would name nodes that no longer
  // exist (their ids are handed out again).
  auto InArena = [&](StackId Id) { return Id >= S.Base && Id < S.End; };
  for (CacheEntry &E : Cache)
    if (InArena(E.Parent) || InArena(E.Child))
      E = CacheEntry{0, 0, 0};
}

uint32_t keptNodes() { return Spaces[0].Next - Spaces[0].Base; }
uint32_t historyNodes() { return currentArena().Next - currentArena().Base; }

UnboundedScope::UnboundedScope() : Saved(Unbounded) { Unbounded = true; }
UnboundedScope::~UnboundedScope() { Unbounded = Saved; }

StackId childSlow(StackId Parent, uintptr_t Pc, AtBound Full) {
  if (StackId C = findChild(Parent, Pc))
    return C;
  Space &S = spaceOf(Parent);
  // kUnavailableStack's children are exempt: they are bounded by the number
  // of pcs in the program.
  if (S.Next < S.Limit || Unbounded || Parent == kUnavailableStack)
    return newNode(S, Parent, Pc);
  if (Full == AtBound::Fail)
    return kEmptyStack;
  // No room: keep the innermost pc under kUnavailableStack, so a report's
  // leaf (the access's own pc) stays right.
  return child(kUnavailableStack, Pc);
}

size_t frames(StackId Id, uintptr_t *Out, size_t Max) {
  size_t N = 0;
  while (N < Max && node(Id).Depth > 0) {
    Out[N++] = node(Id).Pc;
    Id = node(Id).Parent;
  }
  return N;
}

} // namespace stack_trie
} // namespace weft
