// std::shared_ptr with a weak_ptr dropped by another thread. libstdc++
// (GCC 12 on, when not built for TSan) releases the last strong reference
// with one 64-bit acquire load of both 32-bit counts and, when both are 1,
// plain writes that zero them before freeing the block. The other thread's
// last weak-count decrement (an acq_rel RMW on the upper half) is ordered
// before those writes by that wide load: weft must see that a wide atomic
// load reads from the narrow atomics it covers (mixed-size atomics), or it
// reports the plain writes against the decrement in every schedule.
// Twin: shared_ptr_weak_release_race.cpp.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 21 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <memory>
#include <thread>

struct Box {
  int Value = 0;
  ~Box() { Value = -1; }
};

int main() {
  for (int I = 0; I < 4; ++I) {
    auto Owner = std::make_shared<Box>();
    std::weak_ptr<Box> Watcher = Owner;
    std::thread T([Mine = Owner]() mutable {
      Mine->Value = 1;
      Mine.reset(); // often the last strong reference
    });
    Owner.reset();
    Watcher.reset(); // the weak count's last decrement, on this thread
    T.join();
  }
  return 0;
}
