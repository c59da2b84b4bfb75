// std::shared_mutex: readers under shared_lock only read, the writer writes
// under unique_lock; readers may overlap each other but not the writer.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: %weft test -n 50 --seed 17 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <mutex>
#include <shared_mutex>
#include <thread>

static std::shared_mutex table_mu;
static int table[2];

static int readTable() {
  int sum = 0;
  for (int i = 0; i < 3; i++) {
    std::shared_lock<std::shared_mutex> lock(table_mu);
    sum += table[0] + table[1];
  }
  return sum;
}

int main() {
  int a = 0, b = 0;
  std::thread r1([&a] { a = readTable(); });
  std::thread r2([&b] { b = readTable(); });
  for (int i = 1; i <= 3; i++) {
    std::unique_lock<std::shared_mutex> lock(table_mu);
    table[0] = i;
    table[1] = -i;
  }
  r1.join();
  r2.join();
  return a + b == 0 ? 0 : 1;
}
