// thread_local objects with destructors: each thread's destructors run at
// its exit, on that thread (pthread_self and gettid are its own, and its
// other thread_locals are still there), after switches that (with
// thread_switch=user) ran it on other OS threads.
// RUN: %weft-cxx -O1 %s -o %t
// RUN: env WEFT_OPTIONS=thread_switch=os %weft test -n 20 --seed 6 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_OPTIONS=thread_switch=user %weft test -n 20 --seed 6 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_OPTIONS=thread_switch=user WEFT_SEED=0x6 %t | FileCheck %s --check-prefix=OUT
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 20 schedules, 0 failed
// OUT: 4 destructors ran, each on its own thread

#include <atomic>
#include <cstdio>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <unistd.h>
#include <vector>

static std::atomic<int> Ran{0}, Right{0};
static std::mutex Lock;
static thread_local int Id = -1;
static thread_local pid_t Tid = 0;

struct Tracker {
  pthread_t Self = pthread_self();
  ~Tracker() {
    ++Ran;
    if (pthread_equal(Self, pthread_self()) && Tid == gettid() && Id >= 0)
      ++Right;
  }
};
static thread_local Tracker T;

int main() {
  std::vector<std::thread> Threads;
  for (int I = 0; I < 4; ++I)
    Threads.emplace_back([I] {
      Id = I;
      Tid = gettid();
      (void)T.Self; // constructs this thread's Tracker
      for (int J = 0; J < 20; ++J) {
        std::lock_guard<std::mutex> G(Lock);
      }
    });
  for (auto &Th : Threads)
    Th.join();
  std::printf("%d destructors ran, %s\n", Ran.load(),
              Right == Ran ? "each on its own thread" : "some on another thread");
  return Ran == 4 && Right == 4 ? 0 : 1;
}
