// Without -race, clang's diagnostics and failing status come through.
// RUN: not %weft cc -fsyntax-only -DBREAK %s 2>&1 | FileCheck %s
// CHECK: error: broken on purpose
#ifdef BREAK
#error broken on purpose
#endif
int main(void) { return 0; }
