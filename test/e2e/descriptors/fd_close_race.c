// A descriptor's number is memory, as under TSan: I/O reads it, close
// writes it. A worker uses a descriptor and then sets a relaxed flag (which
// orders nothing); main waits for the flag and closes the descriptor: the
// close is a data race with the worker's use, reported at main's close with
// the descriptor as the location. Without an argument: write.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x5 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE
// RUN: env WEFT_SEED=0x5 %expect-exit 66 %t read 2>&1 | FileCheck %s --check-prefixes=CHECK,READ
// RUN: env WEFT_SEED=0x5 %expect-exit 66 %t dup2 2>&1 | FileCheck %s --check-prefixes=CHECK,DUP2
// RUN: env WEFT_SEED=0x5 %expect-exit 66 %t send 2>&1 | FileCheck %s --check-prefixes=CHECK,SEND
// RUN: env WEFT_SEED=0x9 %expect-exit 66 %t recycled 2>&1 | FileCheck %s --check-prefixes=CHECK,RECYCLED

// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Write of size 1 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 main {{.*}}fd_close_race.c:[[@LINE+67]]
// CHECK:        Previous read of size 1 at 0x{{[0-9a-f]+}} by thread T1:
// WRITE-NEXT:     #0 worker {{.*}}fd_close_race.c:[[@LINE+27]]
// READ-NEXT:      #0 worker {{.*}}fd_close_race.c:[[@LINE+28]]
// DUP2-NEXT:      #0 worker {{.*}}fd_close_race.c:[[@LINE+29]]
// SEND-NEXT:      #0 worker {{.*}}fd_close_race.c:[[@LINE+30]]
// RECYCLED-NEXT:  #0 worker {{.*}}fd_close_race.c:[[@LINE+33]]
// CHECK:        Location is file descriptor {{[0-9]+}} created by main thread at:
// WRITE-NEXT:     #0 main {{.*}}fd_close_race.c:[[@LINE+42]]
// RECYCLED-NEXT:  #0 main {{.*}}fd_close_race.c:[[@LINE+51]]
// CHECK:      SUMMARY: weft: data race {{.*}}fd_close_race.c:[[@LINE+57]]{{.*}} in main
// CHECK:      weft: reported 1 warning

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *what;
static int fds[2];
static int recycled; // the number a second open got, after close
static atomic_int done;

static void *worker(void *arg) {
  char c = 'x';
  if (!strcmp(what, "write"))
    write(fds[1], &c, 1); // L:write
  else if (!strcmp(what, "read"))
    read(fds[0], &c, 1); // L:read
  else if (!strcmp(what, "dup2"))
    dup2(fds[1], 100); // L:dup2
  else if (!strcmp(what, "send"))
    send(fds[1], &c, 1, 0); // L:send
  else if (!strcmp(what, "recycled"))
    // The number main's open reused: this thread reads through it, unordered
    // with the open (a new life) and with main's close.
    pread(recycled, &c, 1, 0); // L:recread
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  return NULL;
}

int main(int argc, char **argv) {
  what = argc > 1 ? argv[1] : "write";
  int Target = 1;
  if (!strcmp(what, "send")) {
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds))
      return 1;
  } else if (pipe(fds)) { // L:pipe
    return 1;
  }
  if (!strcmp(what, "read"))
    write(fds[1], "x", 1);
  if (!strcmp(what, "read"))
    Target = 0;
  if (!strcmp(what, "recycled")) {
    // The pipe's read end goes, and /dev/zero takes its number.
    close(fds[0]);
    recycled = open("/dev/zero", O_RDONLY); // L:open
    Target = -1;
  }
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  while (!atomic_load_explicit(&done, memory_order_relaxed))
    sched_yield();
  close(Target >= 0 ? fds[Target] : recycled); // L:close
  pthread_join(t, NULL);
  printf("done\n");
  return 0;
}
