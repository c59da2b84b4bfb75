// When a thread ends, whoever runs next first waits for its OS thread to
// leave glibc (docs/design.md, "Determinism"), at most 100 ms: a key
// destructor that takes longer (it runs after the thread's last scheduled
// instruction, unscheduled) ends the wait, and the run then says its
// schedule may not replay. A quick destructor runs the same way (not
// checked for the note's absence: a machine loaded enough to stall an
// exiting thread 100 ms would print it, rightly).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t slow 2>&1 | FileCheck %s --check-prefix=SLOW
// RUN: env WEFT_SEED=1 %t quick 2>&1 | FileCheck %s --check-prefix=QUICK
// SLOW: joined
// SLOW: weft: note: this run blocked in system calls between threads (the end of a thread), so its schedule may not replay exactly
// QUICK: joined

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static pthread_key_t Key;
static int Slow;

static void destroy(void *Value) {
  if (Slow) {
    struct timespec Ts = {0, 300 * 1000 * 1000};
    nanosleep(&Ts, NULL);
  }
}

static void *worker(void *Arg) {
  pthread_setspecific(Key, Arg);
  return NULL;
}

int main(int Argc, char **Argv) {
  Slow = Argc > 1 && !strcmp(Argv[1], "slow");
  pthread_key_create(&Key, destroy);
  pthread_t T;
  pthread_create(&T, NULL, worker, (void *)1);
  pthread_join(T, NULL);
  printf("joined\n");
  fflush(stdout);
  return 0;
}
