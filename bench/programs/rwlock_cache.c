// rwlock_cache.c: four threads share one cache of 4096 entries behind a
// single pthread_rwlock_t; each does a deterministic mix of lookups (~95%)
// and updates (~5%). An entry is 64 words: a key, a version and 62 payload
// words derived from both. A lookup copies its entry out under the read
// lock, then checks outside the lock that the words agree (a torn copy
// would count as bad); an update rewrites the entry under the write lock.
// Stands for read-mostly shared state (caches, configuration, routing
// tables) whose users do some work with what they read: it measures
// reader-writer lock cost with many concurrent readers.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

// Work size: operations per thread.
#define SCALE 1
enum { Threads = 4, OpsPerThread = 100000 * SCALE };
enum { Entries = 4096, Payload = 62, UpdatePercent = 5, MixRounds = 8 };

typedef struct {
  uint64_t key;
  uint64_t version;
  uint64_t payload[Payload]; // payload[i] == mix(key, version, i)
} Entry;

static pthread_rwlock_t cache_lock = PTHREAD_RWLOCK_INITIALIZER;
static Entry cache[Entries]; // under cache_lock

static pthread_mutex_t totals_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t total_lookups, total_bad; // under totals_lock

// A few rounds of splitmix64's finalizer: the work a lookup does with each
// word it read.
static uint64_t mix(uint64_t key, uint64_t version, unsigned i) {
  uint64_t z = key * 0x9E3779B97F4A7C15ull + version * 0xBF58476D1CE4E5B9ull + i;
  for (unsigned r = 0; r < MixRounds; ++r) {
    z = (z ^ (z >> 30)) * 0x94D049BB133111EBull;
    z = (z ^ (z >> 27)) * 0xBF58476D1CE4E5B9ull;
    z ^= z >> 31;
  }
  return z;
}

static void fill(Entry *e, uint64_t key, uint64_t version) {
  e->key = key;
  e->version = version;
  for (unsigned i = 0; i < Payload; ++i)
    e->payload[i] = mix(key, version, i);
}

static void *worker(void *arg) {
  unsigned id = (unsigned)(uintptr_t)arg;
  uint64_t x = 0x2545F4914F6CDD1Dull * (id + 1);
  uint64_t lookups = 0, bad = 0;
  for (unsigned op = 0; op < OpsPerThread; ++op) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    unsigned slot = (unsigned)(x % Entries);
    if ((x >> 40) % 100 < UpdatePercent) {
      pthread_rwlock_wrlock(&cache_lock);
      Entry *e = &cache[slot];
      fill(e, e->key, e->version + 1);
      pthread_rwlock_unlock(&cache_lock);
    } else {
      Entry copy;
      pthread_rwlock_rdlock(&cache_lock);
      copy = cache[slot];
      pthread_rwlock_unlock(&cache_lock);
      // Which version a lookup sees depends on the interleaving; that it
      // sees one whole version does not.
      for (unsigned i = 0; i < Payload; ++i)
        bad += copy.payload[i] != mix(copy.key, copy.version, i);
      ++lookups;
    }
  }
  pthread_mutex_lock(&totals_lock);
  total_lookups += lookups;
  total_bad += bad;
  pthread_mutex_unlock(&totals_lock);
  return NULL;
}

int main(void) {
  for (unsigned i = 0; i < Entries; ++i)
    fill(&cache[i], i * 2654435761u, 0);
  pthread_t th[Threads];
  for (unsigned i = 0; i < Threads; ++i)
    pthread_create(&th[i], NULL, worker, (void *)(uintptr_t)i);
  for (unsigned i = 0; i < Threads; ++i)
    pthread_join(th[i], NULL);
  // Updates only bump versions, so the final state is the same whatever
  // order they ran in.
  uint64_t check = 0;
  for (unsigned i = 0; i < Entries; ++i)
    for (unsigned j = 0; j < Payload; ++j)
      check = (check ^ cache[i].payload[j]) * 0x100000001B3ull;
  printf("rwlock_cache: lookups=%llu bad=%llu check=%016llx\n",
         (unsigned long long)total_lookups, (unsigned long long)total_bad,
         (unsigned long long)check);
  return total_bad == 0 ? 0 : 1;
}
