// The twin of call_once_norace.cpp: one thread reads the configuration
// without going through call_once, so nothing orders it after the init.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race

#include <mutex>
#include <thread>

static std::once_flag config_once;
int config;

int main() {
  int a = 0;
  std::thread t([&a] {
    std::call_once(config_once, [] {
      config = 10; // CHECK-DAG: call_once_race.cpp:[[@LINE]]:
    });
    a = config;
  });
  int b = config; // CHECK-DAG: call_once_race.cpp:[[@LINE]]:
  t.join();
  return a + b >= 0 ? 0 : 1;
}
// CHECK: Location is global 'config'
