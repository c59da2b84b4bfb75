// delete is a write of the whole object, like free: a delete that races
// with another thread's earlier write is reported with "#0 operator
// delete" on top, and the SUMMARY names the program's line, not the
// allocator's frame. Its race-free twin is delete_norace.cpp (this program
// with ORDERED: the thread is joined before the delete).
// EXPECT: race
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK-NEXT: {{^  Write of size 8 at 0x[0-9a-f]+ by main thread:$}}
// CHECK-NEXT: {{^    #0 operator delete}}
// CHECK-NEXT: {{^    #1 main .*delete_race.cpp:}}[[#DELETE:]]
// CHECK: {{^  Previous write of size 8 at 0x[0-9a-f]+ by thread T1:$}}
// CHECK: SUMMARY: weft: data race {{.*}}delete_race.cpp:[[#DELETE]]:{{[0-9]+}} in main

#include <thread>
#include <unistd.h>

struct Box {
  long value[4];
};

int main() {
  Box *b = new Box{};
  std::thread t([b] { b->value[1] = 42; });
#ifdef ORDERED
  t.join();
#else
  sleep(1); // not synchronization
#endif
  delete b;
#ifndef ORDERED
  t.join();
#endif
  return 0;
}
