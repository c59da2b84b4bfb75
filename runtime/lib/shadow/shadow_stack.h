//===- shadow_stack.h - A thread's call stack, put in a trie on demand ----===//
//
// __weft_func_entry/exit run on every call of instrumented code, and most
// calls make no access that needs a stack. So a thread keeps its call stack
// as a plain array of return pcs (entry: store and count up; exit: count
// down), and only when something keeps a stack (a shadow slot, an
// allocation, a lock, a thread creation, a report) is the stack put into a
// trie (stack_trie.h), from the deepest frame already there.
//
// State, for a thread whose call depth is D:
//   Pcs[I]          return pc of frame I, for I < min(D, kFrames);
//   Low             frames [0, Low) have not changed since the last time
//                   either trie was given this stack (exits lower it);
//   Kept, History   for each trie, a node at depth NodeDepth whose first
//                   Valid frames are this thread's first Valid frames
//                   (Valid <= NodeDepth). The node at depth Valid is its
//                   ancestor, found when the stack is next needed.
// Invariants: Low <= D; a trie's Valid is exact once min'ed with Low, which
// happens whenever either trie is given the stack. A trie's node is exact
// for the current stack when Low == Valid == NodeDepth == D.
//
// Frames nested deeper than kFrames are counted but not stored; a stack
// taken there is the outer kFrames frames, one kDeepFramesPc frame for the
// rest, and the caller's leaf. Exits back below kFrames find the array as
// it was.
//
// Only the thread itself pushes and pops; a trie may also be given a parked
// thread's stack (a report lists every thread's stack) under the baton.
// push and pop run on every call and return: they must never hash, allocate
// or touch a trie.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_SHADOW_STACK_H
#define WEFT_RUNTIME_SHADOW_STACK_H

#include "shadow/stack_trie.h"
#include "weft/shadow_layout.h"

#include <cstddef>
#include <cstdint>

namespace weft {

class ShadowStack {
public:
  static constexpr uint32_t kFrames = WEFT_STACK_FRAMES; // 512 KiB reserved

  /// Takes a frame array (one of an exited thread, else newly reserved).
  ShadowStack();
  ShadowStack(const ShadowStack &) = delete;
  ShadowStack &operator=(const ShadowStack &) = delete;

  /// Function entry. Frames past kFrames all share the spare last slot.
  /// The pc is stored again after the depth is raised, with compiler
  /// barriers between: a signal handler that interrupts the entry pushes
  /// its own frames above, and cannot leave its pc in this slot.
  __attribute__((always_inline)) void push(uintptr_t Pc) {
    uint32_t D = Depth;
    uintptr_t *Slot = &Pcs[D < kFrames ? D : kFrames];
    *Slot = Pc;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    Depth = D + 1;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    *Slot = Pc;
  }

  /// Function exit. An exit without an entry (a function entered before
  /// the thread was scheduled) leaves the depth at zero.
  __attribute__((always_inline)) void pop() {
    uint32_t D = Depth;
    if (__builtin_expect(Low >= D, 0)) {
      if (D == 0)
        return;
      Low = D - 1;
    }
    Depth = D - 1;
  }

  /// The current stack in the kept trie.
  __attribute__((always_inline)) StackId kept() {
    if (__builtin_expect(exact(Kept), 1))
      return Kept.Node;
    return materialize(Kept);
  }

  /// The current stack plus the access pc \p Leaf, in the access history.
  /// May start a new history generation (startHistoryGeneration).
  __attribute__((always_inline)) StackId history(uintptr_t Leaf) {
    return historyPlus(&Leaf, 1);
  }
  /// history(\p Leaf) if it needs no call (no call or return since the
  /// last access kept a stack, and \p Leaf in the trie's cache): the
  /// access check's usual path, which makes no call but tail calls.
  __attribute__((always_inline)) bool historyIfCached(uintptr_t Leaf, StackId *S) const {
    return cachedPlus(&Leaf, 1, S);
  }
  /// As history(), with one more frame \p Frame between the current stack
  /// and the leaf: an interceptor's caller, without pushing it.
  __attribute__((always_inline)) StackId historyWithFrame(uintptr_t Frame, uintptr_t Leaf) {
    const uintptr_t Extra[2] = {Frame, Leaf};
    return historyPlus(Extra, 2);
  }

