// The main thread waits in sigwait for SIGTERM from another process while
// a worker thread is blocked joining nothing but a condition variable: no
// scheduled thread can send it, so instead of a deadlock, main waits for it
// in the kernel, and the child's kill() wakes it. Then main releases the
// worker and both finish.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// CHECK: main got SIGTERM from the child
// CHECK-NEXT: worker released
// CHECK-NOT: WARNING: weft

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t c = PTHREAD_COND_INITIALIZER;
int go;

static void *worker(void *arg) {
  pthread_mutex_lock(&m);
  while (!go)
    pthread_cond_wait(&c, &m);
  pthread_mutex_unlock(&m);
  printf("worker released\n");
  return 0;
}

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, 0);
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  char cmd[64];
  snprintf(cmd, sizeof(cmd), "sleep 0.2; kill -TERM %d", (int)getpid());
  pid_t child = fork();
  if (child == 0) {
    execl("/bin/sh", "sh", "-c", cmd, (char *)0);
    _exit(127);
  }
  int sig = 0;
  sigwait(&set, &sig);
  printf("main got %s from the child\n", sig == SIGTERM ? "SIGTERM" : "?");
  fflush(stdout);
  waitpid(child, 0, 0);
  pthread_mutex_lock(&m);
  go = 1;
  pthread_cond_signal(&c);
  pthread_mutex_unlock(&m);
  pthread_join(t, 0);
  return 0;
}
