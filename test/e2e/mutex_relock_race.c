// Twin of mutex_relock_norace.c: the writer sets the message after its last
// unlock, without the mutex, so the main thread's read under its last
// re-lock is not ordered after it, however often the mutex changed hands
// before. (The sleep is virtual time, not synchronization: it only lets
// the writer finish first.) Exit 66.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int counter; // under m
int message; // written without m: the race

static void *writer(void *arg) {
  for (int i = 0; i < 20; i++) {
    pthread_mutex_lock(&m);
    counter++;
    pthread_mutex_unlock(&m);
  }
  message = 42;
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, writer, 0);
  for (int i = 0; i < 20; i++) {
    pthread_mutex_lock(&m);
    counter++;
    pthread_mutex_unlock(&m);
  }
  sleep(1);
  pthread_mutex_lock(&m);
  int seen = message;
  pthread_mutex_unlock(&m);
  pthread_join(t, 0);
  return seen < 0;
}

// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Read of size 4 at 0x{{[0-9a-f]+}} by main thread (mutexes: write M0):
// CHECK-NEXT:     #0 main {{.*}}mutex_relock_race.c:[[@LINE-8]]:14 (mutex_relock_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 writer {{.*}}mutex_relock_race.c:[[@LINE-24]]:11 (mutex_relock_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK:      SUMMARY: weft: data race {{.*}}mutex_relock_race.c:[[@LINE-11]]:14 in main
