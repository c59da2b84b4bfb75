// The twin of counting_semaphore_norace.cpp: the producer writes a slot
// after releasing it.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'buffer'

#include <semaphore>
#include <thread>

int buffer[2];
static std::counting_semaphore<2> free_slots(2);
static std::counting_semaphore<2> full_slots(0);

int main() {
  int sum = 0;
  std::thread producer([] {
    for (int i = 1; i <= 6; i++) {
      free_slots.acquire();
      full_slots.release();
      buffer[i % 2] = i;
    }
  });
  for (int i = 1; i <= 6; i++) {
    full_slots.acquire();
    sum += buffer[i % 2];
    free_slots.release();
  }
  producer.join();
  return sum > 1000;
}
