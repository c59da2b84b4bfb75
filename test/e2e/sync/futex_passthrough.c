// Every other system call through syscall() reaches the kernel unchanged,
// with all its arguments and errno.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t | FileCheck %s
// CHECK: getpid matches: 1
// CHECK-NEXT: write: 6
// CHECK-NEXT: bad fd: -1 EBADF

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  printf("getpid matches: %d\n", syscall(SYS_getpid) == getpid());
  fflush(stdout);
  long n = syscall(SYS_write, 1, "write:", 6);
  printf(" %ld\n", n);
  long r = syscall(SYS_close, -5);
  printf("bad fd: %ld %s\n", r, errno == EBADF ? "EBADF" : "?");
  return 0;
}
