// operator new counts as the allocating thread's write of the whole object
// (as in TSan), so reading a new object's uninitialized member through a
// relaxed pointer races with the allocation, reported with operator new on
// top of the previous write's stack. Its race-free twin is
// new_write_norace.cpp (this program with ORDERED).
// EXPECT: race
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK-NEXT: {{^  Read of size 8 at 0x[0-9a-f]+ by thread T1:$}}
// CHECK: {{^  Previous write of size 8 at 0x[0-9a-f]+ by main thread:$}}
// CHECK-NEXT: {{^    #0 operator new}}
// CHECK-NEXT: {{^    #1 main .*new_write_race.cpp:}}
// CHECK: weft: reported 1 warning

#include <atomic>
#include <thread>

struct Box {
  long value; // never initialized by the constructor
  Box() {}
};

std::atomic<Box *> published{nullptr};
#ifdef ORDERED
constexpr auto Publish = std::memory_order_release, Take = std::memory_order_acquire;
#else
constexpr auto Publish = std::memory_order_relaxed, Take = std::memory_order_relaxed;
#endif

int main() {
  std::thread reader([] {
    Box *b;
    while (!(b = published.load(Take)))
      ;
    static volatile long sink;
    sink = b->value;
  });
  published.store(new Box, Publish);
  reader.join();
  delete published.load();
  return 0;
}
