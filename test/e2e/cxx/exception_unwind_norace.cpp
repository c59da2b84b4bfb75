// Twin of exception_unwind_race.cpp: the read comes after the join, so the
// exception thrown and caught in the worker reports nothing.
// RUN: %weft-cxx %s -o %t
// RUN: %weft test -n 50 --seed 9 -- %t

#include <pthread.h>
#include <stdexcept>

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
  pthread_join(t, nullptr);
  int seen = shared;
  return seen - seen;
}

