// Without -race, weft cc is clang: no plugin, no weft flags, no runtime.
// RUN: %weft cc -### -c %s 2>&1 | FileCheck %s
// CHECK: "-cc1"
// CHECK-NOT: -fpass-plugin
// CHECK-NOT: __WEFT__
// CHECK-NOT: libweft_rt
int main(void) { return 0; }
