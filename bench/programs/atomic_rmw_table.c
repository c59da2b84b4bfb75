// atomic_rmw_table.c: three threads bump counters in one shared table with
// relaxed fetch_adds, and per item look up a configuration another thread
// republishes now and then (an acquire load of its pointer, then plain reads
// of what it points to). Stands for lock-free statistics, reference counts
// and read-mostly configuration: the cost of relaxed RMWs and acquire loads,
// with no locks and almost no blocking.
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

// Work size: items per thread.
#define SCALE 1
enum { Threads = 3, Items = 16000000 * SCALE, TableSize = 4096, Versions = 64 };

typedef struct {
  uint64_t mask;  // always TableSize - 1: every version agrees
  uint64_t salt;  // always the same too, so that the sum does not depend
                  // on which version a lookup saw
  uint64_t version;
} Config;

static _Atomic uint64_t table[TableSize];
static Config configs[Versions];     // each written once, before its release
static _Atomic(Config *) current;    // the published configuration
static _Atomic uint64_t lookups_seen_new; // how often a lookup saw a newer version (not in the sum)

static void *worker(void *arg) {
  unsigned id = (unsigned)(uintptr_t)arg;
  uint64_t x = 0x9E3779B97F4A7C15ull * (id + 1);
  uint64_t last_version = 0;
  for (uint64_t i = 0; i < Items; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17; // xorshift64
    const Config *c = atomic_load_explicit(&current, memory_order_acquire);
    if (c->version != last_version) {
      last_version = c->version;
      atomic_fetch_add_explicit(&lookups_seen_new, 1, memory_order_relaxed);
    }
    uint64_t slot = (x ^ c->salt) & c->mask;
    atomic_fetch_add_explicit(&table[slot], (x >> 32) | 1, memory_order_relaxed);
    // Thread 0 also republishes the configuration now and then: a fresh
    // copy, written in full, then released.
    if (id == 0 && i % (Items / Versions) == 0 && i / (Items / Versions) + 1 < Versions) {
      Config *n = &configs[i / (Items / Versions) + 1];
      n->mask = TableSize - 1;
      n->salt = 0x5851F42D4C957F2Dull;
      n->version = i / (Items / Versions) + 1;
      atomic_store_explicit(&current, n, memory_order_release);
    }
  }
  return NULL;
}

int main(void) {
  configs[0] = (Config){TableSize - 1, 0x5851F42D4C957F2Dull, 0};
  atomic_store_explicit(&current, &configs[0], memory_order_release);
  pthread_t th[Threads];
  for (unsigned i = 0; i < Threads; ++i)
    if (pthread_create(&th[i], NULL, worker, (void *)(uintptr_t)i))
      return 1;
  for (unsigned i = 0; i < Threads; ++i)
    pthread_join(th[i], NULL);
  uint64_t sum = 0;
  for (unsigned i = 0; i < TableSize; ++i)
    sum = sum * 31 + atomic_load_explicit(&table[i], memory_order_relaxed);
  printf("atomic_rmw_table: sum=%016llx\n", (unsigned long long)sum);
  return 0;
}
