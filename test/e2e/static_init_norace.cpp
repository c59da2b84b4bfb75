// Function-local statics are initialized once, thread-safely; the
// initializer's writes happen before every use. Several threads race to
// the first call: silent, and the constructor runs once.
// RUN: %weft-cxx %s -o %t
// RUN: %weft test -n 100 --seed 41 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 100 schedules, 0 failed

#include <thread>

static int constructions;

struct Registry {
  int entries[8];
  Registry() {
    ++constructions;
    for (int i = 0; i < 8; ++i)
      entries[i] = i;
  }
};

static Registry &registry() {
  static Registry instance;
  return instance;
}

int main() {
  int sums[3] = {0, 0, 0};
  std::thread a([&] { sums[0] = registry().entries[7]; });
  std::thread b([&] { sums[1] = registry().entries[7]; });
  std::thread c([&] { sums[2] = registry().entries[7]; });
  a.join();
  b.join();
  c.join();
  return constructions == 1 && sums[0] + sums[1] + sums[2] == 21 ? 0 : 1;
}
