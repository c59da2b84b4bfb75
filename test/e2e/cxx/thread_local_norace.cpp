// thread_local: each thread has its own copy, so threads that update "the
// same" thread_local variable do not race.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 47 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <thread>

static thread_local int calls;

static int work() {
  for (int i = 0; i < 5; i++)
    calls++;
  return calls;
}

int main() {
  int a = 0, b = 0;
  std::thread t1([&a] { a = work(); });
  std::thread t2([&b] { b = work(); });
  int c = work();
  t1.join();
  t2.join();
  return a == 5 && b == 5 && c == 5 ? 0 : 1;
}
