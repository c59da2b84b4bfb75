// Twin of read_buffer_race.c: the other thread only looks at the buffer
// after being joined; reads from /dev/zero never leave the schedule and the
// run carries no determinism note.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 6 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: weft: note
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

char inbox[16];

static void *filler(void *arg) {
  int fd = open("/dev/zero", O_RDONLY);
  return (void *)(long)(read(fd, inbox, sizeof(inbox)) != sizeof(inbox));
}

int main(void) {
  pthread_t t;
  void *rc;
  pthread_create(&t, 0, filler, 0);
  pthread_join(t, &rc);
  return rc != 0 || inbox[3] != 0;
}
