// std::weak_ptr::lock: a thread that gets an owner back from lock() holds a
// count, so the last owner's destructor is ordered after its reads, whoever
// that last owner turns out to be.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 13 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <memory>
#include <thread>

struct Session {
  int id = 7;
  ~Session() { id = 0; }
};

int main() {
  auto session = std::make_shared<Session>();
  std::weak_ptr<Session> watcher = session;
  int seen = -1;
  std::thread t([&seen, watcher] {
    if (std::shared_ptr<Session> s = watcher.lock())
      seen = s->id;
    else
      seen = 7;
  });
  session.reset();
  t.join();
  return seen == 7 ? 0 : 1;
}
