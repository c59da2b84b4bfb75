// The twin of condvar_any_norace.cpp: the producer writes the payload after
// it released the lock and notified, so the woken consumer races with it.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race

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
int payload;

int main() {
  std::thread consumer([] {
    std::unique_lock<CountingLock> lock(lockable);
    cv.wait(lock, [] { return ready; });
    payload += 1; // CHECK-DAG: condvar_any_race.cpp:[[@LINE]]:
  });
  {
    std::lock_guard<CountingLock> lock(lockable);
    ready = true;
  }
  cv.notify_one();
  payload = 41; // CHECK-DAG: condvar_any_race.cpp:[[@LINE]]:
  consumer.join();
  return 0;
}
// CHECK: Location is global 'payload'
