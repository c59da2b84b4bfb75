// The twin of shared_ptr_norace.cpp: the reference count is atomic, but it
// does not protect the pointee; two owners writing it race. (libstdc++ takes
// and drops counts acq_rel, so a schedule where one thread drops its last
// count before the other takes one orders the writes: pinned seed, at the
// 1% preemption rate plain runs had when it was chosen.)
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=16 WEFT_OPTIONS=preemption_rate=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// TSAN-DIFFERS: The race shows only in interleavings where the two owners' writes are not separated by a reference-count release/acquire; weft's pinned schedule has one, TSan's run happened not to.

#include <memory>
#include <thread>

struct Config {
  int value = 0;
};

static void bump(std::shared_ptr<Config> mine) {
  std::shared_ptr<Config> copy = mine;
  copy->value++; // CHECK: shared_ptr_race.cpp:[[@LINE]]:
}

int main() {
  auto config = std::make_shared<Config>();
  std::thread t1([c = config] { bump(c); });
  std::thread t2([c = config] { bump(c); });
  config.reset();
  t1.join();
  t2.join();
  return 0;
}
// CHECK: Location is heap block of size {{[0-9]+}} at 0x{{[0-9a-f]+}} allocated by main thread:
