// std::scoped_lock on two mutexes, named in opposite orders by two threads:
// std::lock's try-and-back-off takes both without a deadlock, and weft must
// not report a lock-order inversion for it.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 100 --seed 43 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 100 schedules, 0 failed

#include <mutex>
#include <thread>

static std::mutex a_mu, b_mu;
static int a_balance = 100, b_balance = 100;

int main() {
  std::thread t([] {
    for (int i = 0; i < 3; i++) {
      std::scoped_lock lock(a_mu, b_mu);
      a_balance -= 10;
      b_balance += 10;
    }
  });
  for (int i = 0; i < 3; i++) {
    std::scoped_lock lock(b_mu, a_mu);
    b_balance -= 5;
    a_balance += 5;
  }
  t.join();
  return a_balance + b_balance == 200 ? 0 : 1;
}
