// The twin of weak_ptr_lock_norace.cpp: weak_ptr::expired() reads the count
// relaxed, so seeing the object expired does not order the owner's writes
// made before it let go.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race

#include <memory>
#include <thread>

struct Session {
  int id = 7;
};

int result;

int main() {
  auto session = std::make_shared<Session>();
  std::weak_ptr<Session> watcher = session;
  std::thread t([watcher] {
    while (!watcher.expired())
      std::this_thread::yield();
    result++; // CHECK-DAG: weak_ptr_lock_race.cpp:[[@LINE]]:
  });
  result = 1; // CHECK-DAG: weak_ptr_lock_race.cpp:[[@LINE]]:
  session.reset();
  t.join();
  return 0;
}
// CHECK: Location is global 'result'
