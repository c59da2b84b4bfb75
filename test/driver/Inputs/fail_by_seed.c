// Stands in for a program that reports under `weft test` (built with -race,
// as weft test requires, but without a race): prints its seed on
// stdout and stderr, then fails when the seed is a multiple of argv[1] (with
// the exit code argv[2], default 66), or when it equals argv[1] if argv[1] is
// 0x-prefixed.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  const char *Text = getenv("WEFT_SEED");
  unsigned long long Seed = Text ? strtoull(Text, NULL, 0) : 0;
  printf("out %s\n", Text ? Text : "(none)");
  fflush(stdout); // keep out before err in the captured output
  fprintf(stderr, "err %s\n", Text ? Text : "(none)");
  if (argc < 2)
    return 0;
  int Code = argc > 2 ? atoi(argv[2]) : 66;
  unsigned long long Arg = strtoull(argv[1], NULL, 0);
  if (strncmp(argv[1], "0x", 2) == 0)
    return Seed == Arg ? Code : 0;
  return Seed % Arg == 0 ? Code : 0;
}
