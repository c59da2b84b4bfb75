// weft replay becomes the program: its exit status is the program's.
// RUN: %clang %s -o %t
// RUN: %python %S/Inputs/exit_status.py %weft replay 0x5eed %t | FileCheck %s
// CHECK: exit status: 66
int main(void) { return 66; }
