// std::async(std::launch::async): the task runs on its own thread; the
// future's get returns after the task finished, ordering all its writes.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 5 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <future>

static int table[4];

int main() {
  table[0] = 1;
  std::future<int> done = std::async(std::launch::async, [] {
    for (int i = 1; i < 4; i++)
      table[i] = table[i - 1] * 2;
    return 3;
  });
  int last = done.get();
  return table[last] == 8 ? 0 : 1;
}
