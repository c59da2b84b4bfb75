// measure.c: the launcher bench/run starts each measured command through.
//
//   measure RESULT_FILE COMMAND [ARGS...]
//
// Forks, execs COMMAND, waits for it with wait4() and writes one line to
// RESULT_FILE: "<wait status> <wall s> <user s> <sys s> <maxrss KB>".
//
// Why not wait4() straight from Python: Linux keeps the peak RSS of the
// process image an exec replaces, so a child forked (or vforked) from the
// ~16 MB Python interpreter reports ru_maxrss >= 16 MB whatever it runs.
// Forked from this small (static when possible) launcher, the floor is the
// launcher's own few hundred KB.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double secs(struct timeval tv) { return tv.tv_sec + tv.tv_usec * 1e-6; }

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s RESULT_FILE COMMAND [ARGS...]\n", argv[0]);
    return 2;
  }
  double t0 = now();
  pid_t pid = fork();
  if (pid < 0) {
    perror("measure: fork");
    return 2;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    perror("measure: exec");
    _exit(127);
  }
  int status;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) {
    perror("measure: wait4");
    return 2;
  }
  double wall = now() - t0;
  FILE *f = fopen(argv[1], "w");
  if (!f) {
    perror("measure: result file");
    return 2;
  }
  fprintf(f, "%d %.6f %.6f %.6f %ld\n", status, wall, secs(ru.ru_utime),
          secs(ru.ru_stime), ru.ru_maxrss);
  return fclose(f) == 0 ? 0 : 2;
}
