// Prints the variables weft sets for a program and its arguments.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  const char *Seed = getenv("WEFT_SEED");
  const char *Repro = getenv("WEFT_REPRODUCE_COMMAND");
  printf("WEFT_SEED=[%s]\n", Seed ? Seed : "");
  printf("WEFT_REPRODUCE_COMMAND=[%s]\n", Repro ? Repro : "");
  for (int I = 1; I < argc; ++I)
    printf("arg%d=[%s]\n", I, argv[I]);
  return 0;
}
