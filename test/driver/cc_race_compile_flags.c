// With -race, clang's compile job loads the pass plugin, keeps frame
// pointers, emits line tables and defines __WEFT__.
// RUN: %weft cc -race -### -c %s 2>&1 | FileCheck %s
// CHECK-DAG: "-fpass-plugin={{.*}}/lib/weft/WeftPass.so"
// CHECK-DAG: "-debug-info-kind=line-tables-only"
// CHECK-DAG: "-mframe-pointer=all"
// CHECK-DAG: "__WEFT__=1"
int main(void) { return 0; }
