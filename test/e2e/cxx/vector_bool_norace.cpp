// Twin of vector_bool_race.cpp: the same writes to a shared
// std::vector<bool>, each thread's ordered before the other's by a mutex, so
// nothing is reported.
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --allow-empty --implicit-check-not=WARNING
// RUN: %weft-cxx -O0 %s -o %t.O0
// RUN: env WEFT_SEED=1 %t.O0 2>&1 | FileCheck %s --allow-empty --implicit-check-not=WARNING

#include <mutex>
#include <thread>
#include <vector>

std::vector<bool> flags(64);
std::mutex m;

int main() {
  std::thread a([] { std::lock_guard<std::mutex> g(m); flags[0] = true; });
  {
    std::lock_guard<std::mutex> g(m);
    flags[3] = true;
  }
  a.join();
  std::thread b([] { std::lock_guard<std::mutex> g(m); flags[5] = true; });
  {
    std::lock_guard<std::mutex> g(m);
    flags[6] = true;
  }
  b.join();
  return 0;
}
