// C++20 std::jthread and std::stop_token work on top of weft's models: the
// worker stops when asked (the jthread destructor requests stop and joins),
// a stop_callback runs, and the result is ordered by the join.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 20 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <atomic>
#include <chrono>
#include <stop_token>
#include <thread>

static int iterations;
static std::atomic<bool> callback_ran{false};

int main() {
  {
    std::jthread worker([](std::stop_token st) {
      std::stop_callback cb(st, [] { callback_ran = true; });
      while (!st.stop_requested()) {
        iterations++;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  } // request_stop + join
  // No claim on `iterations`: sleeping orders nothing, and `weft test` may
  // wake main's sleep early (before the worker ran at all). Reading it after
  // the join is what must not race.
  return callback_ran && iterations >= 0 ? 0 : 1;
}
