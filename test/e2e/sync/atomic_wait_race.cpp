// The twin of atomic_wait_norace.cpp: the payload is written after the
// notify.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'payload'

#include <atomic>
#include <thread>

static std::atomic<int> flag{0};
int payload;

int main() {
  std::thread consumer([] {
    flag.wait(0, std::memory_order_acquire);
    payload += 1;
  });
  flag.store(1, std::memory_order_release);
  flag.notify_one();
  payload = 41;
  consumer.join();
  return 0;
}
