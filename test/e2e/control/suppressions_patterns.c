// Patterns follow TSan's rules and are matched against the function, file
// and module of every frame of the report and the global it names: '*'
// wildcards, '^' and '$' anchors, substrings otherwise.
// RUN: %weft-cc %s -o %t
// RUN: echo 'race:suppressions_pat*.c' > %t.hit0
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=suppressions=%t.hit0 %t
// RUN: echo 'race:^*helper_in_the_middle' > %t.hit1
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=suppressions=%t.hit1 %t
// RUN: echo 'race:the_mid' > %t.hit2
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=suppressions=%t.hit2 %t
// RUN: echo 'race:^racy_global$' > %t.hit3
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=suppressions=%t.hit3 %t
// RUN: echo 'race:suppressions_patterns.c.tmp' > %t.hit4
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=suppressions=%t.hit4 %t
// RUN: echo 'called_from_lib:.c.tmp$' > %t.hit5
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=suppressions=%t.hit5 %t
// RUN: echo 'race:^the_mid' > %t.miss0
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=suppressions=%t.miss0 %expect-exit 66 %t > /dev/null 2>&1
// RUN: echo 'race:racy_global$x' > %t.miss1
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=suppressions=%t.miss1 %expect-exit 66 %t > /dev/null 2>&1
// RUN: echo 'race:helper_in_the_middle$$' > %t.miss2
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=suppressions=%t.miss2 %expect-exit 66 %t > /dev/null 2>&1
// RUN: echo 'thread:helper' > %t.miss3
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=suppressions=%t.miss3 %expect-exit 66 %t > /dev/null 2>&1

#include <pthread.h>

int racy_global;

__attribute__((noinline)) static void helper_in_the_middle(void) { racy_global++; }

static void *worker(void *arg) {
  helper_in_the_middle();
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
