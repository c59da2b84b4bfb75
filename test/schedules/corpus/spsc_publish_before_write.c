// A single-producer single-consumer ring. The producer advances the tail
// (the consumer's signal that a slot is full) before it writes the slot;
// the slots are atomics, so there is no data race, only a wrong order: a
// consumer that sees the new tail in between reads the slot's old value.
// (FIXED: the producer writes the slot, then advances the tail.)
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

#define SLOTS 4
#define ITEMS 6

static atomic_int slot[SLOTS];
static atomic_uint head, tail;

static void *producer(void *arg) {
  for (int i = 1; i <= ITEMS; i++) {
    unsigned t = atomic_load(&tail);
    while (t - atomic_load(&head) == SLOTS)
      ; // full: wait for the consumer
#ifdef FIXED
    atomic_store(&slot[t % SLOTS], i);
    atomic_store(&tail, t + 1);
#else
    atomic_store(&tail, t + 1);
    atomic_store(&slot[t % SLOTS], i);
#endif
  }
  return arg;
}

int main(void) {
  pthread_t p;
  pthread_create(&p, 0, producer, 0);
  for (int want = 1; want <= ITEMS; want++) {
    unsigned h = atomic_load(&head);
    while (atomic_load(&tail) == h)
      ; // empty: wait for the producer
    int got = atomic_load(&slot[h % SLOTS]);
    assert(got == want && "the consumer read a slot the producer had not written yet");
    atomic_store(&head, h + 1);
  }
  pthread_join(p, 0);
  return 0;
}
