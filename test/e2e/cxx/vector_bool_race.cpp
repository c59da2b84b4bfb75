// Two distinct races on a shared std::vector<bool>, each inside libstdc++'s
// inline std::_Bit_reference::operator= (the element's bit is set with a
// read-modify-write of its word). Each report shows that frame on top, but
// its SUMMARY names the program's line that called it, as TSan's does, so
// the two bugs get two reports with two summaries (weft test groups
// failures by them). At -O0 the library function is not inlined, so both
// races happen at the very same instructions: they are still told apart by
// the program's frames. Twin: vector_bool_norace.cpp.
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %weft-cxx -O0 %s -o %t.O0
// RUN: env WEFT_SEED=1 %expect-exit 66 %t.O0 2>&1 | FileCheck %s
//
// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   {{Read|Write}} of size 8 at 0x{{[0-9a-f]+}} by {{.*}}:
// CHECK-NEXT:     #0 std::_Bit_reference::operator=(bool) {{.*}}/include/c++/{{.*}}stl_bvector.h
// CHECK:      SUMMARY: weft: data race {{.*}}vector_bool_race.cpp:{{29|30}}:{{[0-9]+}} in {{main|.*lambda|.*operator\(\)}}
// CHECK:      WARNING: weft: data race
// CHECK:      SUMMARY: weft: data race {{.*}}vector_bool_race.cpp:{{32|33}}:{{[0-9]+}} in {{main|.*lambda|.*operator\(\)}}
// CHECK-NOT:  WARNING: weft
// CHECK:      weft: reported 2 warnings

#include <thread>
#include <vector>

std::vector<bool> flags(64);

int main() {
  std::thread a([] { flags[0] = true; });
  flags[3] = true;                      
  a.join();
  std::thread b([] { flags[5] = true; });
  flags[6] = true;                      
  b.join();
  return 0;
}
