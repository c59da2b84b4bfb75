// A .cpp source is built with clang++ (the C++ library is linked).
// RUN: %weft run %s | FileCheck %s
// CHECK: 3 elements
#include <iostream>
#include <vector>
int main() {
  std::vector<int> V{1, 2, 3};
  std::cout << V.size() << " elements\n";
  return 0;
}
