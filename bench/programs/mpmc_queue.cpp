// mpmc_queue.cpp: two producers and two consumers pass items through one
// bounded lock-free multi-producer/multi-consumer queue: a ring of cells,
// each with an atomic sequence number that says whose turn the cell is
// (Vyukov's design), and enqueue/dequeue positions claimed with
// compare-and-swap. A full or empty queue is retried after a short spin,
// then with sched_yield(). Producing and consuming an item each take some
// arithmetic (~1 us natively), like small tasks on a work queue. Each
// consumer checks that it sees every producer's items in order. Stands for
// lock-free data structures under contention: it measures CAS loops,
// acquire/release atomics and the data they publish.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <sched.h>
#include <thread>

// Work size: items per producer.
#define SCALE 1
constexpr unsigned Producers = 2, Consumers = 2;
constexpr uint64_t ItemsPerProducer = 150000 * SCALE;
constexpr unsigned WorkRounds = 160; // arithmetic per item on each side
constexpr size_t Capacity = 256; // a power of two

// An item is (producer + 1) << 40 | sequence number; 0 tells a consumer to
// stop.
constexpr uint64_t Stop = 0;

class BoundedQueue {
public:
  BoundedQueue() {
    for (size_t i = 0; i < Capacity; ++i)
      cells[i].seq.store(i, std::memory_order_relaxed);
  }

  bool tryPush(uint64_t v) {
    size_t pos = enqueuePos.load(std::memory_order_relaxed);
    for (;;) {
      Cell &c = cells[pos & (Capacity - 1)];
      size_t seq = c.seq.load(std::memory_order_acquire);
      intptr_t diff = intptr_t(seq) - intptr_t(pos);
      if (diff == 0) {
        // The cell is free for position pos; claim pos.
        if (enqueuePos.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed))
          break;
      } else if (diff < 0) {
        return false; // the cell still holds an item from one lap ago: full
      } else {
        pos = enqueuePos.load(std::memory_order_relaxed);
      }
    }
    Cell &c = cells[pos & (Capacity - 1)];
    c.value = v;
    c.seq.store(pos + 1, std::memory_order_release); // publish to consumers
    return true;
  }

  bool tryPop(uint64_t &v) {
    size_t pos = dequeuePos.load(std::memory_order_relaxed);
    for (;;) {
      Cell &c = cells[pos & (Capacity - 1)];
      size_t seq = c.seq.load(std::memory_order_acquire);
      intptr_t diff = intptr_t(seq) - intptr_t(pos + 1);
      if (diff == 0) {
        if (dequeuePos.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed))
          break;
      } else if (diff < 0) {
        return false; // nothing published at pos yet: empty
      } else {
        pos = dequeuePos.load(std::memory_order_relaxed);
      }
    }
    Cell &c = cells[pos & (Capacity - 1)];
    v = c.value;
    c.seq.store(pos + Capacity, std::memory_order_release); // free for the next lap
    return true;
  }

private:
  struct alignas(64) Cell {
    std::atomic<size_t> seq;
    uint64_t value; // written by the producer that claimed the cell
  };
  Cell cells[Capacity];
  alignas(64) std::atomic<size_t> enqueuePos{0};
  alignas(64) std::atomic<size_t> dequeuePos{0};
};

static BoundedQueue queue;

static void backoff(unsigned &spins) {
  if (++spins > 32) {
    sched_yield();
    spins = 0;
  }
}

static void push(uint64_t v) {
  unsigned spins = 0;
  while (!queue.tryPush(v))
    backoff(spins);
}

// The per-item work: rounds of splitmix64's finalizer.
static uint64_t work(uint64_t z) {
  for (unsigned r = 0; r < WorkRounds; ++r) {
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
  }
  return z;
}

static void producer(unsigned id) {
  uint64_t salt = 0;
  for (uint64_t i = 0; i < ItemsPerProducer; ++i) {
    salt = work(salt + i);
    // The low 8 bits of the sequence field carry some of the work's result
    // so that the compiler keeps it; the order check ignores them.
    push(uint64_t(id + 1) << 40 | i << 8 | (salt & 0xff));
  }
}

struct Tally {
  uint64_t count = 0, sum = 0, mixed = 0;
  bool inOrder = true;
};

static void consumer(Tally &t) {
  uint64_t next[Producers] = {}; // lowest sequence number still possible
  for (;;) {
    uint64_t v;
    unsigned spins = 0;
    while (!queue.tryPop(v))
      backoff(spins);
    if (v == Stop)
      return;
    unsigned p = unsigned(v >> 40) - 1;
    uint64_t seq = (v & ((uint64_t(1) << 40) - 1)) >> 8;
    t.inOrder &= p < Producers && seq >= next[p];
    next[p] = seq + 1;
    ++t.count;
    t.sum += v;
    t.mixed += work(v); // a sum: independent of the order of the items
  }
}

int main() {
  Tally tallies[Consumers];
  std::thread cons[Consumers], prods[Producers];
  for (unsigned i = 0; i < Consumers; ++i)
    cons[i] = std::thread(consumer, std::ref(tallies[i]));
  for (unsigned i = 0; i < Producers; ++i)
    prods[i] = std::thread(producer, i);
  for (auto &t : prods)
    t.join();
  // Every item is in the queue before the stops, and a consumer leaves at
  // its first stop, so each consumer takes exactly one.
  for (unsigned i = 0; i < Consumers; ++i)
    push(Stop);
  for (auto &t : cons)
    t.join();
  // How the items split between the consumers depends on the schedule; the
  // totals do not.
  Tally all;
  for (const Tally &t : tallies) {
    all.count += t.count;
    all.sum += t.sum;
    all.mixed += t.mixed;
    all.inOrder &= t.inOrder;
  }
  std::printf("mpmc_queue: items=%llu in_order=%d sum=%016llx mixed=%016llx\n",
              (unsigned long long)all.count, all.inOrder, (unsigned long long)all.sum,
              (unsigned long long)all.mixed);
  return all.inOrder && all.count == Producers * ItemsPerProducer ? 0 : 1;
}
