// Call stacks are kept lazily (docs/design.md, "Stacks"): a race report still
// shows the current access's innermost frames at the bottom of a recursion
// 1000 calls deep (the printer's 256), and the previous access's exact path
// through two mutually recursive functions, even though the writing thread
// made many other calls and kept stacks before and after it.
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <unistd.h>
#include "Inputs/random_paths.h"

static int shared;
static int noise[4096];

NOINLINE static int deep_read(int depth) {
  if (depth == 0)
    return shared;
  int r = deep_read(depth - 1);
  sink++;
  return r;
}

static void *worker(void *arg) {
  // Other paths, each writing a new element: every one keeps a stack.
  for (unsigned i = 0; i < 2048; ++i)
    down_a(i * 2654435761u, 1 + i % 20, &noise[i]);
  down_b(0x16, 5, &shared); // b, b, a, a, b, a: the previous write
  for (unsigned i = 2048; i < 4096; ++i)
    down_b(i * 2246822519u, 1 + i % 20, &noise[i]);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
#ifdef ORDERED // deep_recursion_norace.c joins the worker first
  pthread_join(t, 0);
#else
  sleep(1); // not synchronization: the worker's write is unordered
#endif
  sink = deep_read(1000);
#ifndef ORDERED
  pthread_join(t, 0);
#endif
  return 0;
}

// The current access: innermost frames first, as many as the printer shows.
// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Read of size 4 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 deep_read {{.*}}deep_recursion_race.c:19:12 ({{.*}})
// CHECK-NEXT:     #1 deep_read {{.*}}deep_recursion_race.c:20:11 ({{.*}})
// CHECK-NEXT:     #2 deep_read {{.*}}deep_recursion_race.c:20:11 ({{.*}})
// CHECK:          #255 deep_read {{.*}}deep_recursion_race.c:20:11 ({{.*}})
// CHECK-EMPTY:
// The previous write: exactly the path taken, innermost first.
// CHECK-NEXT:   Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 down_a {{.*}}random_paths.h:16:13 ({{.*}})
// CHECK-NEXT:     #1 down_b {{.*}}random_paths.h:32:5 ({{.*}})
// CHECK-NEXT:     #2 down_a {{.*}}random_paths.h:22:5 ({{.*}})
// CHECK-NEXT:     #3 down_a {{.*}}random_paths.h:20:5 ({{.*}})
// CHECK-NEXT:     #4 down_b {{.*}}random_paths.h:32:5 ({{.*}})
// CHECK-NEXT:     #5 down_b {{.*}}random_paths.h:34:5 ({{.*}})
// CHECK-NEXT:     #6 worker {{.*}}deep_recursion_race.c:29:3 ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Location is global 'shared' of size 4 at 0x{{[0-9a-f]+}} ({{.*}})
// CHECK:      SUMMARY: weft: data race {{.*}}deep_recursion_race.c:19:12 in deep_read
// CHECK-NOT:  WARNING
