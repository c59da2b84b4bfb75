// The race-free twin of virtual_call_after_delete_race.cpp: the worker's
// virtual call is ordered before the delete (the flag is released and
// acquired), and the deleted object is never touched again.
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=0x2 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft test -n 20 --seed 3 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: weft test: 20 schedules, 0 failed
// CHECK: called 2

#include <atomic>
#include <cstdio>
#include <pthread.h>
#include <sched.h>

struct Shape {
  virtual ~Shape() {}
  virtual int sides() const { return 0; }
};
struct Line : Shape {
  int sides() const override { return 2; }
};

static Shape *shape;
static std::atomic<int> called;

static void *worker(void *) {
  std::printf("called %d\n", shape->sides());
  called.store(1, std::memory_order_release);
  return nullptr;
}

int main() {
  shape = new Line;
  pthread_t t;
  pthread_create(&t, nullptr, worker, nullptr);
  while (!called.load(std::memory_order_acquire))
    sched_yield();
  delete shape;
  pthread_join(t, nullptr);
  return 0;
}
