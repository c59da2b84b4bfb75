// A program killed by signal N makes weft run exit 128+N (SIGABRT: 134).
// RUN: %python %S/Inputs/exit_status.py %weft run %s | FileCheck %s
// CHECK: exit status: 134
#include <stdlib.h>
int main(void) { abort(); }
