// std::shared_ptr: the control block's reference count is atomic. Threads
// that copy and drop shared_ptrs to one object do not race, and the last
// owner's destructor (which writes the object) is ordered after every other
// owner's reads by the count's acq_rel decrement.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 11 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <memory>
#include <thread>

struct Config {
  int value = 0;
  ~Config() { value = -1; }
};

static int reader(std::shared_ptr<Config> mine) {
  int sum = 0;
  for (int i = 0; i < 4; i++) {
    std::shared_ptr<Config> copy = mine;
    sum += copy->value;
  }
  return sum;
}

int main() {
  auto config = std::make_shared<Config>();
  config->value = 5;
  int a = 0, b = 0;
  std::thread t1([&a, c = config] { a = reader(c); });
  std::thread t2([&b, c = config] { b = reader(c); });
  config.reset();
  t1.join();
  t2.join();
  return a + b == 40 ? 0 : 1;
}
