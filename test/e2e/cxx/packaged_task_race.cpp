// The twin of packaged_task_norace.cpp: main writes the scratch value
// before waiting on the future, while the task writes it too.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK-DAG: packaged_task_race.cpp:[[@LINE+11]]:
// CHECK-DAG: packaged_task_race.cpp:[[@LINE+15]]:
// CHECK: Location is global 'scratch'

#include <future>
#include <thread>

int scratch;

int main() {
  std::packaged_task<int(int)> task([](int x) {
    scratch = x * 2;
    return x + 1;
  });
  std::future<int> result = task.get_future();
  std::thread worker(std::move(task), 20);
  scratch = 1;
  int r = result.get();
  worker.join();
  return r == 21 ? 0 : 1;
}
