// A producer hands a value to a consumer through std::condition_variable:
// the mutex orders the accesses, so no schedule may report a race, and the
// consumer always sees the value.
// RUN: %weft-cxx %s -o %t
// RUN: %weft test -n 100 --seed 3 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 100 schedules, 0 failed

#include <condition_variable>
#include <mutex>
#include <thread>

static std::mutex mu;
static std::condition_variable cv;
static bool ready;
static int payload;

int main() {
  std::thread consumer([] {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [] { return ready; });
    payload += 1;
  });
  {
    std::lock_guard<std::mutex> lock(mu);
    payload = 41;
    ready = true;
  }
  cv.notify_one();
  consumer.join();
  return payload == 42 ? 0 : 1;
}
