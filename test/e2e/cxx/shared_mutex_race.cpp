// The twin of shared_mutex_norace.cpp: the readers also count their visits,
// writing under a shared lock that other readers hold at the same time.
// TSAN-DIFFERS: The readers' writes race only when two readers hold the shared lock at once: TSan sees that in some runs (3 of 5 here), weft's seeded schedule has it.
// RUN: %weft-cxx -std=c++20 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race

#include <mutex>
#include <shared_mutex>
#include <thread>

static std::shared_mutex table_mu;
static int table[2];
int visits;

static int readTable() {
  int sum = 0;
  for (int i = 0; i < 3; i++) {
    std::shared_lock<std::shared_mutex> lock(table_mu);
    sum += table[0] + table[1];
    visits++; // CHECK: shared_mutex_race.cpp:[[@LINE]]:
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
// CHECK: Location is global 'visits'
