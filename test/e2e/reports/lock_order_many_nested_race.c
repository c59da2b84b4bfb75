// One thread takes 3,000 groups of two or three of 128 mutexes, always in
// ascending order, and bumps a counter under each lock: thousands of
// lock-order edges and lock sets, as in code with a lock per bucket. A
// second thread then takes two of them the other way round, once. The
// inversion against the edge the first thread made is reported, once, with
// both threads' stacks; print_stats counts exactly the edges the program
// made (every held lock to each lock taken while it was held) and exactly
// its distinct lock sets (every prefix of a group), which the program
// counts itself (a set is the locks with where each was taken, so the
// same locks taken from another call site are another set). Its twin (lock_order_many_nested_norace.c, built with
// ORDERED) takes the two mutexes in order and is silent. The graph finds
// existing edges through an index of its edges (docs/design.md,
// "Lock-order graph"), and lock sets through one of their own.
// EXPECT: lock-order
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=print_stats=1 %expect-exit 66 %t 2>&1 | FileCheck %s

#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { Mutexes = 128, Groups = 3000, Low = 5, High = 100 };

static pthread_mutex_t locks[Mutexes];
static unsigned long counters[Mutexes];
static unsigned char edge[Mutexes][Mutexes];      // counted natively
static unsigned prefixes[3 * Groups + 4];          // distinct lock sets
static unsigned nprefixes;

static void note_prefix(unsigned code) {
  for (unsigned i = 0; i < nprefixes; i++)
    if (prefixes[i] == code)
      return;
  prefixes[nprefixes++] = code;
}

static void take(const int *group, int n) {
  for (int i = 0; i < n; i++) {
    pthread_mutex_lock(&locks[group[i]]);
    counters[group[i]]++;
  }
  for (int i = n - 1; i >= 0; i--)
    pthread_mutex_unlock(&locks[group[i]]);
}

static void count(const int *group, int n, unsigned site) {
  unsigned code = 0; // below 129^3 < 2^24
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < i; j++)
      edge[group[j]][group[i]] = 1;
    code = code * (Mutexes + 1) + group[i] + 1;
    note_prefix(site << 24 | code);
  }
}

static void *ascending(void *arg) {
  unsigned seed = 12345;
  int first[2] = {Low, High};
  take(first, 2);
  count(first, 2, 0);
  for (int g = 0; g < Groups; g++) {
    int group[3], n = 2 + (g % 2);
    for (int i = 0; i < n;) {
      seed = seed * 1103515245u + 12345u;
      int m = (seed >> 8) % Mutexes, dup = 0;
      for (int j = 0; j < i; j++)
        dup |= group[j] == m;
      if (!dup)
        group[i++] = m;
    }
    for (int i = 1; i < n; i++) // ascending: insertion sort
      for (int j = i; j > 0 && group[j - 1] > group[j]; j--) {
        int t = group[j];
        group[j] = group[j - 1];
        group[j - 1] = t;
      }
    take(group, n);
    count(group, n, 1);
  }
  return 0;
}

static void *inverted(void *arg) {
#ifdef ORDERED
  int group[2] = {Low, High};
#else
  int group[2] = {High, Low};
#endif
  take(group, 2);
  count(group, 2, 2);
  return 0;
}

int main(void) {
  for (int i = 0; i < Mutexes; i++)
    pthread_mutex_init(&locks[i], 0);
  pthread_t t;
  pthread_create(&t, 0, ascending, 0);
  pthread_join(t, 0);
  pthread_create(&t, 0, inverted, 0);
  pthread_join(t, 0);
  unsigned edges = 0;
  for (int i = 0; i < Mutexes; i++)
    for (int j = 0; j < Mutexes; j++)
      edges += edge[i][j];
  fprintf(stderr, "made: lock-sets=%u lock-edges=%u\n", nprefixes, edges);
  return 0;
}

// CHECK:      WARNING: weft: lock-order-inversion (potential deadlock) (pid={{[0-9]+}})
// CHECK-NEXT:   Cycle in lock order graph: M0 (0x{{[0-9a-f]+}}) => M1 (0x{{[0-9a-f]+}}) => M0
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M1 acquired here while holding mutex M0 in thread T1:
// CHECK-NEXT:     #0 take {{.*}}lock_order_many_nested_race.c:39:5
// CHECK-NEXT:     #1 ascending {{.*}}lock_order_many_nested_race.c:[[#]]:3
// CHECK:        Mutex M0 acquired here while holding mutex M1 in thread T2:
// CHECK-NEXT:     #0 take {{.*}}lock_order_many_nested_race.c:39:5
// CHECK-NEXT:     #1 inverted {{.*}}lock_order_many_nested_race.c:[[#]]:3
// CHECK:      SUMMARY: weft: lock-order-inversion (potential deadlock)
// CHECK-NOT:  WARNING: weft
// CHECK:      made: lock-sets=[[SETS:[0-9]+]] lock-edges=[[EDGES:[0-9]+]]
// CHECK-NEXT: weft: stats: {{.*}} lock-sets=[[SETS]] {{.*}} lock-edges=[[EDGES]] stack-generations=
// The 128 mutexes are its sync objects, all alive at exit:
// CHECK-NEXT: weft: stats: memory: sync-objects=128 peak-sync-objects=128
// CHECK-NEXT: weft: reported 1 warning
