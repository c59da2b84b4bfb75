//===- stack_trie.h - Call stacks kept for reports, as shared tries -------===//
//
// A stack is a node of a trie whose edges are return addresses: any stack
// can be printed later from its 32-bit id by walking up. A shadow slot keeps
// the id of its access's stack (the leaf being the access's own pc), so a
// report can show the previous access's full stack without a trace to
// replay. Threads do not walk a trie on every call: each keeps its own array
// of return pcs and puts a stack into a trie only when something keeps it
// (shadow_stack.h).
//
// Two kinds of stacks, in one id space:
//  * kept stacks (allocations, locks, thread creation, reports) live in the
//    kept trie, ids [0, 2^29), never freed. It is bounded: once full, a stack
//    whose path is not in it yet becomes kUnavailableStack plus its
//    innermost pc (those leaves may pass the bound: there are only as many
//    as the program has pcs).
//  * access history (the stacks of shadow slots, by far the most numerous)
//    lives in two arenas, ids [2^29, 2^30), bit 28 telling which, each with
//    its own root. History generation G fills arena G & 1; when it is full,
//    generation G+1 empties and reuses the other arena, so the stacks of
//    generation G-1 are gone. A slot's epoch tells whether its stack is
//    still there (rtl.h, historyStackOf).
//
// Only the thread holding the baton touches the tries, so they take no lock.
// Nothing here may run on every call (shadow_stack.h decides when), and no
// id of an emptied arena may be followed (rtl.h, historyStackOf, checks).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_STACK_TRIE_H
#define WEFT_RUNTIME_STACK_TRIE_H

#include "shadow/shadow.h"

#include <cstddef>
#include <cstdint>

namespace weft {

/// The empty stack (the kept trie's root).
constexpr StackId kEmptyStack = 0;
/// Child of the kept root standing for frames that are not known: stacks
/// the kept trie had no room for (with their innermost pc under it), and
/// accesses whose history was dropped. A report stops a stack there.
constexpr StackId kUnavailableStack = 1;
/// The pc of frames that are not known: kUnavailableStack's own; a report
/// stops a stack there.
constexpr uintptr_t kUnknownFramePc = ~uintptr_t(0);
/// The pc standing for the frames nested deeper than a thread's array holds
/// (shadow_stack.h); a report says so and goes on with the outer frames.
constexpr uintptr_t kDeepFramesPc = ~uintptr_t(1);

namespace stack_trie {

struct Node {
  uintptr_t Pc;       // return address (or access pc for a leaf)
  StackId Parent;     // a root is its own parent
  StackId FirstChild;
  StackId NextSibling;
  uint32_t Depth;     // 0 for a root
};

constexpr unsigned kChunkShift = 16;
// 2^30 ids: an access record's context word keeps bit 30 for mutex_set's
// kContextBit (and bit 31, the sync-object marker when the word sat in the
// shadow, free).
constexpr size_t kMaxChunks = size_t(1) << 14;
extern Node *Chunks[kMaxChunks];

constexpr StackId kHistoryBit = StackId(1) << 29;
constexpr StackId kArenaBit = StackId(1) << 28;

inline Node &node(StackId Id) {
  return Chunks[Id >> kChunkShift][Id & ((1u << kChunkShift) - 1)];
}
inline bool isHistory(StackId Id) { return (Id & kHistoryBit) != 0; }

struct CacheEntry {
  uintptr_t Pc;
  StackId Parent;
  StackId Child;
};
constexpr unsigned kCacheBits = 14;
extern CacheEntry Cache[1u << kCacheBits];

/// Finds (Parent, Pc), else adds it to Parent's trie if it has room. With
/// no room: AtBound::Fail gives kEmptyStack; AtBound::Degrade gives
/// kUnavailableStack's child \p Pc (always made: there are only as many as
/// the program has pcs).
enum class AtBound { Degrade, Fail };
StackId childSlow(StackId Parent, uintptr_t Pc, AtBound Full);

inline CacheEntry &cacheEntry(StackId Parent, uintptr_t Pc) {
  uint64_t H = (Pc ^ (uint64_t(Parent) << 20)) * 0x9e3779b97f4a7c15ULL;
  return Cache[H >> (64 - kCacheBits)];
}

/// The cache only ever holds exact answers: (Parent, Pc) -> its child.
inline StackId cachedChild(StackId Parent, uintptr_t Pc, AtBound Full) {
  // A direct-mapped cache answers the common case without walking siblings.
  CacheEntry &E = cacheEntry(Parent, Pc);
  if (__builtin_expect(E.Pc == Pc && E.Parent == Parent && E.Child, 1))
    return E.Child;
  StackId C = childSlow(Parent, Pc, Full);
  if (C != kEmptyStack && node(C).Parent == Parent)
    E = CacheEntry{Pc, Parent, C};
  return C;
}

/// The stack \p Parent extended by the frame \p Pc (found or created; with
/// no room, the unavailable stack's frame \p Pc).
inline StackId child(StackId Parent, uintptr_t Pc) {
  return cachedChild(Parent, Pc, AtBound::Degrade);
}

/// As child(), but kEmptyStack when the exact stack needs a node there is
/// no room for.
inline StackId childIfRoom(StackId Parent, uintptr_t Pc) {
  return cachedChild(Parent, Pc, AtBound::Fail);
}

/// While alive, the tries have room for everything: a report's own stacks
/// are always exact (there are few reports, and they are worth it).
class UnboundedScope {
public:
  UnboundedScope();
  ~UnboundedScope();
  UnboundedScope(const UnboundedScope &) = delete;
  UnboundedScope &operator=(const UnboundedScope &) = delete;

private:
  bool Saved;
};

/// The stack without its innermost frame (a root for a root).
inline StackId parent(StackId Id) { return node(Id).Parent; }

void init();

/// Bounds the kept trie to \p Bytes of nodes, and each history arena to
/// half of that (kept leaves of unavailable stacks aside).
void setBudget(uint64_t Bytes);

/// The root of the current history generation's arena.
StackId historyRoot();
/// Starts the next history generation: empties the older arena (its stacks
/// are gone) and makes it the current one.
void startHistoryGeneration();
/// How many history generations were started (0 at first).
uint32_t historyGeneration();

/// Nodes in use: the kept trie, and the current history arena.
uint32_t keptNodes();
uint32_t historyNodes();

/// Writes the stack's pcs, innermost first, into \p Out; returns how many
/// (at most \p Max). Unknown outer frames are one kUnknownFramePc.
size_t frames(StackId Id, uintptr_t *Out, size_t Max);

} // namespace stack_trie
} // namespace weft

#endif
