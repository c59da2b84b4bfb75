// std::call_once: the callable's completion happens before every call_once
// on the same flag returns, in whichever thread ran it.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 31 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <mutex>
#include <thread>

static std::once_flag config_once;
static int config[2];
static int inits;

static int readConfig(int base) {
  std::call_once(config_once, [base] {
    config[0] = base;
    config[1] = base + 1;
    inits++;
  });
  return config[0] + config[1];
}

int main() {
  int a = 0;
  std::thread t([&a] { a = readConfig(10); });
  int b = readConfig(10);
  t.join();
  return a == 21 && b == 21 && inits == 1 ? 0 : 1;
}
