// C++20 std::atomic<T>::wait / notify_one (libstdc++ waits with raw futex
// calls): the waiter blocks in the scheduler, and the release store before
// the notify orders the payload.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 16 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <atomic>
#include <thread>

static std::atomic<int> flag{0};
static int payload;

int main() {
  std::thread consumer([] {
    flag.wait(0, std::memory_order_acquire);
    payload += 1;
  });
  payload = 41;
  flag.store(1, std::memory_order_release);
  flag.notify_one();
  consumer.join();
  return payload == 42 ? 0 : 1;
}
