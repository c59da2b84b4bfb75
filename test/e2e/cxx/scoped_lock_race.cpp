// The twin of scoped_lock_norace.cpp: main credits interest to a_balance
// after its scoped_lock has released both mutexes.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race

#include <mutex>
#include <thread>

static std::mutex a_mu, b_mu;
int a_balance = 100;
static int b_balance = 100;

int main() {
  std::thread t([] {
    for (int i = 0; i < 3; i++) {
      std::scoped_lock lock(a_mu, b_mu);
      a_balance -= 10; // CHECK-DAG: scoped_lock_race.cpp:[[@LINE]]:
      b_balance += 10;
    }
  });
  for (int i = 0; i < 3; i++) {
    {
      std::scoped_lock lock(b_mu, a_mu);
      b_balance -= 5;
      a_balance += 5;
    }
    a_balance += 1; // CHECK-DAG: scoped_lock_race.cpp:[[@LINE]]:
  }
  t.join();
  return 0;
}
// CHECK: Location is global 'a_balance'
// TSAN-DIFFERS: The race shows only in interleavings where the other thread's locked section does not come first; weft's pinned schedule has one, TSan's run happened not to.
