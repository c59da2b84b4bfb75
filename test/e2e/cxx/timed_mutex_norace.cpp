// std::timed_mutex::try_lock_for: timeouts are virtual time. While main
// holds the mutex across a 100 ms sleep, a 10 ms try times out and a 1 s try
// gets it after main unlocks (a plain run keeps virtual time ordered; weft
// test may also end a timed wait early, so it checks only that the writes
// under the mutex are ordered and the count matches what was locked).
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %t | FileCheck --check-prefix=VIRTUAL %s
// VIRTUAL: short_try=0 long_try=1 counter=2
// RUN: %weft test -n 50 --seed 19 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <chrono>
#include <cstdio>
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
  std::printf("short_try=%d long_try=%d counter=%d\n", short_try, long_try, counter);
  return counter == 1 + long_try ? 0 : 1;
}
