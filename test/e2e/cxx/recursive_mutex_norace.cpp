// std::recursive_mutex: the owner may lock it again; it stays held until
// the outermost unlock, so the write between the inner and the outer unlock
// is still protected.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 23 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <mutex>
#include <thread>

static std::recursive_mutex mu;
static int counter;

static void addTwice() {
  mu.lock();
  mu.lock();
  counter++;
  mu.unlock();
  counter++;
  mu.unlock();
}

int main() {
  std::thread a(addTwice), b(addTwice);
  a.join();
  b.join();
  return counter == 4 ? 0 : 1;
}
