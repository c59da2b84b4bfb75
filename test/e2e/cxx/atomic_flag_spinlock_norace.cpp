// A spinlock on std::atomic_flag: test_and_set(acquire) takes it, clear
// (release) hands it over; the counter under it is ordered.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 41 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <atomic>
#include <thread>

static std::atomic_flag busy;
static int counter;

static void work() {
  for (int i = 0; i < 5; i++) {
    while (busy.test_and_set(std::memory_order_acquire))
      std::this_thread::yield();
    counter++;
    busy.clear(std::memory_order_release);
  }
}

int main() {
  std::thread a(work), b(work);
  a.join();
  b.join();
  return counter == 10 ? 0 : 1;
}
