//===- mutex_set.cc - Locks a thread holds, and access contexts -----------===//

#include "sync/mutex_set.h"

#include "core/id_index.h"
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

// What a report prints of a held lock (see sameLock), packed: a program
// that nests many locks interns hundreds of thousands of sets.
struct LockSetNode {
  uintptr_t Addr;
  StackId Acquired;
  LockSetId Parent;
  // The child last entered from here: a thread that takes the same lock at
  // the same place again and again (a loop) finds it without the index.
  LockSetId LastChild;
  uint32_t Depth : 31;
  uint32_t Write : 1;
};
static_assert(sizeof(LockSetNode) == 24, "lock set nodes are 24 bytes");

// Node 0 is the empty set. Ids are handed out in creation order, which only
// depends on the schedule.
NoDestroy<InternalVector<LockSetNode>> NodesStorage;
InternalVector<LockSetNode> &Nodes = *NodesStorage;
// Nodes other than the root, by (parent, lock); ids, not copies of the keys:
// a program that nests many locks interns hundreds of thousands of sets.
NoDestroy<IdIndex> ChildrenStorage;
IdIndex &Children = *ChildrenStorage;

struct Context {
  StackId Stack;
  LockSetId Locks;
};
NoDestroy<InternalVector<Context>> ContextsStorage;
InternalVector<Context> &Contexts = *ContextsStorage;
// Context words (index | kContextBit) by (stack, lock set).
NoDestroy<IdIndex> ContextIndexStorage;
IdIndex &ContextIndex = *ContextIndexStorage;

void ensureRoot() {
  if (Nodes.empty())
    Nodes.push_back(LockSetNode{0, 0, kNoLocks, kNoLocks, 0, 0});
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
bool sameLock(const LockSetNode &N, const HeldLock &L) {
  return N.Addr == L.Addr && N.Acquired == L.Acquired && N.Write == L.Write;
}

uint64_t childKey(LockSetId Parent, uintptr_t Addr, StackId Acquired, bool Write) {
  uint64_t K = (uint64_t(Addr) * 0x9e3779b97f4a7c15ULL) ^ Parent;
  return K ^ (uint64_t(Acquired) << 33) ^ uint64_t(Write);
}

LockSetId childSlow(LockSetId Parent, const HeldLock &L) {
  uint64_t Key = childKey(Parent, L.Addr, L.Acquired, L.Write);
  LockSetId Found = Children.find(Key, [&](uint32_t C) {
    return Nodes[C].Parent == Parent && sameLock(Nodes[C], L);
  });
  if (Found != kNoLocks)
    return Found;
  LockSetId Id = static_cast<LockSetId>(Nodes.size());
  Nodes.push_back(LockSetNode{L.Addr, L.Acquired, Parent, kNoLocks,
                              Nodes[Parent].Depth + 1u, L.Write});
  Children.insert(Key, Id, [](uint32_t C) {
    const LockSetNode &N = Nodes[C];
    return childKey(N.Parent, N.Addr, N.Acquired, N.Write);
  });
  return Id;
}

LockSetId child(LockSetId Parent, const HeldLock &L) {
  ensureRoot();
  LockSetId Hint = Nodes[Parent].LastChild;
  if (Hint != kNoLocks && sameLock(Nodes[Hint], L))
    return Hint;
  LockSetId Id = childSlow(Parent, L);
  Nodes[Parent].LastChild = Id;
  return Id;
}

uint64_t contextKey(StackId Stack, LockSetId Locks) {
  return (uint64_t(Stack) << 32) | Locks;
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
      Out[I] = HeldLock{0, Nodes[Id].Addr, Nodes[Id].Acquired, bool(Nodes[Id].Write)};
  }
  return N < Max ? N : Max;
}

uint32_t contextSlow(MutexSet &M, StackId Leaf) {
  uint64_t Key = contextKey(Leaf, M.Id);
  uint32_t Ctx = ContextIndex.find(Key, [&](uint32_t C) {
    const Context &Found = Contexts[C & ~kContextBit];
    return Found.Stack == Leaf && Found.Locks == M.Id;
  });
  if (!Ctx) {
    if (Contexts.size() >= kContextBit - 1)
      rawDie("weft: fatal: too many distinct (stack, lock set) contexts\n");
    Ctx = static_cast<uint32_t>(Contexts.size()) | kContextBit;
    Contexts.push_back(Context{Leaf, M.Id});
    ContextIndex.insert(Key, Ctx, [](uint32_t C) {
      const Context &Old = Contexts[C & ~kContextBit];
      return contextKey(Old.Stack, Old.Locks);
    });
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

size_t lockSets() { return Nodes.empty() ? 0 : Nodes.size() - 1; }
size_t contexts() { return Contexts.size(); }

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
