// The race-free twin of sarif_race.c: that program built with ORDERED, the
// increment under a mutex. weft test passes, and its SARIF has the run and
// no result (a code-scanning upload then closes earlier alerts).
// RUN: rm -rf %t && mkdir -p %t
// RUN: cd %S && %weft cc -race -g -O1 sarif_norace.c -o %t/prog
// RUN: cd %S && %weft test -n 3 --seed 1 --sarif %t/out.sarif %t/prog > %t/log
// RUN: FileCheck %s < %t/out.sarif
// RUN: %python %S/Inputs/validate_sarif.py %sarif-multitool %t/out.sarif | FileCheck %s --check-prefix=VALID
// VALID: valid SARIF: 0 errors, 0 warnings
// REQUIRES: sarif-multitool
// CHECK: "version": "2.1.0",
// CHECK: "rules": []
// CHECK: "schedules": 3
// CHECK: "results": []

#define ORDERED
#include "sarif_race.c"
