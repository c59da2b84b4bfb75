// WebKit's WTFAnnotateBenignRaceSized (which TSan also defines) links under
// weft and marks the bytes as a race the program accepts: the unordered
// counter updates below are not reported. The race twin is
// wtf_benign_race_race.c.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x7 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

void WTFAnnotateBenignRaceSized(const char *f, int l, const volatile void *mem,
                                size_t size, const char *desc);

static long stats[4]; // approximate statistics, updated without a lock

static void *worker(void *arg) {
  for (int i = 0; i < 4; i++)
    stats[i]++;
  return NULL;
}

int main(void) {
  WTFAnnotateBenignRaceSized(__FILE__, __LINE__, stats, sizeof stats, "stats");
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("done\n");
  return 0;
}

// CHECK: done
