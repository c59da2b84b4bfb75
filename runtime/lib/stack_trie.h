//===- stack_trie.h - Every call stack the program ran, as a shared trie --===//
//
// A stack is a node of a global trie whose edges are return addresses: a
// thread's current stack is one 32-bit id, function entry moves to a child
// and exit to the parent, and any stack can be printed later by walking up.
// This is why a report can always show the previous access's full stack:
// a shadow slot keeps the 32-bit id of its access's stack (the leaf being
// the access's own pc), never a stack that might since have been overwritten.
//
// Only the thread holding the baton touches the trie, so it takes no lock.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_STACK_TRIE_H
#define WEFT_RUNTIME_STACK_TRIE_H

#include "shadow.h"

#include <cstddef>
#include <cstdint>

namespace weft {

/// The empty stack.
constexpr StackId kEmptyStack = 0;

namespace stack_trie {

struct Node {
  uintptr_t Pc;       // return address (or access pc for a leaf)
  StackId Parent;
  StackId FirstChild;
  StackId NextSibling;
  uint32_t Depth;
};

constexpr unsigned kChunkShift = 16;
// 2^30 nodes: ids fit in 30 bits, so a shadow slot's stack word keeps bit 31
// for kHasSyncBit and bit 30 for mutex_set's kContextBit.
constexpr size_t kMaxChunks = size_t(1) << 14;
extern Node *Chunks[kMaxChunks];

inline Node &node(StackId Id) {
  return Chunks[Id >> kChunkShift][Id & ((1u << kChunkShift) - 1)];
}

struct CacheEntry {
  uintptr_t Pc;
  StackId Parent;
  StackId Child;
};
constexpr unsigned kCacheBits = 14;
extern CacheEntry Cache[1u << kCacheBits];

StackId childSlow(StackId Parent, uintptr_t Pc);

/// The stack \p Parent extended by the frame \p Pc (found or created).
inline StackId child(StackId Parent, uintptr_t Pc) {
  // A direct-mapped cache answers the common case without walking siblings.
  uint64_t H = (Pc ^ (uint64_t(Parent) << 20)) * 0x9e3779b97f4a7c15ULL;
  CacheEntry &E = Cache[H >> (64 - kCacheBits)];
  if (__builtin_expect(E.Pc == Pc && E.Parent == Parent && E.Child, 1))
    return E.Child;
  StackId C = childSlow(Parent, Pc);
  E.Pc = Pc;
  E.Parent = Parent;
  E.Child = C;
  return C;
}

inline StackId parent(StackId Id) { return Id ? node(Id).Parent : kEmptyStack; }

void init();

/// Writes the stack's pcs, innermost first, into \p Out; returns how many
/// (at most \p Max).
size_t frames(StackId Id, uintptr_t *Out, size_t Max);

} // namespace stack_trie
} // namespace weft

#endif
