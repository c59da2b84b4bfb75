// Two threads increment a global without synchronization: the whole data-race
// report layout, exit status 66, and a reproduce line with the seed.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x2a %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <stdio.h>

int counter;

static void *worker(void *arg) {
  counter++;
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("counter = %d\n", counter);
  return 0;
}

// CHECK:      ==================
// CHECK-NEXT: WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Write of size 4 at 0x{{[0-9a-f]+}} by thread T{{[12]}}:
// CHECK-NEXT:     #0 worker {{.*}}counter_race.c:12:10 (counter_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK-EMPTY:
// CHECK-NEXT:   Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T{{[12]}}:
// CHECK-NEXT:     #0 worker {{.*}}counter_race.c:12:10 (counter_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK-EMPTY:
// CHECK-NEXT:   Location is global 'counter' of size 4 at 0x{{[0-9a-f]+}} (counter_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK-EMPTY:
// CHECK-NEXT:   Thread T{{[12]}} ({{running|finished}}) created by main thread at:
// CHECK-NEXT:     #0 main {{.*}}counter_race.c:{{18|19}}:3 (counter_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        Thread T{{[12]}} ({{running|finished}}) created by main thread at:
// CHECK-NEXT:     #0 main {{.*}}counter_race.c:{{18|19}}:3 (counter_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK:      SUMMARY: weft: data race {{.*}}counter_race.c:12:10 in worker
// CHECK-NEXT: To reproduce: WEFT_SEED=0x2a {{.*}}counter_race.c.tmp
// CHECK-NEXT: ==================
// CHECK:      counter = 2
// CHECK:      weft: reported 1 warning
