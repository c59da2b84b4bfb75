// Two threads resolve "localhost" at once. glibc's getaddrinfo keeps a
// cache of the interfaces' addresses (AI_ADDRCONFIG asks for it) that one
// call allocates and a later call, in the other thread, frees once it has
// replaced it, ordered by a lock inside libc that weft cannot see. weft runs
// the call with accesses ignored, as TSan does (docs/limits.md), so the
// free is not reported as racing with the allocation. Twin:
// getaddrinfo_race.c (the ignore ends with the call).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=2 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=3 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: resolved 2 of 2

#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

static void *resolve(void *arg) {
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_ADDRCONFIG;
  int rc = getaddrinfo("localhost", "80", &hints, &res);
  if (rc != 0)
    return (void *)0;
  freeaddrinfo(res);
  return (void *)1;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, resolve, NULL);
  pthread_create(&b, NULL, resolve, NULL);
  void *ra, *rb;
  pthread_join(a, &ra);
  pthread_join(b, &rb);
  printf("resolved %ld of 2\n", (long)ra + (long)rb);
  return 0;
}
