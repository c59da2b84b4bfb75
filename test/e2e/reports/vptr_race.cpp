// A virtual call in one thread races with the destructor of the same object
// in another (the destructor rewrites the vtable pointer): reported as a
// data race on the vptr, with both stacks.
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=3 %expect-exit 66 %t 2>&1 | FileCheck %s
// (At -O1 the optimizer drops the destructor's own vptr store before the
// delete, so the write side is the free of the object.)
// CHECK: WARNING: weft: data race on vptr (ctor/dtor vs virtual call)
// CHECK-NEXT: Write of size 8 at 0x{{[0-9a-f]+}} by main thread:
// CHECK: Previous read of size 8 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT: #0 {{.*}}vptr_race.cpp:[[@LINE+21]]:10
// CHECK: Location is heap block of size 8
// CHECK: SUMMARY: weft: data race on vptr (ctor/dtor vs virtual call)

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
    // Relaxed: tells main to go on, but orders nothing.
    called.store(true, std::memory_order_relaxed);
  });
  while (!called.load(std::memory_order_relaxed))
    std::this_thread::yield();
  delete obj;
  user.join();
  return 0;
}
