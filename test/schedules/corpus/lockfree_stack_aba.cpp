// ABA in a lock-free (Treiber) stack on std::atomic: pop reads the top node
// and its successor, then swings the top from the node to the successor
// with a compare-and-swap. If, between the read and the CAS, another thread
// pops that node and the one below it and pushes the first back, the top
// is the same node again, the CAS succeeds, and the stack's top becomes a
// node that thread still owns. The nodes are array slots linked by index,
// every field atomic: no data race, the corruption is caught by checking
// that no node is both on the stack and held by a thread. It needs a
// precise interleaving: one thread stopped between its two reads and its
// CAS while the other makes three operations. (FIXED: the top carries a
// version tag that every successful CAS bumps, so the stale CAS fails.)
#include <atomic>
#include <cassert>
#include <cstdint>
#include <pthread.h>

namespace {

constexpr uint32_t kNone = 0xffffffff;
constexpr uint32_t kNodes = 3;

// The top of the stack: a node index in the low half, a version in the
// high half (always 0 without FIXED).
std::atomic<uint64_t> top;
std::atomic<uint32_t> next[kNodes];
// Who holds each popped node: 0 nobody (it is on the stack), else a thread.
std::atomic<int> holder[kNodes];

uint32_t nodeOf(uint64_t t) { return uint32_t(t); }
uint64_t make(uint32_t node, uint64_t old) {
#ifdef FIXED
  return (((old >> 32) + 1) << 32) | node;
#else
  (void)old;
  return node;
#endif
}

uint32_t pop(int self) {
  for (;;) {
    uint64_t t = top.load(std::memory_order_acquire);
    uint32_t n = nodeOf(t);
    if (n == kNone)
      return kNone;
    uint32_t below = next[n].load(std::memory_order_relaxed);
    if (top.compare_exchange_weak(t, make(below, t), std::memory_order_acq_rel)) {
      int was = holder[n].exchange(self);
      assert(was == 0 && "popped a node that a thread already holds");
      return n;
    }
  }
}

void push(uint32_t n) {
  holder[n].store(0);
  uint64_t t = top.load(std::memory_order_relaxed);
  do
    next[n].store(nodeOf(t), std::memory_order_relaxed);
  while (!top.compare_exchange_weak(t, make(n, t), std::memory_order_release));
}

void *popper(void *) {
  uint32_t n = pop(1);
  if (n != kNone)
    push(n);
  return nullptr;
}

void *shuffler(void *) {
  uint32_t a = pop(2);
  uint32_t b = pop(2);
  if (a != kNone)
    push(a);
  if (b != kNone)
    push(b);
  return nullptr;
}

} // namespace

int main() {
  // 0 -> 1 -> 2
  for (uint32_t i = 0; i < kNodes; ++i)
    next[i].store(i + 1 < kNodes ? i + 1 : kNone);
  top.store(0);
  pthread_t a, b;
  pthread_create(&a, nullptr, popper, nullptr);
  pthread_create(&b, nullptr, shuffler, nullptr);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
  // Every node is on the stack exactly once, and the stack ends.
  bool seen[kNodes] = {};
  uint32_t count = 0;
  for (uint32_t n = nodeOf(top.load()); n != kNone; n = next[n].load()) {
    assert(n < kNodes && !seen[n] && "the stack has a cycle");
    seen[n] = true;
    ++count;
  }
  assert(count == kNodes && "a node fell off the stack");
  return 0;
}
