//===- shadow_stack.cc - A thread's call stack, put in a trie on demand ---===//

#include "shadow/shadow_stack.h"

#include "base/internal_alloc.h"
#include "base/internal_libc.h"
#include "base/raw_syscall.h"

namespace weft {

ShadowStack *ShadowStack::Live;
uint32_t ShadowStack::DepthBeyondHistory = ~uint32_t(0);
void (*ShadowStack::BeforeNewGeneration)();

namespace {

// Frame arrays of exited threads, linked through their first word. Only the
// baton holder creates and retires threads, so no lock. Reuse keeps a
// program that starts thousands of short threads from reserving (and
// touching) a new array for each.
uintptr_t *FreeArrays;

uintptr_t *takeArray() {
  if (uintptr_t *A = FreeArrays) {
    FreeArrays = reinterpret_cast<uintptr_t *>(A[0]);
    return A;
  }
  // Reserved, not committed: a thread touches only the pages as deep as it
  // calls. The last slot is shared by every frame past kFrames.
  size_t Bytes = (ShadowStack::kFrames + 1) * sizeof(uintptr_t);
  void *P = reserveAddressSpace(Bytes);
  if (!P)
    dieOutOfAddressSpace("a thread's call stack", Bytes);
  return static_cast<uintptr_t *>(P);
}

/// extend() found no room in the trie.
constexpr StackId kNoRoom = ~StackId(0);

} // namespace

ShadowStack::ShadowStack() : Pcs(takeArray()) {
  History.Node = stack_trie::historyRoot();
  Next = Live;
  if (Live)
    Live->Prev = this;
  Live = this;
}

void ShadowStack::release() {
  if (!Pcs)
    return;
  (Prev ? Prev->Next : Live) = Next;
  if (Next)
    Next->Prev = Prev;
  Next = Prev = nullptr;
  Pcs[0] = reinterpret_cast<uintptr_t>(FreeArrays);
  FreeArrays = Pcs;
  Pcs = nullptr;
  Depth = Low = 0;
  internalFree(JmpBufs);
  JmpBufs = nullptr;
  NumJmpBufs = 0;
  Kept = Prefix{kEmptyStack, 0, 0};
  History = Prefix{stack_trie::historyRoot(), 0, 0};
}

void ShadowStack::unwindTo(uint32_t NewDepth) {
  if (NewDepth >= Depth)
    return;
  Depth = NewDepth;
  if (Low > NewDepth)
    Low = NewDepth;
}

void ShadowStack::noteSetjmp(uintptr_t Env) {
  if (!JmpBufs)
    JmpBufs = static_cast<JmpBuf *>(internalAlloc(kJmpBufs * sizeof(JmpBuf)));
  unsigned N = NumJmpBufs;
  while (N > 0 && JmpBufs[N - 1].Depth > Depth)
    --N;
  for (unsigned I = N; I-- > 0 && JmpBufs[I].Depth == Depth;)
    if (JmpBufs[I].Env == Env) {
      NumJmpBufs = N;
      return;
    }
  if (N == kJmpBufs) {
    internalMemmove(JmpBufs, JmpBufs + 1, (kJmpBufs - 1) * sizeof(JmpBuf));
    --N;
  }
  JmpBufs[N] = JmpBuf{Env, Depth};
  NumJmpBufs = N + 1;
}

void ShadowStack::longjmpTo(uintptr_t Env) {
  for (unsigned I = NumJmpBufs; I-- > 0;)
    if (JmpBufs[I].Env == Env) {
      unwindTo(JmpBufs[I].Depth);
      return;
    }
}

StackId ShadowStack::extend(Prefix &P) {
  // The node for the frames that are still exact: an ancestor of P.Node.
  StackId N = P.Node;
  for (uint32_t ND = P.NodeDepth; ND > P.Valid; --ND)
    N = stack_trie::parent(N);
  uint32_t Stored = Depth < kFrames ? Depth : kFrames;
  for (uint32_t I = P.Valid; I < Stored; ++I) {
    StackId C = stack_trie::childIfRoom(N, Pcs[I]);
    if (__builtin_expect(C == kEmptyStack, 0)) {
      P = Prefix{N, I, I}; // what fitted is exact
      return kNoRoom;
    }
    N = C;
  }
  P = Prefix{N, Stored, Stored};
  if (__builtin_expect(Depth <= kFrames, 1))
    return N;
  // Deeper than the array: one frame stands for those past it.
  StackId C = stack_trie::childIfRoom(N, kDeepFramesPc);
  return C == kEmptyStack ? kNoRoom : C;
}

StackId ShadowStack::materialize(Prefix &P) {
  // Exits since either trie last saw the stack changed frames from Low on.
  if (Kept.Valid > Low)
    Kept.Valid = Low;
  if (History.Valid > Low)
    History.Valid = Low;
  Low = Depth;
  StackId N = extend(P);
  if (__builtin_expect(N != kNoRoom, 1))
    return N;
  // The kept trie has no room for this stack. (For the history, the caller
  // starts a new generation.)
  return &P == &History ? kNoRoom : kUnavailableStack;
}

StackId ShadowStack::historySlow(const uintptr_t *Extra, unsigned N) {
  // A history arena with no room for the stack or its extra frames starts
  // a new generation, once; after that (or outside the history) the stack
  // degrades rather than fail.
  for (bool First = true;; First = false) {
    StackId S = exact(History) ? History.Node : materialize(History);
    if (S == kNoRoom) {
      if (First && Depth < DepthBeyondHistory) {
        startHistoryGeneration();
        continue;
      }
      // In an empty arena, the frames that fitted are all there is room for.
      if (!First && History.NodeDepth < DepthBeyondHistory)
        DepthBeyondHistory = History.NodeDepth;
      S = kUnavailableStack;
    }
    bool Bounded = First && stack_trie::isHistory(S);
    for (unsigned I = 0; I < N && S != kEmptyStack; ++I)
      S = Bounded ? stack_trie::childIfRoom(S, Extra[I]) : stack_trie::child(S, Extra[I]);
    if (__builtin_expect(S != kEmptyStack, 1))
      return S;
    startHistoryGeneration();
  }
}

void startHistoryGeneration() {
  if (ShadowStack::BeforeNewGeneration)
    ShadowStack::BeforeNewGeneration();
  stack_trie::startHistoryGeneration();
  StackId Root = stack_trie::historyRoot();
  for (ShadowStack *S = ShadowStack::Live; S; S = S->Next)
    S->History = ShadowStack::Prefix{Root, 0, 0};
}

} // namespace weft
