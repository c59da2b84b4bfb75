// std::binary_semaphore ping-pong: each side writes the ball, then releases
// the other side's semaphore; the release happens before the acquire that
// takes it.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 37 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <semaphore>
#include <thread>

static std::binary_semaphore ping(0), pong(0);
static int ball;

int main() {
  std::thread other([] {
    for (int i = 0; i < 3; i++) {
      ping.acquire();
      ball++;
      pong.release();
    }
  });
  for (int i = 0; i < 3; i++) {
    ball++;
    ping.release();
    pong.acquire();
  }
  other.join();
  return ball == 6 ? 0 : 1;
}
