// weft run exits with the program's exit code.
// RUN: %python %S/Inputs/exit_status.py %weft run %s | FileCheck %s
// CHECK: exit status: 3
int main(void) { return 3; }
