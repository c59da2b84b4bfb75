// lock_order_stress.c: 4 threads each take 2-4 of 512 mutexes at a time,
// 20,000 times, always in one global order (ascending index), and bump a
// counter under each. Stands for code with many fine-grained locks that nest
// (a lock per bucket or per object, two or three held at once): race- and
// deadlock-free, but every nested acquisition is an edge of a deadlock
// detector's lock-order graph, and there are tens of thousands of distinct
// (held set, acquired mutex) pairs. This is the shape of the deadlock-
// detector stress program of issue 15.
//
// With the argument `varying`, each thread first takes mutexes 0 and 1 once,
// the even threads in one order and the odd ones in the other (a gate mutex
// held around them keeps the run itself from deadlocking), then does the
// same work: one lock-order inversion, which weft and ThreadSanitizer report
// (exit 66), in a graph that keeps growing after it. (Random orders over all
// the mutexes would close a new cycle with almost every new edge: both tools
// then print a report for each, 118,003 under TSan in 297 s.) bench/run runs
// the default; docs/performance.md times both.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

// Work size: groups each thread locks.
#define SCALE 1
enum { Threads = 4, Mutexes = 512, Groups = 20000 * SCALE, MaxHeld = 4 };

static pthread_mutex_t locks[Mutexes];
static unsigned long counters[Mutexes]; // counters[i] under locks[i]
static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static int varying;

// A thread's own pseudo-random numbers: the same sequence in every build
// and every run, so the checksum is fixed.
static unsigned next(unsigned long long *s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return (unsigned)(*s >> 11);
}

static void *worker(void *arg) {
  unsigned long long s = 0x9e3779b97f4a7c15ull * ((unsigned long)arg + 1);
  if (varying) {
    unsigned first = (unsigned long)arg % 2;
    pthread_mutex_lock(&gate);
    pthread_mutex_lock(&locks[first]);
    pthread_mutex_lock(&locks[1 - first]);
    ++counters[0];
    pthread_mutex_unlock(&locks[1 - first]);
    pthread_mutex_unlock(&locks[first]);
    pthread_mutex_unlock(&gate);
  }
  for (unsigned g = 0; g < Groups; ++g) {
    unsigned n = 2 + next(&s) % (MaxHeld - 1), pick[MaxHeld];
    for (unsigned i = 0; i < n; ++i) {
    again:
      pick[i] = next(&s) % Mutexes;
      for (unsigned j = 0; j < i; ++j)
        if (pick[j] == pick[i])
          goto again;
    }
    // Insertion sort: the global order.
    for (unsigned i = 1; i < n; ++i)
      for (unsigned j = i; j > 0 && pick[j - 1] > pick[j]; --j) {
        unsigned t = pick[j];
        pick[j] = pick[j - 1];
        pick[j - 1] = t;
      }
    for (unsigned i = 0; i < n; ++i) {
      pthread_mutex_lock(&locks[pick[i]]);
      ++counters[pick[i]];
    }
    for (unsigned i = n; i-- > 0;)
      pthread_mutex_unlock(&locks[pick[i]]);
  }
  return NULL;
}

int main(int argc, char **argv) {
  varying = argc > 1 && strcmp(argv[1], "varying") == 0;
  for (unsigned i = 0; i < Mutexes; ++i)
    pthread_mutex_init(&locks[i], NULL);
  pthread_t t[Threads];
  for (unsigned long i = 0; i < Threads; ++i)
    if (pthread_create(&t[i], NULL, worker, (void *)i) != 0)
      return 2;
  unsigned long total = 0, check = 0;
  for (unsigned i = 0; i < Threads; ++i)
    pthread_join(t[i], NULL);
  for (unsigned i = 0; i < Mutexes; ++i) {
    total += counters[i];
    check = check * 31 + counters[i];
  }
  printf("lock_order_stress: total=%lu checksum=%lx\n", total, check);
  return 0;
}
