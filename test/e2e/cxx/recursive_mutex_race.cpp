// The twin of recursive_mutex_norace.cpp: the second write comes after the
// outermost unlock, when the mutex is free.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race

#include <mutex>
#include <thread>

static std::recursive_mutex mu;
int counter;

static void addTwice() {
  mu.lock();
  mu.lock();
  counter++;
  mu.unlock();
  mu.unlock();
  counter++; // CHECK: recursive_mutex_race.cpp:[[@LINE]]:
}

int main() {
  std::thread a(addTwice), b(addTwice);
  a.join();
  b.join();
  return 0;
}
// CHECK: Location is global 'counter'
