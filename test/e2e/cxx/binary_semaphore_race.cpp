// The twin of binary_semaphore_norace.cpp: the other side hits the ball
// after it released pong, racing with main's next hit.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race

#include <semaphore>
#include <thread>

static std::binary_semaphore ping(0), pong(0);
int ball;

int main() {
  std::thread other([] {
    for (int i = 0; i < 3; i++) {
      ping.acquire();
      pong.release();
      ball++; // CHECK-DAG: binary_semaphore_race.cpp:[[@LINE]]:
    }
  });
  for (int i = 0; i < 3; i++) {
    ball++; // CHECK-DAG: binary_semaphore_race.cpp:[[@LINE]]:
    ping.release();
    pong.acquire();
  }
  other.join();
  return 0;
}
// CHECK: Location is global 'ball'
