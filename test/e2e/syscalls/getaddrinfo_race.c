// Twin of getaddrinfo_norace.c: the accesses getaddrinfo makes are ignored,
// the program's own after it are not. Both threads count their answer in a
// plain global: that race is reported at the program's line.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'resolved' of size 4
// CHECK: SUMMARY: weft: data race {{.*}}getaddrinfo_race.c:27:{{[0-9]+}} in resolve
// CHECK-NOT: WARNING: weft

#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

int resolved;

static void *resolve(void *arg) {
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_ADDRCONFIG;
  if (getaddrinfo("localhost", "80", &hints, &res) == 0) {
    freeaddrinfo(res);
    resolved++;
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, resolve, NULL);
  pthread_create(&b, NULL, resolve, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("resolved %d\n", resolved);
  return 0;
}
