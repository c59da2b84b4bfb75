// A compile error shows clang's diagnostics, then weft's summary; exit 1.
// RUN: %python %S/Inputs/exit_status.py %weft run -DBREAK %s 2>&1 | FileCheck %s
// CHECK: error: broken on purpose
// CHECK: weft: error: compilation of '{{.*}}run_compile_error.c' failed
// CHECK: exit status: 1
#ifdef BREAK
#error broken on purpose
#endif
int main(void) { return 0; }
