// The twin of wtf_benign_race_norace.c: WTFAnnotateBenignRaceSized covers
// only the bytes it names. The first three counters are annotated, the
// fourth is not, and its race is reported.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x7 %expect-exit 66 %t 2>&1 | FileCheck %s

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

void WTFAnnotateBenignRaceSized(const char *f, int l, const volatile void *mem,
                                size_t size, const char *desc);

static long stats[4];

static void *worker(void *arg) {
  for (int i = 0; i < 4; i++)
    stats[i]++;
  return NULL;
}

int main(void) {
  WTFAnnotateBenignRaceSized(__FILE__, __LINE__, stats, 3 * sizeof(long), "stats");
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("done\n");
  return 0;
}

// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Write of size 8 at 0x[[ADDR:[0-9a-f]+]] by thread T{{[12]}}:
// CHECK-NEXT:     #0 worker {{.*}}wtf_benign_race_race.c:18
// CHECK:        Location is global 'stats' of size 32 at 0x{{[0-9a-f]+}}
// CHECK:      done
// CHECK:      weft: reported 1 warning
