// A timed acquire on a C++20 semaphore nobody releases times out in
// virtual time (libstdc++: FUTEX_WAIT_BITSET with an absolute deadline).
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %t | FileCheck %s
// CHECK: acquired: 0 waited at least 10s: 1

#include <chrono>
#include <cstdio>
#include <semaphore>

int main() {
  std::counting_semaphore<1> never(0);
  auto start = std::chrono::steady_clock::now();
  bool got = never.try_acquire_for(std::chrono::seconds(10));
  auto waited = std::chrono::steady_clock::now() - start;
  std::printf("acquired: %d waited at least 10s: %d\n", got,
              waited >= std::chrono::seconds(10));
  return 0;
}
