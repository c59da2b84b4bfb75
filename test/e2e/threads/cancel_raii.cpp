// A C++ thread cancelled in a condition wait unwinds like glibc unwinds it:
// the destructors of its locals run (std::unique_lock gives the mutex back,
// a guard object says so), in reverse order, and join returns
// PTHREAD_CANCELED. Main then takes the mutex: had the unwind skipped the
// unique_lock, that would deadlock.
// EXPECT: norace
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// RUN: %weft test -n 20 --seed 2 -- %t 2>&1 | FileCheck %s --check-prefix=TEST
// RUN: env WEFT_OPTIONS=thread_switch=user %weft test -n 20 --seed 2 -- %t 2>&1 | FileCheck %s --check-prefix=TEST
// CHECK-NOT: WARNING
// CHECK: ~Guard inner
// CHECK-NEXT: ~Guard outer
// CHECK-NEXT: joined: canceled
// CHECK-NEXT: main has the mutex
// TEST: weft test: 20 schedules, 0 failed

#include <pthread.h>
#include <condition_variable>
#include <cstdio>
#include <mutex>

static std::mutex m;
static std::condition_variable cv;
static bool ready;

struct Guard {
  const char *name;
  ~Guard() { std::printf("~Guard %s\n", name); }
};

static void *waiter(void *) {
  Guard outer{"outer"};
  std::unique_lock<std::mutex> lock(m);
  Guard inner{"inner"};
  cv.wait(lock, [] { return ready; });
  std::printf("not cancelled\n");
  return nullptr;
}

int main() {
  pthread_t t;
  void *res;
  pthread_create(&t, nullptr, waiter, nullptr);
  pthread_cancel(t);
  pthread_join(t, &res);
  std::printf("joined: %s\n", res == PTHREAD_CANCELED ? "canceled" : "returned");
  std::lock_guard<std::mutex> g(m);
  std::printf("main has the mutex\n");
  return 0;
}
