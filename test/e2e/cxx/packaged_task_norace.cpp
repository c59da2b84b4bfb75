// std::packaged_task run on another thread: its future's get orders the
// task's writes (and the thread's) before main's reads.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 7 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <future>
#include <thread>

static int scratch;

int main() {
  std::packaged_task<int(int)> task([](int x) {
    scratch = x * 2;
    return x + 1;
  });
  std::future<int> result = task.get_future();
  std::thread worker(std::move(task), 20);
  int r = result.get();
  int s = scratch;
  worker.join();
  return r + s == 61 ? 0 : 1;
}
