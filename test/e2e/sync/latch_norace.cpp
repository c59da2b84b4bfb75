// std::latch: every count_down happens before the return of wait.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 17 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <latch>
#include <thread>
#include <vector>

static int slot[3];

int main() {
  std::latch done(3);
  std::vector<std::thread> workers;
  for (int i = 0; i < 3; i++)
    workers.emplace_back([&done, i] {
      slot[i] = i + 1;
      done.count_down();
    });
  done.wait();
  int sum = slot[0] + slot[1] + slot[2];
  for (auto &t : workers)
    t.join();
  return sum == 6 ? 0 : 1;
}
