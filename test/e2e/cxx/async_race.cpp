// The twin of async_norace.cpp: main reads the table before get, while the
// task may still be writing it.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK-DAG: async_race.cpp:[[@LINE+12]]:
// CHECK-DAG: async_race.cpp:[[@LINE+14]]:
// CHECK: Location is global 'table'

#include <future>

int table[4];

int main() {
  table[0] = 1;
  std::future<int> done = std::async(std::launch::async, [] {
    for (int i = 1; i < 4; i++)
      table[i] = table[i - 1] * 2;
    return 3;
  });
  int early = table[3];
  int last = done.get();
  return table[last] == 8 && early >= 0 ? 0 : 1;
}
