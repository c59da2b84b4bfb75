// The twin of promise_future_norace.cpp: the producer writes the data after
// set_value, so the consumer's read after get is not ordered with it.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK-DAG: promise_future_race.cpp:[[@LINE+14]]:
// CHECK-DAG: promise_future_race.cpp:[[@LINE+15]]:
// CHECK: Location is global 'data'

#include <future>
#include <thread>

int data;

int main() {
  std::promise<int> ready;
  std::future<int> value = ready.get_future();
  std::thread producer([&ready] {
    ready.set_value(2);
    data = 40;
  });
  int sum = value.get() + data;
  producer.join();
  return sum == 42 ? 0 : 1;
}
