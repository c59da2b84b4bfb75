// The program gets the command that reproduces it, shell-quoted, in
// WEFT_REPRODUCE_COMMAND (the runtime prints it after WEFT_SEED=...).
// RUN: %weft run -O2 %s "it's" x | FileCheck %s
// CHECK: [{{.*}}weft run -O2 {{.*}}run_reproduce_command.c 'it'\''s' x]
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  const char *Command = getenv("WEFT_REPRODUCE_COMMAND");
  printf("[%s]\n", Command ? Command : "");
  return 0;
}