  /// The current stack's node in the history trie (\p Kept false) or the
  /// kept trie, if no call or return happened since it was last given: a
  /// key under which a caller may remember what it derived from the stack
  /// (with the history's generation, whose start reuses node ids).
  bool exactNode(bool InKept, StackId *Node) const {
    const Prefix &P = InKept ? Kept : History;
    if (!exact(P))
      return false;
    *Node = P.Node;
    return true;
  }

  uint32_t depth() const { return Depth; }
  /// The innermost frame's return pc (into the caller of the innermost
  /// instrumented function), or 0 with no frame or past kFrames.
  uintptr_t innermostReturnPc() const {
    return Depth == 0 || Depth > kFrames ? 0 : Pcs[Depth - 1];
  }
  /// Where push and pop find their fields, for the pass's inline copies of
  /// them (weft/shadow_layout.h; checked in access.cc).
  static constexpr size_t pcsOffset() { return offsetof(ShadowStack, Pcs); }
  static constexpr size_t depthOffset() { return offsetof(ShadowStack, Depth); }
  static constexpr size_t lowOffset() { return offsetof(ShadowStack, Low); }
  /// Drops frames down to \p NewDepth (a longjmp to an outer frame).
  void unwindTo(uint32_t NewDepth);

  /// setjmp(\p Env) at the current depth: a longjmp to \p Env returns here.
  void noteSetjmp(uintptr_t Env);
  /// longjmp(\p Env): back to the depth of its setjmp, if it was seen.
  void longjmpTo(uintptr_t Env);
  /// Gives the frame array back for the next thread (the thread exited).
  /// The stack is empty afterwards.
  void release();

  /// Called with every thread's history when the current arena is full,
  /// before the new generation starts (rtl.cc: the threads' epochs move on,
  /// so that a slot's epoch tells its generation). May be null (tests).
  static void (*BeforeNewGeneration)();

private:
  struct Prefix {
    StackId Node;
    uint32_t NodeDepth;
    uint32_t Valid;
  };

  bool exact(const Prefix &P) const {
    return Low == Depth && P.Valid == Depth && P.NodeDepth == Depth;
  }
  StackId materialize(Prefix &P);
  StackId extend(Prefix &P);

  /// The current stack plus the \p N frames \p Extra, in the history.
  __attribute__((always_inline)) StackId historyPlus(const uintptr_t *Extra, unsigned N) {
    StackId S;
    if (__builtin_expect(cachedPlus(Extra, N, &S), 1))
      return S;
    return historySlow(Extra, N);
  }
  /// historyPlus() in the common case, which makes no call: no call or
  /// return since the last access kept a stack, and the extra frames are in
  /// the trie's cache. False otherwise.
  __attribute__((always_inline)) bool cachedPlus(const uintptr_t *Extra, unsigned N,
                                                 StackId *Out) const {
    if (__builtin_expect(!exact(History), 0))
      return false;
    StackId S = History.Node;
    for (unsigned I = 0; I < N; ++I) {
      stack_trie::CacheEntry &E = stack_trie::cacheEntry(S, Extra[I]);
      if (__builtin_expect(!(E.Pc == Extra[I] && E.Parent == S && E.Child), 0))
        return false;
      S = E.Child;
    }
    *Out = S;
    return true;
  }
  StackId historySlow(const uintptr_t *Extra, unsigned N);
  friend void startHistoryGeneration();

  uintptr_t *Pcs;
  uint32_t Depth = 0;
  uint32_t Low = 0;
  Prefix Kept = {kEmptyStack, 0, 0};
  Prefix History = {kEmptyStack, 0, 0};
  // Every live thread's stack, for startHistoryGeneration.
  ShadowStack *Next = nullptr, *Prev = nullptr;
  static ShadowStack *Live;
  // How many frames an empty history arena held when a stack did not fit
  // in it: at that depth or deeper a new generation cannot help, and
  // starting one for every access there would only churn.
  static uint32_t DepthBeyondHistory;

  // Live setjmp buffers and their depths, outermost first (allocated at the
  // first setjmp): a setjmp at depth D drops those recorded deeper (their
  // frames have returned). Past kJmpBufs, the outermost are forgotten (a
  // longjmp there keeps the depth).
  struct JmpBuf {
    uintptr_t Env;
    uint32_t Depth;
  };
  static constexpr unsigned kJmpBufs = 64;
  JmpBuf *JmpBufs = nullptr;
  unsigned NumJmpBufs = 0;
};

/// Drops the older history generation and resets every thread's history
/// prefix (the generation's nodes are gone).
void startHistoryGeneration();

} // namespace weft

#endif
