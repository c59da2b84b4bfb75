// The twin of thread_local_norace.cpp: the thread_local is a pointer, and
// every thread's copy points at the same shared counter.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race

#include <thread>

int shared_calls;
static thread_local int *calls = &shared_calls;

static void work() {
  for (int i = 0; i < 5; i++)
    (*calls)++; // CHECK: thread_local_race.cpp:[[@LINE]]:
}

int main() {
  std::thread t1(work), t2(work);
  t1.join();
  t2.join();
  return 0;
}
// CHECK: Location is global 'shared_calls'
