// The twin of jthread_stop_norace.cpp: the main thread reads the counter
// while the worker still runs (before the jthread is destroyed).
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'iterations'

#include <chrono>
#include <stop_token>
#include <thread>

int iterations;

int main() {
  int seen;
  {
    std::jthread worker([](std::stop_token st) {
      while (!st.stop_requested()) {
        iterations++;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    seen = iterations;
  }
  return seen < 0;
}
