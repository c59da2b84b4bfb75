// inversion_after_join.c (opposite lock orders separated by a join, so never
// a deadlock) in a program that never ends when a schedule is steered toward
// the inversion: `weft test` must give up on each steered run at its time
// limit, as on any other run.
#include <stdlib.h>
#include <string.h>

#define main inversion_after_join
#include "inversion_after_join.c"
#undef main

volatile unsigned long spins;

int main(void) {
  const char *Options = getenv("WEFT_OPTIONS");
  if (Options && strstr(Options, "steer_deadlock="))
    for (;;)
      ++spins;
  return inversion_after_join();
}
