// The race-free twin of run_several_sources_race.c: the same two sources,
// the worker locked. Without `--`, the first argument that is not a source
// starts the program's arguments; a C++ source links as C++.
// RUN: %python %S/Inputs/exit_status.py env WEFT_SEED=0x2a %weft run -race -DLOCKED %s %S/Inputs/run_worker.c first 2>&1 | FileCheck %s
// RUN: %python %S/Inputs/exit_status.py %weft run -race -DLOCKED %s %S/Inputs/run_worker.c %S/Inputs/run_cxx_part.cpp cxx 2>&1 | FileCheck %s --check-prefix=CXX
// CHECK-NOT: WARNING: weft
// CHECK: counter 200 args: first
// CHECK: exit status: 0
// CXX: counter 200 args: cxx, 6 from C++
// CXX: exit status: 0
#include <pthread.h>
#include <stdio.h>
#include <string.h>

extern long counter;
void *work(void *arg);
int cxx_part(void) __attribute__((weak));

int main(int argc, char **argv) {
  pthread_t a, b;
  pthread_create(&a, NULL, work, NULL);
  pthread_create(&b, NULL, work, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("counter %ld args:", counter);
  for (int i = 1; i < argc; ++i)
    printf(" %s", argv[i]);
  if (cxx_part)
    printf(", %d from C++", cxx_part());
  printf("\n");
  return 0;
}
