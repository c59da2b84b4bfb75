// std::counting_semaphore / std::binary_semaphore: release happens before
// the acquire that takes it; a bounded buffer hands items over.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 19 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <semaphore>
#include <thread>

static int buffer[2];
static std::counting_semaphore<2> free_slots(2);
static std::counting_semaphore<2> full_slots(0);
static std::binary_semaphore done(0);

int main() {
  int sum = 0;
  std::thread producer([] {
    for (int i = 1; i <= 6; i++) {
      free_slots.acquire();
      buffer[i % 2] = i;
      full_slots.release();
    }
    done.release();
  });
  for (int i = 1; i <= 6; i++) {
    full_slots.acquire();
    sum += buffer[i % 2];
    free_slots.release();
  }
  done.acquire();
  producer.join();
  return sum == 21 ? 0 : 1;
}
