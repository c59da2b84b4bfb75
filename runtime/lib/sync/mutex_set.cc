//===- mutex_set.cc - Locks a thread holds, and access contexts -----------===//

#include "sync/mutex_set.h"

#include "core/addr_map.h"
#include "base/internal_libc.h"
#include "base/raw_syscall.h"
#include "core/no_destroy.h"
#include "core/rtl.h"

namespace weft {

HeldLock *MutexSet::find(uint32_t Uid) {
  for (size_t I = Held.size(); I > 0; --I)
    if (Held[I - 1].Uid == Uid)
      return &Held[I - 1];
  return nullptr;
}

namespace mutex_set {
namespace {

struct LockSetNode {
  HeldLock Lock; // its Uid is the first holder's (see sameLock)
  LockSetId Parent;
  LockSetId NextSibling; // next child with the same Children key
  uint32_t Depth;
  // The child last entered from here: a thread that takes the same lock at
  // the same place again and again (a loop) finds it without the table.
  LockSetId LastChild;
};

// Node 0 is the empty set. Ids are handed out in creation order, which only
// depends on the schedule.
NoDestroy<InternalVector<LockSetNode>> NodesStorage;
InternalVector<LockSetNode> &Nodes = *NodesStorage;
// (parent, mutex address), mixed -> first child for that address; siblings
// differ by acquisition stack or mode, or (rarely) by parent: the key is a
// mix of the two, so a lookup checks both.
AddrMap<LockSetId> Children;

struct Context {
  StackId Stack;
  LockSetId Locks;
};
NoDestroy<InternalVector<Context>> ContextsStorage;
InternalVector<Context> &Contexts = *ContextsStorage;
AddrMap<uint32_t> ContextIndex; // (stack << 32 | lock set) -> context id

void ensureRoot() {
  if (Nodes.empty())
    Nodes.push_back(LockSetNode{HeldLock{0, 0, 0, false}, kNoLocks, kNoLocks, 0, kNoLocks});
}

// A held lock is what a report prints of it: its address, where it was
// taken and how. Not its uid: a mutex made where a freed one lived and
// locked at the same place shares the freed one's nodes, so a program that
// makes a mutex per task (a future's shared state, a per-object lock) keeps
// as many lock sets as it has live mutexes' addresses and lock sites, not
// one per mutex it ever made (docs/performance.md, "BS::thread_pool after
// the bisection"). Two live mutexes never share an address, and the report
// names mutexes per holder thread, so no report can tell the difference;
// lock_graph's filter, which needs the uids, keys on them itself.
bool sameLock(const HeldLock &H, const HeldLock &L) {
  return H.Addr == L.Addr && H.Acquired == L.Acquired && H.Write == L.Write;
}

uint64_t childKey(LockSetId Parent, uintptr_t Addr) {
  return (uint64_t(Addr) * 0x9e3779b97f4a7c15ULL) ^ Parent;
}

LockSetId childSlow(LockSetId Parent, const HeldLock &L) {
  bool Inserted;
  LockSetId &First = Children.getOrInsert(childKey(Parent, L.Addr), &Inserted);
  if (!Inserted)
    for (LockSetId C = First; C != kNoLocks; C = Nodes[C].NextSibling)
      if (Nodes[C].Parent == Parent && sameLock(Nodes[C].Lock, L))
        return C;
  LockSetId Id = static_cast<LockSetId>(Nodes.size());
  Nodes.push_back(LockSetNode{L, Parent, Inserted ? kNoLocks : First,
                              Nodes[Parent].Depth + 1, kNoLocks});
  // Nodes may have moved; First is a reference into Children, which did not.
  First = Id;
  return Id;
}

LockSetId child(LockSetId Parent, const HeldLock &L) {
  ensureRoot();
  LockSetId Hint = Nodes[Parent].LastChild;
  if (Hint != kNoLocks && sameLock(Nodes[Hint].Lock, L))
    return Hint;
  LockSetId Id = childSlow(Parent, L);
  Nodes[Parent].LastChild = Id;
  return Id;
}

LockSetId rebuild(const MutexSet &M) {
  LockSetId Id = kNoLocks;
  for (const HeldLock &L : M.Held)
    Id = child(Id, L);
  return Id;
}

} // namespace

void added(MutexSet &M, const SyncVar *S, StackId Acquired, bool Write) {
  if (Write && M.find(S->Uid))
    return; // recursive re-lock: the first acquisition is what matters
  HeldLock L{S->Uid, S->Addr, Acquired, Write};
  M.Held.push_back(L);
  M.Id = child(M.Id, L);
}

void removed(MutexSet &M, const SyncVar *S) {
  for (size_t I = M.Held.size(); I > 0; --I) {
    if (M.Held[I - 1].Uid != S->Uid)
      continue;
    if (I == M.Held.size()) { // the latest lock: back to the parent set
      M.Held.pop_back();
      M.Id = Nodes[M.Id].Parent;
      return;
    }
    M.Held.erase(I - 1);
    M.Id = rebuild(M);
    return;
  }
}

size_t locks(LockSetId Id, HeldLock *Out, size_t Max) {
  if (Id == kNoLocks)
    return 0;
  size_t N = Nodes[Id].Depth;
  for (size_t I = N; Id != kNoLocks; Id = Nodes[Id].Parent) {
    --I;
    if (I < Max)
      Out[I] = Nodes[Id].Lock;
  }
  return N < Max ? N : Max;
}

uint32_t contextSlow(MutexSet &M, StackId Leaf) {
  bool Inserted;
  uint32_t &Ctx =
      ContextIndex.getOrInsert((uint64_t(Leaf) << 32) | M.Id, &Inserted);
  if (Inserted) {
    if (Contexts.size() >= kContextBit - 1)
      rawDie("weft: fatal: too many distinct (stack, lock set) contexts\n");
    Ctx = static_cast<uint32_t>(Contexts.size()) | kContextBit;
    Contexts.push_back(Context{Leaf, M.Id});
  }
  if (!M.Cache) {
    size_t Bytes = MutexSet::kCacheSize * sizeof(MutexSet::CacheEntry);
    M.Cache = static_cast<MutexSet::CacheEntry *>(internalAlloc(Bytes));
    internalMemset(M.Cache, 0, Bytes);
  }
  M.Cache[MutexSet::cacheIndex(Leaf)] = MutexSet::CacheEntry{Leaf, M.Id, Ctx};
  return Ctx;
}

void releaseCache(MutexSet &M) {
  internalFree(M.Cache);
  M.Cache = nullptr;
}

void resolve(uint32_t Value, StackId *Stack, LockSetId *Locks) {
  if (!(Value & kContextBit)) {
    *Stack = Value;
    *Locks = kNoLocks;
    return;
  }
  const Context &C = Contexts[Value & ~kContextBit];
  *Stack = C.Stack;
  *Locks = C.Locks;
}

} // namespace mutex_set
} // namespace weft
