// weft run -race builds every source it is given into one program, like
// go run: the race is in the second file. Arguments after `--` reach the
// program, even one that looks like a source file. The main of
// run_several_sources_norace.c too, which builds the sources with -DLOCKED
// (the worker locked) and may link a C++ part.
// RUN: %python %S/Inputs/exit_status.py env WEFT_SEED=0x2a %weft run -race %s %S/Inputs/run_worker.c -- extra.c 7 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: #0 work {{.*}}run_worker.c:16:12
// CHECK: SUMMARY: weft: data race {{.*}}run_worker.c:16:12 in work
// CHECK: To reproduce: WEFT_SEED=0x2a {{.*}}weft run -race {{.*}}run_several_sources_race.c {{.*}}run_worker.c -- extra.c 7
// CHECK: args: extra.c 7
// CHECK: exit status: 66
#include <pthread.h>
#include <stdio.h>

extern long counter;
void *work(void *arg);
int cxx_part(void) __attribute__((weak)); // Inputs/run_cxx_part.cpp, if linked

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
