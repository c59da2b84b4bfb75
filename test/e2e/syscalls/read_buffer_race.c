// read() writes the bytes it returns into the caller's buffer: another
// thread reading that buffer without synchronization races with it.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=6 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'inbox' of size 16

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

char inbox[16];

static void *peeker(void *arg) { return (void *)(long)((volatile char *)inbox)[0]; }

int main(void) {
  int fd = open("/dev/zero", O_RDONLY);
  pthread_t t;
  pthread_create(&t, 0, peeker, 0);
  ssize_t n = read(fd, inbox, sizeof(inbox));
  pthread_join(t, 0);
  return n != sizeof(inbox);
}
