// The twin of std_barrier_norace.cpp without the second arrive_and_wait:
// the next round's write races with a slower thread's read.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'slot'

#include <barrier>
#include <thread>
#include <vector>

int slot[3];

int main() {
  std::barrier sync(3);
  std::vector<std::thread> workers;
  int sums[3] = {0, 0, 0};
  for (int i = 0; i < 3; i++)
    workers.emplace_back([&, i] {
      for (int round = 1; round <= 3; round++) {
        slot[i] = round;
        sync.arrive_and_wait();
        sums[i] += slot[0] + slot[1] + slot[2];
      }
    });
  for (auto &t : workers)
    t.join();
  return sums[0] + sums[1] + sums[2] > 1000;
}
