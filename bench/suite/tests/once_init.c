// Many threads race to use a table that pthread_once builds exactly once.
#include <pthread.h>
#include <stdio.h>

enum { Threads = 16, Size = 1 << 16, Rounds = 20 };
static pthread_once_t once = PTHREAD_ONCE_INIT;
static unsigned table[Size];
static int builds;

static void build(void) {
  builds++;
  for (unsigned i = 0; i < Size; i++) table[i] = i * 2654435761u;
}

static void *use(void *arg) {
  unsigned long sum = 0;
  for (int r = 0; r < Rounds; r++) {
    pthread_once(&once, build);
    for (unsigned i = (unsigned)(long)arg; i < Size; i += 64) sum += table[i] != i * 2654435761u;
  }
  return (void *)sum;
}

int main(void) {
  pthread_t t[Threads];
  for (long i = 0; i < Threads; i++) pthread_create(&t[i], 0, use, (void *)i);
  unsigned long wrong = 0;
  for (int i = 0; i < Threads; i++) {
    void *r;
    pthread_join(t[i], &r);
    wrong += (unsigned long)r;
  }
  if (builds != 1 || wrong) {
    fprintf(stderr, "builds %d, wrong %lu\n", builds, wrong);
    return 1;
  }
  return 0;
}
