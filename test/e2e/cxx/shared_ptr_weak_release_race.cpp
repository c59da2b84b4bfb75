// The twin of shared_ptr_weak_release_norace.cpp: the same owners, counts
// and weak pointer, but the main thread reads the object before dropping
// its reference while the other thread writes it: the counts order the
// frees, not these accesses, and weft still reports them.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %expect-exit 1 %weft test -n 20 --seed 21 -- %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: SUMMARY: weft: data race {{.*}}shared_ptr_weak_release_race.cpp:{{24|31}}:

#include <memory>
#include <thread>

struct Box {
  int Value = 0;
  ~Box() { Value = -1; }
};

int main() {
  int Seen = 0;
  for (int I = 0; I < 4; ++I) {
    auto Owner = std::make_shared<Box>();
    std::weak_ptr<Box> Watcher = Owner;
    std::thread T([Mine = Owner]() mutable {
      Mine->Value = 1;
      Mine.reset();
    });
    // Not ordered with the write above: nothing between the thread's start
    // and this read synchronizes (the count's increment happened before
    // the thread was created).
    volatile int Peek = 0;
    Peek = Owner->Value;
    Seen += Peek;
    Owner.reset();
    Watcher.reset();
    T.join();
  }
  return Seen < 0;
}
