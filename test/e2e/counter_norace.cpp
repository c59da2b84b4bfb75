// counter++ under std::mutex from two std::threads: silent under 100 seeds.
// RUN: %weft-cxx %s -o %t
// RUN: %weft test -n 100 --seed 2 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 100 schedules, 0 failed

#include <mutex>
#include <thread>

static int counter;
static std::mutex mu;

static void work() {
  for (int i = 0; i < 100; ++i) {
    std::lock_guard<std::mutex> lock(mu);
    counter++;
  }
}

int main() {
  std::thread a(work), b(work);
  a.join();
  b.join();
  return counter == 200 ? 0 : 1;
}
