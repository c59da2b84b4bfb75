// Readers look up a table under a read lock while one writer rewrites rows
// under the write lock; a reader must never see a half-written row.
#include <pthread.h>
#include <stdio.h>

enum { Rows = 256, Width = 16, Readers = 3, Lookups = 60000, Writes = 20000 };
static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static long table[Rows][Width];
static long torn;

static void *reader(void *arg) {
  unsigned x = (unsigned)(long)arg * 2654435761u + 1;
  long bad = 0;
  for (int i = 0; i < Lookups; i++) {
    x = x * 1103515245u + 12345u;
    long *row = table[(x >> 8) % Rows];
    pthread_rwlock_rdlock(&lock);
    for (int w = 1; w < Width; w++) bad += row[w] != row[0] + w;
    pthread_rwlock_unlock(&lock);
  }
  pthread_rwlock_wrlock(&lock);
  torn += bad;
  pthread_rwlock_unlock(&lock);
  return 0;
}

static void *writer(void *arg) {
  (void)arg;
  for (int i = 0; i < Writes; i++) {
    pthread_rwlock_wrlock(&lock);
    long *row = table[(i * 7) % Rows];
    long v = row[0] + 1000;
    for (int w = 0; w < Width; w++) row[w] = v + w;
    pthread_rwlock_unlock(&lock);
  }
  return 0;
}

int main(void) {
  for (int r = 0; r < Rows; r++)
    for (int w = 0; w < Width; w++) table[r][w] = r * 100000L + w;
  pthread_t t[Readers + 1];
  for (long i = 0; i < Readers; i++) pthread_create(&t[i], 0, reader, (void *)i);
  pthread_create(&t[Readers], 0, writer, 0);
  for (int i = 0; i <= Readers; i++) pthread_join(t[i], 0);
  if (torn) {
    fprintf(stderr, "%ld torn rows\n", torn);
    return 1;
  }
  return 0;
}
