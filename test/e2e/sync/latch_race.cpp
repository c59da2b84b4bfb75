// The twin of latch_norace.cpp: one worker writes its slot after counting
// down.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'slot'

#include <latch>
#include <thread>
#include <vector>

int slot[3];

int main() {
  std::latch done(3);
  std::vector<std::thread> workers;
  for (int i = 0; i < 3; i++)
    workers.emplace_back([&done, i] {
      if (i == 2) {
        done.count_down();
        slot[i] = i + 1;
      } else {
        slot[i] = i + 1;
        done.count_down();
      }
    });
  done.wait();
  int sum = slot[0] + slot[1] + slot[2];
  for (auto &t : workers)
    t.join();
  return sum > 100;
}
