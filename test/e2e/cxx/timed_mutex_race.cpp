// The twin of timed_mutex_norace.cpp: the worker ignores that its 10 ms
// try_lock_for timed out (main holds the mutex for 100 ms of virtual time)
// and writes anyway.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race

#include <chrono>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

static std::timed_mutex mu;
int counter;

int main() {
  mu.lock();
  std::thread worker([] {
    bool locked = mu.try_lock_for(10ms);
    counter++; // CHECK-DAG: timed_mutex_race.cpp:[[@LINE]]:
    if (locked)
      mu.unlock();
  });
  counter++; // CHECK-DAG: timed_mutex_race.cpp:[[@LINE]]:
  std::this_thread::sleep_for(100ms);
  mu.unlock();
  worker.join();
  return 0;
}
// CHECK: Location is global 'counter'
