// memcpy_pipeline.c: a three-stage pipeline moving buffers of 4-64 KiB. The
// source stage copies a slice of a pool into a slot of ring A; the middle
// stage copies it out, rotates it (memcpy + memmove) and copies it into a
// slot of ring B; the sink stage copies it out and checksums a sample of
// it. Each ring has 4 slots of 64 KiB under a mutex and two condition
// variables; a stage reserves a slot under the lock, copies without it, and
// publishes under it again. Stands for I/O- and message-passing pipelines
// (network stacks, codecs, log shippers): it measures bulk memory copies
// (the memcpy/memmove interceptors and shadow updates over whole ranges)
// plus blocking hand-offs.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Work size: buffers sent through the pipeline.
#define SCALE 1
enum { Items = 10000 * SCALE };
enum { Slots = 4, MaxBuf = 64 << 10, MinBuf = 4 << 10, PoolSize = 1 << 20, Rotate = 1 << 10 };

typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t not_full, not_empty;
  unsigned head, tail;   // under lock: items published / items taken
  size_t len[Slots];     // owned by whoever holds the slot (see reserve/publish)
  unsigned char *data[Slots];
} Ring;

static Ring ring_a, ring_b;
static unsigned char *pool; // written by main before the threads start

static void ring_init(Ring *r) {
  pthread_mutex_init(&r->lock, NULL);
  pthread_cond_init(&r->not_full, NULL);
  pthread_cond_init(&r->not_empty, NULL);
  for (unsigned i = 0; i < Slots; ++i)
    r->data[i] = malloc(MaxBuf);
}

// The writer side: wait for a free slot and return it. The slot belongs to
// the writer until ring_publish.
static unsigned ring_reserve(Ring *r) {
  pthread_mutex_lock(&r->lock);
  while (r->head - r->tail == Slots)
    pthread_cond_wait(&r->not_full, &r->lock);
  unsigned slot = r->head % Slots;
  pthread_mutex_unlock(&r->lock);
  return slot;
}

static void ring_publish(Ring *r) {
  pthread_mutex_lock(&r->lock);
  ++r->head;
  pthread_cond_signal(&r->not_empty);
  pthread_mutex_unlock(&r->lock);
}

// The reader side: wait for a published slot and return it. The slot
// belongs to the reader until ring_release.
static unsigned ring_acquire(Ring *r) {
  pthread_mutex_lock(&r->lock);
  while (r->head == r->tail)
    pthread_cond_wait(&r->not_empty, &r->lock);
  unsigned slot = r->tail % Slots;
  pthread_mutex_unlock(&r->lock);
  return slot;
}

static void ring_release(Ring *r) {
  pthread_mutex_lock(&r->lock);
  ++r->tail;
  pthread_cond_signal(&r->not_full);
  pthread_mutex_unlock(&r->lock);
}

static void *source(void *arg) {
  (void)arg;
  uint64_t x = 0x9E3779B97F4A7C15ull;
  for (unsigned i = 0; i < Items; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    size_t len = MinBuf + (x >> 20) % (MaxBuf - MinBuf + 1);
    size_t off = (x >> 40) % (PoolSize - MaxBuf);
    unsigned s = ring_reserve(&ring_a);
    memcpy(ring_a.data[s], pool + off, len);
    ring_a.len[s] = len;
    ring_publish(&ring_a);
  }
  return NULL;
}

static void *rotate_stage(void *arg) {
  (void)arg;
  unsigned char *buf = malloc(MaxBuf), head[Rotate];
  for (unsigned i = 0; i < Items; ++i) {
    unsigned s = ring_acquire(&ring_a);
    size_t len = ring_a.len[s];
    memcpy(buf, ring_a.data[s], len);
    ring_release(&ring_a);
    // Rotate left by Rotate bytes: the header moves to the end.
    memcpy(head, buf, Rotate);
    memmove(buf, buf + Rotate, len - Rotate);
    memcpy(buf + len - Rotate, head, Rotate);
    unsigned t = ring_reserve(&ring_b);
    memcpy(ring_b.data[t], buf, len);
    ring_b.len[t] = len;
    ring_publish(&ring_b);
  }
  free(buf);
  return NULL;
}

static void *sink(void *arg) {
  uint64_t *check = arg;
  unsigned char *buf = malloc(MaxBuf);
  uint64_t h = 0xCBF29CE484222325ull, bytes = 0;
  for (unsigned i = 0; i < Items; ++i) {
    unsigned s = ring_acquire(&ring_b);
    size_t len = ring_b.len[s];
    memcpy(buf, ring_b.data[s], len);
    ring_release(&ring_b);
    bytes += len;
    // A sample of the words (every 512th byte on) and the last word.
    for (size_t off = 0; off + 8 <= len; off += 512) {
      uint64_t w;
      memcpy(&w, buf + off, 8);
      h = (h ^ w) * 0x100000001B3ull;
    }
    uint64_t last;
    memcpy(&last, buf + len - 8, 8);
    h = (h ^ last ^ len) * 0x100000001B3ull;
  }
  free(buf);
  check[0] = h;
  check[1] = bytes;
  return NULL;
}

int main(void) {
  pool = malloc(PoolSize);
  if (!pool)
    return 1;
  uint64_t x = 0x2545F4914F6CDD1Dull;
  for (size_t i = 0; i < PoolSize; i += 8) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    memcpy(pool + i, &x, 8);
  }
  ring_init(&ring_a);
  ring_init(&ring_b);
  uint64_t check[2];
  pthread_t t1, t2, t3;
  pthread_create(&t3, NULL, sink, check);
  pthread_create(&t2, NULL, rotate_stage, NULL);
  pthread_create(&t1, NULL, source, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  pthread_join(t3, NULL);
  printf("memcpy_pipeline: items=%d bytes=%llu check=%016llx\n", Items,
         (unsigned long long)check[1], (unsigned long long)check[0]);
  return 0;
}
