// atomic_counters.c: a single-producer/single-consumer ring buffer built from
// C11 atomics (store-release of the head/tail index, load-acquire on the
// other side) plus shared fetch_add statistics counters. Stands for
// lock-free code: it measures the cost of atomic operations and of
// spin-waiting (the waiting side yields after a short spin).
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

// Work size: items passed through the ring.
#define SCALE 1
enum { Items = 3000000 * SCALE, RingSize = 1024 /* power of two */ };

static uint64_t ring[RingSize];
static _Atomic uint64_t head; // next slot to write; written by the producer
static _Atomic uint64_t tail; // next slot to read; written by the consumer
static _Atomic uint64_t produced_sum, consumed_sum, full_waits, empty_waits;

static void backoff(unsigned *spins) {
  if (++*spins > 64) {
    sched_yield();
    *spins = 0;
  }
}

static void *producer(void *arg) {
  (void)arg;
  uint64_t x = 0x9E3779B97F4A7C15ull;
  uint64_t h = atomic_load_explicit(&head, memory_order_relaxed);
  for (uint64_t i = 0; i < Items; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    unsigned spins = 0;
    while (h - atomic_load_explicit(&tail, memory_order_acquire) == RingSize) {
      atomic_fetch_add_explicit(&full_waits, 1, memory_order_relaxed);
      backoff(&spins);
    }
    ring[h % RingSize] = x;
    atomic_store_explicit(&head, ++h, memory_order_release);
    atomic_fetch_add_explicit(&produced_sum, x & 0xffff, memory_order_relaxed);
  }
  return NULL;
}

static void *consumer(void *arg) {
  (void)arg;
  uint64_t t = atomic_load_explicit(&tail, memory_order_relaxed);
  uint64_t check = 0;
  for (uint64_t i = 0; i < Items; ++i) {
    unsigned spins = 0;
    while (atomic_load_explicit(&head, memory_order_acquire) == t) {
      atomic_fetch_add_explicit(&empty_waits, 1, memory_order_relaxed);
      backoff(&spins);
    }
    uint64_t v = ring[t % RingSize];
    atomic_store_explicit(&tail, ++t, memory_order_release);
    check = check * 31 + v;
    atomic_fetch_add_explicit(&consumed_sum, v & 0xffff, memory_order_relaxed);
  }
  return (void *)(uintptr_t)check;
}

int main(void) {
  pthread_t p, c;
  void *check;
  pthread_create(&p, NULL, producer, NULL);
  pthread_create(&c, NULL, consumer, NULL);
  pthread_join(p, NULL);
  pthread_join(c, &check);
  uint64_t ps = atomic_load(&produced_sum), cs = atomic_load(&consumed_sum);
  printf("atomic_counters: items=%d sum=%llu match=%d check=%016llx\n", Items,
         (unsigned long long)cs, ps == cs,
         (unsigned long long)(uintptr_t)check);
  return ps == cs ? 0 : 1;
}
