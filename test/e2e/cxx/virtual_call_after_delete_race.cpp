// A virtual call through an object another thread deleted: the deleted
// object stays in quarantine, so its vtable pointer is still there (glibc
// would have written its free list over it, and the call would crash). weft
// reports the use after free, as TSan does, and nothing else: no crash
// report, exit 66. Its twin, virtual_call_after_delete_norace.cpp, is this
// program with ORDERED: the hand-off goes the other way, released and
// acquired, so the call happens before the delete.
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=0x2 %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not="WARNING: weft: crash"

// CHECK:      WARNING: weft: heap-use-after-free (virtual call vs free)
// CHECK-NEXT:   Read of size 8 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 worker{{.*}}virtual_call_after_delete_race.cpp:[[@LINE+34]]
// CHECK:        Previous write of size 8 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 operator delete
// CHECK:        Location is heap block of size {{[0-9]+}} at 0x{{[0-9a-f]+}} freed by main thread, allocated by main thread:
// CHECK:      SUMMARY: weft: heap-use-after-free (virtual call vs free) {{.*}}virtual_call_after_delete_race.cpp:[[@LINE+30]]{{.*}} in worker
// CHECK:      called 2
// CHECK:      weft: reported 1 warning

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
#ifdef ORDERED
static std::atomic<int> called;
#else
static std::atomic<int> deleted;
#endif

static void *worker(void *) {
#ifndef ORDERED
  // Waits with relaxed loads: nothing orders the delete before the call.
  while (!deleted.load(std::memory_order_relaxed))
    sched_yield();
#endif
  std::printf("called %d\n", shape->sides()); // L:call
#ifdef ORDERED
  called.store(1, std::memory_order_release);
#endif
  return nullptr;
}

int main() {
  shape = new Line;
  pthread_t t;
  pthread_create(&t, nullptr, worker, nullptr);
#ifdef ORDERED
  while (!called.load(std::memory_order_acquire))
    sched_yield();
#endif
  delete shape;
#ifndef ORDERED
  deleted.store(1, std::memory_order_relaxed);
#endif
  pthread_join(t, nullptr);
  return 0;
}
