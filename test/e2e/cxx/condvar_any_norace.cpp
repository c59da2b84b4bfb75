// std::condition_variable_any with a lockable of the program's own (it
// wraps a std::mutex): notify under the lock, the waiter sees the payload.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 29 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <condition_variable>
#include <mutex>
#include <thread>

struct CountingLock {
  std::mutex mu;
  int acquisitions = 0;
  void lock() {
    mu.lock();
    acquisitions++;
  }
  void unlock() { mu.unlock(); }
};

static CountingLock lockable;
static std::condition_variable_any cv;
static bool ready;
static int payload;

int main() {
  std::thread consumer([] {
    std::unique_lock<CountingLock> lock(lockable);
    cv.wait(lock, [] { return ready; });
    payload += 1;
  });
  payload = 41;
  {
    std::lock_guard<CountingLock> lock(lockable);
    ready = true;
  }
  cv.notify_one();
  consumer.join();
  return payload == 42 ? 0 : 1;
}
