// The twin of condvar_handoff_norace.cpp with a bug: the producer writes the
// payload after releasing the mutex, so the consumer's read races with it.
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'payload'

#include <condition_variable>
#include <mutex>
#include <thread>

static std::mutex mu;
static std::condition_variable cv;
static bool ready;
int payload;

int main() {
  std::thread consumer([] {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [] { return ready; });
    lock.unlock();
    payload += 1;
  });
  {
    std::lock_guard<std::mutex> lock(mu);
    ready = true;
  }
  cv.notify_one();
  payload = 41;
  consumer.join();
  return 0;
}
