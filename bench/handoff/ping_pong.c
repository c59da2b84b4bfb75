// ping_pong.c: the program bench/run times to measure the cost of one
// thread hand-off. Two threads take strict turns, ROUNDS times (argv[1]):
// each waits on a condition variable until the shared turn variable names
// it, passes the turn to the other and signals. Every turn therefore ends
// with the running thread blocking and the other one continuing, so a round
// is exactly two hand-offs (under weft, two forced switches of the
// scheduler; scheduling points where it may preempt add more, which the
// print_stats line counts).
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int turn;         // under lock: whose turn it is (0 or 1)
static unsigned long rounds;
static unsigned long passes[2]; // passes[i] written only by player i

static void *player(void *arg) {
  int me = (int)(long)arg;
  for (unsigned long r = 0; r < rounds; ++r) {
    pthread_mutex_lock(&lock);
    while (turn != me)
      pthread_cond_wait(&changed, &lock);
    turn = !me;
    pthread_cond_signal(&changed);
    pthread_mutex_unlock(&lock);
    ++passes[me];
  }
  return NULL;
}

int main(int argc, char **argv) {
  rounds = argc > 1 ? strtoul(argv[1], NULL, 10) : 10000;
  pthread_t a, b;
  pthread_create(&a, NULL, player, (void *)0L);
  pthread_create(&b, NULL, player, (void *)1L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("ping_pong: rounds=%lu passes=%lu\n", rounds, passes[0] + passes[1]);
  return passes[0] + passes[1] == 2 * rounds ? 0 : 1;
}
