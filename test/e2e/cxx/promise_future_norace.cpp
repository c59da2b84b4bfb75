// std::promise / std::future: set_value happens before the get that returns
// the value, so the data written before set_value is visible after get.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 3 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <future>
#include <thread>

static int data;

int main() {
  std::promise<int> ready;
  std::future<int> value = ready.get_future();
  std::thread producer([&ready] {
    data = 40;
    ready.set_value(2);
  });
  int sum = value.get() + data;
  producer.join();
  return sum == 42 ? 0 : 1;
}
