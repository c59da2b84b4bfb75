// The runtime reaches the linker whole, with its dynamic symbol list.
// RUN: %weft cc -race -### %s -o %t 2>&1 | FileCheck %s
// CHECK: "--whole-archive" "{{.*}}/lib/weft/libweft_rt.a" "--no-whole-archive" "--dynamic-list={{.*}}/lib/weft/weft_rt.dynlist"
int main(void) { return 0; }
