// The race-free twin of new_write_race.cpp: the object is published with
// release and read with acquire, so the read is ordered after operator
// new's write of it.
// RUN: %weft-cxx %s -o %t
// RUN: %weft test -n 40 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 40 schedules, 0 failed

#include <atomic>
#include <thread>

struct Box {
  long value; // never initialized by the constructor
  Box() {}
};

std::atomic<Box *> published{nullptr};

int main() {
  std::thread reader([] {
    Box *b;
    while (!(b = published.load(std::memory_order_acquire)))
      ;
    static volatile long sink;
    sink = b->value;
  });
  published.store(new Box, std::memory_order_release);
  reader.join();
  delete published.load();
  return 0;
}
