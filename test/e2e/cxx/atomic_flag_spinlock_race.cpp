// The twin of atomic_flag_spinlock_norace.cpp: the flag is taken and
// cleared relaxed, so it excludes but does not order; the counter races.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race

#include <atomic>
#include <thread>

static std::atomic_flag busy;
int counter;

static void work() {
  for (int i = 0; i < 5; i++) {
    while (busy.test_and_set(std::memory_order_relaxed))
      std::this_thread::yield();
    counter++; // CHECK: atomic_flag_spinlock_race.cpp:[[@LINE]]:
    busy.clear(std::memory_order_relaxed);
  }
}

int main() {
  std::thread a(work), b(work);
  a.join();
  b.join();
  return 0;
}
// CHECK: Location is global 'counter'
