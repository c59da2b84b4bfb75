// std::timed_mutex::try_lock_for under virtual time: while main holds the
// mutex across a 100 ms sleep, a 10 ms try times out and a 1 s try gets it
// after main unlocks; the writes under the mutex are ordered.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 19 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <chrono>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

static std::timed_mutex mu;
static int counter;

int main() {
  bool short_try = true, long_try = false;
  mu.lock();
  std::thread worker([&] {
    short_try = mu.try_lock_for(10ms);
    if (short_try)
      mu.unlock();
    long_try = mu.try_lock_for(1s);
    if (long_try) {
      counter++;
      mu.unlock();
    }
  });
  counter++;
  std::this_thread::sleep_for(100ms);
  mu.unlock();
  worker.join();
  return !short_try && long_try && counter == 2 ? 0 : 1;
}
