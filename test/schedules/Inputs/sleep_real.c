// Sleeps argv[1] seconds (default 1) of real time. Built with -race (weft
// test refuses programs without weft's runtime), it makes the system call
// itself: sleep() would be virtual time under weft's scheduler.
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
int main(int argc, char **argv) {
  struct timespec T = {argc > 1 ? atoi(argv[1]) : 1, 0};
  syscall(SYS_nanosleep, &T, NULL);
  return 0;
}
