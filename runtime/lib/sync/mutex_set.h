//===- mutex_set.h - Locks a thread holds, and access contexts for reports -===//
//
// Owns two interned tables that let a race report say which mutexes each
// side held and where each was acquired, without storing more than 32 bits
// per shadow slot and without any hashing on the per-access fast path:
//
//  * A lock set is a node of a trie whose edges are (mutex address,
//    acquisition stack, write?) in acquisition order: what a report prints
//    of a held lock, so that mutexes made and freed over and over at the
//    same address and lock site share their nodes (mutex_set.cc). A thread's current lock set is one
//    32-bit LockSetId (0 = no lock held); lock moves to a child, unlocking the
//    most recent lock moves to the parent. Sets that differ only in order
//    get different ids, which costs nothing but memory.
//  * A context is an interned (stack, lock set) pair. An access's record in
//    the access history (access_history.h) holds either a plain StackId (no lock held, the common case) or a context id
//    tagged with kContextBit. Interning happens only when a slot is stored
//    (the out-of-line part of the access check) and goes through a small
//    per-thread cache keyed by (leaf stack, lock set) first.
//
// Never allocates on the fast path; only the baton holder touches the tables.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_MUTEX_SET_H
#define WEFT_RUNTIME_MUTEX_SET_H

#include "base/internal_vector.h"
#include "shadow/shadow.h"
#include "thread_id.h"

#include <cstdint>

namespace weft {

struct ThreadState;
struct SyncVar;

using LockSetId = uint32_t;
constexpr LockSetId kNoLocks = 0;

/// Set in an access record's context word that is a context id, not a StackId
/// (stack ids stay below 2^30, see stack_trie.h).
constexpr uint32_t kContextBit = 1u << 30;

/// One lock held by a thread.
struct HeldLock {
  uint32_t Uid;       // SyncVar::Uid: stable, creation-ordered identity
  uintptr_t Addr;     // for printing only
  StackId Acquired;   // where this thread took it
  bool Write;         // exclusive (mutex, write-locked rwlock)
};

/// The locks one thread holds, in acquisition order, and their interned id.
struct MutexSet {
  InternalVector<HeldLock> Held;
  LockSetId Id = kNoLocks;
  // Direct-mapped cache of contextFor, indexed by a hash of the leaf: the
  // access sites of a critical section (a hash-map operation has dozens,
  // one per inlined call path) each keep their entry.
  struct CacheEntry {
    StackId Stack;
    LockSetId Locks; // kNoLocks: empty (never looked up with no locks)
    uint32_t Ctx;
  };
  static constexpr unsigned kCacheBits = 6;
  static constexpr unsigned kCacheSize = 1u << kCacheBits;
  static unsigned cacheIndex(StackId Leaf) {
    return (Leaf * 0x9e3779b1u) >> (32 - kCacheBits);
  }
  // Allocated by the first look-up with a lock held and freed when the
  // thread exits: a finished thread keeps its state for reports, and
  // programs that start thousands of threads should not keep 768 bytes of
  // cache for each.
  CacheEntry *Cache = nullptr;

  /// The held entry for \p Uid (most recent), or null.
  HeldLock *find(uint32_t Uid);
};

namespace mutex_set {

/// Records that the current thread now holds \p S (after the lock
/// succeeded). A recursive re-lock of a held mutex records nothing.
void added(MutexSet &M, const SyncVar *S, StackId Acquired, bool Write);
/// Records that the thread released one hold of \p S.
void removed(MutexSet &M, const SyncVar *S);

/// The locks of set \p Id, first acquired first, into \p Out (at most
/// \p Max); returns how many the set has. A set names its locks by what a
/// report prints (address, lock site, mode): their Uid reads 0.
size_t locks(LockSetId Id, HeldLock *Out, size_t Max);

uint32_t contextSlow(MutexSet &M, StackId Leaf);

/// What goes into an access record's context word for an access at \p Leaf
/// by a thread holding \p M.
inline uint32_t contextFor(MutexSet &M, StackId Leaf) {
  if (__builtin_expect(M.Id == kNoLocks, 1))
    return Leaf;
  if (M.Cache) {
    const MutexSet::CacheEntry &E = M.Cache[MutexSet::cacheIndex(Leaf)];
    if (E.Stack == Leaf && E.Locks == M.Id)
      return E.Ctx;
  }
  return contextSlow(M, Leaf);
}

/// Frees the thread's context cache (at thread exit).
void releaseCache(MutexSet &M);

/// Lock sets and contexts interned so far (print_stats, tests).
size_t lockSets();
size_t contexts();

/// Splits an access record's context word back.
void resolve(uint32_t Value, StackId *Stack, LockSetId *Locks);

} // namespace mutex_set
} // namespace weft

#endif
