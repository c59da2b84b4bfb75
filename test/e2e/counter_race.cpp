// counter++ from two std::threads: reported with the C++ frames, exit 66.
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=7 %expect-exit 66 %t 2>&1 | FileCheck %s

#include <thread>

static int counter;

static void work() {
  for (int i = 0; i < 100; ++i)
    counter++; // CHECK: #0 work() {{.*}}counter_race.cpp:[[@LINE]]
}

int main() {
  std::thread a(work), b(work); // line 15
  a.join();
  b.join();
  return 0;
}
// CHECK: Location is global 'counter' of size 4
// The thread was started inside libstdc++; its creation stack still reaches
// the line in main (line 15), through the unwind tables.
// CHECK: Thread T{{[12]}} ({{running|finished}}) created by main thread at:
// CHECK: #{{[0-9]+}} main {{.*}}counter_race.cpp:15:
// CHECK: SUMMARY: weft: data race {{.*}}counter_race.cpp:{{[0-9]+}}:{{[0-9]+}} in work()
// CHECK: To reproduce: WEFT_SEED=0x7
