//===- stack_trie.cc - Every call stack the program ran, as a shared trie -===//

#include "stack_trie.h"

#include "base/internal_alloc.h"
#include "base/raw_syscall.h"

namespace weft {
namespace stack_trie {

Node *Chunks[kMaxChunks];
CacheEntry Cache[1u << kCacheBits];
static uint32_t NumNodes;

static StackId newNode(StackId Parent, uintptr_t Pc) {
  uint32_t Id = NumNodes;
  size_t C = Id >> kChunkShift;
  if (C >= kMaxChunks)
    rawDie("weft: fatal: too many distinct call stacks\n");
  if (!Chunks[C])
    Chunks[C] = static_cast<Node *>(internalAlloc(sizeof(Node) << kChunkShift));
  ++NumNodes;
  Node &N = node(Id);
  N.Pc = Pc;
  N.Parent = Parent;
  N.FirstChild = 0;
  N.Depth = Id == 0 ? 0 : node(Parent).Depth + 1;
  if (Id != 0) {
    Node &P = node(Parent);
    N.NextSibling = P.FirstChild;
    P.FirstChild = Id;
  }
  return Id;
}

void init() {
  if (NumNodes == 0)
    newNode(0, 0); // the root, kEmptyStack
}

StackId childSlow(StackId Parent, uintptr_t Pc) {
  for (StackId C = node(Parent).FirstChild; C; C = node(C).NextSibling)
    if (node(C).Pc == Pc)
      return C;
  return newNode(Parent, Pc);
}

size_t frames(StackId Id, uintptr_t *Out, size_t Max) {
  size_t N = 0;
  while (Id != kEmptyStack && N < Max) {
    Out[N++] = node(Id).Pc;
    Id = node(Id).Parent;
  }
  return N;
}

} // namespace stack_trie
} // namespace weft
