// An exception thrown three calls down and caught in outer(): the pass calls
// __weft_func_exit on the unwind path of every instrumented frame, so the
// write after the catch has outer()'s stack, with none of the frames the
// exception left (they kept stacks of their own before throwing). With
// ORDERED (exception_unwind_norace.cpp) main reads after the join.
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <stdexcept>
#include <unistd.h>

#define NOINLINE __attribute__((noinline))

static volatile int shared;
static int scratch[4];

NOINLINE static void inner(int depth) {
  scratch[depth] = depth; // keeps a stack this deep
  if (depth == 3)
    throw std::runtime_error("deep");
  inner(depth + 1);
  scratch[depth] = 0;
}

NOINLINE static void outer() {
  try {
    inner(0);
  } catch (const std::exception &) {
    shared = 1;
  }
}

static void *worker(void *) {
  outer();
  return nullptr;
}

int main() {
  pthread_t t;
  pthread_create(&t, nullptr, worker, nullptr);
#ifndef ORDERED
  sleep(1); // not synchronization: the worker's write is unordered
  int seen = shared;
#endif
  pthread_join(t, nullptr);
#ifdef ORDERED
  int seen = shared; // after the join: ordered
#endif
  return seen - seen;
}

// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Read of size 4 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 main {{.*}}exception_unwind_race.cpp:44:14 ({{.*}})
// CHECK:        Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 outer() {{.*}}exception_unwind_race.cpp:30:12 ({{.*}})
// CHECK-NEXT:     #1 worker(void*) {{.*}}exception_unwind_race.cpp:35:3 ({{.*}})
// CHECK-EMPTY:
