// std::barrier: each phase's writes happen before the next phase's reads,
// and the completion function runs once per phase.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 18 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <barrier>
#include <thread>
#include <vector>

static int slot[3], phases;

int main() {
  std::barrier sync(3, []() noexcept { phases++; });
  std::vector<std::thread> workers;
  bool ok[3] = {true, true, true};
  for (int i = 0; i < 3; i++)
    workers.emplace_back([&, i] {
      for (int round = 1; round <= 2; round++) {
        slot[i] = round;
        sync.arrive_and_wait();
        ok[i] = ok[i] && slot[0] + slot[1] + slot[2] == 3 * round;
        sync.arrive_and_wait();
      }
    });
  for (auto &t : workers)
    t.join();
  return ok[0] && ok[1] && ok[2] && phases == 4 ? 0 : 1;
}
