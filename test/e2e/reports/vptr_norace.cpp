// Twin of vptr_race.cpp: the flag is released after the virtual call and
// acquired before the delete, so the destructor is ordered after the call.
// RUN: %weft-cxx %s -o %t
// RUN: %weft test -n 50 --seed 3 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <atomic>
#include <thread>

struct Base {
  virtual ~Base() {}
  virtual int work() = 0;
};

struct Derived : Base {
  int work() override { return 42; }
};

static std::atomic<bool> called{false};

int main() {
  Base *obj = new Derived;
  std::thread user([obj] {
    obj->work();
    called.store(true, std::memory_order_release);
  });
  while (!called.load(std::memory_order_acquire))
    std::this_thread::yield();
  delete obj;
  user.join();
  return 0;
}
